"""The persona matrix of the part «partners» of issue 20 (see the package's docstring): a partner
kept by school A (school B for variant ``b``) with an agreement and its signed file, and a
participant outside the staff of the school coming from that partner. The expectations are
written from ``PERMISSIONS["partner" | "partneragreement" | "nonstaffparticipant" |
"mentoringprogram"]`` (seed 002 §1, §6, §8; 003 §4.5): everyone of the subtree sees the registry
and the participants; the curator, the head, the coordinator and the operator keep the registry
and the agreements; the curator and the head keep the participants outside the staff and attach
the partner to their programs; the mentor and the mentee reach none of it."""

from __future__ import annotations

from nastavnik.testing.matrix import _pk
from nastavnik.testing.matrix_groups import CO, CU, HD, KEEP, OP, SEE, e

#: Those who keep the registry of partners and the agreements (``SECTION_KEEPERS``).
KEEPERS_ABOVE = frozenset({OP, CO, HD, CU})

PROVIDERS: dict = {
    "partners:detail": _pk("partner"),
    "partners:edit": _pk("partner"),
    "partners:agreement_add": _pk("partner", "partner_pk"),
    "partners:agreement_edit": _pk("partner_agreement"),
    "partners:agreement_file": _pk("partner_agreement"),
    "partners:program_attach": _pk("partner"),
    "partners:program_detach": _pk("partner"),
    "partners:nonstaff_edit": _pk("nonstaff_participant"),
    "partners:nonstaff_end": _pk("nonstaff_participant"),
}
QUERIES: dict = {
    "partners:list": {
        "xlsx": "export=xlsx",
        "garbage": "kind=zzz&unit=%C2%B2&is_active=maybe&q=%00&page=last",
    },
    "partners:nonstaff_list": {"garbage": "category=zzz&organization=-1&state=%C2%B2&q=%00"},
}
BODIES: dict = {
    "partners:nonstaff_end": lambda o: {"ended_on": "2000-01-01"},
}
EXPECTED: dict = {
    "partners:list": e(SEE),
    "partners:add": e(KEEPERS_ABOVE, KEEPERS_ABOVE),
    "partners:detail": e(SEE),
    "partners:edit": e(KEEPERS_ABOVE, KEEPERS_ABOVE),
    "partners:agreement_add": e(KEEPERS_ABOVE, KEEPERS_ABOVE),
    "partners:agreement_edit": e(KEEPERS_ABOVE, KEEPERS_ABOVE),
    "partners:agreement_file": e(KEEPERS_ABOVE),
    "partners:program_attach": e(KEEP, KEEP),
    "partners:program_detach": e(KEEP, KEEP),
    "partners:nonstaff_list": e(SEE),
    "partners:nonstaff_add": e(KEEP, KEEP),
    "partners:nonstaff_edit": e(KEEP, KEEP),
    "partners:nonstaff_end": e(KEEP, KEEP),
}
PUBLIC: set[str] = set()
REGIONAL: set[str] = set()


def objects(world, a: dict, b: dict, nc: dict) -> None:
    """A partner of school A (variant ``a``) and of school B (``b``), written by the system through
    the services, each with an agreement in force carrying a PDF and a participant outside the
    staff of the school (an employee of the partner)."""
    import datetime as dt

    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.utils import timezone

    from nastavnik.partners import services

    today = timezone.localdate()
    for variant, school, surname in ((a, world.school_a, "Партнёрова"), (b, world.school_b, "Заводская")):
        partner = services.partner_create(
            by=None, unit=school, full_name=f"ООО «Партнёр {school.short_name}»", kind="enterprise"
        )
        variant["partner"] = partner
        variant["partner_agreement"] = services.agreement_create(
            by=None,
            partner=partner,
            unit=school,
            number="1-П",
            concluded_on=today - dt.timedelta(days=10),
            starts_on=today - dt.timedelta(days=10),
            file=SimpleUploadedFile("soglashenie.pdf", b"%PDF-1.4\n%%EOF\n", content_type="application/pdf"),
        )
        variant["nonstaff_participant"] = services.nonstaff_create(
            by=None,
            organization=school,
            person_fields={
                "last_name": surname,
                "first_name": "Елена",
                "middle_name": "Сергеевна",
                "sex": "F",
                "birth_date": dt.date(1982, 4, 5),
            },
            category="employer",
            partner=partner,
            started_on=today - dt.timedelta(days=10),
        )

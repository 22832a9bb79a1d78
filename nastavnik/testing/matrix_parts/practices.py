"""The persona matrix of the part «practices» of issue 19 (see the package's docstring): best
practices of school A and of school B in the statuses the pages need — a draft with a file, a
case on moderation, a published case with a file — and the expectations written from
``PERMISSIONS["bestpractice"]`` and ``BestPractice.scope_filter`` (seed 000 App. 2 §2.3, 003 §4.8):
viewing — the subtree's roles (``SUBTREE_ROLES``: ``SEE``) and every published case for all who
are signed in; changing, submitting, withdrawing — the author unit's keepers (``KEEP``); returning,
publishing, unpublishing — the municipality's coordinator and the region's operator. The public
base and a published case's page and files are open to everyone (``PUBLIC``), school B's as
school A's (``REGIONAL``)."""

from __future__ import annotations

from nastavnik.testing.matrix import _labelled, _pk
from nastavnik.testing.matrix_groups import CO, CU, HD, KEEP, NONE, OP, SEE, SIGNED, e

#: The moderators of school A's cases (the municipality 1 and the region).
MODERATE = frozenset({OP, CO})

PROVIDERS: dict = {
    "practices:public_detail": _labelled(published=_pk("practice_published"), draft=_pk("practice")),
    "practices:public_file": _labelled(published=_pk("practice_published_file"), draft=_pk("practice_file")),
    "practices:detail": _labelled(
        draft=_pk("practice"), submitted=_pk("practice_submitted"), published=_pk("practice_published")
    ),
    "practices:edit": _pk("practice"),
    "practices:action": _labelled(
        submit=lambda o: o.get("practice") and {"pk": o["practice"].pk, "action": "submit"},
        withdraw=lambda o: (
            o.get("practice_submitted") and {"pk": o["practice_submitted"].pk, "action": "withdraw"}
        ),
        **{
            "return": lambda o: (
                o.get("practice_submitted") and {"pk": o["practice_submitted"].pk, "action": "return"}
            )
        },
        publish=lambda o: (
            o.get("practice_submitted") and {"pk": o["practice_submitted"].pk, "action": "publish"}
        ),
        unpublish=lambda o: (
            o.get("practice_published") and {"pk": o["practice_published"].pk, "action": "unpublish"}
        ),
    ),
    "practices:file": _pk("practice_file", "file"),
    "practices:file_delete": _pk("practice_file", "file"),
}
QUERIES: dict = {
    "practices:list": {
        "xlsx": "export=xlsx",
        "filtered": "status=published&q=%D0%BD%D0%B0%D1%81%D1%82%D0%B0%D0%B2%D0%BD%D0%B8%D0%BA",
        "garbage": "status=zzz&form=%C2%B2&organization=-1&page=last",
    },
    "practices:public_list": {
        "search": "q=%D0%BD%D0%B0%D1%81%D1%82%D0%B0%D0%B2%D0%BD%D0%B8%D0%BA",
        "garbage": "form=abc&kind=99999999999&area=%C2%B2&municipality=-1&page=0",
        "municipality": lambda o: (
            o.get("practice") and f"municipality={o['practice'].organization.parent_id}"
        ),
    },
}
BODIES: dict = {
    "practices:action[return]": lambda o: {"comment": "Уточните результаты практики"},
    "practices:action[unpublish]": lambda o: {"comment": "Практика устарела"},
    "practices:edit": lambda o: {"title": "Изменённая практика", "form": o["practice"].form_id},
}
EXPECTED: dict = {
    "practices:public_list": e(SIGNED),
    "practices:public_detail[published]": e(SIGNED),
    "practices:public_detail[draft]": e(NONE),
    "practices:public_file[published]": e(SIGNED),
    "practices:public_file[draft]": e(NONE),
    "practices:list": e(SIGNED),
    "practices:create": e(MODERATE | KEEP, MODERATE | KEEP),
    "practices:detail[draft]": e(SEE),
    "practices:detail[submitted]": e(SEE),
    "practices:detail[published]": e(SIGNED),
    "practices:edit": e(KEEP, KEEP),
    "practices:action[submit]": e(KEEP, KEEP),
    "practices:action[withdraw]": e(KEEP, KEEP),
    "practices:action[return]": e(MODERATE, MODERATE),
    "practices:action[publish]": e(MODERATE, MODERATE),
    "practices:action[unpublish]": e(MODERATE, MODERATE),
    "practices:file": e(SEE),
    "practices:file_delete": e(KEEP, KEEP),
}
PUBLIC: set[str] = {
    "practices:public_list",
    "practices:public_list[search]",
    "practices:public_list[garbage]",
    "practices:public_list[municipality]",
    "practices:public_detail[published]",
    "practices:public_file[published]",
}
REGIONAL: set[str] = {
    "practices:public_detail[published]",
    "practices:public_file[published]",
    "practices:detail[published]",
}

_ = (CU, HD)  # (named in the docstring's groups)


def objects(world, a: dict, b: dict, nc: dict) -> None:
    """A draft with a file, a case on moderation and a published case with a file, of school A
    (variant ``a``) and of school B (``b``), written by the system through the services."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    from nastavnik.practices.services import practices as services
    from nastavnik.reference.models import MentoringForm

    form = MentoringForm.objects.order_by("sort_order").first()

    def pdf():
        return SimpleUploadedFile("programma.pdf", b"%PDF-1.4\n%%EOF\n", content_type="application/pdf")

    def make(unit, title: str):
        return services.practice_create(
            organization=unit,
            by=None,
            title=title,
            form=form,
            description="Пары наставник — молодой учитель, встречи раз в неделю",
            results="Молодые учителя остались в школе",
        )

    for variant, unit in ((a, world.school_a), (b, world.school_b)):
        draft = make(unit, "Черновик практики наставничества")
        variant["practice"] = draft
        variant["practice_file"] = services.file_add(practice=draft, by=None, file=pdf(), title="Программа")
        submitted = make(unit, "Практика на модерации")
        services.practice_submit(practice=submitted, by=None)
        variant["practice_submitted"] = submitted
        public = make(unit, "Опубликованная практика наставничества")
        variant["practice_published_file"] = services.file_add(
            practice=public, by=None, file=pdf(), title="Презентация"
        )
        services.practice_submit(practice=public, by=None)
        services.practice_publish(practice=public, by=None)
        variant["practice_published"] = public

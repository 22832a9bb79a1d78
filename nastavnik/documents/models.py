"""The registry of official documents of an organization (seed 002 §10, 004 §1.6)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.urls import reverse

from nastavnik.access.querysets import ScopedQuerySet, paths_q
from nastavnik.documents.choices import PASSPORT_KINDS, DocumentKind, DocumentStatus
from nastavnik.people.consent import consented_q, partner_consented_q


def consented_documents_q() -> Q:
    """Documents that name no one without a valid consent to personal-data processing: about
    no person, pair, program or fixed pairs, or about people who all consented (152-ФЗ art. 9).

    Every link of a document to people is checked — ``person``, ``pair``, ``program`` and the
    ``pairs`` an order fixes — so an order stays closed once any of its participants withdraws
    the consent, whenever that happens (the rule is asked at each read, ``people.consent``).

    Correlated ``NOT EXISTS`` per document, not ``NOT IN (every unconsented pair)``: the lists
    would make PostgreSQL scan every pair of the region (and compile the plan) for one page
    (issue 16: 6 s for the registry of a region of 60,000 teachers)."""
    from nastavnik.mentoring.models import unconsented_pairs

    unconsented = unconsented_pairs()
    fixing_unconsented = Document.pairs.through.objects.filter(
        document_id=OuterRef("pk"), pair_id__in=unconsented.values("pk")
    )
    return (
        (Q(person__isnull=True) | consented_q("person_id"))
        & (Q(pair__isnull=True) | ~Exists(unconsented.filter(pk=OuterRef("pair_id"))))
        & (Q(program__isnull=True) | ~Exists(unconsented.filter(program_id=OuterRef("program_id"))))
        & ~Exists(fixing_unconsented)
    )


class DocumentQuerySet(ScopedQuerySet):
    scope_model = "document"

    def files_for(self, user) -> DocumentQuerySet:
        """Documents whose files (DOCX, PDF, the signed scan) ``user`` may download: those they
        see, but a paper with the subject's passport data (``PASSPORT_KINDS``) only with the
        ``view_scan`` right — the curator and the head of the organization, the person
        themselves (152-ФЗ art. 9)."""
        return self.for_user(user, "view").exclude(kind__in=PASSPORT_KINDS) | self.for_user(user, "view_scan")

    def for_export(self) -> DocumentQuerySet:
        """Only documents that name no one without a valid consent leave in a file, even when
        the curator sees the others on the page (152-ФЗ art. 9)."""
        return self.filter(consented_documents_q())


class Document(models.Model):
    """One issued document: its kind, number and date, the generated DOCX, and once signed the
    scan uploaded back.

    ``params``: the JSON of choices made when it was drawn up (dates, responsible persons, the
    forms and kinds of the Положение…), kept so that the next document of the kind starts from
    them. ``person``, ``pair``, ``program`` and ``pairs`` name what the document is about,
    according to the kind's subject (``documents.specs``). A signed document is frozen: its file
    is no longer regenerated.
    """

    organization = models.ForeignKey(
        "organizations.OrgUnit",
        verbose_name="организация",
        on_delete=models.PROTECT,
        related_name="documents",
        limit_choices_to={"level": "organization"},
    )
    kind = models.CharField("вид документа", max_length=32, choices=DocumentKind.choices)
    title = models.CharField("наименование", max_length=500)
    number = models.CharField("номер", max_length=32, blank=True)
    date = models.DateField("дата документа")
    status = models.CharField(
        "состояние", max_length=16, choices=DocumentStatus.choices, default=DocumentStatus.DRAFT
    )
    params = models.JSONField("параметры", default=dict, blank=True)
    file = models.FileField("файл DOCX", upload_to="documents/%Y/%m/", blank=True)
    # The PDF copy of ``file`` made at the first download and served again while the DOCX is
    # the one it was made from (``pdf_digest``: ``render.docx_digest`` of that DOCX); issue 16.
    pdf = models.FileField("копия в PDF", upload_to="documents/pdf/%Y/%m/", blank=True)
    pdf_digest = models.CharField("отпечаток DOCX копии в PDF", max_length=64, blank=True)
    person = models.ForeignKey(
        "people.Person",
        verbose_name="работник",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="documents",
    )
    pair = models.ForeignKey(
        "mentoring.Pair",
        verbose_name="пара",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="documents",
    )
    program = models.ForeignKey(
        "mentoring.PersonalizedProgram",
        verbose_name="персонализированная программа",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="documents",
    )
    pairs = models.ManyToManyField(
        "mentoring.Pair", verbose_name="закрепляемые пары", blank=True, related_name="fixing_orders"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="составил",
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    scan = models.FileField("скан подписанного документа", upload_to="documents/signed/%Y/", blank=True)
    signed_on = models.DateField("дата подписания", null=True, blank=True)
    signed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="отметку о подписании внёс",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField("создано", auto_now_add=True)
    updated_at = models.DateTimeField("изменено", auto_now=True)

    objects = DocumentQuerySet.as_manager()

    class Meta:
        verbose_name = "документ"
        verbose_name_plural = "документы"
        ordering = ["-date", "-pk"]
        indexes = [models.Index(fields=["organization", "kind", "-date"], name="document_org_kind_date")]
        constraints = [
            models.CheckConstraint(
                condition=Q(status=DocumentStatus.DRAFT) | (Q(signed_on__isnull=False) & ~Q(scan="")),
                name="document_signed_has_scan",
                violation_error_message="Подписанный документ должен иметь дату подписания и скан.",
            ),
            models.CheckConstraint(
                condition=Q(signed_on__isnull=True) | Q(signed_on__gte=models.F("date")),
                name="document_signed_after_date",
                violation_error_message="Документ не может быть подписан раньше своей даты.",
            ),
        ]

    def __str__(self) -> str:
        number = f" № {self.number}" if self.number else ""
        return f"{self.title}{number} от {self.date:%d.%m.%Y}"

    def get_absolute_url(self) -> str:
        return reverse("documents:detail", args=[self.pk])

    @property
    def is_signed(self) -> bool:
        return self.status == DocumentStatus.SIGNED

    @classmethod
    def scope_filter(cls, scope, action: str) -> Q:
        """Documents of the organizations in the user's subtrees for ``action`` on ``document``.

        As for people (152-ФЗ art. 9): the curator and the head reach every document of their
        organization; the roles above them only documents that name no one without a valid
        consent to personal-data processing (``consented_documents_q``). Mentors and mentees see
        the documents about themselves and their pairs.
        """
        exempt, bound = scope.consent_paths("document", action)
        condition = paths_q("organization__path", exempt)
        if bound:
            condition |= paths_q("organization__path", bound) & consented_documents_q()
        if action == "view_scan" and scope.person_id:
            condition |= Q(person_id=scope.person_id)
        if action == "view" and scope.person_id:
            from nastavnik.mentoring.models import Pair

            # Subqueries, not joins: a group's program has several pairs, and a join would bring
            # its documents back once per pair. A paper of the pair or the program names the
            # other people in it: it is open to a participant only while they all consented
            # (152-ФЗ art. 9), except that the one who withdrew still reads their own.
            me = scope.person_id
            own = Pair.objects.filter(Q(mentor_id=me) | Q(mentee_id=me))
            # A minor participant's consent is given by the representative and counts for the
            # others of the pair (``partner_consented_q``, issue 20).
            others_consented = (
                Q(pair__isnull=True) | Q(pair__mentor_id=me) | partner_consented_q("pair__mentor_id")
            ) & (Q(pair__isnull=True) | Q(pair__mentee_id=me) | partner_consented_q("pair__mentee_id"))
            program_others = Pair.objects.filter(program_id=OuterRef("program_id")).exclude(
                Q(mentor_id=me) | partner_consented_q("mentor_id"),
                Q(mentee_id=me) | partner_consented_q("mentee_id"),
            )
            condition |= Q(person_id=me) | (
                (
                    Q(pair_id__in=own.values("pk"))
                    | Q(program_id__in=own.exclude(program__isnull=True).values("program_id"))
                )
                & others_consented
                & (Q(program__isnull=True) | ~Exists(program_others))
            )
        return condition

"""Pages that form pairs from suggestions (seed 000 §IV stage 5 «формирование пар», §3.5; 001
§4.4.3, §7.1.1; 004 §1.6.6): the candidates of one mentee, the assignment of a whole pool with
the curator's confirmation, and the psychologist's compatibility marks.

Access comes from scoped querysets (``matching.selectors``: ``matching_mentees``,
``pairable_mentees``, ``pool_units``, ``mark_units``): a mentee outside the user's scope is a
404; forming pairs is offered and accepted only for mentees of organizations where the user may
add pairs (the curator). The client is trusted with ids only: suggestions are built again from
the database, and the services check every rule once more.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import Http404
from django.shortcuts import redirect
from django.urls import reverse
from django.views.generic import TemplateView

from nastavnik.access.scope import get_scope
from nastavnik.bank.models import MenteeProfile, MentorProfile
from nastavnik.core.views import (
    RightRequiredMixin,
    ScopedActionMixin,
    ScopedFormView,
    ScopedListView,
    id_param,
)
from nastavnik.matching.filtersets import CompatibilityMarkFilterSet
from nastavnik.matching.forms import (
    CandidateChoiceForm,
    CompatibilityMarkForm,
    PoolConfirmForm,
    PoolUnitForm,
)
from nastavnik.matching.models import CompatibilityMark
from nastavnik.matching.scoring import (
    MentorFacts,
    PairSuggestion,
    Score,
    score,
    signed,
)
from nastavnik.matching.selectors import (
    PoolFacts,
    mark_units,
    matching_mentees,
    may_pair,
    mentor_candidates,
    offerable_mentors,
    pair_units,
    pairable_mentees,
    pool_facts,
    pool_units,
    under_unit_q,
)
from nastavnik.matching.services import compatibility_mark_set, pair_suggestions_confirm, pool_assign
from nastavnik.mentoring.models import PersonalizedProgram
from nastavnik.mentoring.services.pairs import program_create
from nastavnik.organizations.choices import Level

#: Russian names of the criteria of an explanation (``scoring.Reason.criterion``).
CRITERIA = {
    "difficulty": "Затруднения",
    "request": "Запрос",
    "areas": "Затруднения и запрос",
    "subject": "Предмет",
    "same_organization": "Место работы",
    "same_municipality": "Место работы",
    "virtual": "Место работы",
    "place": "Место работы",
    "experience": "Педагогический стаж",
    "experience_not_greater": "Педагогический стаж",
    "load": "Загрузка",
    "earlier_pair": "Прежняя пара",
    "psychologist": "Оценка психолога",
    "consents": "Письменные согласия",
}


@dataclass(frozen=True)
class ExplanationLine:
    """One line of an explanation as a page shows it: the criterion, the points, the text."""

    criterion: str
    points: int
    signed_points: str
    text: str


#: The open-bank field (``bank.choices.PUBLIC_FIELDS``) a criterion's text tells about.
CRITERION_FIELDS = {
    "difficulty": "competences",
    "request": "competences",
    "areas": "competences",
    "subject": "subjects",
    "experience": "experience",
    "experience_not_greater": "experience",
}

UNPUBLISHED = "Сведения не опубликованы наставником в открытом банке"


def explanation(explained: Score, *, published: frozenset[str] | None = None) -> list[ExplanationLine]:
    """The lines of ``explained`` for a table: the Russian criterion, the points and the text
    without its trailing «— +N» (the points have a column of their own).

    ``published``: for a mentor the user sees only through the open bank (seed 001 §7.1.1),
    the fields the mentor agreed to publish; the text of a criterion about another field is
    replaced by :data:`UNPUBLISHED`. Such a criterion has scored nothing: the candidates are
    scored on what the mentor published (``selectors.mentor_facts(home_organization_id=…)``)."""
    lines = []
    for reason in explained.reasons:
        points = signed(reason.points)
        text = reason.text.removesuffix(f" — {points}")
        field = CRITERION_FIELDS.get(reason.criterion)
        if published is not None and field is not None and field not in published:
            text = UNPUBLISHED
        lines.append(
            ExplanationLine(
                criterion=CRITERIA.get(reason.criterion, reason.criterion),
                points=reason.points,
                signed_points=points,
                text=text,
            )
        )
    return lines


@dataclass(frozen=True)
class CandidateRow:
    """A candidate on the page: the suggestion, its explanation, where its card is (the mentor
    card in the mentee's organization, else the open-bank card), the psychologist's mark."""

    suggestion: PairSuggestion
    lines: list[ExplanationLine]
    card_url: str
    from_open_bank: bool
    mark: CompatibilityMark | None


def _open_bank_card(mentor: MentorFacts) -> str:
    return reverse("bank:open_bank_detail", args=[mentor.profile_id])


class MentorCandidatesView(ScopedActionMixin, TemplateView):
    """«Подбор наставника»: the ranked candidates of one mentee with the explained scores
    (``selectors.mentor_candidates``); a POST forms a pair with the chosen one together with
    the draft of its personalized program (``mentoring.services.pairs.program_create``) and
    leads to the program's page.

    The mentee: in the user's view scope through a role over the organization
    (``selectors.matching_mentees``), else 404. Forming a pair: only for users who may add
    pairs there (the curator), else 403; the mentor must be of the mentee's organization or in
    the open bank (seed 001 §7.1.1), as the candidates are.
    """

    template_name = "matching/candidates.html"
    limit = 20
    model = MenteeProfile
    forbidden_message = "Сформировать пару может только куратор организации наставляемого."

    def resolve_object(self) -> MenteeProfile:
        try:
            self.mentee = (
                matching_mentees(self.request.user)
                .select_related("person", "organization")
                .get(pk=self.kwargs["pk"])
            )
        except (MenteeProfile.DoesNotExist, ValueError, TypeError):
            raise Http404("Наставляемый не найден или недоступен.") from None
        return self.mentee

    def action_refusal(self, mentee) -> str:
        """Seeing the candidates is the view scope's; forming a pair (POST) is for users who may
        add pairs in the mentee's organization (``selectors.may_pair``)."""
        if self.request.method == "POST" and not may_pair(self.request.user, mentee):
            return self.forbidden_message
        return ""

    def get(self, request, *args, **kwargs):
        return self.render_to_response(self.get_context_data())

    def post(self, request, *args, **kwargs):
        form = CandidateChoiceForm(request.POST)
        if not form.is_valid():
            return self._show_errors([e for errors in form.errors.values() for e in errors])
        mentor_profile = (
            offerable_mentors(self.mentee)
            .filter(person_id=form.cleaned_data["mentor"])
            .select_related("person")
            .first()
        )
        if mentor_profile is None:
            return self._show_errors(
                [
                    "Этого наставника нельзя предложить: наставник из другой организации подбирается "
                    "только через открытый банк наставников."
                ]
            )
        try:
            program = program_create(
                mentor=mentor_profile.person, mentees=[self.mentee.person], by=request.user
            )
        except ValidationError as exc:
            return self._show_errors(exc.messages)
        messages.success(
            request,
            f"Сформирована пара «{mentor_profile.person.full_name} → {self.mentee.person.full_name}», "
            "создан проект персонализированной программы.",
        )
        return redirect(program.get_absolute_url())

    def _show_errors(self, errors: list[str]):
        return self.render_to_response(self.get_context_data(errors=errors))

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user, mentee = self.request.user, self.mentee
        candidates = mentor_candidates(mentee=mentee, limit=self.limit)
        marks = {
            mark.mentor_id: mark
            for mark in CompatibilityMark.objects.for_user(user).filter(mentee_id=mentee.person_id)
        }
        # Mentors of other organizations outside the user's scope are seen through the open bank
        # only: what they did not publish is not told by the explanation either.
        others = [
            c.mentor.profile_id for c in candidates if c.mentor.organization_id != mentee.organization_id
        ]
        in_scope = set(
            MentorProfile.objects.for_user(user).filter(pk__in=others).values_list("pk", flat=True)
        )
        published = {
            pk: frozenset(fields or ())
            for pk, fields in MentorProfile.objects.filter(pk__in=set(others) - in_scope).values_list(
                "pk", "public_fields"
            )
        }
        rows = []
        for candidate in candidates:
            mentor = candidate.mentor
            own = mentor.organization_id == mentee.organization_id
            rows.append(
                CandidateRow(
                    suggestion=candidate,
                    lines=explanation(candidate.score, published=published.get(mentor.profile_id)),
                    card_url=reverse("bank:mentor_detail", args=[mentor.profile_id])
                    if own
                    else _open_bank_card(mentor),
                    from_open_bank=not own,
                    mark=marks.get(mentor.person_id),
                )
            )
        context.update(
            mentee=mentee,
            rows=rows,
            limit=self.limit,
            can_pair=may_pair(user, mentee),
            can_mark=mark_units(user).filter(pk=mentee.organization_id).exists(),
        )
        return context


@dataclass(frozen=True)
class VisiblePool:
    """A pool narrowed to the people the user may see (152-ФЗ art. 9: roles other than the
    curator and the head see people with a valid consent only), and how many were left out."""

    facts: PoolFacts
    hidden_mentees: int
    hidden_mentors: int


def visible_pool(user, unit) -> VisiblePool:
    """``selectors.pool_facts`` of ``unit`` keeping the mentees and mentors whose bank profiles
    are in ``user``'s view scope (two more queries). Those left out are not assigned either:
    a page never suggests a person it could not show."""
    pool = pool_facts(unit=unit)
    if user.is_superuser:
        return VisiblePool(pool, 0, 0)
    under = under_unit_q(unit)
    mentee_ids = set(MenteeProfile.objects.for_user(user).filter(under).values_list("pk", flat=True))
    mentor_ids = set(MentorProfile.objects.for_user(user).filter(under).values_list("pk", flat=True))
    mentees = [m for m in pool.mentees if m.profile_id in mentee_ids]
    mentors = [m for m in pool.mentors if m.profile_id in mentor_ids]
    return VisiblePool(
        PoolFacts(mentees=mentees, mentors=mentors, relations=pool.relations),
        hidden_mentees=len(pool.mentees) - len(mentees),
        hidden_mentors=len(pool.mentors) - len(mentors),
    )


def _couple_key(mentor_id: int, mentee_id: int) -> str:
    return f"{mentor_id}:{mentee_id}"


def _chosen_suggestions(
    couples: list[tuple[int, int]], pool: PoolFacts, *, unit, names: dict[int, str]
) -> tuple[list[PairSuggestion], list[str]]:
    """The suggestions of the chosen ``couples`` (person ids) built again from ``pool``, and a
    Russian message for each couple whose mentee or mentor is no longer in it (``names``: the
    mentees' full names by person id)."""
    mentees = {m.person_id: m for m in pool.mentees}
    mentors = {m.person_id: m for m in pool.mentors}
    suggestions, errors = [], []
    for mentor_id, mentee_id in couples:
        mentee, mentor = mentees.get(mentee_id), mentors.get(mentor_id)
        if mentee is None:
            errors.append(
                f"{names[mentee_id]} нет среди наставляемых, ожидающих наставника, в пуле «{unit}»: "
                "возможно, пара уже сформирована."
            )
        elif mentor is None:
            errors.append(
                f"Наставник, выбранный для {names[mentee_id]}, не входит в пул «{unit}»: нет свободных "
                "мест, не действующий наставник или из другой организации. Обновите страницу."
            )
        else:
            suggestions.append(PairSuggestion(mentor, mentee, score(mentor, mentee, pool.relations)))
    return suggestions, errors


class PoolView(RightRequiredMixin, TemplateView):
    """«Распределение наставников»: the optimal assignment of the pool of an organization (the
    curator's own) or a municipality (a choice for the coordinator and the operator) —
    ``selectors.pool_facts`` + ``services.pool_assign`` — with the proof of optimality, the
    suggested pairs and their explanations, the mentees left without a mentor and the excluded
    mentors, each with the reason.

    A POST confirms the chosen pairs (``services.pair_suggestions_confirm``): each a pair with
    the draft of its program, all or nothing. Only mentees of organizations where the user may
    add pairs are accepted (others: 404); the suggestions are built again from the database.
    On success: the message «Утверждено пар: N» and the list of the new draft programs.

    Users who see the pairs of no unit (mentors, mentees): 403.
    """

    template_name = "matching/pool.html"
    forbidden_message = "Распределение наставников доступно сотрудникам организаций и органов управления."

    def has_right(self) -> bool:
        return pool_units(self.request.user).exists()

    def _default_unit(self):
        """The unit a user starts from: the first organization or municipality on which they
        hold a role, else the only unit they may choose."""
        units = pool_units(self.request.user).order_by("path")
        user = self.request.user
        if not user.is_superuser:
            own = units.filter(pk__in=get_scope(user).unit_ids("pair", "view")).first()
            if own is not None:
                return own
        return units.first() if units.count() == 1 else None

    def get(self, request, *args, **kwargs):
        if "unit" in request.GET:
            form = PoolUnitForm(request.GET, user=request.user)
        else:
            default = self._default_unit()
            data = {"unit": default.pk} if default else None
            form = PoolUnitForm(data, user=request.user)
        unit = form.cleaned_data["unit"] if form.is_bound and form.is_valid() else None
        coverage_first = bool(unit and form.cleaned_data.get("coverage_first"))
        return self.render_to_response(
            self.get_context_data(
                unit_form=form,
                unit=unit,
                coverage_first=coverage_first,
                programs=self._programs(request.GET.get("programs", "")),
            )
        )

    def _programs(self, raw: str) -> list[PersonalizedProgram]:
        """The programs ``raw`` («12,13») in the user's scope: the result of a confirmation."""
        ids = [id_param(part) for part in raw.split(",")[:1000]]
        ids = [pk for pk in ids if pk is not None]
        if not ids:
            return []
        return list(
            PersonalizedProgram.objects.for_user(self.request.user)
            .filter(pk__in=ids)
            .prefetch_related("pairs__mentor", "pairs__mentee")
            .order_by("pk")
        )

    def post(self, request, *args, **kwargs):
        user = request.user
        form = PoolConfirmForm(request.POST, user=user)
        if not form.is_valid():
            unit = form.cleaned_data.get("unit")
            if unit is None:
                raise Http404("Организация или муниципальное образование не найдены или недоступны.")
            errors = [e for field_errors in form.errors.values() for e in field_errors]
            return self._show_errors(unit, errors, chosen=set())
        unit, couples = form.cleaned_data["unit"], form.cleaned_data["pair"]
        mentee_ids = {mentee_id for _, mentee_id in couples}
        names = {
            profile.person_id: profile.person.full_name
            for profile in pairable_mentees(user).filter(person_id__in=mentee_ids).select_related("person")
        }
        if mentee_ids - set(names):
            raise Http404("Наставляемый не найден или вам нельзя формировать для него пары.")
        visible = visible_pool(user, unit)
        suggestions, errors = _chosen_suggestions(couples, visible.facts, unit=unit, names=names)
        if not errors:
            try:
                with transaction.atomic():
                    programs = pair_suggestions_confirm(suggestions=suggestions, by=user)
            except ValidationError as exc:
                errors = exc.messages
            else:
                messages.success(request, f"Утверждено пар: {len(programs)}.")
                ids = ",".join(str(program.pk) for program in programs)
                return redirect(f"{reverse('matching:pool')}?unit={unit.pk}&programs={ids}")
        chosen = {_couple_key(*couple) for couple in couples}
        return self._show_errors(unit, errors, chosen=chosen, visible=visible)

    def _show_errors(self, unit, errors: list[str], *, chosen: set[str], visible: VisiblePool | None = None):
        form = PoolUnitForm({"unit": unit.pk}, user=self.request.user)
        form.is_valid()
        return self.render_to_response(
            self.get_context_data(
                unit_form=form, unit=unit, errors=errors, chosen=chosen, programs=[], visible=visible
            )
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        unit = kwargs.get("unit")
        if unit is None:
            return context
        user = self.request.user
        visible = kwargs.get("visible") or visible_pool(user, unit)
        pool = visible.facts
        assignment = pool_assign(
            mentees=pool.mentees,
            mentors=pool.mentors,
            relations=pool.relations,
            coverage_first=kwargs.get("coverage_first", False),
        )
        pairing = set(pair_units(user).filter(under_unit_q(unit, field="")).values_list("pk", flat=True))
        chosen = kwargs.get("chosen")
        rows = []
        for suggestion in assignment.pairs:
            key = _couple_key(suggestion.mentor.person_id, suggestion.mentee.person_id)
            rows.append(
                {
                    "suggestion": suggestion,
                    "key": key,
                    "lines": explanation(suggestion.score),
                    "can_confirm": suggestion.mentee.organization_id in pairing,
                    "checked": chosen is None or key in chosen,
                    "mentee_url": reverse("bank:mentee_detail", args=[suggestion.mentee.profile_id]),
                    "mentor_url": reverse("bank:mentor_detail", args=[suggestion.mentor.profile_id]),
                }
            )
        context.update(
            assignment=assignment,
            rows=rows,
            can_confirm=any(row["can_confirm"] for row in rows),
            hidden_mentees=visible.hidden_mentees,
            hidden_mentors=visible.hidden_mentors,
            mentee_count=len(pool.mentees),
            mentor_count=len(pool.mentors),
            free_places=sum(m.free_places for m in pool.mentors),
            is_municipality=unit.level == Level.MUNICIPALITY,
        )
        return context


class CompatibilityMarkListView(ScopedListView):
    """The psychologist's compatibility marks in the user's scope (seed 000 §3.5), with the form
    to record one for those who may (the psychologist and the curator)."""

    model = CompatibilityMark
    filterset_class = CompatibilityMarkFilterSet
    template_name = "matching/mark_list.html"

    def base_queryset(self):
        return CompatibilityMark.objects.select_related(
            "mentor", "mentee", "organization__municipality", "author__person"
        ).order_by("-marked_on", "-pk")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        if mark_units(user).exists():
            initial = {}
            for name in ("mentor", "mentee"):
                value = id_param(self.request.GET.get(name))
                if value is not None:
                    initial[name] = value
            context["mark_form"] = CompatibilityMarkForm(user=user, initial=initial)
        return context


class CompatibilityMarkCreateView(ScopedFormView):
    """Record a compatibility mark (``services.compatibility_mark_set``): a new mark of the same
    two replaces the old one. 403 for users who may record marks nowhere."""

    model = CompatibilityMark
    form_class = CompatibilityMarkForm
    scope_action = "add"
    template_name = "matching/mark_form.html"
    success_message = "Оценка совместимости записана."

    def perform(self, form):
        data = form.cleaned_data
        return compatibility_mark_set(
            mentor=data["mentor"].person,
            mentee=data["mentee"].person,
            mark=data["mark"],
            comment=data["comment"],
            marked_on=data["marked_on"],
            by=self.request.user,
        )

    def get_success_url(self):
        return reverse("matching:marks")

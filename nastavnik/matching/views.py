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
from django.db.models import Prefetch
from django.db.models.fields.json import KT
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
from nastavnik.jobs.models import Job
from nastavnik.matching.explain import ExplanationLine, explanation
from nastavnik.matching.filtersets import CompatibilityMarkFilterSet
from nastavnik.matching.forms import (
    CandidateChoiceForm,
    CompatibilityMarkForm,
    PoolConfirmForm,
    PoolUnitForm,
)
from nastavnik.matching.models import CompatibilityMark
from nastavnik.matching.proposal import confirmable_couples, proposal_pages
from nastavnik.matching.scoring import (
    MentorFacts,
    PairSuggestion,
    score,
)
from nastavnik.matching.selectors import (
    PoolFacts,
    current_deficits,
    mark_units,
    matching_mentees,
    may_pair,
    mentor_candidates,
    offerable_mentors,
    pairable_mentees,
    pool_units,
    visible_pool,
)
from nastavnik.matching.services import (
    POOL_JOB_KIND,
    PoolJobRunning,
    compatibility_mark_set,
    pair_suggestions_confirm,
    pool_assignment_start,
)
from nastavnik.mentoring.models import Pair, PersonalizedProgram
from nastavnik.mentoring.services.pairs import program_create
from nastavnik.organizations.choices import Level


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
            deficits=current_deficits(mentee.person_id),
            rows=rows,
            limit=self.limit,
            can_pair=may_pair(user, mentee),
            can_mark=mark_units(user).filter(pk=mentee.organization_id).exists(),
        )
        return context


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


#: Up to this many chosen couples, a confirmation reads only their people again; more (a whole
#: proposal), the whole pool.
FEW_COUPLES = 500


class PoolView(RightRequiredMixin, TemplateView):
    """«Распределение наставников»: the whole-pool assignment of an organization (the curator's
    own) or a municipality (a choice for the coordinator and the operator), run as a background
    job (issue 16 item 3): the page chooses the pool, a POST with ``start`` starts the job
    (``services.pool_assignment_start``; refused, with the reason, while one of the same pool
    runs) and leads to its page — the progress bar, then the proposal with the proof of
    optimality, the suggested pairs with their explanations, the mentees left without a mentor
    and the excluded mentors, each with the reason (``matching/pool_result.html``). The page
    lists the latest assignments of the chosen pool started by the user.

    A POST without ``start`` confirms the chosen pairs of a proposal
    (``services.pair_suggestions_confirm``): each a pair with the draft of its program, all or
    nothing; with ``all``, every pair of the proposal of ``job`` not formed yet
    (``proposal.confirmable_couples``: the proposal is shown a page at a time), then back to the
    job's page. Only mentees of organizations where the user may add pairs are accepted (others:
    404); the suggestions are built again from the database. On success: the message «Утверждено
    пар: N» and the list of the new draft programs; on refusal the reasons above the proposal
    of the job (``job``) the pairs were chosen in.

    Users who see the pairs of no unit (mentors, mentees): 403.
    """

    template_name = "matching/pool.html"
    forbidden_message = "Распределение наставников доступно сотрудникам организаций и органов управления."
    #: Latest assignments of the chosen pool shown on the page.
    recent_jobs = 5

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
        return self.render_to_response(
            self.get_context_data(
                unit_form=form, unit=unit, programs=self._programs(request.GET.get("programs", ""))
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
            # joined, not prefetched: a prefetch of a foreign key is, on SQLite, an OR of one
            # equality per person, refused past 1,000 of them
            .prefetch_related(Prefetch("pairs", queryset=Pair.objects.select_related("mentor", "mentee")))
            .order_by("pk")
        )

    def post(self, request, *args, **kwargs):
        if "start" in request.POST:
            return self._start(request)
        user = request.user
        form = PoolConfirmForm(request.POST, user=user)
        if not form.is_valid():
            unit = form.cleaned_data.get("unit")
            if unit is None:
                raise Http404("Организация или муниципальное образование не найдены или недоступны.")
            errors = [e for field_errors in form.errors.values() for e in field_errors]
            return self._show_errors(unit, errors, chosen=set())
        unit, couples = form.cleaned_data["unit"], form.cleaned_data["pair"]
        whole = "all" in request.POST
        if whole:
            # «Утвердить все»: every pair of the proposal not formed yet, read from the job
            proposal = self._proposal_job(unit)
            if proposal is None:
                raise Http404("Распределение не найдено.")
            couples = confirmable_couples(proposal.result)
            if not couples:
                return self._show_errors(unit, ["Все пары этого предложения уже утверждены."], chosen=set())
        mentee_ids = {mentee_id for _, mentee_id in couples}
        names = {
            profile.person_id: profile.person.full_name
            for profile in pairable_mentees(user).filter(person_id__in=mentee_ids).select_related("person")
        }
        if mentee_ids - set(names):
            raise Http404("Наставляемый не найден или вам нельзя формировать для него пары.")
        if len(couples) > FEW_COUPLES:
            # the whole proposal: the pool is read as the job read it, not named by thousands of
            # ids repeated in each of its queries (SQLite and PostgreSQL limit the parameters)
            visible = visible_pool(user, unit)
        else:  # only the chosen people are read again, not the whole pool
            visible = visible_pool(
                user, unit, mentee_ids=mentee_ids, mentor_ids={mentor_id for mentor_id, _ in couples}
            )
        suggestions, errors = _chosen_suggestions(couples, visible.facts, unit=unit, names=names)
        if not errors:
            try:
                with transaction.atomic():
                    programs = pair_suggestions_confirm(suggestions=suggestions, by=user)
            except ValidationError as exc:
                errors = exc.messages
            else:
                messages.success(request, f"Утверждено пар: {len(programs)}.")
                if whole:  # thousands of programs: the proposal's page marks its pairs formed
                    return redirect(proposal)
                ids = ",".join(str(program.pk) for program in programs)
                return redirect(f"{reverse('matching:pool')}?unit={unit.pk}&programs={ids}")
        chosen = {_couple_key(*couple) for couple in couples}
        return self._show_errors(unit, errors, chosen=chosen)

    def _start(self, request):
        """Start the assignment job of the chosen pool and lead to its page."""
        form = PoolUnitForm(request.POST, user=request.user)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(unit_form=form, unit=None, programs=[]))
        unit = form.cleaned_data["unit"]
        try:
            job = pool_assignment_start(
                unit=unit, by=request.user, coverage_first=form.cleaned_data["coverage_first"]
            )
        except PoolJobRunning as exc:
            running = exc.job if exc.job.created_by_id == request.user.pk else None
            return self.render_to_response(
                self.get_context_data(
                    unit_form=form, unit=unit, programs=[], refusal=exc.messages[0], running=running
                )
            )
        return redirect(job)

    def _proposal_job(self, unit):
        """The job whose proposal the refused pairs were chosen in (POST ``job``): the user's own
        assignment of ``unit``, else ``None``."""
        pk = id_param(self.request.POST.get("job"))
        if pk is None:
            return None
        return (
            Job.objects.filter(
                pk=pk, kind=POOL_JOB_KIND, organization=unit, created_by_id=self.request.user.pk
            )
            .exclude(result={})
            .first()
        )

    def _show_errors(self, unit, errors: list[str], *, chosen: set[str]):
        proposal = self._proposal_job(unit)
        form = PoolUnitForm({"unit": unit.pk}, user=self.request.user)
        form.is_valid()
        return self.render_to_response(
            self.get_context_data(
                unit_form=form,
                unit=unit,
                errors=errors,
                chosen=chosen,
                programs=[],
                proposal=proposal,
                **(proposal_pages(proposal.result, self.request.POST) if proposal else {}),
            )
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        unit = kwargs.get("unit")
        if unit is None:
            return context
        jobs = (
            Job.objects.filter(kind=POOL_JOB_KIND, organization=unit, created_by_id=self.request.user.pk)
            .defer("result")  # a proposal of thousands of pairs: only its figures are listed
            .annotate(
                pair_count=KT("result__pair_count"),
                total=KT("result__total"),
            )
            .order_by("-created_at", "-pk")[: self.recent_jobs]
        )
        context.update(jobs=list(jobs), is_municipality=unit.level == Level.MUNICIPALITY)
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

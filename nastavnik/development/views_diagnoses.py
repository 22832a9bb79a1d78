"""Pages of diagnoses of achievements and deficits (seed 000 §4.3.3, steps 2–3; issue 18,
Build 1): the list of the diagnoses the user may see (their own first), the form of a new
diagnosis (a self-diagnosis, or an expert one of the teacher ``?person=<id>``, optionally as a
step of their route ``?route=<id>``), and a diagnosis with its profile chart and the dynamics
against the previous diagnosis of the same teacher.

Rows are read through ``Diagnosis.objects.for_user`` (404 outside the scope); the right to
diagnose a teacher is the ``diagnosis`` ``add`` right of ``PERMISSIONS``, asked in
``has_right`` through ``selectors.diagnosable_organizations`` and again by the service on the
saved diagnosis.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Case, Count, IntegerField, Value, When
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.generic.edit import FormView

from nastavnik.core.views import (
    RightRequiredMixin,
    ScopedDetailView,
    ScopedListView,
    add_validation_error,
    id_param,
)
from nastavnik.development.choices import DeficitSource, DiagnosisKind
from nastavnik.development.filtersets_diagnoses import DiagnosisFilterSet
from nastavnik.development.forms_diagnoses import DiagnosisForm, DiagnosisPersonForm
from nastavnik.development.models import Diagnosis, IndividualRoute
from nastavnik.development.selectors.diagnoses import (
    chart_image,
    diagnosable_organizations,
    diagnosis_chart,
    diagnosis_dynamics,
    expert_sources,
    may_diagnose,
    person_diagnoses,
    previous_diagnosis,
)
from nastavnik.development.services.diagnoses import diagnosis_create
from nastavnik.people.consent import hide_unconsented
from nastavnik.people.models import Person

#: The clause users read under the form (never a developer's code).
SOURCE_CLAUSE = (
    "Положение о системе наставничества, п. 4.3.3 (шаги 2–3 индивидуального образовательного маршрута)"
)


def own_person(user) -> Person | None:
    """The person card linked to ``user``'s account, ``None`` without one (or anonymous)."""
    if not getattr(user, "is_authenticated", False):
        return None
    return Person.objects.filter(user=user).first()


class DiagnosisListView(RightRequiredMixin, ScopedListView):
    """The diagnoses the user may see: their own first, then the newest; filters by the
    teacher's name, organization, kind and dates; names hidden per the consent rule. A user
    without the ``diagnosis`` ``view`` right anywhere (the federal operator) gets a 403."""

    model = Diagnosis
    filterset_class = DiagnosisFilterSet
    template_name = "development/diagnosis_list.html"
    required_right = ("diagnosis", "view")
    forbidden_message = (
        "Диагностики педагогов видят сами педагоги, их наставники, тьюторы ЦНППМ и те, кто ведёт организации."
    )

    def prepare(self) -> None:
        self.own = own_person(self.request.user)

    def base_queryset(self):
        own = self.own
        is_other = (
            Case(When(person_id=own.pk, then=Value(0)), default=Value(1), output_field=IntegerField())
            if own is not None
            else Value(1, output_field=IntegerField())
        )
        return (
            Diagnosis.objects.select_related("person", "organization__municipality", "expert__person")
            .annotate(deficit_count=Count("deficits", distinct=True), is_other=is_other)
            .order_by("is_other", "-conducted_on", "-pk")
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        context["object_list"] = hide_unconsented(user, context["object_list"], "person")
        own = self.own
        context["own_person"] = own
        context["can_self_diagnose"] = may_diagnose(user, own, is_self=True)
        context["can_diagnose_others"] = bool(expert_sources(user))
        return context


class DiagnosisCreateView(RightRequiredMixin, FormView):
    """A new diagnosis. Without ``?person=`` (or with the user's own person, or a garbage value)
    a self-diagnosis of the user's own person — or, for an expert without a person card or with
    ``?expert=1``, the choice of the teacher; with ``?person=<id>`` an expert diagnosis of that
    teacher — 404 when the user does not see them, 403 when they may not diagnose them;
    ``?route=<id>``: the teacher's route (seen by the user) whose step it is, ignored otherwise."""

    template_name = "development/diagnosis_form.html"
    form_class = DiagnosisForm
    required_right = ("diagnosis", "add")

    person: Person | None = None
    route: IndividualRoute | None = None
    is_self = True
    organizations = None
    #: An expert came without ``?person=``: the page asks which teacher to diagnose.
    picking = False

    def get(self, request, *args, **kwargs):
        if self.picking:
            return self.pick_teacher()
        return super().get(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        if self.picking:
            return self.pick_teacher()
        return super().post(request, *args, **kwargs)

    def pick_teacher(self):
        """The page asking an expert which teacher to diagnose (a GET form to this page)."""
        return render(
            self.request,
            "development/diagnosis_pick.html",
            {"form": DiagnosisPersonForm(user=self.request.user), "source_clause": SOURCE_CLAUSE},
        )

    def has_right(self) -> bool:
        user = self.request.user
        if not super().has_right():
            self.forbidden_message = (
                "Проводить диагностику может педагог, куратор, руководитель, тьютор или наставник."
            )
            return False
        own = own_person(user)
        requested = id_param(self.request.GET.get("person"))
        wants_expert = own is None or self.request.GET.get("expert") == "1"
        if requested is None and wants_expert and expert_sources(user):
            # an expert without a teacher in the address: the choice of the teacher first
            self.picking = True
            return True
        if requested is None or (own is not None and requested == own.pk):
            self.person, self.is_self = own, True
            if own is None:
                self.forbidden_message = (
                    "Самодиагностику проводит педагог, у которого есть карточка работника. "
                    "Чтобы провести диагностику педагога, откройте его карточку, маршрут или предыдущую диагностику."
                )
                return False
        else:
            self.person = Person.objects.for_user(user, "view").filter(pk=requested).first()
            if self.person is None and diagnosable_organizations(user, requested).exists():
                # a teacher assigned to a tutor outside the subtree of the tutor's role
                self.person = Person.objects.filter(pk=requested).first()
            if self.person is None:
                raise Http404("Педагог не найден или недоступен.")
            self.is_self = False
            if not expert_sources(user):
                self.forbidden_message = (
                    "Экспертную диагностику проводят тьютор, куратор, руководитель или наставник."
                )
                return False
        self.organizations = diagnosable_organizations(user, self.person)
        if not self.organizations.exists():
            self.forbidden_message = "Вы не можете проводить диагностику этого педагога."
            return False
        route_id = id_param(self.request.GET.get("route"))
        if route_id is not None:
            self.route = (
                IndividualRoute.objects.for_user(user, "view").filter(pk=route_id, person=self.person).first()
            )
        return True

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["user"] = self.request.user
        kwargs["organizations"] = self.organizations
        kwargs["sources"] = None if self.is_self else expert_sources(self.request.user)
        return kwargs

    def get_initial(self):
        initial = super().get_initial()
        organization = self.route.organization_id if self.route is not None else None
        if organization is None or not self.organizations.filter(pk=organization).exists():
            first = self.organizations.first()
            organization = first.pk if first is not None else None
        initial["organization"] = organization
        return initial

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            person=self.person,
            route=self.route,
            is_self=self.is_self,
            source_clause=SOURCE_CLAUSE,
            title="Самодиагностика" if self.is_self else "Экспертная диагностика",
            previous=person_diagnoses(self.person, user=self.request.user).last(),
        )
        return context

    def form_valid(self, form):
        data = form.cleaned_data
        try:
            diagnosis = diagnosis_create(
                by=self.request.user,
                person=self.person,
                organization=data["organization"],
                kind=DiagnosisKind.SELF if self.is_self else DiagnosisKind.EXPERT,
                source=DeficitSource.SELF_DIAGNOSIS if self.is_self else data["source"],
                conducted_on=data["conducted_on"],
                results=form.results(),
                deficits=form.deficits(),
                comment=data.get("comment", ""),
                route=self.route,
            )
        except ValidationError as exc:
            add_validation_error(form, exc)
            return self.form_invalid(form)
        except PermissionDenied as exc:
            form.add_error(None, str(exc) or "Вы не можете проводить диагностику этого педагога.")
            return self.form_invalid(form)
        messages.success(self.request, "Диагностика сохранена.")
        return redirect(diagnosis)

    def form_invalid(self, form):
        messages.error(self.request, "Исправьте ошибки в форме: данные не сохранены.")
        return super().form_invalid(form)


class DiagnosisDetailView(ScopedDetailView):
    """A diagnosis: the profile chart (levels per area, the previous diagnosis of the same
    teacher that the user sees as a second series), the table area → level now, before, change,
    deficits now and before; the teacher's other diagnoses and their route, when visible."""

    model = Diagnosis
    template_name = "development/diagnosis_detail.html"

    def base_queryset(self):
        return Diagnosis.objects.select_related(
            "person", "organization__municipality", "expert__person", "created_by__person", "route"
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        diagnosis = hide_unconsented(user, [self.object], "person")[0]
        previous = previous_diagnosis(diagnosis, user=user)
        rows = diagnosis_dynamics(diagnosis, previous)
        chart = diagnosis_chart(diagnosis, rows, previous)
        routes = list(
            IndividualRoute.objects.for_user(user, "view")
            .filter(person_id=diagnosis.person_id)
            .order_by("-starts_on")[:5]
        )
        own = own_person(user)
        is_self = own is not None and own.pk == diagnosis.person_id
        may_repeat = may_diagnose(user, diagnosis.person_id, is_self=is_self)
        repeat_url = reverse("development:diagnosis_create")
        if not is_self:
            repeat_url += f"?person={diagnosis.person_id}"
        context.update(
            diagnosis=diagnosis,
            previous=previous,
            rows=rows,
            chart=chart,
            chart_url=chart_image(chart),
            chart_table=chart.table(),
            routes=routes,
            history=list(person_diagnoses(diagnosis.person_id, user=user).only("pk", "conducted_on", "kind")),
            repeat_url=repeat_url if may_repeat else "",
            deficits_now=sum(1 for r in rows if r.deficit_now),
            deficits_before=sum(1 for r in rows if r.deficit_before),
        )
        return context

"""Pages of the tutors of the ЦНППМ (issue 18, Build 3; seed 000 §4.3.2): the coordinator's list
of the region's tutors with their load, one tutor's assignments with the assign and end forms,
and the tutor's own work list.

Rights: ``tutorassignment`` of ``access.choices.PERMISSIONS`` — the list and a tutor's page for
those who oversee tutors (``selectors.tutors.overseen_paths``: the coordinator of the ЦНППМ and
the regional operator), assigning and ending for the coordinator (``add`` / ``change``); a
tutor outside the user's region is a 404. The services check the right again.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect
from django.utils import timezone
from django.views.generic import FormView, TemplateView

from nastavnik.access.choices import Action
from nastavnik.core.views import RightRequiredMixin, ScopedActionMixin, add_validation_error, id_param
from nastavnik.development.filtersets_tutors import TutorFilterSet
from nastavnik.development.forms_tutors import TutorAssignForm, TutorUnassignForm
from nastavnik.development.models import TutorAssignment
from nastavnik.development.selectors import tutors as selectors
from nastavnik.development.services.tutors import tutor_assign, tutor_unassign
from nastavnik.people.consent import hide_unconsented

#: The refusal of the tutors' pages to those who do not oversee tutors.
OVERSEERS_ONLY = "Тьюторов ЦНППМ и их нагрузку видят координатор ЦНППМ и региональный оператор."
#: The refusal of the assign and end pages.
COORDINATOR_ONLY = "Закреплять тьюторов за педагогами и организациями может координатор ЦНППМ."
#: The refusal of the work list to those who are not tutors.
TUTORS_ONLY = "Лист работы тьютора доступен пользователям с ролью «Тьютор ЦНППМ»."
#: How many rows each part of the work list page shows.
WORK_PAGE_LIMIT = 200


class OverseerMixin(RightRequiredMixin):
    """A page for those who oversee the tutors of a region (``selectors.tutors.overseen_paths``
    for ``overseer_action``)."""

    overseer_action = Action.VIEW
    forbidden_message = OVERSEERS_ONLY

    def has_right(self) -> bool:
        return bool(selectors.overseen_paths(self.request.user, self.overseer_action))


class TutorListView(OverseerMixin, TemplateView):
    """The tutors of the region with their load (``selectors.tutors.tutor_loads``), searched by
    name and sorted by any figure of the load; five queries for the figures whatever the
    number of tutors."""

    template_name = "development/tutor_list.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        filterset = TutorFilterSet(self.request.GET or None, queryset=selectors.overseen_tutors(user))
        tutors = filterset.qs if filterset.is_bound else filterset.queryset
        loads = selectors.tutor_loads(tutors, sort=filterset.sort_key)
        paginator = Paginator(loads, settings.NASTAVNIK_PAGE_SIZE)
        page = paginator.get_page(self.request.GET.get("page"))
        query = self.request.GET.copy()
        query.pop("page", None)
        sort_links = {}
        for key in selectors.LOAD_SORTS:
            ordered = query.copy()
            ordered["sort"] = "" if key == "name" else f"-{key}"
            sort_links[key] = f"?{ordered.urlencode()}"
        context.update(
            sort_links=sort_links,
            filter=filterset,
            loads=page.object_list,
            page_obj=page,
            paginator=paginator,
            is_paginated=page.has_other_pages(),
            query_without_page=query.urlencode(),
            sort=filterset.sort_key,
            can_assign=bool(selectors.overseen_paths(user, Action.ADD)),
        )
        return context


class TutorMixin(OverseerMixin):
    """A page about one tutor, named by ``pk`` (the tutor's account) among the tutors the user
    oversees for ``overseer_action``: 404 otherwise (another region's tutor looks missing)."""

    tutor = None

    def prepare(self) -> None:
        pk = id_param(self.kwargs.get("pk"))
        self.tutor = (
            selectors.overseen_tutors(self.request.user, self.overseer_action).filter(pk=pk).first()
            if pk is not None
            else None
        )
        if self.tutor is None:
            raise Http404("Тьютор не найден или недоступен.")


class TutorDetailView(TutorMixin, TemplateView):
    """One tutor: their load, their assignments (in force first, then ended) with a button to
    end each the user may change, and the form to assign them to a teacher or an organization
    (for the coordinator)."""

    template_name = "development/tutor_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        (load,) = selectors.tutor_loads([self.tutor])
        assignments = hide_unconsented(user, selectors.assignments_of(self.tutor, user), "person")
        changeable = set(
            TutorAssignment.objects.for_user(user, Action.CHANGE)
            .filter(pk__in=[a.pk for a in assignments])
            .values_list("pk", flat=True)
        )
        can_assign = selectors.overseen_tutors(user, Action.ADD).filter(pk=self.tutor.pk).exists()
        context.update(
            tutor=self.tutor,
            load=load,
            today=timezone.localdate(),
            assignments=[(a, a.pk in changeable) for a in assignments],
            form=TutorAssignForm(user=user) if can_assign else None,
        )
        return context


class TutorAssignView(TutorMixin, FormView):
    """Assign the tutor to a teacher or an organization of the region (``services.tutors
    .tutor_assign``): the service's refusal comes back on the form, then to the tutor's page."""

    template_name = "development/tutor_assign.html"
    form_class = TutorAssignForm
    overseer_action = Action.ADD
    forbidden_message = COORDINATOR_ONLY

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["user"] = self.request.user
        return kwargs

    def form_valid(self, form):
        data = form.cleaned_data
        try:
            assignment = tutor_assign(
                by=self.request.user,
                tutor=self.tutor,
                person=data["person"],
                organization=data["organization"],
                starts_on=data["starts_on"],
            )
        except ValidationError as exc:
            add_validation_error(form, exc)
            return self.form_invalid(form)
        whom = assignment.person.full_name if assignment.person_id else assignment.organization.full_name
        messages.success(self.request, f"Тьютор закреплён: {whom}.")
        return redirect("development:tutor_detail", pk=self.tutor.pk)

    def form_invalid(self, form):
        messages.error(self.request, "Исправьте ошибки в форме: тьютор не закреплён.")
        return super().form_invalid(form)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["tutor"] = self.tutor
        return context


class TutorUnassignView(ScopedActionMixin, FormView):
    """End an assignment (``services.tutors.tutor_unassign``): 404 outside the user's view of
    assignments, 403 without ``tutorassignment`` ``change`` over it."""

    model = TutorAssignment
    scope_action = Action.CHANGE
    forbidden_message = COORDINATOR_ONLY
    template_name = "development/tutor_unassign.html"
    form_class = TutorUnassignForm

    def base_queryset(self):
        return TutorAssignment.objects.select_related("tutor__person", "person", "organization__municipality")

    def resolve_object(self):
        if id_param(self.kwargs.get("pk")) is None:
            raise Http404("Закрепление не найдено или недоступно.")
        return super().resolve_object()

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["assignment"] = self.object
        return kwargs

    def form_valid(self, form):
        try:
            tutor_unassign(by=self.request.user, assignment=self.object, ends_on=form.cleaned_data["ends_on"])
        except ValidationError as exc:
            add_validation_error(form, exc)
            messages.error(self.request, "Закрепление не прекращено: исправьте ошибки.")
            return self.form_invalid(form)
        messages.success(self.request, "Закрепление тьютора прекращено.")
        return redirect("development:tutor_detail", pk=self.object.tutor_id)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        (assignment,) = hide_unconsented(self.request.user, [self.object], "person")
        context.update(assignment=assignment, tutor=assignment.tutor)
        return context


class TutorWorklistView(RightRequiredMixin, TemplateView):
    """The tutor's own work (seed 000 §4.3.2: the tutor supports the routes of their teachers):
    the routes waiting for a comment, the overdue activities and the routes due a diagnosis,
    each linked to the route or to a new diagnosis of the teacher on that route."""

    template_name = "development/tutor_worklist.html"
    required_right = ("tutorwork", "view")
    forbidden_message = TUTORS_ONLY

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        work = selectors.tutor_work(self.request.user)
        waiting = list(work.waiting[: WORK_PAGE_LIMIT + 1])
        overdue = list(work.overdue[: WORK_PAGE_LIMIT + 1])
        due = list(work.due[: WORK_PAGE_LIMIT + 1])
        context.update(
            waiting=[
                (r, selectors.page_url("development:route_detail", r.pk)) for r in waiting[:WORK_PAGE_LIMIT]
            ],
            overdue=[
                (a, selectors.page_url("development:route_detail", a.route_id))
                for a in overdue[:WORK_PAGE_LIMIT]
            ],
            due=[
                (
                    r,
                    selectors.due_reason(r),
                    selectors.page_url("development:route_detail", r.pk),
                    selectors.page_url(
                        "development:diagnosis_create", query=f"person={r.person_id}&route={r.pk}"
                    ),
                )
                for r in due[:WORK_PAGE_LIMIT]
            ],
            more=any(len(rows) > WORK_PAGE_LIMIT for rows in (waiting, overdue, due)),
            limit=WORK_PAGE_LIMIT,
        )
        return context

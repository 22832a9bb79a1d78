"""Pages of the course catalogue, the enrolments and the base of trained mentors and curators
(issue 18, Build 4; seed 000 App. 2 §2.7, §3.1, §3.4; 003 §3.2).

A course is looked up in the user's view scope (the catalogues of the units above and below
them); an enrolment too (the teacher's own, those of the organizations a keeper reaches, every
one of the courses of a catalogue the ЦНППМ keeps). Outside it — 404; visible but not allowed —
403 with the reason (``core.views.ScopedActionMixin``). The services check the rights again
(``services.courses``).
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db import transaction
from django.shortcuts import redirect
from django.views import View
from django.views.generic.edit import FormView

from nastavnik.access.choices import Action
from nastavnik.access.rules import has_perm
from nastavnik.core.files import private_file_response
from nastavnik.core.views import (
    RightRequiredMixin,
    ScopedActionMixin,
    ScopedDetailView,
    ScopedFormView,
    ScopedListView,
    add_validation_error,
    id_param,
)
from nastavnik.development.choices import MENTORING_COURSE_HOURS, MENTORING_COURSE_TITLE, EnrollmentStatus
from nastavnik.development.filtersets_courses import CourseFilterSet, TrainedFilterSet
from nastavnik.development.forms_courses import (
    CourseForm,
    EnrollmentApplyForm,
    EnrollmentCompleteForm,
    EnrollmentEnrollForm,
    EnrollmentWithdrawForm,
)
from nastavnik.development.models import Course, Enrollment
from nastavnik.development.selectors.courses import (
    suggested_courses,
    trained_people,
    trained_roles,
)
from nastavnik.development.services import courses as services
from nastavnik.people.consent import hide_unconsented
from nastavnik.people.models import Person

#: Enrolments shown per page on a course's card.
ENROLLMENTS_PER_PAGE = 50


def _own_person(user) -> Person | None:
    return getattr(user, "person", None) if user.is_authenticated else None


class CourseListView(ScopedListView):
    """The catalogue of programs of further education the user sees, with the suggestions of
    courses for the user's own deficits (a teacher)."""

    model = Course
    filterset_class = CourseFilterSet
    template_name = "development/course_list.html"

    def base_queryset(self):
        return Course.objects.select_related("owner").prefetch_related("areas")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        person = _own_person(self.request.user)
        context["suggestions"] = suggested_courses(person) if person is not None else []
        context["can_view_trained"] = has_perm(self.request.user, "trainedbase", Action.VIEW)
        return context


class CourseCreateView(ScopedFormView):
    """A new program of the catalogue (the ЦНППМ's coordinator, the regional operator)."""

    model = Course
    scope_action = Action.ADD
    form_class = CourseForm
    template_name = "development/course_form.html"
    success_message = "Программа добавлена в каталог."

    def get_initial(self):
        initial = super().get_initial()
        if self.request.GET.get("mentoring") == "1":
            # the regional course of seed 000 App. 2 §2.7, prefilled
            initial.update(
                title=MENTORING_COURSE_TITLE, hours=MENTORING_COURSE_HOURS, is_mentoring_training=True
            )
        return initial

    def perform(self, form):
        data = dict(form.cleaned_data)
        return services.course_create(by=self.request.user, **data)


class CourseEditView(ScopedFormView):
    """Change a program of the catalogue the user keeps."""

    model = Course
    scope_action = Action.CHANGE
    form_class = CourseForm
    template_name = "development/course_form.html"

    def perform(self, form):
        data = dict(form.cleaned_data)
        return services.course_update(by=self.request.user, course=self.object, **data)


class CourseDetailView(ScopedDetailView):
    """The program: its description, the user's own enrolment with the button to apply, and the
    enrolments the user reaches with their steps (enrol, complete, withdraw)."""

    model = Course
    template_name = "development/course_detail.html"

    def base_queryset(self):
        return Course.objects.select_related("owner").prefetch_related("areas")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        course = self.object
        user = self.request.user
        person = _own_person(user)
        mine = None
        if person is not None:
            mine = (
                Enrollment.objects.filter(course=course, person=person)
                .exclude(status=EnrollmentStatus.WITHDRAWN)
                .first()
            )
        visible = (
            Enrollment.objects.for_user(user)
            .filter(course=course)
            .select_related("person", "organization__municipality")
            .order_by("status", "person__last_name", "person__first_name", "pk")
        )
        if person is not None:
            visible = visible.exclude(person=person)
        page = Paginator(visible, ENROLLMENTS_PER_PAGE).get_page(self.request.GET.get("page"))
        rows = hide_unconsented(user, page.object_list, "person")
        keeper = has_perm(user, "course", Action.CHANGE, course)
        ids = [r.pk for r in rows]

        def allowed(action: str) -> set[int]:
            return set(
                Enrollment.objects.for_user(user, action).filter(pk__in=ids).values_list("pk", flat=True)
            )

        changeable, enrollable, completable = (
            allowed(Action.CHANGE),
            allowed(Action.APPROVE),
            allowed(Action.COMPLETE),
        )
        open_statuses = services.OPEN_ENROLLMENT_STATUSES
        context.update(
            my_enrollment=mine,
            can_apply=bool(course.is_published and has_perm(user, "enrollment", Action.ADD)),
            can_apply_self=bool(
                person is not None
                and mine is None
                and course.is_published
                and has_perm(user, "enrollment", Action.ADD)
            ),
            can_change_course=keeper,
            rows=[
                {
                    "enrollment": r,
                    "can_enroll": r.pk in enrollable and r.status == EnrollmentStatus.APPLIED,
                    "can_complete": r.pk in completable and r.status in open_statuses,
                    "can_withdraw": r.pk in changeable and r.status in open_statuses,
                }
                for r in rows
            ],
            enrollments_page=page,
            is_paginated=page.has_other_pages(),
            page_obj=page,
            paginator=page.paginator,
            can_withdraw_mine=bool(
                mine and mine.status in open_statuses and services.can_withdraw(user, mine)
            ),
        )
        return context


class CourseActionMixin(ScopedActionMixin):
    """A page about one course in the user's view scope (``self.object``)."""

    model = Course
    scope_action = Action.VIEW


class EnrollmentApplyView(CourseActionMixin, FormView):
    """An application for the course: for oneself, or — for the curator, the head and the
    ЦНППМ — for a teacher they reach; from a course activity of the teacher's route when
    ``?activity=<id>`` is given (the route's page links here)."""

    form_class = EnrollmentApplyForm
    template_name = "development/enrollment_form.html"
    forbidden_message = "Записывать на программы повышения квалификации вы не можете."

    def action_refusal(self, obj) -> str:
        return "" if has_perm(self.request.user, "enrollment", Action.ADD) else self.forbidden_message

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs.update(
            user=self.request.user,
            course=self.object,
            activity_id=id_param(self.request.GET.get("activity") or self.request.POST.get("activity")),
        )
        return kwargs

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            course=self.object,
            title="Заявка на обучение",
            button="Подать заявку",
            button_style="primary",
            back_url=self.object.get_absolute_url(),
            explanation=(
                "" if self.object.is_published else "Запись на эту программу закрыта: заявку подать нельзя."
            ),
        )
        return context

    def form_valid(self, form):
        data = form.cleaned_data
        try:
            services.enrollment_apply(
                by=self.request.user,
                course=self.object,
                person=data["person"],
                activity=data.get("activity"),
            )
        except ValidationError as exc:
            add_validation_error(form, exc)
            return self.form_invalid(form)
        messages.success(self.request, "Заявка на обучение подана.")
        return redirect(self.object)

    def form_invalid(self, form):
        messages.error(self.request, "Исправьте ошибки в форме: заявка не подана.")
        return super().form_invalid(form)


class EnrollmentFormView(ScopedActionMixin, FormView):
    """A step of an enrolment (``self.object``): a confirmation form on GET, the service on
    POST; an enrolment whose status does not allow the step sends back to the course with the
    reason."""

    model = Enrollment
    template_name = "development/enrollment_form.html"
    title = ""
    button = "Сохранить"
    button_style = "primary"
    success_message = "Изменения сохранены."
    multipart = False

    def base_queryset(self):
        return Enrollment.objects.select_related("course", "person", "organization", "activity__route")

    def unavailable(self) -> str:
        """Why the step cannot be taken in the enrolment's status ("" when it can)."""
        return ""

    def get(self, request, *args, **kwargs):
        reason = self.unavailable()
        if reason:
            messages.error(request, reason)
            return redirect(self.object.course)
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        person = hide_unconsented(self.request.user, [self.object], "person")[0].person
        context.update(
            course=self.object.course,
            enrollment=self.object,
            enrolled_person=person,
            title=self.title,
            button=self.button,
            button_style=self.button_style,
            back_url=self.object.course.get_absolute_url(),
            multipart=self.multipart,
        )
        return context

    def form_valid(self, form):
        try:
            with transaction.atomic():
                self.perform(form)
        except ValidationError as exc:
            add_validation_error(form, exc)
            return self.form_invalid(form)
        messages.success(self.request, self.success_message)
        return redirect(self.object.course)

    def form_invalid(self, form):
        messages.error(self.request, "Исправьте ошибки в форме: данные не сохранены.")
        return super().form_invalid(form)

    def perform(self, form):  # pragma: no cover - abstract
        raise NotImplementedError


class KeeperStepMixin:
    """A step only the keeper of the course's catalogue takes: ``scope_action`` is ``approve``
    (enrolment) or ``complete`` (``PERMISSIONS["enrollment"]``)."""

    scope_action = Action.COMPLETE
    forbidden_message = services.KEEPER_REFUSAL


class EnrollmentEnrollView(KeeperStepMixin, EnrollmentFormView):
    scope_action = Action.APPROVE
    form_class = EnrollmentEnrollForm
    title = "Зачисление на обучение"
    button = "Зачислить"
    success_message = "Педагог зачислен на обучение."

    def unavailable(self) -> str:
        if self.object.status != EnrollmentStatus.APPLIED:
            return f"Зачислить можно только по заявке; сейчас: «{self.object.get_status_display()}»."
        return ""

    def perform(self, form):
        services.enrollment_enroll(
            by=self.request.user, enrollment=self.object, enrolled_on=form.cleaned_data["enrolled_on"]
        )


class EnrollmentCompleteView(KeeperStepMixin, EnrollmentFormView):
    form_class = EnrollmentCompleteForm
    title = "Завершение обучения"
    button = "Отметить завершение"
    button_style = "success"
    success_message = "Обучение отмечено завершённым."
    multipart = True

    def unavailable(self) -> str:
        if self.object.status not in services.OPEN_ENROLLMENT_STATUSES:
            return f"Завершить обучение нельзя: статус «{self.object.get_status_display()}»."
        return ""

    def perform(self, form):
        data = form.cleaned_data
        services.enrollment_complete(
            by=self.request.user,
            enrollment=self.object,
            completed_on=data["completed_on"],
            certificate_number=data["certificate_number"],
            certificate_file=data["certificate_file"],
        )


class EnrollmentWithdrawView(EnrollmentFormView):
    form_class = EnrollmentWithdrawForm
    scope_action = Action.CHANGE
    title = "Отзыв заявки"
    button = "Отозвать"
    button_style = "danger"
    success_message = "Заявка отозвана."

    def unavailable(self) -> str:
        if self.object.status not in services.OPEN_ENROLLMENT_STATUSES:
            return f"Отозвать нельзя: статус «{self.object.get_status_display()}»."
        return ""

    def perform(self, form):
        services.enrollment_withdraw(
            by=self.request.user, enrollment=self.object, comment=form.cleaned_data["comment"]
        )


class EnrollmentCertificateView(ScopedActionMixin, View):
    """The scan of the certificate, to whoever sees the enrolment (the audit trail records the
    download)."""

    model = Enrollment
    scope_action = Action.VIEW

    def get(self, request, *args, **kwargs):
        return private_file_response(self.object.certificate_file)


def _organization(row) -> str:
    return row.organization.label_with_municipality


class TrainedListView(RightRequiredMixin, ScopedListView):
    """The base of mentors and curators who completed training in mentoring (seed 003 §3.2;
    seed 000 App. 2 §2.7): name, organization with its municipality, role, course, hours, date,
    certificate number; exported to XLSX without the people who have no valid consent to
    personal-data processing."""

    required_right = ("trainedbase", "view")
    forbidden_message = "Базу обученных наставников и кураторов ведут ЦНППМ, куратор и руководитель организации, органы управления образованием."
    model = Enrollment
    filterset_class = TrainedFilterSet
    template_name = "development/trained_list.html"
    export_filename = "obuchennye-nastavniki"
    export_sheet_title = "Обученные наставники"
    export_columns = [
        ("ФИО", "person.full_name"),
        ("Организация", _organization),
        (
            "Муниципальное образование",
            lambda r: str(r.organization.municipality) if r.organization.municipality_id else None,
        ),
        ("Роль", trained_roles),
        ("Программа", "course.title"),
        ("Объём, часов", "course.hours"),
        ("Дата окончания обучения", "completed_on"),
        ("Номер удостоверения", "certificate_number"),
    ]

    def base_queryset(self):
        return Enrollment.objects.all()

    def get_queryset(self):
        return trained_people(super().get_queryset())

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        rows = hide_unconsented(user, context["object_list"], "person")
        linked = set(
            Person.objects.for_user(user)
            .filter(pk__in=[r.person_id for r in rows if not getattr(r.person, "is_hidden", False)])
            .values_list("pk", flat=True)
        )
        context["rows"] = [(r, trained_roles(r), r.person_id in linked) for r in rows]
        context["can_add"] = False
        return context

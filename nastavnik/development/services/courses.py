"""Writes of the catalogue of courses and of the enrolments (issue 18, Build 4; seed 000 §4.3.2,
App. 2 §2.7, §3.1, §3.4; 003 §3.2).

Who does what (``access.choices.PERMISSIONS``, narrowed by the models' ``scope_filter``):

* the catalogue is kept by the coordinator of the ЦНППМ and the regional operator (``course``
  ``add``/``change``);
* a teacher applies for themselves; the curator and the head of the organization, and the
  keepers of the catalogue, apply for a teacher they reach (``enrollment`` ``add``);
* the application is withdrawn by whoever may change the enrolment (the teacher included);
* the enrolment and the completion with the certificate are marked by the keeper of the course's
  catalogue (``course`` ``change`` over the course, and ``enrollment`` ``change`` over the row):
  seed 000 App. 2 §3.1 gives the ЦНППМ «персонифицированный учёт обучающихся».

An enrolment made from an activity of a route (``RouteActivity`` of kind ``course``) links the
two: each step of the enrolment is an event of that route, and the completion marks the activity
done with the certificate as its pedagogical product (seed 000 §4.3.3 steps 4–5).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from nastavnik.access.choices import Action
from nastavnik.access.rules import has_perm, require_perm
from nastavnik.core.typography import quoted
from nastavnik.core.uploads import DOCUMENT_CHECK, check_field_upload
from nastavnik.development.choices import (
    CLOSED_ACTIVITY_STATUSES,
    ActivityKind,
    ActivityStatus,
    EnrollmentStatus,
    ProductKind,
    RouteEventKind,
)
from nastavnik.development.models import Course, Enrollment, RouteActivity, RouteEvent

#: The fields of a course a keeper writes (``course_create`` / ``course_update``).
COURSE_FIELDS = (
    "owner",
    "title",
    "hours",
    "provider",
    "format",
    "starts_on",
    "ends_on",
    "description",
    "url",
    "is_mentoring_training",
    "is_published",
)

#: Enrolments still open: they may be enrolled (the applied ones), completed or withdrawn.
OPEN_ENROLLMENT_STATUSES = frozenset({EnrollmentStatus.APPLIED, EnrollmentStatus.ENROLLED})

#: The refusal of a step of the enrolment to whoever does not keep the course's catalogue.
KEEPER_REFUSAL = (
    "Зачисление и завершение обучения отмечают координатор ЦНППМ и региональный оператор, "
    "которые ведут каталог программ."
)


# --- rights ------------------------------------------------------------------------------------


def can_mark_progress(user, enrollment: Enrollment, action: str = Action.COMPLETE) -> bool:
    """Whether ``user`` may take the catalogue keeper's step ``action`` on ``enrollment``: enrol
    the teacher (``approve``) or mark the completion (``complete``) — ``PERMISSIONS["enrollment"]``,
    narrowed to the courses of the catalogues the user keeps (``Enrollment.scope_filter``).
    ``user=None`` (the system) may."""
    return user is None or has_perm(user, "enrollment", action, enrollment)


def can_withdraw(user, enrollment: Enrollment) -> bool:
    """Whether ``user`` may withdraw ``enrollment`` (``enrollment`` ``change``: the teacher, the
    curator and the head, the keepers of the catalogue). ``user=None`` (the system) may."""
    return user is None or has_perm(user, "enrollment", Action.CHANGE, enrollment)


# --- courses -----------------------------------------------------------------------------------


def _check_dates(starts_on: dt.date | None, ends_on: dt.date | None) -> None:
    if starts_on and ends_on and ends_on < starts_on:
        raise ValidationError({"ends_on": "Окончание обучения не может быть раньше его начала."})


@transaction.atomic
def course_create(
    *,
    by,
    owner,
    title: str,
    hours: int,
    provider: str,
    format: str,
    starts_on: dt.date | None = None,
    ends_on: dt.date | None = None,
    areas: Iterable = (),
    description: str = "",
    url: str = "",
    is_mentoring_training: bool = False,
    is_published: bool = True,
) -> Course:
    """Add a program of further education to the catalogue of ``owner`` (a unit, the region;
    seed 000 App. 2 §2.7, §3.4). ``hours``: 16–2000 academic hours; ``areas``: the competence
    areas (``reference.CompetenceArea``) the program develops — the suggestions of courses match
    them against a teacher's deficits.

    Raises:
        ValidationError: a field is invalid (Russian messages per field); the end before the start.
        PermissionDenied: ``by`` may not add courses to ``owner``'s catalogue (``by=None`` is the
            system).
    """
    _check_dates(starts_on, ends_on)
    course = Course(
        owner=owner,
        title=title.strip(),
        hours=hours,
        provider=provider.strip(),
        format=format,
        starts_on=starts_on,
        ends_on=ends_on,
        description=description,
        url=url,
        is_mentoring_training=is_mentoring_training,
        is_published=is_published,
    )
    course.full_clean()
    course.save()
    course.areas.set(list(areas))
    require_perm(by, "course", Action.ADD, course, message="Программы в этот каталог добавлять нельзя.")
    return course


@transaction.atomic
def course_update(*, by, course: Course, areas: Iterable | None = None, **fields) -> Course:
    """Change a course of the catalogue: any of :data:`COURSE_FIELDS`, and ``areas`` when given.
    A course moved to another catalogue (``owner``) must stay in one ``by`` keeps.

    Raises:
        ValidationError: a field is invalid; the end before the start.
        PermissionDenied: ``by`` may not change the course, before or after the change.
        TypeError: a field that is not a course's.
    """
    require_perm(by, "course", Action.CHANGE, course)
    unknown = set(fields) - set(COURSE_FIELDS)
    if unknown:
        raise TypeError(f"course_update: unknown fields {sorted(unknown)}")
    course = Course.objects.select_for_update().get(pk=course.pk)
    for name, value in fields.items():
        setattr(course, name, value.strip() if name in ("title", "provider") else value)
    _check_dates(course.starts_on, course.ends_on)
    course.full_clean()
    course.save()
    if areas is not None:
        course.areas.set(list(areas))
    require_perm(by, "course", Action.CHANGE, course, message="Программа оказалась бы вне вашего каталога.")
    return course


# --- enrolments --------------------------------------------------------------------------------


def _workplace(person):
    """The organization of ``person``'s current primary employment (else of any current one);
    ``None`` when they work nowhere now."""
    from nastavnik.people.models import Employment

    job = (
        Employment.objects.current()
        .filter(person=person)
        .select_related("organization")
        .order_by("-is_primary", "pk")
        .first()
    )
    return job.organization if job else None


def _check_activity(activity: RouteActivity, course: Course, person) -> None:
    """The activity an enrolment is made from must be a course of ``person``'s own route, still
    open, and not about another course."""
    if activity.kind != ActivityKind.COURSE:
        raise ValidationError(
            {"activity": "Записаться на программу можно только из мероприятия вида «обучение»."}
        )
    if activity.route.person_id != person.pk:
        raise ValidationError({"activity": "Мероприятие относится к маршруту другого педагога."})
    if activity.course_id and activity.course_id != course.pk:
        raise ValidationError({"activity": "В мероприятии маршрута указана другая программа."})
    if activity.status in CLOSED_ACTIVITY_STATUSES:
        raise ValidationError({"activity": "Мероприятие маршрута уже выполнено или отменено."})


def _route_event(enrollment: Enrollment, *, kind: str, summary: str, by, comment: str = "") -> None:
    """An event of the route whose activity ``enrollment`` was made from (none without one)."""
    activity = enrollment.activity
    if activity is None:
        return
    RouteEvent.record(
        route=activity.route, activity=activity, kind=kind, summary=summary, by=by, comment=comment
    )


def _locked(enrollment: Enrollment) -> Enrollment:
    return (
        Enrollment.objects.select_for_update(of=("self",))
        .select_related("course", "person", "activity__route")
        .get(pk=enrollment.pk)
    )


@transaction.atomic
def enrollment_apply(
    *,
    by,
    course: Course,
    person,
    organization=None,
    activity: RouteActivity | None = None,
    applied_on: dt.date | None = None,
) -> Enrollment:
    """``person`` applies for ``course`` (the teacher themselves, or their curator or head, or
    the ЦНППМ for them). ``organization``: the teacher's place of work the enrolment is kept in —
    by default the route's organization (with ``activity``) or the current primary one.
    ``activity``: the course activity of the teacher's route the application is made from
    (seed 000 §4.3.3 step 4): it is linked to the course and its route gets an event.

    Raises:
        ValidationError: the course is closed for enrolment; the teacher already has a live
            enrolment in it; the teacher works nowhere; the activity is not a course activity of
            their route, is closed or names another course.
        PermissionDenied: ``by`` does not see the course or may not enrol this teacher.
    """
    if by is not None and not Course.objects.for_user(by).filter(pk=course.pk).exists():
        raise PermissionDenied("Программа вам недоступна.")
    if not course.is_published:
        raise ValidationError("Запись на эту программу закрыта.")
    if activity is not None:
        activity = (
            RouteActivity.objects.select_for_update(of=("self",)).select_related("route").get(pk=activity.pk)
        )
        _check_activity(activity, course, person)
        organization = organization or activity.route.organization
    organization = organization or _workplace(person)
    if organization is None:
        raise ValidationError("У педагога нет текущего места работы: запишите его через карточку работника.")
    enrollment = Enrollment(
        course=course,
        person=person,
        organization=organization,
        activity=activity,
        status=EnrollmentStatus.APPLIED,
        applied_on=applied_on or timezone.localdate(),
        created_by=by if getattr(by, "is_authenticated", False) else None,
    )
    enrollment.full_clean()
    enrollment.save()
    require_perm(by, "enrollment", Action.ADD, enrollment, message="Записать этого педагога вы не можете.")
    if activity is not None:
        if activity.course_id is None:
            activity.course = course
            activity.save(update_fields=["course"])
        _route_event(
            enrollment,
            kind=RouteEventKind.ACTIVITY,
            summary=f"Подана заявка на обучение по программе {quoted(course.title)}"[:500],
            by=by,
        )
    return enrollment


@transaction.atomic
def enrollment_enroll(*, by, enrollment: Enrollment, enrolled_on: dt.date | None = None) -> Enrollment:
    """Mark the teacher enrolled in the course (by its catalogue's keeper); the course activity of
    their route, if any, becomes «выполняется».

    Raises:
        ValidationError: the enrolment is not an application; the date is before the application.
        PermissionDenied: ``by`` does not keep the course's catalogue.
    """
    enrollment = _locked(enrollment)
    if not can_mark_progress(by, enrollment, Action.APPROVE):
        raise PermissionDenied(KEEPER_REFUSAL)
    if enrollment.status != EnrollmentStatus.APPLIED:
        raise ValidationError(
            f"Зачислить можно только по заявке; сейчас: «{enrollment.get_status_display()}»."
        )
    enrolled_on = enrolled_on or timezone.localdate()
    if enrolled_on < enrollment.applied_on:
        raise ValidationError({"enrolled_on": "Дата зачисления не может быть раньше заявки."})
    enrollment.status = EnrollmentStatus.ENROLLED
    enrollment.enrolled_on = enrolled_on
    enrollment.full_clean()
    enrollment.save(update_fields=["status", "enrolled_on"])
    activity = enrollment.activity
    if activity is not None and activity.status == ActivityStatus.PLANNED:
        activity.status = ActivityStatus.IN_PROGRESS
        activity.save(update_fields=["status"])
    _route_event(
        enrollment,
        kind=RouteEventKind.ACTIVITY,
        summary=f"Зачисление на обучение по программе {quoted(enrollment.course.title)}"[:500],
        by=by,
    )
    return enrollment


@transaction.atomic
def enrollment_complete(
    *,
    by,
    enrollment: Enrollment,
    completed_on: dt.date,
    certificate_number: str,
    certificate_file=None,
) -> Enrollment:
    """Mark the course completed with the certificate (удостоверение о повышении квалификации:
    its number, its scan — a PDF, an image or an office document, checked by content,
    ``core.uploads.DOCUMENT_CHECK``). A teacher of a mentoring-training course enters the base of
    trained mentors and curators (seed 003 §3.2). The course activity of the route, if any, is
    done on ``completed_on`` with the certificate as its product, and the route gets an event of
    kind «педагогический продукт».

    Raises:
        ValidationError: the enrolment is withdrawn or already completed; the date is in the
            future or before the application; no certificate number; the file is refused.
        PermissionDenied: ``by`` does not keep the course's catalogue.
    """
    enrollment = _locked(enrollment)
    if not can_mark_progress(by, enrollment):
        raise PermissionDenied(KEEPER_REFUSAL)
    if enrollment.status not in OPEN_ENROLLMENT_STATUSES:
        raise ValidationError(
            f"Завершить обучение нельзя: статус зачисления «{enrollment.get_status_display()}»."
        )
    errors = {}
    if completed_on > timezone.localdate():
        errors["completed_on"] = "Дата окончания обучения не может быть в будущем."
    elif completed_on < enrollment.applied_on:
        errors["completed_on"] = "Дата окончания обучения не может быть раньше заявки."
    certificate_number = (certificate_number or "").strip()
    if not certificate_number:
        errors["certificate_number"] = "Укажите номер удостоверения о повышении квалификации."
    if errors:
        raise ValidationError(errors)
    check_field_upload(DOCUMENT_CHECK, certificate_file, "certificate_file")
    enrollment.status = EnrollmentStatus.COMPLETED
    enrollment.completed_on = completed_on
    enrollment.enrolled_on = enrollment.enrolled_on or enrollment.applied_on
    enrollment.certificate_number = certificate_number
    if certificate_file:
        enrollment.certificate_file = certificate_file
    enrollment.full_clean()
    enrollment.save()
    activity = enrollment.activity
    if activity is not None and activity.status not in CLOSED_ACTIVITY_STATUSES:
        activity.status = ActivityStatus.DONE
        activity.done_on = completed_on
        activity.product_kind = ProductKind.CERTIFICATE
        activity.product_title = f"Удостоверение о повышении квалификации № {certificate_number}"[:500]
        if enrollment.certificate_file:
            # the same stored file: the route's product is the certificate itself
            activity.product_file.name = enrollment.certificate_file.name
        activity.save(update_fields=["status", "done_on", "product_kind", "product_title", "product_file"])
    _route_event(
        enrollment,
        kind=RouteEventKind.PRODUCT,
        summary=(
            f"Обучение по программе {quoted(enrollment.course.title)} ({enrollment.course.hours} ч) завершено: "
            f"удостоверение № {certificate_number}"
        )[:500],
        by=by,
    )
    return enrollment


@transaction.atomic
def enrollment_withdraw(*, by, enrollment: Enrollment, comment: str = "") -> Enrollment:
    """Withdraw the application, or the teacher from the course (the teacher, their curator or
    head, the keepers of the catalogue); ``comment``: the reason. The route keeps its activity
    (the teacher corrects the route's roadmap if need be) and gets an event.

    Raises:
        ValidationError: the enrolment is completed or already withdrawn.
        PermissionDenied: ``by`` may not change the enrolment.
    """
    enrollment = _locked(enrollment)
    if not can_withdraw(by, enrollment):
        raise PermissionDenied("Отозвать эту заявку вы не можете.")
    if enrollment.status not in OPEN_ENROLLMENT_STATUSES:
        raise ValidationError(f"Отозвать нельзя: статус зачисления «{enrollment.get_status_display()}».")
    enrollment.status = EnrollmentStatus.WITHDRAWN
    enrollment.full_clean()
    enrollment.save(update_fields=["status"])
    _route_event(
        enrollment,
        kind=RouteEventKind.ACTIVITY,
        summary=f"Заявка на обучение по программе {quoted(enrollment.course.title)} отозвана"[:500],
        by=by,
        comment=comment,
    )
    return enrollment


def enrollment_wipe(person, *, label: str = "", names: set[str] | frozenset[str] = frozenset()) -> None:
    """Depersonalize ``person``'s trainings (152-ФЗ art. 21 part 7): the scans of the certificates
    are deleted (and the route products that are those same files), the certificate numbers
    cleared; the courses, statuses and dates stay for the indicators (trained mentors). For
    ``people.personal_data.register(wipe=…)``; ``label`` and ``names`` are not needed here."""
    rows = Enrollment.objects.filter(person_id=person.pk)
    for enrollment in rows.exclude(certificate_file=""):
        name = enrollment.certificate_file.name
        RouteActivity.objects.filter(route__person_id=person.pk, product_file=name).update(product_file="")
        enrollment.certificate_file.delete(save=False)
    rows.update(certificate_file="", certificate_number="")

"""The demo routes (issue 18, Build 8): one route of a teacher left at a step of the seven of
seed 000 §4.3.3, with its diagnoses, roadmap, products, correction, reflection, comments and the
history of every step, as the services of the development app write them."""

from __future__ import annotations

import datetime as dt

from django.core.files.base import ContentFile

from nastavnik.demo.development.texts import (
    AREA_COURSE,
    CORRECTIONS,
    CURATOR_COMMENTS,
    DESIRED_IMAGES,
    NEXT_MEASURE,
    PRACTICES,
    PRODUCT_NAME,
    REFLECTION_SUMMARY,
    REFLECTIONS,
    ROUTE_TITLES,
    SCHOOL_PROJECT,
    TUTOR_COMMENTS,
    Practice,
)
from nastavnik.demo.development.writer import Teacher, Writer
from nastavnik.development.choices import (
    ActivityKind,
    ActivityStatus,
    CorrectionReason,
    DeficitSource,
    EnrollmentStatus,
    ProductKind,
    ReflectionOutcome,
    RouteEventKind,
    RouteStatus,
)
from nastavnik.development.models import (
    Course,
    Deficit,
    IndividualRoute,
    RouteActivity,
    RouteCorrection,
    RouteReflection,
)


def route_write(
    writer: Writer,
    teacher: Teacher,
    stage: str,
    *,
    tutor=None,
    started: int = -40,
    weak: tuple[str, ...] = (),
    overdue: bool = False,
    repeat: int | None = None,
    mentee: bool = False,
) -> IndividualRoute:
    """One route of ``teacher`` left at ``stage`` (a key of :data:`ROUTE_STAGES`): created
    ``started`` days ago for four years (a completed one a year and a few weeks long, ended
    weeks ago); its history as the services write it. ``weak``: the areas of the deficits;
    ``overdue``: an activity past its end is left undone; ``repeat``: the active route's
    diagnosis is repeated this many days from today (else it was diagnosed only at its start);
    ``mentee``: the demo mentee's route (a course and the school's
    project)."""
    rng = writer.rng
    actor = teacher.user or teacher.curator  # a teacher without an account works on paper
    curator = teacher.curator
    if stage == "completed":
        started = -rng.randint(420, 440)
    elif stage != "active":
        started = -rng.randint(12, 40)
    created = writer.day(started)
    ends = created + dt.timedelta(days=365 if stage == "completed" else 4 * 365)
    levels, deficits = writer.profile(weak)
    title = ROUTE_TITLES[max(deficits, key=lambda c: deficits[c])]
    route = IndividualRoute(
        person=teacher.person,
        organization=teacher.organization,
        title=title,
        status=RouteStatus.DRAFT,
        starts_on=created,
        ends_on=ends,
        desired_image=rng.choice(DESIRED_IMAGES),
        created_by=actor,
    )
    if stage in ("active", "completed"):
        route.status = RouteStatus.ACTIVE if stage == "active" else RouteStatus.COMPLETED
        route.started_on = created + dt.timedelta(days=20)
    if stage == "completed":
        route.completed_on = writer.day(-rng.randint(25, 45))
        route.ends_on = max(route.ends_on, route.completed_on)
        route.reflection_summary = REFLECTION_SUMMARY
    route.full_clean()
    route.save()
    route.created_at = writer.at(created, 9)
    writer.routes.append(route)
    writer.event(route, RouteEventKind.CREATED, f"Создан маршрут «{title}»", created, actor, hour=8)
    writer.event(
        route,
        RouteEventKind.SELF_DETERMINATION,
        "Самоопределение: описан желаемый образ себя как профессионала",
        created,
        actor,
        hour=9,
    )
    if stage == "self_determination":
        return route

    # Steps 2–3: the diagnosis, by the tutor when one follows the teacher, else by themselves.
    first_day = created + dt.timedelta(days=5)
    expert = tutor if (tutor and stage == "active") else None
    writer.diagnose(
        teacher,
        first_day,
        levels,
        deficits,
        expert=expert,
        source=DeficitSource.TUTOR,
        route=route,
        comment="Диагностика проведена по итогам посещения уроков и собеседования." if expert else "",
    )
    found = list(
        Deficit.objects.filter(diagnosis__route=route)
        .select_related("area")
        .order_by("-level", "area__sort_order")
    )
    if stage == "diagnosis":
        return route

    # Step 4: the roadmap — a course for the strongest deficit, a practice for each.
    activities = _roadmap(
        writer, route, teacher, found, stage, created + dt.timedelta(days=12), mentee=mentee
    )
    for activity in activities:
        writer.event(
            route,
            RouteEventKind.ACTIVITY,
            f"В дорожную карту добавлено мероприятие «{activity.title}»",
            created + dt.timedelta(days=12),
            actor,
            hour=11,
            activity=activity,
        )
    if curator is not None and curator != actor:
        writer.event(
            route,
            RouteEventKind.COMMENT,
            "Комментарий куратора",
            created + dt.timedelta(days=15),
            curator,
            hour=14,
            comment=CURATOR_COMMENTS[2],
        )
    if stage == "roadmap":
        return route

    writer.event(
        route, RouteEventKind.STARTED, "Начата реализация маршрута", route.started_on, actor, hour=12
    )
    if tutor is not None:
        writer.event(
            route,
            RouteEventKind.COMMENT,
            "Комментарий тьютора",
            route.started_on + dt.timedelta(days=3),
            tutor,
            hour=16,
            comment=TUTOR_COMMENTS[0],
        )
    # Step 5: the products of the activities done.
    for activity in activities:
        if activity.status == ActivityStatus.DONE:
            writer.event(
                route,
                RouteEventKind.PRODUCT,
                f"Педагогический продукт по мероприятию «{activity.title}»: {activity.product_title}",
                activity.done_on,
                actor,
                hour=18,
                activity=activity,
            )
    # Step 6: a correction, kept with its reason.
    limit = (route.completed_on if stage == "completed" else route.ends_on) - dt.timedelta(days=1)
    movable = [a for a in activities if a.kind != ActivityKind.COURSE and a.ends_on < limit]
    if stage == "active":
        movable = [a for a in movable if a.ends_on > writer.day(-30)] or movable
    corrected = _correct(writer, route, movable[0], actor, limit) if movable else None
    if stage == "active":
        _active_tail(
            writer,
            route,
            teacher,
            tutor,
            levels,
            deficits,
            actor,
            repeat=repeat,
            overdue=overdue,
            corrected=corrected,
        )
        return route

    # Step 7: the repeated diagnosis, the reflection on each deficit, the completion.
    last = route.completed_on - dt.timedelta(days=12)
    after, remaining = writer.improved(levels, deficits)
    writer.diagnose(teacher, last, after, remaining, route=route)
    reflections = []
    for deficit in found:
        outcome = (
            ReflectionOutcome.OVERCOME
            if deficit.area.code not in remaining
            else ReflectionOutcome.REDUCED
            if remaining[deficit.area.code] < deficit.level
            else ReflectionOutcome.REMAINS
        )
        reflections.append(
            RouteReflection(route=route, deficit=deficit, outcome=outcome, analysis=REFLECTIONS[outcome])
        )
        writer.event(
            route,
            RouteEventKind.REFLECTION,
            f"Рефлексия по затруднению «{deficit.area}»: {ReflectionOutcome(outcome).label}",
            route.completed_on - dt.timedelta(days=5),
            actor,
            hour=17,
        )
    RouteReflection.objects.bulk_create(reflections)
    if tutor is not None:
        writer.event(
            route,
            RouteEventKind.COMMENT,
            "Комментарий тьютора",
            route.completed_on - dt.timedelta(days=3),
            tutor,
            hour=16,
            comment="Рефлексия полная и честная. Маршрут можно завершать.",
        )
    writer.event(route, RouteEventKind.COMPLETED, "Маршрут завершён", route.completed_on, actor, hour=12)
    return route


def _roadmap(
    writer: Writer, route, teacher: Teacher, found: list[Deficit], stage: str, added: dt.date, *, mentee
):
    """The activities of the route's roadmap for its deficits ``found`` (strongest first), in the
    state ``stage`` leaves them; the course's enrolment alongside."""
    rng, today = writer.rng, writer.today
    rows: list[tuple[Practice | None, Course | None, list[Deficit]]] = []
    strongest = found[0]
    course = writer.courses[AREA_COURSE[strongest.area.code]]
    if stage == "completed" and not (
        course.ends_on < route.completed_on and course.starts_on > route.starts_on
    ):
        course = None  # a completed route took only a flow that ended before its end
    if stage == "roadmap" and course.starts_on <= today:
        course = None  # a draft roadmap plans the next flows
    if mentee:
        course = writer.courses["literacy"]
    if course is not None and course.starts_on >= route.starts_on:
        rows.append((None, course, [d for d in found if d.area in set(course.areas.all())] or [strongest]))
    for deficit in found:
        rows.append((PRACTICES[deficit.area.code], None, [deficit]))
    if mentee:
        rows.append((SCHOOL_PROJECT, None, [d for d in found if d.area.code == "methodical"] or [strongest]))

    activities = []
    start = added + dt.timedelta(days=10)
    last_day = (route.completed_on if stage == "completed" else route.ends_on) - dt.timedelta(days=1)
    for index, (practice, course_row, deficits) in enumerate(rows):
        if course_row is not None:
            begins, ends = course_row.starts_on, course_row.ends_on
        elif stage == "completed":
            span = (last_day - start).days
            begins = start + dt.timedelta(days=span * index // (len(rows) + 1))
            ends = begins + dt.timedelta(days=min(90, span // 2))
        else:
            begins = start + dt.timedelta(days=45 * index)
            ends = begins + dt.timedelta(days=rng.choice((60, 75, 90)))
        if practice is SCHOOL_PROJECT:
            begins, ends = start, start + dt.timedelta(days=365)
        ends = min(ends, last_day)
        activity = RouteActivity(
            route=route,
            kind=ActivityKind.COURSE if course_row else practice.kind,
            title=course_row.title if course_row else practice.title,
            description=(
                f"{course_row.provider}, {course_row.hours} ч, {course_row.get_format_display()}."
                if course_row
                else "Мероприятие согласовано с наставником и куратором."
            ),
            starts_on=begins,
            ends_on=ends,
            course=course_row,
            sort_order=index,
        )
        if stage in ("active", "completed"):
            if ends < today - dt.timedelta(days=7) or stage == "completed":
                activity.status = ActivityStatus.DONE
            elif begins <= today:
                activity.status = ActivityStatus.IN_PROGRESS
        if activity.status == ActivityStatus.DONE and course_row is None:
            activity.done_on = min(ends - dt.timedelta(days=rng.randint(0, 7)), today - dt.timedelta(days=1))
            activity.done_on = max(activity.done_on, begins)
            activity.product_kind = practice.product_kind
            activity.product_title = practice.product_title
            activity.self_assessment = practice.self_assessment
            text = (
                f"{practice.product_title}\n\n{teacher.person.full_name}\n{teacher.organization.full_name}\n"
            )
            if index % 2:
                activity.product_file = ContentFile(text.encode("utf-8"), name=PRODUCT_NAME)
            else:
                activity.product_url = f"https://metodkopilka.edu.example/materialy/{route.pk}-{index + 1}"
        activity.full_clean(exclude=["route", "product_file"])
        activity.save()
        activity.deficits.set(deficits)
        if course_row is not None:
            enrollment = writer.enroll(course_row, teacher, activity=activity)
            if enrollment.status == EnrollmentStatus.COMPLETED:
                activity.status = ActivityStatus.DONE
                activity.done_on = enrollment.completed_on
                activity.product_kind = ProductKind.CERTIFICATE
                activity.product_title = (
                    f"Удостоверение о повышении квалификации № {enrollment.certificate_number}"
                )
                activity.self_assessment = "Курсы дали готовые приёмы, которые сразу пригодились на уроках."
                # the same stored file, as the completion of an enrolment records it
                activity.product_file.name = enrollment.certificate_file.name
            elif enrollment.status == EnrollmentStatus.ENROLLED:
                activity.status = ActivityStatus.IN_PROGRESS
            activity.save()
        activities.append(activity)
    return activities


def _correct(writer: Writer, route, activity: RouteActivity, actor, limit: dt.date) -> RouteActivity:
    """Step 6: the activity's end moved up to a month later (not after ``limit``), with the
    reason (seed 000 §4.3.3). Returns the activity."""
    reason, explanation = writer.rng.choice(CORRECTIONS)
    before = activity.ends_on
    after = min(before + dt.timedelta(days=30), limit)
    day = max(min(before - dt.timedelta(days=10), writer.day(-20)), activity.starts_on)
    description = f"Срок мероприятия «{activity.title}» перенесён с {before:%d.%m.%Y} на {after:%d.%m.%Y}."
    RouteCorrection.objects.create(
        route=route,
        activity=activity,
        reason=reason,
        explanation=explanation,
        description=description,
        made_by=actor,
        made_at=writer.at(day, 13),
    )
    activity.ends_on = after
    if activity.status == ActivityStatus.DONE and activity.done_on and activity.done_on > after:
        activity.done_on = after
    activity.save()
    writer.event(
        route,
        RouteEventKind.CORRECTION,
        f"Корректировка дорожной карты ({CorrectionReason(reason).label}): {description}",
        day,
        actor,
        hour=13,
        comment=explanation,
        activity=activity,
    )
    return activity


def _active_tail(
    writer: Writer, route, teacher, tutor, levels, deficits, actor, *, repeat, overdue, corrected
) -> None:
    """The last months of an active route: an activity overdue for some weeks (``overdue``:
    the latest of the practices but the ``corrected`` one) with the tutor's remark, the
    curator's and the tutor's comments, then the teacher's own steps after them — the repeated
    diagnosis ``repeat`` days from today (if any); on an overdue route of a teacher with an
    account, a new activity — so that the route waits for the tutor's comment."""
    today = writer.today
    if overdue:
        practices = route.activities.exclude(kind=ActivityKind.COURSE).order_by("-ends_on", "pk")
        late = practices.exclude(pk=getattr(corrected, "pk", None)).first() or practices.first()
        if late is not None:
            late.ends_on = today - dt.timedelta(days=18)
            late.starts_on = min(late.starts_on, late.ends_on - dt.timedelta(days=60))
            late.starts_on = max(late.starts_on, route.starts_on)
            late.status = ActivityStatus.IN_PROGRESS
            late.done_on = None
            late.product_kind, late.product_title, late.self_assessment = "", "", ""
            late.product_file, late.product_url = "", ""
            late.save()
            writer.events = [
                e
                for e in writer.events
                if not (e.activity_id == late.pk and e.kind == RouteEventKind.PRODUCT)
            ]
            if tutor is not None:
                writer.event(
                    route,
                    RouteEventKind.COMMENT,
                    "Комментарий тьютора",
                    late.ends_on + dt.timedelta(days=4),
                    tutor,
                    hour=16,
                    comment=TUTOR_COMMENTS[2],
                )
    if teacher.curator is not None and teacher.curator != actor:
        writer.event(
            route,
            RouteEventKind.COMMENT,
            "Комментарий куратора",
            writer.day(-35),
            teacher.curator,
            hour=14,
            comment=CURATOR_COMMENTS[0],
        )
    if tutor is not None and not overdue:
        writer.event(
            route,
            RouteEventKind.COMMENT,
            "Комментарий тьютора",
            writer.day(-30),
            tutor,
            hour=16,
            comment=TUTOR_COMMENTS[3],
        )
    # The teacher's steps after the tutor's last comment: the route waits for a comment.
    if repeat is not None:
        writer.diagnose(teacher, writer.day(repeat), *writer.improved(levels, deficits), route=route)
    if overdue and teacher.user is not None:
        deficit = Deficit.objects.filter(diagnosis__route=route).order_by("-level", "pk").first()
        begins = today + dt.timedelta(days=20)
        activity = RouteActivity.objects.create(
            route=route,
            kind=NEXT_MEASURE.kind,
            title=NEXT_MEASURE.title,
            description="Добавлено по рекомендации тьютора.",
            starts_on=begins,
            ends_on=min(begins + dt.timedelta(days=30), route.ends_on),
            sort_order=route.activities.count(),
        )
        if deficit is not None:
            activity.deficits.add(deficit)
        writer.event(
            route,
            RouteEventKind.ACTIVITY,
            f"В дорожную карту добавлено мероприятие «{activity.title}»",
            writer.day(-6),
            actor,
            hour=19,
            activity=activity,
        )

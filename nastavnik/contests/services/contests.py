"""Writes of the regional contest of municipal models of mentoring (issue 19, item 5; seed 000
§4.3.1, App. 2 §2.5).

Who does what (``access.choices.PERMISSIONS``, narrowed by the models' ``scope_filter``):

* the region's operator draws up the contest (``contest`` ``add``/``change``: the call, the dates,
  the criteria, the panel), announces it, closes the applications and publishes the results
  (``contest`` ``approve``);
* the municipal coordinator writes, submits and withdraws their municipality's application between
  the dates of the call (``contestapplication`` ``add``/``change``/``submit``/``withdraw``);
* an expert of the panel scores the submitted applications (``contestscore`` ``add``), never the
  one of their own municipality.

``by=None`` is the system (the demo, a command). Every step is a ``ContestEvent``. Errors are
raised in Russian: ``ValidationError`` for a step the contest's state or the data do not allow,
``PermissionDenied`` for a right the user does not hold.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal, InvalidOperation

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from nastavnik.access.choices import Action, Role
from nastavnik.access.rules import has_perm, require_perm
from nastavnik.contests.choices import ApplicationStatus, ContestEventKind, ContestStatus
from nastavnik.contests.models import (
    Contest,
    ContestApplication,
    ContestApplicationFile,
    ContestCriterion,
    ContestEvent,
    ContestExpert,
    ContestScore,
)
from nastavnik.core.typography import quoted
from nastavnik.core.uploads import DOCUMENT_CHECK, check_field_upload
from nastavnik.organizations.choices import Level

#: The fields of a contest the operator writes while it is a draft.
CONTEST_FIELDS = (
    "title",
    "year",
    "description",
    "applications_open_on",
    "applications_close_on",
    "scoring_ends_on",
)

#: Applications the coordinator may still change (and submit).
EDITABLE_APPLICATION_STATUSES = frozenset({ApplicationStatus.DRAFT, ApplicationStatus.WITHDRAWN})


def _today() -> dt.date:
    return timezone.localdate()


def _event(contest: Contest, *, kind: str, summary: str, by, application=None, comment: str = "") -> None:
    ContestEvent.record(
        contest=contest, application=application, kind=kind, summary=summary, by=by, comment=comment
    )


def _locked(contest: Contest) -> Contest:
    return Contest.objects.select_for_update().get(pk=contest.pk)


def _check_dates(contest: Contest) -> None:
    errors = {}
    if contest.applications_open_on and contest.applications_close_on:
        if contest.applications_close_on < contest.applications_open_on:
            errors["applications_close_on"] = "Окончание приёма заявок не может быть раньше его начала."
    if contest.applications_close_on and contest.scoring_ends_on:
        if contest.scoring_ends_on < contest.applications_close_on:
            errors["scoring_ends_on"] = "Экспертиза не может закончиться раньше окончания приёма заявок."
    if errors:
        raise ValidationError(errors)


def _require_draft(contest: Contest) -> None:
    if contest.status != ContestStatus.DRAFT:
        raise ValidationError(
            f"Конкурс уже объявлен (статус «{contest.get_status_display()}»): "
            "объявление, даты и критерии больше не меняются."
        )


# --- the contest ---------------------------------------------------------------------------------


@transaction.atomic
def contest_create(
    *,
    by,
    owner,
    title: str,
    year: int,
    applications_open_on: dt.date,
    applications_close_on: dt.date,
    scoring_ends_on: dt.date,
    description: str = "",
) -> Contest:
    """Draw up a contest of the region ``owner`` (a unit of level «region») as a draft.

    Raises:
        ValidationError: a field is invalid; the dates are out of order (the close of the
            applications before their opening, the end of the scoring before the close).
        PermissionDenied: ``by`` may not hold contests of ``owner``.
    """
    if owner.level != Level.REGION:
        raise ValidationError("Конкурс проводит регион.")
    contest = Contest(
        owner=owner,
        title=title.strip(),
        year=year,
        description=description,
        applications_open_on=applications_open_on,
        applications_close_on=applications_close_on,
        scoring_ends_on=scoring_ends_on,
    )
    _check_dates(contest)
    contest.full_clean()
    contest.save()
    require_perm(by, "contest", Action.ADD, contest, message="Конкурс проводит региональный оператор.")
    _event(contest, kind=ContestEventKind.CREATED, summary=f"Конкурс {quoted(contest.title)} создан", by=by)
    return contest


@transaction.atomic
def contest_update(*, by, contest: Contest, **fields) -> Contest:
    """Change the call and the dates of a draft contest (:data:`CONTEST_FIELDS`).

    Raises:
        ValidationError: the contest is no longer a draft; a field is invalid; the dates are out
            of order.
        PermissionDenied: ``by`` may not change the contest.
        TypeError: a field that is not the contest's.
    """
    require_perm(by, "contest", Action.CHANGE, contest)
    unknown = set(fields) - set(CONTEST_FIELDS)
    if unknown:
        raise TypeError(f"contest_update: unknown fields {sorted(unknown)}")
    contest = _locked(contest)
    _require_draft(contest)
    for name, value in fields.items():
        setattr(contest, name, value.strip() if name == "title" else value)
    _check_dates(contest)
    contest.full_clean()
    contest.save()
    _event(contest, kind=ContestEventKind.CHANGED, summary="Объявление о конкурсе изменено", by=by)
    return contest


def _weight(value) -> Decimal:
    try:
        weight = Decimal(str(value))
    except (InvalidOperation, ValueError, TypeError):
        raise ValidationError({"weight": "Вес критерия — число больше нуля."}) from None
    if not weight.is_finite() or weight <= 0:
        raise ValidationError({"weight": "Вес критерия — число больше нуля."})
    return weight


@transaction.atomic
def criteria_set(*, by, contest: Contest, criteria: list[dict]) -> list[ContestCriterion]:
    """Replace the criteria of a draft contest with ``criteria``: dicts with ``title``,
    ``description``, ``max_score`` (an integer ≥ 1), ``weight`` (a number > 0) and, for a kept
    criterion, its ``pk``; the order of the list is the order of the criteria. Criteria of the
    contest not named are deleted.

    Raises:
        ValidationError: the contest is no longer a draft; a criterion without a title, with a
            maximum score below 1 or a weight not above 0 (the message names the criterion).
        PermissionDenied: ``by`` may not change the contest.
    """
    require_perm(by, "contest", Action.CHANGE, contest)
    contest = _locked(contest)
    _require_draft(contest)
    existing = {c.pk: c for c in contest.criteria.all()}
    kept: list[ContestCriterion] = []
    for order, row in enumerate(criteria, start=1):
        title = (row.get("title") or "").strip()
        if not title:
            raise ValidationError(f"Критерий № {order}: укажите наименование.")
        try:
            max_score = int(row.get("max_score"))
        except (TypeError, ValueError):
            max_score = 0
        if max_score < 1:
            raise ValidationError(f"Критерий «{title}»: максимальный балл — целое число не меньше 1.")
        try:
            weight = _weight(row.get("weight"))
        except ValidationError:
            raise ValidationError(f"Критерий «{title}»: вес — число больше нуля.") from None
        criterion = existing.get(row.get("pk")) or ContestCriterion(contest=contest)
        criterion.title = title
        criterion.description = (row.get("description") or "").strip()
        criterion.max_score = max_score
        criterion.weight = weight
        criterion.order = order
        try:
            criterion.full_clean()
        except ValidationError as exc:
            raise ValidationError(f"Критерий «{title}»: {' '.join(exc.messages)}") from None
        criterion.save()
        kept.append(criterion)
    contest.criteria.exclude(pk__in=[c.pk for c in kept]).delete()
    _event(
        contest,
        kind=ContestEventKind.CHANGED,
        summary=f"Критерии оценки изменены: {len(kept)}",
        by=by,
    )
    return kept


def panel_candidates(contest: Contest):
    """The users who may sit on the panel of ``contest``: active users holding the role «Эксперт
    конкурса» on the contest's region (or on a unit above it)."""
    ancestors = [int(part) for part in contest.owner.path.split("/") if part]
    return (
        get_user_model()
        .objects.filter(
            is_active=True,
            role_assignments__role=Role.CONTEST_EXPERT,
            role_assignments__org_unit_id__in=ancestors,
        )
        .distinct()
        .order_by("last_name", "first_name", "pk")
    )


def _full_name(user) -> str:
    from nastavnik.core.users import user_name

    return user_name(user)


def _check_expert_municipality(contest: Contest, municipality) -> None:
    if municipality is None:
        return
    if municipality.level != Level.MUNICIPALITY or not municipality.path.startswith(contest.owner.path):
        raise ValidationError({"municipality": "Выберите муниципальное образование региона."})


def _require_open_panel(contest: Contest) -> None:
    if contest.status == ContestStatus.PUBLISHED:
        raise ValidationError("Итоги конкурса опубликованы: состав комиссии не меняется.")


@transaction.atomic
def expert_add(*, by, contest: Contest, user, municipality=None, name: str = "") -> ContestExpert:
    """Seat ``user`` (holding the role «Эксперт конкурса» on the region) on the panel of
    ``contest``; ``municipality``: the expert's own municipality, whose application they will not
    score; ``name``: the full name shown on the internal pages (the user's by default).

    Raises:
        ValidationError: the results are published; the user is no contest expert of the region;
            they already sit on the panel; the municipality is not one of the region's.
        PermissionDenied: ``by`` may not change the contest.
    """
    require_perm(by, "contest", Action.CHANGE, contest)
    contest = _locked(contest)
    _require_open_panel(contest)
    if not panel_candidates(contest).filter(pk=user.pk).exists():
        raise ValidationError(
            {"user": "В комиссию включают пользователей с ролью «Эксперт конкурса» в регионе."}
        )
    _check_expert_municipality(contest, municipality)
    expert = ContestExpert(
        contest=contest, user=user, municipality=municipality, name=(name or _full_name(user)).strip()
    )
    expert.full_clean()
    expert.save()
    _event(
        contest, kind=ContestEventKind.PANEL, summary=f"В экспертную комиссию включён(а) {expert.name}", by=by
    )
    return expert


@transaction.atomic
def expert_update(*, by, expert: ContestExpert, municipality=None, name: str | None = None) -> ContestExpert:
    """Change the municipality (and the name) of a member of the panel.

    Raises:
        ValidationError: the results are published; the municipality is not one of the region's;
            the expert has already scored that municipality's application.
        PermissionDenied: ``by`` may not change the contest.
    """
    contest = expert.contest
    require_perm(by, "contest", Action.CHANGE, contest)
    contest = _locked(contest)
    _require_open_panel(contest)
    _check_expert_municipality(contest, municipality)
    if municipality is not None and expert.scores.filter(application__municipality=municipality).exists():
        raise ValidationError(
            {
                "municipality": "Эксперт уже оценил заявку этого муниципального образования: сначала удалите оценки."
            }
        )
    expert.municipality = municipality
    if name:
        expert.name = name.strip()
    expert.full_clean()
    expert.save()
    _event(
        contest, kind=ContestEventKind.PANEL, summary=f"Изменены сведения об эксперте {expert.name}", by=by
    )
    return expert


@transaction.atomic
def expert_remove(*, by, expert: ContestExpert) -> None:
    """Remove a member from the panel (with no scores given yet).

    Raises:
        ValidationError: the results are published; the expert has already given scores.
        PermissionDenied: ``by`` may not change the contest.
    """
    contest = expert.contest
    require_perm(by, "contest", Action.CHANGE, contest)
    contest = _locked(contest)
    _require_open_panel(contest)
    if expert.scores.exists():
        raise ValidationError("Эксперт уже выставил оценки: исключить его из комиссии нельзя.")
    name = expert.name
    expert.delete()
    _event(contest, kind=ContestEventKind.PANEL, summary=f"Из экспертной комиссии исключён(а) {name}", by=by)


@transaction.atomic
def contest_announce(*, by, contest: Contest) -> Contest:
    """Announce a draft contest: applications are accepted between its dates.

    Raises:
        ValidationError: not a draft; no criterion; the dates out of order or the close of the
            applications already past.
        PermissionDenied: ``by`` may not announce the contest (``contest`` ``approve``).
    """
    require_perm(by, "contest", Action.APPROVE, contest, message="Конкурс объявляет региональный оператор.")
    contest = _locked(contest)
    _require_draft(contest)
    if not contest.criteria.exists():
        raise ValidationError("Добавьте хотя бы один критерий оценки заявок.")
    _check_dates(contest)
    if contest.applications_close_on < _today():
        raise ValidationError("Дата окончания приёма заявок уже прошла: измените даты конкурса.")
    contest.status = ContestStatus.ANNOUNCED
    contest.announced_at = timezone.now()
    contest.save(update_fields=["status", "announced_at"])
    _event(
        contest,
        kind=ContestEventKind.ANNOUNCED,
        summary=(
            f"Конкурс объявлен: приём заявок с {contest.applications_open_on:%d.%m.%Y} "
            f"по {contest.applications_close_on:%d.%m.%Y}"
        ),
        by=by,
    )
    return contest


@transaction.atomic
def contest_close(*, by, contest: Contest) -> Contest:
    """End the applications and start the scoring: the submitted applications go to the panel;
    drafts stay out of the contest.

    Raises:
        ValidationError: the contest is not accepting applications; the close date has not come.
        PermissionDenied: ``by`` may not (``contest`` ``approve``).
    """
    require_perm(
        by, "contest", Action.APPROVE, contest, message="Приём заявок закрывает региональный оператор."
    )
    contest = _locked(contest)
    if contest.status != ContestStatus.ANNOUNCED:
        raise ValidationError(f"Приём заявок не идёт: статус конкурса «{contest.get_status_display()}».")
    if _today() < contest.applications_close_on:
        raise ValidationError(
            f"Приём заявок идёт до {contest.applications_close_on:%d.%m.%Y}: закрыть его можно с этого дня."
        )
    contest.status = ContestStatus.SCORING
    contest.save(update_fields=["status"])
    count = contest.applications.submitted().count()
    _event(
        contest,
        kind=ContestEventKind.CLOSED,
        summary=f"Приём заявок окончен, начата экспертиза; поданных заявок: {count}",
        by=by,
    )
    return contest


@transaction.atomic
def contest_publish(*, by, contest: Contest, confirm_missing: bool = False) -> Contest:
    """Publish the results: the ranking (``selectors.contests.ranking``) becomes public.

    Every expert is expected to have scored every criterion of every submitted application but
    their own municipality's; when some scores are missing the results are published only with
    ``confirm_missing`` (the totals then average the scores given).

    Raises:
        ValidationError: the contest is not being scored; no application was submitted; scores are
            missing and not confirmed (the message lists them).
        PermissionDenied: ``by`` may not (``contest`` ``approve``).
    """
    from nastavnik.contests.selectors.contests import missing_scores

    require_perm(by, "contest", Action.APPROVE, contest, message="Итоги публикует региональный оператор.")
    contest = _locked(contest)
    if contest.status != ContestStatus.SCORING:
        raise ValidationError(
            f"Публикуются итоги только после экспертизы; статус «{contest.get_status_display()}»."
        )
    if not contest.applications.submitted().exists():
        raise ValidationError("На конкурс не подано ни одной заявки: публиковать нечего.")
    missing = missing_scores(contest)
    if missing and not confirm_missing:
        listed = "; ".join(m.label for m in missing[:20])
        more = f" и ещё {len(missing) - 20}" if len(missing) > 20 else ""
        raise ValidationError(
            f"Не выставлены оценки ({len(missing)}): {listed}{more}. "
            "Подтвердите публикацию итогов без них или дождитесь оценок."
        )
    contest.status = ContestStatus.PUBLISHED
    contest.published_at = timezone.now()
    contest.save(update_fields=["status", "published_at"])
    _event(
        contest,
        kind=ContestEventKind.PUBLISHED,
        summary="Итоги конкурса опубликованы" + (f" без {len(missing)} оценок" if missing else ""),
        by=by,
    )
    return contest


# --- applications ----------------------------------------------------------------------------------


def _require_accepting(contest: Contest) -> None:
    if contest.status != ContestStatus.ANNOUNCED:
        raise ValidationError(f"Заявки не принимаются: статус конкурса «{contest.get_status_display()}».")
    today = _today()
    if today < contest.applications_open_on:
        raise ValidationError(f"Приём заявок начнётся {contest.applications_open_on:%d.%m.%Y}.")
    if today > contest.applications_close_on:
        raise ValidationError(f"Приём заявок окончен {contest.applications_close_on:%d.%m.%Y}.")


def _locked_application(application: ContestApplication) -> ContestApplication:
    return (
        ContestApplication.objects.select_for_update(of=("self",))
        .select_related("contest", "municipality")
        .get(pk=application.pk)
    )


@transaction.atomic
def application_create(
    *, by, contest: Contest, municipality, title: str, description: str
) -> ContestApplication:
    """Draw up the application of ``municipality`` (a unit of level «municipality» of the
    contest's region) while the contest accepts applications.

    Raises:
        ValidationError: the contest does not accept applications today; the unit is no
            municipality of the region; the municipality already has an application; a field is
            empty.
        PermissionDenied: ``by`` may not apply for ``municipality``.
    """
    if by is not None and not Contest.objects.for_user(by).filter(pk=contest.pk).exists():
        raise PermissionDenied("Конкурс вам недоступен.")
    _require_accepting(contest)
    if municipality.level != Level.MUNICIPALITY or not municipality.path.startswith(contest.owner.path):
        raise ValidationError({"municipality": "Заявку подаёт муниципальное образование региона."})
    if ContestApplication.objects.filter(contest=contest, municipality=municipality).exists():
        raise ValidationError("Заявка этого муниципального образования на конкурс уже есть.")
    application = ContestApplication(
        contest=contest, municipality=municipality, title=title.strip(), description=description.strip()
    )
    application.full_clean()
    application.save()
    require_perm(
        by,
        "contestapplication",
        Action.ADD,
        application,
        message="Заявку подаёт муниципальный координатор своего муниципального образования.",
    )
    _event(
        contest,
        application=application,
        kind=ContestEventKind.APPLICATION,
        summary=f"Заявка {municipality} создана",
        by=by,
    )
    return application


@transaction.atomic
def application_update(
    *, by, application: ContestApplication, title: str, description: str
) -> ContestApplication:
    """Change the title and the description of a draft (or withdrawn) application while the
    contest accepts applications.

    Raises:
        ValidationError: the application is submitted; the contest does not accept applications.
        PermissionDenied: ``by`` may not change the application.
    """
    require_perm(by, "contestapplication", Action.CHANGE, application)
    application = _locked_application(application)
    if application.status not in EDITABLE_APPLICATION_STATUSES:
        raise ValidationError("Поданную заявку изменить нельзя: сначала отзовите её.")
    _require_accepting(application.contest)
    application.title = title.strip()
    application.description = description.strip()
    application.full_clean()
    application.save()
    _event(
        application.contest,
        application=application,
        kind=ContestEventKind.APPLICATION,
        summary=f"Заявка {application.municipality} изменена",
        by=by,
    )
    return application


@transaction.atomic
def application_file_add(*, by, application: ContestApplication, title: str, file) -> ContestApplicationFile:
    """Attach a file to a draft (or withdrawn) application; checked by content
    (``core.uploads.DOCUMENT_CHECK``: PDF, office documents, images).

    Raises:
        ValidationError: the application is submitted; the contest does not accept applications;
            the file is refused by the check.
        PermissionDenied: ``by`` may not change the application.
    """
    require_perm(by, "contestapplication", Action.CHANGE, application)
    application = _locked_application(application)
    if application.status not in EDITABLE_APPLICATION_STATUSES:
        raise ValidationError("К поданной заявке файлы не добавляются: сначала отзовите её.")
    _require_accepting(application.contest)
    check_field_upload(DOCUMENT_CHECK, file, "file")
    attached = ContestApplicationFile(
        application=application, title=(title or getattr(file, "name", "") or "Файл").strip()[:300], file=file
    )
    attached.full_clean()
    attached.save()
    _event(
        application.contest,
        application=application,
        kind=ContestEventKind.APPLICATION,
        summary=f"К заявке {application.municipality} приложен файл {quoted(attached.title)}",
        by=by,
    )
    return attached


@transaction.atomic
def application_file_delete(*, by, attached: ContestApplicationFile) -> None:
    """Remove a file of a draft (or withdrawn) application.

    Raises:
        ValidationError: the application is submitted or the contest does not accept applications.
        PermissionDenied: ``by`` may not change the application.
    """
    application = attached.application
    require_perm(by, "contestapplication", Action.CHANGE, application)
    application = _locked_application(application)
    if application.status not in EDITABLE_APPLICATION_STATUSES:
        raise ValidationError("Файлы поданной заявки не удаляются: сначала отзовите её.")
    _require_accepting(application.contest)
    title = attached.title
    attached.file.delete(save=False)
    attached.delete()
    _event(
        application.contest,
        application=application,
        kind=ContestEventKind.APPLICATION,
        summary=f"Из заявки {application.municipality} удалён файл {quoted(title)}",
        by=by,
    )


@transaction.atomic
def application_submit(*, by, application: ContestApplication) -> ContestApplication:
    """Submit the application to the contest (a withdrawn one may be submitted again) while the
    contest accepts applications.

    Raises:
        ValidationError: already submitted; the contest does not accept applications; no
            description.
        PermissionDenied: ``by`` may not submit it (``contestapplication`` ``submit``).
    """
    require_perm(by, "contestapplication", Action.SUBMIT, application)
    application = _locked_application(application)
    if application.status == ApplicationStatus.SUBMITTED:
        raise ValidationError("Заявка уже подана.")
    _require_accepting(application.contest)
    if not application.description.strip():
        raise ValidationError("Опишите муниципальную модель наставничества перед подачей заявки.")
    application.status = ApplicationStatus.SUBMITTED
    application.submitted_at = timezone.now()
    application.save(update_fields=["status", "submitted_at"])
    _event(
        application.contest,
        application=application,
        kind=ContestEventKind.SUBMITTED,
        summary=f"Заявка {application.municipality} подана",
        by=by,
    )
    return application


@transaction.atomic
def application_withdraw(*, by, application: ContestApplication, comment: str = "") -> ContestApplication:
    """Withdraw a submitted application before the applications close (it may be changed and
    submitted again until then).

    Raises:
        ValidationError: the application is not submitted; the contest no longer accepts
            applications.
        PermissionDenied: ``by`` may not withdraw it (``contestapplication`` ``withdraw``).
    """
    require_perm(by, "contestapplication", Action.WITHDRAW, application)
    application = _locked_application(application)
    if application.status != ApplicationStatus.SUBMITTED:
        raise ValidationError("Отозвать можно только поданную заявку.")
    if application.contest.status != ContestStatus.ANNOUNCED:
        raise ValidationError("Приём заявок окончен: заявку уже оценивает экспертная комиссия.")
    application.status = ApplicationStatus.WITHDRAWN
    application.save(update_fields=["status"])
    _event(
        application.contest,
        application=application,
        kind=ContestEventKind.WITHDRAWN,
        summary=f"Заявка {application.municipality} отозвана",
        by=by,
        comment=comment,
    )
    return application


# --- scores --------------------------------------------------------------------------------------

#: The refusal to score one's own municipality (seed 000 App. 2 §2.5: an independent panel).
OWN_MUNICIPALITY_REFUSAL = "Эксперт не оценивает заявку своего муниципального образования."


def seat_of(user, contest: Contest) -> ContestExpert | None:
    """The seat of ``user`` on the panel of ``contest`` (``None``: not on it)."""
    if user is None or not getattr(user, "is_authenticated", False):
        return None
    return ContestExpert.objects.filter(contest=contest, user=user).select_related("municipality").first()


@transaction.atomic
def scores_save(
    *,
    by,
    application: ContestApplication,
    scores: dict[int, tuple[int, str]],
    expert: ContestExpert | None = None,
) -> list[ContestScore]:
    """Record the scores of the expert ``by`` (or ``expert`` when the system writes) for
    ``application``: ``scores`` maps a criterion id to ``(score, comment)``, each score an integer
    from 0 to the criterion's maximum. A criterion scored again is overwritten.

    Raises:
        ValidationError: the contest is not being scored; the application is not submitted; it is
            the expert's own municipality's (:data:`OWN_MUNICIPALITY_REFUSAL`); a criterion of
            another contest; a score outside 0..max.
        PermissionDenied: ``by`` sits on no panel of the contest or may not score.
    """
    contest = application.contest
    if by is not None:
        require_perm(by, "contestscore", Action.ADD, message="Заявки оценивают эксперты конкурса.")
        expert = seat_of(by, contest)
        if expert is None:
            raise PermissionDenied("Вы не входите в экспертную комиссию этого конкурса.")
    if expert is None or expert.contest_id != contest.pk:
        raise ValidationError("Эксперт не входит в комиссию этого конкурса.")
    application = _locked_application(application)
    contest = application.contest
    if contest.status != ContestStatus.SCORING:
        raise ValidationError(
            f"Оценки выставляются во время экспертизы; статус конкурса «{contest.get_status_display()}»."
        )
    if application.status != ApplicationStatus.SUBMITTED:
        raise ValidationError("Оцениваются только поданные заявки.")
    if expert.municipality_id and expert.municipality_id == application.municipality_id:
        raise ValidationError(OWN_MUNICIPALITY_REFUSAL)
    criteria = {c.pk: c for c in contest.criteria.all()}
    saved = []
    for criterion_id, (score, comment) in scores.items():
        criterion = criteria.get(criterion_id)
        if criterion is None:
            raise ValidationError("Критерий не относится к этому конкурсу.")
        if not isinstance(score, int) or isinstance(score, bool) or not 0 <= score <= criterion.max_score:
            raise ValidationError(
                {
                    f"score_{criterion.pk}": f"Критерий «{criterion.title}»: балл от 0 до {criterion.max_score}."
                }
            )
        row, _ = ContestScore.objects.update_or_create(
            application=application,
            criterion=criterion,
            expert=expert,
            defaults={"score": score, "comment": (comment or "").strip()},
        )
        saved.append(row)
    _event(
        contest,
        application=application,
        kind=ContestEventKind.SCORED,
        summary=f"Эксперт {expert.name} оценил(а) заявку {application.municipality}: критериев {len(saved)}",
        by=by,
    )
    return saved


def can_score(user, application: ContestApplication) -> bool:
    """Whether ``user`` may score ``application`` now (an expert of its contest from another
    municipality, the contest being scored, the application submitted)."""
    if not has_perm(user, "contestscore", Action.ADD):
        return False
    seat = seat_of(user, application.contest)
    return bool(
        seat is not None
        and application.contest.status == ContestStatus.SCORING
        and application.status == ApplicationStatus.SUBMITTED
        and seat.municipality_id != application.municipality_id
    )

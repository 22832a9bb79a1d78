"""The bank import as a background job (``nastavnik.jobs``): one kind, two stages.

``params["apply"]`` false: read and check the file, keep the checked rows (``kept``) and the
preview as the job's result; true (``params["preview_job"]``: the check job): take the kept rows,
re-verify only what may have changed in the system since the check, and write them — the file is
not read and checked again (issue 16, Build 3). Without a kept check (made more than a day ago)
the file is checked again, as a new check would.
"""

from __future__ import annotations

import logging

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import DatabaseError

from nastavnik.bank.importing.kept import (
    file_sha256,
    import_check_find,
    import_check_keep,
    import_check_load,
    import_checks_purge,
)
from nastavnik.bank.importing.services import (
    ALREADY_IMPORTED,
    ImportPlan,
    bank_import_apply,
    bank_import_reverify,
    bank_import_validate,
)
from nastavnik.jobs.models import Job
from nastavnik.jobs.registry import job_kind
from nastavnik.jobs.services import JobError, job_progress

logger = logging.getLogger("nastavnik.bank.importing")

KIND = "bank_import"
READ_MESSAGE = "Чтение и проверка строк: {done} из {total}"
VERIFY_MESSAGE = "Сверка проверенных строк с данными системы"
WRITE_MESSAGE = "Запись в базу данных: {done} из {total} строк"
FILE_GONE = "Файл уже импортирован или удалён: загрузите его снова."
#: Row numbers named in the message of an apply stopped by rows now invalid (all are in the list).
_SHOWN_ROWS = 20


@job_kind(KIND, label="Загрузка банка наставников и наставляемых", result_template="bank/import/result.html")
def bank_import_job(job) -> dict:
    """Run one stage of the import of ``job.input_file`` into ``job.organization`` for
    ``job.created_by``. Returns the preview (``{"stage": "preview", …}``, see
    ``ImportPlan.preview``) or the counts written (``{"stage": "applied", …}``, see
    ``ImportResult.as_dict``). After a successful import the uploaded file is deleted.

    Raises:
        JobError: the organization or the user is gone, the right was withdrawn, the file is
            gone or was imported already, the file has errors — or rows that became invalid
            since the check — when applying (the preview with them is kept as the result), or
            the database refused the rows (everything rolled back).
    """
    if job.organization is None or job.created_by is None or not job.input_file:
        raise JobError("Загрузка невозможна: организация, пользователь или файл больше не существуют.")
    storage, name = job.input_file.storage, job.input_file.name
    if not storage.exists(name):
        raise JobError(FILE_GONE)
    result = _apply(job) if job.params.get("apply") else _check(job)
    if result["stage"] == "applied":
        # The file holds personal data: once imported it is not kept (152-ФЗ art. 5 p. 7).
        storage.delete(name)
    return result


def _read_progress(job, scale: int):
    """``progress`` of ``bank_import_validate``: reading is the whole bar of a check and its first
    half (``scale`` 2) when an apply has to check the file again."""

    def progress(stage: str, done: int, total: int) -> None:
        message = READ_MESSAGE.format(done=done, total=total) if total else READ_MESSAGE.split(":")[0]
        job_progress(job, done, total * scale if total else 0, message=message)

    return progress


def _validate(job, source, *, scale: int) -> ImportPlan:
    try:
        return bank_import_validate(
            source=source,
            organization=job.organization,
            user=job.created_by,
            progress=_read_progress(job, scale),
        )
    except PermissionDenied as exc:
        raise JobError("Нет права вносить работников в эту организацию.") from exc
    except ValidationError as exc:
        raise JobError(" ".join(exc.messages)) from exc


def _check(job) -> dict:
    """Read and check the file; keep the checked rows for the apply."""
    import_checks_purge()
    with job.input_file.open("rb") as source:
        sha256 = file_sha256(source)
        plan = _validate(job, source, scale=1)
    import_check_keep(plan=plan, job=job, sha256=sha256)
    return {"stage": "preview", **plan.preview()}


def _apply(job) -> dict:
    """Write the kept check of the file (re-verified now), or check the file again without one."""
    import_checks_purge()
    record = import_check_find(
        check_job_id=job.params.get("preview_job"), user=job.created_by, organization=job.organization
    )
    if record is not None and record.applied_at is not None:
        raise JobError(ALREADY_IMPORTED)
    with job.input_file.open("rb") as source:
        sha256 = file_sha256(source)
        kept = import_check_load(record) if record is not None and record.file_sha256 == sha256 else None
        if kept is None:
            plan = _validate(job, source, scale=2)
            preview = {"stage": "preview", **plan.preview()}
            base = plan.rows
    if kept is not None:
        job_progress(job, 0, kept.row_count, message=VERIFY_MESSAGE)
        try:
            plan = bank_import_reverify(kept=kept, organization=job.organization, user=job.created_by)
        except PermissionDenied as exc:
            raise JobError("Нет права вносить работников в эту организацию.") from exc
        except ValidationError as exc:
            raise JobError(" ".join(exc.messages)) from exc
        checked = Job.objects.filter(pk=record.job_id).values_list("result", flat=True).first() or {}
        plan.sample = checked.get("sample", [])
        plan.ignored_headers = checked.get("ignored_headers", [])
        preview = {"stage": "preview", **plan.preview(), "rechecked": len(plan.rechecked)}
        base = 0
    if not plan.ok:
        if kept is None:
            raise JobError(
                f"Импорт не выполнен: в файле ошибок — {len(plan.issues)}. Ничего не записано.",
                result=preview,
            )
        raise JobError(_changed_since_message(plan), result={**preview, "changed_since_check": True})

    def progress(_stage: str, done: int, total: int) -> None:
        # Writing is the second half of the bar when the file had to be checked again.
        rows = plan.rows
        if base:
            job_progress(
                job,
                base + done * rows // max(total, 1),
                rows * 2,
                message=WRITE_MESSAGE.format(done=done, total=total),
            )
        else:
            job_progress(
                job, done * rows // max(total, 1), rows, message=WRITE_MESSAGE.format(done=done, total=total)
            )

    progress("write", 0, plan.rows)
    try:
        result = bank_import_apply(plan=plan, by=job.created_by, progress=progress, kept_check=record)
    except ValidationError as exc:
        raise JobError(" ".join(exc.messages), result=preview) from exc
    except DatabaseError as exc:
        logger.warning("bank import job %s rolled back: %s", job.pk, exc)
        raise JobError(
            "Импорт не выполнен, ничего не записано: база данных отклонила изменения "
            "(возможно, те же работники были внесены одновременно с загрузкой). Загрузите файл ещё раз.",
            result=preview,
        ) from exc
    return {**preview, **result.as_dict(), "stage": "applied"}


def _changed_since_message(plan: ImportPlan) -> str:
    """«Импорт не выполнен, ничего не записано: …» naming the rows that became invalid."""
    rows = sorted({issue.row for issue in plan.issues if issue.row is not None})
    shown = ", ".join(str(number) for number in rows[:_SHOWN_ROWS])
    if len(rows) == 1:
        which = f"не проходит проверку строка {shown}"
    elif len(rows) > _SHOWN_ROWS:
        which = f"не проходят проверку строки {shown} и ещё {len(rows) - _SHOWN_ROWS} (всего — {len(rows)})"
    else:
        which = f"не проходят проверку строки {shown}"
    return (
        "Импорт не выполнен, ничего не записано: после проверки файла изменились сведения в системе, "
        f"и теперь {which}. Причины указаны в списке ошибок; исправьте файл или "
        "сведения в системе и загрузите файл снова."
    )

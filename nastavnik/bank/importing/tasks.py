"""The bank import as a background job (``nastavnik.jobs``): one kind, two stages.

``params["apply"]`` false: check the file and keep the preview as the job's result;
true: check it again (the data may have changed since the preview) and write it.
"""

from __future__ import annotations

import logging

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import DatabaseError

from nastavnik.bank.importing.services import bank_import_apply, bank_import_validate
from nastavnik.jobs.registry import job_kind
from nastavnik.jobs.services import JobError, job_progress

logger = logging.getLogger("nastavnik.bank.importing")

KIND = "bank_import"
READ_MESSAGE = "Чтение и проверка строк: {done} из {total}"
WRITE_MESSAGE = "Запись в базу данных: {done} из {total} строк"


@job_kind(KIND, label="Загрузка банка наставников и наставляемых", result_template="bank/import/result.html")
def bank_import_job(job) -> dict:
    """Run one stage of the import of ``job.input_file`` into ``job.organization`` for
    ``job.created_by``. Returns the preview (``{"stage": "preview", …}``, see
    ``ImportPlan.preview``) or the counts written (``{"stage": "applied", …}``, see
    ``ImportResult.as_dict``). After a successful import the uploaded file is deleted.

    Raises:
        JobError: the organization or the user is gone, the right was withdrawn, the file has
            errors when applying (the preview is kept as the result), or the database refused
            the rows (everything rolled back).
    """
    apply = bool(job.params.get("apply"))
    if job.organization is None or job.created_by is None or not job.input_file:
        raise JobError("Загрузка невозможна: организация, пользователь или файл больше не существуют.")
    # Checking is the first half of an apply job's bar, writing the second.
    scale = 2 if apply else 1

    def progress(stage: str, done: int, total: int) -> None:
        if stage == "read":
            message = READ_MESSAGE.format(done=done, total=total) if total else READ_MESSAGE.split(":")[0]
            job_progress(job, done, total * scale if total else 0, message=message)
        else:
            rows = plan.rows
            message = WRITE_MESSAGE.format(done=done, total=total)
            job_progress(job, rows + done * rows // max(total, 1), rows * 2, message=message)

    storage, name = job.input_file.storage, job.input_file.name
    if not storage.exists(name):
        raise JobError("Файл уже импортирован или удалён: загрузите его снова.")
    try:
        with job.input_file.open("rb") as source:
            plan = bank_import_validate(
                source=source, organization=job.organization, user=job.created_by, progress=progress
            )
    except PermissionDenied as exc:
        raise JobError("Нет права вносить работников в эту организацию.") from exc
    except ValidationError as exc:
        raise JobError(" ".join(exc.messages)) from exc
    preview = {"stage": "preview", **plan.preview()}
    if not apply:
        return preview
    if not plan.ok:
        raise JobError(
            f"Импорт не выполнен: в файле ошибок — {len(plan.issues)}. Ничего не записано.", result=preview
        )
    job_progress(job, plan.rows, plan.rows * 2, message=WRITE_MESSAGE.format(done=0, total=plan.rows))
    try:
        result = bank_import_apply(plan=plan, by=job.created_by, progress=progress)
    except DatabaseError as exc:
        logger.warning("bank import job %s rolled back: %s", job.pk, exc)
        raise JobError(
            "Импорт не выполнен, ничего не записано: база данных отклонила изменения "
            "(возможно, те же работники были внесены одновременно с загрузкой). Загрузите файл ещё раз.",
            result=preview,
        ) from exc
    # The file holds personal data: once imported it is not kept (152-ФЗ art. 5 p. 7).
    storage.delete(name)
    return {**preview, **result.as_dict(), "stage": "applied"}

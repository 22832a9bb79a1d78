"""Settings of background work on Celery with Redis (issue 17, build 3).

Imported at the end of ``base``. The embedded default keeps ``NASTAVNIK_JOBS_BACKEND="thread"``
and needs no service; production settings choose the Celery backend.
"""

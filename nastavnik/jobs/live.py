"""Progress of the jobs running in this process, kept in memory.

A job that writes in one long transaction (an all-or-nothing import) cannot make its progress
visible through the database until it commits; the status page of the same process reads it
from here instead. ``RUNNER_ID`` names this process, so that a job left ``running`` by another,
dead process can be recognised.
"""

from __future__ import annotations

import os
import socket
import threading
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path


def _runner_id() -> str:
    return f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:12]}"


#: ``host:pid:boot`` of this process; the boot part tells a restarted process with the same pid.
#: Renewed in a forked child (a Celery prefork worker, a gunicorn worker forked after the import),
#: which is another process that must not pass for its parent.
RUNNER_ID = _runner_id()


@dataclass
class LiveProgress:
    done: int = 0
    total: int = 0
    message: str = ""
    written_at: float = field(default_factory=time.monotonic)


_LIVE: dict[int, LiveProgress] = {}
_LOCK = threading.Lock()


def _after_fork_in_child() -> None:
    global RUNNER_ID, _LOCK
    RUNNER_ID = _runner_id()
    _LOCK = threading.Lock()
    _LIVE.clear()  # the parent's jobs do not run in the child


os.register_at_fork(after_in_child=_after_fork_in_child)


def register(job_id: int) -> LiveProgress:
    with _LOCK:
        return _LIVE.setdefault(job_id, LiveProgress(written_at=0.0))


def unregister(job_id: int) -> None:
    with _LOCK:
        _LIVE.pop(job_id, None)


def get(job_id: int) -> LiveProgress | None:
    with _LOCK:
        return _LIVE.get(job_id)


def runner_alive(runner: str) -> bool | None:
    """Whether the process named ``runner`` still lives: ``None`` when it cannot be told (another
    host, or no runner recorded)."""
    if not runner:
        return None
    if runner == RUNNER_ID:
        return True
    host, _, rest = runner.partition(":")
    pid_text, _, _boot = rest.partition(":")
    if host != socket.gethostname() or not pid_text.isdigit():
        return None
    pid = int(pid_text)
    if pid == os.getpid():
        return False  # this pid, another boot: the process was restarted
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return not _zombie(pid)


def _zombie(pid: int) -> bool:
    """Whether ``pid`` is a process that ended and was not reaped (a killed worker's child whose
    parent died too, in a container whose first process reaps nothing): Linux ``/proc`` only."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return False
    # «pid (name) state …»: the name may hold spaces and parentheses, the state follows the last «)»
    return stat.rpartition(")")[2].split()[:1] == ["Z"]

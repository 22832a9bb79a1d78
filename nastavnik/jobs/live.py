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

#: ``host:pid:boot`` of this process; the boot part tells a restarted process with the same pid.
RUNNER_ID = f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:12]}"


@dataclass
class LiveProgress:
    done: int = 0
    total: int = 0
    message: str = ""
    written_at: float = field(default_factory=time.monotonic)


_LIVE: dict[int, LiveProgress] = {}
_LOCK = threading.Lock()


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
    return True

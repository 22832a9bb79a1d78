"""Signals of the life of a personalized program, for the apps above mentoring (monitoring
assigns its questionnaires from them, seed 004 §9.2) so that mentoring imports none of them.

Every signal is sent with ``sender=PersonalizedProgram`` and the keyword arguments ``program``
(the ``PersonalizedProgram`` as just saved) and ``by`` (the acting user, ``None`` for the
system); :data:`program_pair_added` also gives ``pair``.

They are sent INSIDE the service's transaction, after the program's row is saved, and not with
``transaction.on_commit``: the receivers only write rows of the same database (what the
participants owe), which is part of the same fact as the status change. Sent inside, a failing
receiver rolls the status change back, so a program never stands started without its
«before» questionnaires, and the completion can rely on the «after» self-assessment having
been assigned. Receivers must therefore not send e-mails or do other outside work (reminders
are sent later by a periodic command).
"""

from __future__ import annotations

from django.dispatch import Signal

#: An approved program started (Утверждена → Реализуется): the «before» questionnaires open
#: (seed 004 §9.2, first sub-stage of monitoring).
program_started = Signal()

#: An active program entered the reflective-analytical stage (seed 004 §6.2.3: the mentee
#: reflects): the mentee's «after» self-assessment opens. Also sent when a program that is
#: already at that stage starts.
program_reflection_started = Signal()

#: A program was completed (→ Завершена, seed 003 §4.8, 002 §9): the feedback «after» questionnaires
#: open for the participants of the pairs it completed.
program_completed = Signal()

#: An open program was terminated (→ Прекращена): what its participants still owe is cancelled.
program_terminated = Signal()

#: A pair joined an open program (a new mentor replacing one, seed 000 §5.1.1): its participants
#: get what the others already owe. Keyword argument ``pair`` besides ``program`` and ``by``.
program_pair_added = Signal()


def send(signal: Signal, program, by, **kwargs) -> None:
    """Send ``signal`` for ``program`` acting as ``by`` (with ``PersonalizedProgram`` as the
    sender); exceptions of the receivers propagate and roll back the caller's transaction."""
    signal.send(sender=type(program), program=program, by=by, **kwargs)

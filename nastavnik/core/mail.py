"""The common pieces of the e-mails the system writes to its users: the site's address for the
links, the greeting, the closing notice, the frame of a letter and the sending of a batch.

A letter is plain Russian text::

    Здравствуйте, Мария Петровна!
    <blank line>
    <the lines of the letter>
    <blank line>
    Письмо отправлено автоматически информационной системой «Наставник». Отвечать на него не нужно.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from typing import NamedTuple

from django.conf import settings
from django.core.mail import get_connection, send_mail

#: The closing line of every letter the system sends.
AUTOMATIC_NOTICE = (
    "Письмо отправлено автоматически информационной системой «Наставник». Отвечать на него не нужно."
)


def site_url(base_url: str | None = None) -> str:
    """The site's address to put before the paths of the links, without a trailing slash:
    ``base_url`` when given (even empty), else ``settings.NASTAVNIK_BASE_URL``; ``""`` (relative
    links) when neither is set.

    >>> site_url("https://nastavnik.example.ru/")
    'https://nastavnik.example.ru'
    """
    if base_url is None:
        base_url = getattr(settings, "NASTAVNIK_BASE_URL", "")
    return (base_url or "").rstrip("/")


def greeting(first_name: str = "", middle_name: str = "") -> str:
    """«Здравствуйте, Имя Отчество!»; «Здравствуйте!» when there is no name.

    A whole name in one string (``user.get_full_name()``) may be given as ``first_name``.
    """
    name = f"{first_name} {middle_name}".strip()
    return f"Здравствуйте, {name}!" if name else "Здравствуйте!"


def letter(greeting_line: str, lines: Iterable[str]) -> str:
    """The body of a letter: ``greeting_line``, a blank line, ``lines`` (one line each, ``""`` for a
    blank one), a blank line and :data:`AUTOMATIC_NOTICE`, joined by ``"\\n"``."""
    return "\n".join([greeting_line, "", *lines, "", AUTOMATIC_NOTICE])


class Mail(NamedTuple):
    """One letter to one address for :func:`send_each`; ``about`` are the arguments of the
    ``log_what`` message that names the letter when its delivery fails."""

    address: str
    subject: str
    body: str
    about: tuple = ()


def send_each(mails: Iterable[Mail], *, logger: logging.Logger, log_what: str) -> int:
    """Send ``mails`` one by one from ``settings.DEFAULT_FROM_EMAIL`` through one connection
    (taken at the first letter, none when there is nothing to send).

    ``mails`` is read lazily, a letter at a time: a generator may do its work (e.g. mark a record
    as reminded in its own transaction) just before yielding the letters it concerns.

    A failed delivery does not stop the others: it is logged with ``logger.exception`` as
    ``log_what % mail.about`` followed by « failed», and not retried.

    Returns the number of e-mails sent.
    """
    sent = 0
    connection = None
    for mail in mails:
        connection = connection or get_connection()
        try:
            sent += send_mail(
                mail.subject, mail.body, settings.DEFAULT_FROM_EMAIL, [mail.address], connection=connection
            )
        except Exception:  # one failed delivery must not stop the others
            logger.exception(log_what + " failed", *mail.about)
    return sent

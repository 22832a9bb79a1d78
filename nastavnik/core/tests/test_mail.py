"""The common pieces of the system's e-mails: the site's address, the greeting, the frame of a
letter and the sending of a batch where one failed delivery does not stop the others."""

from __future__ import annotations

import logging

import pytest
from django.core.mail.backends.locmem import EmailBackend

from nastavnik.core import mail as core_mail
from nastavnik.core.mail import AUTOMATIC_NOTICE, Mail, greeting, letter, send_each, site_url

logger = logging.getLogger("nastavnik.tests.mail")


def test_site_url_is_the_override_or_the_setting_without_a_trailing_slash(settings):
    settings.NASTAVNIK_BASE_URL = "https://nastavnik.example.ru//"
    assert site_url() == "https://nastavnik.example.ru"
    assert site_url(None) == "https://nastavnik.example.ru"
    assert site_url("https://other.example.ru/") == "https://other.example.ru"
    assert site_url("") == ""  # an empty override means relative links, whatever the setting
    settings.NASTAVNIK_BASE_URL = ""
    assert site_url() == ""


def test_greeting_by_first_name_and_patronymic_or_without_a_name():
    assert greeting("Мария", "Петровна") == "Здравствуйте, Мария Петровна!"
    assert greeting("Анна") == "Здравствуйте, Анна!"
    assert greeting("Анна Иванова") == "Здравствуйте, Анна Иванова!"
    assert greeting() == greeting("", "") == "Здравствуйте!"


def test_letter_frames_the_lines_with_the_greeting_and_the_automatic_notice():
    body = letter("Здравствуйте!", ["Поступило заявление.", "", "Пара: А → Б"])
    assert body == (
        "Здравствуйте!\n\nПоступило заявление.\n\nПара: А → Б\n\n"
        "Письмо отправлено автоматически информационной системой «Наставник». Отвечать на него не нужно."
    )
    assert body.endswith("\n\n" + AUTOMATIC_NOTICE)


def test_send_each_goes_on_after_a_failure_over_one_connection(settings, mailoutbox, monkeypatch, caplog):
    # given three letters, the second one undeliverable, and the batch read lazily
    settings.DEFAULT_FROM_EMAIL = "nastavnik@example.ru"
    send_messages = EmailBackend.send_messages

    def flaky(self, messages):
        if any(m.to == ["bad@example.ru"] for m in messages):
            raise OSError("mailbox unavailable")
        return send_messages(self, messages)

    monkeypatch.setattr(EmailBackend, "send_messages", flaky)
    connections = []
    get_connection = core_mail.get_connection
    monkeypatch.setattr(core_mail, "get_connection", lambda: connections.append(1) or get_connection())
    steps = []

    def mails():
        for n, address in enumerate(["a@example.ru", "bad@example.ru", "c@example.ru"], start=1):
            steps.append(f"prepared {n}")  # e.g. a record claimed just before its letter
            yield Mail(address, f"Тема {n}", f"Текст {n}", about=(n, address))
            steps.append(f"after {n}: {len(mailoutbox)} in the outbox")

    # when they are sent
    with caplog.at_level(logging.ERROR, logger="nastavnik.tests.mail"):
        sent = send_each(mails(), logger=logger, log_what="letter %s to %s")

    # then the first and third went, one connection was taken, each letter was prepared only
    # when the previous one had been sent, and the failure was logged with its traceback
    assert sent == 2
    assert [(m.to, m.subject, m.body, m.from_email) for m in mailoutbox] == [
        (["a@example.ru"], "Тема 1", "Текст 1", "nastavnik@example.ru"),
        (["c@example.ru"], "Тема 3", "Текст 3", "nastavnik@example.ru"),
    ]
    assert connections == [1]
    assert steps == [
        "prepared 1",
        "after 1: 1 in the outbox",
        "prepared 2",
        "after 2: 1 in the outbox",
        "prepared 3",
        "after 3: 2 in the outbox",
    ]
    [record] = caplog.records
    assert record.getMessage() == "letter 2 to bad@example.ru failed"
    assert record.exc_info is not None and isinstance(record.exc_info[1], OSError)


def test_send_each_takes_no_connection_when_there_is_nothing_to_send(mailoutbox, monkeypatch):
    monkeypatch.setattr(core_mail, "get_connection", lambda: pytest.fail("no connection expected"))
    assert send_each([], logger=logger, log_what="letter") == 0
    assert mailoutbox == []

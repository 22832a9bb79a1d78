"""The persona matrix of the part «public_bank» of issue 19 (see the package's docstring): the
public open bank (open to everybody, school B's mentors as school A's) and the inbox of requests
for a mentor (the curator and the head of the mentor's organization only)."""

from __future__ import annotations

from nastavnik.testing.matrix_groups import KEEP, SIGNED, e


def _objectless():
    def provide(objects: dict) -> dict:
        return {}

    provide.objectless = True
    return provide


def _pk(obj: str):
    def provide(objects: dict) -> dict | None:
        return None if objects.get(obj) is None else {"pk": objects[obj].pk}

    return provide


PROVIDERS: dict = {
    "public_bank:search": _objectless(),
    "public_bank:mentor": _pk("public_mentor"),
    "public_bank:request": _pk("public_mentor"),
    "public_bank:request_sent": _pk("public_mentor"),
    "public_bank:request_list": _objectless(),
    "public_bank:request_detail": _pk("mentor_request"),
}
QUERIES: dict = {"public_bank:search": {"garbage": "municipality=zz&subject=%C2%B2&page=abc&q=школа"}}
BODIES: dict = {
    "public_bank:request": lambda o: {
        "full_name": "Петрова Анна Сергеевна",
        "email": "petrova@example.ru",
        "workplace": "МБОУ СОШ № 7",
        "message": "Нужна помощь наставника.",
        "consent": "on",
    },
    "public_bank:request_detail": lambda o: {"action": "answer", "answer": "Свяжемся с вами."},
}
EXPECTED: dict = {
    "public_bank:search": e(SIGNED),
    "public_bank:mentor": e(SIGNED),
    "public_bank:request": e(SIGNED, SIGNED),
    "public_bank:request_sent": e(SIGNED),
    "public_bank:request_list": e(KEEP),
    "public_bank:request_detail": e(KEEP, KEEP),
}
PUBLIC: set[str] = {
    "public_bank:search",
    "public_bank:search[garbage]",
    "public_bank:mentor",
    "public_bank:request",
    "public_bank:request_sent",
}
REGIONAL: set[str] = set(PUBLIC)


def objects(world, a: dict, b: dict, nc: dict) -> None:
    """A public mentor of each school (the consent to distribution given) and a request for each."""
    from nastavnik.openness.models import MentorRequest
    from nastavnik.openness.tests.public_bank_world import open_bank_mentor

    for variant, school, surname in ((a, world.school_a, "Открытова"), (b, world.school_b, "Публичнова")):
        mentor = open_bank_mentor(school, surname)
        variant["public_mentor"] = mentor
        variant["mentor_request"] = MentorRequest.objects.create(
            mentor=mentor,
            organization=school,
            full_name="Сидорова Ольга Ивановна",
            email="sidorova@example.ru",
            workplace="МБОУ СОШ № 9",
            message="Прошу помочь с подготовкой к аттестации.",
            consent=True,
        )

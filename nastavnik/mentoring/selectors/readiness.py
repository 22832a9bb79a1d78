"""What a personalized program lacks to be approved and printed (issue 15 item 8: «a program can
be approved only when its documents could be issued»).

:func:`program_lacks` is the one rule: the service ``services.programs.program_approve`` refuses
with it (``program_approval_problems``), the program page lists it before approval, and the
documents of the program (``documents.specs.programs``: the program itself, the mentor's report)
refuse with the same items, each with the page where it is filled in. What the documents need of
the organization itself (its address, its head) is checked by the documents, not here: it is
the organization's card, not the program.

Sources: seed 000 §1.3 (a program names its participants, its direction and the activities aimed
at the mentee's diagnosed difficulties), 004 §1.3, §6.2.3 (the curator answers for it; the plan
by stages), 001 §4.4.3, 004 §1.6.2–1.6.3, §1.6.6 (the written consents of the mentor and the
mentee).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Prefetch, Q

from nastavnik.mentoring.choices import OPEN_PROGRAM_STATUSES, PairEndReason
from nastavnik.reference.models import Audience, ParticipantKind

#: The codes of :class:`Lack`, in the order they are listed.
CODES = (
    "curator",
    "goals",
    "expected_results",
    "deficits",
    "plan",
    "participants",
    "position",
    "consent",
)


@dataclass(frozen=True)
class Lack:
    """One thing a program lacks: ``code`` (one of :data:`CODES`), ``problem`` — what is wrong,
    in lower case to follow «Программу нельзя утвердить:» («не указаны ожидаемые результаты»),
    ``action`` — the same as an instruction («Укажите ожидаемые результаты персонализированной
    программы.»), ``url_name`` and ``url_args`` — the page where it is filled in (for
    ``django.urls.reverse``)."""

    code: str
    problem: str
    action: str
    url_name: str
    url_args: tuple = ()


def working_pairs(pairs) -> list:
    """The pairs that carry a program (``pairs``: all its pairs, loaded): those not ended; when
    all have ended (a completed or terminated program), those that ended with the program;
    failing that, all of them."""
    pairs = list(pairs)
    current = [p for p in pairs if p.ended_on is None]
    if current:
        return current
    ended_with_program = [
        p for p in pairs if p.end_reason in (PairEndReason.COMPLETED, PairEndReason.TERMINATED)
    ]
    return ended_with_program or pairs


def participant_pairs(program) -> list:
    """The pairs whose people are the program's participants: the open pairs of an open program
    (a draft, approved or active one: a pair that has ended no longer takes part), the
    :func:`working_pairs` of a closed one. Each with its mentor and mentee, their bank profiles,
    positions and employments loaded (a fixed number of queries)."""
    from nastavnik.mentoring.models import Pair
    from nastavnik.people.models import Employment

    pairs = (
        Pair.objects.filter(program=program)
        .select_related(
            "mentor__position", "mentee__position", "mentor__mentor_profile", "mentee__mentee_profile"
        )
        .prefetch_related(
            Prefetch("mentor__employments", queryset=Employment.objects.select_related("position")),
            Prefetch("mentee__employments", queryset=Employment.objects.select_related("position")),
        )
        .order_by("mentee__last_name", "mentee__first_name", "pk")
    )
    if program.status in OPEN_PROGRAM_STATUSES:
        return [p for p in pairs if p.ended_on is None]
    return working_pairs(pairs)


def position_known(person, organization_id: int | None) -> bool:
    """Whether a job title of ``person`` can be printed (the rule of
    ``documents.specs.common.person_position`` being non-empty): a current employment in the
    organization with a title or a position, else the card's title or position. Employments
    should be prefetched."""
    for employment in person.employments.all():
        if employment.organization_id == organization_id and employment.ended_on is None:
            if employment.job_title or employment.position_id:
                return True
    return bool(person.job_title or person.position_id)


def _described_otherwise(program, person_ids: list[int]) -> set[int]:
    """Of ``person_ids``, those the documents describe without a job title (issue 20): a learner
    by their class or group, a participant outside the staff of the program's organization by the
    workplace written on their row. One query; none for no ids."""
    from nastavnik.people.models import Person

    if not person_ids:
        return set()
    outside = Q(
        non_staff_roles__organization_id=program.organization_id,
        non_staff_roles__ended_on__isnull=True,
    ) & ~Q(non_staff_roles__workplace="")
    return set(
        Person.objects.filter(pk__in=person_ids)
        .filter(Q(learner__isnull=False) | outside)
        .values_list("pk", flat=True)
        .distinct()
    )


def _written_consent(person, profile: str) -> bool:
    """Whether the bank profile ``profile`` (``mentor_profile`` / ``mentee_profile``, loaded) of
    ``person`` holds the written consent to take part in mentoring."""
    card = getattr(person, profile, None)  # no profile: no consent
    return card is not None and card.consent_given_on is not None


def program_lacks(program, *, codes: tuple[str, ...] = CODES) -> list[Lack]:
    """Everything ``program`` lacks to be approved and for its documents to be issued, in the
    order of :data:`CODES` (only the ``codes`` asked for); empty when nothing is lacking.

    A program needs a curator (seed 004 §6.2.3), its goals and expected results, the mentees'
    difficulties it addresses (seed 000 §1.3), at least one activity of the plan, at least one
    participant (:func:`participant_pairs`), a job title of every mentor, mentee and of the
    curator (the program is signed by them with their positions), and the written consent of
    every mentor and mentee (seed 001 §4.4.3, 004 §1.6.2–1.6.3). About a dozen queries, however
    many participants.
    """
    from nastavnik.people.models import Person

    edit = ("mentoring:program_edit", (program.pk,))
    lacks: list[Lack] = []

    def lack(code: str, problem: str, action: str, url=edit) -> None:
        if code in codes:
            lacks.append(Lack(code, problem, action, url[0], url[1]))

    if not program.curator_id:
        lack("curator", "не назначен куратор", "Назначьте куратора персонализированной программы.")
    if not (program.goals or "").strip():
        lack("goals", "не указаны цели и задачи", "Укажите цели и задачи персонализированной программы.")
    if not (program.expected_results or "").strip():
        lack(
            "expected_results",
            "не указаны ожидаемые результаты",
            "Укажите ожидаемые результаты персонализированной программы.",
        )
    # A program of a learners' form (seed 003 §4.2) answers the learner's request from the map of
    # requests (003 §4.4), not a teacher's professional difficulties (issue 20).
    for_learners = program.mentoring_form.audience == Audience.PUPILS
    if "deficits" in codes and not for_learners and not program.deficits.exists():
        lack(
            "deficits",
            "не указаны профессиональные затруднения наставляемых, на устранение которых направлена программа",
            "Укажите профессиональные затруднения наставляемых, на устранение которых направлена программа.",
        )
    if "plan" in codes and not program.plan_items.exists():
        lack(
            "plan",
            "в плане нет ни одного мероприятия",
            "Добавьте в план программы хотя бы одно мероприятие.",
            ("mentoring:plan_item_add", (program.pk,)),
        )
    if not {"participants", "position", "consent"} & set(codes):
        return lacks
    pairs = participant_pairs(program)
    if not pairs:
        lack(
            "participants",
            "нет ни одного участника (действующей пары)",
            "В программе нет ни одного участника: сформируйте пару (группу) с наставником.",
            ("mentoring:program_detail", (program.pk,)),
        )
    mentors = list({p.mentor_id: p.mentor for p in pairs}.values())
    mentees = list({p.mentee_id: p.mentee for p in pairs}.values())
    people = [("наставник", "наставника", m) for m in mentors] + [
        ("наставляемый", "наставляемого", m) for m in mentees
    ]
    if program.curator_id:
        curator = (
            Person.objects.select_related("position")
            .prefetch_related("employments")
            .get(pk=program.curator_id)
        )
        people.append(("куратор программы", "куратора программы", curator))
    # Only a form that admits others than workers may have participants without a job title.
    form = program.mentoring_form
    workers_only = {*form.mentor_kinds, *form.mentee_kinds} == {ParticipantKind.WORKER}
    described = set() if workers_only else _described_otherwise(program, [p.pk for _, _, p in people])
    for role, _, person in people:
        if person.pk not in described and not position_known(person, program.organization_id):
            lack(
                "position",
                f"не указана должность ({role}: {person.full_name})",
                f"Укажите должность ({role}: {person.full_name}) в карточке работника.",
                ("people:edit", (person.pk,)),
            )
    for role, role_gen, person in people[: len(mentors) + len(mentees)]:
        kind = "mentor" if role == "наставник" else "mentee"
        if not _written_consent(person, f"{kind}_profile"):
            card = getattr(person, f"{kind}_profile", None)
            lack(
                "consent",
                f"нет письменного согласия {role_gen} {person.full_name}",
                f"Внесите в карточку банка письменное согласие {role_gen} ({person.full_name}) на "
                "участие в наставничестве.",
                (f"bank:{kind}_edit", (card.pk,)) if card is not None else (f"bank:{kind}_list", ()),
            )
    return lacks

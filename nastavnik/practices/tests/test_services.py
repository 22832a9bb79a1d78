"""Services and scope of best practices (seed 000 App. 2 §2.3, 003 §4.8): who writes, submits,
returns and publishes a case; remarks required; only a draft, returned or unpublished case
changes; who sees which case."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from nastavnik.practices.choices import PracticeEventKind, PracticeStatus
from nastavnik.practices.models import BestPractice
from nastavnik.practices.rules import available_transitions
from nastavnik.practices.services import practices as services
from nastavnik.practices.tests.helpers import case, pdf, published
from nastavnik.testing import factories as f

pytestmark = pytest.mark.django_db


def test_the_curator_writes_a_case_of_her_school_only(world):
    # Given the curator of school A
    curator = world.users["curator_a"]
    # When she writes a case of A
    practice = case(world.school_a, curator)
    # Then it is a draft of A with its first event
    assert practice.status == PracticeStatus.DRAFT
    assert practice.organization == world.school_a
    assert list(practice.events.values_list("kind", flat=True)) == [PracticeEventKind.CREATED]
    # and a case of school B or of the municipality is refused to her
    with pytest.raises(PermissionDenied):
        case(world.school_b, curator)
    with pytest.raises(PermissionDenied):
        case(world.muni1, curator)


@pytest.mark.parametrize("persona", ["mentor_a", "mentee_a", "curator_b", "coordinator"])
def test_others_do_not_write_school_as_cases(world, persona):
    # The coordinator moderates A's cases and writes the municipality's own, not A's.
    with pytest.raises(PermissionDenied):
        case(world.school_a, world.users[persona])


def test_the_whole_way_from_draft_to_publication(world):
    # Given a draft of A with a file
    curator, coordinator = world.users["curator_a"], world.users["coordinator"]
    practice = case(world.school_a, curator)
    services.file_add(practice=practice, by=curator, file=pdf(), title="Программа")
    # When the curator submits it
    services.practice_submit(practice=practice, by=curator)
    assert practice.status == PracticeStatus.SUBMITTED and practice.submitted_at
    # Then it is locked: no change, no file
    with pytest.raises(ValidationError):
        services.practice_update(practice=practice, by=curator, title="Другое")
    with pytest.raises(ValidationError):
        services.file_add(practice=practice, by=curator, file=pdf())
    # When the coordinator returns it without remarks — refused; with remarks — returned
    with pytest.raises(ValidationError) as refused:
        services.practice_return(practice=practice, by=coordinator, comment="  ")
    assert "замечания" in str(refused.value)
    services.practice_return(practice=practice, by=coordinator, comment="Добавьте результаты в цифрах")
    assert practice.status == PracticeStatus.RETURNED
    # Then the curator edits and resubmits, the coordinator publishes
    services.practice_update(practice=practice, by=curator, results="9 из 10 молодых учителей остались")
    services.practice_submit(practice=practice, by=curator)
    services.practice_publish(practice=practice, by=coordinator)
    practice.refresh_from_db()
    assert practice.status == PracticeStatus.PUBLISHED
    assert practice.published_by == coordinator and practice.published_at
    assert practice.results == "9 из 10 молодых учителей остались"
    steps = list(practice.events.filter(kind=PracticeEventKind.STATUS).values_list("to_status", "comment"))
    assert steps == [
        (PracticeStatus.SUBMITTED, ""),
        (PracticeStatus.RETURNED, "Добавьте результаты в цифрах"),
        (PracticeStatus.SUBMITTED, ""),
        (PracticeStatus.PUBLISHED, ""),
    ]


def test_submit_needs_description_and_results(world):
    curator = world.users["curator_a"]
    practice = case(world.school_a, curator, ready=False)
    with pytest.raises(ValidationError) as refused:
        services.practice_submit(practice=practice, by=curator)
    assert any("Описание" in m for m in refused.value.messages)
    assert any("Результаты" in m for m in refused.value.messages)
    practice.refresh_from_db()
    assert practice.status == PracticeStatus.DRAFT


@pytest.mark.parametrize(
    ("persona", "allowed"),
    [
        ("coordinator", True),
        ("operator", True),
        ("curator_a", False),
        ("head_a", False),
        ("curator_b", False),
        ("mentor_a", False),
    ],
)
def test_who_moderates_a_schools_case(world, persona, allowed):
    # Given a submitted case of A
    practice = case(world.school_a, world.users["curator_a"])
    services.practice_submit(practice=practice, by=world.users["curator_a"])
    user = world.users[persona]
    # When the persona publishes it
    if allowed:
        services.practice_publish(practice=practice, by=user)
        assert practice.status == PracticeStatus.PUBLISHED
    else:
        with pytest.raises(PermissionDenied):
            services.practice_publish(practice=practice, by=user)
        with pytest.raises(PermissionDenied):
            services.practice_return(practice=practice, by=user, comment="Замечания")


def test_a_coordinator_of_another_municipality_does_not_moderate(world):
    other = f.UserFactory(username="coordinator_2")
    f.RoleAssignmentFactory(user=other, org_unit=world.muni2, role="municipal_coordinator")
    practice = case(world.school_a, world.users["curator_a"])
    services.practice_submit(practice=practice, by=world.users["curator_a"])
    with pytest.raises(PermissionDenied):
        services.practice_publish(practice=practice, by=other)


def test_the_municipalitys_own_case_goes_to_the_region(world):
    # Given the coordinator's own case of municipality 1, submitted
    coordinator, operator = world.users["coordinator"], world.users["operator"]
    practice = case(world.muni1, coordinator)
    services.practice_submit(practice=practice, by=coordinator)
    # Then the coordinator does not publish her own case; the operator does
    with pytest.raises(PermissionDenied):
        services.practice_publish(practice=practice, by=coordinator)
    services.practice_publish(practice=practice, by=operator)
    assert practice.status == PracticeStatus.PUBLISHED


def test_withdraw_and_unpublish(world):
    curator, coordinator = world.users["curator_a"], world.users["coordinator"]
    practice = case(world.school_a, curator)
    services.practice_submit(practice=practice, by=curator)
    # The moderator does not withdraw; the author does
    with pytest.raises(PermissionDenied):
        services.practice_withdraw(practice=practice, by=coordinator)
    services.practice_withdraw(practice=practice, by=curator)
    assert practice.status == PracticeStatus.DRAFT
    services.practice_submit(practice=practice, by=curator)
    services.practice_publish(practice=practice, by=coordinator)
    # Unpublishing needs a reason and the moderator's right
    with pytest.raises(ValidationError):
        services.practice_unpublish(practice=practice, by=coordinator, comment="")
    with pytest.raises(PermissionDenied):
        services.practice_unpublish(practice=practice, by=curator, comment="Устарела")
    services.practice_unpublish(practice=practice, by=coordinator, comment="Устарела")
    assert practice.status == PracticeStatus.UNPUBLISHED
    # An unpublished case may be fixed and submitted again
    services.practice_update(practice=practice, by=curator, title="Обновлённая практика")
    services.practice_submit(practice=practice, by=curator)
    assert practice.status == PracticeStatus.SUBMITTED


def test_a_step_from_a_wrong_status_is_refused_in_russian(world):
    practice = case(world.school_a, world.users["curator_a"])
    with pytest.raises(ValidationError) as refused:
        services.practice_publish(practice=practice, by=world.users["coordinator"])
    assert refused.value.messages == ["Опубликовать можно только практику на модерации."]


def test_only_the_keepers_change_and_files_are_checked(world):
    practice = case(world.school_a, world.users["curator_a"])
    with pytest.raises(PermissionDenied):
        services.practice_update(practice=practice, by=world.users["curator_b"], title="Чужое")
    with pytest.raises(PermissionDenied):
        services.practice_update(practice=practice, by=world.users["coordinator"], title="Чужое")
    head = world.users["head_a"]
    services.practice_update(practice=practice, by=head, title="Руководитель уточнил")
    from django.core.files.uploadedfile import SimpleUploadedFile

    with pytest.raises(ValidationError) as refused:
        services.file_add(
            practice=practice, by=head, file=SimpleUploadedFile("virus.pdf", b"MZ\x90\x00not a pdf at all")
        )
    assert "file" in refused.value.message_dict
    row = services.file_add(practice=practice, by=head, file=pdf(), title="")
    assert row.title == "programma.pdf"
    services.file_remove(row=row, by=head)
    assert not practice.files.exists()


def test_scope_school_b_sees_nothing_of_as_drafts_and_everyone_sees_the_published(world):
    # Given a draft, a submitted and a published case of A
    curator = world.users["curator_a"]
    draft = case(world.school_a, curator, title="Черновик")
    submitted = case(world.school_a, curator, title="На модерации")
    services.practice_submit(practice=submitted, by=curator)
    public = published(world.school_a, title="Опубликованная")

    def seen(persona):
        return set(BestPractice.objects.for_user(world.users[persona]).values_list("pk", flat=True))

    # Then the curator of B sees only the published one; A's keepers and those above see all
    assert seen("curator_b") == {public.pk}
    assert seen("mentor_a") == {public.pk}
    for persona in ("curator_a", "head_a", "coordinator", "operator"):
        assert seen(persona) == {draft.pk, submitted.pk, public.pk}
    # the anonymous visitor gets nothing through the scoped queryset (the public pages use selectors)
    assert not BestPractice.objects.for_user(world.users["anonymous"]).exists()


def test_available_steps_by_role(world):
    curator = world.users["curator_a"]
    practice = case(world.school_a, curator)
    assert [t.slug for t in available_transitions(curator, practice)] == ["submit"]
    assert available_transitions(world.users["coordinator"], practice) == []
    services.practice_submit(practice=practice, by=curator)
    assert [t.slug for t in available_transitions(curator, practice)] == ["withdraw"]
    assert [t.slug for t in available_transitions(world.users["coordinator"], practice)] == [
        "return",
        "publish",
    ]
    assert available_transitions(world.users["curator_b"], practice) == []

"""Reference data: contents of ``data.py``, the loader and the migration, the admin."""

from __future__ import annotations

import re

import pytest
from django.apps import apps
from django.contrib import admin
from django.contrib.auth import get_user_model
from django.db.models import PROTECT
from django.urls import reverse

from nastavnik.reference import models
from nastavnik.reference.citations import DOCUMENTS, has_code
from nastavnik.reference.data import REFERENCE_DATA
from nastavnik.reference.loading import LoadResult, load_reference_data

REFERENCE_MODELS = [apps.get_model("reference", name) for name in REFERENCE_DATA]
ALL_ROWS = [(name, row) for name, rows in REFERENCE_DATA.items() for row in rows]

#: A source from the seeds cites one of their documents by its title (``reference.citations``).
SEED_TITLES = tuple(DOCUMENTS.values())
LEGAL_ACTS = ("Постановление Правительства РФ", "ФГОС", "Федеральный закон")
CODE = re.compile(r"^[a-z][a-z0-9]*(_[a-z0-9]+)*$")
CYRILLIC = re.compile(r"[А-Яа-яЁё]")
LATIN = re.compile(r"[A-Za-z]")


def snapshot() -> dict[str, list[tuple]]:
    """Every reference row as a tuple of all its field values, per model."""
    return {model.__name__: list(model.objects.order_by("code").values_list()) for model in REFERENCE_MODELS}


# --- data.py ---------------------------------------------------------------------------------


def test_every_reference_model_has_a_list():
    concrete = {model.__name__ for model in apps.get_app_config("reference").get_models()}
    assert set(REFERENCE_DATA) == concrete


@pytest.mark.parametrize(
    ("model_name", "count"),
    [
        ("CompetenceArea", 8),  # seed 000 §4.3.3, steps 2–3
        ("ProgramStage", 7),  # seed 000 §IV
        ("PersonalizedProgramStage", 5),  # seed 004 §6.2.3
        ("MeetingType", 5),  # seed 003 §4.7
        ("Risk", 6),  # seed 000 §VI
        ("InteractionModel", 3),  # seed 004 §3.1.1
    ],
)
def test_fixed_lists_have_exact_counts(model_name, count):
    assert len(REFERENCE_DATA[model_name]) == count


def test_fixed_lists_keep_the_order_of_the_regulations():
    assert [row["code"] for row in REFERENCE_DATA["PersonalizedProgramStage"]] == [
        "preparatory",
        "design",
        "implementation",
        "reflective_analytical",
        "resultative",
    ]
    assert [row["code"] for row in REFERENCE_DATA["MeetingType"]] == [
        "acquaintance",
        "trial_working",
        "planning",
        "consecutive_series",
        "final",
    ]
    assert REFERENCE_DATA["ProgramStage"][0]["code"] == "preparing_conditions"
    assert REFERENCE_DATA["ProgramStage"][-1]["code"] == "completion"


@pytest.mark.parametrize(("model_name", "row"), ALL_ROWS, ids=[f"{n}:{r['code']}" for n, r in ALL_ROWS])
def test_entry_is_well_formed(model_name, row):
    model = apps.get_model("reference", model_name)
    fields = {field.name: field for field in model._meta.concrete_fields}
    assert set(row) <= set(fields) - {"id", "sort_order", "is_active"}, "unknown keys"
    assert CODE.match(row["code"]), row["code"]
    for key in ("code", "name", "source"):
        assert len(row[key]) <= fields[key].max_length, key
    source = row["source"]
    assert source.strip() == source and source
    assert source.startswith(SEED_TITLES) or source.startswith(LEGAL_ACTS), source
    assert not has_code(source), "users read a citation, not a developer's clause code"


@pytest.mark.parametrize(("model_name", "row"), ALL_ROWS, ids=[f"{n}:{r['code']}" for n, r in ALL_ROWS])
def test_names_are_russian(model_name, row):
    name = row["name"]
    assert CYRILLIC.search(name) and not LATIN.search(name), name
    assert name == name.strip() and "  " not in name
    assert '"' not in name and "<<" not in name, "«ёлочки» expected"
    assert " - " not in name, "an en dash «–» is expected between spaces"
    assert name.count("«") == name.count("»")


@pytest.mark.parametrize("model_name", list(REFERENCE_DATA))
def test_codes_and_names_are_unique_within_a_list(model_name):
    codes = [row["code"] for row in REFERENCE_DATA[model_name]]
    names = [row["name"] for row in REFERENCE_DATA[model_name]]
    assert len(codes) == len(set(codes))
    assert len(names) == len(set(names))


def test_forms_cover_teachers_and_pupils():
    audiences = {row["code"]: row["audience"] for row in REFERENCE_DATA["MentoringForm"]}
    assert audiences["pedagogue_pedagogue"] == "teachers"
    assert audiences["head_pedagogue"] == "teachers"
    assert audiences["teacher_pupil"] == audiences["pupil_pupil"] == "pupils"
    assert set(audiences.values()) <= set(models.Audience.values)


def test_awards_are_material_and_not():
    awards = {row["code"]: row for row in REFERENCE_DATA["AwardKind"]}
    assert {row["is_material"] for row in awards.values()} == {True, False}
    assert awards["compensation_payment"]["is_material"] is True
    assert (
        awards["state_sign_za_nastavnichestvo"]["name"]
        == "Представление к награждению знаком отличия «За наставничество»"
    )
    assert awards["badge_honorary_mentor"]["is_material"] is False
    assert "Молодость и профессионализм" in awards["badge_youth_professionalism"]["name"]


# --- migration and loader --------------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize("model_name", list(REFERENCE_DATA))
def test_migration_loaded_every_entry(model_name):
    model = apps.get_model("reference", model_name)
    rows = REFERENCE_DATA[model_name]
    loaded = {obj.code: obj for obj in model.objects.all()}
    assert set(loaded) == {row["code"] for row in rows}
    for position, row in enumerate(rows, start=1):
        obj = loaded[row["code"]]
        assert obj.is_active
        assert obj.sort_order == position
        for key, value in row.items():
            assert getattr(obj, key) == value, (row["code"], key)


@pytest.mark.django_db
def test_fixed_counts_in_the_database():
    assert models.CompetenceArea.objects.count() == 8
    assert models.ProgramStage.objects.count() == 7
    assert models.PersonalizedProgramStage.objects.count() == 5
    assert models.MeetingType.objects.count() == 5
    assert models.Risk.objects.count() == 6


@pytest.mark.django_db
def test_loader_is_idempotent():
    before = snapshot()
    first = load_reference_data()
    second = load_reference_data()
    assert snapshot() == before
    for result in (first, second):
        assert set(result) == set(REFERENCE_DATA)
        assert not any(item.changed for item in result.values())
        assert all(item.unchanged == len(REFERENCE_DATA[name]) for name, item in result.items())


@pytest.mark.django_db
def test_loader_fills_empty_tables():
    # rows of other apps that protect a reference entry (the built-in questionnaires' questions
    # by area) go first; this app names none of them
    for model in REFERENCE_MODELS:
        for relation in model._meta.get_fields(include_hidden=True):
            if (
                relation.auto_created
                and not relation.concrete
                and getattr(relation, "on_delete", None) is PROTECT
            ):
                relation.related_model._base_manager.filter(
                    **{f"{relation.field.name}__isnull": False}
                ).delete()
    for model in REFERENCE_MODELS:
        model.objects.all().delete()
    result = load_reference_data()
    assert result["Risk"] == LoadResult(created=6)
    assert all(model.objects.count() == len(REFERENCE_DATA[model.__name__]) for model in REFERENCE_MODELS)
    assert not any(item.changed for item in load_reference_data().values())


@pytest.mark.django_db
def test_loader_restores_texts_but_keeps_what_users_own():
    risk = models.Risk.objects.get(code="high_workload")
    risk.name = "Испорчено"
    risk.sort_order = 99
    risk.is_active = False
    risk.save()
    own = models.Risk.objects.create(code="local_risk", name="Местный риск", source="приказ ОО")

    result = load_reference_data()

    assert result["Risk"] == LoadResult(updated=1, unchanged=5)
    risk.refresh_from_db()
    assert risk.name == "Высокая нагрузка на наставников и наставляемых"
    assert risk.sort_order == 2
    assert risk.is_active is False, "a deactivated entry stays deactivated"
    own.refresh_from_db()
    assert own.is_active and own.name == "Местный риск", "user entries are left alone"


@pytest.mark.django_db
def test_loader_accepts_an_explicit_registry_and_data():
    data = {
        "MeetingType": (
            {"code": "extra", "name": "Дополнительная встреча", "source": "Дорожная карта, п. 4.7"},
        )
    }
    result = load_reference_data(apps, data=data)
    assert result == {"MeetingType": LoadResult(created=1)}
    assert models.MeetingType.objects.get(code="extra").sort_order == 1
    assert models.MeetingType.objects.count() == 6


# --- admin -----------------------------------------------------------------------------------


@pytest.mark.parametrize("model", REFERENCE_MODELS, ids=lambda m: m.__name__)
def test_every_model_is_registered(model):
    model_admin = admin.site._registry[model]
    assert list(model_admin.list_display)[:2] == ["code", "name"]
    assert {"source", "sort_order", "is_active"} <= set(model_admin.list_display)
    assert {"code", "name"} <= set(model_admin.search_fields)


@pytest.fixture
def staff_client(client):
    user = get_user_model().objects.create_user(username="viewer", password="x", is_staff=True)
    client.force_login(user)
    return client


@pytest.fixture
def superuser_client(client):
    user = get_user_model().objects.create_superuser(username="root", password="x", email="r@example.org")
    client.force_login(user)
    return client


@pytest.mark.django_db
@pytest.mark.parametrize("model", REFERENCE_MODELS, ids=lambda m: m.__name__)
def test_staff_may_view_lists(staff_client, model):
    url = reverse(f"admin:reference_{model._meta.model_name}_changelist")
    response = staff_client.get(url, {"q": "а"})
    assert response.status_code == 200
    obj = model.objects.first()
    change_url = reverse(f"admin:reference_{model._meta.model_name}_change", args=[obj.pk])
    assert staff_client.get(change_url).status_code == 200


@pytest.mark.django_db
def test_code_is_read_only_for_existing_entries(superuser_client, rf):
    model_admin = admin.site._registry[models.Subject]
    request = rf.get("/")
    subject = models.Subject.objects.get(code="physics")
    assert "code" in model_admin.get_readonly_fields(request, subject)
    assert "code" not in model_admin.get_readonly_fields(request, None)

    url = reverse("admin:reference_subject_change", args=[subject.pk])
    response = superuser_client.post(
        url,
        {
            "code": "hacked",
            "name": "Физика",
            "description": "",
            "source": subject.source,
            "sort_order": subject.sort_order,
            "is_active": "on",
        },
    )
    assert response.status_code == 302
    subject.refresh_from_db()
    assert subject.code == "physics"


@pytest.mark.django_db
def test_entries_from_regulations_cannot_be_deleted(superuser_client, rf):
    model_admin = admin.site._registry[models.Risk]
    request = rf.get("/")
    request.user = get_user_model().objects.get(username="root")
    assert not model_admin.has_delete_permission(request, models.Risk.objects.get(code="formalism"))
    own = models.Risk.objects.create(code="local_risk", name="Местный риск", source="приказ ОО")
    assert model_admin.has_delete_permission(request, own)

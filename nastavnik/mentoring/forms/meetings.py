"""Forms of meetings (seed 003 §4.7) and of the participants' requests (seed 000 §5.1.1, §5.2.1).

The forms only gather input; the rules are the services' (``services.meetings``,
``services.requests``), whose ``ValidationError`` the views put back on the form.
"""

from __future__ import annotations

from django import forms
from django.db.models import F
from django.utils import timezone

from nastavnik.core.forms import bootstrap_widgets
from nastavnik.mentoring.choices import MeetingFormat, RequestKind
from nastavnik.mentoring.models import Meeting
from nastavnik.reference.models import MeetingType

DATETIME_FORMATS = ["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%d.%m.%Y %H:%M"]


class MeetingForm(forms.Form):
    """Plan or change a meeting: its type, date and time, duration, format, place, agenda."""

    meeting_type = forms.ModelChoiceField(
        label="Вид встречи",
        queryset=MeetingType.objects.filter(is_active=True).order_by("sort_order", "name"),
        empty_label="— выберите —",
    )
    starts_at = forms.DateTimeField(
        label="Дата и время",
        input_formats=DATETIME_FORMATS,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        error_messages={"invalid": "Введите дату и время в формате ДД.ММ.ГГГГ ЧЧ:ММ."},
    )
    duration_minutes = forms.IntegerField(
        label="Продолжительность, минут", min_value=5, max_value=480, initial=45
    )
    format = forms.ChoiceField(label="Формат", choices=MeetingFormat.choices, initial=MeetingFormat.IN_PERSON)
    place = forms.CharField(
        label="Место или ссылка",
        max_length=300,
        required=False,
        help_text="Кабинет для очной встречи или ссылка на видеоконференцию для дистанционной.",
    )
    agenda = forms.CharField(label="Повестка", widget=forms.Textarea(attrs={"rows": 4}), max_length=5000)

    def __init__(self, *args, meeting: Meeting | None = None, **kwargs):
        if meeting is not None and "initial" not in kwargs:
            kwargs["initial"] = {
                "meeting_type": meeting.meeting_type_id,
                "starts_at": timezone.localtime(meeting.starts_at),
                "duration_minutes": meeting.duration_minutes,
                "format": meeting.format,
                "place": meeting.place,
                "agenda": meeting.agenda,
            }
        super().__init__(*args, **kwargs)
        bootstrap_widgets(self.fields)


class MeetingRecordForm(forms.Form):
    """Record a held meeting: its results and a checkbox «присутствовал(а)» per participant."""

    notes = forms.CharField(label="Итоги встречи", widget=forms.Textarea(attrs={"rows": 5}), max_length=10000)

    def __init__(self, *args, participants=(), meeting: Meeting | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        present = {}
        if meeting is not None:
            present = {a.person_id: a.present for a in meeting.attendance.all()}
            self.fields["notes"].initial = meeting.notes if meeting.status == "held" else ""
        self.participants = list(participants)
        for person in self.participants:
            self.fields[f"present_{person.pk}"] = forms.BooleanField(
                label=person.full_name, required=False, initial=present.get(person.pk, True)
            )
        bootstrap_widgets(self.fields)

    def attendance(self) -> dict[int, bool]:
        """``{person id: present}`` for every participant of the form."""
        return {p.pk: bool(self.cleaned_data.get(f"present_{p.pk}")) for p in self.participants}


class MeetingCancelForm(forms.Form):
    reason = forms.CharField(
        label="Причина отмены", widget=forms.Textarea(attrs={"rows": 3}), max_length=2000
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        bootstrap_widgets(self.fields)


class PairRequestForm(forms.Form):
    """A participant's request on one of their pairs; the kind follows from their role in it."""

    pair = forms.TypedChoiceField(label="Пара", coerce=int)
    reason = forms.CharField(label="Обоснование", widget=forms.Textarea(attrs={"rows": 5}), max_length=5000)

    def __init__(self, *args, pairs=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.pairs = {pair.pk: (pair, kind) for pair, kind in pairs}
        self.fields["pair"].choices = [
            (pk, f"{pair.mentor.full_name} → {pair.mentee.full_name}: {RequestKind(kind).label.lower()}")
            for pk, (pair, kind) in self.pairs.items()
        ]
        if len(self.pairs) == 1:
            self.fields["pair"].initial = next(iter(self.pairs))
        bootstrap_widgets(self.fields)

    def chosen(self):
        """``(pair, kind)`` of the chosen pair."""
        return self.pairs[self.cleaned_data["pair"]]


def mentors_with_free_places(organization, *, exclude=()):
    """``people.Person`` rows who are active mentors of ``organization`` (the bank's status
    «действующий наставник») with a free place now, by name."""
    from nastavnik.bank.choices import MentorStatus
    from nastavnik.bank.models import MentorProfile
    from nastavnik.bank.selectors import mentor_load_annotations
    from nastavnik.people.models import Person

    profiles = (
        MentorProfile.objects.filter(organization=organization, status=MentorStatus.ACTIVE)
        .annotate(**mentor_load_annotations())
        .filter(active_mentees__lt=F("capacity_in_force"))
    )
    return (
        Person.objects.filter(pk__in=profiles.values("person_id"))
        .exclude(pk__in=[p for p in exclude if p])
        .order_by("last_name", "first_name", "middle_name", "pk")
    )


class PairRequestDecideForm(forms.Form):
    """The manager's decision on a request: approve or reject, a comment, and on approval
    optionally the new mentor of the mentee."""

    decision = forms.ChoiceField(
        label="Решение",
        choices=[("approve", "Удовлетворить"), ("reject", "Отклонить")],
        widget=forms.RadioSelect,
    )
    comment = forms.CharField(
        label="Комментарий к решению",
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        max_length=5000,
        help_text="Обязателен при отклонении.",
    )
    new_mentor = forms.ModelChoiceField(
        label="Новый наставник",
        queryset=None,
        required=False,
        empty_label="— не назначать —",
        help_text="Действующие наставники организации со свободными местами. Если не назначить, пара "
        "завершится; программа без действующих пар прекращается.",
    )

    def __init__(self, *args, request=None, **kwargs):
        super().__init__(*args, **kwargs)
        pair = request.pair
        self.fields["new_mentor"].queryset = mentors_with_free_places(
            pair.program.organization, exclude=(pair.mentor_id, pair.mentee_id)
        )
        self.fields["new_mentor"].label_from_instance = lambda person: person.full_name
        bootstrap_widgets(self.fields)

    def clean(self):
        data = super().clean()
        if data.get("decision") == "reject":
            if not (data.get("comment") or "").strip():
                self.add_error("comment", "Укажите, почему заявление отклонено.")
            if data.get("new_mentor"):
                self.add_error(
                    "new_mentor", "Новый наставник назначается только при удовлетворении заявления."
                )
        return data

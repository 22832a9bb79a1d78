"""Forms of the course catalogue and the enrolments (issue 18, Build 4), and the type-ahead
chooser of the teachers a user may enrol (``core.autocomplete``)."""

from __future__ import annotations

from django import forms
from django.db.models import Q
from django.utils import timezone

from nastavnik.access.choices import Action
from nastavnik.access.scope import get_scope
from nastavnik.core.forms import bootstrap_widgets
from nastavnik.core.uploads import DOCUMENT_CHECK
from nastavnik.development.choices import CLOSED_ACTIVITY_STATUSES, ActivityKind
from nastavnik.development.choosers import COURSE_APPLICANTS, applicants
from nastavnik.development.models import Course, IndividualRoute, RouteActivity
from nastavnik.organizations.models import OrgUnit
from nastavnik.people.models import Person
from nastavnik.reference.models import CompetenceArea


def _date_widget() -> forms.DateInput:
    return forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def catalogue_units(user):
    """The units whose catalogue ``user`` may add courses to (where they hold ``course`` ``add``:
    the region of the ЦНППМ's coordinator or of the regional operator); every region for a
    superuser."""
    if getattr(user, "is_superuser", False):
        return OrgUnit.objects.filter(level="region")
    return OrgUnit.objects.filter(pk__in=get_scope(user).unit_ids("course", Action.ADD))


class CourseForm(forms.ModelForm):
    """A program of the catalogue: its title, hours, provider, form and dates of study, the
    competence areas it develops, whether it trains mentors and curators and whether it is open
    for enrolment. The catalogue (``owner``) is chosen among the units the user keeps; with one
    such unit the field is hidden."""

    areas = forms.ModelMultipleChoiceField(
        label="Области компетенций",
        queryset=CompetenceArea.objects.filter(is_active=True),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="По ним программа предлагается педагогам с затруднениями в этих областях.",
    )

    url = forms.URLField(label="Страница программы", max_length=500, required=False, assume_scheme="https")

    class Meta:
        model = Course
        fields = [
            "owner",
            "title",
            "hours",
            "provider",
            "format",
            "starts_on",
            "ends_on",
            "areas",
            "description",
            "url",
            "is_mentoring_training",
            "is_published",
        ]
        widgets = {
            "starts_on": _date_widget(),
            "ends_on": _date_widget(),
            "description": forms.Textarea(attrs={"rows": 4}),
        }
        help_texts = {
            "hours": "Объём программы в академических часах, от 16 до 2000.",
            "is_mentoring_training": (
                "Прошедшие обучение наставники и кураторы попадают в базу обученных наставников и кураторов."
            ),
            "is_published": "Педагоги видят программу в каталоге всегда; записаться можно, пока она открыта.",
        }

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        units = catalogue_units(user)
        if self.instance.pk:
            units = units | OrgUnit.objects.filter(pk=self.instance.owner_id)
        owner = self.fields["owner"]
        owner.queryset = units.order_by("path")
        owner.empty_label = None
        owner.label = "Каталог"
        if units.count() == 1:
            owner.initial = units.first().pk
            owner.widget = forms.HiddenInput()
        bootstrap_widgets(self.fields)


class EnrollmentApplyForm(forms.Form):
    """An application for a course: the teacher (the user themselves when they may enrol nobody
    else) and, optionally, the course activity of their route it is made from."""

    person = forms.ModelChoiceField(label="Педагог", queryset=Person.objects.none())
    activity = forms.ModelChoiceField(
        label="Мероприятие индивидуального образовательного маршрута",
        queryset=RouteActivity.objects.none(),
        required=False,
        help_text="Если обучение запланировано в маршруте, выберите мероприятие: после обучения оно будет отмечено выполненным.",
    )

    def __init__(self, *args, user, course: Course, activity_id: int | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.course = course
        people = applicants(user)
        scope = get_scope(user)
        only_self = scope.person_id is not None and not people.exclude(pk=scope.person_id).exists()
        activities = (
            RouteActivity.objects.filter(
                kind=ActivityKind.COURSE, route__in=IndividualRoute.objects.for_user(user, Action.CHANGE)
            )
            .exclude(status__in=CLOSED_ACTIVITY_STATUSES)
            .filter(Q(course__isnull=True) | Q(course=course))
            .select_related("route")
        )
        if activity_id is not None:
            activities = activities.filter(pk=activity_id)
            chosen = activities.first()
            if chosen is not None:
                self.fields["activity"].initial = chosen.pk
                self.fields["person"].initial = chosen.route.person_id
        elif only_self:
            activities = activities.filter(route__person_id=scope.person_id)
        else:
            activities = activities.none()
        self.fields["activity"].queryset = activities
        self.fields["activity"].label_from_instance = lambda a: f"{a.title} ({a.route})"
        if not activities.exists():
            del self.fields["activity"]
        if only_self:
            self.fields["person"].queryset = people
            self.fields["person"].initial = scope.person_id
            self.fields["person"].widget = forms.HiddenInput()
        else:
            from nastavnik.core.autocomplete import use_chooser

            use_chooser(self.fields["person"], COURSE_APPLICANTS, user)
        bootstrap_widgets(self.fields)


class EnrollmentEnrollForm(forms.Form):
    """The date the teacher was enrolled (today by default)."""

    enrolled_on = forms.DateField(label="Дата зачисления", widget=_date_widget())

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("initial", {"enrolled_on": timezone.localdate()})
        super().__init__(*args, **kwargs)
        bootstrap_widgets(self.fields)


class EnrollmentCompleteForm(forms.Form):
    """The completion of the course: the date, the number and the scan of the certificate
    (удостоверение о повышении квалификации), checked by content (``core.uploads``)."""

    completed_on = forms.DateField(label="Дата окончания обучения", widget=_date_widget())
    certificate_number = forms.CharField(label="Номер удостоверения", max_length=64)
    certificate_file = forms.FileField(
        label="Скан удостоверения",
        validators=[DOCUMENT_CHECK],
        help_text="PDF, JPG, PNG или документ; до 20 МБ.",
    )

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("initial", {"completed_on": timezone.localdate()})
        super().__init__(*args, **kwargs)
        bootstrap_widgets(self.fields)


class EnrollmentWithdrawForm(forms.Form):
    """The reason of a withdrawal (optional)."""

    comment = forms.CharField(
        label="Причина", required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        bootstrap_widgets(self.fields)

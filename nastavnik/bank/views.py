"""Bank pages: lists and cards of mentors and mentees, their forms and actions, consents to
personal-data processing, the protected download of scans, the yearly confirmation.

Every page goes through the scoped base views, so the curator and the head keep their own
organization's bank and everyone above them sees it read-only (seed 000 §4.1.2).
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.db.models import Prefetch
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.views import View

from nastavnik.access.choices import Action
from nastavnik.access.scope import user_can
from nastavnik.bank import services
from nastavnik.bank.choices import PUBLIC_FIELDS
from nastavnik.bank.filtersets import MenteeProfileFilterSet, MentorProfileFilterSet
from nastavnik.bank.forms import (
    ConsentForm,
    ConsentWithdrawForm,
    DeficitForm,
    MenteeProfileCreateForm,
    MenteeProfileForm,
    MentorProfileCreateForm,
    MentorProfileForm,
    MentorStatusForm,
    MentorTrainingForm,
)
from nastavnik.bank.models import (
    MenteeProfile,
    MentorCompetence,
    MentorProfile,
    MentorTraining,
    PersonalDataConsent,
)
from nastavnik.bank.selectors import bank_card_context, mentor_load_annotations
from nastavnik.core.blocks import page_blocks
from nastavnik.core.files import private_file_response
from nastavnik.core.views import ScopedActionMixin, ScopedDetailView, ScopedFormView, ScopedListView, id_param
from nastavnik.development.models import Deficit
from nastavnik.mentoring.models import Pair
from nastavnik.organizations.models import OrgUnit
from nastavnik.people.models import Person


def mentor_queryset():
    """Mentor profiles with what the list and the card show: person, organization, the load
    (``active_mentees``) and the capacity in force (``capacity_in_force``), competences and
    subjects prefetched."""
    return (
        MentorProfile.objects.select_related(
            "person__learner", "person__position", "organization__municipality"
        )
        .annotate(**mentor_load_annotations())
        .prefetch_related(
            Prefetch(
                "competences",
                queryset=MentorCompetence.objects.select_related("area").order_by("area__sort_order"),
            ),
            "subjects",
        )
        .order_by("person__last_name", "person__first_name", "person__middle_name", "pk")
    )


def mentee_queryset(user):
    """Mentee profiles with person, organization, categories, request areas and the current
    mentors (``current_pairs``) of the pairs ``user`` may see (a mentor who withdrew the consent
    to personal-data processing is named only to the curator and the head, ``Pair.scope_filter``)."""
    return (
        MenteeProfile.objects.select_related(
            "person__learner", "person__position", "organization__municipality"
        )
        .prefetch_related(
            "categories",
            "request_areas",
            Prefetch(
                "person__pairs_as_mentee",
                queryset=Pair.objects.for_user(user).active().select_related("mentor"),
                to_attr="current_pairs",
            ),
        )
        .order_by("person__last_name", "person__first_name", "person__middle_name", "pk")
    )


def _names(rows) -> str:
    return "; ".join(str(row) for row in rows)


class _BankTabsMixin:
    """The tabs of the bank pages."""

    bank_tab = ""

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["bank_tab"] = self.bank_tab
        context["can_import"] = user_can(self.request.user, "person", "add")
        return context


class MentorListView(_BankTabsMixin, ScopedListView):
    model = MentorProfile
    filterset_class = MentorProfileFilterSet
    template_name = "bank/mentor_list.html"
    bank_tab = "mentors"
    export_filename = "bank-nastavnikov"
    export_sheet_title = "Наставники"
    export_columns = [
        ("ФИО", "person.full_name"),
        ("Организация", "organization.label_with_municipality"),
        ("Статус", "get_status_display"),
        ("Категория наставников", "get_pool_display"),
        (
            "Компетенции (уровень 1–5)",
            lambda m: "; ".join(f"{c.area}: {c.level}" for c in m.competences.all()),
        ),
        ("Предметы", lambda m: _names(m.subjects.all())),
        ("Наставляемых сейчас", "active_mentees"),
        ("Наибольшее число наставляемых", "capacity_in_force"),
        ("Письменное согласие быть наставником", "consent_given_on"),
        ("В открытом банке", lambda m: "да" if m.publish_in_open_bank else "нет"),
    ]

    def base_queryset(self):
        return mentor_queryset()


class MenteeListView(_BankTabsMixin, ScopedListView):
    model = MenteeProfile
    filterset_class = MenteeProfileFilterSet
    template_name = "bank/mentee_list.html"
    bank_tab = "mentees"
    export_filename = "bank-nastavlyaemyh"
    export_sheet_title = "Наставляемые"
    export_columns = [
        ("ФИО", "person.full_name"),
        ("Организация", "organization.label_with_municipality"),
        ("Категории", lambda m: _names(m.categories.all())),
        ("Запрос", "request_text"),
        ("Области запроса", lambda m: _names(m.request_areas.all())),
        ("Наставники", lambda m: _names(p.mentor.short_name for p in m.person.current_pairs)),
        ("Письменное согласие наставляемого", "consent_given_on"),
        ("Прошёл полный цикл", "full_cycle_completed_on"),
    ]

    def base_queryset(self):
        return mentee_queryset(self.request.user)


class MentorDetailView(ScopedDetailView):
    model = MentorProfile
    template_name = "bank/mentor_detail.html"

    def base_queryset(self):
        return mentor_queryset().prefetch_related("forms", "interaction_models", "kinds")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        profile = self.object
        user = self.request.user
        context["can_change"] = MentorProfile.objects.for_user(user, "change").filter(pk=profile.pk).exists()
        context["can_view_scan"] = (
            MentorProfile.objects.for_user(user, Action.VIEW_SCAN).filter(pk=profile.pk).exists()
        )
        context["events"] = profile.events.select_related("author__person")
        context["trainings"] = profile.trainings.all()
        context["pairs"] = (
            Pair.objects.for_user(user)
            .filter(mentor_id=profile.person_id)
            .select_related("mentee")
            .order_by("-started_on")
        )
        context["public_field_labels"] = [
            PUBLIC_FIELDS[name] for name in profile.public_fields if name in PUBLIC_FIELDS
        ]
        if context["can_change"]:
            context["status_form"] = MentorStatusForm(profile=profile)
            context["training_form"] = MentorTrainingForm()
        context.update(bank_card_context(user, profile.person))
        # the courses of the region's catalogue the mentor studies or completed (issue 18)
        context.update(page_blocks("mentor_card", user=user, person=profile.person))
        return context


class MenteeDetailView(ScopedDetailView):
    model = MenteeProfile
    template_name = "bank/mentee_detail.html"

    def base_queryset(self):
        return mentee_queryset(self.request.user)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        profile = self.object
        user = self.request.user
        context["can_change"] = MenteeProfile.objects.for_user(user, "change").filter(pk=profile.pk).exists()
        context["can_view_scan"] = (
            MenteeProfile.objects.for_user(user, Action.VIEW_SCAN).filter(pk=profile.pk).exists()
        )
        context["deficits"] = Deficit.objects.filter(person_id=profile.person_id).select_related("area")
        context["pairs"] = (
            Pair.objects.for_user(user)
            .filter(mentee_id=profile.person_id)
            .select_related("mentor")
            .order_by("-started_on")
        )
        if context["can_change"]:
            context["deficit_form"] = DeficitForm()
        context.update(bank_card_context(user, profile.person))
        return context


def _preset_person(request):
    """The person given as ``?person=<pk>`` when the user may change them, else None."""
    pk = id_param(request.GET.get("person"))
    if pk is None:
        return None
    return Person.objects.for_user(request.user, "change").filter(pk=pk).first()


class _ProfileCreateView(ScopedFormView):
    """Put a staff member into the bank; ``?person=<pk>`` (from the person's card) fills the form."""

    scope_action = "add"

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["preset_person"] = _preset_person(self.request)
        return kwargs


class MentorCreateView(_ProfileCreateView):
    model = MentorProfile
    form_class = MentorProfileCreateForm
    template_name = "bank/mentor_form.html"
    success_message = "Работник включён в базу наставников как кандидат."

    def perform(self, form):
        profile = services.mentor_profile_create(
            person=form.cleaned_data["person"],
            organization=form.cleaned_data["organization"],
            by=self.request.user,
            competences=form.competences(),
            **form.profile_fields(),
        )
        return services.mentor_publication_set(
            profile=profile,
            publish=form.cleaned_data["publish_in_open_bank"],
            public_fields=form.cleaned_data["public_fields"],
            by=self.request.user,
        )


class MentorUpdateView(ScopedFormView):
    model = MentorProfile
    form_class = MentorProfileForm
    template_name = "bank/mentor_form.html"

    def perform(self, form):
        profile = services.mentor_profile_update(
            profile=self.object, by=self.request.user, competences=form.competences(), **form.profile_fields()
        )
        return services.mentor_publication_set(
            profile=profile,
            publish=form.cleaned_data["publish_in_open_bank"],
            public_fields=form.cleaned_data["public_fields"],
            by=self.request.user,
        )


class _ActionView(ScopedFormView):
    """An action on a card (a plain form, not the card's model form), posted from the card;
    on errors the form is shown on a page of its own with ``title``."""

    template_name = "bank/action_form.html"
    title = ""

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs.pop("user", None)
        kwargs.pop("instance", None)
        return kwargs


class _MentorActionView(_ActionView):
    model = MentorProfile


class MentorStatusView(_MentorActionView):
    form_class = MentorStatusForm
    title = "Изменение статуса наставника"

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "profile": self.object}

    def perform(self, form):
        event = services.mentor_status_change(profile=self.object, by=self.request.user, **form.cleaned_data)
        self.success_message = f"Статус изменён: {event.get_to_status_display()}."
        return self.object


class MentorTrainingAddView(_MentorActionView):
    form_class = MentorTrainingForm
    title = "Обучение наставника"
    success_message = "Обучение записано."

    def perform(self, form):
        services.mentor_training_add(profile=self.object, by=self.request.user, **form.cleaned_data)
        return self.object


class MenteeCreateView(_ProfileCreateView):
    model = MenteeProfile
    form_class = MenteeProfileCreateForm
    template_name = "bank/mentee_form.html"
    success_message = "Работник включён в базу наставляемых."

    def perform(self, form):
        return services.mentee_profile_create(by=self.request.user, **form.cleaned_data)


class MenteeUpdateView(ScopedFormView):
    model = MenteeProfile
    form_class = MenteeProfileForm
    template_name = "bank/mentee_form.html"

    def perform(self, form):
        return services.mentee_profile_update(profile=self.object, by=self.request.user, **form.cleaned_data)


class DeficitAddView(_ActionView):
    model = MenteeProfile
    form_class = DeficitForm
    title = "Профессиональное затруднение"
    success_message = "Затруднение записано."

    def perform(self, form):
        services.deficit_add(mentee=self.object, by=self.request.user, **form.cleaned_data)
        return self.object


class ConsentRecordView(_ActionView):
    """Record a consent to personal-data processing of a person (152-ФЗ art. 9)."""

    model = Person
    form_class = ConsentForm
    title = "Согласие на обработку персональных данных"
    success_message = "Согласие на обработку персональных данных записано."

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "person": self.object}

    def perform(self, form):
        data = form.cleaned_data
        services.pd_consent_record(
            person=self.object,
            purposes=data["purposes"],
            given_on=data["given_on"],
            by=self.request.user,
            scan=data["scan"],
            representative=data.get("representative"),
        )
        return self.object

    def get_success_url(self):
        return (
            self.request.POST.get("next")
            if _is_local(self.request.POST.get("next"))
            else self.object.get_absolute_url()
        )


class ConsentWithdrawView(_ActionView):
    """Withdraw a consent (152-ФЗ art. 9 part 2): processing stops and the fact is logged."""

    model = Person
    form_class = ConsentWithdrawForm
    title = "Отзыв согласия на обработку персональных данных"
    success_message = "Согласие отозвано: сведения о человеке больше не обрабатываются и не публикуются."

    def perform(self, form):
        consent = PersonalDataConsent.objects.valid().filter(person=self.object).first()
        if consent is None:
            from django.core.exceptions import ValidationError

            raise ValidationError("Действующего согласия нет.")
        services.pd_consent_withdraw(
            consent=consent,
            by=self.request.user,
            withdrawn_on=form.cleaned_data["withdrawn_on"],
            reason=form.cleaned_data["reason"],
        )
        return self.object


def _is_local(url: str | None) -> bool:
    return bool(url) and url.startswith("/") and not url.startswith("//")


#: kind → (model, file field, the profile model whose scope guards it, path to the person)
#: kind → (model, file field, the model whose scope guards it, path to its row, the action).
#: Scans of consents (papers with passport data) need ``view_scan``: the curator, the head and
#: the person themselves (``access.choices.PERMISSIONS``); a training document, the card's view.
_FILES = {
    "pd-consent": (PersonalDataConsent, "scan", PersonalDataConsent, "pk", Action.VIEW_SCAN),
    "mentor-consent": (MentorProfile, "consent_scan", MentorProfile, "pk", Action.VIEW_SCAN),
    "mentee-consent": (MenteeProfile, "consent_scan", MenteeProfile, "pk", Action.VIEW_SCAN),
    "training": (MentorTraining, "certificate", MentorProfile, "mentor_id", Action.VIEW),
}


class ScanDownloadView(LoginRequiredMixin, View):
    """A scan of a consent (to those with ``view_scan`` on it) or a training document (to those
    who see the mentor's card); anyone else gets 404.

    Scans are personal data: they are never served from a public media URL (152-ФЗ art. 9).
    """

    def get(self, request, kind, pk):
        if kind not in _FILES:
            raise Http404
        model, field, guard, link, action = _FILES[kind]
        row = get_object_or_404(model, pk=pk)
        if not guard.objects.for_user(request.user, action).filter(pk=getattr(row, link)).exists():
            raise Http404("Файл не найден или недоступен.")
        return private_file_response(getattr(row, field))


class BankConfirmView(ScopedActionMixin, View):
    """POST: the curator confirms their organization's bank is up to date (seed 000 §4.1.2): the
    ``bank`` ``confirm`` right of ``PERMISSIONS`` over the organization; 404 for an organization
    the user does not see, 403 for one they see without the right."""

    model = OrgUnit
    perm_model = "bank"
    scope_action = "confirm"
    forbidden_message = "Актуальность банка подтверждает куратор организации."

    def base_queryset(self):
        return OrgUnit.objects.organizations()

    def post(self, request, pk):
        organization = self.object
        confirmation = services.bank_confirm(
            organization=organization, by=request.user, comment=request.POST.get("comment", "")
        )
        messages.success(
            request,
            f"Актуальность банка подтверждена {confirmation.confirmed_on:%d.%m.%Y}: наставников — "
            f"{confirmation.mentors_count}, наставляемых — {confirmation.mentees_count}.",
        )
        return redirect("core:home")

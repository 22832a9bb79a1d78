"""Pages of the registry of partners (issue 20; seed 002 §1, §6, §8; 001 §1.3; 003 §4.5): the
list and the card of a partner, its agreements and their files, the programs it takes part in,
and the participants outside the staff of an organization (parents, alumni, employees of
partners…) who may enter the bank of mentors.

Rows are looked up in the user's scope (``core.views``: 404 outside it, 403 with the reason when
visible but the action is not theirs); the services (``partners.services``) check the rights again.
"""

from __future__ import annotations

from django.http import Http404
from django.urls import reverse
from django.utils import timezone
from django.views import View

from nastavnik.access.choices import Action
from nastavnik.access.rules import has_perm
from nastavnik.core.files import private_file_response
from nastavnik.core.views import (
    RightRequiredMixin,
    RowStepView,
    ScopedActionMixin,
    ScopedDetailView,
    ScopedFormView,
    ScopedListView,
)
from nastavnik.mentoring.models import MentoringProgram
from nastavnik.organizations.models import Partner, PartnerAgreement
from nastavnik.partners import forms as partner_forms
from nastavnik.partners import services
from nastavnik.partners.filtersets import NonStaffFilterSet, PartnerFilterSet
from nastavnik.partners.selectors import with_counts
from nastavnik.people.choices import INTERNAL_CONTOUR_CATEGORIES
from nastavnik.people.consent import hide_unconsented
from nastavnik.people.models import NonStaffParticipant


def _yes_no(value: bool) -> str:
    return "да" if value else "нет"


# --- partners ------------------------------------------------------------------------------------


class PartnerListView(RightRequiredMixin, ScopedListView):
    """«Организации-партнёры»: the partners the user sees, the agreements in force and the mentors
    each provides; XLSX export."""

    required_right = ("partner", Action.VIEW)
    model = Partner
    filterset_class = PartnerFilterSet
    template_name = "partners/partner_list.html"
    export_filename = "organizacii-partnery"
    export_sheet_title = "Организации-партнёры"
    export_columns = [
        ("Полное наименование", "full_name"),
        ("Краткое наименование", "short_name"),
        ("Вид партнёра", lambda p: p.get_kind_display()),
        ("ИНН", "inn"),
        ("Кто ведёт сведения", lambda p: p.unit.label_with_municipality),
        ("Контактное лицо", "contact_person"),
        ("Телефон", "phone"),
        ("Электронная почта", "email"),
        ("Направления сотрудничества", "description"),
        ("Действующих соглашений", "agreements_in_force"),
        ("Наставников от партнёра", "mentors_count"),
        ("Сотрудничество продолжается", lambda p: _yes_no(p.is_active)),
    ]

    def base_queryset(self):
        return with_counts(Partner.objects.select_related("unit__municipality"))


class PartnerDetailView(ScopedDetailView):
    """The card of a partner: contacts, directions of cooperation, agreements (term and status,
    the file), the mentors it provides and the programs it takes part in."""

    model = Partner
    template_name = "partners/partner_detail.html"

    def base_queryset(self):
        return Partner.objects.select_related("unit__municipality")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        partner = self.object
        today = timezone.localdate()
        agreements = list(
            PartnerAgreement.objects.for_user(user).filter(partner=partner).select_related("unit")
        )
        for agreement in agreements:
            agreement.is_in_force = agreement.in_force(today)
            agreement.not_started = agreement.starts_on > today
            agreement.can_change = has_perm(user, "partneragreement", Action.CHANGE, agreement)
        mentors = hide_unconsented(
            user,
            NonStaffParticipant.objects.for_user(user)
            .current()
            .filter(partner=partner)
            .select_related("person", "organization"),
            "person",
        )
        programs = list(
            MentoringProgram.objects.for_user(user).filter(partners=partner).select_related("organization")
        )
        changeable = set(
            MentoringProgram.objects.for_user(user, Action.CHANGE)
            .filter(pk__in=[p.pk for p in programs])
            .values_list("pk", flat=True)
        )
        for program in programs:
            program.can_detach = program.pk in changeable
        context.update(
            agreements=agreements,
            mentors=mentors,
            mentors_total=NonStaffParticipant.objects.current().filter(partner=partner).count(),
            programs=programs,
            can_edit=has_perm(user, "partner", Action.CHANGE, partner),
            can_add_agreement=has_perm(user, "partneragreement", Action.ADD),
            can_attach=partner.is_active
            and MentoringProgram.objects.for_user(user, Action.CHANGE).exclude(partners=partner).exists(),
        )
        return context


class PartnerCreateView(ScopedFormView):
    model = Partner
    scope_action = Action.ADD
    form_class = partner_forms.PartnerForm
    template_name = "partners/form.html"
    success_message = "Партнёр внесён в реестр."
    title = "Новая организация-партнёр"

    def get_context_data(self, **kwargs):
        return super().get_context_data(**kwargs) | {"title": self.title}

    def perform(self, form):
        data = dict(form.cleaned_data)
        return services.partner_create(by=self.request.user, **data)


class PartnerEditView(PartnerCreateView):
    scope_action = Action.CHANGE
    success_message = "Сведения о партнёре сохранены."
    title = "Изменение сведений о партнёре"

    def perform(self, form):
        return services.partner_update(by=self.request.user, partner=self.object, **form.cleaned_data)


# --- agreements ----------------------------------------------------------------------------------


class AgreementCreateView(ScopedFormView):
    """A new agreement with the partner named by ``partner_pk`` (404 outside the registry the
    user sees)."""

    model = PartnerAgreement
    scope_action = Action.ADD
    form_class = partner_forms.AgreementForm
    template_name = "partners/form.html"
    success_message = "Соглашение внесено."
    partner = None

    def get_partner(self):
        try:
            return Partner.objects.for_user(self.request.user).get(pk=self.kwargs["partner_pk"])
        except (Partner.DoesNotExist, ValueError, KeyError):
            raise Http404("Партнёр не найден или недоступен.") from None

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            self.partner = self.get_partner()
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self):
        return super().get_form_kwargs() | {"partner": self.partner}

    def get_context_data(self, **kwargs):
        return super().get_context_data(**kwargs) | {
            "title": f"Новое соглашение с партнёром «{self.partner}»",
            "partner": self.partner,
            "multipart": True,
        }

    def perform(self, form):
        return services.agreement_create(by=self.request.user, partner=self.partner, **form.cleaned_data)

    def get_success_url(self):
        return self.partner.get_absolute_url()


class AgreementEditView(ScopedFormView):
    model = PartnerAgreement
    scope_action = Action.CHANGE
    form_class = partner_forms.AgreementForm
    template_name = "partners/form.html"

    def base_queryset(self):
        return PartnerAgreement.objects.select_related("partner")

    def get_context_data(self, **kwargs):
        return super().get_context_data(**kwargs) | {
            "title": f"Изменение соглашения с партнёром «{self.object.partner}»",
            "partner": self.object.partner,
            "multipart": True,
        }

    def perform(self, form):
        data = dict(form.cleaned_data)
        if data.get("file") == self.object.file:
            data.pop("file")
        return services.agreement_update(by=self.request.user, agreement=self.object, **data)

    def get_success_url(self):
        return self.object.partner.get_absolute_url()


class AgreementFileView(ScopedActionMixin, View):
    """The signed agreement's file, served only to those who see the agreement
    (``PartnerAgreement.objects.for_user``); 404 otherwise or when no file is attached."""

    model = PartnerAgreement
    scope_action = Action.VIEW

    def get(self, request, *args, **kwargs):
        agreement = self.object
        extension = agreement.file.name.rsplit(".", 1)[-1].lower() if agreement.file else ""
        number = "".join(c if c.isalnum() else "-" for c in agreement.number)
        return private_file_response(agreement.file, f"soglashenie-{number}.{extension}" if extension else "")


# --- programs ------------------------------------------------------------------------------------


class _ProgramStepView(RowStepView):
    """Attach the partner (``self.object``) to a program of an organization, or detach it: the
    user keeps the program (``mentoringprogram`` ``change``)."""

    model = Partner
    scope_action = Action.VIEW
    template_name = "partners/step.html"
    form_class = partner_forms.ProgramForm
    forbidden_message = "Изменять программы наставничества вы не можете."
    title = ""
    button = "Сохранить"

    def action_refusal(self, obj) -> str:
        return (
            "" if has_perm(self.request.user, "mentoringprogram", Action.CHANGE) else self.forbidden_message
        )

    def programs(self):
        return MentoringProgram.objects.for_user(self.request.user, Action.CHANGE).select_related(
            "organization"
        )

    def get_form_kwargs(self):
        return super().get_form_kwargs() | {"programs": self.programs()}

    def get_context_data(self, **kwargs):
        return super().get_context_data(**kwargs) | {
            "partner": self.object,
            "title": self.title,
            "button": self.button,
        }


class ProgramAttachView(_ProgramStepView):
    title = "Включить партнёра в программу наставничества"
    button = "Включить"
    success_message = "Партнёр включён в программу наставничества."

    def programs(self):
        return super().programs().exclude(partners=self.object)

    def perform(self, form):
        services.program_partner_attach(
            by=self.request.user, program=form.cleaned_data["program"], partner=self.object
        )


class ProgramDetachView(_ProgramStepView):
    title = "Исключить партнёра из программы наставничества"
    button = "Исключить"
    success_message = "Партнёр исключён из программы наставничества."

    def programs(self):
        return super().programs().filter(partners=self.object)

    def perform(self, form):
        services.program_partner_detach(
            by=self.request.user, program=form.cleaned_data["program"], partner=self.object
        )


# --- participants outside the staff --------------------------------------------------------------


class NonStaffListView(RightRequiredMixin, ScopedListView):
    """«Участники вне штата»: parents, organizers of leisure, alumni, employees of partners… of
    the organizations the user sees, with the internal and the external contour explained."""

    required_right = ("nonstaffparticipant", Action.VIEW)
    model = NonStaffParticipant
    filterset_class = NonStaffFilterSet
    template_name = "partners/nonstaff_list.html"

    def base_queryset(self):
        return NonStaffParticipant.objects.select_related("person", "organization__municipality", "partner")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        rows = hide_unconsented(user, list(context["object_list"]), "person")
        today = timezone.localdate()
        changeable = set(
            NonStaffParticipant.objects.for_user(user, Action.CHANGE)
            .filter(pk__in=[r.pk for r in rows])
            .values_list("pk", flat=True)
        )
        can_bank = has_perm(user, "mentorprofile", Action.ADD)
        for row in rows:
            row.internal = row.category in INTERNAL_CONTOUR_CATEGORIES
            row.is_current = row.ended_on is None or row.ended_on >= today
            row.can_change = row.pk in changeable
            row.can_bank = can_bank and row.can_change and row.is_current
        context.update(object_list=rows, bank_add_url=reverse("bank:mentor_add"))
        return context


class NonStaffCreateView(ScopedFormView):
    model = NonStaffParticipant
    scope_action = Action.ADD
    form_class = partner_forms.NonStaffForm
    template_name = "partners/nonstaff_form.html"
    success_message = "Участник вне штата внесён."
    title = "Новый участник вне штата"

    def get_context_data(self, **kwargs):
        return super().get_context_data(**kwargs) | {"title": self.title}

    def perform(self, form):
        return services.nonstaff_create(
            by=self.request.user,
            organization=form.cleaned_data["organization"],
            person_fields=form.person_fields(),
            **form.row_fields(),
        )

    def get_success_url(self):
        return reverse("partners:nonstaff_list")


class NonStaffEditView(NonStaffCreateView):
    scope_action = Action.CHANGE
    success_message = "Сведения об участнике сохранены."
    title = "Изменение сведений об участнике вне штата"

    def base_queryset(self):
        return NonStaffParticipant.objects.select_related("person", "partner")

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["instance"] = self.object
        return kwargs

    def perform(self, form):
        return services.nonstaff_update(
            by=self.request.user,
            participant=self.object,
            person_fields=form.person_fields(),
            **form.row_fields(),
        )


class NonStaffEndView(RowStepView):
    """Close the participation of a participant outside the staff on a date."""

    model = NonStaffParticipant
    scope_action = Action.CHANGE
    form_class = partner_forms.EndForm
    template_name = "partners/step.html"
    forbidden_message = "Завершать участие участников этой организации вы не можете."
    success_message = "Участие завершено."

    def base_queryset(self):
        return NonStaffParticipant.objects.select_related("person", "organization")

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs.pop("user", None)
        return kwargs

    def get_context_data(self, **kwargs):
        person = hide_unconsented(self.request.user, [self.object], "person")[0].person
        return super().get_context_data(**kwargs) | {
            "title": f"Завершить участие: {person.full_name}",
            "button": "Завершить участие",
            "back_url": reverse("partners:nonstaff_list"),
        }

    def perform(self, form):
        services.nonstaff_end(
            by=self.request.user, participant=self.object, ended_on=form.cleaned_data["ended_on"]
        )

    def get_success_url(self):
        return reverse("partners:nonstaff_list")

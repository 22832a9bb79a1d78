"""Pages of learners (issue 20; seed 003 §4.4–4.6, 002 §9–§10): the list with its export, the
learner's page with the representatives, the consents and the bank cards, the forms that call
``learners.services`` and ``bank.services``, the import of a class.

Every page takes its rows from ``for_user`` (the scoped base views of ``core.views``): a minor
is reached by the curator and the head of their organization only (``people.consent``), so
anyone else gets 404 for them; the services check the rights again.
"""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.http import HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.views import View
from django.views.generic.edit import FormView

from nastavnik.access.rules import has_perm
from nastavnik.accounts.services import base_url
from nastavnik.bank import services as bank_services
from nastavnik.bank.choices import Contour, MentorPool
from nastavnik.bank.selectors import bank_card_context
from nastavnik.core.export import XLSX_CONTENT_TYPE
from nastavnik.core.files import mark_attachment
from nastavnik.core.views import (
    RightRequiredMixin,
    RowStepView,
    ScopedDetailView,
    ScopedFormView,
    ScopedListView,
    add_validation_error,
)
from nastavnik.learners import importing, services
from nastavnik.learners.filtersets import LearnerFilterSet
from nastavnik.learners.forms import (
    AccountForm,
    ImportForm,
    LearnerForm,
    LearnerMenteeForm,
    LearnerMentorForm,
    LeaveForm,
    RepresentativeForm,
)
from nastavnik.mentoring.models import Pair, PersonalizedProgram
from nastavnik.people.learners import ACCOUNT_MIN_AGE, Learner, LegalRepresentative


def learner_queryset():
    """Learners with the person and the organization (and its municipality) the pages show."""
    return Learner.objects.select_related("person", "organization__municipality")


class LearnerListView(RightRequiredMixin, ScopedListView):
    """``/learners/``: the learners the user sees, filtered and paged; ``?export=xlsx`` — the
    file of those with a valid consent, never a minor (``people.consent``; 152-ФЗ art. 9).
    Those who hold no ``learner`` ``view`` right anywhere get 403 (a participant reaches the
    learners of their pairs from the pairs' pages)."""

    required_right = ("learner", "view")
    forbidden_message = "Список обучающихся вам недоступен: его ведут куратор и руководитель организации."
    model = Learner
    filterset_class = LearnerFilterSet
    template_name = "learners/learner_list.html"
    export_filename = "obuchayushchiesya"
    export_sheet_title = "Обучающиеся"
    export_columns = [
        ("ФИО", "person.full_name"),
        ("Организация", "organization.label_with_municipality"),
        ("Обучающийся", "get_kind_display"),
        ("Класс или группа", "grade"),
        ("Дата рождения", "person.birth_date"),
        ("Дата зачисления", "enrolled_on"),
        ("Дата выбытия", "left_on"),
    ]

    def base_queryset(self):
        # the export keeps what ``LearnerQuerySet.for_export`` lets leave: never a minor
        return learner_queryset()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["can_import"] = context["can_add"]
        return context


class LearnerDetailView(ScopedDetailView):
    """``/learners/<pk>/``: the learner's class, age, representatives, consent, bank cards,
    pairs and their programs."""

    model = Learner
    template_name = "learners/learner_detail.html"

    def base_queryset(self):
        return learner_queryset()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        learner, user = self.object, self.request.user
        person = learner.person
        context["can_change"] = has_perm(user, "learner", "change", learner)
        context["can_add_representative"] = has_perm(user, "legalrepresentative", "add", learner.organization)
        context["representatives"] = LegalRepresentative.objects.for_user(user).filter(learner=learner)
        context["can_change_representative"] = has_perm(
            user, "legalrepresentative", "change", learner.organization
        )
        context["is_minor"] = learner.is_minor()
        context["age"] = person.age()
        context["account_allowed"] = context["age"] >= ACCOUNT_MIN_AGE and person.user_id is None
        context["account_min_age"] = ACCOUNT_MIN_AGE
        pairs = list(
            Pair.objects.for_user(user)
            .filter(Q(mentor_id=person.pk) | Q(mentee_id=person.pk))
            .select_related("mentor", "mentee", "program")
            .order_by("-started_on", "-pk")
        )
        visible_programs = set(
            PersonalizedProgram.objects.for_user(user)
            .filter(pk__in=[p.program_id for p in pairs if p.program_id])
            .values_list("pk", flat=True)
        )
        context["pairs"] = pairs
        context["visible_programs"] = visible_programs
        context.update(bank_card_context(user, person))
        context["can_add_mentee"] = context["can_add_mentee"] and has_perm(
            user, "menteeprofile", "add", learner.organization
        )
        context["can_add_mentor"] = context["can_add_mentor"] and has_perm(
            user, "mentorprofile", "add", learner.organization
        )
        return context


class LearnerCreateView(ScopedFormView):
    """``/learners/add/``: a learner added by the curator or the head (``learner`` ``add``)."""

    model = Learner
    form_class = LearnerForm
    template_name = "learners/learner_form.html"
    scope_action = "add"
    success_message = "Обучающийся добавлен."

    def perform(self, form):
        return services.learner_create(by=self.request.user, **form.cleaned_data)


class LearnerUpdateView(ScopedFormView):
    """``/learners/<pk>/edit/``: the learner's data (``learner`` ``change``)."""

    model = Learner
    form_class = LearnerForm
    template_name = "learners/learner_form.html"

    def base_queryset(self):
        return learner_queryset()

    def perform(self, form):
        return services.learner_update(by=self.request.user, learner=self.object, **form.cleaned_data)


class _StepPageMixin:
    """What ``learners/step_form.html`` reads: ``title``, ``intro``, ``submit_label`` of the view
    and ``learner`` (the row's learner) and ``representative`` (when the row is one)."""

    template_name = "learners/step_form.html"
    title = ""
    intro = ""
    submit_label = ""

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        is_representative = isinstance(self.object, LegalRepresentative)
        context["learner"] = self.object.learner if is_representative else self.object
        context["representative"] = self.object if is_representative else None
        return context


class _LearnerStepView(_StepPageMixin, RowStepView):
    """A form about one learner found in the user's view scope (404 outside it)."""

    model = Learner

    def base_queryset(self):
        return learner_queryset()


class LearnerLeaveView(_LearnerStepView):
    """``/learners/<pk>/leave/``: the leaving (выбытие) of a learner."""

    form_class = LeaveForm
    title = "Выбытие обучающегося"
    intro = (
        "Дата выбытия записывается в карточку; обучающийся остаётся в списке выбывших. "
        "Его действующие пары сохраняются, пока куратор не завершит их."
    )
    success_message = "Выбытие записано."

    def perform(self, form):
        services.learner_leave(by=self.request.user, learner=self.object, **form.cleaned_data)


class RepresentativeAddView(_LearnerStepView):
    """``/learners/<pk>/representatives/add/``: a legal representative of the learner (the
    curator and the head: ``legalrepresentative`` ``add`` over the organization)."""

    form_class = RepresentativeForm
    title = "Законный представитель"
    scope_action = "add"
    perm_model = "legalrepresentative"
    forbidden_message = "Законных представителей вносят куратор и руководитель организации."
    success_message = "Законный представитель добавлен."

    def action_refusal(self, obj) -> str:
        return (
            ""
            if has_perm(self.request.user, self.perm_model, "add", obj.organization)
            else self.forbidden_message
        )

    def perform(self, form):
        services.representative_create(by=self.request.user, learner=self.object, **form.cleaned_data)


class RepresentativeUpdateView(_StepPageMixin, ScopedFormView):
    """``/learners/representatives/<pk>/edit/``: a representative's data."""

    model = LegalRepresentative
    form_class = RepresentativeForm
    title = "Законный представитель"

    def base_queryset(self):
        return LegalRepresentative.objects.select_related("learner__person")

    def perform(self, form):
        data = {name: form.cleaned_data[name] for name in form._meta.fields if name in form.cleaned_data}
        # the form wrote the values into the instance; the service checks and saves them
        return services.representative_update(by=self.request.user, representative=self.object, **data)

    def get_success_url(self):
        return self.object.learner.get_absolute_url()


class RepresentativeDeleteView(_StepPageMixin, RowStepView):
    """``/learners/representatives/<pk>/delete/``: remove a representative (POST)."""

    model = LegalRepresentative
    form_class = forms.Form
    title = "Удаление законного представителя"
    intro = "Сведения о законном представителе будут удалены."
    submit_label = "Удалить"
    success_message = "Законный представитель удалён."

    def base_queryset(self):
        return LegalRepresentative.objects.select_related("learner__person")

    def perform(self, form):
        self.learner = self.object.learner
        services.representative_delete(by=self.request.user, representative=self.object)

    def get_success_url(self):
        return self.object.learner.get_absolute_url()


class LearnerAccountView(_LearnerStepView):
    """``/learners/<pk>/account/``: an account for a learner of 14 or older."""

    form_class = AccountForm
    title = "Учётная запись обучающегося"
    intro = (
        f"Учётная запись создаётся обучающемуся, достигшему {ACCOUNT_MIN_AGE} лет. "
        "Приглашение с ссылкой для установки пароля придёт на адрес электронной почты обучающегося."
    )
    success_message = "Роль назначена."

    def perform(self, form):
        _assignment, invitation = services.learner_account_create(
            by=self.request.user,
            learner=self.object,
            site=base_url(self.request),
            **form.cleaned_data,
        )
        if invitation is not None and not invitation.sent:
            self.success_message = (
                "Роль назначена. У обучающегося нет адреса электронной почты: приглашение не отправлено."
            )


class LearnerMenteeAddView(_LearnerStepView):
    """``/learners/<pk>/mentee/``: the learner enters the base of mentees with the map of
    requests (seed 003 §4.4; ``bank.services.mentee_profile_create``)."""

    form_class = LearnerMenteeForm
    title = "Включение в базу наставляемых"
    intro = "Карта запросов: опишите, с чем обучающемуся нужна помощь наставника."
    scope_action = "add"
    perm_model = "menteeprofile"
    forbidden_message = "Включать в базу наставляемых могут куратор и руководитель организации."
    success_message = "Обучающийся включён в базу наставляемых."

    def action_refusal(self, obj) -> str:
        return (
            ""
            if has_perm(self.request.user, self.perm_model, "add", obj.organization)
            else self.forbidden_message
        )

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs.pop("instance", None)
        return kwargs

    def perform(self, form):
        data = form.cleaned_data
        self.profile = bank_services.mentee_profile_create(
            by=self.request.user,
            person=self.object.person,
            organization=self.object.organization,
            categories=[],
            request_text=data["request_text"],
            request_areas=data["request_areas"],
            consent_given_on=data["consent_given_on"],
        )

    def get_success_url(self):
        return self.profile.get_absolute_url()


class LearnerMentorAddView(LearnerMenteeAddView):
    """``/learners/<pk>/mentor/``: the learner enters the base of mentors as a mentor of peers
    (seed 003 §4.5–4.6: pool «сверстники», the internal contour, the questionnaire and the
    interview; ``bank.services.mentor_profile_create``)."""

    form_class = LearnerMentorForm
    title = "Включение в базу наставников: наставник сверстников"
    intro = (
        "Обучающийся включается в базу наставников как кандидат (категория «сверстники», внутренний контур)."
    )
    perm_model = "mentorprofile"
    forbidden_message = "Включать в базу наставников могут куратор и руководитель организации."
    success_message = "Обучающийся включён в базу наставников как кандидат."

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "learner": self.object}

    def perform(self, form):
        data = dict(form.cleaned_data)
        self.profile = bank_services.mentor_profile_create(
            by=self.request.user,
            person=self.object.person,
            organization=self.object.organization,
            pool=MentorPool.PEERS,
            contour=Contour.INTERNAL,
            **data,
        )


class _ImportRightMixin(RightRequiredMixin):
    required_right = ("learner", "add")
    forbidden_message = "Загружать обучающихся из файла могут куратор и руководитель организации."


class LearnerImportView(_ImportRightMixin, FormView):
    """``/learners/import/``: a class or a group from XLSX, all rows or none; the errors are
    listed on the page by row and column."""

    form_class = ImportForm
    template_name = "learners/import.html"

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "user": self.request.user}

    def form_valid(self, form):
        organization = form.cleaned_data["organization"]
        try:
            result = importing.learners_import(
                by=self.request.user, organization=organization, source=form.cleaned_data["file"]
            )
        except ValidationError as exc:  # pragma: no cover - the import reports, not raises
            add_validation_error(form, exc)
            return self.form_invalid(form)
        if not result.ok:
            messages.error(self.request, "Файл не загружен: исправьте ошибки и загрузите его снова.")
            return self.render_to_response(self.get_context_data(form=form, result=result))
        text = f"Загружено обучающихся: {result.created}."
        if result.skipped:
            text += f" Пропущено строк (уже есть в организации): {len(result.skipped)}."
        messages.success(self.request, text)
        for issue in result.skipped[:20]:
            messages.info(self.request, issue.text)
        return redirect(f"{reverse('learners:list')}?organization={organization.pk}")


class LearnerImportTemplateView(_ImportRightMixin, View):
    """``/learners/import/template.xlsx``: the template with a sample row."""

    def get(self, request):
        response = HttpResponse(importing.import_template_xlsx(), content_type=XLSX_CONTENT_TYPE)
        response["Content-Disposition"] = f'attachment; filename="{importing.FILE_NAME}"'
        return mark_attachment(response, label="Шаблон файла для загрузки обучающихся")

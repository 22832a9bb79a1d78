"""Pages of the personified record of pedagogical workers."""

from __future__ import annotations

import json

from django.contrib.auth.mixins import LoginRequiredMixin
from django.db.models import Prefetch
from django.http import Http404, HttpResponse
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.views.generic import TemplateView

from nastavnik.access.services import assignable_roles
from nastavnik.core.blocks import page_blocks
from nastavnik.core.concurrency import VERSION_FIELD, ConcurrentEditViewMixin
from nastavnik.core.export import XLSX_CONTENT_TYPE, xlsx_bytes
from nastavnik.core.files import mark_attachment
from nastavnik.core.views import ScopedDetailView, ScopedFormView, ScopedListView
from nastavnik.people import personal_data
from nastavnik.people.filtersets import PersonFilterSet
from nastavnik.people.forms import PersonCreateForm, PersonForm, organizations_for_person_add
from nastavnik.people.models import Employment, Person
from nastavnik.people.services import person_create, person_update


def _with_current_jobs(queryset):
    return queryset.select_related("position").prefetch_related(
        Prefetch(
            "employments",
            queryset=Employment.objects.current().select_related("organization__municipality"),
            to_attr="current_employments",
        )
    )


def _current_jobs(person: Person) -> str:
    return "; ".join(e.organization.label_with_municipality for e in person.current_employments)


class PersonListView(ScopedListView):
    """Pedagogical workers in the user's scope; exports to XLSX (without the people who have
    no valid consent to personal-data processing: ``PersonQuerySet.for_export``)."""

    model = Person
    filterset_class = PersonFilterSet
    template_name = "people/person_list.html"
    export_filename = "pedagogi"
    export_sheet_title = "Педагогические работники"
    export_columns = [
        ("ФИО", "full_name"),
        ("СНИЛС", "snils_display"),
        ("Дата рождения", "birth_date"),
        ("Должность", "position"),
        ("Места работы", _current_jobs),
        ("Квалификационная категория", "get_qualification_category_display"),
        ("Общий стаж, лет", "total_experience_years"),
        ("Педагогический стаж, лет", "pedagogical_experience_years"),
        ("Электронная почта", "email"),
        ("Телефон", "phone"),
    ]

    def base_queryset(self):
        return _with_current_jobs(Person.objects.workers())


class PersonDetailView(ScopedDetailView):
    model = Person
    template_name = "people/person_detail.html"

    def base_queryset(self):
        return _with_current_jobs(Person.objects.prefetch_related("subjects"))

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        person = self.object
        user = self.request.user
        context["employments"] = person.employments.select_related("organization", "position").order_by(
            "-started_on"
        )
        context["can_change"] = Person.objects.for_user(user, "change").filter(pk=person.pk).exists()
        open_jobs = [e for e in context["employments"] if e.ended_on is None]
        kept = set()
        if context["can_change"] and open_jobs:
            # Only the organizations of the open jobs, not every one the user may add to.
            kept = set(
                organizations_for_person_add(user)
                .filter(pk__in={e.organization_id for e in open_jobs})
                .values_list("pk", flat=True)
            )
        context["closable"] = {e.pk for e in open_jobs if e.organization_id in kept}
        context["today"] = timezone.localdate()
        context["can_assign_roles"] = bool(assignable_roles(user))
        # The pairs (mentoring) and the bank (bank) blocks: registered by those apps, which
        # people must not import (``core.blocks``).
        context.update(page_blocks("person_card", user=user, person=person))
        return context


class PersonCreateView(ScopedFormView):
    model = Person
    scope_action = "add"
    form_class = PersonCreateForm
    template_name = "people/person_form.html"
    success_message = "Карточка педагогического работника создана."

    def perform(self, form):
        data = dict(form.cleaned_data)
        data.pop(VERSION_FIELD, None)
        return person_create(
            organization=data.pop("organization"),
            started_on=data.pop("started_on"),
            subjects=data.pop("subjects"),
            by=self.request.user,
            **data,
        )


class PersonUpdateView(ConcurrentEditViewMixin, ScopedFormView):
    """Edit a person's card (``services.person_update``) under optimistic locking: a card changed
    by another user since the form was opened is not overwritten — the page shows both versions
    (``core.concurrency``)."""

    model = Person
    form_class = PersonForm
    template_name = "people/person_form.html"

    def perform(self, form):
        data = dict(form.cleaned_data)
        expected = data.pop(VERSION_FIELD, None)
        return person_update(
            person=self.object,
            subjects=data.pop("subjects"),
            by=self.request.user,
            expected_version=expected,
            **data,
        )


class MyDataView(LoginRequiredMixin, TemplateView):
    """«Какие сведения о вас хранит система» (152-ФЗ art. 14): every record about the logged-in
    person, from every app (``people.personal_data.collect``), as a page, and as a file with
    ``?format=json`` or ``?format=xlsx``. Only about the user's own person: there is no id in the
    address, so no one reaches another's; a user without a person card gets 404."""

    template_name = "people/my_data.html"

    def get(self, request, *args, **kwargs):
        person = Person.objects.filter(user=request.user).first()
        if person is None:
            raise Http404("С вашей учётной записью не связана карточка работника: сведений о вас нет.")
        sections = personal_data.collect(person)
        fmt = request.GET.get("format", "")
        if fmt == "json":
            content = json.dumps(personal_data.as_json(person, sections), ensure_ascii=False, indent=2)
            response = HttpResponse(content, content_type="application/json; charset=utf-8")
        elif fmt == "xlsx":
            content = xlsx_bytes(
                headers=["Раздел", "№ записи", "Сведение", "Значение"],
                rows=personal_data.as_rows(sections),
                sheet_title="Сведения о работнике",
            )
            response = HttpResponse(content, content_type=XLSX_CONTENT_TYPE)
        else:
            response = self.render_to_response(self.get_context_data(person=person, sections=sections))
            response["Cache-Control"] = "no-store"
            return response
        name = f"svedeniya-obo-mne-{timezone.localdate():%Y-%m-%d}.{fmt}"
        response["Content-Disposition"] = content_disposition_header(True, name)
        response["Cache-Control"] = "no-store"
        return mark_attachment(response, subject=person, kind="export", label="Сведения о себе")

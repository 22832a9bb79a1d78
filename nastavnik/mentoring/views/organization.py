"""Pages of the organization's mentoring program (seed 000 §IV): the list, the form, and the card
with the guided checklist of its seven stages, its results and best practices (seed 003 §4.8)."""

from __future__ import annotations

import django_filters
from django.forms import TextInput

from nastavnik.core.forms import bootstrap_widgets
from nastavnik.core.search import contains_q
from nastavnik.core.views import ScopedDetailView, ScopedFormView, ScopedListView
from nastavnik.mentoring.forms.completion import MentoringProgramForm
from nastavnik.mentoring.models import MentoringProgram
from nastavnik.mentoring.selectors.organization import mentoring_program_checklist, mentoring_program_results
from nastavnik.mentoring.services.organization import mentoring_program_create, mentoring_program_update


class MentoringProgramFilterSet(django_filters.FilterSet):
    """Search of the organizations' programs by the title or the organization's name."""

    q = django_filters.CharFilter(
        label="Поиск",
        method="search",
        widget=TextInput(attrs={"placeholder": "Название программы или организации"}),
    )

    class Meta:
        model = MentoringProgram
        fields: list[str] = []

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        bootstrap_widgets(self.form.fields)

    def search(self, queryset, name, value):
        value = value.strip()[:200]
        if not value:
            return queryset
        return queryset.filter(
            contains_q("title", value)
            | contains_q("organization__short_name", value)
            | contains_q("organization__full_name", value)
        )


class MentoringProgramListView(ScopedListView):
    """The organizations' programs in the user's scope."""

    model = MentoringProgram
    filterset_class = MentoringProgramFilterSet
    template_name = "mentoring/mentoring_program_list.html"

    def base_queryset(self):
        return MentoringProgram.objects.select_related("organization__municipality").order_by(
            "-starts_on", "pk"
        )


class MentoringProgramDetailView(ScopedDetailView):
    """The card: the seven-stage checklist from the organization's data, the results of the
    completed personalized programs, the best practices, the mentors to encourage."""

    model = MentoringProgram
    template_name = "mentoring/mentoring_program_detail.html"

    def base_queryset(self):
        return MentoringProgram.objects.select_related("organization")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        program = self.object
        context["can_change"] = (
            MentoringProgram.objects.for_user(self.request.user, "change").filter(pk=program.pk).exists()
        )
        context["stages"] = mentoring_program_checklist(program, may_change=context["can_change"])
        context["results"] = mentoring_program_results(program, user=self.request.user)
        return context


class MentoringProgramCreateView(ScopedFormView):
    model = MentoringProgram
    form_class = MentoringProgramForm
    template_name = "mentoring/mentoring_program_form.html"
    scope_action = "add"
    success_message = "Программа наставничества организации создана."

    def perform(self, form):
        return mentoring_program_create(
            organization=form.cleaned_data["organization"], by=self.request.user, **form.program_fields()
        )


class MentoringProgramUpdateView(ScopedFormView):
    model = MentoringProgram
    form_class = MentoringProgramForm
    template_name = "mentoring/mentoring_program_form.html"

    def perform(self, form):
        return mentoring_program_update(program=self.object, by=self.request.user, **form.program_fields())

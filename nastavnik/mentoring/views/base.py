"""The base of every form about one personalized program: its status actions, its plan, its
meetings, its requests and its completion.

The program is looked up in the user's view scope (``PersonalizedProgram.objects.for_user``,
through ``core.views.ScopedFormView``): outside it — 404. Inside it, :meth:`allowed` over the
user's ``program_roles`` decides (403 otherwise); the service called by ``perform`` keeps the
rules, and its ``ValidationError`` comes back on the form.
"""

from __future__ import annotations

from django.http import Http404

from nastavnik.core.views import ScopedFormView
from nastavnik.mentoring.models import PersonalizedProgram
from nastavnik.mentoring.selectors.participants import ProgramRoles, program_roles


class ProgramFormView(ScopedFormView):
    """A form about one program; ``self.object`` is the program, ``self.roles`` the user's roles
    in it. ``pk`` in the URL is the program's, unless :meth:`get_target` reads another row (an
    activity, a meeting, a request) whose program it returns; that row is ``self.target``.

    After ``perform`` the user is sent to the program page at ``#anchor``.
    """

    model = PersonalizedProgram
    scope_action = "view"
    forbidden_message = "Нет прав на это действие."
    anchor = ""
    title = ""
    roles = ProgramRoles()
    target = None

    def allowed(self, roles: ProgramRoles) -> bool:
        """Whether the user with ``roles`` may use the page: the program's manager by default."""
        return roles.manager

    def get_target(self):
        """The row named by the URL and its program: ``(program, row)``; 404 outside the scope."""
        program = super().get_object()
        return program, None

    def get_object(self):
        program, self.target = self.get_target()
        self.roles = program_roles(self.request.user, program)
        return program

    def action_refusal(self, program) -> str:
        """``forbidden_message`` unless :meth:`allowed` (``core.views.ScopedFormView`` answers
        403 with it)."""
        return "" if self.allowed(self.roles) else self.forbidden_message

    def target_or_404(self, queryset, program_field: str = "program"):
        """The row of ``queryset`` named by the URL's ``pk`` whose program is in the user's view
        scope; 404 otherwise (a missing row and a foreign one look the same)."""
        try:
            return queryset.filter(**{f"{program_field}__in": self.get_queryset()}).get(pk=self.kwargs["pk"])
        except (queryset.model.DoesNotExist, ValueError, TypeError):
            raise Http404("Объект не найден или недоступен.") from None

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs.pop("user", None)
        kwargs.pop("instance", None)
        return kwargs

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(program=self.object, title=self.title, back_url=self.back_url())
        return context

    def back_url(self) -> str:
        url = self.object.get_absolute_url()
        return f"{url}#{self.anchor}" if self.anchor else url

    def get_success_url(self):
        return self.back_url()

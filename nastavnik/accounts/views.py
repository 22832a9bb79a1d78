"""The user's own account: profile, password change and reset (Django's views), the invitation
link, the list of signed-in sessions, the tokens of the REST API."""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth import views as auth_views
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse, reverse_lazy
from django.views import View
from django.views.generic import TemplateView

from nastavnik.accounts import forms, selectors, services, tokens


class ProfileView(LoginRequiredMixin, TemplateView):
    """«Профиль»: the user's name, login, e-mail and roles, with links to the password change
    and the sessions."""

    template_name = "accounts/profile.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        context["person"] = getattr(user, "person", None)
        context["roles"] = selectors.user_roles(user)
        context["sessions_count"] = selectors.sessions_active(user=user).count()
        context["api_tokens"] = tokens.api_tokens(user)
        return context


class PasswordChangeView(auth_views.PasswordChangeView):
    """The owner changes their password (current one, then the new one twice). The session
    stays signed in; every other session of the user is ended."""

    form_class = forms.PasswordChangeForm
    template_name = "registration/password_change_form.html"
    success_url = reverse_lazy("accounts:password_change_done")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["forced"] = bool(self.request.session.get(services.MUST_CHANGE_KEY))
        return context

    def form_valid(self, form):
        old_key = self.request.session.session_key
        response = super().form_valid(form)  # saves, keeps this session signed in (new key)
        new_key = self.request.session.session_key
        services.session_rekeyed(old_key=old_key, new_key=new_key)
        services.password_set_by_owner(user=form.user, request=self.request)
        ended = services.sessions_end(user=form.user, keep=new_key)
        if ended:
            messages.info(self.request, f"Другие сеансы завершены: {ended}.")
        return response


class PasswordChangeDoneView(auth_views.PasswordChangeDoneView):
    template_name = "registration/password_change_done.html"


class PasswordResetView(auth_views.PasswordResetView):
    """«Забыли пароль?»: the address of the account; a letter with a link goes to it."""

    form_class = forms.PasswordResetForm
    template_name = "registration/password_reset_form.html"
    success_url = reverse_lazy("accounts:password_reset_done")

    def form_valid(self, form):
        self.extra_email_context = {"site": services.base_url(self.request)}
        return super().form_valid(form)


class PasswordResetDoneView(auth_views.PasswordResetDoneView):
    template_name = "registration/password_reset_done.html"


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    """The link of the reset letter: a new password twice. Every session of the account ends
    and a lockout after failed logins is lifted."""

    form_class = forms.SetPasswordForm
    template_name = "registration/password_reset_confirm.html"
    success_url = reverse_lazy("accounts:password_reset_complete")

    def form_valid(self, form):
        response = super().form_valid(form)
        services.password_set_by_owner(user=form.user)
        services.sessions_end(user=form.user)
        return response


class PasswordResetCompleteView(auth_views.PasswordResetCompleteView):
    template_name = "registration/password_reset_complete.html"


class InvitationView(auth_views.PasswordResetConfirmView):
    """The link of the invitation letter (an account created by a role assignment): the
    person sets their password and is signed in. The link works until the password is set."""

    form_class = forms.SetPasswordForm
    template_name = "registration/invitation_confirm.html"
    token_generator = services.invitation_tokens
    post_reset_login = True
    post_reset_login_backend = "django.contrib.auth.backends.ModelBackend"
    success_url = reverse_lazy("core:home")

    def form_valid(self, form):
        response = super().form_valid(form)
        services.password_set_by_owner(user=form.user, request=self.request)
        messages.success(self.request, "Пароль задан. Добро пожаловать в систему «Наставник»!")
        return response


class SessionListView(LoginRequiredMixin, TemplateView):
    """The user's signed-in sessions: browser and system, address, sign-in and last activity;
    the current one marked."""

    template_name = "accounts/session_list.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["sessions"] = selectors.sessions_described(
            user=self.request.user, current=self.request.session.session_key
        )
        context["idle"] = timedelta(seconds=settings.SESSION_COOKIE_AGE)
        return context


class SessionEndView(LoginRequiredMixin, View):
    """POST: end sessions of the user. ``which`` = ``others`` (every session but this one),
    ``all`` (every session, this one too: back to the login page) or a session's number in
    the list (one of the user's own; another user's is 404)."""

    def post(self, request, which: str):
        user, current = request.user, request.session.session_key
        if which == "others":
            ended = services.sessions_end(user=user, keep=current)
            messages.success(
                request, f"Другие сеансы завершены: {ended}." if ended else "Других сеансов нет."
            )
            return redirect("accounts:sessions")
        if which == "all":
            services.sessions_end(user=user, keep=current)
            logout(request)
            messages.success(request, "Вы вышли на всех устройствах.")
            return redirect("login")
        record = selectors.session_of(user=user, pk=which)
        if record is None:
            raise Http404("Такого сеанса нет.")
        if record.session_key == current:
            logout(request)
            return redirect("login")
        services.sessions_end(user=user, only=record.session_key)
        messages.success(request, "Сеанс завершён.")
        return redirect("accounts:sessions")


class ApiTokenCreateView(LoginRequiredMixin, View):
    """POST: make a token of the REST API for the user (``accounts.tokens.api_token_create``)
    and show it once, in full, with the warning to copy it now: it is not kept and this page is
    not cached. Over the limit: back to the profile with the reason."""

    def post(self, request):
        try:
            row, token = tokens.api_token_create(user=request.user)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
            return redirect("accounts:profile")
        return render(request, "accounts/api_token_created.html", {"token": token, "row": row})


class ApiTokenRevokeView(LoginRequiredMixin, View):
    """POST: revoke the user's tokens of the REST API — ``which`` = ``all``, or the first
    characters of one of the user's own tokens (another's, or an unknown one, is 404)."""

    def post(self, request, which: str):
        if which == "all":
            revoked = tokens.api_tokens_revoke_all(user=request.user)
            messages.success(
                request, f"Отозвано токенов: {revoked}." if revoked else "Действующих токенов нет."
            )
        elif tokens.api_token_revoke(user=request.user, token_key=which):
            messages.success(request, "Токен отозван: запросы с ним больше не принимаются.")
        else:
            raise Http404("Такого токена нет.")
        return redirect(reverse("accounts:profile") + "#api-tokens")

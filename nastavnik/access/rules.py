"""The one answer to «may this user do this»: every right of every role is a row of
``access.choices.PERMISSIONS`` (``view``/``add``/``change`` and the workflow steps: ``approve``,
``return``, ``submit``, ``withdraw``, ``reopen``, ``report``, ``comment``, ``confirm``), narrowed
to objects by the model's ``scope_filter(scope, action)``. Views, services, exports, downloads and
background jobs all ask :func:`has_perm` (or ``Model.objects.for_user(user, action)`` for many rows)
and a service acting for a user calls :func:`require_perm` (seed 000 §4, 001 §4.4).
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied

#: The refusal when nothing more precise is said.
DEFAULT_REFUSAL = "Нет прав на это действие."


def _active(user) -> bool:
    return user is not None and getattr(user, "is_authenticated", False) and user.is_active


def has_perm(user, model: str, action: str, obj=None) -> bool:
    """Whether ``user`` may do ``action`` on ``model`` (a key of ``PERMISSIONS``).

    Without ``obj``: whether they hold a role granting it somewhere (a page that lists or
    creates). With ``obj``: whether that row is among ``obj``'s model ``for_user(user, action)``
    when the model is scoped by ``model`` (its ``scope_filter`` narrows by level and by relation);
    for an organization unit and a right over another model («the bank of this organization»),
    whether the unit lies in the subtree of such a grant. Anonymous and inactive users: never;
    superusers: always.
    """
    from nastavnik.access.scope import get_scope

    if not _active(user):
        return False
    if user.is_superuser:
        return True
    scope = get_scope(user)
    if obj is None:
        return bool(scope.paths(model, action))
    manager = type(obj)._default_manager
    if getattr(manager.all(), "scope_model", "") == model:
        return manager.for_user(user, action).filter(pk=obj.pk).exists()
    path = getattr(obj, "path", None)
    if path is None:
        raise TypeError(f"{type(obj).__name__} is not scoped by «{model}»")
    return any(path.startswith(p) for p in scope.paths(model, action))


def require_perm(user, model: str, action: str, obj=None, *, message: str = "") -> None:
    """Raise ``PermissionDenied(message)`` (in Russian) unless :func:`has_perm` allows it.

    ``user=None`` is the system itself (the demo, a migration, a management command acting for
    nobody) and is allowed: a service acting for a person always passes that person.
    """
    if user is None:
        return
    if not has_perm(user, model, action, obj):
        raise PermissionDenied(message or DEFAULT_REFUSAL)

"""Type-ahead chooser of the journal's «Пользователь» filter (``core.autocomplete``; issue 16):
everyone who acted in the entries the user sees — thousands of accounts for a region's
operator."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.db.models import Q

from nastavnik.audit.display import ActorNamer
from nastavnik.audit.models import AuditEvent
from nastavnik.core.autocomplete import Chooser, register_chooser
from nastavnik.core.search import startswith_q
from nastavnik.people.consent import consented_q


def journal_actors(user):
    """Accounts that acted in the entries of the journal ``user`` sees
    (``AuditEvent.objects.for_user(user)``, the list's rows)."""
    visible = AuditEvent.objects.for_user(user).order_by()
    return get_user_model().objects.filter(pk__in=visible.values("actor_id"))


def _search_for(viewer):
    """Accounts whose person's (else the account's) surname, name and patronymic start with the
    words typed; a viewer who may not see the names of people without a consent to personal-data
    processing (``ActorNamer``) does not find them by name either (152-ФЗ art. 9)."""
    exempt = ActorNamer(viewer).exempt

    def search(queryset, term: str):
        person = account = None
        fields = zip(term.split(), ("last_name", "first_name", "middle_name"), strict=False)
        for word, field in fields:
            by_person = startswith_q(f"person__{field}", word)
            person = by_person if person is None else person & by_person
            if field != "middle_name":
                by_account = startswith_q(field, word)
                account = by_account if account is None else account & by_account
        if person is None:
            return queryset
        if not exempt:
            person &= consented_q("person__pk")
        condition = person | ((account or Q(pk__in=[])) & Q(person__isnull=True))
        return queryset.filter(condition)

    return search


def _label_for(viewer):
    return ActorNamer(viewer).user


JOURNAL_ACTORS = register_chooser(
    Chooser(
        kind="journal-actors",
        rows=journal_actors,
        search=lambda queryset, term: queryset.none(),  # ``search_for`` answers, per viewer
        label_for=_label_for,
        search_for=_search_for,
        order=("person__last_name", "person__first_name", "last_name", "first_name", "pk"),
        prepare=lambda queryset: queryset.select_related("person"),
        placeholder="Начните вводить фамилию…",
    )
)

"""The journal page «Журнал действий» (``/audit/``): read-only, filtered, paginated, exported to
XLSX (the export itself is recorded like every other)."""

from __future__ import annotations

from nastavnik.audit.choices import EventKind
from nastavnik.audit.display import ActorNamer, access_details, change_rows, object_kind, related_names
from nastavnik.audit.filtersets import AuditEventFilterSet
from nastavnik.audit.models import AuditEvent
from nastavnik.core.views import RightRequiredMixin, ScopedListView


def _changes_text(event, names: dict | None = None) -> str:
    rows = change_rows(event, names)
    if rows:
        return "; ".join(row.text for row in rows)
    return access_details(event)


class AuditEventListView(RightRequiredMixin, ScopedListView):
    """Entries of the user's scope (``AuditEvent.scope_filter``): the head's organization, the
    coordinator's municipality, the operator's region; 403 for everyone else. Only GET: the
    journal is never changed through the interface."""

    model = AuditEvent
    filterset_class = AuditEventFilterSet
    template_name = "audit/event_list.html"
    required_right = ("auditevent", "view")
    forbidden_message = (
        "Журнал действий доступен руководителю организации, муниципальному координатору и "
        "региональному оператору."
    )
    http_method_names = ["get", "head"]
    export_filename = "zhurnal-deystviy"
    export_sheet_title = "Журнал действий"

    @property
    def export_columns(self) -> list:
        return [
            ("Время", "timestamp"),
            ("Пользователь", self.actor_name),
            ("Адрес", "remote_addr"),
            ("Действие", "get_kind_display"),
            ("Вид объекта", object_kind),
            ("Объект", "object_repr"),
            ("Организационная единица", "org_unit"),
            ("Изменения", lambda event: _changes_text(event, self.names)),
        ]

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.actor_name = ActorNamer(request.user) if request.user.is_authenticated else None
        self.names: dict = {}  # objects named in the diffs, read once per request

    def base_queryset(self):
        return AuditEvent.objects.select_related("actor__person", "content_type", "org_unit").order_by(
            "-timestamp", "-pk"
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        names = related_names(context["object_list"])
        context["rows"] = [
            {
                "event": event,
                "actor": self.actor_name(event),
                "kind": object_kind(event),
                "created": event.kind == EventKind.CREATE,
                "changes": change_rows(event, names),
                "details": access_details(event),
            }
            for event in context["object_list"]
        ]
        return context

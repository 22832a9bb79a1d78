"""The journal in the administration: view only (no adding, changing or deleting an entry)."""

from django.contrib import admin

from nastavnik.audit.display import DELETED_ACCOUNT, access_details, change_rows, object_kind
from nastavnik.audit.models import AuditEvent
from nastavnik.audit.subjects import user_name

# auditlog registers its own admin for the entry model (English labels); ours replaces it.
if admin.site.is_registered(AuditEvent):
    admin.site.unregister(AuditEvent)


@admin.register(AuditEvent)
class AuditEventAdmin(admin.ModelAdmin):
    """Read-only: every permission but «view» is refused, for superusers too."""

    list_display = ["timestamp", "actor_name", "remote_addr", "kind_name", "kind_of_object", "object_repr"]
    list_filter = ["action", "access_kind", "content_type"]
    search_fields = ["object_repr", "actor__last_name", "actor__person__last_name"]
    date_hierarchy = "timestamp"
    list_select_related = ["actor__person", "content_type", "org_unit"]
    fields = [
        "timestamp",
        "actor_name",
        "remote_addr",
        "kind_name",
        "kind_of_object",
        "object_repr",
        "org_unit",
        "changes_text_ru",
    ]
    readonly_fields = fields

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.display(description="пользователь")
    def actor_name(self, obj):
        if obj.actor is None and obj.actor_id is not None:
            return DELETED_ACCOUNT
        return user_name(obj.actor)

    @admin.display(description="действие")
    def kind_name(self, obj):
        return obj.get_kind_display()

    @admin.display(description="вид объекта")
    def kind_of_object(self, obj):
        return object_kind(obj)

    @admin.display(description="изменения")
    def changes_text_ru(self, obj):
        rows = change_rows(obj)
        if rows:
            return "; ".join(row.text for row in rows)
        return access_details(obj) or "—"

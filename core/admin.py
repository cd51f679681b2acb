from django.contrib import admin

from core import audit
from core.models import AuditEntry, Job


class ReadOnlyAdmin(admin.ModelAdmin):
    """For records that change only through their own service (or never): the admin shows, never edits."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(AuditEntry)
class AuditEntryAdmin(ReadOnlyAdmin):
    list_display = ["at", "actor_label", "action", "target_type", "target_id", "summary"]
    list_filter = ["action", "target_type"]
    search_fields = ["actor_label", "target_id", "summary"]
    date_hierarchy = "at"


class AuditedAdmin(admin.ModelAdmin):
    """Admin edits leave the same audit trail as service calls."""

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        action = f"{obj._meta.label_lower}.{'change' if change else 'create'}"
        audit.record(actor=request.user, action=action, target=obj, changes={"fields": sorted(form.changed_data)})

    def delete_model(self, request, obj):
        audit.record(actor=request.user, action=f"{obj._meta.label_lower}.delete", target=obj, summary=str(obj))
        super().delete_model(request, obj)


@admin.register(Job)
class JobAdmin(admin.ModelAdmin):
    """Background jobs as administrators follow them: state, progress, outcome."""

    list_display = ["created_at", "kind", "input_name", "state", "progress_done", "progress_total", "created_by"]
    list_filter = ["state", "kind"]
    readonly_fields = [field.name for field in Job._meta.fields]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

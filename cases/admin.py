from django.contrib import admin

from cases.models import Case, CaseEvent
from core.admin import ReadOnlyAdmin


@admin.register(Case)
class CaseAdmin(ReadOnlyAdmin):
    """Read-only: cases change only through their steps (`cases.states.transition`), never by editing rows."""

    list_display = ["__str__", "state", "region", "next_due_on", "assigned_to"]
    list_filter = ["state", "origin"]
    search_fields = ["register_number", "reported_name", "reported_nip"]


@admin.register(CaseEvent)
class CaseEventAdmin(ReadOnlyAdmin):
    list_display = ["case", "at", "actor_label", "from_state", "to_state"]
    list_filter = ["to_state"]
    search_fields = ["case__register_number", "actor_label"]

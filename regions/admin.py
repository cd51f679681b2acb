from django.contrib import admin

from regions.models import Region


@admin.register(Region)
class RegionAdmin(admin.ModelAdmin):
    """Read-only: regions change only through `load_regions`, which writes the audit log.

    Other admins use it for `autocomplete_fields`, which needs `search_fields` and the view permission.
    """

    list_display = ("code", "name", "level", "parent")
    list_filter = ("level",)
    search_fields = ("^code", "name")
    list_select_related = ("parent",)
    show_full_result_count = False  # avoids a second COUNT over ~90k rows on every filtered page
    list_per_page = 100
    fields = ("code", "name", "level", "parent")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin
from django.utils.translation import gettext_lazy as _

from accounts import services
from accounts.models import User
from core import audit


@admin.register(User)
class SinetraUserAdmin(UserAdmin):
    list_display = ["username", "get_full_name", "role", "scope_region", "agency", "is_active", "last_login"]
    list_filter = ["role", "is_active", "is_demo"]
    search_fields = ["username", "first_name", "last_name", "email"]
    autocomplete_fields = ["scope_region", "agency", "asn"]
    fieldsets = [
        *UserAdmin.fieldsets,
        (_("Peran dan wilayah tugas"), {"fields": ["role", "scope_region", "agency", "asn", "is_demo"]}),
    ]
    add_fieldsets = [
        *UserAdmin.add_fieldsets,
        (_("Peran dan wilayah tugas"), {"fields": ["role", "scope_region", "agency", "asn"]}),
    ]
    actions = ["reset_two_factor"]

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        audit.record(
            actor=request.user,
            action="accounts.change_user" if change else "accounts.create_user",
            target=obj,
            summary=obj.username,
            changes={"fields": sorted(form.changed_data)},
        )

    @admin.action(description=_("Atur ulang autentikasi dua langkah (ponsel hilang)"))
    def reset_two_factor(self, request, queryset):
        for user in queryset:
            services.reset_two_factor(actor=request.user, user=user, reason="admin")
        messages.success(request, _("Pengguna terpilih akan mendaftarkan autentikator baru saat masuk."))

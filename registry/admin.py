from django.contrib import admin

from core.admin import AuditedAdmin
from registry.models import ASN, Agency, SocialAccount


@admin.register(Agency)
class AgencyAdmin(AuditedAdmin):
    list_display = ["code", "name", "level", "region"]
    list_filter = ["level"]
    search_fields = ["code", "name"]
    autocomplete_fields = ["region"]


class SocialAccountInline(admin.TabularInline):
    model = SocialAccount
    extra = 0


@admin.register(ASN)
class ASNAdmin(AuditedAdmin):
    list_display = ["nip", "name", "status", "position", "agency", "region", "is_active"]
    list_filter = ["status", "position_kind", "is_active"]
    search_fields = ["nip", "name"]
    autocomplete_fields = ["agency", "region"]
    list_select_related = ["agency", "region"]
    inlines = [SocialAccountInline]
    show_full_result_count = False  # COUNT(*) over millions of rows on every page is wasted work

from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _

from core.admin import ReadOnlyAdmin
from patrol import services
from patrol.models import CollectorKey, Finding, FindingPost, StanceModelVersion


@admin.register(Finding)
class FindingAdmin(ReadOnlyAdmin):
    """Read-only: findings are decided on their review page (`patrol.services`), never edited as rows."""

    list_display = ["__str__", "status", "score", "region", "day", "last_seen_at"]
    list_filter = ["status", "act"]
    search_fields = ["key", "nip", "author_handle", "author_name"]


@admin.register(FindingPost)
class FindingPostAdmin(ReadOnlyAdmin):
    list_display = ["__str__", "finding", "kind", "posted_at", "raw_sha256"]
    search_fields = ["post_id", "raw_sha256"]


@admin.register(StanceModelVersion)
class StanceModelVersionAdmin(ReadOnlyAdmin):
    list_display = ["__str__", "examples", "is_active", "created_by"]
    exclude = ["blob"]


@admin.register(CollectorKey)
class CollectorKeyAdmin(admin.ModelAdmin):
    """Adding a key creates it through the service and shows its secret once; keys are revoked, never edited."""

    list_display = ["name", "created_at", "created_by", "last_used_at", "revoked_at"]
    fields = ["name"]
    actions = ["revoke"]

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def save_model(self, request, obj, form, change):
        key, secret = services.create_collector_key(actor=request.user, name=form.cleaned_data["name"])
        obj.pk = key.pk
        messages.warning(request, _("Rahasia kolektor (hanya ditampilkan sekali, simpan sekarang): %(secret)s")
                         % {"secret": secret})  # fmt: skip

    @admin.action(description=_("Cabut kunci yang dipilih"))
    def revoke(self, request, queryset):
        for key in queryset:
            services.revoke_collector_key(key, actor=request.user)

"""Admin screen of the catalogue. Edits leave an audit row; the shipped table is acts/data/acts.toml."""

from django.contrib import admin
from django.db import models

from acts.models import Act
from core.admin import AuditedAdmin


@admin.register(Act)
class ActAdmin(AuditedAdmin):
    list_display = ["code", "track", "level", "public_title"]
    list_filter = ["track", "level", "in_public_form"]
    search_fields = ["code", "title", "public_title", "explanation"]
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    fields = [
        "code",
        "track",
        "level",
        "title",
        "public_title",
        "explanation",
        "examples",
        "legal_basis",
        "counterpart",
        "in_public_form",
        "position",
        "source",
    ]

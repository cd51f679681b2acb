"""Admin screens for elections data, and the candidate import page. Every admin write leaves an audit row."""

from django import forms
from django.conf import settings
from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.db import models, transaction
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _

from core import audit
from core.admin import AuditedAdmin
from core.forms import TabularFileField
from core.tabular import TabularError
from elections.importing import import_candidates
from elections.models import CampaignAccount, Candidate, Contest, Election, Party, Stage


class ElectionsAdmin(AuditedAdmin):
    """Adds audit rows for what the shared AuditedAdmin does not see: inline rows and bulk deletes."""

    def save_formset(self, request, form, formset, change):
        super().save_formset(request, form, formset, change)
        model = formset.model._meta.label_lower
        for obj in formset.new_objects:
            audit.record(actor=request.user, action=f"{model}.create", target=obj, summary=str(obj))
        for obj, fields in formset.changed_objects:
            audit.record(actor=request.user, action=f"{model}.change", target=obj, changes={"fields": sorted(fields)})
        for obj in formset.deleted_objects:
            audit.record(actor=request.user, action=f"{model}.delete", summary=str(obj))

    def delete_queryset(self, request, queryset):
        with transaction.atomic():
            for obj in queryset:
                audit.record(actor=request.user, action=f"{obj._meta.label_lower}.delete", target=obj, summary=str(obj))
            super().delete_queryset(request, queryset)


class StageInline(admin.TabularInline):
    model = Stage
    extra = 0
    fields = ["kind", "name", "start", "end", "source"]
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}


class PartyInline(admin.TabularInline):
    model = Party
    extra = 0
    fields = ["ballot_number", "abbreviation", "name", "is_local"]


@admin.register(Election)
class ElectionAdmin(ElectionsAdmin):
    list_display = ["name", "slug", "kind", "voting_day", "legal_basis"]
    list_filter = ["kind"]
    search_fields = ["name", "slug"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [StageInline, PartyInline]


@admin.register(Party)
class PartyAdmin(ElectionsAdmin):
    """Registered for the candidates' party autocomplete; parties are normally edited inline in the election."""

    list_display = ["abbreviation", "name", "ballot_number", "election", "is_local"]
    list_filter = ["election", "is_local"]
    search_fields = ["abbreviation", "name"]
    list_select_related = ["election"]


class CandidateInline(admin.TabularInline):
    model = Candidate
    extra = 0
    fields = ["ballot_number", "name", "running_mate", "acronym", "is_independent"]
    show_change_link = True


@admin.register(Contest)
class ContestAdmin(ElectionsAdmin):
    list_display = ["title", "region_code", "determination_date", "election"]
    list_filter = ["election", "office"]
    search_fields = ["region__name", "=region__code"]
    list_select_related = ["election", "region"]
    autocomplete_fields = ["region"]
    inlines = [CandidateInline]

    @admin.display(description=_("kontestasi"), ordering="office")
    def title(self, contest):
        office = contest.get_office_display()
        return f"{office} {contest.region.name}" if contest.region_id else office

    @admin.display(description=_("kode wilayah"), ordering="region__code")
    def region_code(self, contest):
        return contest.region_id or "—"


class CampaignAccountInline(admin.TabularInline):
    model = CampaignAccount
    extra = 1
    fields = ["platform", "handle", "kind"]


class CandidateImportForm(forms.Form):
    file = TabularFileField(
        label=_("Berkas CSV atau XLSX"),
        help_text=_("Kolom dan contoh: elections/data/README.md dan contoh_impor_calon.csv."),
    )
    election = forms.ModelChoiceField(
        Election.objects.all(),
        required=False,
        label=_("Pemilihan"),
        help_text=_("Kosongkan bila berkas memuat kolom pemilihan."),
    )


@admin.register(Candidate)
class CandidateAdmin(ElectionsAdmin):
    list_display = ["contest", "ballot_number", "name", "running_mate", "is_independent"]
    list_filter = ["contest__election", "contest__office", "is_independent"]
    search_fields = ["name", "running_mate", "acronym", "contest__region__name"]
    list_select_related = ["contest__election", "contest__region"]
    autocomplete_fields = ["contest", "parties"]
    inlines = [CampaignAccountInline]
    change_list_template = "elections/admin_candidate_changelist.html"

    def get_urls(self):
        import_view = self.admin_site.admin_view(self.import_view)
        return [path("impor/", import_view, name="elections_candidate_import"), *super().get_urls()]

    def import_view(self, request):
        """Upload a candidate file, run `import_candidates` as the signed-in user and show the report."""
        if not self.has_add_permission(request):
            raise PermissionDenied
        form = CandidateImportForm(request.POST or None, request.FILES or None)
        report = None
        if request.method == "POST" and form.is_valid():
            upload = form.cleaned_data["file"]
            try:
                report = import_candidates(
                    upload.file, file_name=upload.name, actor=request.user, election=form.cleaned_data["election"]
                )
            except TabularError as error:
                form.add_error("file", str(error))
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": _("Impor calon dari CSV/XLSX"),
            "form": form,
            "report": report,
            "changelist_url": reverse("admin:elections_candidate_changelist"),
            "max_upload": settings.IMPORT_MAX_UPLOAD_BYTES,
        }
        return TemplateResponse(request, "elections/admin_import_candidates.html", context)

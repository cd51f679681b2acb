"""Forms of the patrol review: the queue's filters and the two decisions."""

from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from accounts import rules
from core.forms import AccessibleForm
from patrol.models import FindingStatus, RejectReason
from patrol.selectors import FindingFilters
from regions.models import Level, Region


class FindingFilterForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), required=False,
                               choices=[("", _("Semua")), *FindingStatus.choices])  # fmt: skip
    act = forms.CharField(label=_("Kode pelanggaran"), required=False, max_length=10)
    region = forms.CharField(label=_("Kode wilayah"), required=False, max_length=13)
    min_score = forms.FloatField(label=_("Skor minimal"), required=False, min_value=0, max_value=1)

    def filters(self) -> FindingFilters:
        """The filters chosen; without a valid form, the new findings (the work to do)."""
        if not self.is_bound:
            return FindingFilters()
        data = self.cleaned_data if self.is_valid() else {}
        return FindingFilters(status=data.get("status", ""), act=data.get("act", "").upper(),
                              region=data.get("region", ""), min_score=data.get("min_score"))  # fmt: skip


class ConfirmForm(AccessibleForm):
    """Confirming opens a case; a finding without the ASN's work region needs the place chosen here."""

    region = forms.ModelChoiceField(
        label=_("Wilayah kejadian"), queryset=Region.objects.none(), required=False,
        help_text=_("Wilayah kerja ASN belum diketahui: pilih kabupaten/kota."),
    )  # fmt: skip
    note = forms.CharField(label=_("Catatan"), required=False, max_length=2000,
                           widget=forms.Textarea(attrs={"rows": 2}))  # fmt: skip

    def __init__(self, *args, user, finding, **kwargs):
        super().__init__(*args, prefix="confirm", **kwargs)
        if finding.region_id:
            del self.fields["region"]
            return
        regions = Region.objects.filter(level__in=[Level.PROVINCE, Level.REGENCY])
        if not rules.sees_whole_country(user):
            scope = user.scope_region_id
            regions = regions.filter(Q(code=scope) | Q(code__startswith=f"{scope}."))
        self.fields["region"].queryset = regions.order_by("code")
        self.fields["region"].required = True


class RejectForm(AccessibleForm):
    reason = forms.ChoiceField(label=_("Alasan penolakan"), choices=RejectReason.choices)
    note = forms.CharField(label=_("Catatan"), required=False, max_length=2000,
                           widget=forms.Textarea(attrs={"rows": 2}),
                           help_text=_("Wajib untuk alasan “Lainnya”."))  # fmt: skip

    def __init__(self, *args, **kwargs):
        super().__init__(*args, prefix="reject", **kwargs)

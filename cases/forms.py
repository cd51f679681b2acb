"""Forms of case handling: a step's data (built from `cases.states.STEPS`), findings, filters, comments."""

from django import forms
from django.utils.translation import gettext_lazy as _

from cases.choices import CaseState, Penalty
from cases.states import FIELDS, step
from core.forms import AccessibleForm
from elections.models import Election


class StepForm(AccessibleForm):
    """The data one step needs, plus the reason; `version` guards against concurrent changes."""

    to = forms.ChoiceField(choices=CaseState.choices, widget=forms.HiddenInput)
    version = forms.IntegerField(widget=forms.HiddenInput)
    reason = forms.CharField(label=_("Alasan/keterangan"), required=False, max_length=2000,
                             widget=forms.Textarea(attrs={"rows": 2}))  # fmt: skip

    def __init__(self, *args, current: str, to: str, **kwargs):
        super().__init__(*args, **kwargs)
        allowed = step(current, to)
        for name in allowed.needs if allowed else ():
            self.fields[name] = _field(name)
        if allowed and allowed.needs_reason:
            self.fields["reason"].required = True

    def step_data(self) -> dict:
        return {name: self.cleaned_data[name] for name in self.fields if name in FIELDS}


def _field(name: str) -> forms.Field:
    spec = FIELDS[name]
    if spec.kind == "date":
        return forms.DateField(label=spec.label, widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"))
    if spec.kind == "choice":
        return forms.ChoiceField(label=spec.label, choices=spec.choices)
    if spec.kind == "penalty":
        return forms.ChoiceField(label=spec.label, choices=Penalty.choices)
    return forms.CharField(label=spec.label, max_length=5000, widget=forms.Textarea(attrs={"rows": 3}))


class FindingForm(AccessibleForm):
    election = forms.ModelChoiceField(label=_("Pemilihan"), queryset=Election.objects.order_by("-voting_day"))
    region = forms.CharField(label=_("Kode wilayah kejadian"), max_length=13,
                             help_text=_("Kabupaten/kota atau di bawahnya, mis. 18.71"))  # fmt: skip
    occurred_on = forms.DateField(label=_("Tanggal kejadian"),
                                  widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"))  # fmt: skip
    reported_name = forms.CharField(label=_("Nama terlapor"), max_length=200)
    reported_agency_name = forms.CharField(label=_("Instansi terlapor"), max_length=200, required=False)
    summary = forms.CharField(label=_("Uraian temuan"), max_length=5000, widget=forms.Textarea(attrs={"rows": 5}))


class CaseFilterForm(forms.Form):
    q = forms.CharField(label=_("Cari"), required=False, max_length=100)
    state = forms.ChoiceField(label=_("Status"), required=False, choices=[("", _("Semua")), *CaseState.choices])
    region = forms.CharField(label=_("Kode wilayah"), required=False, max_length=13)
    mine = forms.BooleanField(label=_("Tugas saya"), required=False)
    overdue = forms.BooleanField(label=_("Lewat batas waktu"), required=False)
    closed = forms.BooleanField(label=_("Termasuk yang ditutup"), required=False)


class CommentForm(forms.Form):
    text = forms.CharField(label=_("Catatan internal"), max_length=5000, widget=forms.Textarea(attrs={"rows": 2}))

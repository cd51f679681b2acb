from django import forms
from django.utils.translation import gettext_lazy as _

from core.forms import TabularFileField


class ASNSearchForm(forms.Form):
    q = forms.CharField(
        label=_("Nama atau NIP"), required=False, max_length=100, widget=forms.TextInput(attrs={"type": "search"})
    )
    agency = forms.CharField(label=_("Kode instansi"), required=False, max_length=32)
    region = forms.RegexField(
        label=_("Kode wilayah"),
        required=False,
        regex=r"^\d{2}(\.\d{2})?$",
        error_messages={"invalid": _("Kode wilayah ditulis seperti 18 atau 18.71.")},
    )


class ImportForm(forms.Form):
    file = TabularFileField(
        label=_("Berkas daftar pegawai (CSV atau XLSX)"),
        help_text=_("Satu baris per ASN. Kolom wajib: nip, nama, status, kode_instansi, kode_wilayah."),
    )

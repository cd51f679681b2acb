from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _


class LoginForm(AuthenticationForm):
    error_messages = {
        "invalid_login": _("Nama pengguna atau kata sandi salah. Perhatikan huruf besar dan kecil."),
        "inactive": _("Akun ini tidak aktif."),
    }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["username"].label = _("Nama pengguna")
        self.fields["password"].label = _("Kata sandi")


class TokenForm(forms.Form):
    token = forms.RegexField(
        label=_("Kode enam angka"),
        regex=r"^\s*\d{6}\s*$",
        error_messages={"invalid": _("Masukkan enam angka dari aplikasi autentikator.")},
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "autofocus": True}),
        help_text=_("Lihat aplikasi autentikator di ponsel Anda (mis. Google Authenticator, Aegis, FreeOTP)."),
    )

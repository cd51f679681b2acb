"""Staff login in two steps: password (with lockout by django-axes), then a TOTP code."""

import base64

import segno
from django.contrib import messages
from django.contrib.auth import login, logout
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.translation import gettext as _
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_POST
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts import rules, services
from accounts.forms import LoginForm, TokenForm


def _next_url(request) -> str:
    candidate = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(candidate, {request.get_host()}, require_https=request.is_secure()):
        return candidate
    return "/"


@sensitive_post_parameters("password")
def login_view(request):
    if rules.is_verified(request.user):
        return redirect(_next_url(request))
    form = LoginForm(request, data=request.POST or None)
    if request.method == "POST" and form.is_valid():
        login(request, form.get_user())
        if rules.needs_two_factor(request.user):
            return redirect(f"{reverse('accounts:otp')}?{urlencode({'next': _next_url(request)})}")
        return redirect(_next_url(request))
    return render(request, "accounts/login.html", {"form": form, "next": _next_url(request)})


def otp_view(request):
    """Second step: check the code of a confirmed authenticator, or enrol one on first login."""
    user = request.user
    if not user.is_authenticated:
        return redirect("accounts:login")
    if rules.is_verified(user):
        return redirect(_next_url(request))
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    enrolling = device is None
    if enrolling:
        device = services.pending_totp_device(user)
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        allowed, _throttle = device.verify_is_allowed()
        if not allowed:
            form.add_error("token", _("Terlalu banyak kode salah. Tunggu sebentar lalu coba lagi."))
        elif device.verify_token(form.cleaned_data["token"].strip()):
            if enrolling:
                services.confirm_totp_device(actor=user, device=device)
                messages.success(request, _("Autentikasi dua langkah aktif untuk akun Anda."))
            otp_login(request, device)
            return redirect(_next_url(request))
        else:
            form.add_error("token", _("Kode salah atau kedaluwarsa. Coba kode yang sedang tampil."))
    context = {"form": form, "next": _next_url(request), "enrolling": enrolling}
    if enrolling:
        qr = segno.make(device.config_url, error="m")
        context["qr_data_uri"] = (
            "data:image/svg+xml;base64," + base64.b64encode(qr.svg_inline(scale=5).encode()).decode()
        )
        context["secret"] = services.totp_secret(device)
    return render(request, "accounts/otp.html", context)


@require_POST
def logout_view(request):
    logout(request)
    messages.success(request, _("Anda telah keluar."))
    return redirect("core:home")

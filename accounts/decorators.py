from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect

from accounts import rules


def staff_required(view):
    """The view is for staff who completed login (password and, where required, the TOTP code)."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        user = request.user
        if not user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not rules.is_staff_member(user):
            raise PermissionDenied
        if not rules.is_verified(user):
            return redirect("accounts:otp")
        return view(request, *args, **kwargs)

    return wrapped

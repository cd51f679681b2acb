"""Actions on user accounts. Each writes its audit row in the same transaction."""

import base64

from django.db import transaction
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.models import Role, User
from core import audit


@transaction.atomic
def create_user(
    *,
    actor,
    username: str,
    password: str,
    role: str,
    full_name: str = "",
    email: str = "",
    scope_region=None,
    agency=None,
    asn=None,
    is_demo: bool = False,
) -> User:
    """Create an account for one role and scope. Administrators also get the Django admin."""
    first_name, _, last_name = full_name.partition(" ")
    user = User(
        username=username,
        first_name=first_name,
        last_name=last_name,
        email=email,
        role=role,
        scope_region=scope_region,
        agency=agency,
        asn=asn,
        is_demo=is_demo,
        is_staff=role == Role.ADMIN,
        is_superuser=role == Role.ADMIN,
    )
    user.set_password(password)
    user.full_clean(exclude=["password"])
    user.save()
    audit.record(
        actor=actor,
        action="accounts.create_user",
        target=user,
        summary=f"{username}: {user.get_role_display()} {user.scope_label}".strip(),
        changes={
            "role": role,
            "scope_region": getattr(scope_region, "pk", None),
            "agency": getattr(agency, "pk", None),
        },
    )
    return user


def pending_totp_device(user: User) -> TOTPDevice:
    """The not yet confirmed TOTP device shown during enrolment (made on first visit)."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    return device or TOTPDevice.objects.create(user=user, name="default", confirmed=False)


@transaction.atomic
def confirm_totp_device(*, actor: User, device: TOTPDevice) -> TOTPDevice:
    """Finish enrolment once the user proved they can read codes from their authenticator."""
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    TOTPDevice.objects.filter(user=device.user, confirmed=False).delete()
    audit.record(actor=actor, action="accounts.confirm_totp_device", target=device.user, summary="TOTP")
    return device


@transaction.atomic
def reset_two_factor(*, actor, user: User, reason: str) -> None:
    """Remove a user's authenticator (lost phone); they enrol again at their next login."""
    TOTPDevice.objects.filter(user=user).delete()
    audit.record(actor=actor, action="accounts.reset_two_factor", target=user, summary=reason)


def totp_secret(device: TOTPDevice) -> str:
    """The base32 secret as authenticator apps ask for it when typed by hand."""
    return base64.b32encode(device.bin_key).decode()


def current_totp_code(device: TOTPDevice) -> str:
    """The code the user's authenticator shows now (used for demo accounts and tests)."""
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    return f"{totp.token():0{device.digits}d}"

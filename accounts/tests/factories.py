"""Users for each role, and a client that has completed the two-step login."""

import factory
from django.test import Client
from django_otp.plugins.otp_totp.models import TOTPDevice
from factory.django import DjangoModelFactory

from accounts.models import Role, User

PASSWORD = "kata-sandi-uji-yang-panjang"


class UserFactory(DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"pengguna{n}")
    first_name = factory.Sequence(lambda n: f"Pengguna {n}")
    role = Role.BAWASLU
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def save_password(self, create, extracted, **kwargs):
        if create:
            self.save()


def totp_device(user: User) -> TOTPDevice:
    """A confirmed TOTP device, as after enrolment."""
    return TOTPDevice.objects.create(user=user, name="default", confirmed=True)


def verified_client(user: User) -> Client:
    """A test client logged in as `user` with the second factor done (as the login views leave it)."""
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first() or totp_device(user)
    client = Client()
    client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    session = client.session
    session["otp_device_id"] = device.persistent_id
    session.save()
    return client

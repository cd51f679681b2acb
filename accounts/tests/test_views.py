import pytest
from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.models import Role
from accounts.services import current_totp_code
from accounts.tests.factories import PASSWORD, UserFactory, totp_device

pytestmark = [pytest.mark.integration, pytest.mark.django_db]


def _log_in(client, username, password=PASSWORD):
    return client.post(
        reverse("accounts:login"), {"username": username, "password": password, "next": "/registri/asn/"}
    )


def test_staff_login_asks_for_the_second_factor_before_anything_scoped(client):
    user = UserFactory(role=Role.BAWASLU)
    totp_device(user)

    response = _log_in(client, user.username)

    assert response.status_code == 302
    assert response.url == reverse("accounts:otp") + "?next=%2Fregistri%2Fasn%2F"
    assert client.get("/registri/asn/").url == reverse("accounts:otp")


def test_valid_totp_code_completes_the_login(client):
    user = UserFactory(role=Role.BAWASLU)
    device = totp_device(user)
    _log_in(client, user.username)

    response = client.post(reverse("accounts:otp"), {"token": current_totp_code(device), "next": "/registri/asn/"})

    assert (response.status_code, response.url) == (302, "/registri/asn/")
    assert client.get("/registri/asn/").status_code == 200


def test_wrong_totp_code_is_refused_with_a_message(client):
    user = UserFactory(role=Role.BAWASLU)
    device = totp_device(user)
    _log_in(client, user.username)
    wrong = f"{(int(current_totp_code(device)) + 1) % 1_000_000:06d}"

    response = client.post(reverse("accounts:otp"), {"token": wrong})

    assert response.status_code == 200
    assert "Kode salah atau kedaluwarsa" in response.content.decode()
    assert client.get("/registri/asn/").status_code == 302


def test_first_login_enrols_an_authenticator_and_confirms_it(client):
    user = UserFactory(role=Role.AUTHORITY)
    _log_in(client, user.username)

    page = client.get(reverse("accounts:otp"))
    device = TOTPDevice.objects.get(user=user)
    assert (device.confirmed, page.context["secret"] in page.content.decode()) == (False, True)

    client.post(reverse("accounts:otp"), {"token": current_totp_code(device)})

    device.refresh_from_db()
    assert device.confirmed is True
    assert client.get("/registri/asn/").status_code == 200


def test_wrong_password_shows_an_indonesian_error(client):
    user = UserFactory()

    response = _log_in(client, user.username, "salah-sekali-kata-sandinya")

    assert "Nama pengguna atau kata sandi salah" in response.content.decode()


def test_repeated_wrong_passwords_lock_the_account_even_for_the_right_password(client, settings):
    settings.AXES_FAILURE_LIMIT = 3
    user = UserFactory()
    for _attempt in range(3):
        _log_in(client, user.username, "salah-sekali-kata-sandinya")

    response = _log_in(client, user.username)

    assert response.status_code == 429
    assert "terkunci sementara" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_asn_self_service_login_needs_no_authenticator(client):
    from registry.tests.factories import ASNFactory

    user = UserFactory(role=Role.ASN, asn=ASNFactory())

    response = _log_in(client, user.username)

    assert (response.status_code, response.url) == (302, "/registri/asn/")


def test_logout_requires_post(client):
    assert client.get(reverse("accounts:logout")).status_code == 405

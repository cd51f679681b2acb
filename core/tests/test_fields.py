import base64

import pytest
from django.db import connection
from django.test import override_settings

from core.fields import FieldDecryptionError, field_cipher
from registry.tests.factories import ASNFactory

pytestmark = pytest.mark.integration

OLD_KEY = base64.urlsafe_b64encode(b"o" * 32).decode()
NEW_KEY = base64.urlsafe_b64encode(b"n" * 32).decode()


@pytest.mark.django_db
def test_personal_contact_data_is_encrypted_at_rest():
    asn = ASNFactory(email="budi@example.go.id", phone="+6281234567890")

    with connection.cursor() as cursor:
        cursor.execute("SELECT email, phone FROM registry_asn WHERE id = %s", [asn.pk])
        stored_email, stored_phone = cursor.fetchone()

    assert "budi" not in stored_email
    assert "6281234567890" not in stored_phone
    asn.refresh_from_db()
    assert (asn.email, asn.phone) == ("budi@example.go.id", "+6281234567890")


def test_field_cipher_round_trip_uses_the_versioned_format():
    cipher = field_cipher()

    token = cipher.encrypt("budi@example.go.id")

    assert (token.split(":")[0], len(token.split(":")), cipher.decrypt(token)) == ("g1", 3, "budi@example.go.id")


def test_field_cipher_ciphertext_differs_per_write():
    cipher = field_cipher()

    first, second = cipher.encrypt("budi@example.go.id"), cipher.encrypt("budi@example.go.id")

    assert (first == second, cipher.decrypt(first) == cipher.decrypt(second)) == (False, True)


@pytest.mark.parametrize("position", [-1, -10, 20])
def test_field_cipher_altered_value_is_refused(position):
    cipher = field_cipher()
    token = cipher.encrypt("budi@example.go.id")
    altered = token[:position] + ("A" if token[position] != "A" else "B") + token[position + 1 :]

    with pytest.raises(FieldDecryptionError) as caught:
        cipher.decrypt(altered)

    assert str(caught.value) == "encrypted field value was altered or is damaged"


def test_field_cipher_value_under_another_key_id_is_refused():
    cipher = field_cipher()
    _version, key_id, payload = cipher.encrypt("budi@example.go.id").split(":")
    other_id = "0" * len(key_id)

    with pytest.raises(FieldDecryptionError) as caught:
        cipher.decrypt(f"g1:{other_id}:{payload}")

    assert str(caught.value) == f"value encrypted with key {other_id}, which is not in FIELD_ENCRYPTION_KEYS"


@pytest.mark.parametrize("stored", ["gAAAAABl0nVQ_old_fernet_token", "budi@example.go.id", "g1:"])
def test_field_cipher_value_in_another_format_is_refused(stored):
    with pytest.raises(FieldDecryptionError) as caught:
        field_cipher().decrypt(stored)

    assert str(caught.value) == f"not an encrypted field value in format g1 (starts {stored[:6]!r})"


def test_field_cipher_rotated_out_key_still_decrypts_while_listed():
    with override_settings(FIELD_ENCRYPTION_KEYS=[OLD_KEY]):
        token = field_cipher().encrypt("+6281234567890")

    with override_settings(FIELD_ENCRYPTION_KEYS=[NEW_KEY, OLD_KEY]):
        cipher = field_cipher()
        decrypted, rewritten = cipher.decrypt(token), cipher.encrypt("+6281234567890")

    with override_settings(FIELD_ENCRYPTION_KEYS=[NEW_KEY]):
        assert field_cipher().decrypt(rewritten) == decrypted == "+6281234567890"
        with pytest.raises(FieldDecryptionError):
            field_cipher().decrypt(token)
    assert token.split(":")[1] != rewritten.split(":")[1]

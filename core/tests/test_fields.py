import pytest
from django.db import connection

from registry.tests.factories import ASNFactory

pytestmark = pytest.mark.integration


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

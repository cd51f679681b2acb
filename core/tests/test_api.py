import pytest

pytestmark = [pytest.mark.integration, pytest.mark.django_db]


def test_openapi_schema_documents_every_router(client):
    schema = client.get("/api/v1/openapi.json").json()

    assert schema["info"]["title"] == "Sinetra API"
    prefixes = {path.split("/")[3] for path in schema["paths"]}
    assert prefixes == {"regions", "registry", "elections", "acts", "reports", "cases", "patrol"}
    assert "/api/v1/regions/{code}" in schema["paths"]


def test_errors_come_in_the_requested_language(client):
    indonesian = client.get("/api/v1/registry/asn").json()["error"]
    english = client.get("/api/v1/registry/asn", HTTP_ACCEPT_LANGUAGE="en").json()["error"]

    assert (indonesian["code"], english["code"]) == ("unauthenticated", "unauthenticated")
    assert indonesian["message"] == indonesian["messages"]["id"]
    assert english["message"] == english["messages"]["en"]
    assert indonesian["messages"] == english["messages"]
    assert indonesian["messages"]["id"] != indonesian["messages"]["en"]

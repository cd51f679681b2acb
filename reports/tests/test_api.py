import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from accounts.models import Role
from accounts.tests.factories import UserFactory, verified_client
from reports.choices import ReportKind, ReportStatus
from reports.models import Report
from reports.tests.factories import DESCRIPTION, jpeg_with_gps

pytestmark = [pytest.mark.integration, pytest.mark.django_db]

BODY = {
    "reporter": {
        "name": "Siti Rahmawati",
        "address": "Jl. Teuku Umar No. 5, Bandar Lampung",
        "email": "siti@example.org",
        "phone": "081234567890",
        "nik": "1871014506900002",
    },
    "reported": {
        "name": "Budi Santoso",
        "nip": "",
        "agency": "Dinas Pendidikan Kota Bandar Lampung",
        "position": "Guru",
    },
    "act": "DSP-06",
    "region": "18.71",
    "occurred_on": "2024-10-20",
    "known_on": "2024-10-21",
    "place": "Instagram",
    "description": DESCRIPTION,
    "witnesses": [],
    "links": ["https://www.instagram.com/p/C9xYz/"],
}


def post_json(body, client=None):
    return (client or Client()).post("/api/v1/reports", json.dumps(body), content_type="application/json")


def test_json_report_returns_201_with_receipt_code_and_status_works(intake):
    response = post_json(BODY)
    receipt = response.json()

    assert response.status_code == 201
    assert receipt["number"] == Report.objects.get().number
    assert receipt["office"] == {"code": "18.71", "name": "Kota Bandar Lampung"}
    assert receipt["is_late"] is True
    status = Client().get(f"/api/v1/reports/status/{receipt['receipt_code']}").json()
    assert [event["status"] for event in status["history"]] == [ReportStatus.RECEIVED]
    assert "Siti" not in json.dumps(status)
    assert "Budi" not in json.dumps(status)


def test_anonymous_tip_omits_the_reporter(intake):
    body = {key: value for key, value in BODY.items() if key != "reporter"}
    response = post_json(body)
    assert response.status_code == 201
    assert response.json()["kind"] == ReportKind.TIP


def test_multipart_carries_json_payload_and_files(intake):
    response = Client().post(
        "/api/v1/reports",
        {"payload": json.dumps(BODY), "evidence": [SimpleUploadedFile("foto.jpg", jpeg_with_gps())]},
    )
    assert response.status_code == 201
    assert Report.objects.get().evidence.get().content_type == "image/jpeg"


def test_invalid_fields_get_400_with_messages_in_both_languages(intake):
    body = BODY | {"description": "<script>alert(1)</script> kampanye di kantor dinas", "region": "18"}
    response = post_json(body)
    error = response.json()["error"]

    assert response.status_code == 400
    assert set(error["fields"]) == {"description", "region"}
    assert set(error["messages"]) == {"id", "en"}
    assert Report.objects.count() == 0


def test_wrong_types_get_422_not_500(intake):
    for body in ({**BODY, "occurred_on": "kemarin"}, {**BODY, "links": "bukan daftar"}, [], "teks"):
        response = post_json(body)
        assert response.status_code == 422, body
        assert response.json()["error"]["code"] == "invalid"
    broken = Client().post("/api/v1/reports", "{not json", content_type="application/json")
    assert broken.status_code == 422


def test_hostile_file_in_multipart_is_refused_and_nothing_is_stored(intake):
    response = Client().post(
        "/api/v1/reports",
        {"payload": json.dumps(BODY), "evidence": [SimpleUploadedFile("foto.jpg", b"%PDF-1.4 broken")]},
    )
    assert response.status_code == 400
    assert response.json()["error"]["code"] == "damaged"
    assert Report.objects.count() == 0


def test_random_code_is_404_and_look_ups_are_rate_limited(intake, settings):
    settings.REPORT_STATUS_RATE = "2/m"
    client = Client()
    statuses = [client.get("/api/v1/reports/status/7K3M-Q9TX-2HBD-V4NP").status_code for _ in range(3)]
    assert statuses == [404, 404, 429]


def test_submissions_are_rate_limited(intake, settings):
    settings.REPORT_SUBMIT_RATE = "1/h"
    client = Client()
    assert [post_json(BODY, client).status_code for _ in range(2)] == [201, 429]


def test_openapi_documents_json_and_multipart_bodies(intake):
    schema = Client().get("/api/v1/openapi.json").json()
    body = schema["paths"]["/api/v1/reports"]["post"]["requestBody"]["content"]

    assert set(body) == {"application/json", "multipart/form-data"}
    assert "reported" in body["application/json"]["schema"]["properties"]
    assert "/api/v1/reports/status/{code}" in schema["paths"]


def test_staff_inbox_api_is_scoped(intake):
    post_json(BODY)
    post_json(BODY | {"region": "32.76"})
    city = verified_client(UserFactory(role=Role.BAWASLU, scope_region_id="18.71"))

    items = city.get("/api/v1/reports").json()["items"]
    assert [item["region"]["code"] for item in items] == ["18.71"]
    assert Client().get("/api/v1/reports").status_code == 401


def test_staff_change_status_through_the_api(intake):
    post_json(BODY)
    report = Report.objects.get()
    city = verified_client(UserFactory(role=Role.BAWASLU, scope_region_id="18.71"))

    response = city.post(
        f"/api/v1/reports/{report.pk}/status",
        json.dumps({"status": "tidak_ditindaklanjuti", "note": ""}),
        content_type="application/json",
    )
    assert response.status_code == 400
    response = city.post(
        f"/api/v1/reports/{report.pk}/status",
        json.dumps({"status": "ditelaah"}),
        content_type="application/json",
    )
    assert response.json()["status"] == ReportStatus.IN_REVIEW


def test_a_body_larger_than_any_report_is_refused_before_parsing(intake, settings):
    settings.EVIDENCE_MAX_TOTAL_BYTES = 1000
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1000
    response = Client().post(
        "/api/v1/reports", {"payload": json.dumps(BODY), "evidence": [SimpleUploadedFile("a.jpg", b"x" * 5000)]}
    )
    assert response.status_code == 413
    assert response.json()["error"]["code"] == "too_large"
    assert Report.objects.count() == 0

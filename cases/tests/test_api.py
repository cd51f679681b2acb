import json

import pytest

from accounts.tests.factories import verified_client
from cases.choices import CaseState as S
from cases.tests.factories import open_case

pytestmark = [pytest.mark.integration, pytest.mark.django_db]


def test_cases_api_lists_and_moves_a_case_with_the_same_rules(people):
    case = open_case(people)
    client = verified_client(people["bawaslu"])

    listed = client.get("/api/v1/cases").json()["items"]
    assert [item["id"] for item in listed] == [case.pk]

    def step(to, version, **extra):
        body = {"to": to, "version": version, **extra}
        return client.post(f"/api/v1/cases/{case.pk}/transitions", json.dumps(body), content_type="application/json")

    moved = step(S.PRELIMINARY_REVIEW, case.version)
    assert moved.status_code == 200
    assert moved.json()["allowed_steps"] == [S.REGISTERED, S.NOT_REGISTERED]
    assert step(S.REGISTERED, case.version).status_code == 400  # stale version
    assert step(S.FORWARDED, case.version + 1).status_code == 400  # not a step from here
    assert step("bukan-status", case.version + 1).status_code == 400
    outsider = verified_client(people["bawaslu_elsewhere"])
    assert outsider.get(f"/api/v1/cases/{case.pk}").status_code == 404
    authority = verified_client(people["authority"])
    assert authority.get(f"/api/v1/cases/{case.pk}").status_code == 404
    events = client.get(f"/api/v1/cases/{case.pk}/events").json()
    assert [e["to_state"] for e in events] == [S.RECEIVED, S.PRELIMINARY_REVIEW]


def test_documents_through_the_api(people):
    case = open_case(people)
    client = verified_client(people["bawaslu"])
    for to in (S.PRELIMINARY_REVIEW, S.REGISTERED):
        case.refresh_from_db()
        body = {"to": to, "version": case.version}
        client.post(f"/api/v1/cases/{case.pk}/transitions", json.dumps(body), content_type="application/json")

    issued = client.post(f"/api/v1/cases/{case.pk}/documents", json.dumps({"kind": "register"}),
                         content_type="application/json")  # fmt: skip
    refused = client.post(f"/api/v1/cases/{case.pk}/documents", json.dumps({"kind": "forwarding"}),
                          content_type="application/json")  # fmt: skip
    pdf = client.get(f"/api/v1/cases/{case.pk}/documents/{issued.json()['id']}/pdf")

    assert issued.status_code == 201
    assert refused.status_code == 400
    assert pdf.content.startswith(b"%PDF")

import datetime
import threading
import time

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection, transaction

from accounts.models import Role
from accounts.tests.factories import UserFactory
from cases.choices import Origin
from core.models import AuditEntry
from elections.tests.factories import CandidateFactory
from patrol import selectors, services
from patrol.models import CollectorKey, Finding, FindingPost, FindingStatus, RejectReason, StanceModelVersion
from patrol.tests.factories import assessment, finding
from regions.models import Region
from registry.tests.factories import ASNFactory

pytestmark = [pytest.mark.integration, pytest.mark.django_db]
NIP = "198001012005011001"


def test_record_assessments_creates_one_finding_with_its_archived_post(people):
    asn = ASNFactory(nip=NIP, agency=people["agency"])
    candidate = CandidateFactory(name="Rido")
    item = assessment(asn_id=asn.pk, candidate_id=candidate.pk, contest_id=candidate.contest_id)

    result = services.record_assessments([item], source="tangkapan.jsonl")

    found = Finding.objects.get()
    assert (result.created, result.updated, result.posts_added) == (1, 0, 1)
    assert result.findings == ((item.key, found.pk, True),)
    assert (found.key, found.status, found.asn, found.act_id, found.candidate, found.region_id) == (
        f"{NIP}|DSP-06|2024-10-21",
        FindingStatus.NEW,
        asn,
        "DSP-06",
        candidate,
        "18.71",
    )
    assert found.explanation["terms"] == ["rido", "nomor 1"]
    post = found.posts.get()
    assert (post.raw, post.raw_sha256, post.source) == (item.raw, item.raw_sha256, "tangkapan.jsonl")
    assert list(AuditEntry.objects.filter(action="patrol.finding_created").values_list("target_id", flat=True)) == [
        str(found.pk)]  # fmt: skip


def test_second_post_of_the_day_joins_the_finding_with_the_higher_score(people):
    first = assessment(score=0.7)
    second = assessment(score=0.9, reasons=("ajakan memilih: pilih",))

    services.record_assessments([first], source="a.jsonl")
    result = services.record_assessments([second, second], source="b.jsonl")

    found = Finding.objects.get()
    assert (result.created, result.updated, result.posts_added) == (0, 1, 1)  # the same post twice is kept once
    assert (found.score, found.explanation["reasons"], found.posts.count()) == (0.9, ["ajakan memilih: pilih"], 2)
    assert found.last_seen_at >= found.first_seen_at


def test_record_assessments_skips_non_findings_and_unknown_elections_and_empties_unknown_references(people):
    items = [
        assessment(is_finding=False),
        assessment(election_slug="pilkada-2099"),
        assessment(nip="", author_handle="anon", act_code="XYZ-01", candidate_id=999_999, region_code="99.99"),
    ]

    result = services.record_assessments(items, source="x.jsonl")

    found = Finding.objects.get()
    assert (result.created, result.skipped) == (1, 1)
    assert (found.act, found.candidate, found.region, found.asn) == (None, None, None, None)


def test_asn_found_by_nip_gives_its_work_region_when_the_assessment_has_none(people):
    asn = ASNFactory(nip=NIP, agency=people["agency"])
    found = finding(region_code="")
    assert (found.asn, found.region_id) == (asn, "18.71")


def test_decided_finding_keeps_its_decision_and_still_archives_new_posts(people):
    found = finding()
    services.reject_finding(found, actor=people["bawaslu"], reason=RejectReason.NEUTRAL)

    services.record_assessments([assessment(score=0.99)], source="late.jsonl")

    found.refresh_from_db()
    assert (found.status, found.reject_reason, found.posts.count()) == (FindingStatus.REJECTED, "konten_netral", 2)


def test_confirm_opens_a_case_with_the_finding_as_its_content(people):
    asn = ASNFactory(nip=NIP, agency=people["agency"], name="Budi Santoso")
    candidate = CandidateFactory(name="Rido")
    found = finding(asn_id=asn.pk, candidate_id=candidate.pk)
    post = found.posts.get()

    case = services.confirm_finding(found, actor=people["bawaslu"], note="Akun benar milik terlapor.")

    found.refresh_from_db()
    assert (found.status, found.case, found.decided_by) == (FindingStatus.CONFIRMED, case, people["bawaslu"])
    assert (case.origin, case.region_id, case.act_id, case.election.slug, case.occurred_on) == (
        Origin.FINDING, "18.71", "DSP-06", "pilkada-2024", datetime.date(2024, 10, 21))  # fmt: skip
    assert (case.reported_name, case.reported_nip, case.reported_asn, case.reported_agency) == (
        "Budi Santoso", NIP, asn, people["agency"])  # fmt: skip
    assert post.url in case.summary
    assert post.raw_sha256 in case.summary
    assert "Calon: Rido." in case.summary
    assert AuditEntry.objects.filter(action="patrol.finding_confirmed", target_id=str(found.pk)).count() == 1


def test_confirm_without_region_needs_one_chosen_in_scope(people):
    national = UserFactory(role=Role.BAWASLU, scope_region=None)
    found = finding(region_code="", nip="")

    with pytest.raises(ValidationError) as refused:
        services.confirm_finding(found, actor=national)
    case = services.confirm_finding(found, actor=national, region=Region.objects.get(pk="18.72"))

    assert "Pilih wilayah kejadian" in refused.value.message_dict["region"][0]
    assert (case.region_id, case.reported_name) == ("18.72", "Budi Santoso, S.Pd.")


def test_a_finding_is_decided_only_once(people):
    found = finding()
    services.confirm_finding(found, actor=people["bawaslu"])

    with pytest.raises(ValidationError):
        services.reject_finding(found, actor=people["bawaslu_province"], reason=RejectReason.DUPLICATE)
    with pytest.raises(ValidationError):
        services.confirm_finding(found, actor=people["bawaslu_province"])
    assert Finding.objects.get().status == FindingStatus.CONFIRMED


def test_reject_needs_a_known_reason_and_a_note_for_other(people):
    found = finding()
    with pytest.raises(ValidationError):
        services.reject_finding(found, actor=people["bawaslu"], reason="bosan")
    with pytest.raises(ValidationError):
        services.reject_finding(found, actor=people["bawaslu"], reason=RejectReason.OTHER, note=" ")

    services.reject_finding(found, actor=people["bawaslu"], reason=RejectReason.OTHER, note="Akun parodi.")

    assert (found.status, found.decision_note, found.case) == (FindingStatus.REJECTED, "Akun parodi.", None)


@pytest.mark.parametrize(
    ("who", "allowed"),
    [("bawaslu", True), ("bawaslu_province", True), ("admin", True), ("bawaslu_elsewhere", False),
     ("authority", False), ("agency_head", False), ("asn", False)],
)  # fmt: skip
def test_who_may_decide_a_finding_of_kota_bandar_lampung(people, who, allowed):
    found = finding()
    if allowed:
        services.reject_finding(found, actor=people[who], reason=RejectReason.NEUTRAL)
        assert found.status == FindingStatus.REJECTED
    else:
        with pytest.raises(PermissionDenied):
            services.reject_finding(found, actor=people[who], reason=RejectReason.NEUTRAL)
        assert Finding.objects.get().status == FindingStatus.NEW


def test_finding_without_region_is_decided_by_the_national_level_only(people):
    found = finding(region_code="", nip="")
    with pytest.raises(PermissionDenied):
        services.reject_finding(found, actor=people["bawaslu_province"], reason=RejectReason.NOT_ASN)
    national = UserFactory(role=Role.BAWASLU, scope_region=None)
    services.reject_finding(found, actor=national, reason=RejectReason.NOT_ASN)
    assert found.status == FindingStatus.REJECTED


def test_collector_key_secret_is_shown_once_and_stored_as_digest(people):
    key, secret = services.create_collector_key(actor=people["admin"], name="Kolektor X")

    assert secret.startswith(services.SECRET_PREFIX)
    assert CollectorKey.objects.get().key_digest == services.digest(secret) != secret
    assert services.authenticate_collector(secret) == key
    assert services.authenticate_collector(secret + "x") is None
    services.revoke_collector_key(key, actor=people["admin"])
    assert services.authenticate_collector(secret) is None
    with pytest.raises(PermissionDenied):
        services.create_collector_key(actor=people["bawaslu"], name="Kolektor Y")


def test_saving_a_stance_model_activates_it_and_keeps_the_previous_inactive(people):
    first = services.save_stance_model(actor=None, blob=b"model-1", examples=10, metrics={"f1": 0.7})
    second = services.save_stance_model(actor=people["admin"], blob=b"model-2", examples=20, metrics={"f1": 0.8})

    assert list(StanceModelVersion.objects.filter(is_active=True)) == [second]
    assert selectors.active_stance_model() == second
    first.refresh_from_db()
    assert (first.is_active, bytes(second.blob), second.examples) == (False, b"model-2", 20)
    with pytest.raises(PermissionDenied):
        services.save_stance_model(actor=people["bawaslu"], blob=b"x", examples=1, metrics={})


def test_archived_posts_are_never_edited(people):
    post = finding().posts.get()
    post.text = "diubah"
    with pytest.raises(TypeError):
        post.save()
    assert FindingPost.objects.get().text != "diubah"


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="needs PostgreSQL: a row lock between two connections (SQLite serialises whole transactions)",
)
def test_two_supervisors_deciding_at_once_cannot_both_win(people):
    found = finding()
    rejected, release, outcome = threading.Event(), threading.Event(), {}

    def first():  # rejects, and keeps the transaction (and the row lock) open until released
        try:
            with transaction.atomic():
                services.reject_finding(Finding.objects.get(pk=found.pk), actor=people["bawaslu"], reason="duplikat")
                rejected.set()
                release.wait(10)
        finally:
            connection.close()

    def second():  # confirms the same finding, as their page still shows it new
        try:
            services.confirm_finding(Finding.objects.get(pk=found.pk), actor=people["bawaslu_province"])
        except ValidationError as error:
            outcome["error"] = error
        finally:
            connection.close()

    threads = [threading.Thread(target=first), threading.Thread(target=second)]
    threads[0].start()
    assert rejected.wait(10)
    threads[1].start()
    time.sleep(0.5)  # the second one is now blocked on the row lock
    assert threads[1].is_alive()
    release.set()
    for thread in threads:
        thread.join(10)

    found.refresh_from_db()
    assert (found.status, found.case) == (FindingStatus.REJECTED, None)
    assert "sudah diputuskan" in outcome["error"].messages[0]

"""The patrol pipeline on single posts: who wrote it, which election, which act, and when it is a finding."""

import pytest

from patrol import training
from patrol.book import ElectionBook
from patrol.linkage import Registry
from patrol.scan import ScanContext, Thresholds, assess_batch, assess_records, decide
from patrol.schema import post_from_mapping

pytestmark = pytest.mark.unit

NIP = "198001012005011001"
PRAMONO = "03. Pramono Anung – Rano Karno (Gubernur Daerah Khusus Ibukota Jakarta)"
RIDWAN = "01. Ridwan Kamil – Suswono (Gubernur Daerah Khusus Ibukota Jakarta)"


@pytest.fixture(scope="module")
def context():
    """The labelled data's elections, one registered ASN account in East Jakarta, the shipped model."""
    registry = Registry.from_rows(
        accounts=[("instagram", "budi.asn", 1, NIP, "31.75")],
        people=[(1, NIP, "Budi Hartono", "31.75", "Pemerintah Kota Jakarta Timur", "Analis Kebijakan")],
    )
    return ScanContext(ElectionBook.from_toml(training.FIXTURE_BOOK), registry, training.shipped_model())


def post(**fields) -> dict:
    """A post of the registered ASN account during the Pilkada 2024 campaign, in the post schema."""
    record = {
        "platform": "instagram",
        "post_id": "C1",
        "author_handle": "budi.asn",
        "author_name": "Budi",
        "kind": "post",
        "text": "Ayo coblos nomor 3 Pramono-Rano!",
        "posted_at": "2024-11-10T09:00:00+07:00",
    }
    record.update(fields)
    return record


def assess_one(record: dict, context) -> list:
    assessments, rejects = assess_records([record], context, source="test.jsonl")
    assert rejects == []
    return assessments


def test_asn_call_to_vote_during_campaign_is_a_dsp06_finding_naming_candidate_and_account(context):
    [found] = assess_one(post(), context)

    assert (found.is_finding, found.act_code, found.targets) == (True, "DSP-06", (PRAMONO,))
    assert (found.nip, found.election_slug, found.key) == (NIP, "pilkada-2024", f"{NIP}|DSP-06|2024-11-10")
    assert found.explanation[0] == f"Siapa: akun instagram @budi.asn terdaftar milik ASN {NIP} (keyakinan 0.98)."


def test_same_post_before_candidate_determination_is_the_ethics_act_etk04(context):
    [found] = assess_one(post(posted_at="2024-08-01T09:00:00+07:00"), context)

    assert (found.is_finding, found.act_code, found.day.isoformat()) == (True, "ETK-04", "2024-08-01")


def test_post_at_night_counts_on_the_local_day_in_jakarta(context):
    [found] = assess_one(post(posted_at="2024-09-21T18:30:00Z"), context)  # 22 September, 01:30 WIB

    assert (found.day.isoformat(), found.act_code) == ("2024-09-22", "DSP-06")


@pytest.mark.parametrize(
    ("posted_at", "act"), [("2024-11-10T09:00:00+07:00", "DSP-07"), ("2024-08-01T09:00:00+07:00", "ETK-05")]
)
def test_photo_with_a_candidate_and_a_gesture_is_dsp07_or_its_ethics_twin(context, posted_at, act):
    record = post(
        text="Foto bareng", media_text="foto bersama Pramono Anung sambil mengacungkan tiga jari", posted_at=posted_at
    )

    [found] = assess_one(record, context)

    assert (found.is_finding, found.act_code, found.targets) == (True, act, (PRAMONO,))


def test_asn_liking_a_campaign_account_is_a_finding(context):
    [found] = assess_one(post(kind="like", text="", target="@ridwankamil"), context)

    assert (found.is_finding, found.act_code, found.targets) == (True, "DSP-06", (RIDWAN,))


def test_a_citizens_identical_post_is_not_assessed(context):
    assert assess_one(post(author_handle="warga.biasa", author_name="Warga Biasa"), context) == []


@pytest.mark.parametrize("bio", ["mantan PNS Pemprov DKI", "pensiunan guru SD"])
def test_former_civil_servants_are_not_linked(context, bio):
    assert assess_one(post(author_handle="warga.biasa", author_bio=bio), context) == []


def test_a_bio_declaring_asn_status_links_an_unregistered_account(context):
    [found] = assess_one(post(author_handle="warga.biasa", author_bio="PNS Pemprov DKI"), context)

    assert (found.is_finding, found.link_method, found.key) == (True, "bio", "instagram:@warga.biasa|DSP-06|2024-11-10")


def test_an_asns_neutral_turnout_appeal_is_assessed_but_not_a_finding(context):
    record = post(text="Ayo datang ke TPS tanggal 27 November, gunakan hak pilih kalian!")

    [assessed] = assess_one(record, context)

    assert (assessed.is_finding, assessed.act_code, assessed.targets) == (False, "", ())


def test_two_posts_of_one_asn_on_one_day_for_one_act_share_a_key(context):
    morning = post(post_id="C1", text="Ayo coblos nomor 3 Pramono-Rano!", posted_at="2024-11-10T07:00:00+07:00")
    evening = post(post_id="C2", text="Mas Pram pasti menang, pilih nomor 3!", posted_at="2024-11-10T21:00:00+07:00")
    next_day = post(post_id="C3", posted_at="2024-11-11T07:00:00+07:00")

    keys = [a.key for a in assess_records([morning, evening, next_day], context, source="t")[0]]

    assert keys == [f"{NIP}|DSP-06|2024-11-10", f"{NIP}|DSP-06|2024-11-10", f"{NIP}|DSP-06|2024-11-11"]


def test_hashtags_listed_only_in_the_hashtags_field_count(context):
    with_tags = post(text="Selamat pagi warga Jakarta", hashtags=["pramonorano"])
    without = post(text="Selamat pagi warga Jakarta", hashtags=[])

    [tagged] = assess_one(with_tags, context)
    untagged = assess_one(without, context)

    assert (tagged.is_finding, tagged.targets) == (True, (PRAMONO,))
    assert untagged == []  # no election content, and the model alone does not reach 0.6


def test_assess_records_rejects_malformed_records_by_index_and_never_raises(context):
    records = [
        post(post_id="ok"),
        {"platform": "instagram"},
        post(posted_at="2024-11-10T09:00:00"),
        post(kind="retweet2"),
        post(kind=["post"]),
        post(text="x" * 20_001),
        "not an object",
        None,
    ]

    assessments, rejects = assess_records(records, context, source="t")

    assert [a.post_id for a in assessments] == ["ok"]
    assert rejects == [
        (1, "missing field: post_id"),
        (2, "posted_at has no time zone"),
        (3, "unknown kind: retweet2"),
        (4, "kind is not text"),
        (5, "text longer than 20000 characters"),
        (6, "not a JSON object"),
        (7, "not a JSON object"),
    ]


def test_posts_outside_every_patrol_window_are_not_assessed(context):
    assert assess_one(post(posted_at="2026-03-01T09:00:00+07:00"), context) == []


def test_without_a_model_the_rules_alone_cannot_make_a_finding(context):
    rules_only = ScanContext(context.book, context.registry, None)

    assessments = assess_batch([(post_from_mapping(post()), post())], rules_only)

    assert [(a.model_score, a.is_finding) for a in assessments] == [(0.0, False)]  # 0.2 × rule < 0.45


@pytest.mark.parametrize(
    ("stance", "rule", "model", "content", "expected"),
    [
        ("support", 1.0, 0.5, True, (True, 0.6)),  # 0.2 × 1 + 0.8 × 0.5
        ("neutral", 1.0, 0.5, True, (False, 0.4)),  # a neutral rule adds nothing
        ("support", 0.5, 0.4, True, (False, 0.42)),
        ("none", 0.0, 0.59, False, (False, 0.59)),  # no election content: the model alone must reach 0.6
        ("none", 0.0, 0.6, False, (True, 0.6)),
    ],
)
def test_decide_combines_rule_and_model_scores(stance, rule, model, content, expected):
    assert decide(stance, rule, model, content, Thresholds()) == expected

import pytest

from accounts.models import Role
from accounts.tests.factories import UserFactory
from patrol import selectors, services
from patrol.models import FindingStatus, RejectReason
from patrol.tests.factories import finding

pytestmark = [pytest.mark.integration, pytest.mark.django_db]


@pytest.fixture
def spread(people):
    """A finding in Kota Bandar Lampung, one in Kota Depok, one whose ASN's region is unknown."""
    return {
        "lampung": finding(nip="198001012005011001", region_code="18.71"),
        "depok": finding(nip="198001012005011002", region_code="32.76"),
        "nowhere": finding(nip="", author_handle="tanpa.wilayah", region_code=""),
    }


def _seen(user) -> set[str]:
    return {f.author_handle if not f.nip else f.nip for f in selectors.findings_visible_to(user)}


def test_findings_are_scoped_by_region_and_role(people, spread):
    national = UserFactory(role=Role.BAWASLU, scope_region=None)
    everything = {"198001012005011001", "198001012005011002", "tanpa.wilayah"}

    assert _seen(people["bawaslu"]) == {"198001012005011001"}
    assert _seen(people["bawaslu_province"]) == {"198001012005011001"}
    assert _seen(people["bawaslu_elsewhere"]) == {"198001012005011002"}
    assert _seen(national) == everything
    assert _seen(people["admin"]) == everything
    assert _seen(people["authority"]) == set()
    assert _seen(people["agency_head"]) == set()
    assert _seen(people["asn"]) == set()


def test_review_queue_orders_by_score_then_recency_and_filters(people):
    low = finding(nip="198001012005011001", score=0.6)
    high = finding(nip="198001012005011002", score=0.95, act_code="ETK-04")
    decided = finding(nip="198001012005011003", score=0.99)
    services.reject_finding(decided, actor=people["bawaslu"], reason=RejectReason.DUPLICATE)
    user = people["bawaslu"]

    assert list(selectors.review_queue(user)) == [high, low]
    assert list(selectors.review_queue(user, selectors.FindingFilters(status=""))) == [decided, high, low]
    assert list(selectors.review_queue(user, selectors.FindingFilters(act="ETK-04"))) == [high]
    assert list(selectors.review_queue(user, selectors.FindingFilters(min_score=0.9))) == [high]
    assert list(selectors.review_queue(user, selectors.FindingFilters(region="32.76"))) == []
    assert selectors.review_queue(user).get(pk=low.pk).post_count == 1
    assert selectors.status_counts(user) == {FindingStatus.NEW: 2, FindingStatus.CONFIRMED: 0,
                                             FindingStatus.REJECTED: 1}  # fmt: skip


def test_training_decisions_label_confirmed_one_neutral_zero_and_skip_other_reasons(people):
    confirmed = finding(nip="198001012005011001", text="Ayo coblos Rido!")
    neutral = finding(nip="198001012005011002", text="Jadwal debat malam ini.")
    wrong_person = finding(nip="198001012005011003", text="Coblos nomor 2!")
    finding(nip="198001012005011004", text="Belum diputuskan.")
    services.confirm_finding(confirmed, actor=people["bawaslu"])
    services.reject_finding(neutral, actor=people["bawaslu"], reason=RejectReason.NEUTRAL)
    services.reject_finding(wrong_person, actor=people["bawaslu"], reason=RejectReason.NOT_ASN)

    rows = list(selectors.training_decisions())

    assert rows == [
        ("Ayo coblos Rido!", "poster paslon nomor 1", "share", 1),
        ("Jadwal debat malam ini.", "poster paslon nomor 1", "share", 0),
    ]

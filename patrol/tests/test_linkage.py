"""Tests for patrol.linkage: linking post authors to ASN in the registry."""

import pickle
from datetime import UTC, datetime

import pytest

from patrol.linkage import Link, Registry, declared_status, name_key, normalise_name
from patrol.schema import Post, PostKind

PEOPLE = [
    (1, "198501012010011001", "Budi Santoso", "18.71", "Dinas Pendidikan Kota Bandar Lampung", "Guru"),
    (2, "198602022011012002", "Siti Rahmawati", "18.71", "Dinas Kesehatan Kota Bandar Lampung", "Bidan"),
    (3, "197703032005011003", "Ahmad Fauzi, S.Pd., M.Si.", "18.01", "Pemkab Lampung Selatan", "Camat"),
]
ACCOUNTS = [("instagram", "budi.guru", 1, "198501012010011001")]


def make_post(handle="someone", name="", bio="", platform="instagram"):
    return Post(
        platform=platform,
        post_id="1",
        url="",
        author_handle=handle,
        author_name=name,
        author_bio=bio,
        text="Ayo pilih nomor 2",
        kind=PostKind.POST,
        target="",
        posted_at=datetime(2029, 2, 1, tzinfo=UTC),
        media_text="",
        hashtags=(),
    )


@pytest.fixture(scope="module")
def registry():
    return Registry.from_rows(accounts=ACCOUNTS, people=PEOPLE)


def test_blocking_key():
    assert normalise_name("Dr. H. Budi Santoso, M.Pd.") == "budi santoso"
    assert name_key("budi santoso") == "buds"
    assert name_key("sukarno") == "suks"
    assert name_key("") == ""


def test_account_match(registry):
    links = registry.link(make_post(handle="budi.guru", name="Pak Guru"), "18.71")
    assert links == [Link(1, "198501012010011001", "account", 0.98, links[0].evidence)]
    assert "@budi.guru" in links[0].evidence
    assert "198501012010011001" in links[0].evidence


def test_account_on_other_platform_does_not_match(registry):
    assert registry.link(make_post(handle="budi.guru", platform="tiktok"), None) == []


def test_bio_declares_status(registry):
    links = registry.link(make_post(name="Mawar", bio="ASN Pemkab Lampung Selatan | Guru SD"), None)
    assert len(links) == 1
    link = links[0]
    assert (link.asn_id, link.nip, link.how, link.confidence) == (None, "", "bio", 0.7)
    assert "'ASN'" in link.evidence
    assert "status ASN" in link.evidence


def test_bio_declares_position_only(registry):
    (link,) = registry.link(make_post(name="Mawar", bio="Kabid Bina Marga, Dinas PU"), None)
    assert (link.how, link.confidence) == ("bio", 0.5)
    assert "Kabid" in link.evidence


@pytest.mark.parametrize(
    "bio",
    [
        "Kepala Desa Sukamaju",
        "Kades Sukamaju 2019-2025",
        "Tenaga honorer Dinas PU",
        "THL dinas pertanian",
        "guru honorer",
    ],
)
def test_non_asn_terms_give_no_link(registry, bio):
    assert registry.link(make_post(name="Mawar", bio=bio), "18.71") == []


def test_non_asn_does_not_hide_declared_status():
    assert declared_status("pegawai non-ASN") is None
    assert declared_status("PNS, mantan kades")[0] == 0.7
    assert declared_status("Anggota Satpol PP")[0] == 0.5  # "ASN (or non-ASN contract staff)" counts as ASN


def test_words_inside_other_words_are_not_cues():
    assert declared_status("Penggurauan dan kecamatan-nya") is None  # "gurau", not "guru"
    assert declared_status("pendukung pkb sejati") is None


def test_name_with_titles_matches_in_same_region(registry):
    links = registry.link(make_post(name="Dr. H. Budi Santoso, M.Pd."), "18.71")
    assert len(links) == 1
    link = links[0]
    assert (link.asn_id, link.how) == (1, "name")
    assert link.confidence >= 0.8
    assert "Budi Santoso" in link.evidence
    assert "Dinas Pendidikan Kota Bandar Lampung" in link.evidence


def test_name_match_in_district_and_province_of_the_region(registry):
    assert [link.asn_id for link in registry.link(make_post(name="budi santoso"), "18.71.01")] == [1]
    assert [link.asn_id for link in registry.link(make_post(name="budi santoso"), "18")] == [1]


def test_same_name_in_another_region_does_not_match(registry):
    assert registry.link(make_post(name="Budi Santoso"), "18.01") == []
    assert registry.link(make_post(name="Budi Santoso"), "32.73") == []


def test_no_name_match_without_region(registry):
    assert registry.link(make_post(name="Budi Santoso"), None) == []


def test_common_different_name_does_not_match(registry):
    assert registry.link(make_post(name="Budi Setiawan"), "18.71") == []
    assert registry.link(make_post(name="Budi Susanto Wibowo"), "18.71") == []


def test_bio_link_takes_the_asn_from_a_unique_name_match(registry):
    links = registry.link(make_post(name="Ahmad Fauzi", bio="Camat, PNS Lampung Selatan"), "18.01")
    assert [(link.how, link.asn_id) for link in links] == [("bio", 3)]
    assert "PNS" in links[0].evidence
    assert "Ahmad Fauzi" in links[0].evidence
    assert links[0].confidence > 0.9  # status in the bio and the name in the right region: both count


def test_region_named_in_the_bio_finds_the_person_there():
    registry = Registry.from_rows(
        people=[
            (21, "198501012010011001", "Budi Santoso, S.Pd.", "18.71", "Dinas Pendidikan", "Guru"),
            (22, "198501012010011002", "Budi Santoso", "32.73", "Dinas Pendidikan", "Guru"),
        ]
    )
    registry.add_region("18.71", "Kota Bandar Lampung")
    registry.add_region("32.73", "Kota Bandung")
    registry.add_region("32.04", "Kabupaten Bandung")
    links = registry.link(make_post(name="Budi Santoso", bio="Guru PNS Pemkot Bandung"))
    assert [(link.asn_id, link.region_code) for link in links] == [(22, "32.73")]
    # a regency of the same name is another government; nobody of that name works there
    links = registry.link(make_post(name="Budi Santoso", bio="PNS Pemkab Bandung"))
    assert [(link.how, link.asn_id, link.region_code) for link in links] == [("bio", None, "32.04")]
    # without a declared status the region alone links nobody
    assert registry.link(make_post(name="Budi Santoso", bio="warga Kota Bandung")) == []


def test_ambiguous_name_lowers_confidence():
    twins = Registry.from_rows(
        people=[
            (10, "1", "Budi Santoso", "18.71", "Dinas A", ""),
            (11, "2", "Budi Santoso", "18.71", "Dinas B", ""),
        ]
    )
    links = twins.link(make_post(name="Budi Santoso"), "18.71")
    assert {link.asn_id for link in links} == {10, 11}
    assert all(link.confidence == 0.45 for link in links)


def test_pickle_round_trip(registry):
    copy = pickle.loads(pickle.dumps(registry))  # noqa: S301 - our own bytes
    post = make_post(name="Dr. H. Budi Santoso, M.Pd.", bio="ASN")
    assert copy.link(post, "18.71") == registry.link(post, "18.71")
    assert copy.link(make_post(handle="budi.guru"), None) == registry.link(make_post(handle="budi.guru"), None)
    assert len(copy) == 3


@pytest.mark.django_db
def test_from_database():
    from regions.tests.factories import regency
    from registry.tests.factories import AgencyFactory, ASNFactory, SocialAccountFactory

    city = AgencyFactory(name="Dinas Pendidikan Kota Bandar Lampung", region=regency("18.71"))
    south = AgencyFactory(name="Pemkab Lampung Selatan", region=regency("18.01", "Kabupaten Lampung Selatan"))
    budi = ASNFactory(name="Budi Santoso", front_title="Drs.", back_title="M.Pd.", agency=city, position="Guru")
    other = ASNFactory(name="Budi Santoso", agency=south)
    ASNFactory(name="Budi Santoso", agency=city, is_active=False)
    SocialAccountFactory(asn=budi, platform="instagram", handle="budi.guru")
    SocialAccountFactory(asn=other, platform="instagram", handle="budi.selatan")

    everything = Registry.from_database()
    assert len(everything) == 2
    (link,) = everything.link(make_post(name="Budi Santoso"), "18.71")
    assert (link.asn_id, link.nip) == (budi.pk, budi.nip)
    assert "Drs. Budi Santoso, M.Pd." in link.evidence
    assert "Guru" in link.evidence
    assert everything.link(make_post(handle="budi.selatan"), None)[0].asn_id == other.pk

    city_only = Registry.from_database(region_codes=["18.71"])
    assert len(city_only) == 1
    assert city_only.link(make_post(handle="budi.selatan"), None) == []
    assert city_only.link(make_post(handle="budi.guru"), None)[0].asn_id == budi.pk

import json

import pytest

from news.gazetteer import Gazetteer
from news.tests.seeds import SEEDS

pytestmark = pytest.mark.unit

EXPECTED = json.loads((SEEDS / "expected.json").read_text(encoding="utf-8"))["articles"] if SEEDS.exists() else {}


@pytest.fixture(scope="module")
def gazetteer():
    return Gazetteer.load()


def codes(gazetteer, text):
    return [(m.code, m.how) for m in gazetteer.find_regions(text)]


def test_load_is_cached():
    assert Gazetteer.load() is Gazetteer.load()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Kegiatan di Kota Bontang kemarin", [("64.74", "qualified")]),
        ("Warga Bontang hadir", [("64.74", "bare")]),
        ("ASN Pemkot Bandung", [("32.73", "qualified")]),
        ("ASN Pemerintah Kota (Pemkot) Bandung", [("32.73", "qualified")]),
        ("Pemkab Lampung Barat", [("18.04", "qualified")]),
        ("di Kabupaten Lombok Barat", [("52.01", "qualified")]),
        ("di Kab. Lombok Barat", [("52.01", "qualified")]),
        ("Pemkab Lobar menggelar", [("52.01", "qualified")]),
        ("ASN Lobar dan Lotim", [("52.01", "alias"), ("52.03", "alias")]),
        ("Bawaslu Lampung Barat", [("18.04", "organisation")]),
        ("Bawaslu Kota Bandar Lampung", [("18.71", "organisation")]),
        ("Bawaslu Provinsi Lampung", [("18", "organisation")]),
        ("Pilkada di Jabar dan NTB", [("32", "alias"), ("52", "alias")]),
        ("Gubernur Jawa Timur", [("35", "bare")]),
        ("Pemprov Kaltim", [("64", "qualified")]),
        ("Bawaslu Jaksel", [("31.74", "organisation")]),
    ],
)
def test_find_regions_press_forms(gazetteer, text, expected):
    assert codes(gazetteer, text) == expected


def test_find_regions_longest_match_wins(gazetteer):
    assert codes(gazetteer, "Bandar Lampung") == [("18.71", "bare")]


def test_find_regions_offsets_point_into_text(gazetteer):
    text = "Kata Bupati, Kab. Lombok Barat siap."
    [mention] = gazetteer.find_regions(text)
    assert (text[mention.start : mention.end], mention.level) == ("Kab. Lombok Barat", "regency")


def test_find_regions_lowercase_bare_name_is_not_a_region(gazetteer):
    assert codes(gazetteer, "jumlah warga bontang") == []


def test_find_regions_common_word_regency_needs_qualifier(gazetteer):
    assert codes(gazetteer, "Agam datang membawa Batu") == []
    assert codes(gazetteer, "Bawaslu Kabupaten Agam dan Pemkot Batu") == [
        ("13.06", "organisation"),
        ("35.79", "qualified"),
    ]


def test_find_regions_shared_name_defaults_to_city(gazetteer):
    assert codes(gazetteer, "Bawaslu Bekasi") == [("32.75", "organisation")]


def test_find_regions_shared_name_follows_qualified_mention(gazetteer):
    text = "Pemkab Bandung menggelar apel. ASN Bandung hadir."
    assert codes(gazetteer, text) == [("32.04", "qualified"), ("32.04", "bare")]


def test_find_regions_common_village_name_alone_is_not_resolved(gazetteer):
    assert codes(gazetteer, "Warga Desa Sukamaju berkumpul") == []


def test_find_regions_village_supported_by_regency_in_text(gazetteer):
    text = "Warga Desa Sukamaju, Kabupaten Karo, berkumpul"
    found = [(m.regency, m.level) for m in gazetteer.find_regions(text)]
    assert found == [("12.06", "village"), ("12.06", "regency")]


def test_find_regions_unique_district_after_kecamatan(gazetteer):
    [mention] = gazetteer.find_regions("di Kecamatan Bontang Selatan")
    assert (mention.regency, mention.level) == ("64.74", "district")


def test_main_regions_dateline_wins_over_other_mentions(gazetteer):
    text = "Judul\n\nLampung Barat, Buana TV - Warga Lampung Selatan dan Lampung Barat hadir."
    assert gazetteer.main_regions(text, "Judul") == ["18.04"]


def test_main_regions_ignores_baca_juga_and_related_news(gazetteer):
    text = "Pemkab Lombok Barat gelar apel.\nBACA JUGA: Pemkab Lotim Tetap Gelar\nBerita Terkait\nKota Bima hebat"
    assert gazetteer.main_regions(text, "") == ["52.01"]


@pytest.mark.skipif(not EXPECTED, reason="seed corpus not present")
@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_main_regions_seeds_match_expected(gazetteer, name):
    text = (SEEDS / name).read_text(encoding="utf-8")
    assert gazetteer.main_regions(text, EXPECTED[name]["title"]) == EXPECTED[name]["regions"]

import json

import pytest

from news.gazetteer import Gazetteer
from news.people import find_organisers, find_people
from news.tests.seeds import SEEDS

pytestmark = pytest.mark.unit

EXPECTED = json.loads((SEEDS / "expected.json").read_text(encoding="utf-8"))["articles"] if SEEDS.exists() else {}


def people(text):
    return [(p.name, p.role, p.aliases) for p in find_people(text)]


def test_find_people_role_comma_name():
    text = "Ketua Bawaslu Bontang, Aldy Artrian, menegaskan pentingnya netralitas."
    assert people(text) == [("Aldy Artrian", "Ketua Bawaslu Bontang", [])]


def test_find_people_acting_role_is_normalised():
    text = "Apel dipimpin oleh Pelaksana Harian Wali Kota Bandung, Ema Sumarna bersama pegawai."
    assert people(text) == [("Ema Sumarna", "Plh Wali Kota Bandung", [])]


def test_find_people_name_then_role_in_parentheses():
    text = "menghadirkan Narasumber Dwi Haryono (Dosen Fakultas Ilmu Sosial dan Politik Universitas Mulawarman)."
    assert people(text) == [("Dwi Haryono", "Dosen Fakultas Ilmu Sosial dan Politik Universitas Mulawarman", [])]


def test_find_people_head_without_comma_keeps_most_specific_role():
    text = "Audiensi bersama Pj Bupati Nukman terkait ASN.\nSementara itu, Pj Bupati Lampung Barat Nukman membenarkan."
    assert people(text) == [("Nukman", "Pj Bupati Lampung Barat", [])]


def test_find_people_short_reference_and_nickname_become_aliases():
    text = (
        "Anggota Bawaslu Provinsi Lampung, Hamid Badrul Munir, dalam sambutannya.\n"
        "“Kami berharap,” ujar Hamid, yang akrab disapa Bang Obet."
    )
    assert people(text) == [("Hamid Badrul Munir", "Anggota Bawaslu Provinsi Lampung", ["Hamid", "Bang Obet"])]


def test_find_people_later_prefix_reference_is_merged():
    text = "Ketua Bawaslu Lampung Barat, Novri Jonestama mengatakan hal itu.\nJones menjelaskan, kegiatan ini penting."
    assert people(text) == [("Novri Jonestama", "Ketua Bawaslu Lampung Barat", ["Jones"])]


def test_find_people_guest_list_item_is_not_a_person():
    text = "dihadiri Forkopimda Kota Bontang, Komisioner Bawaslu Bontang, Stakeholder, Tim Sentra Gakkumdu."
    assert people(text) == []


def test_find_people_headline_words_are_not_names():
    assert people("Inilah Instruksi PJ Bupati Lombok Barat Jaga Netralitas ASN di Pilkada 2024") == []


def test_find_organisers_organising_verb_and_normal_form():
    text = "Bawaslu Lampung Barat bersama Pemkab Lampung Barat akan menggelar deklarasi."
    assert find_organisers(text, ["18.04"]) == ["Bawaslu Kabupaten Lampung Barat", "Pemerintah Kabupaten Lampung Barat"]


def test_find_organisers_agency_acronym_before_regency():
    text = "Webinar diadakan oleh Badan Kepegawaian (BKDPSDM) Kabupaten Lombok Barat pada Selasa."
    assert find_organisers(text, ["52.01"]) == ["BKDPSDM Kabupaten Lombok Barat"]


def test_find_organisers_falls_back_to_most_mentioned_government():
    text = "ASN Pemkot Bandung berikrar. Seluruh pegawai Pemkot Bandung hadir. Bawaslu Bandung memantau."
    assert find_organisers(text, ["32.73"]) == ["Pemerintah Kota Bandung"]


def test_find_organisers_outside_regions_are_ignored():
    text = "Bawaslu Provinsi Lampung menggelar rapat bersama Bawaslu Kota Metro."
    assert find_organisers(text, ["18.72"]) == ["Bawaslu Kota Metro"]


def seed(name):
    text = (SEEDS / name).read_text(encoding="utf-8")
    return text, EXPECTED[name]


@pytest.mark.skipif(not EXPECTED, reason="seed corpus not present")
@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_find_people_seeds_names_match_expected(name):
    text, expected = seed(name)
    assert [p.name for p in find_people(text)] == [p["name"] for p in expected["people"]]


@pytest.mark.skipif(not EXPECTED, reason="seed corpus not present")
@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_find_people_seeds_roles_match_expected(name):
    text, expected = seed(name)
    assert [p.role for p in find_people(text)] == [p["role"] for p in expected["people"]]


@pytest.mark.skipif(not EXPECTED, reason="seed corpus not present")
@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_find_organisers_seeds_match_expected(name):
    text, expected = seed(name)
    regions = Gazetteer.load().main_regions(text, expected["title"])
    assert find_organisers(text, regions) == expected["organisers"]

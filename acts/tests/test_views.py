import re

import pytest

from acts.tests.factories import ActFactory
from core.testing import texts

pytestmark = pytest.mark.integration

URL = "/pelanggaran/"


def headings(response) -> list[str]:
    return re.findall(r"<h2 id=\"jalur-[a-z]+\">([^<]+)</h2>", response.content.decode())


def act_codes(response) -> list[str]:
    return re.findall(r'<article class="card" id="([A-Z]+-\d+)"', response.content.decode())


@pytest.mark.django_db
def test_catalogue_is_public_and_groups_all_acts_by_track(catalogue, client):
    response = client.get(URL)

    assert response.status_code == 200
    assert "Daftar perbuatan yang dilarang bagi ASN" in response.content.decode()
    assert headings(response) == ["Pelanggaran kode etik", "Pelanggaran disiplin", "Tindak pidana pemilihan"]
    assert len(act_codes(response)) == 25
    assert texts(response, "result-count") == []


@pytest.mark.django_db
def test_catalogue_shows_plain_words_examples_level_and_legal_basis(catalogue, client):
    response = client.get(URL, {"q": "DSP-06"})

    [card] = texts(response, "act")
    assert card.startswith(
        "Menyukai, mengomentari, membagikan, atau mengikuti akun/grup pemenangan calon DSP-06 ASN tidak boleh"
    )
    for fragment in (
        "Contoh: ASN Pemerintah Kota Semarang memberi tanda suka pada unggahan Instagram seorang calon (Pilkada 2024)",
        "Sanksi Hukuman disiplin berat",
        "Dasar hukum PP 94/2021 Pasal 5 huruf n; Pasal 14; UU 5/2014 Pasal 9 ayat (2)",
        "Bila terhadap bakal calon (sebelum penetapan) ETK-04",
        "Laporkan : Menyukai",
    ):
        assert fragment in card


@pytest.mark.django_db
def test_catalogue_search_like_finds_both_phases(catalogue, client):
    response = client.get(URL, {"q": "like"})

    assert headings(response) == ["Pelanggaran kode etik", "Pelanggaran disiplin"]
    assert act_codes(response) == ["ETK-04", "DSP-06"]
    assert texts(response, "result-count") == ["2 perbuatan cocok dengan “like”. Tampilkan semua"]


@pytest.mark.django_db
def test_catalogue_search_without_match_says_so(catalogue, client):
    response = client.get(URL, {"q": "qwertyzzz"})

    assert act_codes(response) == []
    assert texts(response, "no-results")[0].startswith("Tidak ada perbuatan yang cocok.")


@pytest.mark.django_db
def test_catalogue_escapes_the_query(catalogue, client):
    response = client.get(URL, {"q": '<script>alert("x")</script>'})

    content = response.content.decode()
    assert "<script>alert" not in content
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in content


@pytest.mark.django_db
def test_search_form_works_without_javascript(catalogue, client):
    content = client.get(URL).content.decode()

    assert re.search(r'<form method="get" action="/pelanggaran/"', content)
    assert '<label for="acts-q">Cari perbuatan</label>' in content
    assert re.search(r'<input type="search" id="acts-q" name="q"', content)


@pytest.mark.django_db
def test_report_links_point_to_the_act_the_public_form_offers(catalogue, client):
    content = client.get(URL).content.decode()

    links = dict(
        re.findall(
            r'<article class="card" id="([A-Z]+-\d+)".*?<a class="button secondary" href="([^"]+)"', content, re.S
        )
    )
    assert (links["DSP-06"], links["ETK-04"], links["ETK-07"], links["PID-494"]) == (
        "/lapor/?act=DSP-06",
        "/lapor/?act=DSP-06",
        "/lapor/?act=ETK-07",
        "/lapor/",
    )


@pytest.mark.django_db
def test_catalogue_has_no_inline_script_or_style(catalogue, client):
    content = client.get(URL).content.decode()

    assert re.findall(r"<script(?![^>]*\bsrc=)", content) == []
    assert re.findall(r"<style|\bstyle=", content) == []


@pytest.mark.django_db
@pytest.mark.parametrize("item_count", [1, 3])
def test_catalogue_query_count_does_not_grow(client, django_assert_num_queries, item_count):
    ActFactory.create_batch(item_count)

    with django_assert_num_queries(1):
        response = client.get(URL)

    assert len(act_codes(response)) == item_count

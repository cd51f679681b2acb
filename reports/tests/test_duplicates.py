import hashlib
import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from reports import duplicates
from reports.duplicates import (
    FINGERPRINT_BYTES,
    THRESHOLD,
    DuplicateIndex,
    fingerprint,
    normalise_text,
    similarity,
)

pytestmark = pytest.mark.unit

REPORT = (
    "Pada hari Sabtu tanggal 12 Oktober 2024 sekitar pukul 09.00 WIB, Kepala Dinas Pendidikan Kabupaten Lampung "
    "Selatan, Bapak Ahmad Suryadi, S.Pd., M.M., menghadiri kampanye pasangan calon bupati nomor urut 2 di lapangan "
    "Desa Way Galih. Beliau memakai seragam dinas, naik ke panggung dan mengajak para guru yang hadir untuk memilih "
    "pasangan calon tersebut. Kegiatan ini disiarkan langsung di akun Facebook resmi tim pemenangan: "
    "https://facebook.com/TimMenang02/videos/123."
)
# Other reports of the same kind: ASN, campaigns, social media, but other people, places and acts.
UNRELATED = [
    "Seorang camat di Kota Bandar Lampung, Sdr. Rudi Hartono, mengunggah foto bersama calon wali kota di akun "
    "Instagram pribadinya dengan keterangan dukungan dan simbol jari dua. Unggahan tersebut disukai dan dibagikan "
    "oleh beberapa pegawai kecamatan pada tanggal 3 November 2024. Tangkapan layar unggahan terlampir.",
    "Lurah Kelurahan Rajabasa memasang spanduk bergambar calon wali kota nomor urut 1 di depan kantor kelurahan dan "
    "membagikan kalender kampanye kepada warga yang mengurus surat keterangan domisili pada hari kerja.",
    "Kepala Puskesmas Natar, dr. Siti Rahmawati, mengumpulkan bidan dan perawat honorer dalam rapat di aula puskesmas "
    "dan meminta mereka mendukung calon petahana; yang menolak diancam kontraknya tidak diperpanjang tahun depan.",
    "Sekretaris Desa Sukadamai ikut menjadi pembawa acara deklarasi relawan pemenangan calon gubernur di Gedung "
    "Serbaguna Kemiling pada malam hari, dan videonya beredar di grup WhatsApp warga sejak Minggu pagi.",
    "Guru SD Negeri 2 Metro menulis komentar ajakan memilih pasangan calon nomor urut 3 pada unggahan akun resmi "
    "partai, lalu membagikan unggahan itu ke grup wali murid kelas enam dengan pesan agar orang tua ikut memilih.",
]


def index_of(*texts: str) -> DuplicateIndex:
    index = DuplicateIndex()
    index.add_many((key, fingerprint(text)) for key, text in enumerate(texts, start=1))
    return index


def test_normalise_text_folds_case_width_and_spacing():
    assert normalise_text("  KEPALA\tDesa\n\nＷａｙ   Galih ") == "kepala desa way galih"


def test_normalise_text_drops_punctuation_between_words_only():
    assert normalise_text('Bapak Ahmad, S.Pd., (camat) — "hadir"!') == "bapak ahmad s.pd camat hadir"
    assert normalise_text("kode wilayah 18.71; jam 09.00") == "kode wilayah 18.71 jam 09.00"


def test_normalise_text_keeps_urls_lower_cased():
    assert normalise_text("Lihat: https://Facebook.com/TimMenang02/videos/123.") == (
        "lihat https://facebook.com/timmenang02/videos/123"
    )


def test_fingerprint_is_512_bytes():
    assert len(fingerprint(REPORT)) == FINGERPRINT_BYTES == 512


def test_fingerprint_short_text_is_none():
    assert fingerprint("Tolong segera ditindak, Pak!") is None
    assert fingerprint("   ") is None
    assert fingerprint("a" * 29) is None
    assert fingerprint("a" * 30) is not None


def test_fingerprint_ignores_case_and_spacing():
    assert fingerprint(REPORT.upper().replace(" ", "   ")) == fingerprint(REPORT)


def test_fingerprint_same_with_separately_built_permutations():
    first, second = duplicates._permutations(), duplicates._permutations()

    assert first is not second
    np.testing.assert_array_equal(first, second)
    np.testing.assert_array_equal(first, duplicates._PERMUTATIONS)


@pytest.mark.slow  # starts a Python process that imports numpy, scipy and datasketch
def test_fingerprint_same_in_another_process_with_another_hash_seed():
    # Python's own hash() changes with PYTHONHASHSEED; a fingerprint must not.
    script = "import sys; from reports.duplicates import fingerprint; print(fingerprint(sys.argv[1]).hex())"
    root = Path(__file__).resolve().parents[2]
    env = {**os.environ, "PYTHONHASHSEED": "12345"}

    result = subprocess.run(
        [sys.executable, "-c", script, REPORT], cwd=root, env=env, capture_output=True, text=True, check=True
    )

    assert bytes.fromhex(result.stdout.strip()) == fingerprint(REPORT)


PINNED = "31c61859b2fcd4e84e571d4f14b1f61661873d6c3a288f4da30a46bd1d3f2f70"  # sha256 of fingerprint(REPORT)


def test_fingerprint_is_pinned():
    # Stored fingerprints are only comparable with new ones while this holds. If it fails (new datasketch,
    # changed parameters or normalisation), every stored fingerprint must be recomputed.
    assert hashlib.sha256(fingerprint(REPORT)).hexdigest() == PINNED


def test_similarity_of_a_fingerprint_with_itself_is_one():
    assert similarity(fingerprint(REPORT), fingerprint(REPORT)) == 1.0


@given(st.text(min_size=30, max_size=400))
def test_similarity_with_itself_is_one_for_any_text(text):
    fp = fingerprint(text)
    assume(fp is not None)

    assert similarity(fp, fp) == 1.0


def test_similarity_refuses_a_short_fingerprint():
    with pytest.raises(ValueError, match="512 bytes"):
        similarity(fingerprint(REPORT), b"\0" * 16)


@pytest.mark.parametrize(
    "variant",
    [
        pytest.param(
            REPORT.replace("Sabtu", "Minggu").replace("09.00", "10.00").replace("para guru", "guru-guru"),
            id="words-changed",
        ),
        pytest.param(REPORT.upper().replace(", ", " ,  ").replace(". ", ".\n\n"), id="case-and-spacing"),
        pytest.param(
            REPORT + " Saya memiliki foto dan video kejadian tersebut yang saya lampirkan bersama laporan ini.",
            id="sentence-added",
        ),
        pytest.param(REPORT.replace("Bapak Ahmad Suryadi, S.Pd., M.M.", "Sdr. Ahmad Suryadi"), id="name-shortened"),
    ],
)
def test_query_finds_an_edited_copy(variant):
    index = index_of(REPORT, *UNRELATED)

    found = index.query(fingerprint(variant))

    assert [key for key, _ in found] == [1]
    assert found[0][1] >= THRESHOLD


def test_query_ignores_unrelated_reports():
    index = index_of(*UNRELATED)

    assert index.query(fingerprint(REPORT)) == []
    for key, text in enumerate(UNRELATED, start=1):
        assert index.query(fingerprint(text), exclude=key) == [], text


def test_query_excludes_the_report_itself():
    index = index_of(REPORT, *UNRELATED)

    assert index.query(fingerprint(REPORT)) == [(1, 1.0)]
    assert index.query(fingerprint(REPORT), exclude=1) == []


def test_query_sorts_most_similar_first():
    close = REPORT.replace("Sabtu", "Minggu")
    further = close.replace("09.00", "10.00").replace("para guru", "guru-guru").replace("seragam", "baju")
    index = index_of(further, close, *UNRELATED)

    found = index.query(fingerprint(REPORT))

    assert [key for key, _ in found] == [2, 1]
    assert found[0][1] > found[1][1] >= THRESHOLD


def test_index_counts_keys_and_tracks_high_water():
    index = DuplicateIndex()
    assert (len(index), index.high_water) == (0, 0)

    index.add_many([(7, fingerprint(UNRELATED[0])), (3, fingerprint(UNRELATED[1]))])
    index.add(5, fingerprint(UNRELATED[2]))

    assert (len(index), index.high_water) == (3, 7)
    assert (3 in index, 5 in index, 7 in index, 4 in index) == (True, True, True, False)


def test_index_add_replaces_a_fingerprint():
    index = index_of(REPORT)

    index.add(1, fingerprint(UNRELATED[0]))

    assert len(index) == 1
    assert index.query(fingerprint(REPORT)) == []
    assert index.query(fingerprint(UNRELATED[0])) == [(1, 1.0)]


def test_index_add_many_refuses_a_bad_fingerprint_without_changing_anything():
    index = index_of(REPORT)

    with pytest.raises(ValueError, match="512 bytes"):
        index.add_many([(2, fingerprint(UNRELATED[0])), (3, b"short")])

    assert (len(index), index.high_water, 2 in index) == (1, 1, False)

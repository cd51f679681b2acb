"""Cleaning on the five seed pages: every story sentence kept, every piece of furniture gone, the headline found."""

import json
import re

import pytest

from news.cleaning import MAX_INPUT_CHARS, Cleaned, CleaningError, clean
from news.tests.seeds import SEEDS

pytestmark = pytest.mark.unit


EXPECTED = json.loads((SEEDS / "expected.json").read_text())["articles"] if SEEDS.exists() else {}
NAMES = sorted(EXPECTED)
needs_seeds = pytest.mark.skipif(not SEEDS.exists(), reason="seed corpus not present")

FURNITURE = re.compile(
    r"baca juga|berita terkait|berita terbaru|editor\s*:|penulis\s*:|foto\s*:|facebook|whatsapp|berhasil dicopy|"
    r"lompat ke isi|breaking news|category:|\(\*\*/red\)|\(editorMRC\)|2026|Desember 2025",
    re.IGNORECASE,
)


def _flat(text: str) -> str:
    return " ".join(text.split())


def _story_sentences(raw: str) -> list[str]:
    # Story lines are long and end like sentences; list headlines do not, "Baca Juga" links are named.
    lines = [_flat(line) for line in raw.splitlines()]
    long_lines = [
        line
        for line in lines
        if len(line.split()) >= 12 and not line.lower().startswith("baca juga") and re.search(r"[.!?”\")]$", line)
    ]
    chunks = [c for line in long_lines for c in re.split(r"(?<=[.!?”\"])\s+", line)]
    return [c for c in chunks if len(c.split()) >= 3]


@needs_seeds
@pytest.mark.parametrize("name", NAMES)
def test_clean_seed_title_is_expected_headline(name):
    cleaned = clean((SEEDS / name).read_text())

    assert cleaned.title == EXPECTED[name]["title"]


@needs_seeds
@pytest.mark.parametrize("name", NAMES)
def test_clean_seed_keeps_every_story_sentence(name):
    raw = (SEEDS / name).read_text()

    text = _flat(clean(raw).text)

    missing = [s for s in _story_sentences(raw) if s not in text]
    assert missing == []


@needs_seeds
@pytest.mark.parametrize("name", NAMES)
def test_clean_seed_keeps_every_quote(name):
    raw = _flat((SEEDS / name).read_text())
    quotes = re.findall(r"[“\"]([^”\"]{20,})[”\"]", raw)

    text = _flat(clean((SEEDS / name).read_text()).text)

    assert [q for q in quotes if _flat(q) not in text] == []


@needs_seeds
@pytest.mark.parametrize("name", NAMES)
def test_clean_seed_drops_furniture(name):
    cleaned = clean((SEEDS / name).read_text())

    assert FURNITURE.findall(cleaned.text) == []


@needs_seeds
def test_clean_seed_000_removes_related_list_and_credits():
    cleaned = clean((SEEDS / "000_fe04745ebec63859.txt").read_text())

    assert cleaned.paragraphs[0] == "Kamis, 5 September 2024 - 15:14 WIB"
    assert cleaned.paragraphs[-1].startswith("Deklarasi ini diharapkan")
    assert cleaned.removed.count("Editor : Ahlun Nazar") == 1
    assert len([r for r in cleaned.removed if r.endswith("WIB")]) == 5


@needs_seeds
def test_clean_seed_004_rejoins_broken_sentence():
    cleaned = clean((SEEDS / "004_0c28e0f1d964a83e.txt").read_text())

    assert "secara bersama sama membacakan deklarasi" in cleaned.text
    assert cleaned.removed == ["Category: Daerah"]


def test_clean_html_drops_script_nav_footer_and_finds_h1():
    page = (
        "<!doctype html><html><head><title>Judul Berita | Situs</title><script>var x=1;</script></head><body>"
        "<nav>Beranda Politik</nav><h1>Judul Berita</h1><p>Paragraf pertama berita ini.</p>"
        "<aside>Terpopuler</aside><p>Baca Juga: Lain</p><p>Paragraf kedua &amp; terakhir.</p>"
        "<footer>Hak cipta</footer></body></html>"
    )

    cleaned = clean(page)

    assert cleaned.title == "Judul Berita"
    assert cleaned.paragraphs == ["Paragraf pertama berita ini.", "Paragraf kedua & terakhir."]


def test_clean_broken_html_gives_result():
    cleaned = clean("<html><body><h1>Judul Yang Cukup Panjang<p>Isi berita <b>tanpa penutup. <div>Kalimat kedua.")

    assert cleaned.title == "Judul Yang Cukup Panjang"
    assert cleaned.paragraphs == ["Isi berita tanpa penutup.", "Kalimat kedua."]


def test_clean_plain_credits_and_cookie_removed():
    raw = "Judul Berita Hari Ini Sangat Penting\n\nKami menggunakan cookie.\n\nIsi berita. (ant/abc)\n\nReporter: A"

    cleaned = clean(raw)

    assert cleaned == Cleaned(
        title="Judul Berita Hari Ini Sangat Penting",
        paragraphs=["Isi berita."],
        removed=["Kami menggunakan cookie.", "(ant/abc)", "Reporter: A"],
    )


@pytest.mark.parametrize("raw", ["", "   \n\n  ", b"\xff\xfe\x00\x01", "\x00\x01\x02\x03" * 100, 42])
def test_clean_bad_input_raises_cleaning_error(raw):
    with pytest.raises(CleaningError) as info:
        clean(raw)

    assert " / " in str(info.value)


def test_clean_only_furniture_raises_cleaning_error():
    with pytest.raises(CleaningError):
        clean("Bagikan\n\nfacebook twitter whatsapp\n\nBaca Juga: Sesuatu")


def test_clean_enormous_input_is_cut_and_reported():
    raw = "Judul Berita Yang Sangat Panjang Sekali\n\n" + "Kalimat berita yang diulang. " * (MAX_INPUT_CHARS // 20)

    cleaned = clean(raw)

    assert cleaned.warnings == [f"input of {len(raw)} characters cut to {MAX_INPUT_CHARS}"]
    assert len(cleaned.paragraphs) == 1

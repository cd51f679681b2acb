"""Tests for patrol.normalize — pure functions, no database."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from patrol.normalize import SLANG, hashtags, mentions, normalize, tokens, urls


def has_seq(toks: list[str], seq: str) -> bool:
    want = seq.split()
    return any(toks[i : i + len(want)] == want for i in range(len(toks) - len(want) + 1))


def test_campaign_post_full():
    text = "Yuk pilih no 2 ya gaes, udh pasti menang bgt!!! #Coblos02 ✌️"
    assert normalize(text) == ("ayo pilih nomor 2 ya kalian sudah pasti menang banget coblos nomor 2 <emoji:dua_jari>")
    assert hashtags(text) == ["coblos02"]


def test_squeeze_and_gesture_repeat():
    assert normalize("Mantaaappp pak bupati 👍👍") == "mantap pak bupati <emoji:jempol> <emoji:jempol>"


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("bangeeet", "banget"),
        ("mantaaapp", "mantap"),
        ("mantapp", "mantap"),  # 2 -> 1 only because "mantap" is known
        ("maaaaf", "maaf"),  # 3+ -> 2 when that is the known word
        ("tidaaak", "tidak"),
        ("gaaaa", "tidak"),  # squeezed to slang "ga"
        ("kerennn", "keren"),
        ("sekolahhh", "sekolah"),
        ("saat", "saat"),  # legit double letters are untouched
        ("2000", "2000"),  # digits are never squeezed
    ],
)
def test_squeeze(raw, expected):
    assert normalize(raw) == expected


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("yg", "yang"),
        ("gak ga nggak ngga tdk", "tidak tidak tidak tidak tidak"),
        ("udh sdh blm", "sudah sudah belum"),
        ("dgn utk krn", "dengan untuk karena"),
        ("sy aq aku km org jgn bs", "saya aku aku kamu orang jangan bisa"),
        ("tp sm dr pd kpd", "tapi sama dari pada kepada"),
        ("nmr nomer nmor", "nomor nomor nomor"),
        ("gpp", "tidak apa apa"),
        ("paslon cawabup cabup cawalkot cagub pilkada pemilu", "paslon cawabup cabup cawalkot cagub pilkada pemilu"),
    ],
)
def test_slang(raw, expected):
    assert normalize(raw) == expected


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("nomor urut dua", "nomor 2"),
        ("no 2", "nomor 2"),
        ("no.2", "nomor 2"),
        ("No2", "nomor 2"),
        ("nomor 02", "nomor 2"),
        ("paslon 02", "paslon nomor 2"),
        ("paslon nomor 2", "paslon nomor 2"),
        ("coblos no. 3", "coblos nomor 3"),
        ("nyoblos nmr tiga", "nyoblos nomor 3"),
        ("coblos 2️⃣", "coblos nomor 2"),
        ("pilih 1", "pilih nomor 1"),
        ("pilih dua duanya", "pilih dua duanya"),  # number words only after strong cues
        ("no way", "no way"),  # bare English "no" stays
        ("harga 02", "harga 02"),  # no cue, no rewrite
    ],
)
def test_ballot_numbers(raw, expected):
    assert normalize(raw) == expected


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("#Coblos02", "coblos nomor 2"),
        ("#SalamDuaJari", "salam dua jari"),
        ("#salamduajari", "salam dua jari"),
        ("#lanjutduaperiode", "lanjut dua periode"),
        ("#pilihnomorsatu", "pilih nomor 1"),
        ("#BupatiKITA", "bupati kita"),
        ("#xyzabc", "xyzabc"),  # unsplittable -> kept
    ],
)
def test_hashtags_expanded(raw, expected):
    assert normalize(raw) == expected


def test_emoji_tokens():
    text = "1️⃣ 2️⃣ 3️⃣ ➊ ➋ ①②③ 👆 ☝️ ✌🏽 👍🏿 🇮🇩 🙏 😍 🦄"
    assert tokens(text) == [
        "1",
        "2",
        "3",
        "1",
        "2",
        "1",
        "2",
        "3",
        "<emoji:tunjuk_atas>",
        "<emoji:satu_jari>",
        "<emoji:dua_jari>",
        "<emoji:jempol>",
        "<emoji:bendera_indonesia>",
        "<emoji:doa>",
        "<emoji:kagum>",
        "<emoji:1f984>",
    ]


def test_urls_removed_but_extracted():
    text = "Info paslon: https://bit.ly/Paslon02, lihat juga www.kpu.go.id/pilkada. dan bit.ly/abc"
    assert urls(text) == ["https://bit.ly/Paslon02", "www.kpu.go.id/pilkada", "bit.ly/abc"]
    out = normalize(text)
    assert "bit" not in out
    assert "kpu" not in out
    assert out == "info paslon lihat juga dan"


def test_mentions_kept():
    text = "Mantap @Bupati_Sleman dan @KPU_RI! email a@b.com"
    assert mentions(text) == ["bupati_sleman", "kpu_ri"]
    toks = tokens(text)
    assert "@bupati_sleman" in toks
    assert "@kpu_ri" in toks
    assert "@b" not in toks  # e-mail is not a mention


def test_extractors():
    text = "#Coblos02 #SalamDuaJari @Tim_Menang https://t.co/XyZ #a https://x.com/p#frag"
    assert hashtags(text) == ["coblos02", "salamduajari", "a"]
    assert mentions(text) == ["tim_menang"]
    assert urls(text) == ["https://t.co/XyZ", "https://x.com/p#frag"]


def test_realistic_posts():
    posts = {
        "Sbg ASN sy dukung paslon 02, jgn lupa coblos ya!! 🙏": [
            "sebagai asn saya dukung paslon nomor 2",
            "jangan lupa coblos ya <emoji:doa>",
        ],
        "Ayo bapak ibu guru, tgl 27 nov pilih no. urut 1 ☝️ #LanjutkanPembangunan": [
            "tanggal 27 nov pilih nomor 1 <emoji:satu_jari>",
            "lanjutkan pembangunan",
        ],
        "NOMOR URUT TIGAAA!!! 🤟🤟 menang satu putaran": ["nomor 3 <emoji:tiga_jari>", "menang satu putaran"],
    }
    for text, seqs in posts.items():
        toks = tokens(text)
        for seq in seqs:
            assert has_seq(toks, seq), (text, toks, seq)


def test_whitespace_and_empty():
    assert normalize("") == ""
    assert normalize("   \n\t ") == ""
    assert normalize("  halo \n\n  dunia   ") == "halo dunia"
    assert tokens("halo  dunia") == ["halo", "dunia"]


def test_slang_table_is_consistent():
    assert len(SLANG) >= 150
    for key, words in SLANG.items():
        assert key == key.lower().strip()
        assert " " not in key
        for w in words:
            # every target word is a fixed point, so normalisation is idempotent
            assert normalize(w) == w, (key, w)


CAMPAIGN_ALPHABET = st.sampled_from(
    [
        *"aAbcdegiklmnoprstuyz0123 .,!?#@:/_-",
        "✌️",
        "👍🏽",
        "1️⃣",
        "①",
        "➋",
        "\u200d",
        "🇮🇩",
        "https://",
        "www.",
        "no ",
        "paslon ",
        "urut ",
        "02",
        "dua",
    ],
)
campaign_text = st.lists(CAMPAIGN_ALPHABET, max_size=40).map("".join)


@settings(max_examples=400, deadline=None)
@given(st.one_of(st.text(max_size=80), campaign_text))
def test_idempotent(text):
    once = normalize(text)
    assert normalize(once) == once
    assert tokens(once) == once.split()
    assert "  " not in once
    assert once == once.strip()

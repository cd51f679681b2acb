"""What the stance model sees (placeholders, not candidates) and whether it tells support from neutral talk."""

import pytest

from patrol import training
from patrol.classifier import model_text
from patrol.normalize import normalize

pytestmark = pytest.mark.unit


def _model_input(text: str, kind: str = "post") -> str:
    book = training.fixture_book()
    pilkada = next(e for e in book.elections if e.slug == "pilkada-2024")
    normalised = normalize(text)
    return model_text(normalised, book.automaton(pilkada.id, "31").find(normalised), kind)


def test_model_text_replaces_candidates_accounts_hashtags_and_numbers_by_placeholders():
    seen = _model_input("Coblos nomor 3 Pramono Anung! Mas Pram & Rano Karno #pramonorano, kata @ridwankamil juga")

    assert seen.startswith("xjenispostx ")
    for name in ("pramono", "rano", "karno", "mas pram", "ridwankamil", " 3"):
        assert name not in seen
    assert (seen.count("xcalonx"), seen.count("xnomorx"), seen.count("xtagarx"), seen.count("xakunx")) == (3, 1, 1, 1)


def test_model_text_makes_unknown_ballot_numbers_generic_and_names_the_kind():
    assert _model_input("Pilih nomor urut 7 ya", kind="share") == "xjenissharex pilih xnomorx ya"


def test_shipped_model_ranks_a_clear_support_post_above_a_neutral_one():
    model = training.shipped_model()
    support = _model_input("Ayo coblos Pramono-Rano nomor 3, pasti menang! Jakarta butuh Mas Pram!")
    neutral = _model_input("Ayo datang ke TPS tanggal 27 November, gunakan hak pilih kalian dengan bijak.")

    support_score, neutral_score = model.partisan_probability([support, neutral])

    assert support_score > 0.5 > neutral_score

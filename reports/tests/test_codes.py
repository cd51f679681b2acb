import hashlib
import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from reports import codes
from reports.codes import ALPHABET, code_digest, format_code, new_receipt_code, normalise_code

pytestmark = pytest.mark.unit

FORMATTED = re.compile(r"^[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){3}$")
canonical_codes = st.text(alphabet=ALPHABET, min_size=16, max_size=16)


def test_new_receipt_code_is_four_groups_of_four():
    code = new_receipt_code()

    assert FORMATTED.match(code) is not None, code


def test_alphabet_is_crockford_without_confusables():
    assert len(ALPHABET) == 32
    assert set(ALPHABET) & set("ILOU") == set()


def test_new_receipt_code_uses_exactly_80_bits(monkeypatch):
    asked = []

    def randbits(k):
        asked.append(k)
        return 2**k - 1

    monkeypatch.setattr(codes.secrets, "randbits", randbits)

    assert new_receipt_code() == "ZZZZ-ZZZZ-ZZZZ-ZZZZ"
    assert asked == [80]
    assert len(normalise_code(new_receipt_code())) * 5 == 80


def test_new_receipt_code_zero_keeps_leading_zeros(monkeypatch):
    monkeypatch.setattr(codes.secrets, "randbits", lambda k: 0)

    assert new_receipt_code() == "0000-0000-0000-0000"


def test_new_receipt_code_every_position_takes_every_symbol():
    samples = [normalise_code(new_receipt_code()) for _ in range(3000)]

    # 80 bits fill 16 × 5 bits exactly, so even the first character is uniform over all 32 symbols; the
    # chance that 3000 samples miss a symbol in a given position is about 32 × (31/32)**3000 ≈ 1e-40.
    assert {sample[0] for sample in samples} == set(ALPHABET)
    assert {sample[-1] for sample in samples} == set(ALPHABET)
    assert len(set(samples)) == len(samples)


@given(canonical_codes)
def test_format_then_normalise_round_trips(canonical):
    formatted = format_code(canonical)

    assert FORMATTED.match(formatted) is not None
    assert normalise_code(formatted) == canonical
    assert normalise_code(formatted.lower()) == canonical
    assert normalise_code(formatted.replace("-", " ")) == canonical


@given(st.integers(min_value=0, max_value=2**80 - 1))
def test_encoding_is_big_endian_base32(number):
    canonical = codes._encode(number)

    assert sum(ALPHABET.index(char) * 32**power for power, char in enumerate(reversed(canonical))) == number


def test_normalise_code_accepts_what_people_type():
    assert normalise_code("7K3M-Q9TX-2HBD-V4NP") == "7K3MQ9TX2HBDV4NP"
    assert normalise_code("  7k3m q9tx 2hbd v4np\n") == "7K3MQ9TX2HBDV4NP"
    assert normalise_code("7K3MQ9TX2HBDV4NP") == "7K3MQ9TX2HBDV4NP"
    assert normalise_code("7K3M – Q9TX – 2HBD – V4NP") == "7K3MQ9TX2HBDV4NP"
    assert normalise_code("７Ｋ３Ｍ－Ｑ９ＴＸ－２ＨＢＤ－Ｖ４ＮＰ") == "7K3MQ9TX2HBDV4NP"


def test_normalise_code_maps_crockford_confusables():
    assert normalise_code("OOOO-oooo-IIII-llll") == "0000000011111111"
    assert normalise_code("1O2I-3L4o-5i6l-7890") == "1021314051617890"


@pytest.mark.parametrize(
    "text",
    [
        "",
        "7K3M-Q9TX-2HBD-V4N",  # 15 characters
        "7K3M-Q9TX-2HBD-V4NPX",  # 17 characters
        "7K3M-Q9TX-2HBD-V4NU",  # U is not in the alphabet
        "7K3M-Q9TX-2HBD-V4N*",
        "7K3M.Q9TX.2HBD.V4NP",  # dots are not separators
        "7K3M-Q9TX-2HBD-V4Né",
        "7K3M" + " " * 60 + "Q9TX2HBDV4NP",  # over 64 characters, even if it would fold to a code
    ],
)
def test_normalise_code_refuses_non_codes(text):
    assert normalise_code(text) is None


def test_normalise_code_refuses_non_strings():
    assert normalise_code(None) is None


def test_code_digest_is_sha256_of_the_canonical_form():
    assert code_digest("7K3M-Q9TX-2HBD-V4NP") == hashlib.sha256(b"7K3MQ9TX2HBDV4NP").hexdigest()


def test_code_digest_same_for_every_spelling_of_one_code():
    spellings = ["7K3M-Q9TX-2HBD-V4NP", "7k3mq9tx2hbdv4np", " 7K3M Q9TX 2HBD V4NP ", "7k3m-q9tx-2hbd-v4np"]

    assert {code_digest(spelling) for spelling in spellings} == {code_digest("7K3MQ9TX2HBDV4NP")}
    assert code_digest("1O00-0000-0000-0000") == code_digest("1000-0000-0000-0000")
    assert code_digest("1000-0000-0000-0000") != code_digest("1000-0000-0000-0001")


def test_code_digest_refuses_non_codes():
    with pytest.raises(ValueError, match="not a receipt code"):
        code_digest("UUUU-UUUU-UUUU-UUUU")


def test_format_code_groups_by_four():
    assert format_code("7K3MQ9TX2HBDV4NP") == "7K3M-Q9TX-2HBD-V4NP"
    assert format_code("7k3m q9tx 2hbd v4np") == "7K3M-Q9TX-2HBD-V4NP"


def test_format_code_refuses_non_codes():
    with pytest.raises(ValueError, match="not a receipt code"):
        format_code("7K3M")

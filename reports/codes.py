"""Receipt codes: the secret a reporter gets once after submitting and types later to see the report's status.

A code is 80 random bits written in Crockford base32: 16 characters, shown as four groups of four
("7K3M-Q9TX-2HBD-V4NP"). Crockford's alphabet leaves out I, L, O and U, so a code read aloud or copied by hand
survives the usual mistakes; `normalise_code` maps the look-alikes back. Only `code_digest` is stored.
"""

import hashlib
import secrets
import unicodedata

ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
BITS = 80
LENGTH = 16  # 16 characters × 5 bits = 80 bits
GROUP = 4
MAX_INPUT = 64  # longer input is not a mistyped code; refuse it before doing any work

_VALUES = {char: value for value, char in enumerate(ALPHABET)}
# Crockford's decoding rules: O reads as zero, I and L as one. U stays invalid (it is not in the alphabet).
_CONFUSABLES = str.maketrans({"O": "0", "I": "1", "L": "1"})
# Separators people type or paste between groups: spaces and hyphen-like dashes.
_SEPARATORS = frozenset("-‐‑‒–—−_")


def new_receipt_code() -> str:
    """A fresh receipt code from the `secrets` module, formatted in groups of four."""
    return format_code(_encode(secrets.randbits(BITS)))


def normalise_code(text: str) -> str | None:
    """The 16-character canonical form of a code as a person typed it, or None if it cannot be a code.

    Accepts any case, spaces and dashes anywhere, and Crockford's look-alikes (O for 0, I and L for 1).
    Refuses a wrong length, characters outside the alphabet (including U) and input over 64 characters.
    """
    if not isinstance(text, str) or len(text) > MAX_INPUT:
        return None
    # NFKC turns full-width characters from a phone keyboard ("７Ｋ３Ｍ") into ASCII.
    folded = unicodedata.normalize("NFKC", text).upper().translate(_CONFUSABLES)
    canonical = "".join(char for char in folded if not (char.isspace() or char in _SEPARATORS))
    if len(canonical) != LENGTH or any(char not in _VALUES for char in canonical):
        return None
    return canonical


def code_digest(code: str) -> str:
    """SHA-256 (hex) of the canonical form of `code`; any spelling of one code gives the same digest.

    Raises ValueError if `code` is not a receipt code.
    """
    # A plain, unsalted hash is enough here: a code has 80 bits of randomness, so even with a stolen database an
    # offline search needs about 2**79 SHA-256 evaluations per code. Salts and slow hashes protect low-entropy
    # passwords; they would only cost us the deterministic digest that lets the status page find a report
    # with one indexed lookup.
    canonical = normalise_code(code)
    if canonical is None:
        raise ValueError("not a receipt code")
    return hashlib.sha256(canonical.encode("ascii")).hexdigest()


def format_code(canonical: str) -> str:
    """A code as shown to people: four groups of four joined by "-". Accepts any spelling of a code.

    Raises ValueError if `canonical` is not a receipt code.
    """
    code = normalise_code(canonical)
    if code is None:
        raise ValueError("not a receipt code")
    return "-".join(code[start : start + GROUP] for start in range(0, LENGTH, GROUP))


def _encode(number: int) -> str:
    """`number` (0 ≤ number < 2**80) as 16 base32 digits, most significant first."""
    digits = []
    for _ in range(LENGTH):
        number, value = divmod(number, 32)
        digits.append(ALPHABET[value])
    return "".join(reversed(digits))

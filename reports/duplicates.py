"""Near-duplicate report texts: MinHash fingerprints of character 5-grams, and an in-memory LSH index over them.

The same incident is often reported twice: a reporter resubmits after an error, forwards the text to a second
office, or a group sends one message with small edits. Staff see such reports flagged as "possible duplicates";
nothing is merged automatically.

A fingerprint is 512 bytes (128 little-endian uint32 MinHash values) that the caller stores next to the report.
Fingerprints are only comparable when made with the same NUM_PERM, SHINGLE, SEED, SCHEME and the same
normalisation: changing any of them (or a datasketch release that changes its hashing) means recomputing every
stored fingerprint. `test_fingerprint_is_pinned` in the tests fails when that happens.
"""

import re
import unicodedata
from collections.abc import Iterable

import numpy as np
from datasketch import LeanMinHash, MinHash, MinHashLSH

NUM_PERM = 128
SHINGLE = 5
# Character 5-gram Jaccard of a report with itself after a few words changed, different spacing or case, or a
# sentence added is typically 0.75–0.95; two different reports about the same kind of act (both mention
# "kepala desa", "kampanye", "foto bersama") share common words but stay around 0.05–0.25. 0.6 sits between the
# two with a margin of several standard errors of the 128-permutation estimate (≈ 0.043 at J = 0.6). A report
# that doubles in length when resubmitted (J ≤ 0.5) is missed: a deliberate trade for few false alarms.
THRESHOLD = 0.6
# A fixed seed makes the random permutations, and so every fingerprint, the same in every process and after every
# restart; fingerprints stored in the database stay comparable.
SEED = 1
# datasketch 2's default scheme; named explicitly so a future default cannot silently change our fingerprints.
SCHEME = "affine32"
MIN_LENGTH = 30  # shorter normalised texts ("lihat foto", "tolong ditindak") match too much to mean anything
FINGERPRINT_BYTES = NUM_PERM * 4

_DTYPE = np.dtype("<u4")
_PUNCTUATION = re.compile(r"[^\w\s]+")
_SPACES = re.compile(r"\s+")


def _permutations(seed: int = SEED) -> np.ndarray:
    """The MinHash permutation parameters for `seed`; deterministic (numpy's seeded RandomState)."""
    return MinHash(num_perm=NUM_PERM, seed=seed, scheme=SCHEME).permutations


# Generating the permutations costs more than hashing a short report, so it is done once per process.
_PERMUTATIONS = _permutations()


def normalise_text(text: str) -> str:
    """Text reduced to what matters for similarity: NFKC, lower case, punctuation between words dropped,
    whitespace collapsed.

    Punctuation inside a word stays ("s.pd", "18.71", "https://contoh.id/a-b"), so URLs survive as they are,
    only lower-cased.
    """
    folded = unicodedata.normalize("NFKC", text or "").casefold()
    return _SPACES.sub(" ", _PUNCTUATION.sub(_drop_outside_words, folded)).strip()


def _drop_outside_words(match: re.Match) -> str:
    """A punctuation run between two word characters stays; elsewhere it becomes a space."""
    text, start, end = match.string, match.start(), match.end()
    inside = start > 0 and end < len(text) and _is_word(text[start - 1]) and _is_word(text[end])
    return match.group() if inside else " "


def _is_word(char: str) -> bool:
    return char.isalnum() or char == "_"


def fingerprint(text: str) -> bytes | None:
    """The MinHash fingerprint (512 bytes) of the text's character 5-grams, or None for a text too short to
    compare (under 30 characters after normalisation)."""
    normalised = normalise_text(text)
    if len(normalised) < MIN_LENGTH:
        return None
    shingles = {normalised[i : i + SHINGLE] for i in range(len(normalised) - SHINGLE + 1)}
    minhash = MinHash(num_perm=NUM_PERM, seed=SEED, permutations=_PERMUTATIONS, scheme=SCHEME)
    # datasketch's default hash is SHA-1 truncated to 32 bits: unlike Python's hash() it is the same in
    # every process, whatever PYTHONHASHSEED says.
    minhash.update_batch([shingle.encode("utf-8") for shingle in shingles])
    values = minhash.hashvalues
    # affine32 keeps values below 2**32; check rather than let a wider dtype be truncated silently.
    if values.dtype.itemsize > 4 and int(values.max()) >= 2**32:
        raise ValueError("MinHash values do not fit in 32 bits")
    return values.astype(_DTYPE).tobytes()


def similarity(a: bytes, b: bytes) -> float:
    """The estimated Jaccard similarity (0.0–1.0) of the texts behind two fingerprints."""
    return float(np.count_nonzero(_values(a) == _values(b))) / NUM_PERM


def _values(fp: bytes) -> np.ndarray:
    if len(fp) != FINGERPRINT_BYTES:
        raise ValueError(f"a fingerprint has {FINGERPRINT_BYTES} bytes, not {len(fp)}")
    return np.frombuffer(fp, dtype=_DTYPE)


def _sketch(fp: bytes) -> LeanMinHash:
    # LeanMinHash carries no permutations: cheaper to build than a MinHash, and all an LSH needs.
    return LeanMinHash(seed=SEED, hashvalues=_values(fp), scheme=SCHEME)


class DuplicateIndex:
    """An in-memory MinHash LSH index of report fingerprints, keyed by report id.

    Built at start-up from the stored fingerprints (`add_many`), then kept current with `add`; `high_water` is the
    largest id added, so a caller can load only newer rows later. Adding an id that is already present replaces
    its fingerprint.
    """

    def __init__(self) -> None:
        self._lsh = MinHashLSH(threshold=THRESHOLD, num_perm=NUM_PERM)
        # The LSH only finds candidates; the stored values give each one's estimated similarity.
        self._values: dict[int, np.ndarray] = {}
        self.high_water = 0

    def add(self, key: int, fp: bytes) -> None:
        """Index one report's fingerprint."""
        self.add_many([(key, fp)])

    def add_many(self, items: Iterable[tuple[int, bytes]]) -> None:
        """Index many fingerprints at once (a buffered insertion session: much faster than repeated `add`)."""
        batch = {int(key): _sketch(fp) for key, fp in items}  # checks every fingerprint before changing anything
        for key in batch.keys() & self._values.keys():
            self._lsh.remove(key)
        with self._lsh.insertion_session() as session:
            for key, sketch in batch.items():
                # Duplicate keys were handled above; datasketch's own check would cost a lookup per insert.
                session.insert(key, sketch, check_duplication=False)
                self._values[key] = sketch.hashvalues
        if batch:
            self.high_water = max(self.high_water, max(batch))

    def query(self, fp: bytes, exclude: int | None = None) -> list[tuple[int, float]]:
        """Indexed reports whose estimated similarity to `fp` is at least THRESHOLD, most similar first (then by
        id). `exclude` leaves out one id, usually the report being checked."""
        sketch = _sketch(fp)
        found = []
        for key in self._lsh.query(sketch):
            if key == exclude:
                continue
            score = float(np.count_nonzero(self._values[key] == sketch.hashvalues)) / NUM_PERM
            if score >= THRESHOLD:
                found.append((key, score))
        found.sort(key=lambda pair: (-pair[1], pair[0]))
        return found

    def __contains__(self, key: object) -> bool:
        return key in self._values

    def __len__(self) -> int:
        return len(self._values)

"""Indonesian personal names with academic and religious titles (gelar).

"Dr. H. Ahmad Fauzi, S.Pd., M.Si." is kept as front titles "Dr. H.", the bare name "Ahmad Fauzi" and back
titles "S.Pd., M.Si.", so that matching against news and social media can use the bare name.
"""

import re

# Titles written before the name, compared case-insensitively and without the trailing dot. The single
# letter "H." (haji) only counts with its dot: a bare "H" may be an initial. "I" is never a title: it is
# part of Balinese names (I Gusti Ngurah Rai, I Made ...).
FRONT_TITLES = frozenset(
    {
        "prof",
        "dr",
        "drg",
        "drh",
        "drs",
        "dra",
        "ir",
        "hj",
        "kh",
        "ns",
        "apt",
        "hc",
        "tgh",
        "habib",
        "ust",
        "ustadz",
        "ustazah",
    }
)
DOTTED_ONLY_TITLES = frozenset({"h"})
# A back title written without the comma ("Budi S.Pd"): letters with an inner dot, like S.Pd, M.Si, A.Md.
_DEGREE = re.compile(r"^[A-Za-z]{1,4}\.[A-Za-z][A-Za-z.()]*$")


def split_titles(full_name: str) -> tuple[str, str, str]:
    """Split a name as written into (front titles, bare name, back titles), whitespace normalised.

    Back titles are everything after the first comma that follows the name; without a comma, trailing
    degree-like tokens ("S.Pd", "M.Si.") are taken as back titles. The case of the name is kept.
    """
    text = " ".join((full_name or "").split())
    head, comma, tail = text.partition(",")
    tokens = head.split()
    front = _front_count(tokens)
    name_tokens = tokens[front:]
    back_parts = [part.strip() for part in tail.split(",")] if comma else []
    if not comma:
        while len(name_tokens) > 1 and _DEGREE.match(name_tokens[-1]):
            back_parts.insert(0, name_tokens.pop())
    return " ".join(tokens[:front]), " ".join(name_tokens), ", ".join(part for part in back_parts if part)


def _front_count(tokens: list[str]) -> int:
    """How many leading tokens are titles ("Prof.", "Dr.", "Ir.", "H."), leaving at least one for the name."""
    count = 0
    for token in tokens[:-1]:
        if not _is_front_title(token):
            break
        count += 1
    return count


def _is_front_title(token: str) -> bool:
    dotted = token.endswith(".")
    # "Dr.H." typed without the space is two titles glued together.
    parts = [part for part in token.lower().split(".") if part]
    if not parts:
        return False
    if len(parts) > 1:
        return dotted and all(part in FRONT_TITLES or part in DOTTED_ONLY_TITLES for part in parts)
    return parts[0] in FRONT_TITLES or (dotted and parts[0] in DOTTED_ONLY_TITLES)

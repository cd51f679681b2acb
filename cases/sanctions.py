"""Which sanctions the rules allow for an act, and how far an imposed sanction falls short of the recommended one.

Acts carry a level in the catalogue (`acts.Act.level`): ethics acts a moral sanction (PP 42/2004 Art. 15),
discipline acts a moderate or heavy penalty band (PP 94/2021; the PPK picks the concrete penalty within the
band), party membership dismissal (UU 5/2014 Art. 87(4)(c)). Reported practice is looser (e.g. light
penalties for a like, domain notes §3.3), so a PPK decision outside the band is recorded, flagged, never refused.
"""

from cases.choices import Penalty

ALLOWED_BY_LEVEL: dict[str, frozenset[str]] = {
    "moral": frozenset({Penalty.MORAL_PRIVATE, Penalty.MORAL_PUBLIC}),
    "sedang": frozenset({Penalty.MODERATE_1, Penalty.MODERATE_2, Penalty.MODERATE_3}),
    "berat": frozenset({Penalty.HEAVY_1, Penalty.HEAVY_2, Penalty.HEAVY_3}),
    "ptdh": frozenset({Penalty.DISMISSAL}),
}

# Severity, lightest first; OTHER cannot be ranked.
SEVERITY = {
    Penalty.NONE: 0,
    Penalty.MORAL_PRIVATE: 1,
    Penalty.MORAL_PUBLIC: 2,
    Penalty.LIGHT_1: 3,
    Penalty.LIGHT_2: 4,
    Penalty.LIGHT_3: 5,
    Penalty.MODERATE_1: 6,
    Penalty.MODERATE_2: 7,
    Penalty.MODERATE_3: 8,
    Penalty.HEAVY_1: 9,
    Penalty.HEAVY_2: 10,
    Penalty.HEAVY_3: 11,
    Penalty.DISMISSAL: 12,
}


def allowed_penalties(act_level: str | None) -> frozenset[str]:
    """The penalties the rules allow for an act of `act_level`; every penalty when the level says 'per rule'."""
    if act_level in ALLOWED_BY_LEVEL:
        return ALLOWED_BY_LEVEL[act_level]
    return frozenset(Penalty.values) - {Penalty.NONE}


def sanction_gap(recommended: str, imposed: str) -> int | None:
    """Severity steps by which the imposed sanction falls below (>0) or above (<0) the recommended one.

    None when either cannot be ranked (OTHER, or missing).
    """
    if recommended not in SEVERITY or imposed not in SEVERITY:
        return None
    return SEVERITY[recommended] - SEVERITY[imposed]

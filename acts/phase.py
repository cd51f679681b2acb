"""The phase rule: which of two counterpart acts applies, given when the deed happened. Pure, no ORM."""

import datetime
import tomllib
from functools import lru_cache
from pathlib import Path

SHIPPED_ACTS = Path(__file__).resolve().parent / "data" / "acts.toml"
ETHICS_PREFIX = "ETK-"
DISCIPLINE_PREFIX = "DSP-"


def act_code_for_phase(
    code: str,
    counterpart_code: str | None,
    occurred_on: datetime.date,
    determination_date: datetime.date | None,
) -> str:
    """The code of the act that applies to a deed reported as `code`, committed on `occurred_on`.

    SKB 2/2022 Lampiran II words the ethics list for a *bakal calon* (before the KPU/KPUD determines the
    candidates) and the discipline list for a *calon* (from the determination on); KASN: "while still a bakal
    calon a moral sanction, once a calon a disciplinary one" (neutrality.md 3.1,
    https://nasional.tempo.co/read/1838944/kasn-143-asn-dikenai-sanksi-pelanggaran-netralitas-selama-pemilu-2024).
    So a DSP act committed before `determination_date` is its ETK counterpart, and an ETK act committed on or
    after that day is its DSP counterpart. The code is returned unchanged when there is no counterpart (e.g.
    DSP-05, ETK-07, the PID overlays), when the counterpart is not on the other of those two tracks, or when
    the contest has no determination date yet (then nobody can tell; the reported act stands).
    """
    if counterpart_code is None or determination_date is None:
        return code
    before_determination = occurred_on < determination_date
    if before_determination and code.startswith(DISCIPLINE_PREFIX) and counterpart_code.startswith(ETHICS_PREFIX):
        return counterpart_code
    if not before_determination and code.startswith(ETHICS_PREFIX) and counterpart_code.startswith(DISCIPLINE_PREFIX):
        return counterpart_code
    return code


@lru_cache(maxsize=1)
def shipped_counterparts() -> dict[str, str]:
    """Act code → its counterpart on the other track, as shipped (for code that runs without the database:
    patrol workers, news extraction). The database copy, editable in the admin, is `Act.counterpart`."""
    data = tomllib.loads(SHIPPED_ACTS.read_text(encoding="utf-8"))
    return {act["code"]: act["counterpart"] for act in data.get("acts", ()) if act.get("counterpart")}

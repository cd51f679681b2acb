"""The reference data every submission consults (elections, the act catalogue, candidate determination dates,
provinces and regencies),
held in memory per process.

It changes when an administrator loads or edits reference data, not per request, yet reading it costs three
queries per submission. Saving an Election, Act or Contest clears the snapshot of the process that saved it;
other processes pick the change up within `MAX_AGE` seconds.
"""

import time
from dataclasses import dataclass
from datetime import date

from django.db.models.signals import post_delete, post_save

from acts.models import Act
from elections.models import Contest, Election
from regions.models import Level, Region

MAX_AGE = 300


@dataclass(frozen=True)
class Reference:
    elections: dict[str, Election]  # by slug
    acts: dict[str, Act]  # by code, counterparts loaded
    determinations: dict[tuple[int, str | None], date]  # (election id, contest region code) → latest date
    regencies: dict[str, Region]  # provinces and regencies/cities by code (districts and villages are looked up)

    def election_on(self, day: date) -> Election | None:
        """The election whose voting day is the first on or after `day`; else the latest one before it."""
        by_day = sorted(self.elections.values(), key=lambda election: election.voting_day)
        upcoming = [election for election in by_day if election.voting_day >= day]
        return upcoming[0] if upcoming else (by_day[-1] if by_day else None)

    def determination_date(self, election: Election, region_codes: list[str]) -> date | None:
        """The latest determination date among the election's national contests and those of `region_codes`."""
        dates = [self.determinations.get((election.pk, code)) for code in [None, *region_codes]]
        return max((day for day in dates if day), default=None)


_snapshot: tuple[float, Reference] | None = None


def reference() -> Reference:
    """The current snapshot, loaded again when older than MAX_AGE seconds or cleared."""
    global _snapshot
    if _snapshot is None or time.monotonic() - _snapshot[0] > MAX_AGE:
        _snapshot = (time.monotonic(), _load())
    return _snapshot[1]


def clear(**_signal_arguments) -> None:
    global _snapshot
    _snapshot = None


def _load() -> Reference:
    determinations: dict[tuple[int, str | None], date] = {}
    contests = Contest.objects.filter(determination_date__isnull=False).values_list(
        "election_id", "region_id", "determination_date"
    )
    for election_id, region_id, day in contests:
        key = (election_id, region_id)
        determinations[key] = max(day, determinations.get(key, day))
    return Reference(
        elections={election.slug: election for election in Election.objects.all()},
        acts={act.code: act for act in Act.objects.select_related("counterpart")},
        determinations=determinations,
        regencies={region.code: region for region in Region.objects.filter(level__in=[Level.PROVINCE, Level.REGENCY])},
    )


for _model in (Election, Act, Contest, Region):
    post_save.connect(clear, sender=_model, dispatch_uid=f"reports.reference.{_model.__name__}.save")
    post_delete.connect(clear, sender=_model, dispatch_uid=f"reports.reference.{_model.__name__}.delete")

"""Writes to the catalogue: loading the shipped table of prohibited acts (acts/data/acts.toml)."""

import tomllib
from pathlib import Path
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from acts.choices import Level, Track
from acts.models import Act
from core import audit

DATA_FILE = Path(__file__).resolve().parent / "data" / "acts.toml"

REQUIRED_KEYS = {"code", "track", "level", "title", "public_title", "explanation", "legal_basis"}
OPTIONAL_KEYS = {"examples", "counterpart", "in_public_form", "source"}
# Counterparts join the two phases of one deed; no other pair of tracks may be linked.
OPPOSITE_TRACK = {Track.ETHICS: Track.DISCIPLINE, Track.DISCIPLINE: Track.ETHICS}


class CatalogueError(ValueError):
    """The shipped catalogue file is inconsistent. The message names the act and is meant for the user."""


def catalogue_data(path: Path | None = None) -> list[dict[str, Any]]:
    """The acts of `path` (default acts/data/acts.toml) in file order, checked for keys, vocabularies, pairs."""
    path = path or DATA_FILE
    with path.open("rb") as handle:
        specs = tomllib.load(handle).get("acts", [])
    _check_catalogue(specs, path.name)
    return specs


def load_acts(*, actor=None) -> int:
    """Upsert the catalogue shipped in acts/data/acts.toml and return the number of acts in it.

    Steps, in one transaction with one audit row ("acts.load"):
    1. read and check the file (else CatalogueError, nothing written);
    2. upsert every act by code; `position` is the act's place in the file;
    3. second pass: set each act's counterpart (it may come later in the file), clearing removed links.

    Acts no longer in the file are left alone (reports and cases may refer to them). A second run changes
    nothing.
    """
    specs = catalogue_data()
    with transaction.atomic():
        created = 0
        for position, spec in enumerate(specs, start=1):
            created += Act.objects.update_or_create(code=spec["code"], defaults=_act_fields(spec, position))[1]
        for spec in specs:
            Act.objects.filter(code=spec["code"]).update(counterpart_id=spec.get("counterpart"))
        summary = _("Katalog perbuatan yang dilarang dimuat: %(count)d perbuatan, %(created)d baru.") % {
            "count": len(specs),
            "created": created,
        }
        audit.record(actor=actor, action="acts.load", summary=summary, changes={"acts": len(specs), "created": created})
    return len(specs)


def _act_fields(spec: dict[str, Any], position: int) -> dict[str, Any]:
    fields = ("track", "level", "title", "public_title", "explanation", "legal_basis")
    return {
        **{field: spec[field].strip() for field in fields},
        "examples": list(spec.get("examples", [])),
        "in_public_form": spec.get("in_public_form", False),
        "position": position,
        "source": spec.get("source", ""),
    }


def _check_catalogue(specs: list[dict[str, Any]], file_name: str) -> None:
    by_code = {}
    for spec in specs:
        code = spec.get("code", "?")
        if missing := REQUIRED_KEYS - set(spec):
            raise CatalogueError(f"{file_name}: {code}: kunci wajib tidak ada: {sorted(missing)}")
        if unknown := set(spec) - REQUIRED_KEYS - OPTIONAL_KEYS:
            raise CatalogueError(f"{file_name}: {code}: kunci tidak dikenal: {sorted(unknown)}")
        if spec["track"] not in Track.values or spec["level"] not in Level.values:
            raise CatalogueError(
                f"{file_name}: {code}: track {spec['track']!r} atau level {spec['level']!r} tidak dikenal."
            )
        if code in by_code:
            raise CatalogueError(f"{file_name}: kode {code} muncul dua kali.")
        by_code[code] = spec
    for code, spec in by_code.items():
        if "counterpart" not in spec:
            continue
        partner = by_code.get(spec["counterpart"])
        if partner is None or OPPOSITE_TRACK.get(spec["track"]) != partner["track"]:
            raise CatalogueError(
                f"{file_name}: {code}: padanan {spec['counterpart']!r} harus kode etik↔disiplin yang ada di berkas."
            )
        # A discipline act's pair must point back; an ethics act may point one way (ETK-06 → DSP-04).
        if spec["track"] == Track.DISCIPLINE and partner.get("counterpart") != code:
            raise CatalogueError(f"{file_name}: {code}: padanan {partner['code']} tidak menunjuk balik ke {code}.")

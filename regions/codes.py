"""The Kemendagri code format (Permendagri 58/2021): pure functions, no database."""

import re

from django.db import models
from django.utils.translation import gettext_lazy as _

CODE_PATTERN = re.compile(r"\d{2}(\.\d{2}(\.\d{2}(\.\d{4})?)?)?")


class Kind(models.TextChoices):
    """What a region is called, derived from its code (the level alone does not tell kabupaten from kota)."""

    PROVINSI = "provinsi", _("Provinsi")
    KABUPATEN = "kabupaten", _("Kabupaten")
    KOTA = "kota", _("Kota")
    KECAMATAN = "kecamatan", _("Kecamatan")
    DESA = "desa", _("Desa")
    KELURAHAN = "kelurahan", _("Kelurahan")
    DESA_ADAT = "desa_adat", _("Desa adat")


def is_valid_code(code: str) -> bool:
    """Whether `code` has the shape of a Kemendagri code: 18, 18.71, 18.71.01 or 18.71.01.1001."""
    return bool(CODE_PATTERN.fullmatch(code))


def kind_of(code: str) -> Kind:
    """The kind of region a well-formed code denotes.

    Regency part 01–69 is a kabupaten, 71–99 a kota; the first digit of a village part is 1 for a kelurahan,
    2 for a desa and 3 for a desa adat (Permendagri 58/2021; 3 is used in Papua).
    """
    parts = code.split(".")
    if len(parts) == 1:
        return Kind.PROVINSI
    if len(parts) == 2:
        return Kind.KOTA if int(parts[1]) >= 71 else Kind.KABUPATEN
    if len(parts) == 3:
        return Kind.KECAMATAN
    return {"1": Kind.KELURAHAN, "3": Kind.DESA_ADAT}.get(parts[3][0], Kind.DESA)


def ancestor_codes(code: str) -> list[str]:
    """The codes above `code`, province first: 18.71.01 -> ["18", "18.71"]."""
    parts = code.split(".")
    return [".".join(parts[:i]) for i in range(1, len(parts))]


def office_code(code: str) -> str:
    """The Bawaslu office for a place: its regency/city (18.71.01 → 18.71), or the province for a province."""
    return ".".join(code.split(".")[:2])

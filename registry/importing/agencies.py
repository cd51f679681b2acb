"""Importing the list of agencies (instansi): a short file, written in one transaction."""

from collections.abc import Iterable
from pathlib import Path

from django.db import transaction
from django.utils.translation import gettext as _

from core import audit
from core.tabular import ImportReport, TabularError, read_rows
from regions.models import Level, Region
from registry.choices import AgencyLevel
from registry.importing.columns import AGENCY_LEVEL_ALIASES, REGION_LEVEL_FOR_AGENCY, Source
from registry.models import Agency


def import_agencies(source: Source, *, file_name: str | None = None, actor) -> ImportReport:
    """Create or update agencies by code from a CSV/XLSX file (kode, nama, tingkat, kode_wilayah).

    The whole file is written in one transaction with one audit row: agency lists are short.
    """
    report = ImportReport()
    region_levels = dict(Region.objects.filter(level__in=[Level.PROVINCE, Level.REGENCY]).values_list("code", "level"))
    rows: dict[str, Agency] = {}
    seen: dict[str, int] = {}
    for line, row in read_rows(source, file_name):
        if report.total_rows == 0:
            _check_agency_columns(row)
        report.total_rows += 1
        agency = _clean_agency_row(line, row, region_levels, seen, report)
        if agency is not None:
            rows[agency.code] = agency
    if not rows:
        return report
    name = file_name or (str(source) if isinstance(source, str | Path) else "")
    with transaction.atomic():
        existing = set(Agency.objects.filter(code__in=list(rows)).values_list("code", flat=True))
        Agency.objects.bulk_create(
            rows.values(), update_conflicts=True, unique_fields=["code"], update_fields=["name", "level", "region"]
        )
        report.created, report.updated = len(rows) - len(existing), len(existing)
        audit.record(
            actor=actor,
            action="registry.import_agencies",
            summary=_("Impor instansi dari %(file)s: %(created)d baru, %(updated)d diperbarui.")
            % {"file": name or "-", "created": report.created, "updated": report.updated},
            changes={"file": name, "created": report.created, "updated": report.updated},
        )
    return report


def _check_agency_columns(row: dict[str, str]) -> None:
    missing = [column for column in ("kode", "nama", "tingkat") if column not in row]
    if missing:
        raise TabularError(_("Kolom wajib tidak ada di baris judul: %(columns)s.") % {"columns": ", ".join(missing)})


def _clean_agency_row(
    line: int, row: dict[str, str], region_levels: dict[str, str], seen: dict[str, int], report: ImportReport
) -> Agency | None:
    errors: list[tuple[str, str]] = []
    code, name = row.get("kode", ""), " ".join(row.get("nama", "").split())
    level = AGENCY_LEVEL_ALIASES.get(row.get("tingkat", "").lower())
    region_code = row.get("kode_wilayah", "")
    if not code:
        errors.append(("kode", _("Kode instansi wajib diisi.")))
    elif len(code) > 32:
        errors.append(("kode", _("Paling banyak %(max)d karakter.") % {"max": 32}))
    elif seen.setdefault(code, line) != line:
        errors.append(
            ("kode", _("Kode %(code)s sudah ada di baris %(line)d berkas ini.") % {"code": code, "line": seen[code]})
        )
    if not name:
        errors.append(("nama", _("Nama instansi wajib diisi.")))
    elif len(name) > 200:
        errors.append(("nama", _("Paling banyak %(max)d karakter.") % {"max": 200}))
    if level is None:
        errors.append(("tingkat", _("Tingkat harus pusat, provinsi, kabupaten atau kota.")))
    errors.extend(_agency_region_errors(level, region_code, region_levels))
    for field_name, message in errors:
        report.add_error(line, field_name, message)
    if errors:
        return None
    return Agency(code=code, name=name, level=level, region_id=region_code or None)


def _agency_region_errors(level: str | None, code: str, region_levels: dict[str, str]) -> Iterable[tuple[str, str]]:
    if level == AgencyLevel.CENTRAL:
        if code:
            yield ("kode_wilayah", _("Instansi pusat tidak memakai kode wilayah; kosongkan kolom ini."))
        return
    if level is None:
        return
    if not code:
        yield ("kode_wilayah", _("Kode wilayah wajib diisi untuk pemerintah daerah."))
    elif code not in region_levels:
        yield (
            "kode_wilayah",
            _("Kode wilayah %(code)s tidak ditemukan atau bukan provinsi/kabupaten/kota.") % {"code": code},
        )
    elif region_levels[code] != REGION_LEVEL_FOR_AGENCY[level]:
        expected = _("kode provinsi") if level == AgencyLevel.PROVINCE else _("kode kabupaten/kota")
        yield (
            "kode_wilayah",
            _("Tingkat instansi ini memerlukan %(expected)s, bukan %(code)s.") % {"expected": expected, "code": code},
        )

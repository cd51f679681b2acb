"""`sinetra import-asn FILE`: load a staff list into the ASN registry."""

import argparse
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from core.tabular import XLSX_MAGIC, ImportReport, TabularError
from registry import importing
from registry.models import Agency

SHOWN_ERRORS = 20


class Command(BaseCommand):
    help = (
        "Impor data ASN (PNS, CPNS, PPPK) dari berkas CSV atau XLSX.\n\n"
        "Import civil servants from a CSV or XLSX file; a NIP already registered is updated.\n"
        "Kolom / columns:\n" + importing.ASN_COLUMNS_HELP
    )

    def create_parser(self, prog_name, subcommand, **kwargs):
        return super().create_parser(prog_name, subcommand, formatter_class=argparse.RawDescriptionHelpFormatter)

    def add_arguments(self, parser):
        parser.add_argument("file", help="berkas CSV (UTF-8) atau XLSX")
        parser.add_argument("--agency", metavar="KODE", help="hanya terima baris instansi ini (kode instansi)")
        parser.add_argument("--batch-size", type=int, default=5000, help="baris per transaksi (bawaan 5000)")
        parser.add_argument("--errors-csv", metavar="PATH", help="tulis semua baris yang ditolak ke berkas CSV ini")

    def handle(self, *args, **options):
        path = existing_file(options["file"])
        agency = None
        if options["agency"]:
            agency = Agency.objects.filter(code=options["agency"]).first()
            if agency is None:
                raise CommandError(f"Instansi dengan kode {options['agency']} tidak terdaftar.")
        if options["batch_size"] < 1:
            raise CommandError("--batch-size harus 1 atau lebih.")
        with tqdm(total=count_data_rows(path), unit=" baris", disable=None, file=self.stderr._out) as bar:
            try:
                report = importing.import_asn(
                    path,
                    actor=None,
                    agency=agency,
                    batch_size=options["batch_size"],
                    progress=lambda done: bar.update(done - bar.n),
                )
            except TabularError as error:
                raise CommandError(str(error)) from error
        print_report(self, report, options["errors_csv"])


def existing_file(name: str) -> Path:
    path = Path(name)
    if not path.is_file():
        raise CommandError(f"Berkas {name} tidak ditemukan.")
    return path


def count_data_rows(path: Path) -> int | None:
    """Data rows for the progress bar, cheaply: line breaks in a CSV, the sheet dimension of an XLSX."""
    with open(path, "rb") as handle:
        if handle.read(4) == XLSX_MAGIC:
            return _xlsx_rows(path)
        handle.seek(0)
        lines = sum(chunk.count(b"\n") for chunk in iter(lambda: handle.read(1 << 20), b""))
    return max(lines - 1, 0)


def _xlsx_rows(path: Path) -> int | None:
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(path, read_only=True)
        rows = workbook.worksheets[0].max_row
        workbook.close()
    except Exception:  # only a progress estimate: the import itself reports unreadable files
        return None
    return rows - 1 if rows else None


def print_report(command: BaseCommand, report: ImportReport, errors_csv: str | None) -> None:
    """The summary, the first errors, and all errors to a CSV file when asked."""
    command.stdout.write(report.summary())
    for error in report.errors[:SHOWN_ERRORS]:
        command.stdout.write(f"  baris {error.line}, kolom {error.field or '-'}: {error.message}")
    if len(report.errors) > SHOWN_ERRORS:
        command.stdout.write(f"  … dan {len(report.errors) - SHOWN_ERRORS} kesalahan lain.")
    if errors_csv:
        Path(errors_csv).write_text(report.errors_csv(), encoding="utf-8")
        command.stdout.write(f"Semua kesalahan ditulis ke {errors_csv}.")

"""`sinetra import-asn FILE`: load a staff list into the ASN registry."""

import argparse
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from core.commands import existing_file, print_report
from core.tabular import TabularError, count_data_rows
from registry import importing
from registry.models import Agency


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
        with tqdm(total=estimated_rows(path), unit=" baris", disable=None, file=self.stderr._out) as bar:
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


def estimated_rows(path: Path) -> int | None:
    """Data rows for the progress bar; None when the file cannot even be counted (the import reports why)."""
    with open(path, "rb") as handle:
        try:
            return count_data_rows(handle)
        except Exception:  # only a progress estimate: a broken XLSX fails in openpyxl in many ways
            return None

"""`sinetra import-agencies FILE`: load the list of agencies (instansi)."""

from django.core.management.base import BaseCommand, CommandError

from core.commands import existing_file, print_report
from core.tabular import TabularError
from registry import importing


class Command(BaseCommand):
    help = (
        "Impor daftar instansi dari berkas CSV atau XLSX.\n\n"
        "Import agencies from a CSV or XLSX file with the columns kode, nama, tingkat "
        "(pusat/provinsi/kabupaten/kota) and kode_wilayah; an existing code is updated."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="berkas CSV (UTF-8) atau XLSX")
        parser.add_argument("--errors-csv", metavar="PATH", help="tulis semua baris yang ditolak ke berkas CSV ini")

    def handle(self, *args, **options):
        path = existing_file(options["file"])
        try:
            report = importing.import_agencies(path, actor=None)
        except TabularError as error:
            raise CommandError(str(error)) from error
        print_report(self, report, options["errors_csv"])

from django.core.management import call_command
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = (
        "Memuat semua data acuan: wilayah Kemendagri, pemilihan (Pemilu 2024, Pilkada 2024) dan katalog "
        "pelanggaran. Aman diulang."
    )

    def add_arguments(self, parser):
        parser.add_argument("--districts", action="store_true", help="Sertakan kecamatan (7.285 baris).")

    def handle(self, *args, districts, **options):
        call_command("load_regions", districts=districts, stdout=self.stdout)
        call_command("load_elections", stdout=self.stdout)
        call_command("load_acts", stdout=self.stdout)

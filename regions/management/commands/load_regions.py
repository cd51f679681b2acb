import time

from django.core.management.base import BaseCommand
from tqdm import tqdm

from regions import services
from regions.models import Level


class Command(BaseCommand):
    help = (
        "Memuat data wilayah Kemendagri (provinsi, kabupaten/kota; kecamatan dan desa opsional).\n"
        "Loads the Kemendagri regions shipped in regions/data/ (Kepmendagri 300.2.2-2138/2025); "
        "safe to run again: it updates by code."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--districts", action="store_true", help="Muat juga kecamatan (7.285). / Also load districts."
        )
        parser.add_argument(
            "--villages",
            action="store_true",
            help="Muat juga desa/kelurahan (83.762; termasuk kecamatan). / Also load villages (implies --districts).",
        )

    def handle(self, *args, districts: bool, villages: bool, verbosity: int, **options):
        total = services.rows_to_load(include_districts=districts, include_villages=villages)
        started = time.monotonic()
        # disable=None hides the bar when stderr is not a terminal (cron, CI logs).
        with tqdm(total=total, unit=" baris", disable=None if verbosity else True) as bar:
            counts = services.load_regions(include_districts=districts, include_villages=villages, progress=bar.update)
        seconds = time.monotonic() - started
        parts = ", ".join(
            f"{count:,} {services.LEVEL_LABELS[Level(level)]}".replace(",", ".") for level, count in counts.items()
        )
        self.stdout.write(self.style.SUCCESS(f"Selesai dalam {seconds:.1f} detik: {parts}."))

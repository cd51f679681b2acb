from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from core import demo


class Command(BaseCommand):
    help = "Memuat data demo fiktif (instansi, 20.000 ASN, calon Pilkada, akun tiap peran) dan mencetak aksesnya."

    def add_arguments(self, parser):
        parser.add_argument("--asn", type=int, default=demo.DEMO_ASN_COUNT, help="Jumlah ASN fiktif.")

    def handle(self, *args, asn, **options):
        if demo.demo_exists():
            self.stdout.write("Data demo sudah ada; tidak dibuat ulang.\n")
            self.stdout.write(demo.saved_credentials())
            return
        with tqdm(total=asn, desc="ASN demo", unit="baris") as bar:
            try:
                accounts = demo.build_demo(asn_count=asn, progress=lambda done: bar.update(done - bar.n))
            except RuntimeError as error:
                raise CommandError(str(error)) from error
        self.stdout.write(self.style.SUCCESS("Data demo dimuat."))
        self.stdout.write(demo.format_credentials(accounts))

from django.core.management.base import BaseCommand, CommandError

from acts import services


class Command(BaseCommand):
    help = "Memuat katalog perbuatan yang dilarang bagi ASN (SKB 2/2022 Lampiran II) dari acts/data/. Aman diulang."

    def handle(self, *args, **options):
        try:
            count = services.load_acts(actor=None)
        except services.CatalogueError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(self.style.SUCCESS(f"Selesai: {count} perbuatan dalam katalog."))

from django.core.management.base import BaseCommand, CommandError

from elections import services
from elections.models import Contest


class Command(BaseCommand):
    help = (
        "Memuat data acuan Pemilu 2024 dan Pilkada Serentak 2024 (tahapan, partai, kontestasi, pasangan calon).\n"
        "Loads the reference elections shipped in elections/data/*.toml; needs the regions (`load_regions`) "
        "first and is safe to run again: it updates rows in place."
    )

    def handle(self, *args, **options):
        try:
            counts = services.load_reference_elections(actor=None)
        except services.ReferenceDataError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(
            self.style.SUCCESS(
                "Selesai: {elections} pemilihan, {stages} tahapan, {parties} partai, {contests} kontestasi, "
                "{candidates} calon.".format(**counts)
            )
        )
        for data in services.reference_data():
            expected = data.get("regional_contests", {}).get("expected_total")
            stored = Contest.objects.filter(election__slug=data["slug"], region__isnull=False).count()
            if expected is not None and stored != expected:
                self.stderr.write(
                    self.style.WARNING(
                        f"Peringatan: {data['name']} memiliki {stored} kontestasi daerah, bukan {expected}. "
                        "Periksa data wilayah yang dimuat."
                    )
                )

from django.core.management.base import BaseCommand
from tqdm import tqdm

from core.keys import encrypted_fields, reencrypt_all


class Command(BaseCommand):
    help = "Mengenkripsi ulang semua data pribadi dengan kunci pertama FIELD_ENCRYPTION_KEYS (rotasi kunci)."

    def handle(self, *args, **options):
        total = sum(model._base_manager.count() for model, _names in encrypted_fields())
        with tqdm(total=total, unit="baris", disable=options["verbosity"] == 0, file=self.stderr) as bar:
            count = reencrypt_all(progress=lambda done: bar.update(done - bar.n))
        self.stdout.write(f"{count} baris dienkripsi ulang.")

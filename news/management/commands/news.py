"""`sinetra news extract FILE... --json`: read news pages into records (storing them comes with `news ingest`)."""

import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError


class Command(BaseCommand):
    help = (
        "Pemantauan berita: ekstrak halaman berita menjadi catatan terstruktur.\n\n"
        "News monitoring: read scraped news pages (text or HTML) into typed records, one JSON object per article."
    )

    def add_arguments(self, parser):
        actions = parser.add_subparsers(dest="action", required=True, title="perintah / actions")
        extract = actions.add_parser("extract", help="ekstrak berkas / extract files")
        extract.add_argument("files", nargs="+", help="berkas halaman berita (.txt atau .html)")
        extract.add_argument("--json", action="store_true", help="satu objek JSON per baris / JSON lines")
        extract.add_argument("--evidence", action="store_true", help="sertakan kalimat sumber / include sources")

    def handle(self, *args, **options):
        from news.cleaning import CleaningError
        from news.extract import extract

        failed = 0
        for name in options["files"]:
            path = Path(name)
            try:
                record = extract(path.read_bytes()).to_json()
            except FileNotFoundError:
                failed += 1
                self.stderr.write(f"{name}: berkas tidak ditemukan / file not found")
                continue
            except (CleaningError, OSError) as error:
                failed += 1
                self.stderr.write(f"{name}: {error}")
                continue
            if not options["evidence"]:
                record.pop("evidence", None)
            record = {"file": path.name, **record}
            if options["json"]:
                self.stdout.write(json.dumps(record, ensure_ascii=False, default=str))
            else:
                self.stdout.write(json.dumps(record, ensure_ascii=False, default=str, indent=2))
        if failed == len(options["files"]):
            raise CommandError("Tidak ada berkas yang dapat dibaca. / No file could be read.")

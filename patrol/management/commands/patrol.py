"""`sinetra patrol scan FILE...` and `sinetra patrol retrain`: cyber patrol from the command line."""

import argparse
import json
import os
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from core.commands import existing_file


class Command(BaseCommand):
    help = (
        "Patroli siber: pindai berkas unggahan media sosial, latih ulang model.\n\n"
        "Cyber patrol: scan files of social-media posts (JSONL, CSV, Parquet, X API v2 JSON; .gz too) for ASN who\n"
        "take sides, and retrain the stance model on supervisors' decisions.\n\n"
        "  sinetra patrol scan posts.jsonl --out findings.jsonl [--rejects rejects.jsonl] [--workers 2]\n"
        "  sinetra patrol scan posts.jsonl --out findings.jsonl --scheduler tcp://10.0.0.5:8786\n"
        "  sinetra patrol scan posts.jsonl --save        (store the findings for review at /patroli/)\n"
        "  sinetra patrol retrain\n"
        "  sinetra patrol collector-key 'Kolektor X Jawa Barat'   (secret for POST /api/v1/patrol/posts)"
    )

    def create_parser(self, prog_name, subcommand, **kwargs):
        return super().create_parser(prog_name, subcommand, formatter_class=argparse.RawDescriptionHelpFormatter)

    def add_arguments(self, parser):
        actions = parser.add_subparsers(dest="action", required=True, title="perintah / actions")
        scan = actions.add_parser("scan", help="pindai berkas / scan files")
        scan.add_argument("files", nargs="+", help="berkas JSONL, CSV, Parquet atau JSON (boleh .gz)")
        scan.add_argument("--out", metavar="PATH", help="tulis temuan ke berkas JSONL ini / write findings here")
        scan.add_argument("--rejects", metavar="PATH", help="tulis baris yang ditolak ke sini / write rejects here")
        scan.add_argument("--scheduler", metavar="tcp://HOST:PORT", help="jalankan di klaster Dask / run on Dask")
        scan.add_argument("--workers", type=int, help="proses lokal (bawaan: semua inti) / local processes")
        scan.add_argument("--save", action="store_true", help="simpan temuan untuk ditinjau / store for review")
        actions.add_parser("retrain", help="latih ulang model sikap / retrain the stance model")
        key = actions.add_parser("collector-key", help="buat kunci API kolektor / create a collector API key")
        key.add_argument("name", help="nama kolektor, mis. 'Kolektor X Jawa Barat'")

    def handle(self, *args, **options):
        if options["action"] == "retrain":
            return self.retrain()
        if options["action"] == "collector-key":
            return self.collector_key(options["name"])
        return self.scan(options)

    def retrain(self):
        from patrol.training import retrain

        self.stderr.write("Melatih model sikap dari data berlabel dan keputusan petugas…")
        row = retrain(actor=None)
        self.stdout.write(json.dumps({"model": row.pk, "examples": row.examples, **row.metrics}, ensure_ascii=False))

    def collector_key(self, name: str):
        from django.core.exceptions import ValidationError

        from patrol.services import create_collector_key

        try:
            key, secret = create_collector_key(actor=None, name=name)
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from error
        self.stderr.write(f"Kunci untuk '{key.name}' dibuat. Rahasia ini hanya ditampilkan sekali:")
        self.stdout.write(secret)

    def scan(self, options):
        from patrol.engine import scan_files
        from patrol.scan import context_from_database
        from patrol.services import record_assessments

        paths = [existing_file(name) for name in options["files"]]
        if options["workers"] is not None and options["workers"] < 1:
            raise CommandError("--workers harus 1 atau lebih.")
        if not options["out"] and not options["save"]:
            raise CommandError("Sebutkan --out BERKAS dan/atau --save (tanpa keduanya hasil pindaian hilang).")
        self.stderr.write("Memuat registri ASN, calon dan model…")
        context = context_from_database(refresh=True)
        total = sum(os.path.getsize(path) for path in paths)
        with tqdm(total=total, unit="B", unit_scale=True, disable=None, file=self.stderr._out) as bar:
            try:
                summary, findings = scan_files(
                    paths,
                    context,
                    out=Path(options["out"]) if options["out"] else None,
                    rejects=Path(options["rejects"]) if options["rejects"] else None,
                    scheduler=options["scheduler"],
                    workers=options["workers"],
                    on_progress=lambda done, _: bar.update(done - bar.n),
                )
            except OSError as error:
                raise CommandError(f"Tidak dapat memindai: {error}") from error
        saved = None
        if options["save"]:
            result = record_assessments([a for posts in findings.values() for a in posts], source="cli")
            saved = {"created": result.created, "updated": result.updated, "posts_added": result.posts_added}
        report = {
            "posts": summary.posts,
            "rejected": summary.rejected,
            "assessed": summary.assessed,
            "findings": summary.findings,
            "seconds": round(summary.seconds, 2),
            "posts_per_second": round(summary.posts_per_second),
            "engine": summary.engine,
        }
        if summary.warnings:
            report["warnings"] = summary.warnings
        if saved is not None:
            report["saved"] = saved
        self.stdout.write(json.dumps(report, ensure_ascii=False))

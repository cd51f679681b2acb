"""Benchmark of the ASN import (registry.importing.import_asn) on a throw-away database.

Generates N fictional but valid ASN rows into a temporary CSV, creates its own database (`sinetra_bench`
next to the one in DATABASE_URL), migrates it, imports the file twice (all inserts, then all updates) and
prints one JSON object. The bench database is dropped afterwards. See bench/README.md.
"""

import argparse
import cProfile
import csv
import datetime
import json
import os
import random
import resource
import sys
import tempfile
import time
from pathlib import Path

BENCH_DATABASE = "sinetra_bench"
# A fixed, public key: the bench database holds fictional data only and is dropped at the end.
BENCH_FIELD_KEY = "YmVuY2gtb25seS1maWVsZC1rZXktbm90LXNlY3JldCE="

POSITIONS = [
    ("Kepala Dinas Pendidikan", "jpt"),
    ("Kepala Bidang Anggaran", "administrator"),
    ("Kepala Seksi Pelayanan", "pengawas"),
    ("Guru Ahli Muda", "fungsional"),
    ("Analis Kebijakan Ahli Pertama", "fungsional"),
    ("Perawat Terampil", "fungsional"),
    ("Pengadministrasi Umum", "pelaksana"),
    ("Pengelola Keuangan", "pelaksana"),
]
WORK_UNITS = ["Sekretariat Daerah", "Dinas Pendidikan", "Dinas Kesehatan", "Badan Keuangan Daerah", "Kecamatan Kota"]
PNS_RANKS = [f"{roman}/{letter}" for roman in ("II", "III", "IV") for letter in "abcd"]
PPPK_RANKS = ["V", "VII", "IX", "X", "XI"]
REGIONS = {
    "18": "Lampung",
    "18.01": "Kabupaten Lampung Selatan",
    "18.71": "Kota Bandar Lampung",
    "18.72": "Kota Metro",
    "32": "Jawa Barat",
    "32.04": "Kabupaten Bandung",
    "32.73": "Kota Bandung",
    "33": "Jawa Tengah",
    "33.74": "Kota Semarang",
}
BIRTH_START = datetime.date(1966, 1, 1)
BIRTH_DAYS = 12_000  # births until late 1998, so every appointment lies at 18+ and before today


def main() -> None:
    args = _arguments()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sinetra.settings")
    os.environ.setdefault("SECRET_KEY", "bench-only-secret-key-0123456789-abcdefghijklmnopqrstuvwxyz")
    os.environ.setdefault("FIELD_ENCRYPTION_KEYS", BENCH_FIELD_KEY)
    os.environ.setdefault("LOG_LEVEL", "WARNING")
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    cleanup = _use_bench_database(args.allow_sqlite)
    try:
        result = _run(args)
    finally:
        cleanup()
    print(json.dumps(result))


def _arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--batch-size", type=int, default=5000)
    parser.add_argument("--seed", type=int, default=20240214)
    parser.add_argument("--allow-sqlite", action="store_true", help="run on a temporary SQLite file instead")
    parser.add_argument("--profile", metavar="PATH", help="write cProfile stats of the first import to PATH")
    return parser.parse_args()


def _use_bench_database(allow_sqlite: bool):
    """Point DATABASE_URL at a fresh bench database and return the function that removes it."""
    import dj_database_url

    url = os.environ.get("DATABASE_URL", "")
    config = dj_database_url.parse(url) if url else {"ENGINE": "django.db.backends.sqlite3"}
    if config["ENGINE"] == "django.db.backends.postgresql":
        return _create_postgres_database(config)
    if not allow_sqlite:
        sys.exit("This benchmark runs on PostgreSQL (DATABASE_URL=postgres://…); pass --allow-sqlite to use SQLite.")
    directory = tempfile.mkdtemp(prefix="sinetra-bench-")
    os.environ["DATABASE_URL"] = f"sqlite:///{directory}/{BENCH_DATABASE}.sqlite3"
    return lambda: _remove_tree(directory)


def _create_postgres_database(config: dict):
    import psycopg

    params = {"host": config.get("HOST") or None, "port": config.get("PORT") or None, "user": config.get("USER")}
    params["password"] = config.get("PASSWORD") or None
    maintenance = config["NAME"] if config["NAME"] != BENCH_DATABASE else "postgres"
    with psycopg.connect(dbname=maintenance, autocommit=True, **params) as connection:
        connection.execute(f"DROP DATABASE IF EXISTS {BENCH_DATABASE}")
        connection.execute(f"CREATE DATABASE {BENCH_DATABASE}")
    credentials = config.get("USER") or ""
    if config.get("PASSWORD"):
        credentials += f":{config['PASSWORD']}"
    host = f"{config.get('HOST') or ''}:{config.get('PORT') or 5432}"
    os.environ["DATABASE_URL"] = f"postgres://{credentials}@{host}/{BENCH_DATABASE}"

    def drop() -> None:
        from django.db import connections

        connections.close_all()
        with psycopg.connect(dbname=maintenance, autocommit=True, **params) as connection:
            connection.execute(f"DROP DATABASE IF EXISTS {BENCH_DATABASE} WITH (FORCE)")

    return drop


def _remove_tree(directory: str) -> None:
    for path in Path(directory).iterdir():
        path.unlink()
    Path(directory).rmdir()


def _run(args: argparse.Namespace) -> dict:
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    from registry.importing import import_asn

    call_command("migrate", verbosity=0)
    agency_codes = _create_regions_and_agencies()
    with tempfile.TemporaryDirectory(prefix="sinetra-bench-") as directory:
        path = Path(directory) / "asn.csv"
        _write_rows(path, args.rows, agency_codes, random.Random(args.seed))
        profiler = cProfile.Profile() if args.profile else None
        first = _timed(lambda: import_asn(path, actor=None, batch_size=args.batch_size), profiler)
        if profiler is not None:
            profiler.dump_stats(args.profile)
        second = _timed(lambda: import_asn(path, actor=None, batch_size=args.batch_size), None)
        file_mb = path.stat().st_size / 1_048_576
    return {
        "rows": args.rows,
        "seconds": first["seconds"],
        "rows_per_second": first["rows_per_second"],
        "created": first["created"],
        "updated": first["updated"],
        "rejected": first["rejected"],
        "peak_memory_mb": _peak_memory_mb(),
        "database": connection.vendor,
        "batch_size": args.batch_size,
        "csv_mb": round(file_mb, 1),
        "second_run": second,
    }


def _timed(run, profiler) -> dict:
    start = time.perf_counter()
    if profiler is not None:
        profiler.enable()
    report = run()
    if profiler is not None:
        profiler.disable()
    seconds = time.perf_counter() - start
    return {
        "seconds": round(seconds, 2),
        "rows_per_second": round(report.total_rows / seconds),
        "created": report.created,
        "updated": report.updated,
        "rejected": report.rejected_lines,
    }


def _peak_memory_mb() -> float:
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return round((own + children) / 1024, 1)  # ru_maxrss is in KiB on Linux


def _create_regions_and_agencies() -> list[tuple[str, str]]:
    """Regions and one agency per regency/province (plus one central agency); returns (code, region) pairs."""
    from regions.models import Level, Region
    from registry.models import Agency

    for code, name in REGIONS.items():
        level = Level.PROVINCE if "." not in code else Level.REGENCY
        Region.objects.create(code=code, name=name, level=level, parent_id=code[:2] if "." in code else None)
    agencies = [Agency(code="KEMENDAGRI", name="Kementerian Dalam Negeri", level="central")]
    for code, name in REGIONS.items():
        level = "province" if "." not in code else "regency"
        agencies.append(Agency(code=f"PEMDA-{code}", name=f"Pemerintah {name}", level=level, region_id=code))
    Agency.objects.bulk_create(agencies)
    return [("KEMENDAGRI", "32.73")] + [(f"PEMDA-{code}", code) for code in REGIONS]


def _write_rows(path: Path, count: int, agencies: list[tuple[str, str]], rng: random.Random) -> None:
    header = "nip nama status jabatan jenis_jabatan golongan unit_kerja kode_instansi kode_wilayah email telepon"
    with open(path, "w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow([*header.split(), "akun_medsos", "aktif"])
        for index in range(count):
            writer.writerow(_row(index, agencies, rng))


def _row(index: int, agencies: list[tuple[str, str]], rng: random.Random) -> list[str]:
    # Birth day and serial together are unique for up to BIRTH_DAYS * 999 rows.
    birth = BIRTH_START + datetime.timedelta(days=index % BIRTH_DAYS)
    serial = index // BIRTH_DAYS + 1
    status = rng.choices(("PNS", "CPNS", "PPPK"), weights=(80, 3, 17))[0]
    year = birth.year + rng.randint(20, 25)
    month = "21" if status == "PPPK" and rng.random() < 0.5 else f"{rng.randint(1, 12):02d}"
    gender = rng.choice("12")
    nip = f"{birth:%Y%m%d}{year}{month}{gender}{serial:03d}"
    from core.demo import BACK_TITLES, FRONT_TITLES, GIVEN_NAMES, SECOND_NAMES  # the demo's invented names

    given, family = rng.choice(GIVEN_NAMES), rng.choice(SECOND_NAMES)
    name = f"{rng.choice(FRONT_TITLES)} {given} {family}".strip()
    back = rng.choice(BACK_TITLES)
    position, kind = rng.choice(POSITIONS)
    rank = rng.choice(PPPK_RANKS if status == "PPPK" else PNS_RANKS)
    agency, region = rng.choice(agencies)
    handle = f"{given}.{family}{index}".lower()
    email = f"{handle}@example.go.id"
    phone = f"08{rng.randint(100_000_000, 9_999_999_999)}" if rng.random() < 0.5 else ""
    account = f"instagram:@{handle}" if rng.random() < 0.1 else ""
    full_name = f"{name}, {back}" if back else name
    work_unit = rng.choice(WORK_UNITS)
    return [nip, full_name, status, position, kind, rank, work_unit, agency, region, email, phone, account, "ya"]


if __name__ == "__main__":
    main()

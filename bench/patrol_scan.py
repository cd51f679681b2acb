"""Throughput and memory of `sinetra patrol scan` at national scale; prints one JSON object.

    .venv/bin/python bench/patrol_scan.py                     # 1,000,000 posts (about 3 minutes)
    .venv/bin/python bench/patrol_scan.py --posts 100000 --asn 100000 --accounts 20000

Generates, outside the timing:

* the Pilkada 2024 contests (a governor race per province except DI Yogyakarta, a regent or mayor race per
  regency/city except Jakarta's administrative ones: 545) with 2-4 fictional pairs each — names, acronyms,
  nicknames, slogans, hashtags, campaign accounts — plus the three presidential pairs and 24 parties;
* a registry of ``--asn`` fictional civil servants, ``--accounts`` of them with a registered social account;
* ``--posts`` posts as JSONL: 15 % by registered ASN accounts, 5 % by authors whose bio declares ASN status,
  80 % by the public; 35 % election content (support, attacks, neutral voter information) naming candidates
  of the author's region, the rest everyday talk; likes and follows of campaign accounts among them.

Then measures, on the same file:

1. **bare matching**: the region automaton's ``find`` over every post's lowercased text, one process — the
   floor cost of candidate detection;
2. **local engine**: `patrol.engine.scan_files` with ``--workers`` processes (default: all cores);
3. **Dask**: the same scan on a local Dask cluster of ``--dask-workers`` worker processes.

Peak memory is the largest sum of RSS over this process and all its children, sampled every 0.1 s.
Goal (issue 6): 20,000 posts/s or better end to end, peak memory under 4 GB.
"""

import argparse
import contextlib
import csv
import json
import os
import random
import sys
import tempfile
import threading
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import orjson

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sinetra.settings")

FIRST = [
    "Budi",
    "Agus",
    "Dedi",
    "Eko",
    "Hendra",
    "Iwan",
    "Joko",
    "Rudi",
    "Slamet",
    "Wahyu",
    "Yusuf",
    "Rizki",
    "Fajar",
    "Andi",
    "Bayu",
    "Arief",
    "Dimas",
    "Irfan",
    "Siti",
    "Sri",
    "Dewi",
    "Rina",
    "Yuni",
    "Ratna",
    "Wulan",
    "Lestari",
    "Indah",
    "Nur",
    "Fitri",
    "Ayu",
    "Putri",
    "Rahma",
    "Mega",
    "Tuti",
    "Endang",
    "Ani",
    "Lina",
]
LAST = [
    "Santoso",
    "Wijaya",
    "Saputra",
    "Hidayat",
    "Nugroho",
    "Setiawan",
    "Kurniawan",
    "Pratama",
    "Siregar",
    "Nasution",
    "Harahap",
    "Simanjuntak",
    "Hakim",
    "Rahman",
    "Gunawan",
    "Susanto",
    "Wibowo",
    "Purnomo",
    "Lubis",
    "Hasibuan",
    "Sembiring",
    "Tarigan",
    "Lestari",
    "Wulandari",
    "Rahayu",
    "Permana",
    "Firmansyah",
    "Maulana",
    "Syahputra",
    "Ramadhan",
    "Sitompul",
    "Panjaitan",
    "Manurung",
    "Daulay",
    "Pohan",
    "Batubara",
]
SUPPORT = [
    "ayo pilih {n} tanggal 27 november!",
    "mantap {c}, lanjutkan dua periode 🔥",
    "coblos nomor {b} ya gaes, {c} pasti menang",
    "kami dukung {c} sepenuh hati #{h}",
    "{c} pemimpin kita, satu putaran!",
    "salam {b} jari ✌️ bersama {c}",
]
ATTACK = ["jangan pilih {c}, janjinya gak pernah ditepati", "{c} cuma pencitraan doang"]
NEUTRAL = [
    "jangan lupa datang ke tps 27 november, gunakan hak pilih",
    "debat publik {c} dan lawannya malam ini jam 19.00, simak ya",
    "cek dpt kamu di situs kpu sebelum hari pencoblosan",
    "asn harus netral, yuk jaga netralitas di pilkada",
]
EVERYDAY = [
    "macet parah di jalan utama pagi ini",
    "alhamdulillah panen cabai tahun ini bagus",
    "ada yang tau bengkel motor yang buka minggu?",
    "selamat ulang tahun ibu tercinta ❤️",
    "persib menang lagi! mantap",
    "resep rendang padang paling enak versi saya",
    "hujan deras dari sore, hati-hati di jalan",
    "lagi belajar masak nasi goreng kampung",
]
ASN_BIOS = ["ASN Pemkab {r}", "PNS Dinas Pendidikan", "Guru SDN 3 {r} | PNS", "PPPK Dinkes {r}", "Camat di {r}"]
PUBLIC_BIOS = ["pecinta kopi", "ibu rumah tangga", "pengusaha kecil", "mahasiswa", "", "traveler", "ojol"]
PLATFORMS = ["instagram", "x", "facebook", "tiktok"]


def contests_and_candidates(rng):
    from patrol.book import CandidateRow, ContestRow, ElectionBook, ElectionRow, PartyRow, office_label

    provinces = {
        r["code"]: r["name"] for r in csv.DictReader((ROOT / "regions/data/wilayah_kemendagri/provinces.csv").open())
    }
    regencies = list(csv.DictReader((ROOT / "regions/data/wilayah_kemendagri/regencies.csv").open()))
    pilkada = ElectionRow(2, "pilkada-2024", "pilkada", date(2023, 11, 28), date(2024, 12, 27), date(2024, 11, 27))
    pemilu = ElectionRow(1, "pemilu-2024", "pemilu", date(2023, 2, 14), date(2024, 3, 15), date(2024, 2, 14))
    contests, candidates = [], []
    contests.append(ContestRow(1, 1, "president", "Presiden", None, date(2023, 11, 13)))
    for number, (name, mate) in enumerate(
        [("Anies Rasyid Baswedan", "Abdul Muhaimin Iskandar"), ("Prabowo Subianto", "Gibran Rakabuming Raka"),
         ("Ganjar Pranowo", "Mohammad Mahfud MD")], start=1
    ):  # fmt: skip
        candidates.append(CandidateRow(len(candidates) + 1, 1, number, name, mate, "", (name.split()[0],)))
    regions = [(code, "governor", name) for code, name in provinces.items() if code != "34"]
    for row in regencies:
        if row["province_code"] == "31":
            continue  # Jakarta's cities and regency are administrative: no election
        office = "mayor" if row["name"].startswith("Kota") else "regent"
        regions.append((row["code"], office, row["name"]))
    for code, office, name in regions:
        contest = ContestRow(len(contests) + 1, 2, office, office_label(office, name), code, date(2024, 9, 22))
        contests.append(contest)
        for number in range(1, rng.randint(2, 4) + 1):
            first, mate = f"{rng.choice(FIRST)} {rng.choice(LAST)}", f"{rng.choice(FIRST)} {rng.choice(LAST)}"
            acronym = (first[:3] + mate[:3]).upper() + str(len(candidates) % 97)
            candidates.append(
                CandidateRow(
                    len(candidates) + 1,
                    contest.id,
                    number,
                    first,
                    mate,
                    acronym,
                    (f"Bang {first.split()[0]}{len(candidates)}",),
                    (f"{name.split()[-1]} Maju Bersama {acronym}",),
                    (f"{acronym}Menang",),
                    (f"@{acronym.lower()}.official",),
                )
            )
    parties = tuple(PartyRow(i, 1, f"Partai Bench {i}", f"PB{i:02d}X") for i in range(1, 25))
    book = ElectionBook((pemilu, pilkada), tuple(contests), tuple(candidates), parties)
    return book, [r[0] for r in regions]


def registry(rng, asn: int, accounts: int, regions):
    from patrol.linkage import Registry

    people = (
        (i, f"19{80 + i % 20:02d}0101200{i % 10}01{1 + i % 2}{i % 1000:03d}", f"{rng.choice(FIRST)} {rng.choice(LAST)}",
         regions[i % len(regions)], "Dinas Pendidikan", "Guru")
        for i in range(1, asn + 1)
    )  # fmt: skip
    account_rows = (
        (PLATFORMS[i % 4], f"asn{i}", i, f"nip{i}", regions[i % len(regions)]) for i in range(1, accounts + 1)
    )
    return Registry.from_rows(account_rows, people)


def write_posts(path: Path, rng, count: int, book, accounts: int, regions) -> None:
    by_region: dict[str, list] = {}
    for candidate in book.candidates:
        contest = book.contest_by_id[candidate.contest_id]
        by_region.setdefault(contest.region_code or "", []).append(candidate)
    start = datetime(2024, 9, 1, tzinfo=UTC)
    with path.open("w", encoding="utf-8") as out:
        for i in range(count):
            roll = rng.random()
            region = regions[rng.randrange(len(regions))]
            if roll < 0.15:
                account = rng.randrange(1, accounts + 1)
                handle, bio, platform = f"asn{account}", rng.choice(PUBLIC_BIOS), PLATFORMS[account % 4]
                region = regions[account % len(regions)]
            elif roll < 0.20:
                handle, platform = f"pegawai{rng.randrange(50_000)}", rng.choice(PLATFORMS)
                bio = rng.choice(ASN_BIOS).format(r=region.replace(".", ""))
            else:
                handle, bio, platform = f"warga{rng.randrange(750_000)}", rng.choice(PUBLIC_BIOS), rng.choice(PLATFORMS)
            kind, target, text = "post", "", rng.choice(EVERYDAY)
            if rng.random() < 0.35:
                pool = by_region.get(region[:5]) or by_region.get(region[:2]) or by_region[""]
                candidate = rng.choice(pool)
                fill = {
                    "c": rng.choice([candidate.name, candidate.acronym, candidate.nicknames[0]]),
                    "n": candidate.name,
                    "b": candidate.ballot_number,
                    "h": (candidate.hashtags or ("pilkada2024",))[0],
                }
                pick = rng.random()
                template = rng.choice(SUPPORT if pick < 0.5 else ATTACK if pick < 0.6 else NEUTRAL)
                text = template.format(**fill)
                if pick < 0.08 and candidate.accounts:
                    kind, target, text = rng.choice(["like", "follow"]), candidate.accounts[0], ""
            posted = start + timedelta(seconds=rng.randrange(90 * 86400))
            record = {
                "platform": platform,
                "post_id": str(10**15 + i),
                "url": f"https://{platform}.com/{handle}/{i}",
                "author_handle": handle,
                "author_name": f"{rng.choice(FIRST)} {rng.choice(LAST)}",
                "author_bio": bio,
                "text": text,
                "kind": kind,
                "target": target,
                "posted_at": posted.isoformat(),
            }
            out.write(json.dumps(record, ensure_ascii=False) + "\n")


class PeakMemory:
    """Largest total RSS of this process and its children, sampled in a thread."""

    def __init__(self) -> None:
        import psutil

        self.process = psutil.Process()
        self.peak = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        import psutil

        while not self._stop.is_set():
            total = 0
            for proc in [self.process, *self.process.children(recursive=True)]:
                with contextlib.suppress(psutil.Error):
                    total += proc.memory_info().rss
            self.peak = max(self.peak, total)
            time.sleep(0.1)

    def __enter__(self):
        self._thread.start()
        return self

    def __exit__(self, *exc):
        self._stop.set()
        self._thread.join()

    @property
    def megabytes(self) -> int:
        return round(self.peak / 2**20)


def bare_matching(path: Path, book) -> dict:
    """Parse each line and run the all-contests automaton over its lowercased text: nothing else."""
    automaton = book.automaton(2, None)
    started = time.perf_counter()
    posts = mentions = 0
    with path.open(encoding="utf-8") as stream:
        for line in stream:
            mentions += len(automaton.find(orjson.loads(line)["text"].lower()))
            posts += 1
    seconds = time.perf_counter() - started
    return {
        "posts": posts,
        "mentions": mentions,
        "seconds": round(seconds, 2),
        "posts_per_second": round(posts / seconds),
    }


def engine_figures(summary, memory: PeakMemory, workers: int) -> dict:
    return {
        "workers": workers,
        "seconds": round(summary.seconds, 2),
        "worker_seconds": round(summary.worker_seconds, 2),
        "posts_per_second": round(summary.posts_per_second),
        "assessed": summary.assessed,
        "findings": summary.findings,
        "rejected": summary.rejected,
        "peak_memory_mb": memory.megabytes,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--posts", type=int, default=1_000_000)
    parser.add_argument("--asn", type=int, default=1_000_000)
    parser.add_argument("--accounts", type=int, default=200_000)
    parser.add_argument("--workers", type=int, default=os.cpu_count())
    parser.add_argument("--dask-workers", type=int, default=2)
    parser.add_argument("--skip-dask", action="store_true")
    parser.add_argument("--seed", type=int, default=2024)
    parser.add_argument("--profile", metavar="PATH", help="cProfile one process scanning the file, then stop")
    args = parser.parse_args()

    from patrol.engine import scan_files
    from patrol.scan import ScanContext
    from patrol.training import shipped_model

    rng = random.Random(args.seed)
    result = {"benchmark": "patrol_scan", "posts": args.posts, "asn": args.asn, "accounts": args.accounts}
    with tempfile.TemporaryDirectory() as folder:
        posts_file = Path(folder) / "posts.jsonl"
        started = time.perf_counter()
        book, regions = contests_and_candidates(rng)
        write_posts(posts_file, rng, args.posts, book, args.accounts, regions)
        result["generate_seconds"] = round(time.perf_counter() - started, 1)
        result["file_mb"] = round(posts_file.stat().st_size / 2**20)
        result["contests"] = len(book.contests) - 1
        result["candidates"] = len(book.candidates)

        started = time.perf_counter()
        context = ScanContext(book, registry(rng, args.asn, args.accounts, regions), shipped_model())
        book.build_all()
        result["context_seconds"] = round(time.perf_counter() - started, 1)

        result["bare_matching"] = bare_matching(posts_file, book)
        if args.profile:
            import cProfile

            cProfile.runctx("scan_files([posts_file], context, workers=1)", globals(), locals(), args.profile)
            return

        with PeakMemory() as memory:
            summary, _ = scan_files([posts_file], context, workers=args.workers)
        result["local"] = engine_figures(summary, memory, args.workers)
        if not args.skip_dask:
            import dask
            from dask.distributed import LocalCluster

            # Dask's statistical profiler samples every worker thread 100 times a second; a production cluster
            # running long scans would switch it off the same way (distributed.worker.profile.enabled).
            dask.config.set({"distributed.worker.profile.enabled": False})
            cluster = LocalCluster(n_workers=args.dask_workers, threads_per_worker=1, processes=True)
            with PeakMemory() as memory, cluster:
                summary, _ = scan_files([posts_file], context, scheduler=cluster.scheduler_address)
            result["dask"] = engine_figures(summary, memory, args.dask_workers)
    engines = [result["local"]] + ([result["dask"]] if "dask" in result else [])
    result["pipeline_cost_ratio"] = round(
        result["bare_matching"]["posts_per_second"] / result["local"]["posts_per_second"], 2
    )
    result["goal"] = {"posts_per_second": 20_000, "peak_memory_mb": 4096}
    result["met"] = all(e["posts_per_second"] >= 20_000 and e["peak_memory_mb"] < 4096 for e in engines)
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()

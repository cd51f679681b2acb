"""Benchmark of the public intake: POST /api/v1/reports under load, and building the duplicate index.

Creates its own database (`sinetra_bench_intake` next to the one in DATABASE_URL), migrates it and loads the
reference data, serves the app with gunicorn (2 sync workers, DEBUG=0 settings over plain HTTP on 127.0.0.1)
and loads it from a second process (this script with --client) for --seconds with --concurrency requests in
flight. Then, in this process, fingerprints --reports synthetic report texts and builds a
`reports.duplicates.DuplicateIndex` from them. Prints one JSON object; the bench database is dropped at the end,
also after an error. Progress goes to stderr. See bench/README.md.
"""

import argparse
import base64
import datetime
import itertools
import json
import os
import platform
import random
import resource
import secrets
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

from benchdb import BenchDatabase

ROOT = Path(__file__).resolve().parent.parent
BENCH_DATABASE = "sinetra_bench_intake"
DEFAULT_DATABASE_URL = "postgres://postgres@127.0.0.1:5432/postgres"
WORKERS = 2
WARMUP_SECONDS = 2.0
RATE = "100000000/h"  # the limiter still counts every request but never refuses the single load address
EMAIL_BACKEND = "django.core.mail.backends.dummy.EmailBackend"
GOAL_RPS = 300
GOAL_P99_MS = 150
ERROR_SAMPLES = 5

REGIONS = {
    "18.71": "Kota Bandar Lampung",
    "32.76": "Kota Depok",
    "31.71": "Kota Administrasi Jakarta Pusat",
    "35.78": "Kota Surabaya",
    "73.71": "Kota Makassar",
}


def _words(text: str) -> list[str]:
    return text.split()


ACTS = [f"DSP-{number:02d}" for number in range(1, 13)]
FIRST_DAY = datetime.date(2024, 10, 1)
LAST_DAY = datetime.date(2024, 11, 20)
GIVEN = _words(
    "Agus Ahmad Andi Anita Ari Arif Asep Bambang Budi Dedi Dewi Dian Dwi Eka Endang Fajar Fitri Gita Hadi "
    "Hendra Heru Ika Indah Indra Joko Kartika Lestari Made Maria Muhammad Nur Nyoman Putri Rahmat Ratna "
    "Rina Rizki Sari Siti Slamet Sri Suryani Teguh Tri Wahyu Wayan Yanti Yogi Yusuf Zainal"
)
FAMILY = _words(
    "Santoso Wijaya Saputra Hidayat Kurniawan Setiawan Pratama Nugroho Siregar Nasution Harahap "
    "Simanjuntak Lubis Sinaga Panjaitan Daeng Pattiasina Wibowo Susanto Gunawan Hakim Syahputra Ramadhan "
    "Utami Permata Rahayu Maharani Lestari Anggraini Purnomo"
)
AGENCIES = [
    "Dinas Pendidikan",
    "Dinas Kesehatan",
    "Dinas Pekerjaan Umum dan Penataan Ruang",
    "Badan Kepegawaian dan Pengembangan SDM",
    "Sekretariat Daerah",
    "Dinas Sosial",
    "Kecamatan Tanjung Karang Pusat",
    "Kelurahan Sukamaju",
    "RSUD",
    "Satuan Polisi Pamong Praja",
]
POSITIONS = [
    "Guru",
    "Kepala Sekolah",
    "Camat",
    "Lurah",
    "Kepala Dinas",
    "Kepala Bidang",
    "Kepala Seksi",
    "Perawat",
    "Bidan",
    "Staf Pelaksana",
    "Analis Kebijakan",
]
PLACES = ["Instagram", "Facebook", "TikTok", "Grup WhatsApp warga", "Balai warga", "Kantor kelurahan", "Lapangan"]
STREETS = ["Jl. Merdeka", "Jl. Diponegoro", "Jl. Sudirman", "Jl. Kartini", "Jl. Pahlawan", "Gg. Melati", "Jl. Cendana"]
MONTHS = ["Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus", "September", "Oktober", "November"]
ACTIVITIES = [
    "memakai kaos bergambar salah satu pasangan calon",
    "berfoto sambil mengacungkan jari membentuk nomor urut pasangan calon",
    "membagikan bahan kampanye kepada warga",
    "menghadiri kampanye terbuka salah satu pasangan calon",
    "memberikan sambutan dalam acara deklarasi relawan",
    "membagikan ulang unggahan kampanye di akun media sosialnya",
    "mengarahkan para guru untuk mendukung calon petahana",
    "ikut dalam konvoi kendaraan tim pemenangan",
    "menggunakan mobil dinas untuk mengantar tim kampanye",
    "memasang spanduk pasangan calon di pagar kantor",
    "mengumpulkan fotokopi KTP warga untuk dukungan calon",
    "menjanjikan bantuan sosial bila warga memilih calon tertentu",
]
SENTENCES = [
    "Pada tanggal {day} {month} 2024 sekitar pukul {hour}.{minute} WIB, {name}, {position} di {agency}, terlihat "
    "{activity}.",
    "Kejadian itu berlangsung di {venue} {region} dan disaksikan kurang lebih {count} orang warga.",
    "Foto kegiatan tersebut diunggah oleh akun @{handle} dan sudah dibagikan lebih dari {count} kali.",
    "Saya melihat langsung kejadian itu ketika sedang {context}.",
    "Dalam unggahan itu ia menulis ajakan untuk memilih pasangan calon nomor urut {number}.",
    "Menurut warga sekitar, yang bersangkutan sudah beberapa kali {activity} sejak bulan {month}.",
    "Saya khawatir hal ini memengaruhi pilihan {audience} di lingkungan {agency}.",
    "Mohon agar Bawaslu {region} segera menindaklanjuti laporan ini.",
    "Bukti berupa {count} tangkapan layar dan tautan unggahan sudah saya simpan.",
    "Pada hari yang sama {name} juga tampak {activity} di depan {venue}.",
    "Acara tersebut dihadiri pula oleh tim sukses dan beberapa kepala lingkungan dari {region}.",
    "Kegiatan itu dilakukan pada jam kerja, padahal yang bersangkutan seharusnya bertugas di {agency}.",
]
VENUES = ["balai warga", "masjid raya", "pasar induk", "lapangan kecamatan", "gedung serbaguna", "kantor kelurahan"]
CONTEXTS = ["berbelanja di pasar", "mengantar anak ke sekolah", "menghadiri pengajian", "menunggu di puskesmas"]
AUDIENCES = ["para guru", "pegawai", "warga", "orang tua murid", "tenaga kesehatan"]
# Free sentences (subject + deed + when + where + how): unrelated reports share words, as real ones do, but few
# runs of characters, so their MinHash similarity stays low, as between real reports about different incidents.
SUBJECTS = _words(
    "Oknum_ASN_itu Yang_bersangkutan Beberapa_pegawai_dinas Seorang_guru Kepala_sekolah_tersebut Sekretaris_camat "
    "Staf_kelurahan Dua_orang_perawat Kepala_bidang_anggaran Seorang_bidan_desa Lurah_setempat Pejabat_itu"
)
DEEDS = [
    "membagikan sembako berlogo pasangan calon",
    "mengunggah video dukungan kepada petahana",
    "menempelkan stiker calon pada mobil dinas",
    "mengajak warga hadir di rapat umum",
    "meminta data pemilih dari ketua RT",
    "bertemu secara tertutup dengan tim pemenangan",
    "memberikan amplop kepada peserta pengajian",
    "memimpin doa bersama untuk kemenangan calon",
    "mengumpulkan tenaga honorer di aula kantor",
    "menyebarkan poster digital di grup keluarga",
    "memakai seragam dinas ketika berorasi",
    "mengirim pesan berantai berisi ajakan memilih",
    "menjadi pembawa acara deklarasi dukungan",
    "memotret diri dengan gaya salam dua jari",
    "meminjamkan gedung sekolah untuk posko relawan",
    "menjanjikan kenaikan pangkat bagi pendukung",
    "menulis komentar bernada kampanye",
    "mengatur jadwal kunjungan calon ke pasar",
]
WHEN = _words(
    "pada_Sabtu_malam setelah_salat_Jumat saat_apel_pagi di_sela_jam_pelajaran menjelang_masa_tenang "
    "pada_Minggu_pagi sepulang_kerja ketika_rapat_koordinasi pekan_lalu kemarin_sore tiga_hari_lalu saat_posyandu"
)
WHERE = [
    "di aula kantor camat",
    "di halaman sekolah dasar",
    "di rumah makan dekat terminal",
    "di posko pemenangan",
    "di belakang pasar tradisional",
    "di grup WhatsApp RT {rt}",
    "di kantor desa",
    "di lapangan voli kampung",
    "di rumah ketua RW {rt}",
    "di akun Facebook pribadinya",
    "di acara arisan ibu-ibu PKK",
    "di gedung olahraga kota",
]
MANNERS = [
    "",
    "dan kejadian itu direkam warga",
    "sehingga warga merasa tertekan",
    "walaupun sudah ditegur",
    "dengan dalih kegiatan sosial",
    "sambil membawa atribut partai",
    "di depan sekitar {count} orang",
    "lalu meminta agar foto itu disebarkan",
]


def main() -> None:
    args = _arguments()
    if args.client:
        print(json.dumps(_client(args)))
        return
    result = None
    url = os.environ.get("DATABASE_URL") or DEFAULT_DATABASE_URL
    with tempfile.TemporaryDirectory(prefix="sinetra-bench-intake-") as directory:
        database = BenchDatabase(BENCH_DATABASE, url)
        try:
            result = _run(args, database, Path(directory))
        finally:
            database.drop()
    print(json.dumps(result))


def _arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--seconds", type=float, default=20.0, help="length of the measured load (default 20)")
    parser.add_argument("--concurrency", type=int, default=8, help="requests in flight (default 8)")
    parser.add_argument("--reports", type=int, default=100_000, help="texts for the duplicate index (default 100000)")
    parser.add_argument("--seed", type=int, default=20241127)
    parser.add_argument(
        "--profile",
        metavar="DIR",
        help="write cProfile stats of each gunicorn worker to DIR/worker-PID.prof (slows the server down)",
    )
    # Internal: the load generator is this script run again in its own process.
    parser.add_argument("--client", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--port", type=int, help=argparse.SUPPRESS)
    return parser.parse_args()


def _progress(message: str) -> None:
    print(f"[intake {time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


# --- The server side


def _run(args: argparse.Namespace, database: BenchDatabase, directory: Path) -> dict:
    load_average = [round(value, 2) for value in os.getloadavg()]  # other work on the machine skews the figures
    env = _server_environment(database.url, directory)
    python = sys.executable
    for step in (["migrate", "--verbosity", "0"], ["load_reference_data"], ["collectstatic", "--noinput", "-v", "0"]):
        _progress(f"manage.py {step[0]}")
        subprocess.run([python, "manage.py", *step], cwd=ROOT, env=env, check=True, stdout=subprocess.DEVNULL)  # noqa: S603
    port = _free_port()
    log_path = directory / "gunicorn.log"
    config = _gunicorn_config(directory, args.profile)
    server = _start_gunicorn(port, env, log_path, config)
    try:
        _wait_until_serving(port, server, log_path)
        _progress(f"gunicorn serving on 127.0.0.1:{port}; warming up for {WARMUP_SECONDS:g} s")
        warmup, _snapshots = _load(args, port, WARMUP_SECONDS)
        with database.connect() as connection:
            processes = _watched_processes(server.pid, connection)
            _progress(f"measuring for {args.seconds:g} s with {args.concurrency} requests in flight")
            load, (before, after) = _load(args, port, args.seconds, lambda: (_cpu_seconds(processes), _machine_busy()))
            stored = _count_rows(connection)
            server_info = _postgres_settings(connection)
    finally:
        _stop(server)
    _progress(
        f"{load['requests']} requests, {load['requests_per_second']} req/s, p99 {load['latency_ms']['p99']} ms, "
        f"{load['errors']} errors"
    )
    load["cpu_ms_per_request"] = _cpu_per_request(before, after, load)
    load["warmup"] = {"seconds": WARMUP_SECONDS, "requests": warmup["requests"], "errors": warmup["errors"]}
    load["stored"] = stored
    load["goal"] = {
        "requests_per_second": GOAL_RPS,
        "p99_ms": GOAL_P99_MS,
        "rps_met": load["requests_per_second"] >= GOAL_RPS,
        "p99_met": load["latency_ms"]["p99"] < GOAL_P99_MS,
        "no_errors": load["errors"] == 0,
    }
    load["goal"]["met"] = all(load["goal"][key] for key in ("rps_met", "p99_met", "no_errors"))
    load["server"] = _server_settings(env, port, server_info)
    if args.profile:
        load["server"]["profiled"] = f"cProfile in every worker (slower than unprofiled): {args.profile}"
    load["note"] = (
        "Each request only queues the duplicate check and the office e-mail (one django_tasks_db row); the "
        "background worker (sinetra db_worker) is not started, so neither runs during the benchmark."
    )
    _progress(f"duplicate index on {args.reports} reports")
    return {
        "intake": load,
        "duplicate_index": _duplicate_index(args.reports, random.Random(args.seed)),
        "machine": _machine(server_info, load_average),
        "git": _git(),
    }


def _server_environment(database_url: str, directory: Path) -> dict:
    """DEBUG=0 production settings, except plain HTTP on 127.0.0.1, and state kept in the temporary directory."""
    settings = {
        "DJANGO_SETTINGS_MODULE": "sinetra.settings",
        "DATABASE_URL": database_url,
        "DEBUG": "0",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "FIELD_ENCRYPTION_KEYS": base64.urlsafe_b64encode(secrets.token_bytes(32)).decode(),
        "ALLOWED_HOSTS": "127.0.0.1",
        "SECURE_SSL_REDIRECT": "0",
        "CONN_MAX_AGE": "60",
        "REPORT_SUBMIT_RATE": RATE,
        "REPORT_STATUS_RATE": RATE,
        "EMAIL_BACKEND": EMAIL_BACKEND,
        "VAR_DIR": str(directory / "var"),
        "STATIC_ROOT": str(directory / "static"),
        "LOG_LEVEL": "WARNING",
        # Production runs from cached bytecode; without it every worker compiles the whole app at its first request.
        "PYTHONPYCACHEPREFIX": str(directory / "pycache"),
    }
    env = dict(os.environ)
    for name in [*settings, "CLIENT_IP_HEADER", "PYTHONDONTWRITEBYTECODE"]:
        env.pop(name, None)
        env.pop(f"{name}_FILE", None)  # NAME_FILE would win over NAME (sinetra.settings.env)
    return env | settings


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _gunicorn_config(directory: Path, profile: str | None) -> Path | None:
    """With --profile, a gunicorn config file whose hooks profile each worker from boot to exit."""
    if not profile:
        return None
    target = Path(profile).resolve()
    target.mkdir(parents=True, exist_ok=True)
    path = directory / "gunicorn_profile.py"
    path.write_text(
        "import cProfile\nimport os\n\n\n"
        "def post_worker_init(worker):\n"
        "    worker.profiler = cProfile.Profile()\n"
        "    worker.profiler.enable()\n\n\n"
        "def worker_exit(server, worker):\n"
        "    worker.profiler.disable()\n"
        f"    worker.profiler.dump_stats(os.path.join({str(target)!r}, f'worker-{{os.getpid()}}.prof'))\n"
    )
    return path


def _start_gunicorn(port: int, env: dict, log_path: Path, config: Path | None) -> subprocess.Popen:
    gunicorn = Path(sys.executable).parent / "gunicorn"
    command = [str(gunicorn), "sinetra.wsgi:application", "--workers", str(WORKERS), "--worker-class", "sync"]
    command += ["--bind", f"127.0.0.1:{port}", *(["--config", str(config)] if config else [])]
    with open(log_path, "wb") as log:
        return subprocess.Popen(command, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)  # noqa: S603


def _wait_until_serving(port: int, server: subprocess.Popen, log_path: Path) -> None:
    deadline = time.monotonic() + 60
    url = f"http://127.0.0.1:{port}/api/v1/acts"
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError(f"gunicorn exited with {server.returncode}:\n{log_path.read_text()[-3000:]}")
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                if response.status == 200:
                    return
        except urllib.error.HTTPError as error:
            raise RuntimeError(f"GET {url} answered {error.code}:\n{log_path.read_text()[-3000:]}") from error
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(f"gunicorn did not answer within 60 s:\n{log_path.read_text()[-3000:]}")


def _stop(server: subprocess.Popen) -> None:
    if server.poll() is not None:
        return
    server.send_signal(signal.SIGTERM)
    try:
        server.wait(timeout=30)
    except subprocess.TimeoutExpired:
        server.kill()
        server.wait()


def _load(args: argparse.Namespace, port: int, seconds: float, snapshot=lambda: None) -> tuple[dict, list]:
    """Run the load generator (this script with --client) in its own process; return its result and what
    `snapshot()` returned just before the load started and just after it ended."""
    command = [sys.executable, __file__, "--client", "--port", str(port), "--seconds", str(seconds)]
    command += ["--concurrency", str(args.concurrency), "--seed", str(args.seed + int(seconds * 1000))]
    with subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True) as client:  # noqa: S603
        if client.stdout.readline().strip() != "ready":  # the client has built its requests
            raise RuntimeError("the load generator failed to start")
        snapshots = [snapshot()]
        client.stdin.write("go\n")
        client.stdin.flush()
        finished = client.stdout.readline()  # written the moment the last request has been answered
        snapshots.append(snapshot())
        output = client.stdout.read()
    if client.returncode != 0 or finished.strip() != "finished":
        raise RuntimeError(f"the load generator failed (exit status {client.returncode})")
    return json.loads(output), snapshots


# --- CPU accounting from /proc (Linux): who spends the machine's CPU while the load runs


def _watched_processes(master: int, connection) -> dict[str, list[int]]:
    """Gunicorn's master and workers, the PostgreSQL backends of the bench database, and PostgreSQL's other
    processes (WAL writer, checkpointer, other databases' backends)."""
    if not Path("/proc/self/stat").exists():
        return {}
    stats = {pid: _proc_stat(pid) for pid in _all_pids()}
    stats = {pid: stat for pid, stat in stats.items() if stat is not None}
    workers = [pid for pid, stat in stats.items() if stat[1] == master]
    rows = connection.execute(
        "SELECT pid FROM pg_stat_activity WHERE datname = %s AND pid <> pg_backend_pid()", [BENCH_DATABASE]
    ).fetchall()
    backends = [pid for (pid,) in rows]
    own = connection.execute("SELECT pg_backend_pid()").fetchone()[0]
    postgres = [pid for pid, stat in stats.items() if stat[0] in {"postgres", "postmaster"}]
    others = [pid for pid in postgres if pid not in backends and pid != own]
    return {
        "gunicorn_workers": workers,
        "gunicorn_master": [master],
        "postgres_bench": backends,
        "postgres_other": others,
    }


def _all_pids() -> list[int]:
    return [int(entry.name) for entry in Path("/proc").iterdir() if entry.name.isdigit()]


def _proc_stat(pid: int) -> tuple[str, int, float] | None:
    """(command name, parent pid, user+system CPU seconds) of a process, or None if it is gone."""
    try:
        text = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    name = text[text.index("(") + 1 : text.rindex(")")]
    fields = text[text.rindex(")") + 2 :].split()
    ticks = os.sysconf("SC_CLK_TCK")
    return name, int(fields[1]), (int(fields[11]) + int(fields[12])) / ticks


def _cpu_seconds(processes: dict[str, list[int]]) -> dict[str, float]:
    totals = {}
    for group, pids in processes.items():
        stats = [_proc_stat(pid) for pid in pids]
        totals[group] = sum(stat[2] for stat in stats if stat is not None)
    return totals


def _machine_busy() -> float | None:
    """CPU seconds the whole machine has been busy (all cores), from /proc/stat."""
    try:
        fields = Path("/proc/stat").read_text().splitlines()[0].split()[1:]
    except OSError:
        return None
    user, nice, system, _idle, _iowait, irq, softirq, steal = (int(value) for value in fields[:8])
    return (user + nice + system + irq + softirq + steal) / os.sysconf("SC_CLK_TCK")


def _cpu_per_request(before: tuple, after: tuple, load: dict) -> dict:
    requests = max(load["requests"], 1)
    per_request = {
        group: round((after[0][group] - seconds) * 1000 / requests, 2) for group, seconds in before[0].items()
    }
    per_request["client"] = round(load["client_cpu_seconds"] * 1000 / requests, 2)
    if before[1] is not None and after[1] is not None:
        per_request["machine_total"] = round((after[1] - before[1]) * 1000 / requests, 2)
        ours = sum(value for key, value in per_request.items() if key != "machine_total")
        per_request["everything_else"] = round(per_request["machine_total"] - ours, 2)  # other jobs on the machine
        busy = (after[1] - before[1]) / (load["duration_seconds"] * (os.cpu_count() or 1))
        per_request["machine_busy_percent"] = round(busy * 100, 1)
    return per_request


def _count_rows(connection) -> dict:
    tables = {"reports": "reports_report", "status_events": "reports_statusevent", "links": "reports_reportlink"}
    tables |= {"audit_entries": "core_auditentry", "queued_tasks": "django_tasks_database_dbtaskresult"}
    counts = {}
    for label, table in tables.items():
        try:
            counts[label] = connection.execute(f"SELECT count(*) FROM {table}").fetchone()[0]  # noqa: S608
        except Exception:  # a table renamed by a migration: report what there is
            counts[label] = None
    return counts


def _postgres_settings(connection) -> dict:
    names = ["server_version", "synchronous_commit", "fsync", "shared_buffers", "max_connections"]
    rows = connection.execute("SELECT name, setting, unit FROM pg_settings WHERE name = ANY(%s)", [names]).fetchall()
    return {name: f"{setting}{' × ' + unit if unit else ''}" for name, setting, unit in rows}


def _server_settings(env: dict, port: int, postgres: dict) -> dict:
    version = subprocess.run(  # noqa: S603
        [str(Path(sys.executable).parent / "gunicorn"), "--version"], capture_output=True, text=True, check=False
    ).stdout.strip()
    return {
        "gunicorn": version,
        "workers": WORKERS,
        "worker_class": "sync",
        "bind": f"127.0.0.1:{port}",
        "settings": {
            name: env[name]
            for name in (
                "DEBUG",
                "ALLOWED_HOSTS",
                "SECURE_SSL_REDIRECT",
                "CONN_MAX_AGE",
                "REPORT_SUBMIT_RATE",
                "REPORT_STATUS_RATE",
                "EMAIL_BACKEND",
                "LOG_LEVEL",
            )
        },
        "static_files": "collectstatic into a temporary STATIC_ROOT (manifest storage, as in production)",
        "bytecode": "cached in the temporary directory (PYTHONPYCACHEPREFIX), as installed code would be",
        "postgres": postgres,
    }


def _machine(postgres: dict, load_average: list[float]) -> dict:
    return {
        "cpus": os.cpu_count(),
        "python": platform.python_version(),
        "platform": platform.platform(),
        "postgresql": postgres.get("server_version"),
        "load_average_at_start": load_average,
    }


def _git() -> dict:
    def git(*command: str) -> str:
        done = subprocess.run(["git", *command], cwd=ROOT, capture_output=True, text=True, check=False)  # noqa: S603, S607
        return done.stdout.strip()

    return {"commit": git("rev-parse", "HEAD"), "dirty": bool(git("status", "--porcelain", "--untracked-files=no"))}


# --- The load generator (runs in its own process: `intake.py --client --port N`)


def _client(args: argparse.Namespace) -> dict:
    """POST reports for args.seconds with args.concurrency requests in flight; one connection per request (gunicorn's
    sync workers close it after the response). Requests are built before the clock starts, the exchange is a plain
    socket write and read, so the client's own CPU per request stays small (it is reported)."""
    rng = random.Random(args.seed)
    host = f"127.0.0.1:{args.port}"
    prepared = [_http_request(host, _report_body(rng, index)) for index in range(max(500, int(args.seconds * 800)))]
    print("ready", flush=True)
    sys.stdin.readline()  # the parent takes its CPU snapshot, then says go
    tickets = itertools.count()
    finished: list[tuple[float, float, int]] = []
    samples: list[dict] = []
    usage = resource.getrusage(resource.RUSAGE_SELF)
    start = time.perf_counter()
    stop_at = start + args.seconds

    def worker() -> None:
        own = []
        while (began := time.perf_counter()) < stop_at:
            status, response = _exchange(args.port, prepared[next(tickets) % len(prepared)])
            own.append((began, time.perf_counter(), status))
            if status != 201 and len(samples) < ERROR_SAMPLES:
                samples.append({"status": status, "body": response[:600].decode("utf-8", "replace")})
        finished.extend(own)

    threads = [threading.Thread(target=worker) for _ in range(args.concurrency)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    used = resource.getrusage(resource.RUSAGE_SELF)
    print("finished", flush=True)
    end = max((done for _began, done, _status in finished), default=time.perf_counter())
    cpu = used.ru_utime + used.ru_stime - usage.ru_utime - usage.ru_stime
    latencies = sorted((done - began) * 1000 for began, done, _status in finished)
    errors = sum(1 for *_times, status in finished if status != 201)
    statuses: dict[str, int] = {}
    for *_times, status in finished:
        statuses[str(status)] = statuses.get(str(status), 0) + 1
    duration = end - start
    return {
        "requests": len(finished),
        "errors": errors,
        "statuses": statuses,
        "duration_seconds": round(duration, 2),
        "requests_per_second": round(len(finished) / duration, 1),
        "latency_ms": {
            "p50": _percentile(latencies, 50),
            "p90": _percentile(latencies, 90),
            "p99": _percentile(latencies, 99),
            "max": round(latencies[-1], 1) if latencies else None,
            "mean": round(sum(latencies) / len(latencies), 1) if latencies else None,
        },
        "concurrency": args.concurrency,
        "client_cpu_seconds": round(cpu, 2),
        "client_cpu_percent_of_one_core": round(cpu / duration * 100, 1),
        "distinct_bodies": len(prepared),
        "error_samples": samples,
    }


def _percentile(sorted_values: list[float], percent: float) -> float | None:
    """Nearest-rank percentile of already sorted values."""
    if not sorted_values:
        return None
    rank = max(1, -(-len(sorted_values) * percent // 100))
    return round(sorted_values[int(rank) - 1], 1)


def _http_request(host: str, body: dict) -> bytes:
    data = json.dumps(body, ensure_ascii=False).encode()
    head = (
        f"POST /api/v1/reports HTTP/1.1\r\nHost: {host}\r\nContent-Type: application/json\r\n"
        f"Accept: application/json\r\nContent-Length: {len(data)}\r\nConnection: close\r\n\r\n"
    )
    return head.encode("ascii") + data


def _exchange(port: int, request: bytes) -> tuple[int, bytes]:
    """Send one request and read the response to the end; (status, response) or (0, error) if the exchange fails."""
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=30) as sock:
            sock.sendall(request)
            chunks = []
            while chunk := sock.recv(65536):
                chunks.append(chunk)
    except OSError as error:
        return 0, repr(error).encode()
    response = b"".join(chunks)
    head, _, body = response.partition(b"\r\n\r\n")
    try:
        status = int(head[9:12])
    except ValueError:
        return 0, response
    if status == 201 and b'"receipt_code"' not in body:
        return 2010, response  # a 201 without a receipt is not a stored report
    return status, body


# --- Generated reports


def _report_body(rng: random.Random, index: int) -> dict:
    region = rng.choice(list(REGIONS))
    occurred = FIRST_DAY + datetime.timedelta(days=rng.randint(0, (LAST_DAY - FIRST_DAY).days))
    known = min(occurred + datetime.timedelta(days=rng.choice((0, 0, 1, 1, 2, 5))), LAST_DAY)
    name = _person(rng)
    agency = f"{rng.choice(AGENCIES)} {REGIONS[region]}"
    body = {
        "reported": {"name": name, "nip": _nip(rng), "agency": agency, "position": rng.choice(POSITIONS)},
        "act": rng.choice(ACTS),
        "election": "pilkada-2024",
        "region": region,
        "occurred_on": occurred.isoformat(),
        "known_on": known.isoformat(),
        "place": rng.choice(PLACES),
        "description": _description(rng, name=name, agency=agency, region=REGIONS[region]),
        "witnesses": _witnesses(rng),
        "links": _links(rng),
    }
    if rng.random() >= 0.2:  # about one in five is an anonymous tip
        body["reporter"] = _reporter(rng, index, region)
    return body


def _person(rng: random.Random) -> str:
    return f"{rng.choice(GIVEN)} {rng.choice(FAMILY)}"


def _nip(rng: random.Random) -> str:
    """A valid 18-digit NIP: birth date, appointment (at 20–28, before 2024), gender 1/2, serial 001–999."""
    birth = datetime.date(1965, 1, 1) + datetime.timedelta(days=rng.randint(0, 30 * 365))
    year = min(birth.year + rng.randint(20, 28), 2023)
    return f"{birth:%Y%m%d}{year}{rng.randint(1, 12):02d}{rng.choice('12')}{rng.randint(1, 999):03d}"


def _reporter(rng: random.Random, index: int, region: str) -> dict:
    given, family = rng.choice(GIVEN), rng.choice(FAMILY)
    birth = datetime.date(1960, 1, 1) + datetime.timedelta(days=rng.randint(0, 40 * 365))
    day = birth.day + (40 if rng.random() < 0.5 else 0)  # NIK: women's birth day + 40
    nik = f"{region.replace('.', '')}{rng.randint(1, 20):02d}{day:02d}{birth:%m%y}{rng.randint(1, 9999):04d}"
    return {
        "name": f"{given} {family}",
        "address": f"{rng.choice(STREETS)} No. {rng.randint(1, 250)}, {REGIONS[region]}",
        "email": f"{given}.{family}{index}@example.com".lower() if rng.random() < 0.8 else "",
        "phone": f"08{rng.randint(1_000_000_000, 9_999_999_999)}",
        "nik": nik,
    }


def _witnesses(rng: random.Random) -> list:
    roll = rng.random()
    if roll < 0.7:
        return []
    if roll < 0.85:
        return [_person(rng)]
    return [{"name": _person(rng), "contact": f"08{rng.randint(1_000_000_000, 9_999_999_999)}"}]


def _links(rng: random.Random) -> list[str]:
    links = []
    for _ in range(rng.choice((0, 1, 1, 1, 2))):
        handle = "".join(rng.choices("abcdefghijklmnopqrstuvwxyz0123456789_", k=11))
        links.append(
            rng.choice(
                (
                    f"https://www.instagram.com/p/{handle}/",
                    f"https://www.tiktok.com/@{handle[:8]}/video/{rng.randint(10**18, 10**19 - 1)}",
                    f"https://www.facebook.com/{handle[:8]}/posts/{rng.randint(10**15, 10**16 - 1)}",
                )
            )
        )
    return links


def _description(rng: random.Random, *, name: str = "", agency: str = "", region: str = "") -> str:
    """Three to seven Indonesian sentences about one incident, filled with random details."""
    values = {
        "day": rng.randint(1, 28),
        "month": rng.choice(MONTHS),
        "hour": f"{rng.randint(7, 21):02d}",
        "minute": f"{rng.randint(0, 59):02d}",
        "name": name or _person(rng),
        "position": rng.choice(POSITIONS).lower(),
        "agency": agency or f"{rng.choice(AGENCIES)} {rng.choice(list(REGIONS.values()))}",
        "activity": rng.choice(ACTIVITIES),
        "venue": rng.choice(VENUES),
        "region": region or rng.choice(list(REGIONS.values())),
        "count": rng.randint(2, 300),
        "handle": "".join(rng.choices("abcdefghijklmnopqrstuvwxyz_.", k=rng.randint(6, 14))),
        "context": rng.choice(CONTEXTS),
        "number": rng.randint(1, 5),
        "audience": rng.choice(AUDIENCES),
    }
    values["rt"] = f"{rng.randint(1, 20):02d}"
    chosen = [SENTENCES[0], *rng.sample(SENTENCES[1:], rng.randint(1, 3))]
    chosen += [_free_sentence(rng) for _ in range(rng.randint(1, 3))]
    return " ".join(sentence.format(**values) for sentence in [chosen[0], *rng.sample(chosen[1:], len(chosen) - 1)])


def _free_sentence(rng: random.Random) -> str:
    manner = rng.choice(MANNERS)
    parts = [rng.choice(SUBJECTS).replace("_", " "), rng.choice(DEEDS), rng.choice(WHEN).replace("_", " ")]
    return " ".join([*parts, rng.choice(WHERE)]) + (f", {manner}." if manner else ".")


# --- The duplicate index (in this process; reports.duplicates needs no database)


def _duplicate_index(count: int, rng: random.Random) -> dict:
    sys.path.insert(0, str(ROOT))
    from reports import duplicates

    started = time.perf_counter()
    texts = [_description(rng) for _ in range(count)]
    generated = time.perf_counter() - started
    started = time.perf_counter()
    fingerprints = [duplicates.fingerprint(text) for text in texts]
    fingerprinting = time.perf_counter() - started
    items = [(key, fp) for key, fp in enumerate(fingerprints, start=1) if fp is not None]
    _progress(f"fingerprints: {len(items) / fingerprinting:.0f}/s; building the index")
    rss_before = _rss_mb()
    index = duplicates.DuplicateIndex()
    started = time.perf_counter()
    index.add_many(items)
    building = time.perf_counter() - started
    rss_after = _rss_mb()
    return {
        "reports": count,
        "fingerprinted": len(items),
        "mean_text_chars": round(sum(map(len, texts)) / max(count, 1)),
        "generate_seconds": round(generated, 2),
        "fingerprint_seconds": round(fingerprinting, 2),
        "fingerprints_per_second": round(len(items) / fingerprinting),
        "build_seconds": round(building, 2),
        "index_inserts_per_second": round(len(items) / building),
        "build_rss_growth_mb": round(rss_after - rss_before, 1) if rss_before is not None else None,
        "queries": _index_queries(index, texts, duplicates, rng),
    }


def _index_queries(index, texts: list[str], duplicates, rng: random.Random, count: int = 200) -> dict:
    """Latency of `query` for edited copies of indexed texts (should find the original) and for new texts."""
    near, fresh, found, hits = [], [], 0, []
    for _ in range(count):
        key = rng.randrange(len(texts)) + 1
        words = texts[key - 1].split()
        position = rng.randrange(len(words))
        words[position] = words[position].upper() + "," if rng.random() < 0.5 else "juga " + words[position]
        edited = " ".join(words) + " Terima kasih."
        fp = duplicates.fingerprint(edited)
        started = time.perf_counter()
        result = index.query(fp)
        near.append((time.perf_counter() - started) * 1000)
        found += any(other == key for other, _score in result)
        hits.append(len(result))
    for _ in range(count):
        fp = duplicates.fingerprint(_description(rng))
        started = time.perf_counter()
        result = index.query(fp)
        fresh.append((time.perf_counter() - started) * 1000)
    near.sort()
    fresh.sort()
    return {
        "near_duplicates": {
            "queries": count,
            "original_found": found,
            "mean_matches": round(sum(hits) / count, 2),
            "p50_ms": round(near[count // 2], 3),
            "p99_ms": round(near[int(count * 0.99) - 1], 3),
        },
        "new_texts": {
            "queries": count,
            "p50_ms": round(fresh[count // 2], 3),
            "p99_ms": round(fresh[int(count * 0.99) - 1], 3),
        },
    }


def _rss_mb() -> float | None:
    try:
        pages = int(Path("/proc/self/statm").read_text().split()[1])
    except OSError:
        return None
    return pages * os.sysconf("SC_PAGE_SIZE") / 1_048_576


if __name__ == "__main__":
    main()

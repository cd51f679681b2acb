"""Benchmark of the supervisors' case list: GET /kasus/ (the dashboard) and GET /api/v1/cases on N cases.

Creates its own database (`sinetra_bench_cases` next to the one in DATABASE_URL), migrates it, loads the reference
data, writes --cases generated cases with COPY, creates four users (Bawaslu RI, Bawaslu Jawa Barat, Bawaslu Kota
Bandung, a BKN analyst) and times the list pages in this process with Django's test client under DEBUG=0 settings.
Prints one JSON object: latencies per user and URL, rows visible per scope, the SQL of the list query and its
EXPLAIN ANALYZE plan. The bench database is dropped at the end, also after an error. Progress goes to stderr.
See bench/README.md.
"""

import argparse
import base64
import datetime
import io
import json
import os
import platform
import random
import secrets
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from benchdb import BenchDatabase

ROOT = Path(__file__).resolve().parent.parent
BENCH_DATABASE = "sinetra_bench_cases"
DEFAULT_DATABASE_URL = "postgres://postgres@127.0.0.1:5432/postgres"
GOAL_P95_MS = 200
TARGET_REGENCIES = 100
ALWAYS_INCLUDED = ("32.73",)  # the regency user's office must hold cases

# Share of cases per state (per cent): most are open, about a fifth closed.
STATE_WEIGHTS = {
    "diterima": 6,
    "kajian_awal": 14,
    "tidak_diregistrasi": 4,
    "diregistrasi": 8,
    "klarifikasi": 10,
    "kajian": 11,
    "terbukti": 4,
    "tidak_terbukti": 4,
    "dilimpahkan": 2,
    "diteruskan": 6,
    "direkomendasikan": 5,
    "dijatuhi_sanksi": 3,
    "tindak_lanjut_terverifikasi": 2,
    "ditutup": 21,
}
# How a closed case got there: the state before `ditutup`.
CLOSED_VIA = {"tindak_lanjut_terverifikasi": 40, "direkomendasikan": 10, "tidak_terbukti": 20,
              "dilimpahkan": 5, "tidak_diregistrasi": 25}  # fmt: skip
# The milestones (date fields) each state has passed.
MILESTONES = {
    "diterima": (),
    "kajian_awal": (),
    "tidak_diregistrasi": (),
    "diregistrasi": ("registered",),
    "klarifikasi": ("registered",),
    "kajian": ("registered",),
    "terbukti": ("registered", "decided"),
    "tidak_terbukti": ("registered", "decided"),
    "dilimpahkan": ("registered", "decided"),
    "diteruskan": ("registered", "decided", "forwarded"),
    "direkomendasikan": ("registered", "decided", "forwarded", "recommended"),
    "dijatuhi_sanksi": ("registered", "decided", "forwarded", "recommended", "decree"),
    "tindak_lanjut_terverifikasi": ("registered", "decided", "forwarded", "recommended", "decree"),
}
# States with a running legal deadline (cases.services.next_deadline) and the rule it comes from.
DEADLINE_RULES = {
    "diterima": "{kind}.kajian_awal",
    "kajian_awal": "{kind}.kajian_awal",
    "diregistrasi": "{kind}.tindak_lanjut",
    "klarifikasi": "{kind}.tindak_lanjut",
    "kajian": "{kind}.tindak_lanjut",
    "direkomendasikan": "ppk.penjatuhan_sanksi",
}
PENALTIES = ["M1", "M2", "R1", "R2", "R3", "S1", "S2", "S3", "B1", "B2", "B3"]
AGENCIES = [
    "Dinas Pendidikan",
    "Dinas Kesehatan",
    "Sekretariat Daerah",
    "Dinas Sosial",
    "Badan Kepegawaian dan Pengembangan SDM",
    "Dinas Pekerjaan Umum dan Penataan Ruang",
    "Kecamatan",
    "Kelurahan",
    "RSUD",
    "Satuan Polisi Pamong Praja",
]
DEEDS = [
    "membagikan ulang unggahan kampanye pasangan calon di akun media sosialnya",
    "berfoto dengan gestur jari yang menunjukkan nomor urut pasangan calon",
    "menghadiri kampanye terbuka dengan seragam dinas",
    "memberikan sambutan dalam deklarasi relawan",
    "membagikan bahan kampanye kepada warga",
    "mengarahkan bawahannya untuk mendukung calon petahana",
    "memasang spanduk pasangan calon di pagar kantor",
    "menggunakan mobil dinas untuk kegiatan tim pemenangan",
]
PLACES = ["di Instagram", "di Facebook", "di TikTok", "di grup WhatsApp warga", "di balai warga", "di kantor kelurahan"]


def main() -> None:
    args = _arguments()
    url = os.environ.get("DATABASE_URL") or DEFAULT_DATABASE_URL
    result = None
    with tempfile.TemporaryDirectory(prefix="sinetra-bench-cases-") as directory:
        database = BenchDatabase(BENCH_DATABASE, url)
        try:
            _configure(database.url, Path(directory))
            result = _run(args)
        finally:
            _close_django_connections()
            if args.keep_database:
                _progress(f"kept {BENCH_DATABASE} (--keep-database); drop it with: dropdb {BENCH_DATABASE}")
            else:
                database.drop()
                _progress(f"dropped {BENCH_DATABASE}")
    print(json.dumps(result))


def _arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--cases", type=int, default=100_000, help="cases to generate (default 100000)")
    parser.add_argument("--requests", type=int, default=30, help="timed requests per user and URL (default 30)")
    parser.add_argument("--warmups", type=int, default=3, help="untimed requests before those (default 3)")
    parser.add_argument("--seed", type=int, default=20241127)
    parser.add_argument(
        "--keep-database",
        action="store_true",
        help=f"leave {BENCH_DATABASE} in place afterwards, to try plans or indexes by hand (drop it yourself)",
    )
    return parser.parse_args()


def _progress(message: str) -> None:
    print(f"[cases {time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


def _configure(database_url: str, directory: Path) -> None:
    """DEBUG=0 production settings (cached templates, manifest static files, no query log), except plain HTTP and
    the test client's host; state and secrets in the temporary directory. Must run before django.setup()."""
    settings = {
        "DJANGO_SETTINGS_MODULE": "sinetra.settings",
        "DATABASE_URL": database_url,
        "DEBUG": "0",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "FIELD_ENCRYPTION_KEYS": base64.urlsafe_b64encode(secrets.token_bytes(32)).decode(),
        "ALLOWED_HOSTS": "testserver,127.0.0.1",
        "SECURE_SSL_REDIRECT": "0",
        "CONN_MAX_AGE": "60",
        "REQUIRE_TWO_FACTOR": "1",
        "EMAIL_BACKEND": "django.core.mail.backends.dummy.EmailBackend",
        "VAR_DIR": str(directory / "var"),
        "STATIC_ROOT": str(directory / "static"),
        "LOG_LEVEL": "WARNING",
    }
    for name in settings:
        os.environ.pop(f"{name}_FILE", None)  # NAME_FILE would win over NAME (sinetra.settings.env)
    os.environ.update(settings)
    sys.path.insert(0, str(ROOT))


def _close_django_connections() -> None:
    if "django.db" in sys.modules:
        from django.db import connections

        connections.close_all()


# --- The run


def _run(args: argparse.Namespace) -> dict:
    import django

    load_average = [round(value, 2) for value in os.getloadavg()]
    django.setup()
    from django.core.management import call_command

    for command, options in (("migrate", {}), ("load_reference_data", {}), ("collectstatic", {"interactive": False})):
        _progress(f"manage.py {command}")
        call_command(command, verbosity=0, stdout=io.StringIO(), **options)
    rng = random.Random(args.seed)
    users, staff = _create_users()
    regencies = _pick_regencies(rng)
    started = time.perf_counter()
    written = _write_cases(args.cases, regencies, staff, rng)
    load_seconds = time.perf_counter() - started
    _progress(f"{written} cases written in {load_seconds:.1f} s; VACUUM ANALYZE")
    _vacuum_analyze()
    visible = _visible_rows(users)
    _progress(f"visible rows: {visible}")
    timings = _measure(users, args)
    deep = _deep_pages(users, visible, args)
    order = _order_check(users)
    slowest = max(timings, key=lambda row: row["p95_ms"])
    met = all(row["p95_ms"] < GOAL_P95_MS for row in timings)
    _progress(f"slowest p95: {slowest['p95_ms']} ms ({slowest['user']} {slowest['url']}); goal met: {met}")
    return {
        "cases": written,
        "data": _data_summary(regencies, load_seconds),
        "visible_rows": visible,
        "requests_per_url": {"warmups": args.warmups, "timed": args.requests},
        "latency_ms": timings,
        "main_query": _main_query(timings),
        "order": order,
        "deep_pages_not_in_goal": deep,
        "goal": {
            "p95_ms_below": GOAL_P95_MS,
            "met": met,
            "slowest": {key: slowest[key] for key in ("user", "url", "p50_ms", "p95_ms", "max_ms")},
        },
        "server": {
            "how": "in-process django.test.Client (full middleware, session + TOTP-verified login, template "
            "rendering); no HTTP server, so no socket or gunicorn time",
            "settings": "DEBUG=0 (cached template loader, manifest static files, no query log), CONN_MAX_AGE=60, "
            "SECURE_SSL_REDIRECT=0, ALLOWED_HOSTS=testserver",
        },
        "note": "Cases have no report row (report_id NULL, also for origin 'laporan'), no events, comments or "
        "documents: the list pages read none of them. Every case has an assignee. Statements per request are counted "
        "once, outside the timing.",
        "machine": _machine(load_average),
        "git": _git(),
    }


def _create_users():
    """The four measured users, and the Bawaslu staff cases are assigned to."""
    from accounts.models import Role, User
    from regions.models import Level, Region

    password = secrets.token_urlsafe(16)
    users = {
        "bawaslu_ri": User.objects.create_user("bawaslu-ri", password=password, role=Role.BAWASLU,
                                               first_name="Bawaslu RI"),
        "bawaslu_province_32": User.objects.create_user("bawaslu-jabar", password=password, role=Role.BAWASLU,
                                                        scope_region_id="32", first_name="Bawaslu Jawa Barat"),
        "bawaslu_regency_32.73": User.objects.create_user("bawaslu-kota-bandung", password=password,
                                                          role=Role.BAWASLU, scope_region_id="32.73",
                                                          first_name="Bawaslu Kota Bandung"),
        "authority_bkn": User.objects.create_user("analis-bkn", password=password, role=Role.AUTHORITY,
                                                  first_name="Analis BKN"),
    }  # fmt: skip
    provinces = Region.objects.filter(level=Level.PROVINCE).order_by("code").values_list("code", flat=True)
    staff = {
        code: User(username=f"pengawas-{code}", first_name=f"Pengawas {code}", role=Role.BAWASLU,
                   scope_region_id=code)
        for code in provinces
    }  # fmt: skip
    User.objects.bulk_create(staff.values())
    staff_ids = {code: user.pk for code, user in staff.items()}
    staff_ids["32"] = users["bawaslu_province_32"].pk
    staff_ids["32.73"] = users["bawaslu_regency_32.73"].pk
    return users, staff_ids


def _pick_regencies(rng: random.Random) -> list[tuple[str, float]]:
    """About 100 real regencies/cities from every province, in proportion to its count, with uneven case loads."""
    from regions.models import Level, Region

    by_province: dict[str, list[str]] = {}
    for code in Region.objects.filter(level=Level.REGENCY).order_by("code").values_list("code", flat=True):
        by_province.setdefault(code[:2], []).append(code)
    total = sum(len(codes) for codes in by_province.values())
    picked = set(ALWAYS_INCLUDED)
    for codes in by_province.values():
        wanted = max(1, round(TARGET_REGENCIES * len(codes) / total))
        picked.update(rng.sample(codes, min(wanted, len(codes))))
    return [(code, rng.uniform(0.3, 2.0)) for code in sorted(picked)]


def _write_cases(count: int, regencies: list[tuple[str, float]], staff: dict[str, int], rng: random.Random) -> int:
    """COPY `count` generated cases into cases_case (every NOT NULL column filled, model defaults elsewhere)."""
    from django.db import connection
    from django.utils import timezone

    from acts.models import Act
    from cases.models import Case
    from core.demo import GIVEN_NAMES, SECOND_NAMES
    from elections.models import Election

    fields = [field for field in Case._meta.concrete_fields if not field.primary_key]
    defaults = {field.attname: field.get_default() for field in fields}
    columns = ", ".join(connection.ops.quote_name(field.column) for field in fields)
    elections = {election.slug: (election.pk, election.kind) for election in Election.objects.all()}
    pilkada, pemilu = elections["pilkada-2024"], elections["pemilu-2024"]
    acts = list(Act.objects.order_by("code").values_list("code", flat=True))
    states, state_weights = list(STATE_WEIGHTS), list(STATE_WEIGHTS.values())
    closed_via, closed_weights = list(CLOSED_VIA), list(CLOSED_VIA.values())
    codes, region_weights = [code for code, _ in regencies], [weight for _, weight in regencies]
    today = timezone.localdate()
    sequences: dict[str, int] = {}
    batch = 10_000
    with connection.cursor() as cursor:
        for start in range(0, count, batch):
            size = min(batch, count - start)
            with cursor.copy(f"COPY cases_case ({columns}) FROM STDIN") as copy:
                for _ in range(size):
                    state = rng.choices(states, state_weights)[0]
                    region = rng.choices(codes, region_weights)[0]
                    election = pilkada if rng.random() < 0.7 else pemilu
                    row = _case_row(rng, state, region, election, today, acts, staff, sequences, closed_via,
                                    closed_weights, GIVEN_NAMES, SECOND_NAMES)  # fmt: skip
                    copy.write_row([row.get(field.attname, defaults[field.attname]) for field in fields])
            _progress(f"cases: {start + size}/{count}")
    return count


def _case_row(rng, state, region, election, today, acts, staff, sequences, closed_via, closed_weights, given, family):
    day = datetime.timedelta
    election_id, kind = election
    row: dict = {"state": state, "region_id": region, "election_id": election_id}
    path_state = rng.choices(closed_via, closed_weights)[0] if state == "ditutup" else state
    milestones = MILESTONES[path_state]
    # The date of the last milestone: from the running deadline if there is one, else some day in the last months.
    if state in DEADLINE_RULES:
        due = today + day(days=rng.randint(-30, 30))
        row["next_due_on"], row["next_due_rule"] = due, DEADLINE_RULES[state].format(kind=kind)
        last = due - day(days=rng.randint(14, 20) if state == "direkomendasikan" else rng.randint(2, 10))
    else:
        last = today - day(days=rng.randint(1, 120))
    if state == "ditutup":
        row["closed_on"] = last
        last -= day(days=rng.randint(1, 14))
    dates = {}
    for milestone in reversed(milestones):
        dates[milestone] = last
        last -= day(days=rng.randint(1, 10))
    received = last
    row["received_on"], row["occurred_on"] = received, received - day(days=rng.randint(0, 7))
    row["created_at"] = datetime.datetime.combine(received, datetime.time(9), tzinfo=datetime.UTC)
    row["version"] = 1 + len(milestones) + (state != "diterima") + (state == "ditutup")
    origin = "laporan" if rng.random() < 0.85 else "temuan"
    row["origin"] = origin
    if rng.random() < 0.9:
        row["act_id"] = rng.choice(acts)
    else:
        row["act_other"] = "Dugaan pelanggaran lain di luar katalog"
    name = f"{rng.choice(given)} {rng.choice(family)}"
    agency = f"{rng.choice(AGENCIES)} {region}"
    row["reported_name"], row["reported_agency_name"] = name, agency
    if rng.random() < 0.6:
        row["reported_nip"] = f"19{rng.randint(60, 99)}{rng.randint(1, 12):02d}{rng.randint(1, 28):02d}" + (
            f"20{rng.randint(10, 23)}{rng.randint(1, 12):02d}{rng.randint(1, 2)}{rng.randint(1, 999):03d}"
        )
    row["summary"] = f"{name}, ASN di {agency}, diduga {rng.choice(DEEDS)} {rng.choice(PLACES)}."
    # Every case has a supervisor: the services assign the one who opens it, and the dashboard and detail
    # templates fail on a case without one (see the README).
    row["assigned_to_id"] = staff[region] if region in staff and rng.random() < 0.5 else staff[region[:2]]
    office, year = region, received.year
    if "registered" in dates:
        registered = dates["registered"]
        key = f"{office}/{registered.year}"
        sequences[key] = sequences.get(key, 0) + 1
        kind_code = "TM" if origin == "temuan" else "LP"
        row["registered_on"] = registered
        row["register_number"] = f"{sequences[key]:03d}/Reg/{kind_code}/{office}/{registered.year}"
    if "decided" in dates:
        row["decided_on"] = dates["decided"]
    if "forwarded" in dates:
        row["forwarded_on"], row["forwarded_to"] = (
            dates["forwarded"],
            "bkn" if year >= 2025 else rng.choice(["bkn", "kasn"]),
        )
        row["forwarding_number"] = f"{rng.randint(1, 999):03d}/PP.01/K.{region[:2]}/{year}"
    if "recommended" in dates:
        row["recommended_on"], row["recommended_penalty"] = dates["recommended"], rng.choice(PENALTIES)
        row["recommendation_number"] = f"R-{rng.randint(1, 9999)}/BKN/{year}"
    if "decree" in dates:
        row["decree_on"], row["imposed_penalty"] = dates["decree"], rng.choice(PENALTIES)
        row["decree_number"] = f"800/{rng.randint(1, 9999)}/{year}"
    return row


def _vacuum_analyze() -> None:
    """As autovacuum would leave a table that has been in use: statistics, visibility map, hint bits."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE cases_case")


def _visible_rows(users: dict) -> dict:
    from cases import selectors

    return {
        name: {
            "open": selectors.dashboard(user, selectors.CaseFilters()).count(),
            "open_overdue": selectors.dashboard(user, selectors.CaseFilters(overdue=True)).count(),
            "all": selectors.cases_visible_to(user).count(),
        }
        for name, user in users.items()
    }


def _data_summary(regencies: list[tuple[str, float]], load_seconds: float) -> dict:
    from django.db.models import Count

    from cases.models import Case

    states = dict(Case.objects.order_by().values_list("state").annotate(count=Count("id")))
    return {
        "regencies": len(regencies),
        "provinces": len({code[:2] for code, _ in regencies}),
        "states": dict(sorted(states.items(), key=lambda item: -item[1])),
        "without_deadline": Case.objects.filter(next_due_on__isnull=True).count(),
        "write_seconds": round(load_seconds, 1),
    }


# --- Timing


URLS = ["/kasus/", "/kasus/?overdue=on", "/kasus/?page=50", "/api/v1/cases?limit=50"]


def _measure(users: dict, args: argparse.Namespace) -> list[dict]:
    from accounts.tests.factories import verified_client

    rows = []
    for name, user in users.items():
        client = verified_client(user)
        for url in URLS:
            row = {"user": name, "url": url, **_timed_requests(client, url, args.warmups, args.requests)}
            rows.append(row)
            _progress(
                f"{name:22} {url:24} p50 {row['p50_ms']:7.1f}  p95 {row['p95_ms']:7.1f}  max {row['max_ms']:7.1f}"
                f"  (SQL {row['sql_ms']})"
            )
    return rows


def _timed_requests(client, url: str, warmups: int, count: int) -> dict:
    """`count` timed GETs after `warmups` untimed ones; then one more with the statements captured (untimed)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    for _ in range(warmups):
        _get(client, url)
    samples = []
    for _ in range(count):
        started = time.perf_counter()
        _get(client, url)
        samples.append((time.perf_counter() - started) * 1000)
    with CaptureQueriesContext(connection) as queries:
        response = _get(client, url)
    row = {**_stats(samples), "statements": len(queries.captured_queries), **_page_rows(url, response)}
    row["queries"] = [query["sql"] for query in queries.captured_queries if "cases_case" in query["sql"]]
    row["sql_ms"] = {_kind(sql): _sql_ms(sql) for sql in row["queries"]}
    row["plans"] = [_explain(sql) for sql in row["queries"]]
    return row


def _deep_pages(users: dict, visible: dict, args: argparse.Namespace) -> list[dict]:
    """Not part of the goal: the cost of OFFSET paging grows with the page number; the last page shows how far."""
    from accounts.tests.factories import verified_client

    rows = []
    for name in ("bawaslu_ri", "authority_bkn"):
        client = verified_client(users[name])
        last = max(1, -(-visible[name]["open"] // 50))
        for url in dict.fromkeys((f"/kasus/?page={min(500, last)}", f"/kasus/?page={last}")):
            row = {"user": name, "url": url, **_timed_requests(client, url, 1, max(5, args.requests // 3))}
            del row["queries"], row["plans"]
            rows.append(row)
            _progress(f"{name:22} {url:24} p50 {row['p50_ms']:7.1f}  p95 {row['p95_ms']:7.1f}  (SQL {row['sql_ms']})")
    return rows


def _kind(sql: str) -> str:
    return "count" if sql.upper().startswith("SELECT COUNT(") else "list"


def _sql_ms(sql: str, runs: int = 10) -> float:
    """Median wall time of the statement alone, rows fetched but not turned into models."""
    from django.db import connection

    samples = []
    with connection.cursor() as cursor:
        for _ in range(runs):
            started = time.perf_counter()
            cursor.execute(sql)
            cursor.fetchall()
            samples.append((time.perf_counter() - started) * 1000)
    return round(statistics.median(samples), 1)


def _order_check(users: dict) -> dict:
    """Through the API (same selector as the page): deadlines ascending, cases without one last, overdue first."""
    from django.utils import timezone

    from accounts.tests.factories import verified_client

    today = timezone.localdate().isoformat()
    result = {}
    for name, user in users.items():
        items = _get(verified_client(user), "/api/v1/cases?limit=200").json()["items"]
        due = [item["next_due_on"] for item in items]
        dated = [day for day in due if day is not None]
        result[name] = {
            "ascending_nulls_last": dated == sorted(dated) and due[: len(dated)] == dated,
            "first_is_overdue": bool(dated) and dated[0] < today,
        }
    return result


def _get(client, url: str):
    response = client.get(url)
    if response.status_code != 200:
        raise RuntimeError(f"GET {url} answered {response.status_code}: {response.content[:500]!r}")
    return response


def _stats(samples: list[float]) -> dict:
    ordered = sorted(samples)
    cuts = statistics.quantiles(ordered, n=100, method="inclusive")
    return {"p50_ms": round(statistics.median(ordered), 1), "p95_ms": round(cuts[94], 1),
            "max_ms": round(ordered[-1], 1), "mean_ms": round(statistics.fmean(ordered), 1)}  # fmt: skip


def _page_rows(url: str, response) -> dict:
    if url.startswith("/api/"):
        body = response.json()
        return {"rows_on_page": len(body["items"]), "api_count": body["count"]}
    return {"rows_on_page": response.content.count(b'name="case"'), "html_kb": round(len(response.content) / 1024, 1)}


def _explain(sql: str) -> dict:
    """EXPLAIN (ANALYZE, BUFFERS) of one captured statement, summarised: the plan tree, the indexes it uses."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) {sql}")
        (plan,) = cursor.fetchone()
    if isinstance(plan, str):
        plan = json.loads(plan)
    root = plan[0]["Plan"]
    lines, indexes = [], []
    _walk(root, 0, lines, indexes)
    return {
        "top_node": root["Node Type"],
        "execution_ms": round(plan[0]["Execution Time"], 2),
        "planning_ms": round(plan[0]["Planning Time"], 2),
        "indexes": indexes,
        "uses_case_due": "case_due" in indexes,
        "uses_case_state_due": "case_state_due" in indexes,
        "shared_buffers": {"hit": root.get("Shared Hit Blocks", 0), "read": root.get("Shared Read Blocks", 0)},
        "tree": lines,
    }


def _walk(node: dict, depth: int, lines: list[str], indexes: list[str]) -> None:
    text = node["Node Type"]
    if node.get("Index Name"):
        text += f" using {node['Index Name']}"
        if node["Index Name"] not in indexes:
            indexes.append(node["Index Name"])
    if node.get("Relation Name"):
        text += f" on {node['Relation Name']}"
    if node.get("Sort Key"):
        text += f" [{', '.join(node['Sort Key'])}]"
    text += f" (rows={node.get('Actual Rows')} loops={node.get('Actual Loops')}"
    if node.get("Rows Removed by Filter"):
        text += f" removed_by_filter={node['Rows Removed by Filter']}"
    text += f" time={node.get('Actual Total Time')} ms)"
    lines.append("  " * depth + text)
    for child in node.get("Plans", []):
        _walk(child, depth + 1, lines, indexes)


def _main_query(timings: list[dict]) -> dict:
    """The dashboard's list query as the regency user sends it (the richest WHERE), with its full plan; the
    per-request plans in `latency_ms` are summarised by top node and indexes only."""
    summary = []
    for row in timings:
        for sql, plan in zip(row.pop("queries"), row.pop("plans"), strict=True):
            entry = {"user": row["user"], "url": row["url"], "kind": _kind(sql)}
            entry |= {key: plan[key] for key in ("top_node", "execution_ms", "indexes", "uses_case_due",
                                                  "uses_case_state_due")}  # fmt: skip
            entry["_sql"], entry["_tree"] = sql, plan["tree"]
            summary.append(entry)
    featured = next(e for e in summary if e["user"] == "bawaslu_regency_32.73" and e["url"] == "/kasus/")
    ri = next(e for e in summary if e["user"] == "bawaslu_ri" and e["url"] == "/kasus/")
    result = {
        "sql_regency_dashboard": featured["_sql"],
        "plan_regency_dashboard": featured["_tree"],
        "plan_ri_dashboard": ri["_tree"],
        "plan_ri_page_50": next(e for e in summary if e["user"] == "bawaslu_ri" and e["url"] == "/kasus/?page=50")[
            "_tree"
        ],
        "plan_authority_dashboard": next(e for e in summary if e["user"] == "authority_bkn" and e["url"] == "/kasus/")[
            "_tree"
        ],
        "plans": summary,
    }
    for entry in summary:
        del entry["_sql"], entry["_tree"]
    return result


# --- About the machine


def _machine(load_average: list[float]) -> dict:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SHOW server_version")
        (version,) = cursor.fetchone()
        cursor.execute("SHOW shared_buffers")
        (shared_buffers,) = cursor.fetchone()
    return {
        "cpus": os.cpu_count(),
        "python": platform.python_version(),
        "postgresql": version,
        "shared_buffers": shared_buffers,
        "load_average_at_start": load_average,
        "load_average_at_end": [round(value, 2) for value in os.getloadavg()],
    }


def _git() -> dict:
    def git(*command: str) -> str:
        done = subprocess.run(["git", *command], cwd=ROOT, capture_output=True, text=True, check=False)  # noqa: S603, S607
        return done.stdout.strip()

    return {"commit": git("rev-parse", "HEAD"), "dirty": bool(git("status", "--porcelain", "--untracked-files=no"))}


if __name__ == "__main__":
    main()

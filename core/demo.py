"""A fictional but realistic data set so that a new user meets a living system after `make run`.

Every person here is invented (names drawn from common Indonesian given names); the regions are the five
regions of the seed news articles, the agencies their real governments, marked "(DEMO)". The data passes
through the same import services as real data, so the demo also exercises them.
"""

import csv
import datetime
import io
import random
import secrets
from dataclasses import dataclass

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts import services as account_services
from accounts.models import Role, User
from cases.choices import CaseState
from cases.services import open_case_from_report
from cases.states import transition
from elections.importing import import_candidates
from regions.models import Region
from registry.importing import import_agencies, import_asn
from registry.models import ASN, Agency
from reports.choices import Channel
from reports.services import find_possible_duplicates, submit_report
from reports.submission import Reported, Reporter, Submission

DEMO_ASN_COUNT = 20_000
CREDENTIALS_FILE = "demo-credentials.txt"

# The regions of the seed articles (shared/corpus): Bandar Lampung, Lampung Barat, Bontang, Lombok Barat, Bandung.
DEMO_REGENCIES = ["18.71", "18.04", "64.74", "52.01", "32.73"]

GIVEN_NAMES = [
    "Agus",
    "Ahmad",
    "Andi",
    "Anita",
    "Ari",
    "Arif",
    "Asep",
    "Bambang",
    "Budi",
    "Dedi",
    "Dewi",
    "Dian",
    "Dwi",
    "Eka",
    "Endang",
    "Fajar",
    "Fitri",
    "Gita",
    "Hadi",
    "Hendra",
    "Heru",
    "Ika",
    "Indah",
    "Indra",
    "Irfan",
    "Joko",
    "Kartika",
    "Lestari",
    "Lina",
    "Made",
    "Maya",
    "Muhammad",
    "Nur",
    "Nyoman",
    "Putri",
    "Putu",
    "Rahmat",
    "Ratna",
    "Rina",
    "Rizky",
    "Rudi",
    "Sari",
    "Siti",
    "Sri",
    "Taufik",
    "Teguh",
    "Tri",
    "Wahyu",
    "Wayan",
    "Yanti",
    "Yudi",
    "Yuni",
    "Zainal",
]
SECOND_NAMES = [
    "Aminah",
    "Ananda",
    "Febrianti",
    "Gunawan",
    "Handayani",
    "Harahap",
    "Hidayat",
    "Kurniawan",
    "Lubis",
    "Maharani",
    "Nasution",
    "Nugroho",
    "Pratama",
    "Purnomo",
    "Rahayu",
    "Ramadhan",
    "Saputra",
    "Setiawan",
    "Simanjuntak",
    "Siregar",
    "Suryani",
    "Susanti",
    "Syahputra",
    "Utami",
    "Wibowo",
    "Wijaya",
    "Wulandari",
    "Yulianti",
    "Zulkarnain",
]
FRONT_TITLES = ["", "", "", "", "", "Drs.", "Dr.", "H.", "Hj.", "Ir."]
BACK_TITLES = ["", "", "S.Pd.", "S.E.", "S.Sos.", "S.H.", "S.Kom.", "S.T.", "M.Si.", "S.Kep., Ns.", "M.M.", "A.Md."]

# (position, kind, work unit, share): a plausible mix of a regional government's staff.
POSITIONS = [
    ("Sekretaris Daerah", "jpt", "Sekretariat Daerah", 1),
    ("Kepala Dinas", "jpt", "Dinas Pendidikan dan Kebudayaan", 2),
    ("Camat", "administrator", "Kecamatan", 6),
    ("Kepala Bidang", "administrator", "Dinas Kesehatan", 10),
    ("Lurah", "pengawas", "Kelurahan", 12),
    ("Kepala Seksi", "pengawas", "Dinas Kependudukan dan Pencatatan Sipil", 20),
    ("Guru Ahli Pertama", "fungsional", "SD Negeri", 260),
    ("Guru Ahli Muda", "fungsional", "SMP Negeri", 140),
    ("Perawat Terampil", "fungsional", "RSUD", 90),
    ("Bidan Ahli Pertama", "fungsional", "Puskesmas", 60),
    ("Analis Kepegawaian", "fungsional", "BKPSDM", 30),
    ("Pengadministrasi Perkantoran", "pelaksana", "Sekretariat Daerah", 190),
    ("Penata Layanan Operasional", "pelaksana", "Dinas Perhubungan", 120),
]
PNS_RANK_BY_KIND = {
    "jpt": ["IV/c", "IV/d"],
    "administrator": ["III/d", "IV/a", "IV/b"],
    "pengawas": ["III/c", "III/d"],
    "fungsional": ["III/a", "III/b", "III/c"],
    "pelaksana": ["II/a", "II/b", "II/c", "III/a"],
}


@dataclass
class DemoAccount:
    username: str
    password: str
    role_label: str
    scope: str
    totp_secret: str


def demo_exists() -> bool:
    return User.objects.filter(is_demo=True).exists()


def build_demo(*, actor=None, asn_count: int = DEMO_ASN_COUNT, seed: int = 2024, progress=None) -> list[DemoAccount]:
    """Create the demo agencies, ASN, Pilkada candidates and one user per role. Call once (see demo_exists)."""
    rng = random.Random(seed)
    regions = {region.code: region for region in Region.objects.filter(code__in=_demo_region_codes())}
    missing = sorted(set(_demo_region_codes()) - set(regions))
    if missing:
        raise RuntimeError(
            f"Data wilayah belum dimuat (tidak ada: {', '.join(missing)}). Jalankan: sinetra load-regions"
        )
    import_agencies(io.BytesIO(_agencies_csv(regions).encode()), file_name="demo-instansi.csv", actor=actor)
    report = import_asn(
        io.BytesIO(_asn_csv(rng, asn_count).encode()), file_name="demo-asn.csv", actor=actor, progress=progress
    )
    if report.errors:
        raise RuntimeError(f"Demo ASN rejected: {report.errors[:3]}")
    candidates = import_candidates(
        io.BytesIO(_candidates_csv(regions).encode()), file_name="demo-calon.csv", actor=actor
    )
    if candidates.errors:
        raise RuntimeError(f"Demo candidates rejected: {candidates.errors[:3]}")
    accounts = _create_users(actor, regions)
    reports = _submit_demo_reports(rng)
    _open_demo_cases(reports)
    _record_demo_findings()
    return accounts


DEMO_REPORTS = [
    # (region, act, days before today it happened (None: on a 2024 date, so late), reported name, agency, what)
    (
        "18.71",
        "DSP-06",
        2,
        "Budi Santoso",
        "Dinas Pendidikan Kota Bandar Lampung",
        "Guru membagikan unggahan akun pemenangan pasangan calon di Instagram dengan ajakan memilih nomor dua.",
    ),
    (
        "18.71",
        "DSP-06",
        1,
        "Budi Santoso",
        "Dinas Pendidikan Kota Bandar Lampung",
        "Guru itu membagikan unggahan akun pemenangan pasangan calon di Instagram dan mengajak memilih nomor dua.",
    ),
    (
        "18.71",
        "DSP-07",
        3,
        "Rina Marlina",
        "Kecamatan Sukarame",
        "Camat berfoto bersama calon wali kota sambil mengacungkan dua jari; foto diunggah di Facebook pribadinya.",
    ),
    (
        "18.71",
        "DSP-04",
        None,
        "Hendra Gunawan",
        "Dinas Perhubungan Kota Bandar Lampung",
        "Kepala seksi hadir dan berorasi di deklarasi relawan pasangan calon di lapangan Saburai.",
    ),
    (
        "18.71",
        "DSP-08",
        4,
        "Yuliana",
        "Kelurahan Kedaton",
        "Lurah mengumpulkan ketua RT di kantor kelurahan dan mengajak warga memilih calon tertentu.",
    ),
    (
        "18.01",
        "DSP-01",
        2,
        "Suparman",
        "Dinas Pertanian Kabupaten Lampung Selatan",
        "Spanduk bergambar calon bupati dipasang di pagar rumah dinas seorang pejabat dinas pertanian.",
    ),
    (
        "32.73",
        "DSP-02",
        None,
        "Asep Saepudin",
        "Dinas Kesehatan Kota Bandung",
        "Pegawai puskesmas rutin mengunggah video kampanye calon wali kota di TikTok pribadinya.",
    ),
    (
        "32.73",
        "DSP-10",
        5,
        "Dewi Lestari",
        "Bappeda Kota Bandung",
        "Pejabat Bappeda tercatat sebagai anggota tim pemenangan pasangan calon dalam surat keputusan tim.",
    ),
]


def _submit_demo_reports(rng: random.Random) -> list:
    """Fictional public reports, through the real service: some on time, some late, one near-duplicate pair."""
    today = timezone.localdate()
    submitted = []
    for index, (region, act, days_ago, name, agency, what) in enumerate(DEMO_REPORTS):
        occurred = today - datetime.timedelta(days=days_ago) if days_ago is not None else datetime.date(2024, 10, 20)
        reporter = None if index % 3 == 2 else Reporter(
            name=f"Pelapor Fiktif {index + 1}", address="Alamat fiktif", phone=f"0812{rng.randrange(10**7, 10**8)}",
        )  # fmt: skip
        receipt = submit_report(
            submission=Submission(
                reporter=reporter, reported=Reported(name=name, agency=agency), act=act, act_other="",
                election="pilkada-2024", region=region, occurred_on=occurred, known_on=occurred,
                place="Media sosial" if "unggah" in what else "Kantor", description=what,
            ),
            files=[], channel=Channel.WEB,
        )  # fmt: skip
        find_possible_duplicates(receipt.report)
        submitted.append(receipt.report)
    return submitted


def _open_demo_cases(reports: list) -> None:
    """Two reports of Kota Bandar Lampung taken into handling; one registered and in clarification."""
    supervisor = User.objects.get(username="bawaslu.bandarlampung")
    first, second = [report for report in reports if report.region_id == "18.71"][:2]
    case = open_case_from_report(report=first, actor=supervisor)
    transition(case, CaseState.PRELIMINARY_REVIEW, actor=supervisor)
    transition(case, CaseState.REGISTERED, actor=supervisor)
    transition(case, CaseState.CLARIFICATION, actor=supervisor, data={"clarification_on": timezone.localdate()})
    open_case_from_report(report=second, actor=supervisor)


DEMO_POSTS = [
    # (post text, media text, kind, stance, score, act)
    (
        "Ayo coblos nomor 2, demi Bandar Lampung maju! #pilkada2024",
        "poster paslon nomor 2",
        "share",
        "support",
        0.93,
        "DSP-06",
    ),
    ("Nomor 2 pasti menang, jangan lupa ke TPS ya bapak ibu", "", "comment", "support", 0.81, "DSP-06"),
    ("Jadwal debat calon wali kota malam ini pukul 19.00 WIB", "", "post", "neutral", 0.56, "DSP-06"),
]


def _record_demo_findings() -> None:
    """Patrol findings for ASN of Kota Bandar Lampung, as the pipeline would record them (fictional posts)."""
    from patrol.assessment import Assessment, evidence_hash
    from patrol.services import record_assessments
    from registry.models import ASN

    people = list(ASN.objects.filter(region_id="18.71").order_by("nip")[: len(DEMO_POSTS)])
    moment = timezone.now() - datetime.timedelta(days=1)
    items = []
    for index, (asn, (text, media, kind, stance, score, act)) in enumerate(zip(people, DEMO_POSTS, strict=False)):
        handle = f"demo.asn{index + 1}"
        raw = {"platform": "instagram", "post_id": f"demo-{index + 1}", "author_handle": handle, "kind": kind,
               "text": text, "media_text": media, "posted_at": moment.isoformat()}  # fmt: skip
        items.append(Assessment(
            platform="instagram", post_id=raw["post_id"], url=f"https://www.instagram.com/p/demo-{index + 1}/",
            author_handle=handle, author_name=asn.name, kind=kind, text=text, media_text=media, posted_at=moment,
            raw=raw, raw_sha256=evidence_hash(raw), captured_at=moment, source="demo", asn_id=asn.pk, nip=asn.nip,
            link_method="account", link_confidence=0.97, link_evidence=f"akun instagram @{handle} di registri",
            region_code="18.71", election_slug="pilkada-2024", contest_id=None, candidate_id=None,
            targets=("Pasangan calon nomor 2 (DEMO)",), terms=("nomor 2",), stance=stance, rule_score=score,
            model_score=score, score=score, reasons=("menyebut nomor urut",), act_code=act,
            day=timezone.localdate(moment), is_finding=True,
        ))  # fmt: skip
    record_assessments(items, source="demo")


def _demo_region_codes() -> list[str]:
    return DEMO_REGENCIES + sorted({code[:2] for code in DEMO_REGENCIES})


def _agency_code(region_code: str) -> str:
    return f"DEMO-{region_code.replace('.', '')}"


def _rows_to_csv(header: list[str], rows) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(header)
    writer.writerows(rows)
    return buffer.getvalue()


def _agencies_csv(regions: dict[str, Region]) -> str:
    rows = []
    for code in _demo_region_codes():
        region = regions[code]
        if len(code) == 2:
            rows.append([_agency_code(code), f"Pemerintah Provinsi {region.name} (DEMO)", "provinsi", code])
        else:
            level = "kota" if region.is_city else "kabupaten"
            bare = region.name.removeprefix("Kota ").removeprefix("Kabupaten ")
            label = f"Pemerintah {'Kota' if region.is_city else 'Kabupaten'} {bare} (DEMO)"
            rows.append([_agency_code(code), label, level, code])
    return _rows_to_csv(["kode", "nama", "tingkat", "kode_wilayah"], rows)


def _asn_csv(rng: random.Random, count: int) -> str:
    positions = [position for position in POSITIONS for _ in range(position[3])]
    agencies = _demo_region_codes()
    used_nips: set[str] = set()
    rows = []
    while len(rows) < count:
        region_code = rng.choice(agencies)
        position, kind, unit, _share = rng.choice(positions)
        status = "PPPK" if kind in {"fungsional", "pelaksana"} and rng.random() < 0.2 else "PNS"
        nip = _random_nip(rng, status)
        if nip in used_nips:
            continue
        used_nips.add(nip)
        name = f"{rng.choice(GIVEN_NAMES)} {rng.choice(SECOND_NAMES)}"
        full_name = " ".join(filter(None, [rng.choice(FRONT_TITLES), name]))
        back = rng.choice(BACK_TITLES)
        full_name = f"{full_name}, {back}" if back else full_name
        rank = rng.choice(PNS_RANK_BY_KIND[kind]) if status == "PNS" else rng.choice(["V", "VII", "IX"])
        handle = f"{name.lower().replace(' ', '.')}{len(rows)}"
        accounts = f"instagram:@{handle}" if rng.random() < 0.05 else ""
        email = f"{handle}@demo.sinetra.invalid"
        rows.append([nip, full_name, status, position, kind, rank, unit, _agency_code(region_code), region_code,
                     email, "", accounts])  # fmt: skip
    header = ["nip", "nama", "status", "jabatan", "jenis_jabatan", "golongan", "unit_kerja", "kode_instansi",
              "kode_wilayah", "email", "telepon", "akun_medsos"]  # fmt: skip
    return _rows_to_csv(header, rows)


def _random_nip(rng: random.Random, status: str) -> str:
    birth = datetime.date(1965, 1, 1) + datetime.timedelta(days=rng.randrange(365 * 33))
    year = rng.randrange(max(birth.year + 20, 1990), 2024)
    month = "21" if status == "PPPK" else f"{rng.randrange(1, 13):02d}"
    return f"{birth:%Y%m%d}{year}{month}{rng.choice('12')}{rng.randrange(1, 1000):03d}"


def _candidates_csv(regions: dict[str, Region]) -> str:
    """Two or three invented pairs per demo Pilkada contest (mayor/regent, and governor of the province)."""
    header = ["pemilihan", "kode_wilayah", "jabatan", "nomor_urut", "nama_calon", "nama_wakil", "akronim",
              "nama_panggilan", "partai", "slogan", "tagar", "akun"]  # fmt: skip
    pairs = [
        ("Hendra Gunawan", "Siti Rahayu", "HEBAT", "Bang Hendra;Bu Siti", "Gerindra;Golkar;PAN", "Bersama Membangun",
         "hebat;hendrasiti"),
        ("Ahmad Syahputra", "Dewi Lestari", "ADIL", "Bang Ahmad;Mbak Dewi", "PDI-P;PKB", "Adil untuk Semua",
         "adil;ahmaddewi"),
        ("Rudi Wibowo", "Nur Aminah", "RUNA", "Pak Rudi", "PKS;NasDem;Demokrat", "Maju Terus", "runa;majuterus"),
    ]  # fmt: skip
    rows = []
    for index, code in enumerate(_demo_region_codes()):
        region = regions[code]
        office = "gubernur" if len(code) == 2 else ("wali kota" if region.is_city else "bupati")
        for number, (name, mate, acronym, nicknames, parties, slogan, tags) in enumerate(
            pairs[: 2 + index % 2], start=1
        ):
            handle = f"{acronym.lower()}.{code.replace('.', '')}"
            rows.append(["pilkada-2024", code, office, number, f"{name} ({region.name})", mate, acronym, nicknames,
                         parties, slogan, tags, f"instagram:@{handle}:resmi"])  # fmt: skip
    return _rows_to_csv(header, rows)


def _create_users(actor, regions: dict[str, Region]) -> list[DemoAccount]:
    bandar_lampung_agency = Agency.objects.get(code=_agency_code("18.71"))
    an_asn = ASN.objects.filter(agency=bandar_lampung_agency).order_by("nip").first()
    specs = [
        ("admin", Role.ADMIN, {}),
        ("bawaslu.ri", Role.BAWASLU, {}),
        ("bawaslu.lampung", Role.BAWASLU, {"scope_region": regions["18"]}),
        ("bawaslu.bandarlampung", Role.BAWASLU, {"scope_region": regions["18.71"]}),
        ("bawaslu.bandung", Role.BAWASLU, {"scope_region": regions["32.73"]}),
        ("analis.bkn", Role.AUTHORITY, {}),
        ("bkpsdm.bandarlampung", Role.AGENCY_HR, {"agency": bandar_lampung_agency}),
        ("ppk.bandarlampung", Role.AGENCY_HEAD, {"agency": bandar_lampung_agency}),
        ("asn.demo", Role.ASN, {"asn": an_asn}),
    ]
    accounts = []
    with transaction.atomic():
        for username, role, scope in specs:
            password = secrets.token_urlsafe(9)
            user = account_services.create_user(
                actor=actor, username=username, password=password, role=role, full_name=f"Demo {username}",
                is_demo=True, **scope,
            )  # fmt: skip
            secret = ""
            if role != Role.ASN:
                device = TOTPDevice.objects.create(user=user, name="demo", confirmed=True)
                secret = account_services.totp_secret(device)
            accounts.append(DemoAccount(username, password, user.get_role_display(), user.scope_label, secret))
    _save_credentials(accounts)
    return accounts


def _save_credentials(accounts: list[DemoAccount]) -> None:
    path = settings.VAR_DIR / CREDENTIALS_FILE
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(format_credentials(accounts))
    path.chmod(0o600)


def saved_credentials() -> str:
    path = settings.VAR_DIR / CREDENTIALS_FILE
    return path.read_text() if path.exists() else ""


def format_credentials(accounts: list[DemoAccount]) -> str:
    lines = ["Akun demo Sinetra (fiktif) — nama pengguna / kata sandi / peran / kunci TOTP", ""]
    for account in accounts:
        scope = f" · {account.scope}" if account.scope else ""
        lines.append(f"  {account.username:<22} {account.password:<14} {account.role_label}{scope}")
        if account.totp_secret:
            lines.append(f"  {'':<22} TOTP: {account.totp_secret}")
    lines += ["", "Kode dua langkah: tambahkan kunci TOTP ke aplikasi autentikator, atau jalankan",
              "  .venv/bin/sinetra demo-code <nama pengguna>"]  # fmt: skip
    return "\n".join(lines) + "\n"

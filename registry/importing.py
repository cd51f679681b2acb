"""Importing agencies and ASN from CSV or XLSX files (agency HR staff lists, BKN extracts).

ASN file columns (header names are case-insensitive; spaces and dashes count as underscores):

    nip            required  18-digit NIP (or NI PPPK); spaces and dots are ignored. Format the column as text.
    nama           required  full name as written, titles included: "Dr. H. Ahmad Fauzi, S.Pd., M.Si."
    status         required  PNS, CPNS or PPPK
    kode_instansi  required  code of an agency already in Sinetra (import agencies first)
    kode_wilayah   required  Kemendagri code of the province ("18") or regency/city ("18.71") of work
    jabatan                  position as written ("Kepala Bidang Anggaran")
    jenis_jabatan            jpt, administrator, pengawas, fungsional or pelaksana (Indonesian labels such
                             as "Jabatan Pimpinan Tinggi" or "JFU" also work); guessed from jabatan when empty
    golongan                 PNS/CPNS: I/a … IV/e ("III/b", "iii b"); PPPK: I … XVII
    unit_kerja               work unit
    email, telepon           stored encrypted
    akun_medsos              "instagram:@budi.s; tiktok:budi123; https://x.com/Budi"; replaces the person's
                             accounts; an empty cell leaves them as they are, "-" removes them
    aktif                    ya/tidak (empty: ya)

A row is taken whole or not at all: every bad field is reported as (line, column, message). A NIP already
in the registry is updated, a new one created, so importing the same file twice changes nothing. Optional
columns missing from the file leave the stored values alone. Rows are written in batches, one transaction
and one audit row per batch; on PostgreSQL through COPY into a temporary table and one upsert per batch.

Agency file columns: kode, nama, tingkat (pusat/provinsi/kabupaten/kota), kode_wilayah (required for
provincial and regency/city governments: a province code for a province, a regency code for the others).
"""

import re
from collections import defaultdict
from collections.abc import Callable, Collection, Iterable
from dataclasses import dataclass
from datetime import date
from functools import partial
from operator import attrgetter
from pathlib import Path
from typing import IO

from django.core.exceptions import ValidationError
from django.db import DatabaseError, connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core import audit
from core.fields import field_cipher
from core.tabular import ImportReport, TabularError, read_rows
from regions.models import Level, Region
from registry.choices import PNS_RANKS, PPPK_RANKS, AgencyLevel, EmploymentStatus, PositionKind
from registry.handles import parse_accounts
from registry.models import ASN, Agency, SocialAccount
from registry.names import split_titles
from registry.nip import parse_nip

Source = IO[bytes] | str | Path
# The column table of the docstring above, for the command's --help.
ASN_COLUMNS_HELP = __doc__.split("ASN file columns", 1)[1].split("\n\n")[1]

ASN_COLUMN_ALIASES = {
    "nip": ("nip", "nip_baru", "ni_pppk"),
    "nama": ("nama", "nama_lengkap"),
    "status": ("status", "status_kepegawaian", "status_pegawai"),
    "jabatan": ("jabatan", "nama_jabatan"),
    "jenis_jabatan": ("jenis_jabatan",),
    "golongan": ("golongan", "golongan_ruang", "gol"),
    "unit_kerja": ("unit_kerja", "satuan_kerja"),
    "kode_instansi": ("kode_instansi",),
    "kode_wilayah": ("kode_wilayah",),
    "email": ("email", "surel"),
    "telepon": ("telepon", "no_hp", "nomor_telepon", "no_telepon"),
    "akun_medsos": ("akun_medsos", "medsos", "media_sosial"),
    "aktif": ("aktif",),
}
ASN_REQUIRED = ("nip", "nama", "status", "kode_instansi", "kode_wilayah")
# Which ASN fields each optional column writes; a column missing from the file leaves its fields alone.
FIELDS_BY_COLUMN = {
    "nama": ("name", "front_title", "back_title"),
    "status": ("status",),
    "kode_instansi": ("agency_id",),
    "kode_wilayah": ("region_id",),
    "jabatan": ("position",),
    "jenis_jabatan": ("position_kind",),
    "golongan": ("rank",),
    "unit_kerja": ("work_unit",),
    "email": ("email",),
    "telepon": ("phone",),
    "aktif": ("is_active",),
}
MAX_LENGTHS = {"front_title": 60, "name": 150, "back_title": 100, "position": 200, "work_unit": 200}

STATUS_ALIASES = {"pns": "PNS", "cpns": "CPNS", "pppk": "PPPK", "p3k": "PPPK"}
POSITION_KIND_ALIASES = {
    **{kind.value: kind.value for kind in PositionKind},
    **{str(kind.label).lower(): kind.value for kind in PositionKind},
    "pimpinan tinggi": PositionKind.JPT,
    "jpt pratama": PositionKind.JPT,
    "jpt madya": PositionKind.JPT,
    "jpt utama": PositionKind.JPT,
    "jft": PositionKind.FUNGSIONAL,
    "jabatan fungsional tertentu": PositionKind.FUNGSIONAL,
    "jfu": PositionKind.PELAKSANA,  # "jabatan fungsional umum" is the old name of jabatan pelaksana
    "jabatan fungsional umum": PositionKind.PELAKSANA,
}
# Leading words of a jabatan that decide its kind (from the shared jabatan lexicon); longest match wins.
POSITION_KIND_BY_TERM = {
    "sekretaris daerah": PositionKind.JPT,
    "sekda": PositionKind.JPT,
    "asisten": PositionKind.JPT,
    "staf ahli": PositionKind.JPT,
    "kepala dinas": PositionKind.JPT,
    "kepala badan": PositionKind.JPT,
    "kepala biro": PositionKind.JPT,
    "inspektur": PositionKind.JPT,
    "direktur": PositionKind.JPT,
    "sekretaris dinas": PositionKind.ADMINISTRATOR,
    "sekretaris badan": PositionKind.ADMINISTRATOR,
    "kepala bidang": PositionKind.ADMINISTRATOR,
    "kepala bagian": PositionKind.ADMINISTRATOR,
    "camat": PositionKind.ADMINISTRATOR,
    "sekretaris camat": PositionKind.PENGAWAS,
    "sekretaris kecamatan": PositionKind.PENGAWAS,
    "lurah": PositionKind.PENGAWAS,
    "sekretaris kelurahan": PositionKind.PENGAWAS,
    "kepala seksi": PositionKind.PENGAWAS,
    "kepala subbagian": PositionKind.PENGAWAS,
    "kepala sub bagian": PositionKind.PENGAWAS,
    "kepala upt": PositionKind.PENGAWAS,
    "guru": PositionKind.FUNGSIONAL,
    "kepala sekolah": PositionKind.FUNGSIONAL,
    "pengawas sekolah": PositionKind.FUNGSIONAL,
    "dosen": PositionKind.FUNGSIONAL,
    "widyaiswara": PositionKind.FUNGSIONAL,
    "dokter": PositionKind.FUNGSIONAL,
    "bidan": PositionKind.FUNGSIONAL,
    "perawat": PositionKind.FUNGSIONAL,
    "penyuluh": PositionKind.FUNGSIONAL,
    "pengadministrasi": PositionKind.PELAKSANA,
    "pengelola": PositionKind.PELAKSANA,
}
_TERMS_LONGEST_FIRST = sorted(POSITION_KIND_BY_TERM, key=len, reverse=True)
PNS_RANK_SET = frozenset(PNS_RANKS)
PPPK_RANK_SET = frozenset(PPPK_RANKS)
_ROMAN_BY_NUMBER = {str(number): roman for number, roman in enumerate(PPPK_RANKS, start=1)}
_PNS_RANK = re.compile(r"^(IV|I{1,3}|[1-4])\s*[/\-. ]?\s*([A-E])$", re.IGNORECASE)
_ARABIC_ROMAN = {"1": "I", "2": "II", "3": "III", "4": "IV"}
_EMAIL = re.compile(r"^[^@\s,;]+@[^@\s,;]+\.[A-Za-z]{2,}$")
_PHONE_NOISE = re.compile(r"[\s\-().]")
ACTIVE_VALUES = {"": True, "ya": True, "y": True, "1": True, "aktif": True, "true": True}
INACTIVE_VALUES = {"tidak": False, "t": False, "0": False, "nonaktif": False, "tidak aktif": False, "false": False}
CLEAR_ACCOUNTS = frozenset({"-", "tidak ada"})

AGENCY_LEVEL_ALIASES = {
    "pusat": AgencyLevel.CENTRAL,
    "central": AgencyLevel.CENTRAL,
    "provinsi": AgencyLevel.PROVINCE,
    "province": AgencyLevel.PROVINCE,
    "kabupaten": AgencyLevel.REGENCY,
    "kota": AgencyLevel.REGENCY,
    "kabupaten/kota": AgencyLevel.REGENCY,
    "regency": AgencyLevel.REGENCY,
}
REGION_LEVEL_FOR_AGENCY = {AgencyLevel.PROVINCE: Level.PROVINCE, AgencyLevel.REGENCY: Level.REGENCY}


@dataclass(slots=True)
class AsnRecord:
    """One checked ASN row, ready to write; email/phone are plaintext until the writer encrypts them."""

    line: int
    nip: str
    name: str
    front_title: str
    back_title: str
    status: str
    position: str
    position_kind: str
    rank: str
    work_unit: str
    agency_id: int
    region_id: str
    email: str
    phone: str
    is_active: bool
    accounts: list[tuple[str, str]] | None  # None: leave the person's accounts alone


def import_asn(
    source: Source,
    *,
    file_name: str | None = None,
    actor,
    agency: Agency | None = None,
    batch_size: int = 5000,
    progress: Callable[[int], None] | None = None,
) -> ImportReport:
    """Create or update ASN from a CSV/XLSX file (columns in the module docstring), batch by batch.

    Steps: read and check each row in Python (agency and region codes are loaded once); every
    `batch_size` rows, drop rows whose social accounts belong to someone else, skip rows identical to
    what is stored, upsert the rest in the batch's own transaction and write one audit row. A batch the
    database refuses is rolled back whole and its rows are reported; other batches stand. `agency`
    restricts the file to that agency (an HR officer importing their own staff). `updated` counts rows
    whose NIP was already registered, changed or not. Raises TabularError when the file is unreadable
    or lacks a required column (batches written before that stay written).
    """
    if batch_size < 1:
        raise ValueError("batch_size must be at least 1")
    report = ImportReport()
    cleaner = AsnRowCleaner(agency=agency)
    name = file_name or (str(source) if isinstance(source, str | Path) else "")
    write = partial(_write_asn_batch, report=report, cleaner=cleaner, actor=actor, file_name=name)
    batch: list[AsnRecord] = []
    for line, row in read_rows(source, file_name):
        if report.total_rows == 0:
            cleaner.bind_columns(row)
        report.total_rows += 1
        record = cleaner.clean(line, row, report)
        if record is not None:
            batch.append(record)
        if report.total_rows % batch_size == 0:
            write(batch)
            batch = []
            if progress is not None:
                progress(report.total_rows)
    if report.total_rows % batch_size:
        write(batch)
        if progress is not None:
            progress(report.total_rows)
    report.errors.sort(key=attrgetter("line"))  # a refused batch reports after its rows' field errors
    return report


class AsnRowCleaner:
    """Checks ASN rows in plain Python against agency and region codes loaded once."""

    def __init__(self, *, agency: Agency | None = None, today: date | None = None):
        self.restrict_to = agency
        self.agency_ids = dict(Agency.objects.values_list("code", "id"))
        self.agency_ids_upper = {code.upper(): pk for code, pk in self.agency_ids.items()}
        self.region_levels = dict(
            Region.objects.filter(level__in=[Level.PROVINCE, Level.REGENCY]).values_list("code", "level")
        )
        self.today = today or date.today()
        self.seen_nips: dict[str, int] = {}
        self.seen_accounts: dict[tuple[str, str], tuple[str, int]] = {}
        self.keys: dict[str, str | None] = {}
        self.update_fields: list[str] = []

    def bind_columns(self, row: dict[str, str]) -> None:
        """Match the file's headers to our columns; refuse the file when a required one is missing."""
        self.keys = {
            column: next((alias for alias in aliases if alias in row), None)
            for column, aliases in ASN_COLUMN_ALIASES.items()
        }
        missing = [column for column in ASN_REQUIRED if self.keys[column] is None]
        if missing:
            raise TabularError(
                _("Kolom wajib tidak ada di baris judul: %(columns)s.") % {"columns": ", ".join(missing)}
            )
        self.update_fields = [
            field for column, fields in FIELDS_BY_COLUMN.items() if self.keys[column] is not None for field in fields
        ]

    def clean(self, line: int, row: dict[str, str], report: ImportReport) -> AsnRecord | None:
        """The row as an AsnRecord, or None after adding one error per bad field to `report`."""
        keys = self.keys
        errors: list[tuple[str, str]] = []

        def value(column: str) -> str:
            key = keys[column]
            return row.get(key, "") if key is not None else ""

        status = self._status(value("status"), errors)
        nip = self._nip(value("nip"), status, line, errors)
        front, name, back = self._name(value("nama"), errors)
        position = self._text("jabatan", value("jabatan"), MAX_LENGTHS["position"], errors)
        kind = self._position_kind(value("jenis_jabatan"), position, errors)
        rank = self._rank(value("golongan"), status, errors)
        work_unit = self._text("unit_kerja", value("unit_kerja"), MAX_LENGTHS["work_unit"], errors)
        agency_id = self._agency(value("kode_instansi"), errors)
        region_id = self._region(value("kode_wilayah"), errors)
        email = self._email(value("email"), errors)
        phone = self._phone(value("telepon"), errors)
        accounts = self._accounts(value("akun_medsos"), nip, line, errors)
        is_active = self._active(value("aktif"), errors)
        if errors:
            for field_name, message in errors:
                report.add_error(line, field_name, message)
            return None
        if accounts:
            for account in accounts:
                self.seen_accounts.setdefault(account, (nip, line))
        return AsnRecord(
            line, nip, name, front, back, status, position, kind, rank, work_unit, agency_id, region_id, email,
            phone, is_active, accounts,
        )  # fmt: skip

    def _status(self, raw: str, errors) -> str:
        status = STATUS_ALIASES.get(raw.lower())
        if status is None:
            message = _("Status %(value)s tidak dikenal; gunakan PNS, CPNS atau PPPK.") % {"value": raw}
            errors.append(("status", message if raw else _("Status wajib diisi: PNS, CPNS atau PPPK.")))
            return ""
        return status

    def _nip(self, raw: str, status: str, line: int, errors) -> str:
        try:
            nip = parse_nip(raw, status=status or None, today=self.today).nip
        except ValidationError as error:
            errors.append(("nip", error.messages[0]))
            return ""
        earlier = self.seen_nips.setdefault(nip, line)
        if earlier != line:
            errors.append(
                ("nip", _("NIP %(nip)s sudah ada di baris %(line)d berkas ini.") % {"nip": nip, "line": earlier})
            )
        return nip

    def _name(self, raw: str, errors) -> tuple[str, str, str]:
        front, name, back = split_titles(raw)
        if not name:
            errors.append(("nama", _("Nama wajib diisi.")))
        for field_name, text in (("front_title", front), ("name", name), ("back_title", back)):
            if len(text) > MAX_LENGTHS[field_name]:
                message = _("Nama atau gelar terlalu panjang (lebih dari %(max)d karakter).")
                errors.append(("nama", message % {"max": MAX_LENGTHS[field_name]}))
                break
        return front, name, back

    def _text(self, column: str, raw: str, max_length: int, errors) -> str:
        if len(raw) > max_length:
            errors.append((column, _("Paling banyak %(max)d karakter.") % {"max": max_length}))
        return raw

    def _position_kind(self, raw: str, position: str, errors) -> str:
        if not raw:
            return guess_position_kind(position)
        kind = POSITION_KIND_ALIASES.get(" ".join(raw.lower().replace("_", " ").split()))
        if kind is None:
            message = _(
                "Jenis jabatan %(value)s tidak dikenal; pilih jpt, administrator, pengawas, fungsional, pelaksana."
            )
            errors.append(("jenis_jabatan", message % {"value": raw}))
            return ""
        return kind

    def _rank(self, raw: str, status: str, errors) -> str:
        if not raw or not status:
            return ""
        rank = normalise_rank(raw, status)
        if rank is None:
            message = (
                _("Golongan PPPK harus I sampai XVII, bukan %(value)s.")
                if status == EmploymentStatus.PPPK
                else _("Golongan %(status)s harus I/a sampai IV/e, bukan %(value)s.")
            )
            errors.append(("golongan", message % {"value": raw, "status": status}))
            return ""
        return rank

    def _agency(self, code: str, errors) -> int:
        if not code:
            errors.append(("kode_instansi", _("Kode instansi wajib diisi.")))
            return 0
        agency_id = self.agency_ids.get(code) or self.agency_ids_upper.get(code.upper())
        if agency_id is None:
            errors.append(("kode_instansi", _("Instansi dengan kode %(code)s tidak terdaftar.") % {"code": code}))
            return 0
        if self.restrict_to is not None and agency_id != self.restrict_to.pk:
            message = _("Anda hanya dapat mengimpor pegawai instansi %(own)s, bukan %(code)s.")
            errors.append(("kode_instansi", message % {"own": self.restrict_to.code, "code": code}))
        return agency_id

    def _region(self, code: str, errors) -> str:
        if not code:
            errors.append(("kode_wilayah", _("Kode wilayah wajib diisi.")))
        elif code not in self.region_levels:
            message = (
                _("Kode wilayah %(code)s adalah kecamatan atau desa; gunakan kode provinsi atau kabupaten/kota.")
                if code.count(".") >= 2
                else _("Kode wilayah %(code)s tidak ditemukan.")
            )
            errors.append(("kode_wilayah", message % {"code": code}))
        return code

    def _email(self, raw: str, errors) -> str:
        if raw and (len(raw) > 254 or not _EMAIL.match(raw)):
            errors.append(("email", _("Alamat email %(value)s tidak sah.") % {"value": raw}))
        return raw

    def _phone(self, raw: str, errors) -> str:
        if not raw:
            return ""
        phone = normalise_phone(raw)
        if phone is None:
            errors.append(("telepon", _("Nomor telepon %(value)s tidak sah.") % {"value": raw}))
            return ""
        return phone

    def _accounts(self, raw: str, nip: str, line: int, errors) -> list[tuple[str, str]] | None:
        if not raw:
            return None
        if raw.lower() in CLEAR_ACCOUNTS:
            return []
        try:
            accounts = parse_accounts(raw)
        except ValidationError as error:
            errors.append(("akun_medsos", error.messages[0]))
            return None
        for platform, handle in accounts:
            owner = self.seen_accounts.get((platform, handle))
            if owner is not None and owner[0] != nip:
                message = _("Akun %(platform)s @%(handle)s sudah dipakai NIP lain di baris %(line)d.")
                errors.append(("akun_medsos", message % {"platform": platform, "handle": handle, "line": owner[1]}))
        return accounts

    def _active(self, raw: str, errors) -> bool:
        lowered = raw.lower()
        if lowered in ACTIVE_VALUES:
            return True
        if lowered in INACTIVE_VALUES:
            return False
        errors.append(("aktif", _("Kolom aktif harus ya atau tidak, bukan %(value)s.") % {"value": raw}))
        return True


def normalise_rank(raw: str, status: str) -> str | None:
    """ "III b", "iii/b", "3/B" -> "III/b" for PNS/CPNS; "ix", "9" -> "IX" for PPPK; None when not a rank."""
    if status == EmploymentStatus.PPPK:
        rank = raw.strip().upper()
        rank = _ROMAN_BY_NUMBER.get(rank, rank)
        return rank if rank in PPPK_RANK_SET else None
    if raw in PNS_RANK_SET:
        return raw
    match = _PNS_RANK.match(raw.strip())
    if match is None:
        return None
    roman = _ARABIC_ROMAN.get(match.group(1), match.group(1).upper())
    rank = f"{roman}/{match.group(2).lower()}"
    return rank if rank in PNS_RANK_SET else None


def normalise_phone(raw: str) -> str | None:
    """An Indonesian phone number as +62…, or another +country number kept as typed without separators."""
    phone = _PHONE_NOISE.sub("", raw)
    if phone.startswith("0"):
        phone = "+62" + phone[1:]
    elif phone.startswith("62"):
        phone = "+" + phone
    digits = phone[1:] if phone.startswith("+") else ""
    return phone if digits.isdigit() and 8 <= len(digits) <= 15 else None


def guess_position_kind(position: str) -> str:
    """The position kind implied by the first words of a jabatan ("Kepala Bidang …" -> administrator), or ""."""
    text = " ".join(position.lower().split())
    for prefix in ("plt ", "plh ", "pj "):
        text = text.removeprefix(prefix)
    for term in _TERMS_LONGEST_FIRST:
        if text.startswith(term) and (len(text) == len(term) or text[len(term)] == " "):
            return POSITION_KIND_BY_TERM[term]
    return ""


def _write_asn_batch(
    batch: list[AsnRecord], *, report: ImportReport, cleaner: "AsnRowCleaner", actor, file_name: str
) -> None:
    """Write one batch in its own transaction with its audit row; report it as created/updated or refused."""
    batch = _drop_taken_accounts(batch, report)
    if not batch:
        return
    first, last = batch[0].line, batch[-1].line
    try:
        with transaction.atomic():
            created, updated = _upsert_batch(batch, cleaner.update_fields)
            audit.record(
                actor=actor,
                action="registry.import_asn",
                summary=_(
                    "Impor ASN dari %(file)s, baris %(first)d–%(last)d: %(created)d baru, %(updated)d diperbarui."
                )
                % {"file": file_name or "-", "first": first, "last": last, "created": created, "updated": updated},
                changes={"file": file_name, "lines": [first, last], "created": created, "updated": updated},
            )
    except DatabaseError as error:
        detail = str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
        message = _("Baris %(first)d–%(last)d tidak disimpan karena basis data menolak kelompok ini: %(error)s")
        for record in batch:
            report.add_error(record.line, "", message % {"first": first, "last": last, "error": detail})
        return
    report.created += created
    report.updated += updated


def _upsert_batch(batch: list[AsnRecord], update_fields: list[str]) -> tuple[int, int]:
    """Write new and changed rows, leave identical ones alone, then replace changed account lists."""
    existing = _existing_asn([record.nip for record in batch], update_fields)
    values = attrgetter(*update_fields)
    changed = [record for record in batch if existing.get(record.nip, (0, None))[1] != values(record)]
    writer = PostgresAsnWriter() if connection.vendor == "postgresql" else OrmAsnWriter()
    created, ids = writer.write(changed, update_fields, existing.keys())
    ids.update((nip, found[0]) for nip, found in existing.items() if nip not in ids)
    _replace_accounts({ids[record.nip]: set(record.accounts) for record in batch if record.accounts is not None})
    return created, len(batch) - created


def _existing_asn(nips: list[str], fields: list[str]) -> dict[str, tuple[int, tuple]]:
    """NIP -> (id, values of `fields`) for the stored ASN among `nips`; email/phone come back decrypted."""
    if connection.vendor == "postgresql":
        return _existing_asn_postgres(nips, fields)
    found = {}
    for chunk in _chunks(nips):
        rows = ASN.objects.filter(nip__in=chunk).order_by().values_list("nip", "id", *fields)
        found.update((nip, (pk, tuple(values))) for nip, pk, *values in rows)
    return found


def _existing_asn_postgres(nips: list[str], fields: list[str]) -> dict[str, tuple[int, tuple]]:
    # One array parameter instead of thousands of IN (...) parameters, which Django compiles one by one.
    decrypt = field_cipher().decrypt
    encrypted = [index for index, name in enumerate(fields) if name in ("email", "phone")]
    with connection.cursor() as cursor:
        # A few thousand unique-index probes; the planner's guess for a freshly filled table is a slow seq scan.
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute(
            f"SELECT nip, id, {', '.join(fields)} FROM {ASN._meta.db_table} WHERE nip = ANY(%s)",  # noqa: S608
            [nips],
        )
        rows = cursor.fetchall()
        cursor.execute("RESET enable_seqscan")  # when called inside a caller's transaction, do not leak
    found = {}
    for nip, pk, *values in rows:
        for index in encrypted:
            if values[index]:
                values[index] = decrypt(values[index].encode()).decode()
        found[nip] = (pk, tuple(values))
    return found


def _replace_accounts(wanted: dict[int, set[tuple[str, str]]]) -> None:
    """Give each ASN exactly the accounts listed for it, touching only those whose list changed."""
    if not wanted:
        return
    current: dict[int, set[tuple[str, str]]] = defaultdict(set)
    for chunk in _chunks(list(wanted)):
        for asn_id, platform, handle in SocialAccount.objects.filter(asn_id__in=chunk).values_list(
            "asn_id", "platform", "handle"
        ):
            current[asn_id].add((platform, handle))
    changed = [asn_id for asn_id, accounts in wanted.items() if current.get(asn_id, set()) != accounts]
    for chunk in _chunks(changed):
        SocialAccount.objects.filter(asn_id__in=chunk).delete()
    SocialAccount.objects.bulk_create(
        [SocialAccount(asn_id=asn_id, platform=p, handle=h) for asn_id in changed for p, h in sorted(wanted[asn_id])],
        batch_size=500,
    )


def _chunks(items: list, size: int | None = None) -> Iterable[list]:
    size = size or (900 if connection.vendor == "sqlite" else 10_000)  # SQLite's old 999-parameter limit
    for start in range(0, len(items), size):
        yield items[start : start + size]


def _drop_taken_accounts(batch: list[AsnRecord], report: ImportReport) -> list[AsnRecord]:
    """Refuse rows whose social accounts already belong to another ASN in the registry."""
    wanted = {account for record in batch if record.accounts for account in record.accounts}
    if not wanted:
        return batch
    replacing = {record.nip for record in batch if record.accounts is not None}
    by_platform: dict[str, list[str]] = defaultdict(list)
    for platform, handle in wanted:
        by_platform[platform].append(handle)
    owners = {}
    for platform, handles in by_platform.items():  # (platform, handle) is the unique index
        for chunk in _chunks(handles):
            found = SocialAccount.objects.filter(platform=platform, handle__in=chunk).values_list("handle", "asn__nip")
            owners.update(((platform, handle), nip) for handle, nip in found if nip not in replacing)
    kept = []
    for record in batch:
        taken = [account for account in record.accounts or () if owners.get(account, record.nip) != record.nip]
        for platform, handle in taken:
            report.add_error(
                record.line,
                "akun_medsos",
                _("Akun %(platform)s @%(handle)s sudah terdaftar atas NIP %(nip)s.")
                % {"platform": platform, "handle": handle, "nip": owners[(platform, handle)]},
            )
        if not taken:
            kept.append(record)
    return kept


def import_agencies(source: Source, *, file_name: str | None = None, actor) -> ImportReport:
    """Create or update agencies by code from a CSV/XLSX file (kode, nama, tingkat, kode_wilayah).

    The whole file is written in one transaction with one audit row: agency lists are short.
    """
    report = ImportReport()
    region_levels = dict(Region.objects.filter(level__in=[Level.PROVINCE, Level.REGENCY]).values_list("code", "level"))
    rows: dict[str, Agency] = {}
    seen: dict[str, int] = {}
    for line, row in read_rows(source, file_name):
        if report.total_rows == 0:
            _check_agency_columns(row)
        report.total_rows += 1
        agency = _clean_agency_row(line, row, region_levels, seen, report)
        if agency is not None:
            rows[agency.code] = agency
    if not rows:
        return report
    name = file_name or (str(source) if isinstance(source, str | Path) else "")
    with transaction.atomic():
        existing = set(Agency.objects.filter(code__in=list(rows)).values_list("code", flat=True))
        Agency.objects.bulk_create(
            rows.values(), update_conflicts=True, unique_fields=["code"], update_fields=["name", "level", "region"]
        )
        report.created, report.updated = len(rows) - len(existing), len(existing)
        audit.record(
            actor=actor,
            action="registry.import_agencies",
            summary=_("Impor instansi dari %(file)s: %(created)d baru, %(updated)d diperbarui.")
            % {"file": name or "-", "created": report.created, "updated": report.updated},
            changes={"file": name, "created": report.created, "updated": report.updated},
        )
    return report


def _check_agency_columns(row: dict[str, str]) -> None:
    missing = [column for column in ("kode", "nama", "tingkat") if column not in row]
    if missing:
        raise TabularError(_("Kolom wajib tidak ada di baris judul: %(columns)s.") % {"columns": ", ".join(missing)})


def _clean_agency_row(
    line: int, row: dict[str, str], region_levels: dict[str, str], seen: dict[str, int], report: ImportReport
) -> Agency | None:
    errors: list[tuple[str, str]] = []
    code, name = row.get("kode", ""), " ".join(row.get("nama", "").split())
    level = AGENCY_LEVEL_ALIASES.get(row.get("tingkat", "").lower())
    region_code = row.get("kode_wilayah", "")
    if not code:
        errors.append(("kode", _("Kode instansi wajib diisi.")))
    elif len(code) > 32:
        errors.append(("kode", _("Paling banyak %(max)d karakter.") % {"max": 32}))
    elif seen.setdefault(code, line) != line:
        errors.append(
            ("kode", _("Kode %(code)s sudah ada di baris %(line)d berkas ini.") % {"code": code, "line": seen[code]})
        )
    if not name:
        errors.append(("nama", _("Nama instansi wajib diisi.")))
    elif len(name) > 200:
        errors.append(("nama", _("Paling banyak %(max)d karakter.") % {"max": 200}))
    if level is None:
        errors.append(("tingkat", _("Tingkat harus pusat, provinsi, kabupaten atau kota.")))
    errors.extend(_agency_region_errors(level, region_code, region_levels))
    for field_name, message in errors:
        report.add_error(line, field_name, message)
    if errors:
        return None
    return Agency(code=code, name=name, level=level, region_id=region_code or None)


def _agency_region_errors(level: str | None, code: str, region_levels: dict[str, str]) -> Iterable[tuple[str, str]]:
    if level == AgencyLevel.CENTRAL:
        if code:
            yield ("kode_wilayah", _("Instansi pusat tidak memakai kode wilayah; kosongkan kolom ini."))
        return
    if level is None:
        return
    if not code:
        yield ("kode_wilayah", _("Kode wilayah wajib diisi untuk pemerintah daerah."))
    elif code not in region_levels:
        yield (
            "kode_wilayah",
            _("Kode wilayah %(code)s tidak ditemukan atau bukan provinsi/kabupaten/kota.") % {"code": code},
        )
    elif region_levels[code] != REGION_LEVEL_FOR_AGENCY[level]:
        expected = _("kode provinsi") if level == AgencyLevel.PROVINCE else _("kode kabupaten/kota")
        yield (
            "kode_wilayah",
            _("Tingkat instansi ini memerlukan %(expected)s, bukan %(code)s.") % {"expected": expected, "code": code},
        )


class OrmAsnWriter:
    """Writes new and changed rows with the ORM (SQLite and other databases): bulk upsert by NIP."""

    def write(self, records: list[AsnRecord], update_fields: list[str], known: Collection[str]) -> tuple[int, dict]:
        if not records:
            return 0, {}
        ASN.objects.bulk_create(
            [_asn_instance(record) for record in records],
            update_conflicts=True,
            unique_fields=["nip"],
            update_fields=[*update_fields, "updated_at"],
            batch_size=50,
        )
        ids = {}
        for chunk in _chunks([record.nip for record in records]):
            ids.update(ASN.objects.filter(nip__in=chunk).order_by().values_list("nip", "id"))
        return sum(1 for record in records if record.nip not in known), ids


def _asn_instance(record: AsnRecord) -> ASN:
    return ASN(
        nip=record.nip, name=record.name, front_title=record.front_title, back_title=record.back_title,
        status=record.status, position=record.position, position_kind=record.position_kind, rank=record.rank,
        work_unit=record.work_unit, agency_id=record.agency_id, region_id=record.region_id, email=record.email,
        phone=record.phone, is_active=record.is_active,
    )  # fmt: skip


class PostgresAsnWriter:
    """Writes new and changed rows on PostgreSQL: COPY into a temporary table, then one upsert.

    The upsert is INSERT … SELECT … ON CONFLICT (nip) DO UPDATE; `xmax = 0` in RETURNING tells inserted
    rows from updated ones. Email and phone are encrypted here with the cipher of EncryptedTextField, since
    COPY bypasses the field. Constraints are checked per statement, so a refused batch fails in its own
    transaction even when the import runs inside a caller's transaction.
    """

    columns = (
        "nip", "name", "front_title", "back_title", "status", "position", "position_kind", "rank", "work_unit",
        "agency_id", "region_id", "email", "phone", "is_active",
    )  # fmt: skip
    temp_table = "registry_asn_import"

    def write(self, records: list[AsnRecord], update_fields: list[str], known: Collection[str]) -> tuple[int, dict]:
        if not records:
            return 0, {}
        with connection.cursor() as cursor:
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
            self._load_temp_table(cursor, records)
            rows = self._upsert(cursor, update_fields)
        return sum(1 for _pk, _nip, inserted in rows if inserted), {nip: pk for pk, nip, _inserted in rows}

    def _load_temp_table(self, cursor, records: list[AsnRecord]) -> None:
        fields = {field.column: field for field in ASN._meta.concrete_fields}
        definition = ", ".join(f"{column} {fields[column].db_type(connection)}" for column in self.columns)
        cursor.execute(f"DROP TABLE IF EXISTS pg_temp.{self.temp_table}")
        cursor.execute(f"CREATE TEMPORARY TABLE {self.temp_table} ({definition}) ON COMMIT DROP")
        encrypt = field_cipher().encrypt
        with cursor.copy(f"COPY {self.temp_table} ({', '.join(self.columns)}) FROM STDIN") as copy:
            write_row = copy.write_row
            for r in records:
                email = encrypt(r.email.encode()).decode() if r.email else ""
                phone = encrypt(r.phone.encode()).decode() if r.phone else ""
                write_row((
                    r.nip, r.name, r.front_title, r.back_title, r.status, r.position, r.position_kind, r.rank,
                    r.work_unit, r.agency_id, r.region_id, email, phone, r.is_active,
                ))  # fmt: skip

    def _upsert(self, cursor, update_fields: list[str]) -> list[tuple[int, str, bool]]:
        columns = ", ".join(self.columns)
        updates = ", ".join(f"{column} = EXCLUDED.{column}" for column in [*update_fields, "updated_at"])
        cursor.execute(
            f"INSERT INTO {ASN._meta.db_table} ({columns}, updated_at) "  # noqa: S608 (names are ours)
            f"SELECT {columns}, %s FROM {self.temp_table} "
            f"ON CONFLICT (nip) DO UPDATE SET {updates} RETURNING id, nip, (xmax = 0)",
            [timezone.now()],
        )
        return cursor.fetchall()

"""Checking ASN rows in plain Python: one AsnRecord per good row, one (line, column, message) per bad field.

The cleaner touches no database once built, so it also runs in the import's worker process (parallel.py).
"""

import re
from datetime import date

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from core.tabular import ImportReport, TabularError
from regions.models import Level, Region
from registry.choices import PPPK_RANKS, EmploymentStatus
from registry.handles import parse_accounts
from registry.importing.columns import (
    ACTIVE_VALUES,
    ASN_COLUMN_ALIASES,
    ASN_REQUIRED,
    CLEAR_ACCOUNTS,
    FIELDS_BY_COLUMN,
    INACTIVE_VALUES,
    MAX_LENGTHS,
    PNS_RANK_SET,
    POSITION_KIND_ALIASES,
    POSITION_KIND_BY_TERM,
    PPPK_RANK_SET,
    STATUS_ALIASES,
    AsnRecord,
)
from registry.models import Agency
from registry.names import split_titles
from registry.nip import parse_nip

_TERMS_LONGEST_FIRST = sorted(POSITION_KIND_BY_TERM, key=len, reverse=True)
_ROMAN_BY_NUMBER = {str(number): roman for number, roman in enumerate(PPPK_RANKS, start=1)}
_PNS_RANK = re.compile(r"^(IV|I{1,3}|[1-4])\s*[/\-. ]?\s*([A-E])$", re.IGNORECASE)
_ARABIC_ROMAN = {"1": "I", "2": "II", "3": "III", "4": "IV"}
_EMAIL = re.compile(r"^[^@\s,;]+@[^@\s,;]+\.[A-Za-z]{2,}$")
_PHONE_NOISE = re.compile(r"[\s\-().]")
# Codes, statuses, ranks and positions repeat across a staff list: their checks are pure functions of the
# cell, so each distinct value is checked once per import. The bound keeps a file of unique values from
# growing the caches without limit.
CACHE_LIMIT = 20_000


class AsnRowCleaner:
    """Checks ASN rows in plain Python against agency and region codes loaded once."""

    def __init__(self, *, agency: Agency | None = None, today: date | None = None):
        self.restrict_to = (agency.pk, agency.code) if agency is not None else None
        self.agency_ids = dict(Agency.objects.values_list("code", "id"))
        self.agency_ids_upper = {code.upper(): pk for code, pk in self.agency_ids.items()}
        self.region_levels = dict(
            Region.objects.filter(level__in=[Level.PROVINCE, Level.REGENCY]).values_list("code", "level")
        )
        self.today = today or date.today()
        self.seen_nips: dict[str, int] = {}
        self.seen_accounts: dict[tuple[str, str], tuple[str, int]] = {}
        self.keys: tuple[str | None, ...] = ()
        self.update_fields: list[str] = []
        self._caches: dict[str, dict] = {name: {} for name in ("status", "kind", "rank", "agency", "region", "aktif")}

    def bind_columns(self, row: dict[str, str]) -> None:
        """Match the file's headers to our columns; refuse the file when a required one is missing."""
        keys = {
            column: next((alias for alias in aliases if alias in row), None)
            for column, aliases in ASN_COLUMN_ALIASES.items()
        }
        missing = [column for column in ASN_REQUIRED if keys[column] is None]
        if missing:
            raise TabularError(
                _("Kolom wajib tidak ada di baris judul: %(columns)s.") % {"columns": ", ".join(missing)}
            )
        self.keys = tuple(keys.values())  # in ASN_COLUMN_ALIASES order; None never matches a row key
        self.update_fields = [
            field for column, fields in FIELDS_BY_COLUMN.items() if keys[column] is not None for field in fields
        ]

    def clean(self, line: int, row: dict[str, str], report: ImportReport) -> AsnRecord | None:
        """The row as an AsnRecord, or None after adding one error per bad field to `report`."""
        get = row.get
        (
            k_nip,
            k_name,
            k_status,
            k_position,
            k_kind,
            k_rank,
            k_unit,
            k_agency,
            k_region,
            k_email,
            k_phone,
            k_acc,
            k_act,
        ) = self.keys
        errors: list[tuple[str, str]] = []
        status = self._cached("status", get(k_status, ""), None, self._status, errors)
        nip = self._nip(get(k_nip, ""), status, line, errors)
        front, name, back = self._name(get(k_name, ""), errors)
        position = self._text("jabatan", get(k_position, ""), MAX_LENGTHS["position"], errors)
        kind = self._cached("kind", get(k_kind, ""), position, self._position_kind, errors)
        rank = self._cached("rank", get(k_rank, ""), status, self._rank, errors)
        work_unit = self._text("unit_kerja", get(k_unit, ""), MAX_LENGTHS["work_unit"], errors)
        agency_id = self._cached("agency", get(k_agency, ""), None, self._agency, errors)
        region_id = self._cached("region", get(k_region, ""), None, self._region, errors)
        email = self._email(get(k_email, ""), errors)
        phone = self._phone(get(k_phone, ""), errors)
        accounts = self._accounts(get(k_acc, ""), nip, line, errors)
        is_active = self._cached("aktif", get(k_act, ""), None, self._active, errors)
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

    def _cached(self, kind: str, raw: str, context, check, errors):
        """check(raw, context, errors), remembered per (raw, context): the same cell gives the same answer."""
        cache = self._caches[kind]
        key = (raw, context)
        found = cache.get(key)
        if found is None:
            own: list[tuple[str, str]] = []
            found = (check(raw, context, own), own)
            if len(cache) >= CACHE_LIMIT:
                cache.clear()
            cache[key] = found
        if found[1]:
            errors.extend(found[1])
        return found[0]

    def _status(self, raw: str, _context, errors) -> str:
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
        if (
            len(front) > MAX_LENGTHS["front_title"]
            or len(name) > MAX_LENGTHS["name"]
            or len(back) > MAX_LENGTHS["back_title"]
        ):
            self._name_too_long(front, name, back, errors)
        return front, name, back

    @staticmethod
    def _name_too_long(front: str, name: str, back: str, errors) -> None:
        for field_name, text in (("front_title", front), ("name", name), ("back_title", back)):
            if len(text) > MAX_LENGTHS[field_name]:
                message = _("Nama atau gelar terlalu panjang (lebih dari %(max)d karakter).")
                errors.append(("nama", message % {"max": MAX_LENGTHS[field_name]}))
                break

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

    def _agency(self, code: str, _context, errors) -> int:
        if not code:
            errors.append(("kode_instansi", _("Kode instansi wajib diisi.")))
            return 0
        agency_id = self.agency_ids.get(code) or self.agency_ids_upper.get(code.upper())
        if agency_id is None:
            errors.append(("kode_instansi", _("Instansi dengan kode %(code)s tidak terdaftar.") % {"code": code}))
            return 0
        if self.restrict_to is not None and agency_id != self.restrict_to[0]:
            message = _("Anda hanya dapat mengimpor pegawai instansi %(own)s, bukan %(code)s.")
            errors.append(("kode_instansi", message % {"own": self.restrict_to[1], "code": code}))
        return agency_id

    def _region(self, code: str, _context, errors) -> str:
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

    def _active(self, raw: str, _context, errors) -> bool:
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
    phone = raw if raw.isdigit() else _PHONE_NOISE.sub("", raw)  # digits only: nothing to remove
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

"""The 18-digit NIP (Nomor Induk Pegawai) of a civil servant: parsing, checking and display.

Layout (PP 11/2017, Peraturan BKN on NIP): digits 1–8 birth date YYYYMMDD, digits 9–14 year and month of
appointment as CPNS (TMT CPNS) YYYYMM, digit 15 gender (1 laki-laki, 2 perempuan), digits 16–18 serial.
"""

import re
from dataclasses import dataclass
from datetime import date

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from registry.choices import EmploymentStatus

NIP_LENGTH = 18
MIN_APPOINTMENT_AGE = 18
GENDER_BY_DIGIT = {"1": "L", "2": "P"}
# [uncertain] NI PPPK numbers are said to carry "21" where a NIP has the appointment month; we have no
# regulation text for it, so the accepted markers are data here and PPPK numbers with a real month pass too.
PPPK_MONTH_MARKERS = frozenset({"21"})

# What a spreadsheet shows for an 18-digit number it stored as a double: "1.98001012005011E+17".
_SCIENTIFIC = re.compile(r"^\d(?:[.,]\d+)?e\+?\d+$", re.IGNORECASE)
# Separators people type inside a NIP: "19800101 200501 1 001", "19800101.200501.1.001".
_SEPARATORS = re.compile(r"[\s.\-]+")


@dataclass(frozen=True)
class NipInfo:
    """The parts of a valid NIP; `appointment_month` is None for a PPPK marker instead of a month."""

    nip: str
    birth_date: date
    appointment_year: int
    appointment_month: int | None
    gender: str
    serial: int


def normalise_nip(value: str) -> str:
    """The NIP without the spaces, dots and dashes people type; no checking."""
    return _SEPARATORS.sub("", value or "")


def parse_nip(value: str, *, status: str | None = None, today: date | None = None) -> NipInfo:
    """Check a NIP and return its parts, or raise ValidationError with the rule it breaks.

    `status` is the employment status when known: a PPPK marker in the month position is accepted for
    PPPK and when the status is unknown (None), and refused for PNS/CPNS.
    """
    nip = value.strip() if value else ""
    if not (len(nip) == NIP_LENGTH and nip.isdigit()):
        nip = _normalised_digits(nip)
    birth = _birth_date(nip)
    year, month = int(nip[8:12]), nip[12:14]
    is_marker = month in PPPK_MONTH_MARKERS and status in (None, EmploymentStatus.PPPK)
    if not is_marker and not "01" <= month <= "12":
        raise ValidationError(_month_message(month, status), code="nip_month")
    appointed = (year, None if is_marker else int(month))
    _check_appointment(birth, appointed, today or date.today())
    gender = GENDER_BY_DIGIT.get(nip[14])
    if gender is None:
        raise ValidationError(
            _("Digit ke-15 NIP (jenis kelamin) harus 1 (laki-laki) atau 2 (perempuan), bukan %(digit)s.")
            % {"digit": nip[14]},
            code="nip_gender",
        )
    serial = int(nip[15:])
    if serial == 0:
        raise ValidationError(_("Digit ke-16–18 NIP (nomor urut) harus 001–999, bukan 000."), code="nip_serial")
    return NipInfo(nip, birth, year, appointed[1], gender, serial)


def format_nip(nip: str) -> str:
    """A NIP as printed on ASN documents: '19800101 200501 1 001'. Other values come back unchanged."""
    digits = normalise_nip(nip)
    if len(digits) != NIP_LENGTH or not digits.isdigit():
        return nip
    return f"{digits[:8]} {digits[8:14]} {digits[14]} {digits[15:]}"


def _normalised_digits(value: str) -> str:
    if not value:
        raise ValidationError(_("NIP wajib diisi."), code="nip_required")
    if _SCIENTIFIC.match(value):
        raise ValidationError(
            _(
                "NIP %(value)s terbaca sebagai angka sehingga digit terakhirnya hilang. Format kolom NIP "
                "sebagai Teks di Excel, ketik ulang NIP-nya, lalu simpan dan impor lagi."
            )
            % {"value": value},
            code="nip_number_cell",
        )
    digits = normalise_nip(value)
    if not digits.isdigit():
        raise ValidationError(
            _("NIP hanya boleh berisi angka; %(value)s mengandung karakter lain.") % {"value": value}, code="nip_digits"
        )
    if len(digits) != NIP_LENGTH:
        raise ValidationError(
            _("NIP harus 18 digit; %(value)s berisi %(count)d digit.") % {"value": value, "count": len(digits)},
            code="nip_length",
        )
    return digits


def _birth_date(nip: str) -> date:
    try:
        return date(int(nip[:4]), int(nip[4:6]), int(nip[6:8]))
    except ValueError:
        raise ValidationError(
            _("Digit ke-1–8 NIP (%(value)s) bukan tanggal lahir yang sah (format TTTTBBHH).") % {"value": nip[:8]},
            code="nip_birth_date",
        ) from None


def _month_message(month: str, status: str | None) -> str:
    if month in PPPK_MONTH_MARKERS:
        return _("Kode %(month)s pada digit ke-13–14 NIP hanya berlaku untuk PPPK, sedangkan statusnya %(status)s.") % {
            "month": month,
            "status": status,
        }
    return _("Digit ke-13–14 NIP (bulan TMT CPNS) harus 01–12, bukan %(month)s.") % {"month": month}


def _check_appointment(birth: date, appointed: tuple[int, int | None], today: date) -> None:
    """TMT CPNS lies between the 18th birthday and today, compared by month (by year for PPPK markers)."""
    year, month = appointed
    shown = f"{year}" if month is None else f"{month:02d}/{year}"
    earliest = (birth.year + MIN_APPOINTMENT_AGE, birth.month if month is not None else 0)
    if (year, month or 0) < earliest:
        raise ValidationError(
            _("TMT pada NIP (%(appointed)s) lebih awal dari usia 18 tahun (lahir %(birth)s).")
            % {"appointed": shown, "birth": birth.strftime("%d-%m-%Y")},
            code="nip_too_young",
        )
    if (year, month or 0) > (today.year, today.month if month is not None else 0):
        raise ValidationError(
            _("TMT pada NIP (%(appointed)s) ada di masa depan.") % {"appointed": shown}, code="nip_future"
        )

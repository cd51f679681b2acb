import datetime

import pytest
from django.core.exceptions import ValidationError
from hypothesis import given
from hypothesis import strategies as st

from registry.nip import NipInfo, format_nip, parse_nip

pytestmark = pytest.mark.unit

TODAY = datetime.date(2025, 6, 1)


def message(value: str, **kwargs) -> str:
    with pytest.raises(ValidationError) as caught:
        parse_nip(value, today=TODAY, **kwargs)
    return caught.value.messages[0]


def test_parse_nip_returns_all_parts():
    assert parse_nip("198001012005011001", today=TODAY) == NipInfo(
        nip="198001012005011001",
        birth_date=datetime.date(1980, 1, 1),
        appointment_year=2005,
        appointment_month=1,
        gender="L",
        serial=1,
    )


def test_parse_nip_accepts_typed_separators():
    assert parse_nip(" 19800101 200501 2 001 ", today=TODAY).nip == "198001012005012001"
    assert parse_nip("19800101.200501.2.001", today=TODAY).nip == "198001012005012001"


def test_parse_nip_empty_is_required():
    assert message("") == "NIP wajib diisi."


def test_parse_nip_wrong_length():
    assert message("1980010120050110") == "NIP harus 18 digit; 1980010120050110 berisi 16 digit."


def test_parse_nip_letters():
    assert message("19800101200501100A") == "NIP hanya boleh berisi angka; 19800101200501100A mengandung karakter lain."


def test_parse_nip_excel_number_asks_for_text_column():
    assert message("1.98001012005011E+17") == (
        "NIP 1.98001012005011E+17 terbaca sebagai angka sehingga digit terakhirnya hilang. Format kolom NIP "
        "sebagai Teks di Excel, ketik ulang NIP-nya, lalu simpan dan impor lagi."
    )


def test_parse_nip_impossible_birth_date():
    assert message("198002302005011001") == (
        "Digit ke-1–8 NIP (19800230) bukan tanggal lahir yang sah (format TTTTBBHH)."
    )


def test_parse_nip_month_out_of_range():
    assert message("198001012005131001") == "Digit ke-13–14 NIP (bulan TMT CPNS) harus 01–12, bukan 13."


def test_parse_nip_appointed_before_age_18():
    assert message("198001011997121001") == "TMT pada NIP (12/1997) lebih awal dari usia 18 tahun (lahir 01-01-1980)."


def test_parse_nip_appointed_in_the_future():
    assert message("198001012025071001") == "TMT pada NIP (07/2025) ada di masa depan."


def test_parse_nip_gender_digit():
    assert message("198001012005013001") == (
        "Digit ke-15 NIP (jenis kelamin) harus 1 (laki-laki) atau 2 (perempuan), bukan 3."
    )


def test_parse_nip_serial_zero():
    assert message("198001012005011000") == "Digit ke-16–18 NIP (nomor urut) harus 001–999, bukan 000."


def test_parse_nip_pppk_marker_accepted_for_pppk():
    info = parse_nip("199003032021212001", status="PPPK", today=TODAY)

    assert (info.appointment_year, info.appointment_month, info.gender) == (2021, None, "P")


def test_parse_nip_pppk_marker_refused_for_pns():
    assert message("199003032021212001", status="PNS") == (
        "Kode 21 pada digit ke-13–14 NIP hanya berlaku untuk PPPK, sedangkan statusnya PNS."
    )


def test_parse_nip_pppk_marker_in_the_future():
    assert message("199003032026211001", status="PPPK") == "TMT pada NIP (2026) ada di masa depan."


def test_format_nip_groups_the_parts():
    assert format_nip("198001012005011001") == "19800101 200501 1 001"


def test_format_nip_leaves_other_values_alone():
    assert format_nip("12345") == "12345"


@st.composite
def nip_parts(draw):
    birth = draw(st.dates(min_value=datetime.date(1940, 1, 1), max_value=datetime.date(2006, 12, 31)))
    year = draw(st.integers(min_value=birth.year + 18, max_value=TODAY.year))
    low = birth.month if year == birth.year + 18 else 1
    high = TODAY.month if year == TODAY.year else 12
    month = draw(st.integers(min_value=low, max_value=max(low, high)))
    gender = draw(st.sampled_from("12"))
    serial = draw(st.integers(min_value=1, max_value=999))
    return birth, year, month, gender, serial


@given(nip_parts())
def test_parse_nip_round_trips_valid_parts(parts):
    birth, year, month, gender, serial = parts
    if (year, month) > (TODAY.year, TODAY.month):
        return  # only when the 18th birthday month lies after TODAY's month in the same year
    nip = f"{birth:%Y%m%d}{year}{month:02d}{gender}{serial:03d}"

    info = parse_nip(nip, today=TODAY)

    assert info == NipInfo(nip, birth, year, month, {"1": "L", "2": "P"}[gender], serial)


@given(st.text(alphabet="0123456789", max_size=30).filter(lambda text: len(text) != 18))
def test_parse_nip_rejects_other_lengths(value):
    with pytest.raises(ValidationError):
        parse_nip(value, today=TODAY)


@given(st.text(max_size=25).filter(lambda text: not text.strip().isdigit()))
def test_parse_nip_rejects_non_digits(value):
    with pytest.raises(ValidationError):
        parse_nip(value, today=TODAY)

import io

import pytest
from openpyxl import Workbook

from core.tabular import ImportReport, TabularError, read_rows

pytestmark = pytest.mark.unit


def test_csv_rows_keep_line_numbers_and_normalise_headers():
    data = b"NIP;Nama Lengkap\n198001012005011001;Budi\n\n198001012005012002;Sari\n"

    rows = list(read_rows(io.BytesIO(data), "asn.csv"))

    assert rows == [
        (2, {"nip": "198001012005011001", "nama_lengkap": "Budi"}),
        (4, {"nip": "198001012005012002", "nama_lengkap": "Sari"}),
    ]


def test_xlsx_is_recognised_by_content_and_text_cells_stay_exact():
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["nip", "nama", "tahun"])
    sheet.append(["198001012005011001", "Budi", 2024])
    buffer = io.BytesIO()
    workbook.save(buffer)
    buffer.seek(0)

    rows = list(read_rows(buffer, "renamed.csv"))

    assert rows == [(2, {"nip": "198001012005011001", "nama": "Budi", "tahun": "2024"})]


def test_long_number_cells_are_not_silently_rounded():
    workbook = Workbook()
    workbook.active.append(["nip"])
    workbook.active.append([198001012005011001])  # typed as a number: the last digits are already gone
    buffer = io.BytesIO()
    workbook.save(buffer)
    buffer.seek(0)

    assert list(read_rows(buffer, "asn.xlsx")) == [(2, {"nip": "1.98001012005011E+17"})]


def test_non_utf8_csv_is_refused_with_a_message():
    with pytest.raises(TabularError, match="UTF-8"):
        list(read_rows(io.BytesIO("nip,nama\n1,Bud\xed\n".encode("latin-1")), "asn.csv"))


def test_fake_xlsx_is_refused():
    with pytest.raises(TabularError, match="XLSX"):
        list(read_rows(io.BytesIO(b"not a spreadsheet"), "asn.xlsx"))


def test_report_counts_rejected_lines_once():
    report = ImportReport(total_rows=3, created=1)
    report.add_error(2, "nip", "salah")
    report.add_error(2, "nama", "kosong")
    report.add_error(3, "nip", "salah")

    assert (report.rejected_lines, report.accepted) == (2, 1)
    assert report.errors_csv().splitlines()[1] == "2,nip,salah"

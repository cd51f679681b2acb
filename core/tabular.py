"""Reading CSV and XLSX uploads row by row, and the report every import returns.

Imports (ASN registry, candidates, later attendance lists) all read files through `read_rows()` and
answer with an `ImportReport`, so users meet one format of error everywhere: line, field, message.
"""

import csv
import io
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO

from django.utils.translation import gettext as _

CSV_SUFFIXES = {".csv", ".txt"}
XLSX_SUFFIXES = {".xlsx"}
XLSX_MAGIC = b"PK\x03\x04"


class TabularError(ValueError):
    """The file as a whole cannot be read (wrong type, encoding, no header). Message is for the user."""


@dataclass(frozen=True)
class RowError:
    line: int  # 1-based line (CSV) or row (XLSX) number as the user sees it in their program
    field: str
    message: str


@dataclass
class ImportReport:
    """What an import took and what it refused, row by row."""

    total_rows: int = 0
    created: int = 0
    updated: int = 0
    errors: list[RowError] = field(default_factory=list)

    @property
    def rejected_lines(self) -> int:
        return len({error.line for error in self.errors})

    @property
    def accepted(self) -> int:
        return self.created + self.updated

    def add_error(self, line: int, field_name: str, message: str) -> None:
        self.errors.append(RowError(line, field_name, message))

    def summary(self) -> str:
        return _("%(total)d baris dibaca: %(created)d baru, %(updated)d diperbarui, %(rejected)d ditolak.") % {
            "total": self.total_rows,
            "created": self.created,
            "updated": self.updated,
            "rejected": self.rejected_lines,
        }

    def errors_csv(self) -> str:
        """The rejected rows as CSV (baris, kolom, pesan), for download next to the summary."""
        buffer = io.StringIO()
        writer = csv.writer(buffer)
        writer.writerow(["baris", "kolom", "pesan"])
        writer.writerows((error.line, error.field, error.message) for error in self.errors)
        return buffer.getvalue()


def normalise_header(name: str | None) -> str:
    return (name or "").strip().lower().replace(" ", "_").replace("-", "_")


def read_rows(source: IO[bytes] | str | Path, file_name: str | None = None) -> Iterator[tuple[int, dict[str, str]]]:
    """Yield (line number, row) for each data row; keys are normalised headers, values stripped strings.

    The type is decided by content (XLSX is a ZIP file), with the file name only as a tie-breaker, so a
    renamed file is still read or refused correctly. Blank rows are skipped but keep their numbers.
    """
    if isinstance(source, str | Path):
        file_name = file_name or str(source)
        with open(source, "rb") as handle:
            yield from read_rows(handle, file_name)
        return
    head = source.read(4)
    source.seek(0)
    suffix = Path(file_name or "").suffix.lower()
    if head == XLSX_MAGIC:
        yield from _xlsx_rows(source)
    elif suffix in XLSX_SUFFIXES or suffix == ".xls":
        raise TabularError(_("Berkas bukan XLSX yang sah. Simpan ulang sebagai .xlsx atau .csv (UTF-8)."))
    elif suffix in CSV_SUFFIXES or not suffix:
        yield from _csv_rows(source)
    else:
        raise TabularError(_("Jenis berkas %(suffix)s tidak didukung; gunakan CSV atau XLSX.") % {"suffix": suffix})


def _csv_rows(source: IO[bytes]) -> Iterator[tuple[int, dict[str, str]]]:
    text = io.TextIOWrapper(source, encoding="utf-8-sig", newline="")
    try:
        sample = text.read(64_000)
    except UnicodeDecodeError as error:
        raise TabularError(_("Berkas CSV harus berenkode UTF-8.")) from error
    text.seek(0)
    try:
        dialect = csv.Sniffer().sniff(sample, delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    reader = csv.reader(text, dialect)
    try:
        header = [normalise_header(name) for name in next(reader)]
    except StopIteration:
        raise TabularError(_("Berkas kosong: baris judul kolom tidak ditemukan.")) from None
    except UnicodeDecodeError as error:
        raise TabularError(_("Berkas CSV harus berenkode UTF-8.")) from error
    try:
        for values in reader:
            if any(value.strip() for value in values):
                yield reader.line_num, _as_row(header, values)
    except UnicodeDecodeError as error:
        raise TabularError(
            _("Berkas CSV harus berenkode UTF-8 (baris %(line)d).") % {"line": reader.line_num}
        ) from error


def _xlsx_rows(source: IO[bytes]) -> Iterator[tuple[int, dict[str, str]]]:
    from openpyxl import load_workbook
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        workbook = load_workbook(source, read_only=True, data_only=True)
    except (InvalidFileException, KeyError, OSError, ValueError) as error:
        raise TabularError(_("Berkas XLSX rusak atau tidak dapat dibaca.")) from error
    try:
        rows = workbook.worksheets[0].iter_rows(values_only=True)
        try:
            header = [normalise_header(None if name is None else str(name)) for name in next(rows)]
        except StopIteration:
            raise TabularError(_("Berkas kosong: baris judul kolom tidak ditemukan.")) from None
        for number, values in enumerate(rows, start=2):
            cells = ["" if value is None else _cell_text(value) for value in values]
            if any(cells):
                yield number, _as_row(header, cells)
    finally:
        workbook.close()


def _cell_text(value) -> str:
    # A number cell holds a double: exact up to 2**53. Longer numbers (an 18-digit NIP typed as a number)
    # have already lost digits in the spreadsheet, so they come out as Excel shows them ("1.98001012005011E+17")
    # and fail validation instead of importing a wrong NIP.
    if isinstance(value, float) and value.is_integer():
        return str(int(value)) if abs(value) < 2**53 else f"{value:.15G}"
    if hasattr(value, "date") and hasattr(value, "hour"):
        return value.date().isoformat() if (value.hour, value.minute, value.second) == (0, 0, 0) else value.isoformat()
    return str(value).strip()


def _as_row(header: list[str], values: list[str]) -> dict[str, str]:
    return {name: value.strip() for name, value in zip(header, values, strict=False) if name}


def check_upload(upload, *, max_bytes: int) -> None:
    """Refuse an upload that is too large or is neither CSV (UTF-8 text) nor XLSX, judged by its content."""
    if upload.size > max_bytes:
        raise TabularError(
            _("Berkas terlalu besar (%(size)d MB); batasnya %(limit)d MB.")
            % {"size": upload.size // 1_048_576 + 1, "limit": max_bytes // 1_048_576}
        )
    head = upload.read(64_000)
    upload.seek(0)
    if head.startswith(XLSX_MAGIC):
        return
    if b"\x00" in head:
        raise TabularError(_("Berkas bukan CSV atau XLSX."))
    try:
        head.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        if error.start < len(head) - 4:  # a multi-byte character cut at the end of the sample is fine
            raise TabularError(_("Berkas CSV harus berenkode UTF-8.")) from error


def count_data_rows(source: IO[bytes]) -> int | None:
    """Data rows in a CSV (line count less the header) or XLSX (sheet dimension), for progress bars."""
    head = source.read(4)
    source.seek(0)
    if head == XLSX_MAGIC:
        from openpyxl import load_workbook

        workbook = load_workbook(source, read_only=True)
        rows = workbook.worksheets[0].max_row
        workbook.close()
        source.seek(0)
        return max(0, rows - 1) if rows else None
    lines = sum(chunk.count(b"\n") for chunk in iter(lambda: source.read(1 << 20), b""))
    source.seek(0)
    return max(0, lines - 1)

"""What every import command shares: finding the file and printing the report."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from core.tabular import ImportReport

SHOWN_ERRORS = 20


def existing_file(name: str) -> Path:
    path = Path(name)
    if not path.is_file():
        raise CommandError(f"Berkas {name} tidak ditemukan.")
    return path


def print_report(command: BaseCommand, report: ImportReport, errors_csv: str | None = None) -> None:
    """The summary, the first errors, and all errors to a CSV file when asked."""
    command.stdout.write(report.summary())
    for error in report.errors[:SHOWN_ERRORS]:
        command.stdout.write(f"  baris {error.line}, kolom {error.field or '-'}: {error.message}")
    if len(report.errors) > SHOWN_ERRORS:
        command.stdout.write(f"  … dan {len(report.errors) - SHOWN_ERRORS} kesalahan lain.")
    if errors_csv:
        Path(errors_csv).write_text(report.errors_csv(), encoding="utf-8")
        command.stdout.write(f"Semua kesalahan ditulis ke {errors_csv}.")

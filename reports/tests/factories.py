"""Submissions and images for report tests. Reports are made through the real service, never by hand."""

import datetime
import io

from PIL import Image

from reports.choices import Channel
from reports.services import Receipt, submit_report
from reports.submission import Reported, Reporter, Submission

DESCRIPTION = (
    "Pada 20 Oktober 2024 guru SDN 2 Rajabasa membagikan unggahan akun pemenangan pasangan calon wali kota "
    "di Instagram pribadinya dengan ajakan memilih nomor urut dua."
)


def reporter(**overrides) -> Reporter:
    values = {
        "name": "Siti Rahmawati",
        "address": "Jl. Teuku Umar No. 5, Kedaton, Bandar Lampung",
        "nik": "1871014506900002",
        "phone": "081234567890",
        "email": "siti@example.org",
    }
    return Reporter(**(values | overrides))


def submission(*, anonymous: bool = False, **overrides) -> Submission:
    values = {
        "reporter": None if anonymous else reporter(),
        "reported": Reported(
            name="Budi Santoso", nip="", agency="Dinas Pendidikan Kota Bandar Lampung", position="Guru"
        ),
        "act": "DSP-06",
        "act_other": "",
        "election": "pilkada-2024",
        "region": "18.71",
        "occurred_on": datetime.date(2024, 10, 20),
        "known_on": datetime.date(2024, 10, 21),
        "place": "Instagram",
        "description": DESCRIPTION,
        "witnesses": [],
        "links": [],
    }
    return Submission(**(values | overrides))


def submit(*, files=(), channel=Channel.WEB, **overrides) -> Receipt:
    return submit_report(submission=submission(**overrides), files=list(files), channel=channel)


def jpeg_with_gps(width: int = 64, height: int = 48) -> bytes:
    """A real JPEG whose EXIF carries a camera model and a GPS position (Bandar Lampung)."""
    image = Image.new("RGB", (width, height), (200, 30, 30))
    exif = Image.Exif()
    exif[0x0110] = "Kamera Uji"  # Model
    gps = exif.get_ifd(0x8825)
    gps.update({1: "S", 2: (5.0, 25.0, 46.0), 3: "E", 4: (105.0, 15.0, 48.0)})
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", exif=exif)
    return buffer.getvalue()

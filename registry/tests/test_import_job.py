"""Uploading a staff list in the browser: the import runs on the real database queue with a visible job."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse

from accounts.models import Role
from accounts.tests.factories import UserFactory, verified_client
from core.models import Job, JobState
from regions.tests.factories import regency
from registry.models import ASN
from registry.tests.factories import AgencyFactory

pytestmark = [pytest.mark.integration, pytest.mark.django_db(transaction=True)]

HEADER = "nip,nama,status,kode_instansi,kode_wilayah\n"


def _run_worker():
    call_command("db_worker", batch=True, no_startup_delay=True, verbosity=0)


def test_agency_hr_upload_is_imported_by_the_worker_with_row_errors_reported():
    agency = AgencyFactory(code="PEMKOT-1871", region=regency("18.71", "Kota Bandar Lampung"))
    other = AgencyFactory(code="PEMKOT-3273", region=regency("32.73", "Kota Bandung", "Jawa Barat"))
    client = verified_client(UserFactory(role=Role.AGENCY_HR, agency=agency))
    body = (
        HEADER
        + '198001012005011001,"Dr. H. Ahmad Fauzi, S.Pd., M.Si.",PNS,PEMKOT-1871,18.71\n'
        + f"198001012005011002,Budi Santoso,PNS,{other.code},32.73\n"
        + "12345,Sari,PNS,PEMKOT-1871,18.71\n"
    )
    upload = SimpleUploadedFile("pegawai.csv", body.encode(), content_type="text/csv")

    response = client.post(reverse("registry:asn_import"), {"file": upload})
    job = Job.objects.get()
    assert (response.status_code, response.url, job.state) == (302, f"/tugas/{job.pk}/", JobState.QUEUED)

    _run_worker()

    job.refresh_from_db()
    assert (job.state, job.progress_total, job.result["created"], job.result["rejected_lines"]) == (
        JobState.SUCCEEDED, 3, 1, 2,
    )  # fmt: skip
    assert list(ASN.objects.values_list("nip", "name", "front_title")) == [
        ("198001012005011001", "Ahmad Fauzi", "Dr. H.")
    ]
    assert [row[0] for row in job.result["errors"]] == [3, 4]
    page = client.get(reverse("core:job_detail", args=[job.pk])).content.decode()
    assert "1 baru" in page
    assert client.get(reverse("core:job_errors", args=[job.pk])).status_code == 200
    assert job.input_file.name == ""  # the uploaded personal data is not kept after the import


def test_non_tabular_upload_is_refused_before_queueing():
    agency = AgencyFactory(region=regency("18.71", "Kota Bandar Lampung"))
    client = verified_client(UserFactory(role=Role.AGENCY_HR, agency=agency))
    upload = SimpleUploadedFile("foto.csv", b"\x89PNG\r\n\x1a\n\x00\x00binary", content_type="text/csv")

    response = client.post(reverse("registry:asn_import"), {"file": upload})

    assert response.status_code == 200
    assert "Berkas bukan CSV atau XLSX." in response.content.decode()
    assert Job.objects.count() == 0


def test_oversized_upload_is_refused(settings):
    settings.IMPORT_MAX_UPLOAD_BYTES = 1_048_576
    client = verified_client(UserFactory(role=Role.ADMIN))
    upload = SimpleUploadedFile("besar.csv", HEADER.encode() + b"x" * 1_100_000, content_type="text/csv")

    response = client.post(reverse("registry:asn_import"), {"file": upload})

    assert "Berkas terlalu besar" in response.content.decode()
    assert Job.objects.count() == 0


def test_supervisors_cannot_import():
    client = verified_client(UserFactory(role=Role.BAWASLU))

    assert client.get(reverse("registry:asn_import")).status_code == 403

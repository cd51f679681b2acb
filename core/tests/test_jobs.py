import pytest
from django.core.files.base import ContentFile
from django.urls import reverse

from accounts.models import Role
from accounts.tests.factories import UserFactory, verified_client
from core import jobs
from core.models import Job, JobState

pytestmark = [pytest.mark.integration, pytest.mark.django_db]


def _job(user):
    return jobs.create_job(actor=user, kind="test.import", input_file=ContentFile(b"nip\n1\n"), input_name="a.csv")


def test_a_job_is_claimed_once():
    job = _job(UserFactory())

    first, second = jobs.claim_job(job.pk), jobs.claim_job(job.pk)

    assert (first.state, second) == (JobState.RUNNING, None)


def test_finishing_deletes_the_uploaded_input_and_keeps_the_errors():
    job = jobs.claim_job(_job(UserFactory()).pk)
    stored_input = job.input_file.name

    jobs.finish_job(job, summary="1 baris", result={"created": 1}, errors_csv="baris,kolom,pesan\n2,nip,salah\n")

    job.refresh_from_db()
    assert (job.state, job.input_file.name, job.input_file.storage.exists(stored_input)) == (
        JobState.SUCCEEDED, "", False,
    )  # fmt: skip
    assert job.error_file.read().decode().splitlines()[1] == "2,nip,salah"


def test_job_page_three_people():
    owner = UserFactory(role=Role.AGENCY_HR)
    job = _job(owner)
    url = reverse("core:job_detail", args=[job.pk])

    assert verified_client(owner).get(url).context["job"] == job
    assert verified_client(UserFactory(role=Role.ADMIN)).get(url).context["job"] == job
    assert verified_client(UserFactory(role=Role.BAWASLU)).get(url).status_code == 404


def test_job_page_polls_only_while_running():
    owner = UserFactory(role=Role.ADMIN)
    job = _job(owner)
    client = verified_client(owner)

    running = client.get(reverse("core:job_detail", args=[job.pk])).content.decode()
    Job.objects.filter(pk=job.pk).update(state=JobState.SUCCEEDED)
    finished = client.get(reverse("core:job_detail", args=[job.pk])).content.decode()

    assert ("hx-trigger" in running, "hx-trigger" in finished) == (True, False)

"""Long work that users wait for (imports, exports, scans) as visible jobs with progress.

A view creates a Job with `create_job` and enqueues the app's task on commit; the task claims the job with
`claim_job` (a conditional UPDATE, so two workers never run the same job), reports progress, and ends with
`finish_job` or `fail_job`. Pages poll the job's row.
"""

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from core import audit
from core.models import Job, JobState

OUTCOME_FIELDS = ["state", "summary", "result", "finished_at", "input_file"]


@transaction.atomic
def create_job(*, actor, kind: str, input_file, input_name: str, parameters: dict | None = None) -> Job:
    """Store the uploaded input and a queued job for it."""
    job = Job(kind=kind, created_by=actor, input_name=input_name[:200], parameters=parameters or {})
    job.input_file.save(input_name, input_file, save=False)
    job.save()
    audit.record(actor=actor, action=f"{kind}.queued", target=job, summary=input_name)
    return job


def claim_job(job_id) -> Job | None:
    """Move a queued job to running; None if another worker got it first or it is gone."""
    claimed = Job.objects.filter(pk=job_id, state=JobState.QUEUED).update(
        state=JobState.RUNNING, started_at=timezone.now()
    )
    return Job.objects.get(pk=job_id) if claimed else None


def report_progress(job: Job, done: int, total: int | None = None) -> None:
    fields = {"progress_done": done}
    if total is not None:
        fields["progress_total"] = total
    Job.objects.filter(pk=job.pk).update(**fields)


@transaction.atomic
def finish_job(job: Job, *, summary: str, result: dict, errors_csv: str = "") -> Job:
    """Record the outcome; the input (personal data) is deleted once it has been processed."""
    job.state = JobState.SUCCEEDED
    job.summary, job.result, job.finished_at = summary, result, timezone.now()
    if errors_csv:
        job.error_file.save(f"galat-{job.pk}.csv", ContentFile(errors_csv.encode()), save=False)
    _discard_input(job)
    job.save(update_fields=[*OUTCOME_FIELDS, "error_file"])  # progress columns are written by report_progress
    audit.record(actor=job.created_by, action=f"{job.kind}.finished", target=job, summary=summary)
    return job


@transaction.atomic
def fail_job(job: Job, *, message: str) -> Job:
    job.state, job.summary, job.finished_at = JobState.FAILED, message, timezone.now()
    _discard_input(job)
    job.save(update_fields=OUTCOME_FIELDS)
    audit.record(actor=job.created_by, action=f"{job.kind}.failed", target=job, summary=message)
    return job


def _discard_input(job: Job) -> None:
    if job.input_file:
        job.input_file.delete(save=False)

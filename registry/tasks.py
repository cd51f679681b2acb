"""Background tasks of the registry: thin wrappers that take ids and call the import service."""

import logging

from django.utils.translation import gettext as _
from django_tasks import task

from core import jobs
from core.tabular import TabularError, count_data_rows
from registry.importing import import_asn
from registry.models import Agency

logger = logging.getLogger(__name__)
MAX_ERRORS_SHOWN = 100


@task()
def run_asn_import(job_id: str) -> None:
    """Import the job's uploaded staff list; the job row carries progress and the outcome."""
    job = jobs.claim_job(job_id)
    if job is None:
        logger.info("ASN import job %s already taken or gone", job_id)
        return
    agency = Agency.objects.filter(pk=job.parameters.get("agency_id")).first()
    try:
        with job.input_file.open("rb") as upload:
            jobs.report_progress(job, 0, count_data_rows(upload))
            report = import_asn(
                upload,
                file_name=job.input_name,
                actor=job.created_by,
                agency=agency,
                progress=lambda done: jobs.report_progress(job, done),
            )
    except TabularError as error:
        jobs.fail_job(job, message=str(error))
        return
    except Exception:
        jobs.fail_job(job, message=_("Impor gagal karena kesalahan sistem; administrator telah diberi tahu."))
        raise
    errors = [(error.line, error.field, error.message) for error in report.errors[:MAX_ERRORS_SHOWN]]
    result = {
        "total_rows": report.total_rows,
        "created": report.created,
        "updated": report.updated,
        "rejected_lines": report.rejected_lines,
        "errors": errors,
        "errors_truncated": len(report.errors) > MAX_ERRORS_SHOWN,
    }
    jobs.finish_job(job, summary=report.summary(), result=result, errors_csv=report.errors_csv() if errors else "")

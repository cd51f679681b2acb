"""Background tasks of reports: thin wrappers that take ids and call services."""

import logging

from django_tasks import task

from reports import services
from reports.models import Report

logger = logging.getLogger(__name__)


@task()
def process_new_report(report_id: int) -> None:
    """Duplicate check and office notification for a newly submitted report."""
    report = Report.objects.filter(pk=report_id).first()
    if report is None:
        logger.info("Report %s is gone; nothing to process", report_id)
        return
    services.process_new_report(report)

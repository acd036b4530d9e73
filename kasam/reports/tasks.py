"""Reports are made in the background (ADR 006): the page queues one and shows its status; in the
demo the task runs in the same process, on production workers elsewhere."""

import logging

from django.utils import timezone, translation
from django_tasks import task

from kasam.reports.build import make_report
from kasam.reports.models import Report
from kasam.reports.released import NoRelease

logger = logging.getLogger(__name__)


@task()
def generate_report(report_id: int) -> str:
    report = Report.objects.get(pk=report_id)
    Report.objects.filter(pk=report_id).update(status=Report.Status.RUNNING)
    try:
        content = make_report(report.kind, report.year, report.format, report.language)
    except NoRelease as missing:  # said in the report's language, without a stack trace
        with translation.override(report.language):
            error = missing.translated()
        Report.objects.filter(pk=report_id).update(
            status=Report.Status.FAILED, error=error[:500], finished_at=timezone.now()
        )
        return "failed"
    except Exception as error:  # a failed report says so on the page; the log has the rest
        logger.exception("Report %s failed", report_id)
        Report.objects.filter(pk=report_id).update(
            status=Report.Status.FAILED, error=str(error)[:500], finished_at=timezone.now()
        )
        return "failed"
    Report.objects.filter(pk=report_id).update(
        status=Report.Status.DONE, content=content, finished_at=timezone.now()
    )
    return "done"

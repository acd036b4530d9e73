"""The reports page (MAKE_REPORTS: leadership, HR, the health strategist and the committee): ask for
a report, which is made in the background; the list of reports with their status; the download.
Both reports are the committee's view of the whole organisation, the same whoever asks, so only a
role with MAKE_REPORTS over the whole organisation (assigned over its root) makes them, lists them and
downloads them; one whose scope is a part of the organisation (leadership over one area) has no
report to make here. A download anyone else asks for – the report's ids are sequential – is "not
found", exactly like a report that does not exist."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import get_language, gettext
from django.views.decorators.http import require_GET, require_http_methods

from kasam.absence.released import year_release
from kasam.audit.models import AuditEntry, record
from kasam.org import access
from kasam.org.roles import Capability
from kasam.reports.build import CONTENT_TYPES
from kasam.reports.forms import ReportForm
from kasam.reports.models import Report
from kasam.reports.released import NoRelease
from kasam.reports.tasks import generate_report

LISTED = 20


def _may_make(user) -> None:
    if not access.covers_organisation(user, Capability.MAKE_REPORTS):
        raise PermissionDenied


@login_required
@require_http_methods(["GET", "POST"])
def reports(request):
    _may_make(request.user)
    form = ReportForm(request.POST or None)
    if request.method == "POST" and form.is_valid() and year_release(form.cleaned_data["year"]) is None:
        # Both reports read the year's release of sick leave (kasam.reports.released).
        form.add_error("year", NoRelease(form.cleaned_data["year"]).translated())
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        report = Report.objects.create(
            kind=data["kind"],
            year=data["year"],
            format=data["format"],
            language=(get_language() or "sv")[:2],
            requested_by=request.user,
        )
        transaction.on_commit(lambda: generate_report.enqueue(report.pk))
        messages.success(request, gettext("Your report is being made. It is in the list when it is ready."))
        return redirect(reverse("reports:list"))
    listed = list(Report.objects.defer("content")[:LISTED])
    waiting = any(r.status in (Report.Status.QUEUED, Report.Status.RUNNING) for r in listed)
    return render(request, "reports/list.html", {"form": form, "reports": listed, "waiting": waiting})


@login_required
@require_GET
def download(request, report_id: int):
    report = Report.objects.filter(pk=report_id, status=Report.Status.DONE).first()
    if report is None or not access.covers_organisation(request.user, Capability.MAKE_REPORTS):
        raise Http404
    # Every file that leaves Kasam is in the audit log.
    record(request.user, AuditEntry.Action.DOWNLOAD_REPORT, report=report.pk, file=report.filename)
    response = HttpResponse(bytes(report.content), content_type=CONTENT_TYPES[report.format])
    response["Content-Disposition"] = f'attachment; filename="{report.filename}"'
    return response

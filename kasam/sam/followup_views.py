"""The yearly follow-up page (/arbetsmiljo/uppfoljning/) and its tagged PDF (docs/definitions.md "The
yearly follow-up"): per unit, area and organisation, the rounds done of the units that should hold
one, the risks found, dealt with and in time, the actions overdue, and the work-environment tasks in
place and returned – with the units right below. Live for the roles with VIEW_WORK_ENVIRONMENT, over
their scope; from the latest release (or a released year picked) for the committee
(kasam.sam.followup_page)."""

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from kasam.audit.models import AuditEntry, record
from kasam.org.access import require_capability
from kasam.org.roles import Capability
from kasam.sam import pdf
from kasam.sam.followup_page import HEADERS, shown

CAPABILITY = Capability.VIEW_WORK_ENVIRONMENT_FOLLOWUP


@login_required
@require_GET
@require_capability(CAPABILITY)
def followup_page(request):
    found = shown(request.user, request.GET)
    query = request.GET.urlencode()
    return render(
        request,
        "sam/followup.html",
        {"shown": found, "headers": [str(HEADERS[name]) for name in HEADERS], "query": query},
    )


@login_required
@require_GET
@require_capability(CAPABILITY)
def followup_pdf(request):
    """The same follow-up as the page shows the viewer, as a tagged PDF; every file that leaves Kasam
    is in the audit log."""
    found = shown(request.user, request.GET)
    record(
        request.user,
        AuditEntry.Action.DOWNLOAD_REPORT,
        found.chosen or "",
        report="sam_followup",
        period=str(found.year or ""),
    )
    response = HttpResponse(pdf.followup_pdf(found), content_type="application/pdf")
    name = f"uppfoljning-arbetsmiljo-{found.year or 'ingen'}.pdf"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response

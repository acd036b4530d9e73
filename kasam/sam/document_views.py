"""The documents of the work-environment cycle (docs/definitions.md "The yearly follow-up"): a unit's
inspection pack (kasam.sam.pack, /arbetsmiljo/enheter/<unit>/inspektion/), for everyone with
VIEW_WORK_ENVIRONMENT over the unit, audited like every file that leaves Kasam; and the organisation's
routine documents (/arbetsmiljo/rutiner/): the policy, the routine against victimisation, the crisis
plan … as PDF files listed in every inspection pack. The health strategist and HR
(MANAGE_ROUTINE_DOCUMENTS) upload them with a title – at most 10 MB, a PDF by its first bytes – and
delete them; everyone with VIEW_WORK_ENVIRONMENT lists and downloads them. They are the organisation's
own documents, the same for every unit."""

import re

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext
from django.views.decorators.http import require_GET, require_http_methods

from kasam.audit.models import AuditEntry, record
from kasam.core.dates import today
from kasam.core.limits import accepts_upload
from kasam.org import access
from kasam.org.access import require_capability
from kasam.org.roles import Capability
from kasam.sam import pack as packs
from kasam.sam.access import get_readable_unit
from kasam.sam.forms import RoutineDocumentForm
from kasam.sam.models import RoutineDocument


def may_manage(user) -> bool:
    return access.can(user, Capability.MANAGE_ROUTINE_DOCUMENTS)


@accepts_upload(Capability.MANAGE_ROUTINE_DOCUMENTS)
@login_required
@require_http_methods(["GET", "POST"])
@require_capability(Capability.VIEW_WORK_ENVIRONMENT)
def documents(request):
    """The list; for the health strategist and HR the upload form too."""
    manage = may_manage(request.user)
    form = RoutineDocumentForm() if manage else None
    if request.method == "POST":
        if not manage:
            raise PermissionDenied
        form = RoutineDocumentForm(request.POST, request.FILES)
        if form.is_valid():
            RoutineDocument.objects.create(
                title=form.cleaned_data["title"],
                content=form.cleaned_data["file"],
                uploaded_by=request.user,
                uploaded_on=today(),
            )
            messages.success(request, gettext("The document is uploaded."))
            return redirect("sam:documents")
    listed = RoutineDocument.objects.defer("content").order_by("title", "pk")
    return render(request, "sam/documents.html", {"documents": listed, "form": form, "may_manage": manage})


def filename(document: RoutineDocument) -> str:
    """The download's name: the title in letters, digits and hyphens."""
    stem = re.sub(r"[^A-Za-z0-9]+", "-", document.title).strip("-").lower()
    return f"{stem or 'rutin'}.pdf"


@login_required
@require_GET
@require_capability(Capability.VIEW_WORK_ENVIRONMENT)
def document(request, document_id: int):
    found = get_object_or_404(RoutineDocument, pk=document_id)
    response = HttpResponse(bytes(found.content), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{filename(found)}"'
    return response


@login_required
@require_http_methods(["GET", "POST"])
@require_capability(Capability.MANAGE_ROUTINE_DOCUMENTS)
def document_delete(request, document_id: int):
    """Asks first (GET), then deletes (POST)."""
    found = get_object_or_404(RoutineDocument.objects.defer("content"), pk=document_id)
    if request.method == "POST":
        found.delete()
        messages.success(request, gettext("The document %(title)s is deleted.") % {"title": found.title})
        return redirect("sam:documents")
    return render(request, "sam/document_delete.html", {"document": found})


@login_required
@require_GET
def pack(request, unit_id: str):
    """The unit's inspection pack as a tagged PDF; "not found" outside one's scope."""
    unit = get_readable_unit(request.user, unit_id)
    day = today()
    name = packs.pack_filename(unit, day)
    content = packs.pack_pdf(unit, day)
    record(request.user, AuditEntry.Action.DOWNLOAD_REPORT, unit.pk, report="inspection_pack", file=name)
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response

"""The page of GDPR requests (HANDLE_PERSONAL_DATA): find a person by their HR id, see which tables
hold rows about them, and download everything as JSON (article 15). Both the look-up and the download
are written to the audit log. Erasure is the administrator's command (`kasam gdpr erase`)."""

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from kasam.audit.models import AuditEntry, record
from kasam.gdpr import person_export
from kasam.gdpr.access import get_person_for, sees_rehab_of
from kasam.org.access import require_capability
from kasam.org.roles import Capability


@login_required
@require_GET
@require_capability(Capability.HANDLE_PERSONAL_DATA)
def person(request):
    person_id = request.GET.get("person", "").strip()
    context = {"person_id": person_id, "found": None, "searched": []}
    if person_id:
        try:
            found = get_person_for(request.user, person_id)
        except Http404:
            found = None
        if found is not None:
            export = person_export.build_export(found, request.user)
            record(request.user, AuditEntry.Action.VIEW_PERSON_DATA, person_id=found.pk)
            context.update(
                found=found,
                searched=[s for s in export["searched"] if s["rows"]],
                # The same sentence for every person, case or not (kasam.gdpr.person_export).
                rehab_note=person_export.rehab_note(sees_rehab_of(request.user, found)),
            )
    return render(request, "gdpr/person.html", context)


@login_required
@require_GET
@require_capability(Capability.HANDLE_PERSONAL_DATA)
def export(request, person_id: str):
    found = get_person_for(request.user, person_id)
    text = person_export.dumps(person_export.build_export(found, request.user))
    record(request.user, AuditEntry.Action.EXPORT_PERSON, person_id=found.pk)
    response = HttpResponse(text, content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{person_export.filename(found)}"'
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response

"""The survey import page (IMPORT_DATA: HR and the health strategist; others are refused outright, as
on the organisation's import page). The same checks and messages as `kasam survey import`."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.views.decorators.http import require_http_methods

from kasam.core.dates import today
from kasam.core.limits import accepts_upload
from kasam.org.access import require_capability
from kasam.org.roles import Capability
from kasam.survey.actions import import_survey as run_import
from kasam.survey.forms import SurveyImportForm

MAX_MESSAGES = 500


@accepts_upload(Capability.IMPORT_DATA)
@login_required
@require_http_methods(["GET", "POST"])
@require_capability(Capability.IMPORT_DATA)
def import_survey(request):
    result = None
    form = SurveyImportForm(request.POST or None, request.FILES or None, initial={"year": today().year})
    if request.method == "POST" and form.is_valid():
        upload, data = form.cleaned_data["file"], form.cleaned_data
        result = run_import(
            upload.read(),
            upload.name,
            name=data["name"],
            year=data["year"],
            layout=data["format"],
            mapping=data["mapping"],
            dry_run=data["dry_run"],
            user=request.user,
        )
    return render(request, "survey/import.html", {"form": form, "result": result, "max": MAX_MESSAGES})

"""Planning the next workplace meeting (kasam.dialogs.meetings): for those who record dialogs, over the
units they record for."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.formats import date_format
from django.utils.translation import gettext
from django.views.decorators.http import require_http_methods

from kasam.dialogs import meetings
from kasam.dialogs.forms import MeetingForm
from kasam.dialogs.models import Programme
from kasam.dialogs.record_views import units_for_recording


@login_required
@require_http_methods(["GET", "POST"])
def plan_meeting(request):
    units = units_for_recording(request.user)
    programmes = Programme.objects.filter(in_use=True).prefetch_related("themes")
    form = MeetingForm(
        request.POST or None,
        units=units,
        programmes=programmes,
        user=request.user,
        initial={"unit": request.GET.get("enhet")},
    )
    if request.method == "POST" and form.is_valid():
        meeting = meetings.plan_meeting(
            form.cleaned_data["unit"],
            form.cleaned_data["held_on"],
            form.cleaned_data["theme"],
            form.leader(),
            request.user,
        )
        messages.success(
            request,
            gettext(
                "The workplace meeting on %(date)s is planned: %(theme)s. "
                "It now shows on the employees' page."
            )
            % {"date": date_format(meeting.held_on, "j F"), "theme": meeting.theme.title},
        )
        return redirect("plans:unit", unit_id=meeting.unit_id)
    return render(request, "dialogs/plan_meeting.html", {"form": form})

"""Recording a dialog (with the actions the group agreed on) and a group's own evaluation (DFU): for
those who run dialogs (RUN_DIALOGS), over the units of their scope; others are refused outright."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext
from django.views.decorators.http import require_http_methods

from kasam.dialogs import access, meetings
from kasam.dialogs.actions import DialogInput, record_dialog, record_evaluation
from kasam.dialogs.forms import ActionFormSet, DialogForm, EvaluationForm
from kasam.dialogs.models import Programme
from kasam.dialogs.views import get_programme
from kasam.plans import access as plan_access


def units_for_recording(user):
    if not access.can_record(user):
        raise PermissionDenied
    return access.recordable_units(user)


@login_required
@require_http_methods(["GET", "POST"])
def record(request):
    units = units_for_recording(request.user)
    programmes = Programme.objects.filter(in_use=True).prefetch_related("themes")
    # From the facilitator's last screen of a planned meeting: its unit, theme and leader filled in.
    meeting = meetings.plannable(request.user, request.POST.get("mote") or request.GET.get("mote"))
    initial = {"unit": request.GET.get("enhet"), "subject": request.GET.get("amne")}
    if meeting is not None:
        initial.update(unit=meeting.unit_id, subject=f"t{meeting.theme_id}")
        if meeting.facilitator_id and meeting.facilitator_id != request.user.pk:
            initial["led_by"] = str(meeting.facilitator_id)
    form = DialogForm(
        request.POST or None, units=units, programmes=programmes, user=request.user, initial=initial
    )
    actions = ActionFormSet(request.POST or None, prefix="action")
    if request.method == "POST" and form.is_valid() and actions.is_valid():
        programme, theme = form.cleaned_data["subject"]
        dialog = DialogInput(
            unit=form.chosen_unit(),
            programme=programme,
            theme=theme,
            held_on=form.cleaned_data["held_on"],
            participants=form.cleaned_data["participants"],
            reflections=form.cleaned_data["reflections"],
        )
        agreed = [action.cleaned_data for action in actions if action.cleaned_data]
        saved = record_dialog(dialog, agreed, request.user, led_by=form.leader())
        if meeting is not None and meeting.unit_id == saved.unit_id:
            meetings.register(meeting, saved)
        text = gettext("The dialog has been recorded.")
        if agreed:
            text += " " + gettext("%(n)s agreed actions are now activities in the unit's health plan.") % {
                "n": len(agreed)
            }
        messages.success(request, text)
        # Back to the unit's plan, where the agreed actions now are; the reach page for one who cannot
        # read it.
        if plan_access.readable_units(request.user).filter(pk=saved.unit_id).exists():
            return redirect("plans:unit", unit_id=saved.unit_id)
        return redirect(reverse("dialogs:unit-reach", kwargs={"unit_id": saved.unit_id}))
    context = {"form": form, "actions": actions, "meeting": meeting}
    return render(request, "dialogs/record.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def evaluate(request, slug: str):
    units = units_for_recording(request.user)
    programme = get_programme(slug, request.user)
    form = EvaluationForm(request.POST or None, units=units, initial={"unit": request.GET.get("enhet")})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        record_evaluation(
            form.chosen_unit(),
            programme,
            data["written_on"],
            data["participants"],
            form.answers(),
            request.user,
        )
        messages.success(request, gettext("Your evaluation has been saved with the programme."))
        return redirect(reverse("dialogs:programme", kwargs={"slug": programme.slug}) + "#evaluations")
    return render(request, "dialogs/evaluate.html", {"form": form, "programme": programme})

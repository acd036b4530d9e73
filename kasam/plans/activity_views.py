"""Activities of a plan: add, edit, follow up with a reflection, change status. Only the unit's
editors (EDIT_HEALTH_PLAN); everyone else is answered "not found" (kasam.plans.access).

"Try again" in Kolb's cycle: after a follow-up the plan offers "Plan the next step", a new activity
in the same area whose "why" starts from the follow-up (`?next_after=<activity id>`)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext
from django.views.decorators.http import require_http_methods, require_POST

from kasam.core.dates import today
from kasam.plans import actions
from kasam.plans.forms import SIX_PARTS, ActivityForm, FollowUpForm, StatusForm
from kasam.plans.lookup import editable_activity, editable_plan
from kasam.plans.models import Activity


def _plan_url(activity: Activity) -> str:
    url = reverse("plans:plan", kwargs={"unit_id": activity.plan.unit_id, "year": activity.plan.year})
    return f"{url}#activity-{activity.pk}"


def _errors(form) -> list[tuple[str, str]]:
    """(field id, message) for the error summary, in the form's order."""
    return [(form[name].id_for_label, error) for name in form.fields for error in form.errors.get(name, [])]


def _initial(plan, request) -> tuple[dict, bool]:
    """The form's initial values from the address (`?area=`, `?next_after=`), and whether `?area=`
    named something that is not one of the plan's areas (a form error, never a 500)."""
    initial: dict = {}
    area = request.GET.get("area")
    unknown_area = bool(area) and not (area.isdigit() and plan.areas.filter(pk=int(area)).exists())
    if area and not unknown_area:
        initial["area"] = area
    previous_id = request.GET.get("next_after")
    previous = (
        plan.activities.filter(pk=previous_id).first() if previous_id and previous_id.isdigit() else None
    )
    if previous is not None:
        initial["area"] = previous.area_id
        initial["why"] = gettext("We continue after following up “%(what)s”.") % {"what": previous.what}
        initial["tracked_statement"] = previous.tracked_statement
    return initial, unknown_area


@login_required
@require_http_methods(["GET", "POST"])
def activity_new(request, unit_id: str, year: int):
    unit, plan = editable_plan(request.user, unit_id, year)
    initial, unknown_area = _initial(plan, request)
    form = ActivityForm(request.POST or None, plan=plan, initial=initial)
    if request.method == "POST" and form.is_valid():
        activity = form.save(commit=False)
        activity.plan = plan
        activity.save()
        messages.success(
            request, gettext("The activity “%(what)s” has been added.") % {"what": activity.what}
        )
        return redirect(_plan_url(activity))
    errors = _errors(form)
    if unknown_area and request.method == "GET":
        text = gettext("The area in the web address is not one of this plan’s areas. Choose an area below.")
        errors.append((form["area"].id_for_label, text))
    context = {"form": form, "unit": unit, "plan": plan, "activity": None, "errors": errors}
    return render(request, "plans/activity_form.html", context | {"six_parts": SIX_PARTS})


@login_required
@require_http_methods(["GET", "POST"])
def activity_edit(request, unit_id: str, year: int, activity_id: int):
    activity = editable_activity(request.user, unit_id, year, activity_id)
    form = ActivityForm(request.POST or None, instance=activity, plan=activity.plan)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(
            request, gettext("The activity “%(what)s” has been saved.") % {"what": activity.what}
        )
        return redirect(_plan_url(activity))
    context = {
        "form": form,
        "unit": activity.plan.unit,
        "plan": activity.plan,
        "activity": activity,
        "errors": _errors(form),
        "six_parts": SIX_PARTS,
    }
    return render(request, "plans/activity_form.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def activity_follow_up(request, unit_id: str, year: int, activity_id: int):
    """Mark the activity followed up, with the team's reflection; it is then done."""
    activity = editable_activity(request.user, unit_id, year, activity_id)
    initial = {"followed_up_on": activity.followed_up_on or today(), "reflection": activity.reflection}
    form = FollowUpForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        actions.follow_up(activity, form.cleaned_data["followed_up_on"], form.cleaned_data["reflection"])
        messages.success(
            request, gettext("The activity “%(what)s” has been followed up.") % {"what": activity.what}
        )
        return redirect(_plan_url(activity))
    context = {
        "form": form,
        "unit": activity.plan.unit,
        "plan": activity.plan,
        "activity": activity,
        "errors": _errors(form),
    }
    return render(request, "plans/follow_up_form.html", context)


@login_required
@require_POST
def activity_status(request, unit_id: str, year: int, activity_id: int):
    activity = editable_activity(request.user, unit_id, year, activity_id)
    form = StatusForm(request.POST)
    if form.is_valid():
        activity.status = form.cleaned_data["status"]
        activity.save(update_fields=["status"])
        messages.success(
            request,
            gettext("“%(what)s” is now %(status)s.")
            % {"what": activity.what, "status": activity.get_status_display()},
        )
    else:
        messages.error(request, gettext("Choose a status from the list."))
    return redirect(_plan_url(activity))


@login_required
@require_POST
def activity_share(request, unit_id: str, year: int, activity_id: int):
    """Offer a done activity as the unit's good example for the health column, or take the offer back."""
    activity = editable_activity(request.user, unit_id, year, activity_id)
    if request.POST.get("share") == "yes" and activity.status == Activity.Status.DONE:
        activity.shared_on = today()
        text = gettext("“%(what)s” is offered as a good example for the health column.")
    else:
        activity.shared_on = None
        text = gettext("“%(what)s” is no longer offered for the health column.")
    activity.save(update_fields=["shared_on"])
    messages.success(request, text % {"what": activity.what})
    return redirect(_plan_url(activity))

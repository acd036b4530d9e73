"""Strengths to keep and areas to strengthen in a plan: add, edit, remove, and the one-click area to
strengthen from a source (a survey gap or a weak health factor). Only the unit's editors
(EDIT_HEALTH_PLAN); everyone else is answered "not found" (kasam.plans.access)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponseBadRequest
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext
from django.views.decorators.http import require_http_methods, require_POST

from kasam.plans import access, actions
from kasam.plans.factors import factor_label
from kasam.plans.forms import AreaForm, FromSourceForm
from kasam.plans.lookup import check_year, editable_area, editable_plan
from kasam.plans.models import PlanArea


def _errors(form) -> list[tuple[str, str]]:
    """(element id, message) for the error summary; the kind's radio buttons are one fieldset."""
    return [
        ("kind-choices" if name == "kind" else form[name].id_for_label, error)
        for name in form.fields
        for error in form.errors.get(name, [])
    ]


def _plan_url(area: PlanArea) -> str:
    url = reverse("plans:plan", kwargs={"unit_id": area.plan.unit_id, "year": area.plan.year})
    return f"{url}#area-{area.pk}"


@login_required
@require_http_methods(["GET", "POST"])
def area_new(request, unit_id: str, year: int):
    unit, plan = editable_plan(request.user, unit_id, year)
    kind = request.GET.get("kind")
    initial = {"kind": kind} if kind in PlanArea.Kind.values else {}
    form = AreaForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        area = form.save(commit=False)
        area.plan = plan
        area.save()
        messages.success(request, gettext("“%(title)s” has been added to the plan.") % {"title": area.title})
        return redirect(_plan_url(area))
    context = {"form": form, "unit": unit, "plan": plan, "area": None, "errors": _errors(form)}
    return render(request, "plans/area_form.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def area_edit(request, unit_id: str, year: int, area_id: int):
    area = editable_area(request.user, unit_id, year, area_id)
    form = AreaForm(request.POST or None, instance=area)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, gettext("“%(title)s” has been saved.") % {"title": area.title})
        return redirect(_plan_url(area))
    context = {"form": form, "unit": area.plan.unit, "plan": area.plan, "area": area, "errors": _errors(form)}
    return render(request, "plans/area_form.html", context)


@login_required
@require_POST
def area_delete(request, unit_id: str, year: int, area_id: int):
    """Remove an area; its activities stay in the plan, without an area."""
    area = editable_area(request.user, unit_id, year, area_id)
    area.delete()
    messages.success(request, gettext("“%(title)s” has been removed from the plan.") % {"title": area.title})
    return redirect("plans:plan", unit_id=unit_id, year=year)


@login_required
@require_POST
def area_from_source(request, unit_id: str, year: int):
    """One click: `source` (survey | health_factor), `ref` (the survey item id or the factor key) and
    `title` become an area to strengthen in the unit's plan for the year; the plan (with its snapshot)
    is made first when missing. A second click finds the area already there. A health factor's title
    defaults to the factor's name."""
    unit = access.get_editable_unit(request.user, unit_id)
    form = FromSourceForm(request.POST)
    if not form.is_valid():
        return HttpResponseBadRequest(gettext("The request was not complete."))
    source, ref, title = form.cleaned_data["source"], form.cleaned_data["ref"], form.cleaned_data["title"]
    if source == PlanArea.Source.HEALTH_FACTOR:
        title = title or factor_label(ref)
    if not title:
        return HttpResponseBadRequest(gettext("The request was not complete."))
    try:
        area, created = actions.area_from_source(unit, check_year(year), source, ref, title, request.user)
    except actions.PlanYearError:
        messages.error(request, gettext("A plan can be made for this year and next year."))
        return redirect("plans:plan", unit_id=unit.pk, year=year)
    except ValueError:
        return HttpResponseBadRequest(gettext("The request was not complete."))
    if created:
        messages.success(
            request, gettext("“%(title)s” is now an area to strengthen in the plan.") % {"title": area.title}
        )
    else:
        messages.info(request, gettext("“%(title)s” is already in the plan.") % {"title": area.title})
    return redirect(_plan_url(area))

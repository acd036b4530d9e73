"""The unit's health factors: its joint ratings over time, its strengths and what it chooses to
strengthen (readers: VIEW_HEALTH_PLAN), and recording a new rating (editors: EDIT_HEALTH_PLAN).
A factor marked "strengthen" in the latest rating gets a one-click button that makes it an area to
strengthen in this year's plan (kasam.plans.area_views.area_from_source)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext
from django.views.decorators.http import require_GET, require_http_methods

from kasam.core.dates import today
from kasam.plans import access, factors
from kasam.plans.forms import RatingForm
from kasam.plans.models import FactorScore, HealthPlan, PlanArea


@login_required
@require_GET
def factors_page(request, unit_id: str):
    unit = access.get_readable_unit(request.user, unit_id)
    all_ratings = factors.ratings(unit)
    year = today().year
    plan = HealthPlan.objects.filter(unit=unit, year=year).first()
    in_plan = (
        dict(
            plan.areas.filter(
                source=PlanArea.Source.HEALTH_FACTOR, kind=PlanArea.Kind.STRENGTHEN
            ).values_list("source_ref", "pk")
        )
        if plan
        else {}
    )
    context = {
        "unit": unit,
        "ratings": all_ratings,
        "year": year,
        "plan": plan,
        "can_edit": access.can_edit(request.user, unit),
        "latest": None,
    }
    if all_ratings:
        latest = all_ratings[-1]
        previous = all_ratings[-2] if len(all_ratings) > 1 else None
        rows = factors.rows(latest, previous)
        context.update(
            latest=latest,
            rows=rows,
            strengths=[r for r in rows if r.choice == FactorScore.Choice.KEEP],
            to_strengthen=[
                (r, in_plan.get(r.key)) for r in rows if r.choice == FactorScore.Choice.STRENGTHEN
            ],
            history_chart=factors.history_chart(all_ratings),
            earlier=[(r, factors.rows(r)) for r in reversed(all_ratings[:-1])],
        )
    return render(request, "plans/factors.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def rating_new(request, unit_id: str):
    unit = access.get_editable_unit(request.user, unit_id)
    form = RatingForm(request.POST or None, unit=unit)
    if request.method == "POST" and form.is_valid():
        factors.record_rating(unit, form.cleaned_data["rated_on"], form.entries(), request.user)
        messages.success(request, gettext("Your rating has been saved."))
        return redirect("plans:factors", unit_id=unit.pk)
    errors = []
    if form.errors:
        for error in form.errors.get("rated_on", []):
            errors.append(("id_rated_on", error))
        for factor, score, note, choice in form.factor_fields():
            for field in (score, note, choice):
                for error in field.errors:
                    errors.append((f"factor-{factor.value}", error))
    return render(request, "plans/rating_form.html", {"form": form, "unit": unit, "errors": errors})

"""The economics page (the sick-leave scope, VIEW_SICK_LEAVE): budget, outcome and deviation per
year, overtime and substitute costs, and the cost of sick leave with the cost model beside every
estimate; the cost model's form for HR and the health strategist (MANAGE_COST_MODEL)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext
from django.views.decorators.http import require_GET, require_http_methods

from kasam.absence.pages import release_note
from kasam.absence.series import GENERATION as SERIES
from kasam.core import charts, generations
from kasam.economy import figures, stored
from kasam.economy.forms import CostModelForm
from kasam.economy.models import CostModel
from kasam.org import access
from kasam.org.access import require_capability
from kasam.org.models import Unit
from kasam.org.roles import Capability
from kasam.org.stats import ORG

COST_ROWS = 50


def deviation_chart(rows: list[figures.BudgetRow]):
    if not rows:
        return None
    return charts.bar_chart(
        [{"year": str(row.year), "deviation": row.deviation / 1000} for row in rows],
        x="year",
        y="deviation",
        title=gettext("Deviation from the budget per year, million SEK"),
        y_title=gettext("Budget − outcome (MSEK)"),
        x_title=gettext("Year"),
        description=gettext("Above zero: less was spent than budgeted. Below zero: an overspend."),
        percent=False,
        decimals=1,
        chart_id="deviation-chart",
    )


def costs_chart(totals: dict[int, tuple[float, float]]):
    if not totals:
        return None
    rows = [
        {"year": str(year), "kind": label, "msek": value / 1_000_000}
        for year, (overtime, substitute) in totals.items()
        for label, value in ((gettext("Overtime"), overtime), (gettext("Substitutes"), substitute))
    ]
    return charts.line_chart(
        rows,
        x="year",
        y="msek",
        series="kind",
        title=gettext("Overtime and substitute costs per year, million SEK"),
        y_title=gettext("MSEK"),
        x_title=gettext("Year"),
        percent=False,
        decimals=1,
        chart_id="costs-chart",
    )


@login_required
@require_GET
@require_capability(Capability.VIEW_SICK_LEAVE)
def overview(request):
    viewer = request.viewer
    scope = viewer.sick_leave_units
    top = list(scope.exclude(parent__in=scope).order_by("path"))
    budget_units = figures.budget_units()
    chosen = request.GET.get("enhet")
    budget_unit = next((u for u in budget_units if u.pk == chosen), budget_units[0] if budget_units else None)
    rows = figures.budget_rows(budget_unit.pk) if budget_unit else []
    # The sum over a whole organisation's monthly costs takes half a second: kept until costs are
    # imported or the tree changes (kasam.core.generations).
    yearly = (
        generations.cached(
            (stored.GENERATION, ORG), ("yearly-costs", top[0].pk), lambda: figures.yearly_costs(top[0])
        )
        if top
        else {}
    )
    # A viewer who sees the scope only through releases is told which release the costs are from.
    released_only = viewer.sick_leave_released_only(viewer.sick_leave_unit_ids)
    if released_only:
        costs = figures.sick_leave_costs(viewer)
    else:  # the same for viewers with the same roles over the same units, until the figures change
        costs = generations.cached(
            (stored.GENERATION, SERIES, ORG),
            ("sick-leave-costs", viewer.cache_key, figures.cost_settings()),  # also a model saved elsewhere
            lambda: figures.sick_leave_costs(viewer),
        )
    note = release_note(costs.release if costs else None) if released_only else {}
    cost_rows = []
    if costs:
        first = [pk for pk in scope.order_by("path").values_list("pk", flat=True) if pk in costs.costs]
        units = Unit.objects.in_bulk(first[:COST_ROWS])
        cost_rows = [(units[pk], costs.costs[pk]) for pk in first[:COST_ROWS]]
    return render(
        request,
        "economy/overview.html",
        {
            "budget_units": budget_units,
            "budget_unit": budget_unit,
            "budget_rows": rows,
            "deviation_chart": deviation_chart(rows),
            "costs_unit": top[0] if top else None,
            "yearly_costs": yearly,
            "costs_chart": costs_chart(yearly),
            "sick_costs": costs,
            "cost_rows": cost_rows,
            "can_edit_model": access.can(request.user, Capability.MANAGE_COST_MODEL),
            "released_only": released_only,
            **note,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
@require_capability(Capability.MANAGE_COST_MODEL)
def cost_model(request):
    form = CostModelForm(request.POST or None, instance=CostModel.current())
    if request.method == "POST" and form.is_valid():
        model = form.save(commit=False)
        model.updated_by = request.user
        with transaction.atomic():
            model.save()
            stored.refresh()  # the stored cost of sick leave, with the new model
        messages.success(request, gettext("The cost model has been saved. Every estimate now uses it."))
        return redirect(reverse("economy:overview") + "#sick-leave-cost")
    return render(request, "economy/cost_model.html", {"form": form})

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
from kasam.core import charts, generations
from kasam.economy import figures, stored
from kasam.economy.forms import CostModelForm
from kasam.economy.models import CostModel
from kasam.org import access
from kasam.org.access import require_capability
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
    scope = list(viewer.sick_leave_units.order_by("path"))
    ids = {u.pk for u in scope}
    top = [u for u in scope if u.parent_id not in ids]
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
    costs = figures.sick_leave_costs(viewer)
    # A viewer who sees the scope only through releases is told which release the costs are from.
    released_only = viewer.sick_leave_released_only(u.pk for u in scope)
    note = release_note(costs.release if costs else None) if released_only else {}
    cost_rows = []
    if costs:
        cost_rows = sorted(
            ((unit, costs.costs[unit.pk]) for unit in scope if unit.pk in costs.costs),
            key=lambda pair: pair[0].path,
        )[:COST_ROWS]
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

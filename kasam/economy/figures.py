"""The economics a viewer sees: the budget table, overtime and substitute costs, and the cost of sick
leave with the cost model beside it. Computations are kasam.metrics.economics; this module loads the
data and applies the sick-leave rules of who sees what.

- Budget and outcome are the organisation's published economy: shown to everyone who sees
  economics, the deviation computed as budget − outcome beside the one the source reported.
- Overtime and substitute costs, and the cost of sick leave, follow the sick-leave scope
  (VIEW_SICK_LEAVE): a unit's cost of sick leave is its sick leave in money, so the committee sees it
  only for units the sick-leave disclosure gate shows for the period (the organisation always).
- The period of the cost of sick leave is the stored rolling 12 months (or a stored calendar year).
- A viewer who sees some units only through releases (the committee) sees the cost of sick leave
  of those units only from the latest release (docs/anonymity.md "Sick leave"): each shown unit's
  stored cost, beside the cost model the release was made with. A viewer who sees every unit of the
  scope that way reads the release alone; a viewer who sees some units unsuppressed reads those
  live and is shown none of the others, so that one table never mixes two periods.
"""

from dataclasses import dataclass
from datetime import date

from django.db.models import Sum
from django.db.models.functions import ExtractYear

from kasam.absence import figures as sick_figures
from kasam.absence.frames import load_frames
from kasam.absence.released import SickLeaveRelease
from kasam.economy.models import Budget, CostModel, MonthlyCost, UnitSalary, UnitSickLeaveCost
from kasam.metrics import economics
from kasam.metrics.frames import Frames
from kasam.org.models import Unit


@dataclass(frozen=True)
class BudgetRow:
    unit: str
    year: int
    period_end: date
    budget: float
    outcome: float
    deviation: float
    reported: float | None
    savings_requirement: float | None

    @property
    def part_year(self) -> bool:
        return (self.period_end.month, self.period_end.day) != (12, 31)


def budget_rows(unit_id: str | None = None) -> list[BudgetRow]:
    """The budget table of a unit (the organisation's root unit when None), oldest year first."""
    if unit_id is None:
        unit_id = Unit.objects.filter(parent__isnull=True).values_list("pk", flat=True).first()
    return [
        BudgetRow(
            b.unit_id,
            b.year,
            b.period_end,
            float(b.budget_tkr),
            float(b.outcome_tkr),
            economics.deviation(float(b.budget_tkr), float(b.outcome_tkr)),
            None if b.reported_deviation_tkr is None else float(b.reported_deviation_tkr),
            None if b.savings_requirement_tkr is None else float(b.savings_requirement_tkr),
        )
        for b in Budget.objects.filter(unit_id=unit_id).order_by("year")
    ]


def budget_units() -> list[Unit]:
    """The units (areas, the organisation) that have a budget."""
    return list(Unit.objects.filter(pk__in=Budget.objects.values("unit_id")).order_by("path"))


def yearly_costs(unit: Unit) -> dict[int, tuple[float, float]]:
    """The unit's (its subtree's) overtime and substitute costs per year, SEK: one grouped query."""
    rows = (
        MonthlyCost.objects.filter(unit__path__startswith=unit.path)
        .annotate(year=ExtractYear("month"))
        .values("year")
        .annotate(overtime=Sum("overtime_sek"), substitute=Sum("substitute_sek"))
        .order_by("year")
    )
    return {row["year"]: (float(row["overtime"]), float(row["substitute"])) for row in rows}


def cost_settings() -> economics.CostSettings:
    model = CostModel.current()
    return economics.CostSettings(
        short_factor=float(model.short_factor_pct) / 100,
        mid_factor=float(model.mid_factor_pct) / 100,
        default_salary=float(model.default_salary_sek),
    )


@dataclass
class SickLeaveCosts:
    period: tuple[date, date]
    settings: economics.CostSettings
    costs: dict[str, economics.UnitCost]  # only the units the viewer may see in money
    hidden: int  # units in scope whose cost the gate withholds
    release: SickLeaveRelease | None = None  # the release the costs are from; None: live


def all_costs(
    period: tuple[date, date], settings: economics.CostSettings | None = None, frames: Frames | None = None
) -> dict[str, economics.UnitCost]:
    """Every unit's cost of sick leave for the period, before any rule of who sees what; a unit's days
    count to the parent it had on each of them (the tree's history). With the current cost model
    unless `settings` are given; from `frames` when the caller has loaded them (sick rows suffice)."""
    units = dict(Unit.objects.values_list("pk", "parent_id"))
    frames = frames or load_frames(sick_only=True)
    own = economics.own_sick_days(frames.employments, frames.absences, *period, tree=frames.tree)
    salaries = {
        unit: float(salary)
        for unit, salary in UnitSalary.objects.values_list("unit_id", "monthly_salary_sek")
    }
    return economics.sick_leave_costs(own, units, salaries, settings or cost_settings(), tree=frames.tree)


def sick_leave_costs(viewer, period: tuple[date, date] | None = None) -> SickLeaveCosts | None:
    """The cost of sick leave of the units in the viewer's (kasam.anonymity.viewer) sick-leave scope
    for the period (the latest stored rolling 12 months by default); None when there are no stored
    figures – or, for a viewer who sees the scope only through releases, the latest release's (None
    before the first)."""
    scope = set(viewer.sick_leave_unit_ids)
    ungated = viewer.live_sick_leave_ids & scope
    if viewer.sick_leave_released_only(scope):
        release = viewer.latest_sick_leave_release
        return None if release is None else released_costs(release, scope)
    period = period or sick_figures.latest_rolling_period()
    if period is None:
        return None
    settings = cost_settings()
    shown = stored_costs(period, settings, ungated)
    if shown is None:  # nothing stored for this period and cost model: computed live
        shown = {unit: cost for unit, cost in all_costs(period, settings).items() if unit in ungated}
    return SickLeaveCosts(period, settings, shown, len(scope) - len(shown))


# Above this many units the stored rows of the period are read whole and filtered here, not named in
# the query (SQLite limits a query's parameters).
NAMED_UNITS = 500


def stored_costs(
    period: tuple[date, date], settings: economics.CostSettings, units: set[str]
) -> dict[str, economics.UnitCost] | None:
    """The stored costs (kasam.economy.stored) of `units` for the period, computed with `settings`;
    None when none are stored for the period with that cost model."""
    rows = UnitSickLeaveCost.objects.filter(
        start=period[0],
        end=period[1],
        short_factor=settings.short_factor,
        mid_factor=settings.mid_factor,
        default_salary=settings.default_salary,
    )
    if not rows.exists():
        return None
    if len(units) <= NAMED_UNITS:
        rows = rows.filter(unit_id__in=units)
    fields = ("salary", "short_days", "mid_days", "cost_short", "cost_mid", "worth_one_point")
    found = {}
    for unit, *values, pct in rows.values_list("unit_id", *fields, "sick_leave_pct"):
        if unit in units:
            found[unit] = economics.UnitCost(unit, *values, sick_leave_pct=pct)
    return found


def released_costs(release: SickLeaveRelease, scope: set[str]) -> SickLeaveCosts:
    """The costs a release holds for the units of `scope` it shows, with its cost model
    (settings["cost"]: CostSettings' fields); the sick leave beside each is the release's figure."""
    costs = {}
    for unit in sorted(scope):
        stored = release.cost(unit)
        if stored is None:
            continue
        costs[unit] = economics.UnitCost(
            unit=unit,
            salary=stored["salary"],
            short_days=stored["short_days"],
            mid_days=stored["mid_days"],
            cost_short=stored["cost_short"],
            cost_mid=stored["cost_mid"],
            worth_one_point=stored["worth_one_point"],
            sick_leave_pct=release.figure(unit).sick_leave_pct,
        )
    settings = economics.CostSettings(**release.release.settings.get("cost", {}))
    period = (release.release.start, release.release.end)
    return SickLeaveCosts(period, settings, costs, len(scope) - len(costs), release)

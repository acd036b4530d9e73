"""The release of sick leave and its cost for an ended period (docs/definitions.md "Releases"): what the
committee and everyone else outside the managers, leadership, HR and the health strategist sees of
sick leave and its cost. Built once, from the raw data, by `kasam.releases.publish`; never recomputed.

A release holds, for each unit it shows, the additive quantities its figures are computed from (so
that a page computes the same percentages as for a live figure), its shown groups (K, M, the age
groups) and its cost of sick leave. A hidden unit is simply absent.
"""

from calendar import monthrange
from collections import defaultdict
from dataclasses import asdict
from datetime import date

import polars as pl
from django.db.models import Max, Min

from kasam.absence.conf import sick_leave_settings
from kasam.absence.frames import load_frames
from kasam.absence.models import SickLeaveMonth
from kasam.core import bulk
from kasam.core.dates import today
from kasam.economy.figures import all_costs, cost_settings
from kasam.metrics import sickleave
from kasam.metrics.aggregation import HOUR_UNITS, person_table
from kasam.metrics.disclosure import SickLeaveRule, Tree
from kasam.metrics.periods import ReportPeriod, ended_periods
from kasam.metrics.sickleave_release import decide_release, difference_group, difference_passes, subtree_hours
from kasam.metrics.tree_history import parents_on
from kasam.releases.models import Release, SickLeaveBasis
from kasam.releases.publish import Built, Cell, ReleaseError

QUANTITIES = (
    "persons",
    "ordinary_hours",
    "sick_hours",
    "long_sick_hours",
    "occasions",
    "ha_persons",
    "ha_healthy_0",
    "ha_healthy_5",
)
COSTS = ("short_days", "mid_days", "cost_short", "cost_mid", "worth_one_point")


def own_hours(frames, start, end, settings) -> dict[str, dict[str, tuple[float, float]]]:
    """{unit: {person: (ordinary hours, sick hours)}} of each unit's own staff in start…end."""
    targets = frames.units.select("unit_id", target="unit_id")
    table = person_table(frames, start, end, targets, settings)
    found: dict[str, dict[str, tuple[float, float]]] = defaultdict(dict)
    for person, unit, ordinary, sick in table.select(
        pl.col("person_id").cast(pl.String), "target", "ordinary_hours", "sick_hours"
    ).iter_rows():
        found[unit][person] = (float(ordinary) / HOUR_UNITS, float(sick or 0.0))
    return dict(found)


def basis_of(release: Release) -> dict[str, dict[str, tuple[float, float]]]:
    found: dict[str, dict[str, tuple[float, float]]] = defaultdict(dict)
    for unit, person, ordinary, sick in SickLeaveBasis.objects.filter(release=release).values_list(
        "unit_id", "person_id", "ordinary_hours", "sick_hours"
    ):
        found[unit][person] = (ordinary, sick)
    return dict(found)


def periods() -> list[ReportPeriod]:
    """The ended periods the stored sick-leave series cover in full, oldest first."""
    span = SickLeaveMonth.objects.aggregate(first=Min("month"), last=Max("month"))
    if span["first"] is None:
        return []
    last = span["last"]
    covered = date(last.year, last.month, monthrange(last.year, last.month)[1])
    return ended_periods(span["first"], covered, today())


def build(period: ReportPeriod, earlier: list[Release]) -> Built:
    last_month = period.end.replace(day=1)
    if not SickLeaveMonth.objects.filter(month=last_month).exists():
        raise ReleaseError(f"the sick-leave data does not reach {period.end.isoformat()} yet", "no_data")
    settings = sick_leave_settings()
    rule = SickLeaveRule(settings.max_hidden_persons)
    frames = load_frames(sick_only=True)
    tree = Tree(parents_on(frames.units, frames.tree, period.end))
    own = own_hours(frames, period.start, period.end, settings)
    previous = next((r for r in earlier if r.period == period.code), None)
    others = [r for r in earlier if r.period != period.code]
    nested = [own_hours(frames, r.start, r.end, settings) for r in others]
    decision = decide_release(tree, own, rule, nested)
    shown = decision.shown
    gate = sickleave.gate_decision(frames, period.start, period.end, settings)
    rows = sickleave.period_figures(frames, period.start, period.end, settings)
    costs = all_costs((period.start, period.end), frames=frames)

    figures: dict[str, dict] = {}
    cells: list[Cell] = []
    for row in rows.filter(pl.col("unit_id").is_in(list(shown))).iter_rows(named=True):
        unit, group = row["unit_id"], row["group"]
        entry = figures.setdefault(unit, {"groups": {}})
        values = {name: row[name] for name in QUANTITIES}
        if group == "all":
            entry.update(values)
            cost = costs.get(unit)
            entry["cost"] = {name: getattr(cost, name) for name in (*COSTS, "salary")} if cost else None
            cells.append(Cell(unit, "all", row["persons"], {"primary": True, "root": unit in tree.roots}))
        elif row["persons"] and (unit, group) not in gate.gated_split_hidden:
            entry["groups"][group] = values
            cells.append(Cell(unit, group, row["persons"], {"primary": True, "split": True}))
    for unit, remainder in decision.remainders.items():
        persons = len(remainder.period(0))
        if persons:
            cells.append(Cell(unit, "remainder", persons, {"remainder": True, "difference": bool(others)}))
    for index, other in enumerate(others, start=1):
        for unit in sorted(shown - set(tree.roots)):
            group = decision.subtree[unit]
            changed = difference_group(group.period(index), group.period(0)).persons
            cells.append(Cell(unit, f"difference:{other.period}", changed, {"difference": True}))

    withheld = []
    if previous is not None:
        withheld = _withhold_corrections(tree, own, previous, figures, cells, rule)
    return Built(
        figures=figures,
        roots=list(tree.roots),
        cells=cells,
        withheld=withheld,
        settings={**settings.as_dict(), "cost": asdict(cost_settings())},
        after=lambda release: _keep_basis(release, own),
    )


def _withhold_corrections(tree, own, previous: Release, figures: dict, cells: list[Cell], rule) -> list[str]:
    """A correction: each unit shown in both versions keeps its earlier figures unless the persons
    whose hours changed pass the primary rule as a group."""
    basis = basis_of(previous)
    withheld = []
    for unit in sorted(figures.keys() & previous.figures.keys() - set(tree.roots)):
        group = difference_group(subtree_hours(tree, basis, unit), subtree_hours(tree, own, unit))
        if difference_passes(group, rule):
            cells.append(Cell(unit, f"correction:{previous.version}", group.persons, {"difference": True}))
        else:
            figures[unit] = previous.figures[unit]
            withheld.append(unit)
    return withheld


def _keep_basis(release: Release, own) -> None:
    # Straight into the table (kasam.core.bulk): a release of a large organisation keeps about 50,000
    # rows, which bulk_create spends seconds building instances for.
    bulk.insert_rows(
        SickLeaveBasis,
        ["release_id", "unit_id", "person_id", "ordinary_hours", "sick_hours"],
        ((release.pk, unit, person, o, s) for unit, hours in own.items() for person, (o, s) in hours.items()),
        ready=True,
    )

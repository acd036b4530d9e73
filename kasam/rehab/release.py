"""The release of what rehabilitation cases add up to (docs/definitions.md "What rehabilitation cases
add up to", "Releases"): what the health strategist and the committee see of it – HR alone sees the
figures live. Built once by `kasam.releases.publish` (the kind "rehab"), never recomputed.

A release covers a whole ended year: the cases whose sick case began in it (kasam.rehab.outcomes),
counted as of the day it is published (written in its settings as `as_of`). It holds, for every unit
shown, the figures of the cases of its whole subtree (by the unit each case belongs to when it is
published), and for the organisation – each root – the same figures by adjustment kind and by length
band. Which units are shown: more than 10 persons, and the remainder rule against subtraction
between a unit and the units shown below it (kasam.metrics.rehab_release); a hidden unit is absent, a
hidden group is absent, a hidden figure is None.

Choice: a year is published once. Its figures move every day (people come back, plans are made), so
a second version would differ from the first in the few persons whose case moved; the next year's
release is the next. Periods inside a year (January–April, January–August) are not published, so no
two rehabilitation releases nest."""

from datetime import date

import polars as pl
from django.db.models import Min
from django.db.models.functions import Coalesce

from kasam.core.dates import today
from kasam.metrics import rehab_outcomes
from kasam.metrics.disclosure import Tree
from kasam.metrics.periods import ReportPeriod, period
from kasam.metrics.rehab_release import decide, decide_figures
from kasam.org.models import Unit
from kasam.rehab import outcomes
from kasam.rehab.models import Case
from kasam.releases.models import Release
from kasam.releases.publish import Built, Cell, ReleaseError


def periods() -> list[ReportPeriod]:
    """Every ended year from the year of the first case on, oldest first."""
    first = Case.objects.aggregate(first=Min(Coalesce("sick_case_start", "opened_on")))["first"]
    if first is None:
        return []
    return [period(year) for year in range(first.year, today().year)]


def build(report_period: ReportPeriod, earlier: list[Release]) -> Built:
    if not report_period.is_year:
        raise ReleaseError(
            f"a rehabilitation release covers a whole year: use {report_period.year}", "bad_period"
        )
    if any(release.period == report_period.code for release in earlier):
        raise ReleaseError(f"the rehabilitation figures of {report_period.code} are published", "bad_period")
    day = today()
    frame = outcomes.load(outcomes.year(report_period.year), day).filter(pl.col("unit_id").is_not_null())
    tree = Tree(dict(Unit.objects.values_list("pk", "parent_id")))
    figures, cells = unit_figures(tree, frame, day)
    for root in tree.roots:
        if root in figures:
            under = frame.filter(pl.col("unit_id").is_in(tree.subtree(root)))
            computed = outcomes.figures(under, day)
            figures[root]["groups"] = {
                key: outcomes.groups_as_dict(grouped)
                for key, grouped in (
                    ("adjustment_kind", computed.by_adjustment),
                    ("length_band", computed.by_length),
                )
            }
            for key, groups in figures[root]["groups"].items():
                cells += [
                    Cell(root, f"{key}:{g['group']}", g["persons"], {"primary": True, "split": True})
                    for g in groups
                    if g["persons"]
                ]
    return Built(
        figures=figures,
        roots=list(tree.roots),
        cells=cells,
        settings={"as_of": day.isoformat(), "more_than_persons": rehab_outcomes.MIN_PERSONS},
    )


def unit_figures(tree: Tree, frame: pl.DataFrame, day: date) -> tuple[dict[str, dict], list[Cell]]:
    """{unit: its figures} for the units shown, and the ledger's cells (see the module)."""
    own = _own_persons(frame)
    behind = rehab_outcomes.behind(day)
    decision = decide(tree, own)
    figure_shown = decide_figures(
        tree, {name: _own_persons(frame.filter(expr)) for name, expr in behind.items()}
    )
    units = frame["unit_id"].unique().to_list()
    ancestors = {unit: tree.ancestors_or_self(unit) for unit in units}
    exploded = frame.with_columns(
        pl.col("unit_id").replace_strict(ancestors, return_dtype=pl.List(pl.String)).alias("_unit")
    ).explode("_unit")
    totals = rehab_outcomes.by_column(exploded, "_unit", day)
    figures: dict[str, dict] = {}
    cells: list[Cell] = []
    for unit in sorted(decision.shown):
        total = totals.get(unit)
        if total is None or total.hidden:
            continue
        entry = outcomes.as_dict(total)
        for name in rehab_outcomes.FIGURES:
            if unit not in figure_shown[name] and entry[name] is not None:
                entry[name] = None
                entry["hidden_figures"].append(name)
        figures[unit] = entry
        cells.append(Cell(unit, "all", total.persons, {"primary": True}))
        remainder = decision.remainders.get(unit, frozenset())
        if remainder:
            cells.append(Cell(unit, "remainder", len(remainder), {"remainder": True}))
    return figures, cells


def _own_persons(frame: pl.DataFrame) -> dict[str, frozenset]:
    """{unit: the persons with a case placed on the unit itself}."""
    rows = frame.group_by("unit_id").agg(pl.col("person_id").unique()).iter_rows()
    return {unit: frozenset(persons) for unit, persons in rows}

"""The panel an evaluation runs on: units × periods with an outcome and each unit's start, from
Kasam's own stored figures (docs/definitions.md "Evaluation").

- Units: the units of kind "unit" (enheter); a unit's figure covers its teams, as everywhere.
- Interventions: a dialog programme – a unit starts in the month of its first recorded dialog of the
  programme – or a roll-out entered by hand (`Rollout`), whose start is the month of its date.
- Outcomes, each with its period:
  * "sick_leave": monthly sick leave (%) from the stored series; the month in progress is left out;
  * "pulse:<dimension>": a pulse dimension's index per month – the mean of the unit's shown rounds
    closed that month, through the pulse's gate (hidden cells are missing, the panel unbalanced);
  * "healthy_attendance": the share with at most 5 sick days per calendar year (periods are years).
- With each cell, the group the disclosure gate judges (`Panel.sizes`): the unit's persons with
  working time that month (year), or the respondents behind its pulse cell; the page's cohort gate
  (kasam.metrics.evaluation_gate) reads them.
- A unit that started in the panel's first period or before has no period to compare with; it is
  left out and counted in `Panel.left_out`.
- Periods are numbered consecutively (year × 12 + month − 1, or the year), so event times are in
  months (or years)."""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date

import polars as pl

from kasam.absence.models import SickLeaveMonth, SickLeavePeriod
from kasam.core.dates import today
from kasam.dialogs.models import DialogRecord
from kasam.evaluation.models import RolloutStart
from kasam.org.models import Unit
from kasam.pulse import results as pulse
from kasam.pulse.models import Round

SICK_LEAVE, HEALTHY_ATTENDANCE, PULSE = "sick_leave", "healthy_attendance", "pulse:"


@dataclass
class Panel:
    frame: pl.DataFrame  # unit, period, outcome, cohort (0: not started)
    yearly: bool
    starts: dict[str, date]  # every unit's start, also those left out
    left_out: list[str] = field(default_factory=list)
    respondents: int | None = None  # pulse: the answers behind the cells
    # Per unit and period, the group the gate judges: persons (sick leave, healthy attendance) or
    # respondents (a pulse index).
    sizes: dict[str, dict[int, int]] = field(default_factory=dict)

    @property
    def treated(self) -> int:
        return self.frame.filter(pl.col("cohort") > 0)["unit"].n_unique() if self.frame.height else 0

    @property
    def cells(self) -> int:
        return self.frame.height

    @property
    def units(self) -> int:
        return self.frame["unit"].n_unique() if self.frame.height else 0


def month_index(day: date) -> int:
    return day.year * 12 + day.month - 1


def period_label(period: int, yearly: bool) -> date:
    return date(period, 1, 1) if yearly else date(period // 12, period % 12 + 1, 1)


def starts_of(intervention: str) -> dict[str, date]:
    """{unit: start} for "dialog:<programme slug>" or "rollout:<id>"."""
    kind, _, ref = intervention.partition(":")
    starts: dict[str, date] = {}
    if kind == "dialog":
        rows = (
            DialogRecord.objects.filter(programme__slug=ref)
            .order_by("held_on")
            .values_list("unit_id", "held_on")
        )
    elif kind == "rollout" and ref.isdigit():
        rows = RolloutStart.objects.filter(rollout_id=int(ref)).values_list("unit_id", "started_on")
    else:
        raise ValueError(f"unknown intervention {intervention!r}")
    for unit, day in rows:
        starts.setdefault(unit, day)
    return starts


def evaluated_units() -> set[str]:
    return set(Unit.objects.filter(kind=Unit.Kind.UNIT).values_list("pk", flat=True))


def sick_leave_rows(units: set[str]) -> list[tuple[str, int, float]]:
    current = month_index(today())
    return [
        (unit, month_index(month), 100 * sick / ordinary)
        for unit, month, sick, ordinary in SickLeaveMonth.objects.filter(
            unit_id__in=units, ordinary_hours__gt=0
        )
        .values_list("unit_id", "month", "sick_hours", "ordinary_hours")
        .iterator()
        if month_index(month) < current
    ]


def _sick_leave_persons(units: set[str]) -> dict[str, dict[int, int]]:
    sizes: dict[str, dict[int, int]] = defaultdict(dict)
    for unit, month, persons in SickLeaveMonth.objects.filter(
        unit_id__in=units, ordinary_hours__gt=0
    ).values_list("unit_id", "month", "persons"):
        sizes[unit][month_index(month)] = persons
    return dict(sizes)


def _healthy_attendance_persons(units: set[str]) -> dict[str, dict[int, int]]:
    sizes: dict[str, dict[int, int]] = defaultdict(dict)
    rows = SickLeavePeriod.objects.filter(kind="year", group="all", unit_id__in=units, ha_persons__gt=0)
    for unit, start, persons in rows.values_list("unit_id", "start", "ha_persons"):
        sizes[unit][start.year] = persons
    return dict(sizes)


def _healthy_attendance_rows(units: set[str]) -> list[tuple[str, int, float]]:
    rows = SickLeavePeriod.objects.filter(kind="year", group="all", unit_id__in=units, ha_persons__gt=0)
    return [
        (unit, start.year, 100 * healthy / persons)
        for unit, start, healthy, persons in rows.values_list(
            "unit_id", "start", "ha_healthy_5", "ha_persons"
        )
        if start.year < today().year
    ]


def _pulse_rows(
    units: set[str], dimension: str
) -> tuple[list[tuple[str, int, float]], dict[str, dict[int, int]]]:
    cells: dict[tuple[str, int], list[float]] = defaultdict(list)
    respondents: dict[str, dict[int, int]] = defaultdict(dict)
    for round in Round.objects.filter(status=Round.Status.CLOSED).order_by("closes_on"):
        wanted = units.intersection(round.tree or {})
        if not wanted:
            continue
        for node in pulse.viewer_nodes(pulse.load_round(round), wanted):
            result = node.dimensions.get(dimension) if node.shown else None
            if result is not None and result.index is not None:
                period = month_index(round.closes_on)
                cells[(node.unit, period)].append(result.index)
                answered = respondents[node.unit]
                answered[period] = answered.get(period, 0) + (node.respondents or 0)
    return [(unit, period, sum(values) / len(values)) for (unit, period), values in cells.items()], dict(
        respondents
    )


def build_panel(intervention: str, outcome: str) -> Panel:
    units = evaluated_units()
    starts = {unit: day for unit, day in starts_of(intervention).items() if unit in units}
    respondents = None
    if outcome == SICK_LEAVE:
        rows, yearly, sizes = sick_leave_rows(units), False, _sick_leave_persons(units)
    elif outcome == HEALTHY_ATTENDANCE:
        rows, yearly, sizes = _healthy_attendance_rows(units), True, _healthy_attendance_persons(units)
    elif outcome.startswith(PULSE):
        (rows, sizes), yearly = _pulse_rows(units, outcome.removeprefix(PULSE)), False
        respondents = sum(n for periods in sizes.values() for n in periods.values())
    else:
        raise ValueError(f"unknown outcome {outcome!r}")
    cohort = {unit: (day.year if yearly else month_index(day)) for unit, day in starts.items()}
    first = min((period for _u, period, _v in rows), default=0)
    left_out = sorted(unit for unit, g in cohort.items() if g <= first)
    kept = [(u, p, v, cohort.get(u, 0)) for u, p, v in rows if u not in left_out]
    frame = pl.DataFrame(
        kept,
        schema={"unit": pl.String, "period": pl.Int64, "outcome": pl.Float64, "cohort": pl.Int64},
        orient="row",
    ).sort("unit", "period")
    return Panel(frame, yearly, starts, left_out, respondents, sizes)

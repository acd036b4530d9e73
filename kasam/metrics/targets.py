"""Targets (måltal, docs/definitions.md "Targets"): the arithmetic of a target against the
actual figures. Pure functions over plain numbers and dates, no Django.

A target names a figure, a year and a value – a level, or a change in percentage points against its
base year. The base is the actual figure of the base year. Progress = (latest − base) / (target −
base). On track = the latest figure lies on the improving side of the straight line from the base (at
the end of the base year) to the target (at the end of the target year), or on it, read at the latest
month; a unit whose base is already past a level target is on track while it stays on the target's
side.

An actual series is a list of points (day, value): the day stands for its calendar month (a rolling
12-month figure for the month it ends with, a pulse round for the month it closed, a survey for
December of its year); the value is None when the figure is not shown (the disclosure gate) or has no
denominator.

Choices where the definition is silent:
- The side is the figure's improving side, never the direction from the base to the target: at or
  below the line for sick leave and the long-term share (lower is better), at or above it for every
  other figure (healthy attendance, the indices, good health).
- A unit whose base is already past a LEVEL target (at it or better – also a target whose value is
  worse than the base) is on track while its latest figure stays on the target's side: at the
  target or better. A unit at NMI 80 under "NMI 75 in every unit" is on track at 77 even where its
  line from 80 down to 75 reads 77.5. Choice: a CHANGE target worse than the base (e.g. +1
  percentage point of sick leave) is not a level, so the improving side of its line decides.
- Equal to the line is on track. Floats are compared with a tolerance of 1e-9, so that a figure that
  equals the line up to rounding noise in the last binary digit is on the line.
- The base is the value of the series' last shown point in the base year – for sick leave the
  calendar year's figure (the rolling 12 months at December), for the pulse the last round that
  closed in the year, for a survey the year's survey – and it is known only once the base year has
  ended. The latest figure is the series' last shown point.
- The line before the end of the base year is the base, after the end of the target year the target
  (it is not extended beyond its two ends).
- Missing data: without a base, a latest figure or a target value nothing is computed and on track is
  None ("not known yet"), never False. A latest figure from the base year or before says nothing
  about the way from the base to the target, so on track is None then too.
- Progress is None when the target is no improvement on the base (equal to it, or on its worse side):
  (latest − base) / (target − base) would then read a figure that got worse as progress.
- The pulse has no rolling figure of its own: its "rolling 12 months" is the mean of the shown rounds
  of the 12 calendar months up to a month (`rolling_mean`), so that the base year's figure is the
  mean of its shown rounds and the rotation of statements evens out over the year.
- A month with several points is represented by its last: the figure as it stood at the end of the
  month (`by_month`).
- "Furthest from the target" is the shortfall against the target value, in the figure's own unit:
  target − latest when higher is better, latest − target when lower is better; a unit beyond its
  target has a negative shortfall. Units without a latest figure or target value are not ranked.
"""

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import TypeVar

LEVEL = "level"
CHANGE = "change"
# The figures for which a lower value is better; for every other figure a higher value is.
LOWER_IS_BETTER = frozenset({"sick_leave", "long_term_share"})
TOLERANCE = 1e-9

Point = tuple[date, float | None]
K = TypeVar("K")


def higher_is_better(figure: str) -> bool:
    return figure not in LOWER_IS_BETTER


def month_number(day: date) -> int:
    """Months since year 0: consecutive months are consecutive numbers."""
    return day.year * 12 + day.month - 1


def year_end(year: int) -> date:
    """The month a year's figure stands for: its December."""
    return date(year, 12, 1)


def target_value(kind: str, value: float | None, base: float | None) -> float | None:
    """The level to reach: the value itself, or the base plus the change in percentage points."""
    if value is None:
        return None
    if kind == LEVEL:
        return float(value)
    if kind == CHANGE:
        return None if base is None else base + float(value)
    raise ValueError(f"unknown kind of target {kind!r}; expected {LEVEL!r} or {CHANGE!r}")


def line_at(base: float | None, target: float | None, base_year: int, target_year: int, month: date):
    """The target line read at `month`: from the base at December of the base year straight to the
    target at December of the target year; the base before that, the target after it."""
    if base is None or target is None:
        return None
    start, end = month_number(year_end(base_year)), month_number(year_end(target_year))
    if end <= start:
        raise ValueError(f"the target year {target_year} must come after the base year {base_year}")
    fraction = min(max((month_number(month) - start) / (end - start), 0.0), 1.0)
    return base + (target - base) * fraction


def _better_or_equal(value: float, than: float, higher: bool) -> bool:
    if math.isclose(value, than, rel_tol=0.0, abs_tol=TOLERANCE):
        return True
    return value > than if higher else value < than


def is_improvement(base: float | None, target: float | None, higher: bool) -> bool:
    """Whether reaching the target means the figure gets better than the base."""
    if base is None or target is None or math.isclose(base, target, rel_tol=0.0, abs_tol=TOLERANCE):
        return False
    return target > base if higher else target < base


def progress(base: float | None, latest: float | None, target: float | None, higher: bool) -> float | None:
    """(latest − base) / (target − base): 0 at the base, 1 at the target; None when any is missing or
    the target is no improvement on the base."""
    if latest is None or not is_improvement(base, target, higher):
        return None
    return (latest - base) / (target - base)  # type: ignore[operator]


def past_level_target(kind: str, base: float | None, target: float | None, higher: bool) -> bool:
    """Whether the base is already at or past a level target: then staying on the target's side is
    what counts, not the line (see the module)."""
    if kind != LEVEL or base is None or target is None:
        return False
    return _better_or_equal(base, target, higher)


def on_track(
    latest: Point | None,
    base: float | None,
    target: float | None,
    base_year: int,
    target_year: int,
    higher: bool,
    kind: str = LEVEL,
) -> bool | None:
    """Whether the latest figure lies on the improving side of the target line (or on it), read at its
    month – or, for a level target the base is already past, at the target or better; None when it
    cannot be said (see the module)."""
    if latest is None or latest[1] is None or base is None or target is None:
        return None
    month, value = latest
    if month_number(month) <= month_number(year_end(base_year)):
        return None
    if past_level_target(kind, base, target, higher):
        return _better_or_equal(value, target, higher)
    line = line_at(base, target, base_year, target_year, month)
    return _better_or_equal(value, line, higher)  # type: ignore[arg-type]


def reached(latest: float | None, target: float | None, higher: bool) -> bool | None:
    """Whether the latest figure is at the target or better; None when either is missing."""
    if latest is None or target is None:
        return None
    return _better_or_equal(latest, target, higher)


def shortfall(latest: float | None, target: float | None, higher: bool) -> float | None:
    """How far the latest figure falls short of the target (negative: beyond it)."""
    if latest is None or target is None:
        return None
    return target - latest if higher else latest - target


# ------------------------------------------------------------------------------------------ series


def by_month(points: Iterable[Point]) -> list[Point]:
    """One point per month, in order: a month's last shown value (None if it has none)."""
    months: dict[int, Point] = {}
    for day, value in sorted(points, key=lambda point: point[0]):
        key = month_number(day)
        if value is not None or key not in months or months[key][1] is None:
            months[key] = (date(day.year, day.month, 1), value)
    return [months[key] for key in sorted(months)]


def rolling_mean(points: Iterable[Point], months: int = 12) -> list[Point]:
    """For each month with a point: the mean of the shown values of the `months` calendar months
    ending with it (None when none of them has one). A pulse figure over several rounds, formed only
    from the rounds in which the node was shown (docs/definitions.md "Anonymity rules" 4), each round weighing
    the same."""
    # Shown values per month, each month's in day order: a window adds them up in the order of the
    # days, whatever the length of the series (a target over thousands of units reads them all).
    shown: dict[int, list[float]] = {}
    for day, value in sorted(points, key=lambda point: point[0]):
        values = shown.setdefault(month_number(day), [])
        if value is not None:
            values.append(value)
    result = []
    for key in sorted(shown):
        window = [v for month in range(key - months + 1, key + 1) for v in shown.get(month, ())]
        value = sum(window) / len(window) if window else None
        result.append((date(key // 12, key % 12 + 1, 1), value))
    return result


def base_of(points: Sequence[Point], base_year: int, today: date) -> float | None:
    """The value of the last shown point in the base year; None before the base year has ended."""
    if today <= date(base_year, 12, 31):
        return None
    values = [value for day, value in sorted(points, key=lambda p: p[0]) if day.year == base_year]
    shown = [value for value in values if value is not None]
    return shown[-1] if shown else None


def latest_of(points: Sequence[Point]) -> Point | None:
    """The last shown point (month, value), or None."""
    shown = [point for point in by_month(points) if point[1] is not None]
    return shown[-1] if shown else None


@dataclass(frozen=True)
class Assessment:
    """One target against one unit's actual series."""

    base: float | None
    target: float | None
    latest: Point | None
    line: float | None  # the target line at the latest month
    progress: float | None
    on_track: bool | None
    reached: bool | None
    shortfall: float | None

    @property
    def latest_value(self) -> float | None:
        return None if self.latest is None else self.latest[1]

    @property
    def latest_month(self) -> date | None:
        return None if self.latest is None else self.latest[0]


def assess(
    points: Sequence[Point],
    kind: str,
    value: float,
    base_year: int,
    target_year: int,
    higher: bool,
    today: date,
    base: float | None = None,
) -> Assessment:
    """Everything a target page says of one unit, from its actual series. `base` may be given when the
    base year's figure is known apart from the series (it is then used as is)."""
    base = base_of(points, base_year, today) if base is None else base
    target = target_value(kind, value, base)
    latest = latest_of(points)
    latest_value = None if latest is None else latest[1]
    line = None if latest is None else line_at(base, target, base_year, target_year, latest[0])
    return Assessment(
        base=base,
        target=target,
        latest=latest,
        line=line,
        progress=progress(base, latest_value, target, higher),
        on_track=on_track(latest, base, target, base_year, target_year, higher, kind),
        reached=reached(latest_value, target, higher),
        shortfall=shortfall(latest_value, target, higher),
    )


def target_line(
    base: float | None, target: float | None, base_year: int, target_year: int, months: Iterable[date]
) -> list[Point]:
    """The target line at its two ends and at each of `months` between them (for a chart)."""
    if base is None or target is None:
        return []
    start, end = year_end(base_year), year_end(target_year)
    inside = {date(m.year, m.month, 1) for m in months if start <= date(m.year, m.month, 1) <= end}
    return [(m, line_at(base, target, base_year, target_year, m)) for m in sorted({start, end} | inside)]


def furthest(rows: Iterable[tuple[K, float | None]], limit: int | None = None) -> list[tuple[K, float]]:
    """(key, shortfall) pairs ranked furthest from the target first; a tie keeps the given order.
    Keys without a shortfall are left out."""
    ranked = [(key, gap) for key, gap in rows if gap is not None]
    ranked.sort(key=lambda row: -row[1])
    return ranked if limit is None else ranked[:limit]

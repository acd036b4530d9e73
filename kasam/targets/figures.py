"""The actual figures a target is measured against, as one viewer may see them (the target pages).

Nothing is computed here that another module already computes: sick leave comes from the stored
series through kasam.absence.figures, the pulse from kasam.pulse.results (the pulse's one gate path),
the employee survey from kasam.metrics.survey. This module only picks the points a target needs and
hands them to kasam.metrics.targets as (day, value) pairs; a value is None where the viewer may not
see it.

The figures (choices the definition in docs/definitions.md "Targets" leaves open):
- Sick leave and the long-term share: the rolling 12 months. For the assessment and for every unit,
  the stored periods: each complete calendar year (standing for its December, which is where the
  rolling 12 months equal the year) and the latest rolling 12 months (for the month it ends with).
  The chart of a viewer who sees the unit unsuppressed shows the rolling figure month by month
  (`figures.series`; the long-term share over the same windows with `figures.month_sums`).
- Healthy attendance (no sick day, the default N = 0): persons do not add up over months, so
  only the stored periods exist – the complete years and the latest rolling 12 months.
- The committee (roles.SEES_SUPPRESSED_ONLY; every unit a viewer does not see unsuppressed) sees
  sick-leave figures of a unit only from releases (docs/anonymity.md "Sick leave"), never a live
  figure or a monthly series: each released year (standing for its December) from the base year on,
  then the latest published period when it is an interim one (January–April or January–August, for
  the month it ends with) – that is the target's latest figure. A unit the release does not show has
  no figure there. A target compares two periods only when both were shown.
- Pulse index (per dimension) and good-or-better health: per closed round, the figures the viewer
  sees of the round through the pulse's gate path (`results.viewer_nodes`, or `results.node_history`
  for one unit – the same figures, cheaper) – nothing for a node hidden in the round; the target is
  measured on the mean of the shown rounds of the 12 months up to each month with a round
  (`metrics.targets.rolling_mean`, the pulse's anonymity rule 4).
- HME and NMI: one point per survey, for December of the survey's year (`survey_series`).
"""

import logging
from collections import defaultdict
from datetime import date

from kasam.absence import figures
from kasam.absence.figures import PeriodFigure, add_months, pct
from kasam.absence.models import SickLeavePeriod
from kasam.absence.released import SickLeaveRelease
from kasam.absence.series import GENERATION as SERIES
from kasam.core import generations
from kasam.core.dates import today as reference_today
from kasam.metrics.targets import Point, rolling_mean
from kasam.org.models import Unit
from kasam.org.stats import ORG
from kasam.pulse import results
from kasam.pulse.models import Round
from kasam.releases.models import Release

logger = logging.getLogger(__name__)

# Target.Figure value → the PeriodFigure attribute that holds it.
SICK_LEAVE_FIGURES = {
    "sick_leave": "sick_leave_pct",
    "long_term_share": "long_term_share_pct",
    "healthy_attendance": "healthy_attendance_pct",
}
# Additive over months: a rolling 12-month figure exists for every month.
MONTHLY_FIGURES = frozenset({"sick_leave", "long_term_share"})
PULSE_FIGURES = frozenset({"pulse_index", "good_health"})
SURVEY_FIGURES = frozenset({"hme", "nmi"})
# Figures on a scale of 0–100 points rather than shares in per cent.
INDEX_FIGURES = frozenset({"hme", "nmi", "pulse_index"})


def sources(figure: str) -> tuple[str, ...]:
    """The generations (kasam.core.generations) a figure's points are computed from: the organisation
    and the figure's own data."""
    if figure in SICK_LEAVE_FIGURES:
        return (ORG, SERIES)
    return (ORG, "pulse" if figure in PULSE_FIGURES else "survey")


def month_of(day: date) -> date:
    return date(day.year, day.month, 1)


class Actuals:
    """One viewer's actual figures for the targets of one request. Rounds and surveys are read once
    and kept for the request, so that a list of targets reads each only once."""

    def __init__(self, viewer, today: date | None = None):
        self.viewer = viewer  # the request's viewer (kasam.anonymity.viewer): what it may see
        self.today = today or reference_today()
        self._releases: list[tuple[date, SickLeaveRelease]] | None = None
        self._rounds: dict[int, dict[str, results.NodeView]] = {}
        self._histories: dict[tuple, list[results.RoundPoint]] = {}
        self._surveys: dict[str, list[tuple[date, dict[str, float | None]]]] = {}
        self._closed_rounds: dict[int, list[Round]] = {}
        self._stored_periods: tuple[dict[int, tuple[date, date]], tuple[date, date] | None] | None = None

    # ------------------------------------------------------------------------------------ public

    def points(self, figure: str, dimension: str, units: list[Unit], since: int) -> dict[str, list[Point]]:
        """Per unit, the points a target is assessed on, from the year `since` (the base year) on."""
        if figure in SICK_LEAVE_FIGURES:
            return self._period_points(figure, units, since)
        if figure in PULSE_FIGURES:
            return self._pulse_points(figure, dimension, units, since)
        if figure in SURVEY_FIGURES:
            series = self._survey(figure)
            return {
                u.pk: [(day, values.get(u.pk)) for day, values in series if day.year >= since] for u in units
            }
        raise ValueError(f"unknown figure {figure!r}")

    def chart_points(self, figure: str, dimension: str, unit: Unit, since: int) -> list[Point]:
        """The actual line of the chart: month by month where the viewer may see that, else `points`."""
        if figure in MONTHLY_FIGURES and self.sees_unsuppressed(unit):
            return self._monthly(figure, unit, since)
        return self.points(figure, dimension, [unit], since)[unit.pk]

    def gated(self, unit: Unit) -> bool:
        """Whether the viewer sees the unit's sick-leave figures only through the disclosure gate."""
        return not self.sees_unsuppressed(unit)

    def sees_unsuppressed(self, unit: Unit) -> bool:
        return self.viewer.sick_leave_is_live(unit.pk)

    def key(self, figure: str) -> tuple:
        """What this viewer's points of `figure` depend on beyond the data's generations (`sources`):
        the viewer's roles over units, the day, and for sick leave the releases a gated unit is read
        from (a published release never changes: their ids, without their figures)."""
        releases = ()
        if figure in SICK_LEAVE_FIGURES:
            releases = tuple(
                Release.objects.filter(kind=Release.Kind.SICK_LEAVE)
                .order_by("pk")
                .values_list("pk", flat=True)
            )
        return (self.viewer.cache_key, self.today, releases)

    # ------------------------------------------------------------------------------ sick leave

    def _sees_sick_leave(self, unit: Unit) -> bool:
        return unit.pk in self.viewer.sick_leave_unit_ids

    def _periods(self, since: int) -> list[tuple[date, tuple[date, date]]]:
        """(the month a period stands for, the period): complete years from `since`, then the latest
        rolling 12 months – the stored periods read once per request (`stored_periods`)."""
        if self._stored_periods is None:
            self._stored_periods = stored_periods()
        years, rolling = self._stored_periods
        found = [(date(year, 12, 1), period) for year, period in sorted(years.items()) if year >= since]
        if rolling:
            found.append((month_of(rolling[1]), rolling))
        return found

    def _released(self) -> list[tuple[date, SickLeaveRelease]]:
        """(the month a release stands for, the release): every released year, then the latest
        published period when it is an interim one."""
        if self._releases is None:
            viewer = self.viewer
            years = sorted(viewer.released_years)
            found = [(date(year, 12, 1), viewer.sick_leave_year_release(year)) for year in years]
            latest = viewer.latest_sick_leave_release
            if latest is not None and not latest.period.is_year:
                found.append((month_of(latest.period.end), latest))
            self._releases = [(month, release) for month, release in found if release is not None]
        return self._releases

    def _period_points(self, figure: str, units: list[Unit], since: int) -> dict[str, list[Point]]:
        attribute = SICK_LEAVE_FIGURES[figure]
        seen = [u for u in units if self._sees_sick_leave(u)]
        live = [u for u in seen if self.sees_unsuppressed(u)]
        result: dict[str, list[Point]] = {u.pk: [] for u in units}
        for month, period in self._periods(since) if live else []:
            rows = figures.period_rows(*period, unit_ids=[u.pk for u in live])
            for unit in live:
                row = rows.get(unit.pk)
                if row is not None:
                    result[unit.pk].append((month, getattr(PeriodFigure.of(row), attribute)))
        gated = [u for u in seen if not self.sees_unsuppressed(u)]
        for month, release in self._released() if gated else []:
            if month.year < since:
                continue
            for unit in gated:
                result[unit.pk].append((month, getattr(release.figure(unit.pk), attribute)))
        return result

    def _monthly(self, figure: str, unit: Unit, since: int) -> list[Point]:
        """The rolling 12 months for every stored month from January of `since` to the end of the
        latest rolling period (complete months only, as that period)."""
        rolling = figures.latest_rolling_period()
        if rolling is None:
            return []
        last = month_of(rolling[1])
        series = figures.series(unit, date(since, 1, 1), last)
        if figure == "sick_leave":
            return [(row["month"], row["rolling_pct"]) for row in series]
        points: list[Point] = []
        for row in series:
            value = None
            if row["rolling_pct"] is not None:
                sums = figures.month_sums([unit.pk], add_months(row["month"], -11), row["month"])
                window = sums.get(unit.pk) or {}
                value = pct(window.get("long_sick_hours"), window.get("sick_hours"))
            points.append((row["month"], value))
        return points

    # ----------------------------------------------------------------------------------- pulse

    def _viewer_nodes(self, round: Round) -> dict[str, results.NodeView]:
        if round.pk not in self._rounds:
            nodes = self.viewer.pulse_nodes(results.load_round(round))
            self._rounds[round.pk] = {node.unit: node for node in nodes}
        return self._rounds[round.pk]

    def _pulse_points(
        self, figure: str, dimension: str, units: list[Unit], since: int
    ) -> dict[str, list[Point]]:
        """Per unit, the rolling 12-month mean of its shown rounds at each month with a round."""
        if since not in self._closed_rounds:  # read once per request, for every pulse target
            # Without their frozen trees and counts: thousands of units each, read only where needed.
            self._closed_rounds[since] = list(
                Round.objects.filter(status=Round.Status.CLOSED, closes_on__gte=date(since, 1, 1))
                .defer(*results.HEAVY_FIELDS)
                .order_by("closes_on", "programme_id", "number")
            )
        rounds = self._closed_rounds[since]
        seen = [u for u in units if u.pk in self.viewer.pulse_scope]
        dimension = results.HEALTH if figure == "good_health" else dimension
        if len(seen) == 1 and not self._rounds:
            by_round = self._one_node(seen[0].pk, rounds, figure, dimension)
            return {u.pk: rolling_mean(by_round.get(u.pk, [])) for u in units}
        means = self._all_nodes({u.pk for u in seen}, rounds, figure, dimension)
        return {u.pk: means.get(u.pk, []) for u in units}

    def _one_node(self, unit_id: str, rounds: list[Round], figure: str, dimension: str):
        """One unit's rounds through `results.node_history` (cheaper than reading every round), read
        once per request for all its dimensions."""
        key = (unit_id, tuple(r.pk for r in rounds))
        if key not in self._histories:
            having = set(
                Round.objects.filter(pk__in=key[1], tree__has_key=unit_id).values_list("pk", flat=True)
            )
            self._histories[key] = results.node_history(unit_id, [r for r in rounds if r.pk in having])
        history = self._histories[key]
        return {unit_id: [(p.round.closes_on, _value(p.dimensions.get(dimension), figure)) for p in history]}

    def _all_nodes(self, wanted: set[str], rounds: list[Round], figure: str, dimension: str):
        """Many units' rolling means of their rounds, kept for every viewer of the same pulse scope until
        a round changes (kasam.core.generations): a target over every unit reads every closed round's
        stored rows, seconds at 50,000 employees."""
        key = (
            "target-pulse-means",
            tuple(sorted(self.viewer.pulse_scope)),
            tuple(r.pk for r in rounds),
            tuple(sorted(wanted)),
            figure,
            dimension,
        )
        return generations.cached(
            "pulse", key, lambda: self._rolling_means(wanted, rounds, figure, dimension)
        )

    def _rolling_means(self, wanted: set[str], rounds: list[Round], figure: str, dimension: str):
        by_round = self._read_all_nodes(wanted, rounds, figure, dimension)
        return {unit_id: rolling_mean(points) for unit_id, points in by_round.items()}

    def _read_all_nodes(self, wanted: set[str], rounds: list[Round], figure: str, dimension: str):
        """Each round read once, whole, through `results.viewer_nodes`."""
        found: dict[str, list[Point]] = defaultdict(list)
        whole = Round.objects.in_bulk([r.pk for r in rounds])
        for round in (whole[r.pk] for r in rounds):
            if not wanted.intersection(round.tree or {}):
                continue
            nodes = self._viewer_nodes(round)
            for unit_id in wanted.intersection(nodes):
                node = nodes[unit_id]
                result = node.dimensions.get(dimension) if node.shown else None
                found[unit_id].append((round.closes_on, _value(result, figure)))
        return dict(found)

    # ---------------------------------------------------------------------------------- survey

    def _survey(self, figure: str) -> list[tuple[date, dict[str, float | None]]]:
        if figure not in self._surveys:
            self._surveys[figure] = survey_figures(figure)
        return self._surveys[figure]


def stored_periods() -> tuple[dict[int, tuple[date, date]], tuple[date, date] | None]:
    """({year: its stored period} of the complete calendar years, the latest rolling 12 months) – what
    `figures.stored_years`, `figures.year_period` per year and `figures.latest_rolling_period` give,
    without a query per year, and kept until the next refill (kasam.core.generations)."""
    return generations.cached(SERIES, "target-stored-periods", _stored_periods)


def _stored_periods() -> tuple[dict[int, tuple[date, date]], tuple[date, date] | None]:
    ends: dict[int, date] = {}
    stored = SickLeavePeriod.objects.filter(kind="year", group="all").values_list("start", "end").distinct()
    for start, end in stored:
        if (start.month, start.day) == (1, 1) and end > ends.get(start.year, end.min):
            ends[start.year] = end
    years = {year: (date(year, 1, 1), end) for year, end in ends.items() if end == date(year, 12, 31)}
    return years, figures.latest_rolling_period()


def _value(result, figure: str) -> float | None:
    """A shown node's pulse figure: the share good or better, or the dimension's index."""
    if result is None:
        return None
    return result.favourable_pct if figure == "good_health" else result.index


# -------------------------------------------------------------------------------- employee survey


def survey_series(figure: str, unit: Unit) -> list[Point]:
    """HME (total index) or NMI of `unit` (its subtree) per survey, oldest first: (December of the
    survey's year, the figure or None where the survey's gate hides it)."""
    return [(day, values.get(unit.pk)) for day, values in survey_figures(figure)]


def survey_figures(figure: str) -> list[tuple[date, dict[str, float | None]]]:
    """Per survey, oldest first: (December of its year, {unit id: HME total or NMI}), every figure
    through the survey's disclosure gate – read by kasam.survey.for_plans from the figures stored at
    import (kasam.survey.stored), for the units the survey shows (a hidden unit has no entry)."""
    from kasam.survey.for_plans import yearly_figures

    return yearly_figures(figure)

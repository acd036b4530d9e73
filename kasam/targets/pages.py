"""What the target pages show one viewer: each target against the actual figures of the units the
viewer may see (kasam.targets.figures), assessed by kasam.metrics.targets; which targets and units
that is, is decided in kasam.targets.scope.

Choice the definition leaves open: a unit's own target (scope "organisation" on that unit, same figure,
dimension and year) replaces the organisation's for that unit – "unit targets derived from or
differing from the organisation's". Otherwise a unit's target is derived from the organisation's: the
same level, or the same change in percentage points against the unit's own base.
"""

from dataclasses import dataclass, field
from datetime import date
from functools import cached_property

from django.utils import dateformat
from django.utils.text import capfirst
from django.utils.translation import gettext

from kasam.core import charts, generations
from kasam.core.templatetags.kasam_format import format_number, format_percent
from kasam.metrics import targets as arithmetic
from kasam.metrics.targets import Assessment
from kasam.org.access import scope_key
from kasam.org.models import Unit
from kasam.org.roles import Capability
from kasam.org.stats import ORG
from kasam.pulse.dimensions import dimension_name
from kasam.targets.figures import (
    INDEX_FIGURES,
    MONTHLY_FIGURES,
    PULSE_FIGURES,
    SICK_LEAVE_FIGURES,
    Actuals,
)
from kasam.targets.figures import sources as figure_sources
from kasam.targets.models import Target
from kasam.targets.scope import focus_unit, reached_units, scope_units

FURTHEST = 10


# --------------------------------------------------------------------------------------- assessing


def higher_is_better(target: Target) -> bool:
    return arithmetic.higher_is_better(target.figure)


def is_sick_leave(target: Target) -> bool:
    return target.figure in SICK_LEAVE_FIGURES


def is_index(target: Target) -> bool:
    return target.figure in INDEX_FIGURES


def figure_text(target: Target, value: float | None) -> str:
    """A figure as the target pages write it: shares with 2 decimals and %, indices with 1 decimal."""
    return format_number(value, 1) if is_index(target) else format_percent(value, 2)


def change_text(target: Target, value: float | None) -> str:
    """A change: percentage points for a share, points for an index (never per cent: docs/definitions.md)."""
    number = format_number(value, 1 if is_index(target) else 2, sign=True)
    unit = gettext("points") if is_index(target) else gettext("percentage points")
    return f"{number}\u00a0{unit}"


def figure_label(target: Target) -> str:
    label = target.get_figure_display()
    if target.figure == Target.Figure.PULSE_INDEX and target.dimension:
        return f"{label}: {dimension_name(target.dimension)}"
    return label


def value_text(target: Target) -> str:
    if target.kind == Target.Kind.CHANGE:
        return gettext("%(change)s against %(year)s") % {
            "change": change_text(target, float(target.value)),
            "year": target.base_year,
        }
    return figure_text(target, float(target.value))


@dataclass
class UnitOutcome:
    unit: Unit
    target: Target  # the target that applies to the unit: its own, or the one on the page
    own: bool
    assessment: Assessment
    today: date
    points: list = field(default_factory=list)  # the actual points assessed (None: not shown)

    def _withheld(self, year: int | None = None) -> bool:
        """Whether the gate withheld every point there is (of `year`, if given)."""
        values = [v for day, v in self.points if year is None or day.year == year]
        return bool(values) and all(v is None for v in values)

    @property
    def status(self) -> str:
        return {True: "on_track", False: "not_on_track"}.get(self.assessment.on_track, "unknown")

    def _text(self, value: float | None) -> str:
        return figure_text(self.target, value)

    @property
    def base_text(self) -> str:
        return self._text(self.assessment.base)

    @property
    def target_text(self) -> str:
        return self._text(self.assessment.target)

    @property
    def latest_text(self) -> str:
        return self._text(self.assessment.latest_value)

    @property
    def line_text(self) -> str:
        return self._text(self.assessment.line)

    @property
    def difference_text(self) -> str:
        """Latest − target, signed: where the unit stands against its target."""
        gap = self.assessment.shortfall
        if gap is None:
            return "–"
        return change_text(self.target, -gap if higher_is_better(self.target) else gap)

    @property
    def progress_text(self) -> str:
        progress = self.assessment.progress
        return "–" if progress is None else format_percent(progress * 100, 0)

    @property
    def latest_month_text(self) -> str:
        month = self.assessment.latest_month
        return "–" if month is None else dateformat.format(month, "F Y")

    @property
    def verdict(self) -> str:
        """On track or not, in plain words (empty when it is not known)."""
        on_track, higher = self.assessment.on_track, higher_is_better(self.target)
        if on_track is None:
            return ""
        a = self.assessment
        if arithmetic.past_level_target(self.target.kind, a.base, a.target, higher):
            return self._past_target_verdict(on_track, higher)
        if on_track:
            text = (
                gettext(
                    "The latest figure, %(latest)s for %(month)s, is at or above the target line, "
                    "which reads %(line)s for that month."
                )
                if higher
                else gettext(
                    "The latest figure, %(latest)s for %(month)s, is at or below the target line, "
                    "which reads %(line)s for that month."
                )
            )
        else:
            text = (
                gettext(
                    "The latest figure, %(latest)s for %(month)s, is below the target line, which reads "
                    "%(line)s for that month."
                )
                if higher
                else gettext(
                    "The latest figure, %(latest)s for %(month)s, is above the target line, which "
                    "reads %(line)s for that month."
                )
            )
        return text % {"latest": self.latest_text, "month": self.latest_month_text, "line": self.line_text}

    def _past_target_verdict(self, on_track: bool, higher: bool) -> str:
        """The base was already past a level target: staying on the target's side is what counts."""
        if on_track:
            text = (
                gettext(
                    "The base was already past the target. The latest figure, %(latest)s for %(month)s, "
                    "is still at or above the target, %(target)s."
                )
                if higher
                else gettext(
                    "The base was already past the target. The latest figure, %(latest)s for %(month)s, "
                    "is still at or below the target, %(target)s."
                )
            )
        else:
            text = (
                gettext(
                    "The base was past the target, but the latest figure, %(latest)s for %(month)s, "
                    "is below the target, %(target)s."
                )
                if higher
                else gettext(
                    "The base was past the target, but the latest figure, %(latest)s for %(month)s, "
                    "is above the target, %(target)s."
                )
            )
        figures = {"latest": self.latest_text, "month": self.latest_month_text, "target": self.target_text}
        return text % figures

    @property
    def unknown_reason(self) -> str:
        """Why on track cannot be said yet (empty when it can)."""
        a, base_year = self.assessment, self.target.base_year
        if a.on_track is not None:
            return ""
        if a.base is None and self.today <= date(base_year, 12, 31):
            return gettext("The base is the figure for %(year)s. It is known when the year has ended.") % {
                "year": base_year
            }
        if a.base is None and self._withheld(base_year):
            return gettext(
                "The unit's figure for %(year)s is not shown, so that no one can be identified."
            ) % {"year": base_year}
        if a.base is None:
            return gettext("There is no figure for the base year %(year)s to start from.") % {
                "year": base_year
            }
        if a.latest is None and self._withheld():
            return gettext("The unit's figures are not shown, so that no one can be identified.")
        if a.latest is None:
            return gettext("There is no figure to compare with yet.")
        return gettext("There is no figure from after %(year)s yet.") % {"year": base_year}

    @property
    def progress_sentence(self) -> str:
        a = self.assessment
        if a.progress is not None:
            return gettext("%(progress)s of the way from the base to the target.") % {
                "progress": self.progress_text
            }
        if a.base is not None and a.target is not None and a.latest is not None:
            return gettext("The base year's figure was already at the target or better.")
        return ""


@dataclass
class TargetView:
    target: Target
    focus: UnitOutcome | None
    units: list[UnitOutcome] = field(default_factory=list)

    @property
    def label(self) -> str:
        return figure_label(self.target)

    @property
    def value(self) -> str:
        return value_text(self.target)

    @property
    def each_unit(self) -> bool:
        return self.target.scope == Target.Scope.EACH_UNIT

    @property
    def higher_is_better(self) -> bool:
        return higher_is_better(self.target)

    @property
    def basis(self) -> str:
        """What the actual figure is, in plain words."""
        figure = self.target.figure
        if figure in MONTHLY_FIGURES:
            return gettext(
                "The actual figure is over the last 12 months: each month's figure covers the 12 months "
                "up to it."
            )
        if figure in SICK_LEAVE_FIGURES:
            return gettext("The actual figure is each calendar year's and the last 12 months'.")
        if figure in PULSE_FIGURES:
            return gettext(
                "The actual figure is the mean of the pulse rounds of the last 12 months in which the unit "
                "had enough answers to be shown."
            )
        return gettext("The actual figure is each year's employee survey.")

    def text(self, value: float | None) -> str:
        return figure_text(self.target, value)

    @property
    def progress_pct(self) -> float | None:
        progress = self.focus.assessment.progress if self.focus else None
        return None if progress is None else progress * 100

    @property
    def on_track_count(self) -> int:
        return sum(1 for u in self.units if u.assessment.on_track is True)

    @property
    def known_count(self) -> int:
        return sum(1 for u in self.units if u.assessment.on_track is not None)

    @cached_property  # the page asks twice; thousands of units
    def furthest(self) -> list[UnitOutcome]:
        gaps = [(index, u.assessment.shortfall) for index, u in enumerate(self.units)]
        ranked = arithmetic.furthest(gaps, FURTHEST)
        return [self.units[index] for index, _gap in ranked]

    @property
    def without_figure(self) -> int:
        return sum(1 for u in self.units if u.assessment.shortfall is None)


def own_targets(target: Target, units: list[Unit]) -> dict[str, Target]:
    """The units' own targets for the same figure, dimension and year (see the module)."""
    rows = Target.objects.filter(
        figure=target.figure,
        dimension=target.dimension,
        year=target.year,
        scope=Target.Scope.ORGANISATION,
        unit__isnull=False,
    ).exclude(pk=target.pk)
    # A few targets against many units: the units are matched here, not in a query over thousands of ids.
    wanted = {u.pk for u in units}
    return {row.unit_id: row for row in rows.order_by("id") if row.unit_id in wanted}


def assess_units(target: Target, units: list[Unit], actuals: Actuals) -> list[UnitOutcome]:
    """Each unit against the target that applies to it, from the actual figures the viewer sees."""
    if not units:
        return []
    own = own_targets(target, units)
    applying = {u.pk: own.get(u.pk, target) for u in units}
    # The same for every viewer with the same roles over the same units, until the figure's data or the
    # organisation changes (kasam.core.generations); a changed target is a new key. A target over
    # thousands of units assesses each on every view otherwise.
    key = (
        "target-assessments",
        target.figure,
        target.dimension,
        _terms(target),
        tuple(sorted((unit_id, _terms(own_target)) for unit_id, own_target in own.items())),
        tuple(u.pk for u in units),
        actuals.key(target.figure),
    )
    assessed = generations.cached(
        figure_sources(target.figure), key, lambda: _assessments(target, units, applying, actuals)
    )
    outcomes = []
    for unit in units:
        assessment, points = assessed[unit.pk]
        outcomes.append(
            UnitOutcome(unit, applying[unit.pk], unit.pk in own, assessment, actuals.today, points)
        )
    return outcomes


def _terms(target: Target) -> tuple:
    return (target.kind, str(target.value), target.base_year, target.year)


def _assessments(
    target: Target, units: list[Unit], applying: dict[str, Target], actuals: Actuals
) -> dict[str, tuple[Assessment, list]]:
    """{unit id: (its assessment, the points assessed)}."""
    since = min(t.base_year for t in applying.values())
    points = actuals.points(target.figure, target.dimension, units, since)
    higher = higher_is_better(target)
    found = {}
    for unit in units:
        applied = applying[unit.pk]
        assessment = arithmetic.assess(
            points[unit.pk],
            applied.kind,
            float(applied.value),
            applied.base_year,
            applied.year,
            higher,
            actuals.today,
        )
        found[unit.pk] = (assessment, points[unit.pk])
    return found


def units_reached(target: Target, user) -> list[Unit]:
    """`reached_units` within the user's scope, kept until the organisation changes (thousands of unit
    rows for a target over the whole tree) for every viewer with the same scope."""
    key = ("target-units", target.scope, target.unit_id, scope_key(user, Capability.VIEW_TARGETS))
    return generations.cached(ORG, key, lambda: reached_units(target, scope_units(user)))


def target_view(target: Target, user, actuals: Actuals, asked: str | None = None) -> TargetView:
    """The target for the viewer: the shown unit's outcome and every unit it reaches in scope."""
    units = units_reached(target, user)
    focus = focus_unit(target, scope_units(user), asked, reached=units)
    assessed = units if focus is None or focus in units else [*units, focus]
    outcomes = {o.unit.pk: o for o in assess_units(target, assessed, actuals)}
    return TargetView(target, outcomes[focus.pk] if focus else None, [outcomes[u.pk] for u in units])


def list_view(target: Target, user, actuals: Actuals) -> TargetView:
    """The list's row: an organisation target's own unit, an each-unit target's units in scope."""
    if target.scope == Target.Scope.EACH_UNIT:
        return TargetView(target, None, assess_units(target, units_reached(target, user), actuals))
    return TargetView(target, assess_units(target, [target.unit], actuals)[0], [])


# ------------------------------------------------------------------------------------------ chart


def target_chart(view: TargetView, actuals: Actuals):
    """The shown unit's actual line against its target line, with the figures as a table."""
    if view.focus is None:
        return None
    outcome, target = view.focus, view.focus.target
    points = arithmetic.by_month(
        actuals.chart_points(target.figure, target.dimension, outcome.unit, target.base_year)
    )
    actual, line_name = gettext("Actual"), gettext("Target line")
    data = [{"month": month, "line": actual, "value": value} for month, value in points if value is not None]
    line = arithmetic.target_line(
        outcome.assessment.base,
        outcome.assessment.target,
        target.base_year,
        target.year,
        [m for m, _v in points],
    )
    data += [{"month": month, "line": line_name, "value": value} for month, value in line]
    if not data:
        return None
    data.sort(key=lambda row: row["month"])
    percent = not is_index(target)
    return charts.line_chart(
        data,
        x="month",
        y="value",
        series="line",
        title=capfirst(
            gettext("%(figure)s in %(unit)s: actual and target")
            % {"figure": figure_label(target), "unit": outcome.unit.name}
        ),
        y_title=gettext("Per cent") if percent else gettext("Index (0–100)"),
        x_title=gettext("Month"),
        description=gettext(
            "The target line runs straight from the base year's figure at the end of %(base)s to the "
            "target at the end of %(year)s."
        )
        % {"base": target.base_year, "year": target.year},
        percent=percent,
        decimals=2 if percent else 1,
        chart_id="target-chart",
    )

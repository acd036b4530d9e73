"""What several home sections read: a year of monthly sick leave, a fallen pulse dimension with its
trend, a unit's next dialog theme. Each reads what the page it links to shows."""

from dataclasses import dataclass
from datetime import date

from django.urls import reverse
from django.utils.translation import gettext

from kasam.absence import figures
from kasam.absence.figures import add_months, pct
from kasam.dialogs.models import DialogRecord, Programme, Theme
from kasam.metrics.reach import Dialog, themes_done
from kasam.pulse import results
from kasam.pulse.dimensions import dimension_name
from kasam.site.home.trend import Trend, index, trend

MONTHS = 12


def monthly_sick_leave(unit_ids: list[str], period: tuple[date, date]) -> dict[str, list[float | None]]:
    """Each unit's sick leave month by month over the 12 months of the stored rolling period (the
    months the unit page's chart ends with), in one query; a month without hours is None."""
    last = date(period[1].year, period[1].month, 1)
    months = [add_months(last, -k) for k in range(MONTHS - 1, -1, -1)]
    found: dict[str, dict[date, float | None]] = {unit: {} for unit in unit_ids}
    for unit, month, sick, ordinary in figures.monthly_rows(unit_ids, months[0], last):
        found[unit][month] = pct(sick, ordinary)
    return {unit: [by_month.get(m) for m in months] for unit, by_month in found.items()}


def sick_leave_trend(values: list[float | None]) -> Trend | None:
    return trend(gettext("Sick leave per month"), values)


@dataclass(frozen=True)
class Fallen:
    """A pulse dimension that fell in the unit's latest closed round (the dashboard's early signal)."""

    dimension: str
    name: str
    index: float | None
    trend: Trend | None
    url: str


def fallen_dimensions(unit_id: str, points: list[results.RoundPoint]) -> list[Fallen]:
    """The dimensions with an early signal (results.early_signals, the dashboard's rule), each with its
    index over the closed rounds that asked about it – None where the unit was not shown."""
    found = []
    url = reverse("pulse:dashboard", kwargs={"unit_id": unit_id})
    for dimension in results.early_signals(points):
        # The rounds that asked about the dimension (rounds rotate statements); None where the unit
        # was not shown.
        asked = [p for p in points if results.dimension_statements(p.round.statement_ids, dimension)]
        values = [
            p.dimensions[dimension].index if p.shown and dimension in p.dimensions else None for p in asked
        ]
        name = dimension_name(dimension)
        title = gettext("%(dimension)s per pulse round") % {"dimension": name}
        found.append(Fallen(dimension, name, values[-1], trend(title, values, index), url))
    return found


@dataclass(frozen=True)
class NextTheme:
    programme: Programme
    theme: Theme
    last_held: date | None  # the unit's latest dialog of any programme
    url: str


def next_themes(unit_ids: list[str]) -> dict[str, NextTheme]:
    """Each unit's next theme of the first series programme in use that it has not finished (the unit's
    reach page lists the same themes as done or not), in three queries."""
    programmes = list(
        Programme.objects.filter(in_use=True, kind=Programme.Kind.SERIES)
        .prefetch_related("themes")
        .order_by("position", "title_sv")
    )
    records = list(
        DialogRecord.objects.filter(unit__in=unit_ids).values_list(
            "unit_id", "held_on", "programme__slug", "theme__slug"
        )
    )
    dialogs = [Dialog(unit, held_on, programme, theme or "") for unit, held_on, programme, theme in records]
    found = {}
    for unit in unit_ids:
        held = [day for u, day, _p, _t in records if u == unit]
        for programme in programmes:
            done = themes_done(dialogs, unit, programme.slug)
            theme = next((t for t in programme.themes.all() if t.slug not in done), None)
            if theme is not None:
                url = reverse("dialogs:theme", kwargs={"slug": programme.slug, "theme_slug": theme.slug})
                found[unit] = NextTheme(programme, theme, max(held, default=None), url)
                break
    return found

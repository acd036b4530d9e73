"""The unit's own figures beside each area of the safety round (kasam.metrics.sam.FIGURES_BESIDE),
each through the gate it always goes through: the pulse's latest closed round over the unit (shown
only for a node the pulse showed), the latest employee survey's HME sub-indices (the survey's gate),
and sick leave over the last 12 months – live for one who sees the unit's sick leave unsuppressed (its
manager), from the latest release for everyone else (the safety representative), as on the health
plan (kasam.plans.snapshot)."""

from dataclasses import dataclass
from datetime import date

from django.utils.translation import gettext

from kasam.absence.access import ungated_units
from kasam.core.formatting import format_number
from kasam.metrics import sam
from kasam.org.models import Unit
from kasam.plans import snapshot
from kasam.pulse.dimensions import dimension_name


@dataclass(frozen=True)
class Figure:
    label: str
    value: str  # in words: a number, or why there is none


def _pct(value: float | None) -> str:
    return gettext("not shown") if value is None else f"{format_number(value, 1)} %"


def _sick_leave(unit: Unit, user) -> Figure:
    if ungated_units(user).filter(pk=unit.pk).exists():
        section = snapshot.sick_leave_section(unit)
        if section is not None:
            return Figure(gettext("Sick leave, the last 12 months"), _pct(section["sick_leave_pct"]))
    released = snapshot.released_section(unit)
    if released is None or not released["shown"]:
        return Figure(gettext("Sick leave"), gettext("not published for the unit"))
    return Figure(gettext("Sick leave (published figure)"), _pct(released["sick_leave_pct"]))


def area_figures(unit: Unit, user, day: date) -> dict[str, list[Figure]]:
    """Per area of the round, the figures to show beside it (an empty list: Kasam has none)."""
    pulse = snapshot.pulse_section(unit)
    survey = snapshot.survey_section(unit, day.year)
    sick_leave = None
    found: dict[str, list[Figure]] = {}
    for area in sam.AREAS:
        wanted = sam.figures_beside(area)
        rows = []
        for dimension in wanted.pulse_dimensions:
            if pulse is None:
                value = gettext("no pulse yet")
            elif not pulse["shown"]:
                value = gettext("too few answers to show")
            else:
                index = pulse["dimensions"].get(dimension, {}).get("index")
                value = gettext("not shown") if index is None else format_number(index)
            rows.append(Figure(gettext("Pulse: %(name)s") % {"name": dimension_name(dimension)}, value))
        for index in wanted.hme_subindices:
            if survey is None or not survey["shown"]:
                value = gettext("too few answers to show") if survey else gettext("no survey yet")
            else:
                number = survey["hme"].get(index)
                value = gettext("not shown") if number is None else format_number(number)
            rows.append(Figure(gettext("Employee survey: HME %(name)s") % {"name": index}, value))
        if wanted.sick_leave:
            sick_leave = sick_leave or _sick_leave(unit, user)
            rows.append(sick_leave)
        found[area] = rows
    return found

"""Which units need support first: the area manager's home page ranks the units of its scope on one
combined view of sick leave, the pulse, the employee survey and the health plan, each with its
reasons in words (docs/definitions.md "Units that need support"). Pure: the figures come in already
through the disclosure gate, as the pages behind them show them.

The rule:
- A unit has a **reason** for each of these that holds:
  - sick leave over the last 12 months rose by at least SICK_LEAVE_RISE_PP percentage points against
    the 12 months before (as the sick-leave overview shows it, to one decimal);
  - a pulse dimension fell in the latest closed round (the pulse's early signal, one reason for each
    dimension);
  - the employee survey's HME fell by at least HME_DROP points against the previous survey (as
    shown, in whole points);
  - the unit has no health plan for the year, or activities of its plan are overdue.
- Units are ordered by how many of the four **areas** (sick leave, pulse, survey, plan) have a
  reason, most first; ties by the rise of sick leave, then by the number of fallen dimensions, then
  by the fall of HME (each counted only where it is a reason, else 0), then by name and id.
- A figure that is missing or hidden (None) is never a reason and takes no part in the order: a unit
  whose figure is hidden is ranked exactly as one whose figure is shown and gives no reason, so the
  order cannot tell the two apart. Units without any reason are not ranked.
"""

from dataclasses import dataclass
from enum import StrEnum

SICK_LEAVE_RISE_PP = 0.5
HME_DROP = 3


class Kind(StrEnum):
    SICK_LEAVE_UP = "sick_leave_up"
    PULSE_FELL = "pulse_fell"
    SURVEY_FELL = "survey_fell"
    NO_PLAN = "no_plan"
    OVERDUE = "overdue"


AREA = {
    Kind.SICK_LEAVE_UP: "sick_leave",
    Kind.PULSE_FELL: "pulse",
    Kind.SURVEY_FELL: "survey",
    Kind.NO_PLAN: "plan",
    Kind.OVERDUE: "plan",
}


@dataclass(frozen=True)
class UnitFigures:
    """One unit's figures as its viewer's pages show them; None where missing or hidden."""

    unit_id: str
    name: str
    sick_leave_change_pp: float | None = None
    fallen_dimensions: tuple[str, ...] = ()
    hme_change: float | None = None
    has_plan: bool | None = None  # None: not known (no reason)
    overdue_activities: int = 0


@dataclass(frozen=True)
class Reason:
    kind: Kind
    value: float | None = None  # the rise in pp, the fall in points (positive), the overdue count
    dimension: str = ""  # the fallen pulse dimension


@dataclass(frozen=True)
class Ranked:
    unit_id: str
    name: str
    reasons: tuple[Reason, ...]

    @property
    def areas(self) -> int:
        return len({AREA[reason.kind] for reason in self.reasons})


def reasons(unit: UnitFigures) -> tuple[Reason, ...]:
    """The unit's reasons, in the order the page names them."""
    found = []
    change = unit.sick_leave_change_pp
    if change is not None and round(change, 1) >= SICK_LEAVE_RISE_PP:
        found.append(Reason(Kind.SICK_LEAVE_UP, change))
    found.extend(Reason(Kind.PULSE_FELL, dimension=d) for d in unit.fallen_dimensions)
    if unit.hme_change is not None and round(-unit.hme_change) >= HME_DROP:
        found.append(Reason(Kind.SURVEY_FELL, -unit.hme_change))
    if unit.has_plan is False:
        found.append(Reason(Kind.NO_PLAN))
    elif unit.overdue_activities > 0:
        found.append(Reason(Kind.OVERDUE, unit.overdue_activities))
    return tuple(found)


def _value(ranked: Ranked, kind: Kind) -> float:
    return sum(reason.value or 0 for reason in ranked.reasons if reason.kind == kind)


def _key(ranked: Ranked) -> tuple:
    fallen = sum(1 for reason in ranked.reasons if reason.kind == Kind.PULSE_FELL)
    return (
        -ranked.areas,
        -_value(ranked, Kind.SICK_LEAVE_UP),
        -fallen,
        -_value(ranked, Kind.SURVEY_FELL),
        ranked.name,
        ranked.unit_id,
    )


def rank(units: list[UnitFigures]) -> list[Ranked]:
    """The units with at least one reason, the one that needs support most first."""
    ranked = [Ranked(u.unit_id, u.name, found) for u in units if (found := reasons(u))]
    return sorted(ranked, key=_key)

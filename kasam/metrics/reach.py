"""The reach of the dialogs at the workplace meeting (docs/definitions.md "Dialogs and their reach"):
which units and how many employees a dialog programme has reached, over time, and which units have
been quiet for long.

Pure: no Django. Definitions (Kasam's own choices, also in docs/definitions.md and
docs/architecture.md):

- A dialog is recorded for one unit. It reaches that unit and every unit below it: a unit's
  workplace meeting is held with its teams.
- The units counted are the units with staff of their own on the day (`staff[unit] > 0`): a unit with
  no one employed directly in it has no meeting of its own to reach.
- Reach of a programme on a day = the units with staff that a dialog of the programme, held on or
  before that day, reached. The share of units = reached / units with staff; the share of employees =
  the staff of reached units / all staff, with each person counted in their own unit's staff (the
  caller counts persons on that day, each once).
- A unit is quiet when no dialog of any programme has reached it for more than `days` days, or never.
- A share whose denominator is 0 is None.
"""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True)
class Dialog:
    unit: str
    held_on: date
    programme: str
    theme: str = ""


@dataclass(frozen=True)
class Reach:
    units_reached: int
    units: int
    employees_reached: int
    employees: int

    @property
    def unit_share(self) -> float | None:
        return _share(self.units_reached, self.units)

    @property
    def employee_share(self) -> float | None:
        return _share(self.employees_reached, self.employees)


def _share(part: int, whole: int) -> float | None:
    return None if whole == 0 else round(100 * part / whole, 2)


def subtree_of(parent_of: Mapping[str, str | None]) -> dict[str, set[str]]:
    """Every unit's subtree (itself included)."""
    children: dict[str | None, list[str]] = {}
    for unit, parent in parent_of.items():
        children.setdefault(parent, []).append(unit)
    subtrees: dict[str, set[str]] = {}

    def collect(unit: str) -> set[str]:
        if unit not in subtrees:
            found, stack = {unit}, list(children.get(unit, ()))
            while stack:
                below = stack.pop()
                found.add(below)
                stack.extend(children.get(below, ()))
            subtrees[unit] = found
        return subtrees[unit]

    for unit in parent_of:
        collect(unit)
    return subtrees


def reached_units(
    parent_of: Mapping[str, str | None], dialogs: Iterable[Dialog], programme: str | None, day: date
) -> set[str]:
    """The units a dialog of `programme` (any programme when None) held on or before `day` reached."""
    subtrees = subtree_of(parent_of)
    reached: set[str] = set()
    for dialog in dialogs:
        if dialog.held_on <= day and (programme is None or dialog.programme == programme):
            reached |= subtrees.get(dialog.unit, set())
    return reached


def reach(
    parent_of: Mapping[str, str | None],
    staff: Mapping[str, int],
    dialogs: Iterable[Dialog],
    programme: str | None,
    day: date,
) -> Reach:
    """The reach of `programme` on `day`, over the units with staff in `staff` (see the module)."""
    with_staff = {unit for unit, n in staff.items() if n > 0}
    reached = reached_units(parent_of, dialogs, programme, day) & with_staff
    return Reach(
        units_reached=len(reached),
        units=len(with_staff),
        employees_reached=sum(staff[unit] for unit in reached),
        employees=sum(staff[unit] for unit in with_staff),
    )


def reach_over_time(
    parent_of: Mapping[str, str | None],
    staff_on: Mapping[date, Mapping[str, int]],
    dialogs: Iterable[Dialog],
    programme: str | None,
) -> list[tuple[date, Reach]]:
    """The reach on each day of `staff_on` (e.g. each month's last day), with that day's staff."""
    dialogs = list(dialogs)
    return [(day, reach(parent_of, staff_on[day], dialogs, programme, day)) for day in sorted(staff_on)]


def last_dialog(parent_of: Mapping[str, str | None], dialogs: Iterable[Dialog], day: date) -> dict[str, date]:
    """Each reached unit's latest dialog (of any programme) on or before `day`."""
    subtrees = subtree_of(parent_of)
    latest: dict[str, date] = {}
    for dialog in dialogs:
        if dialog.held_on > day:
            continue
        for unit in subtrees.get(dialog.unit, ()):
            if unit not in latest or dialog.held_on > latest[unit]:
                latest[unit] = dialog.held_on
    return latest


def quiet_units(
    parent_of: Mapping[str, str | None],
    staff: Mapping[str, int],
    dialogs: Iterable[Dialog],
    day: date,
    days: int,
) -> list[tuple[str, date | None]]:
    """Units with staff that no dialog has reached for more than `days` days, or ever: (unit, last
    dialog or None), never-reached first, then the longest quiet first; ties by unit id."""
    latest = last_dialog(parent_of, dialogs, day)
    quiet = [
        (unit, latest.get(unit))
        for unit, n in staff.items()
        if n > 0 and (unit not in latest or (day - latest[unit]).days > days)
    ]
    return sorted(quiet, key=lambda row: (row[1] is not None, row[1] or date.min, row[0]))


def themes_done(dialogs: Iterable[Dialog], unit: str, programme: str) -> dict[str, list[date]]:
    """The themes of `programme` recorded for `unit` itself, each with its dates in order."""
    done: dict[str, list[date]] = {}
    for dialog in dialogs:
        if dialog.unit == unit and dialog.programme == programme and dialog.theme:
            done.setdefault(dialog.theme, []).append(dialog.held_on)
    return {theme: sorted(dates) for theme, dates in done.items()}

"""The dialogs' reach for a viewer: loads the tree, the staff of each unit and the recorded dialogs,
and hands them to kasam.metrics.reach (the definitions are there).

Staff on a day: each person employed that day counts once, in the unit of their employment with the
highest rate (tie: the earliest start) – the rule by which the pulse invites a person. The viewer's
scope limits both the units counted and the dialogs: an area manager's reach is the reach within the
area."""

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, timedelta

from kasam.core.dates import today
from kasam.dialogs.models import DialogRecord, Programme
from kasam.metrics import reach as metrics
from kasam.org.models import Employment

QUIET_DAYS = 90  # a unit is quiet after three months without a dialog (a setting would do as well)
MONTHS = 24


def month_ends(last: date, count: int) -> list[date]:
    """The last day of each of `count` months up to and including `last`'s month (the latest is
    `last` itself: the month so far)."""
    days, day = [last], last.replace(day=1) - timedelta(days=1)
    while len(days) < count:
        days.append(day)
        day = day.replace(day=1) - timedelta(days=1)
    return sorted(days)


@dataclass
class ReachData:
    parent_of: dict[str, str | None]
    names: dict[str, str]
    employments: list[tuple[str, str, date, date | None, float]]
    dialogs: list[metrics.Dialog]

    def staff_on(self, day: date) -> dict[str, int]:
        best: dict[str, tuple] = {}
        for person, unit, start, end, rate in self.employments:
            if start <= day and (end is None or end >= day):
                key = (-rate, start)
                if person not in best or key < best[person][0]:
                    best[person] = (key, unit)
        staff: dict[str, int] = defaultdict(int)
        for _key, unit in best.values():
            if unit in self.parent_of:
                staff[unit] += 1
        return {unit: staff.get(unit, 0) for unit in self.parent_of}


def load(units) -> ReachData:
    """The reach's data within `units` (the viewer's scope)."""
    rows = list(units.values_list("pk", "parent_id", "name"))
    ids = {pk for pk, _parent, _name in rows}
    parent_of = {pk: (parent if parent in ids else None) for pk, parent, _name in rows}
    employments = list(
        Employment.objects.filter(unit__in=ids).values_list(
            "person_id", "unit_id", "start_date", "end_date", "rate"
        )
    )
    dialogs = [
        metrics.Dialog(unit, held_on, slug, theme or "")
        for unit, held_on, slug, theme in DialogRecord.objects.filter(unit__in=ids).values_list(
            "unit_id", "held_on", "programme__slug", "theme__slug"
        )
    ]
    return ReachData(parent_of, {pk: name for pk, _p, name in rows}, employments, dialogs)


@dataclass
class ProgrammeReach:
    programme: Programme
    now: metrics.Reach
    series: list[tuple[date, metrics.Reach]]


def programme_reach(data: ReachData, programmes, day: date | None = None) -> list[ProgrammeReach]:
    day = day or today()
    days = month_ends(day, MONTHS)
    staff_by_day = {d: data.staff_on(d) for d in days}
    found = []
    for programme in programmes:
        series = metrics.reach_over_time(data.parent_of, staff_by_day, data.dialogs, programme.slug)
        found.append(ProgrammeReach(programme, series[-1][1], series))
    return found


def quiet(data: ReachData, day: date | None = None) -> list[tuple[str, date | None]]:
    day = day or today()
    return metrics.quiet_units(data.parent_of, data.staff_on(day), data.dialogs, day, QUIET_DAYS)


__all__ = ["QUIET_DAYS", "ReachData", "load", "month_ends", "programme_reach", "quiet"]

"""What the overview shows those above the leaders (VIEW_LEADERSHIP): the trainings of the leaders in
scope (HR data, by name); the checklist's aggregate for a calendar year is a release
(kasam.leadership.releases: at least k leaders, never recomputed; the reasons are in
kasam.metrics.leadership)."""

from dataclasses import dataclass
from datetime import date

from kasam.core.dates import today
from kasam.leadership import access
from kasam.leadership.models import BuildingBlock, ChecklistAnswer, Training


@dataclass(frozen=True)
class LeaderRow:
    user_id: int
    name: str
    units: list
    taken: list  # per block of the table: the latest date taken, or None


@dataclass(frozen=True)
class BlockCount:
    block: BuildingBlock
    leaders: int


def trainings_table(viewer) -> tuple[list[BlockCount], list[LeaderRow]]:
    """Per building block, how many leaders in scope have taken it; and each leader with the date
    they took each block (the latest, when taken more than once)."""
    units = access.scope_units(viewer)
    leaders = list(access.leaders_in(units).select_related("person"))
    ids = [leader.pk for leader in leaders]
    latest: dict[tuple[int, int], date] = {}
    for user_id, block_id, day in Training.objects.filter(user_id__in=ids).values_list(
        "user_id", "block_id", "completed_on"
    ):
        if (user_id, block_id) not in latest or day > latest[user_id, block_id]:
            latest[user_id, block_id] = day
    taken_blocks = {block_id for _user, block_id in latest}
    blocks = [b for b in BuildingBlock.objects.all() if b.in_use or b.pk in taken_blocks]
    counts = [BlockCount(block, sum((leader, block.pk) in latest for leader in ids)) for block in blocks]
    units_of = access.leader_units(ids, units)
    rows = [
        LeaderRow(
            user_id=leader.pk,
            name=access.display_name(leader),
            units=units_of.get(leader.pk, []),
            taken=[latest.get((leader.pk, block.pk)) for block in blocks],
        )
        for leader in leaders
    ]
    return counts, rows


def years_offered(viewer) -> list[int]:
    """This year and every year with a checklist answer of a leader in scope, newest first."""
    leader_ids = access.leaders_in_scope(viewer).order_by().values("pk")
    years = {
        day.year
        for day in ChecklistAnswer.objects.filter(user_id__in=leader_ids).dates("answered_on", "year")
    }
    return sorted(years | {today().year}, reverse=True)

"""What the overview shows those above the leaders (VIEW_LEADERSHIP): the trainings of the leaders in
scope (HR data, by name) and ONE aggregate of their checklist for a calendar year, through
kasam.metrics.leadership (at least k leaders, released in steps of k leaders; the reasons are in
that module)."""

from dataclasses import dataclass
from datetime import date

from django.conf import settings

from kasam.core.dates import today
from kasam.leadership import access
from kasam.leadership.checklist import SLUGS, statement_text
from kasam.leadership.models import BuildingBlock, ChecklistAnswer, Training
from kasam.metrics.leadership import Summary, checklist_summary, released_until


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


@dataclass(frozen=True)
class Aggregate:
    year: int
    released_until: date | None
    summary: Summary
    rows: list  # (statement text, mean, share answering 4–5) when shown


def checklist_aggregate(viewer, year: int) -> Aggregate:
    """The year's one aggregate over the leaders in the viewer's scope: each leader's latest answer
    of the year up to the released day."""
    k = settings.KASAM_PULSE_K
    leader_ids = access.leaders_in_scope(viewer).order_by().values("pk")
    answers = list(
        ChecklistAnswer.objects.filter(user_id__in=leader_ids, answered_on__year=year).order_by(
            "answered_on", "id"
        )
    )
    until = released_until(((a.user_id, a.answered_on) for a in answers), k, today())
    latest = {a.user_id: a.scores for a in answers if until is not None and a.answered_on <= until}
    summary = checklist_summary(latest, k, SLUGS)
    rows = (
        [(statement_text(s.slug), s.mean, s.high_share) for s in summary.statements] if summary.shown else []
    )
    return Aggregate(year=year, released_until=until, summary=summary, rows=rows)


def years_offered(viewer) -> list[int]:
    """This year and every year with a checklist answer of a leader in scope, newest first."""
    leader_ids = access.leaders_in_scope(viewer).order_by().values("pk")
    years = {
        day.year
        for day in ChecklistAnswer.objects.filter(user_id__in=leader_ids).dates("answered_on", "year")
    }
    return sorted(years | {today().year}, reverse=True)

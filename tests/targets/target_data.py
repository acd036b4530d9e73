"""Test data of the target tests: stored sick-leave series, closed pulse rounds and targets over the
shared fixture's tree (SOC › AO › AO-HT1 › AO-HT1-A, AO › AO-SB1, SOC › IFO › IFO-BU)."""

import random
from datetime import date
from decimal import Decimal

from kasam.absence.models import SickLeaveMonth, SickLeavePeriod
from kasam.pulse.models import Answer, Programme, Round
from kasam.targets.models import Target

YEAR_2025 = (date(2025, 1, 1), date(2025, 12, 31))
YEAR_2026 = (date(2026, 1, 1), date(2026, 11, 25))  # the current year, up to today
ROLLING = (date(2025, 11, 1), date(2026, 10, 31))
# unit: (persons, sick leave 2025 %, sick leave over the rolling 12 months %). AO-SB1 has too few
# persons for the committee, and AO minus AO-HT1 would give it away, so AO-HT1 is hidden as well.
SICK_LEAVE = {
    "SOC": (100, 9.3, 8.9),
    "AO": (38, 9.5, 9.2),
    "AO-HT1": (30, 10.0, 9.6),
    "AO-HT1-A": (14, 9.0, 9.0),
    "AO-SB1": (8, 8.0, 7.0),
    "IFO": (40, 9.2, 8.7),
    "IFO-BU": (25, 9.0, 9.5),
}
LONG_TERM_SHARE = 0.4  # of every sick hour
MONTHLY_ORDINARY = 100.0  # ordinary hours per person and month


# The gate's decision the refill stores with the rows (these rows are written by hand).
COMMITTEE_HIDDEN = {"AO-SB1", "AO-HT1"}


def _period(unit_id, start, end, kind, pct):
    persons = SICK_LEAVE[unit_id][0]
    ordinary = 12 * MONTHLY_ORDINARY * persons
    sick = ordinary * pct / 100
    return SickLeavePeriod(
        unit_id=unit_id, start=start, end=end, kind=kind, group="all", persons=persons,
        ordinary_hours=ordinary, sick_hours=sick, long_sick_hours=sick * LONG_TERM_SHARE,
        max_person_sick_hours=sick / persons * 2, occasions=persons, repeated_short_term_persons=0,
        ha_persons=persons, ha_healthy_0=persons // 4, ha_healthy_5=persons // 2, split_hidden=False,
        gated_hidden=unit_id in COMMITTEE_HIDDEN,
    )  # fmt: skip


def _month(unit_id, month, pct):
    persons = SICK_LEAVE[unit_id][0]
    ordinary = MONTHLY_ORDINARY * persons
    sick = ordinary * pct / 100
    return SickLeaveMonth(
        unit_id=unit_id, month=month, persons=persons, ordinary_hours=ordinary, sick_hours=sick,
        long_sick_hours=sick * LONG_TERM_SHARE, sick_hours_1_14=sick / 2, sick_hours_15_59=sick / 2,
        sick_hours_60_89=0.0, sick_hours_90_179=0.0, sick_hours_180_364=0.0, sick_hours_365=0.0,
        occasions=1,
    )  # fmt: skip


def add_sick_leave_series() -> None:
    """The stored series the refill would write, month by month consistent with the periods: every
    month of 2025 at the year's figure and every month of 2026 at the rate that makes the rolling 12
    months (Nov 2025 … Oct 2026) come out at the unit's rolling figure."""
    periods, months = [], []
    for unit_id, (_persons, year, rolling) in SICK_LEAVE.items():
        later = (12 * rolling - 2 * year) / 10
        periods += [
            _period(unit_id, *YEAR_2025, "year", year),
            _period(unit_id, *YEAR_2026, "year", later),
            _period(unit_id, *ROLLING, "rolling12", rolling),
        ]
        for number in range(1, 13):
            months.append(_month(unit_id, date(2024, number, 1), year + 0.5))
            months.append(_month(unit_id, date(2025, number, 1), year))
        for number in range(1, 12):
            months.append(_month(unit_id, date(2026, number, 1), later))
    SickLeavePeriod.objects.bulk_create(periods)
    SickLeaveMonth.objects.bulk_create(months)


AUGUST = date(2026, 8, 1)


def add_sick_leave_releases() -> None:
    """The releases the committee reads, written by hand as the builder would (the builder is tested
    with the economy's releases): the year 2025 at the year's figures and January–August 2026 at the
    rolling figure + 0.5; neither shows COMMITTEE_HIDDEN."""
    from kasam.releases.models import Release

    for code, start, end, column, extra in (
        ("2025", date(2025, 1, 1), date(2025, 12, 31), 1, 0.0),
        ("2026-T2", date(2026, 1, 1), date(2026, 8, 31), 2, 0.5),
    ):
        figures = {}
        for unit_id, values in SICK_LEAVE.items():
            if unit_id in COMMITTEE_HIDDEN:
                continue
            persons, pct = values[0], values[column] + extra
            ordinary = 12 * MONTHLY_ORDINARY * persons
            sick = ordinary * pct / 100
            figures[unit_id] = dict(
                persons=persons, ordinary_hours=ordinary, sick_hours=sick,
                long_sick_hours=sick * LONG_TERM_SHARE, occasions=persons, ha_persons=persons,
                ha_healthy_0=persons // 4, ha_healthy_5=persons // 2, groups={}, cost=None,
            )  # fmt: skip
        Release.objects.create(
            kind="sick-leave", period=code, start=start, end=end, published_by="halsostrateg", roots=["SOC"],
            figures=figures,
        )  # fmt: skip


def target(**fields) -> Target:
    defaults = {
        "figure": Target.Figure.SICK_LEAVE,
        "scope": Target.Scope.ORGANISATION,
        "unit_id": "SOC",
        "year": 2026,
        "kind": Target.Kind.LEVEL,
        "value": Decimal("8.55"),
        "base_year": 2025,
    }
    return Target.objects.create(**{**defaults, **fields})


TREE = {
    "SOC": None,
    "AO": "SOC",
    "AO-HT1": "AO",
    "AO-HT1-A": "AO-HT1",
    "AO-SB1": "AO",
    "IFO": "SOC",
    "IFO-BU": "IFO",
}


def closed_round(number: int, closes: date, health: dict[str, tuple[int, int]], shown: list[str]) -> Round:
    """A closed round over SOC asking only the health question. `health` maps a reporting node to
    (answers, of which good or better); `shown` is the gate's decision at close."""
    programme = Programme.objects.first() or Programme.objects.create(name="Puls", root_unit_id="SOC")
    round = Round.objects.create(
        programme=programme,
        number=number,
        opens_on=closes.replace(day=1),
        closes_on=closes,
        status=Round.Status.CLOSED,
        statement_ids=["halsa"],
        k=5,
        tree=TREE,
        shown_nodes=shown,
    )
    answers = []
    for node, (count, good) in health.items():
        answers += [
            Answer(round=round, reporting_node=node, statement_id="halsa", value=4) for _ in range(good)
        ]
        answers += [
            Answer(round=round, reporting_node=node, statement_id="halsa", value=2)
            for _ in range(count - good)
        ]
    random.Random(number).shuffle(answers)
    Answer.objects.bulk_create(answers)
    return round


def add_pulse_rounds() -> list[Round]:
    """Two rounds: December 2025 (SOC 6 of 12 good or better: 50 %; AO-HT1 3 of 6, IFO-BU 3 of 6) and
    October 2026 (SOC 9 of 12: 75 %; AO-HT1 5 of 6, IFO-BU 4 of 6). AO-SB1 is never shown."""
    december = closed_round(
        1, date(2025, 12, 10), {"AO-HT1": (6, 3), "IFO-BU": (6, 3)}, ["SOC", "AO", "AO-HT1", "IFO", "IFO-BU"]
    )
    october = closed_round(
        2, date(2026, 10, 15), {"AO-HT1": (6, 5), "IFO-BU": (6, 4)}, ["SOC", "AO", "AO-HT1", "IFO", "IFO-BU"]
    )
    return [december, october]

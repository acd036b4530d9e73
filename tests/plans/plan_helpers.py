"""Shared helpers of the health-plan tests: plans, activities, stored sick-leave figures and a closed
pulse round over Hemtjänst Norr in which the unit is shown."""

from datetime import date

from kasam.absence.models import SickLeavePeriod
from kasam.org.models import Employment, Person
from kasam.plans import actions
from kasam.plans.factors import FACTORS, Entry, record_rating
from kasam.plans.models import Activity
from kasam.pulse import actions as pulse_actions
from kasam.pulse.models import Programme, Round

ROLLING = (date(2025, 11, 1), date(2026, 10, 31))
SIX = {
    "what": "Återhämtningspaus på APT",
    "how": "Tio minuter i början av varje APT där vi pratar om vad som ger energi.",
    "why": "Vi vill må bättre och orka hela veckan.",
    "who": "Åsa leder, alla deltar",
    "when": "Varje APT under våren",
    "follow_up": "Vi frågar gruppen i juni om det hjälpt.",
}


def activity_post(**overrides) -> dict:
    return {**SIX, "follow_up_on": "2027-03-01", "area": "", "tracked_statement": "", **overrides}


def make_plan(unit_id="AO-HT1", year=2026, user=None):
    from kasam.org.models import Unit

    plan, _created = actions.get_or_create_plan(Unit.objects.get(pk=unit_id), year, user)
    return plan


def add_activity(plan, **overrides) -> Activity:
    fields = {**SIX, "follow_up_on": date(2027, 3, 1), **overrides}
    return Activity.objects.create(plan=plan, **fields)


def rating(unit_id="AO-HT1", day=date(2026, 11, 2), score=3, strengthen=(), keep=()):
    from kasam.org.models import Unit

    entries = {
        f.value: Entry(
            score=score,
            note=f"Anteckning {f.value}",
            choice="strengthen" if f.value in strengthen else "keep" if f.value in keep else "",
        )
        for f in FACTORS
    }
    return record_rating(Unit.objects.get(pk=unit_id), day, entries)


def sick_leave(persons: dict[str, int], sick_per_person=60.0, healthy_share=0.25, hidden=frozenset()):
    """Stored rolling-12-month rows: sick leave = sick_per_person / 1000 hours; `hidden` are the units
    the gate's stored decision hides from the committee (the refill's decision, written by hand)."""
    SickLeavePeriod.objects.filter(kind="rolling12").delete()
    SickLeavePeriod.objects.bulk_create(
        SickLeavePeriod(
            unit_id=unit_id,
            start=ROLLING[0],
            end=ROLLING[1],
            kind="rolling12",
            group="all",
            persons=n,
            ordinary_hours=1000.0 * n,
            sick_hours=sick_per_person * n,
            long_sick_hours=10.0 * n,
            max_person_sick_hours=sick_per_person * 2,
            occasions=n,
            repeated_short_term_persons=0,
            ha_persons=n,
            ha_healthy_0=int(n * healthy_share),
            ha_healthy_5=n // 2,
            split_hidden=False,
            gated_hidden=unit_id in hidden,
        )  # fmt: skip
        for unit_id, n in persons.items()
    )


def add_staff(unit_id="AO-HT1", count=9):
    for number in range(count):
        person = Person.objects.create(id=f"Z{unit_id}{number:03d}", birth_year=1980, last_name="Lindqvist")
        Employment.objects.create(
            person=person, unit_id=unit_id, start_date=date(2020, 1, 1), rate=100, pay="monthly"
        )


def closed_round(statements, value=4, number=1, opens=date(2026, 10, 5), root="AO-HT1") -> Round:
    """A closed round over `root` in which every invited person answered `value` to every statement.
    Hemtjänst Norr has 11 current staff with add_staff(): the unit is shown."""
    programme = Programme.objects.filter(root_unit_id=root).first() or Programme.objects.create(
        name=f"Puls {root}", root_unit_id=root
    )
    round = Round.objects.create(
        programme=programme,
        number=number,
        opens_on=opens,
        closes_on=opens.replace(day=opens.day + 6),
        statement_ids=list(statements),
    )
    issued = pulse_actions.open_round(round, opens)
    for index, (_invitation, token) in enumerate(issued):
        answers = {s: value for s in round.statement_ids}
        result = pulse_actions.submit(token, answers, None, f"key-{number:02d}-{index:04d}", opens)
        assert result.stored, result
    pulse_actions.close_round(round)
    return Round.objects.get(pk=round.pk)

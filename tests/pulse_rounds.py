"""A pulse round on the tree of tests/conftest.py, opened, answered and closed through the actions: for
the tests of pages that show a round's results (the employee page, its browser test)."""

from datetime import date

from kasam.org.models import Employment, Person
from kasam.pulse import actions
from kasam.pulse.models import Programme, Round

STATEMENTS = ["beg1", "han1", "men1", "halsa"]
# Extra staff per unit, and how many of each unit answer: AO-HT1 is shown, AO-SB1 (4) is too few.
EXTRA = {"AO-HT1": 9, "AO-HT1-A": 3, "AO-SB1": 7, "IFO-BU": 6}
ANSWERING = {"AO-HT1": 10, "AO-SB1": 4, "IFO-BU": 6}


def add_staff():
    for number, unit_id in enumerate((u for u, n in EXTRA.items() for _ in range(n)), 1):
        person = Person.objects.create(
            id=f"Y{number:03d}", birth_year=1980, first_name="Greta", last_name="X"
        )
        Employment.objects.create(
            person=person, unit_id=unit_id, start_date=date(2020, 1, 1), rate=100, pay="monthly"
        )


def run_round(number: int, opens: date, closes: date, close: bool = True, value: int = 4) -> Round:
    """A round over STATEMENTS answered by ANSWERING per unit (Grupp Lärkan's with Hemtjänst Norr's);
    Alva (P1) and Cilla (P3) never answer, so that a test can answer for them."""
    programme = Programme.objects.first() or Programme.objects.create(name="Puls", root_unit_id="SOC")
    round = Round.objects.create(
        programme=programme, number=number, opens_on=opens, closes_on=closes, statement_ids=STATEMENTS
    )
    issued = actions.open_round(round, opens)
    units = dict(Employment.objects.filter(end_date__isnull=True).values_list("person_id", "unit_id"))
    left = dict(ANSWERING)
    for n, (invitation, token) in enumerate(issued):
        unit = units[invitation.person_id]
        unit = "AO-HT1" if unit == "AO-HT1-A" else unit
        if left.get(unit, 0) <= 0 or invitation.person_id in ("P1", "P3"):
            continue
        left[unit] -= 1
        answers = {s: value if n % 3 else 2 for s in STATEMENTS}
        assert actions.submit(token, answers, None, f"key-{number:02d}-{n:04d}", opens).stored
    if close:
        actions.close_round(round)
    return Round.objects.get(pk=round.pk)

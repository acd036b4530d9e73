"""Attacks that tied pulse answers to named persons, played against the database and the pages
(docs/definitions.md "Anonymity rules" 1, 5 and 6; docs/adr/008-pulse-answers-that-cannot-be-linked.md).

Each test reads the tables as a reader of the database would, with raw SQL, and says in its docstring
what it found on the code before the fix."""

import random
from datetime import date

import pytest
from django.db import connection

from kasam.org.models import Employment, Person, Unit
from kasam.org.tree import compute_paths
from kasam.pulse import actions, results
from kasam.pulse.models import Programme, Round

pytestmark = pytest.mark.django_db(transaction=True)

K = 5
STATEMENTS = ["s1", "s2", "s3"]
OPENS, CLOSES = date(2026, 11, 23), date(2026, 11, 29)


@pytest.fixture(autouse=True)
def _pulse_settings(pulse_settings, monkeypatch):
    settings = pulse_settings
    settings.KASAM_PULSE_K = K
    settings.KASAM_TASKS_BACKEND = "immediate"
    settings.KASAM_TODAY = date(2026, 11, 25)
    monkeypatch.setattr(actions, "rng", random.Random(7))


def organisation(units: dict[str, str | None], staff: dict[str, int]) -> dict[str, str]:
    """Units and staff (`staff` per unit); returns person id → unit id."""
    paths = compute_paths(units)
    for unit_id, parent in units.items():
        Unit.objects.create(
            id=unit_id, parent_id=parent, name=f"Enhet {unit_id}", kind="unit", path=paths[unit_id]
        )
    unit_of = {}
    for unit_id, count in staff.items():
        for i in range(count):
            person = Person.objects.create(
                id=f"{unit_id}-{i:02d}", birth_year=1980, first_name=f"Namn{unit_id}{i}", last_name="Ek"
            )
            Employment.objects.create(
                person=person, unit_id=unit_id, start_date=date(2020, 1, 1), rate=100, pay="monthly"
            )
            unit_of[person.pk] = unit_id
    return unit_of


def open_round(root: str) -> tuple[Round, list]:
    programme = Programme.objects.create(name="Puls", root_unit_id=root)
    round = Round.objects.create(
        programme=programme, number=1, opens_on=OPENS, closes_on=CLOSES, statement_ids=STATEMENTS
    )
    return round, actions.open_round(round, OPENS)


def answer(issued, who, value_of=lambda person: 3, text_of=lambda person: None) -> None:
    tokens = {invitation.person_id: token for invitation, token in issued}
    for person in who:
        values = dict.fromkeys(STATEMENTS, value_of(person))
        result = actions.submit(tokens[person], values, text_of(person), f"key-{person}", day=OPENS)
        assert result.stored, result


def sql(query: str, params=()) -> list[tuple]:
    with connection.cursor() as cursor:
        cursor.execute(query, params)
        return cursor.fetchall()


def test_no_sql_join_ties_stored_answers_to_the_few_invitees_of_a_reporting_node():
    """Attack 1. Group `pulse_invitation` by round and reporting node and keep the groups with fewer
    than k invitees: their persons' stored answers are the rows stored against that node.

    On the old code a reporting node was chosen by the size of its whole subtree, so P – two staff of
    its own, children of 6 and 7 – was the reporting node of its two; the join found the group
    (P, 2 invitees) and 6 answer rows of those two named persons (and, with one invitee, one person's
    answers and comment outright)."""
    unit_of = organisation(
        {"R": None, "P": "R", "C1": "P", "C2": "P", "Q": "R"}, {"P": 2, "C1": 6, "C2": 7, "Q": 8}
    )
    round, issued = open_round("R")
    answer(issued, sorted(unit_of), value_of=lambda person: 1 if unit_of[person] == "P" else 4)
    actions.close_round(round)

    small_groups = sql(
        "SELECT round_id, reporting_node, COUNT(*) FROM pulse_invitation "
        "GROUP BY round_id, reporting_node HAVING COUNT(*) < %s",
        [K],
    )
    assert small_groups == []
    # Every stored group of answers holds at least k respondents (every statement is required, so the
    # rows of one statement count the respondents).
    stored = sql(
        "SELECT reporting_node, COUNT(*) FROM pulse_answer WHERE statement_id = %s GROUP BY reporting_node",
        ["s1"],
    )
    assert stored and all(n >= K for _node, n in stored)
    # After close no table tells who answered: no participation rows, no link hashes left.
    assert sql("SELECT COUNT(*) FROM pulse_participation") == [(0,)]
    assert sql("SELECT COUNT(*) FROM pulse_invitation WHERE token_hash IS NOT NULL") == [(0,)]


def test_a_round_with_a_group_that_answered_less_than_k_is_repooled_at_close():
    """Rule 6: Q's 8 invitees make it a reporting node, but only 2 of them answer; on the old code their
    6 answer rows stayed stored against Q, and the 2 persons with a participation row whose invitation
    names Q were the authors. Now they are stored against R with P's pool."""
    unit_of = organisation({"R": None, "P": "R", "Q": "R"}, {"P": 6, "Q": 8})
    round, issued = open_round("R")
    answering = [p for p in sorted(unit_of) if unit_of[p] == "P"] + ["Q-00", "Q-01"]
    answer(issued, answering)
    actions.close_round(round)
    stored = dict(
        sql("SELECT reporting_node, COUNT(*) FROM pulse_answer WHERE statement_id = 's1' GROUP BY 1")
    )
    assert stored == {"R": 8}
    # Q's 2 pass to R; R's pool of 2 is fixed by P (the smallest reporting node) giving its pool.
    assert Round.objects.get(pk=round.pk).counts == {"R": [14, 8]}


def test_while_a_round_is_open_no_answer_can_be_read_or_ordered():
    """Attack 7. While the round is open, read the answer tables and the buffer with SQL.

    On the old code the k-th submission flushed a batch: 15 answer rows of the first five submitters
    were readable in `pulse_answer` while the round ran, and the first five participation rows (in
    insertion order) named exactly those five persons – ADR 008 admitted it. Sealed payloads also
    differed in length with their free text."""
    unit_of = organisation({"R": None, "A": "R"}, {"R": 5, "A": 7})
    round, issued = open_round("R")
    people = sorted(unit_of)
    answer(issued, people[:7], text_of=lambda person: "kort" if person.endswith("1") else "lång " * 150)
    assert sql("SELECT COUNT(*) FROM pulse_answer") == [(0,)]
    assert sql("SELECT COUNT(*) FROM pulse_freetext") == [(0,)]
    buffered = sql("SELECT sealed_payload, key_id FROM pulse_submission")
    assert len(buffered) == 7
    assert len({len(payload) for payload, _key in buffered}) == 1  # one fixed size, whatever the text
    assert all(key for _payload, key in buffered)
    actions.close_round(round)
    assert sql("SELECT COUNT(*) FROM pulse_answer WHERE statement_id = 's1'") == [(7,)]
    assert sql("SELECT COUNT(*) FROM pulse_submission") == [(0,)]


def test_a_round_with_fewer_than_k_respondents_keeps_no_answers():
    """Rule 6: fewer than k answered in the whole round: its answers are deleted at close (on the old
    code the 4 submissions stayed as 12 answer rows and 4 comments)."""
    unit_of = organisation({"R": None}, {"R": 9})
    round, issued = open_round("R")
    answer(issued, sorted(unit_of)[:4], text_of=lambda person: "hej")
    actions.close_round(round)
    assert sql("SELECT COUNT(*) FROM pulse_answer") == [(0,)]
    assert sql("SELECT COUNT(*) FROM pulse_freetext") == [(0,)]
    assert Round.objects.get(pk=round.pk).shown_nodes == []


def test_a_round_with_fewer_than_k_invited_does_not_open():
    organisation({"R": None}, {"R": 4})
    programme = Programme.objects.create(name="Puls", root_unit_id="R")
    round = Round.objects.create(
        programme=programme, number=1, opens_on=OPENS, closes_on=CLOSES, statement_ids=STATEMENTS
    )
    with pytest.raises(actions.RoundStateError):
        actions.open_round(round, OPENS)
    assert Round.objects.get(pk=round.pk).status == Round.Status.PLANNED


def test_free_text_under_a_parent_comes_from_a_pool_of_at_least_ten():
    """Attack 8. Read the comments the pages list under P (through kasam.pulse.results, as the overview
    and the dashboard do).

    On the old code P – 7 respondents of its own, a child C of 20 – was the smallest shown node with 10
    respondents in its subtree for its own writers, so the 7 comments listed under P came from a pool of
    7, not 10. Now P's pool of 7 passes up to R, whose own pool (5 + 7) lists them."""
    unit_of = organisation({"R": None, "P": "R", "C": "P"}, {"R": 5, "P": 7, "C": 20})
    round, issued = open_round("R")
    answer(issued, sorted(unit_of), text_of=lambda person: f"Från {unit_of[person]}")
    actions.close_round(round)
    loaded = results.load_round(Round.objects.get(pk=round.pk))
    assert {"R", "P", "C"} <= loaded.release.shown
    listed = results.comments(loaded, {"R", "P", "C"})
    assert "P" not in listed
    assert sorted(listed["R"]) == sorted(["Från R"] * 5 + ["Från P"] * 7)
    assert listed["C"] == ["Från C"] * 20

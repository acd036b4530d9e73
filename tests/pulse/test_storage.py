"""The pulse's storage (ADR 008): invitations and reporting nodes, the buffer and its flushes in random
order, and the close that decides the shown nodes once."""

import random
import secrets
from datetime import date

import pytest
from django.db import IntegrityError, connection, transaction

from kasam.metrics import anonymity
from kasam.org.models import Employment, Person, Unit
from kasam.org.tree import compute_paths
from kasam.pulse import actions
from kasam.pulse.models import Answer, FreeText, Invitation, Participation, Programme, Round, Submission

K = 5
STATEMENTS = ["s1", "s2", "s3"]
OPENS, CLOSES = date(2026, 11, 23), date(2026, 11, 29)  # the test "today" is 2026-11-25
UNITS = {"R": None, "A": "R", "B": "R", "B1": "B"}
STAFF = {"A": 8, "B": 4, "B1": 3}
GOOD = {"s1": 4, "s2": 5, "s3": 3}


@pytest.fixture(autouse=True)
def _pulse_settings(pulse_settings):
    pulse_settings.KASAM_PULSE_K = K


def build_tree(units=UNITS, staff=STAFF):
    paths = compute_paths(units)
    for unit_id, parent in units.items():
        Unit.objects.create(id=unit_id, parent_id=parent, name=unit_id, kind="unit", path=paths[unit_id])
    number = 0
    for unit_id, count in staff.items():
        for _ in range(count):
            number += 1
            person = Person.objects.create(id=f"X{number:03d}", birth_year=1980)
            Employment.objects.create(
                person=person, unit_id=unit_id, start_date=date(2020, 1, 1), rate=100, pay="monthly"
            )


def new_round(root="R", statements=STATEMENTS, **programme):
    programme = Programme.objects.create(name="Puls", root_unit_id=root, **programme)
    return Round.objects.create(
        programme=programme, number=1, opens_on=OPENS, closes_on=CLOSES, statement_ids=statements
    )


@pytest.fixture
def pulse(db):
    """An open round over R (A: 8 staff, B: 4, B1: 3); the round and {person id: raw token}."""
    build_tree()
    round = new_round()
    return round, {invitation.person_id: token for invitation, token in actions.open_round(round)}


def kendall_tau(sequence: list[int]) -> float:
    """Agreement of a sequence with its sorted order: 1 sorted, −1 reversed, about 0 shuffled."""
    concordant = discordant = 0
    for i, a in enumerate(sequence):
        for b in sequence[i + 1 :]:
            concordant += a < b
            discordant += a > b
    return (concordant - discordant) / (concordant + discordant)


# ------------------------------------------------------------------------------------------ invitations


def test_opening_freezes_k_and_the_tree_and_invites_everyone_once(pulse, settings):
    round, links = pulse
    assert (round.status, round.k) == ("open", K)
    assert round.tree == {"R": None, "A": "R", "B": "R", "B1": "B"}
    assert sorted(links) == [f"X{n:03d}" for n in range(1, 16)]
    # Reporting nodes: A has 8 invited; B1's 3 report to B (4 + 3 = 7).
    nodes = dict(Invitation.objects.values_list("person_id", "reporting_node"))
    assert {nodes[f"X{n:03d}"] for n in range(1, 9)} == {"A"}
    assert {nodes[f"X{n:03d}"] for n in range(9, 16)} == {"B"}
    # Later changes of the setting or the tree do not reach an open round.
    settings.KASAM_PULSE_K = 9
    Unit.objects.filter(pk="B1").update(parent_id="A")
    round.refresh_from_db()
    assert round.k == K and round.tree["B1"] == "B"
    with pytest.raises(actions.RoundStateError):
        actions.open_round(round)
    with pytest.raises(actions.RoundStateError):
        actions.invite(round, [("X001", "A")], K)


def test_a_round_without_statements_does_not_open(db):
    build_tree()
    round = new_round(statements=[])
    with pytest.raises(actions.RoundStateError):
        actions.open_round(round)
    assert Round.objects.get().status == "planned"


def test_invite_refuses_units_outside_the_tree_and_persons_twice(db):
    build_tree()
    round = new_round(root="B")
    round.tree = actions.tree_of(round.programme)
    assert round.tree == {"B": None, "B1": "B"}
    with pytest.raises(ValueError, match="outside"):
        actions.invite(round, [("X001", "A")], K)
    with pytest.raises(ValueError, match="once"):
        actions.invite(round, [("X009", "B"), ("X009", "B1")], K)
    assert not Invitation.objects.exists()


def test_a_person_is_invited_through_the_employment_with_the_highest_rate(db):
    build_tree(staff={})
    Person.objects.bulk_create([Person(id=pid, birth_year=1970) for pid in ["P1", "P2", "P3", "P4", "P5"]])

    def employ(person, unit, start, rate, pay="monthly", end=None):
        Employment.objects.create(
            person_id=person, unit_id=unit, start_date=start, end_date=end, rate=rate, pay=pay
        )

    employ("P1", "A", date(2019, 1, 1), 60)
    employ("P1", "B1", date(2021, 1, 1), 80)  # the highest rate wins
    employ("P2", "A", date(2022, 1, 1), 50)
    employ("P2", "B", date(2018, 1, 1), 50)  # tie: the earliest start
    employ("P3", "A", date(2018, 1, 1), 100, end=date(2026, 11, 1))  # ended before the day
    employ("P3", "B", date(2018, 1, 1), 20)
    employ("P4", "A", date(2018, 1, 1), 40, pay="hourly")
    employ("P5", "A", date(2018, 1, 1), 30, pay="hourly")
    employ("P5", "B", date(2018, 1, 1), 20)
    round = new_round()
    day = date(2026, 11, 25)
    assert actions.select_invitees(round.programme, day) == [
        ("P1", "B1"),
        ("P2", "B"),
        ("P3", "B"),
        ("P4", "A"),
        ("P5", "A"),
    ]
    round.programme.include_hourly = False
    assert actions.select_invitees(round.programme, day) == [
        ("P1", "B1"),
        ("P2", "B"),
        ("P3", "B"),
        ("P5", "B"),
    ]
    # A programme for a part of the tree keeps those whose chosen unit lies in it.
    part = Programme.objects.create(name="B", root_unit_id="B")
    assert actions.select_invitees(part, day) == [("P1", "B1"), ("P2", "B"), ("P3", "B")]


def test_only_keyed_hashes_of_the_tokens_are_stored(pulse):
    _round, links = pulse
    stored = set(Invitation.objects.values_list("token_hash", flat=True))
    assert len(stored) == len(links) and not stored & set(links.values())
    assert all(len(token) == 43 for token in links.values())


# ------------------------------------------------------------------------------------------- the buffer


def test_submissions_wait_sealed_until_close_and_nothing_moves_before(
    pulse, django_capture_on_commit_callbacks
):
    """docs/definitions.md "Anonymity rules" 6: no batch moves before close (the old code flushed every
    k-th)."""
    round, links = pulse
    people = sorted(links)
    for number, person in enumerate(people[:7]):
        with django_capture_on_commit_callbacks(execute=True) as callbacks:
            text = f"text {number}" if number < 4 else None
            assert actions.submit(links[person], GOOD, text, f"key-{person}").stored
        assert callbacks == []  # no flush task
        assert (Submission.objects.count(), Answer.objects.count()) == (number + 1, 0)
    actions.close_round(round)
    assert (Submission.objects.count(), Answer.objects.count(), FreeText.objects.count()) == (0, 21, 4)
    assert Participation.objects.count() == 0


def test_stored_order_is_a_random_permutation_of_the_submission_order(pulse, monkeypatch):
    """Deterministic (a seeded shuffle) yet statistical: over 40 flushes of five submissions, the rows'
    physical order never follows the submission order and on average is uncorrelated with it."""
    round, _links = pulse
    monkeypatch.setattr(actions, "rng", random.Random(20261125))
    orders = _flush_batches_rows(round, 40)
    taus = [kendall_tau(order) for order in orders]
    assert all(sorted(order) == [1, 1, 1, 2, 2, 2, 3, 3, 3, 4, 4, 4, 5, 5, 5] for order in orders)
    assert max(taus) < 1
    assert abs(sum(taus) / len(taus)) < 0.15
    # The answers of one submission do not lie together either.
    together = sum(all(order[i] == order[i - i % 3] for i in range(15)) for order in orders)
    assert together == 0


def test_the_order_measure_would_see_an_unshuffled_flush(pulse, monkeypatch):
    """The control for the test above: without a shuffle the rows follow the submissions."""
    round, _links = pulse

    class NoShuffle:
        def shuffle(self, items):
            pass

    monkeypatch.setattr(actions, "rng", NoShuffle())
    orders = _flush_batches_rows(round, 3)
    assert [kendall_tau(order) for order in orders] == [1.0, 1.0, 1.0]


def _flush_batches_rows(round, batches):
    """Five submissions (the i-th answering i to every statement) stored as a close stores them, again
    and again: the physical order of each batch's rows."""
    orders = []
    for _ in range(batches):
        answers = [("A", statement, value) for value in [1, 2, 3, 4, 5] for statement in STATEMENTS]
        actions.store_repooled(round, answers, [], {})
        orders.append([value for _row_id, value in _physical_id_value()])
    return orders


def _physical_id_value() -> list[tuple]:
    quoted = connection.ops.quote_name(Answer._meta.db_table)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(f"SELECT ctid::text, id, value FROM {quoted}")  # noqa: S608
            rows = [(tuple(int(n) for n in c.strip("()").split(",")), i, v) for c, i, v in cursor.fetchall()]
        else:
            cursor.execute(f"SELECT rowid, id, value FROM {quoted}")  # noqa: S608
            rows = cursor.fetchall()
    return [(str(row_id), value) for _, row_id, value in sorted(rows)]


def test_the_shuffle_is_a_csprng():
    assert isinstance(actions.rng, secrets.SystemRandom)


# ------------------------------------------------------------------------------------------- closing


def test_close_decides_the_shown_nodes_once_and_never_again(pulse):
    round, links = pulse
    for person in sorted(links)[:9]:  # 8 of A, 1 of B
        actions.submit(links[person], GOOD, None, f"key-{person}")
    calls = []

    def decide(parent_of, respondents, k):
        calls.append((dict(parent_of), dict(respondents), k))
        return {"R", "A"}

    actions.close_round(round, decide)
    # Re-pooled by respondents: B's one passes to R, whose pool of 1 takes A's 8 – one group at R.
    assert calls == [({"R": None, "A": "R", "B": "R", "B1": "B"}, {"R": 9}, K)]
    assert (round.status, round.shown_nodes) == ("closed", ["A", "R"])
    actions.close_round(round, lambda *args: {"B"})
    round.refresh_from_db()
    assert round.shown_nodes == ["A", "R"] and len(calls) == 1
    assert Answer.objects.count() == 27


def test_close_uses_the_disclosure_gate_by_default(pulse):
    round, links = pulse
    for person in sorted(links)[:8]:
        actions.submit(links[person], GOOD, None, f"key-{person}")
    actions.close_round(round)
    stored = {node: answered for node, (_invited, answered) in round.counts.items()}
    expected = anonymity.decide_shown_nodes(round.tree, stored, K)
    assert round.shown_nodes == sorted(expected)
    assert "A" in round.shown_nodes


def test_a_planned_round_cannot_close(db):
    build_tree()
    round = new_round()
    with pytest.raises(actions.RoundStateError):
        actions.close_round(round, lambda *args: [])


def test_the_database_refuses_values_off_the_scale_and_long_texts(pulse):
    round, _links = pulse
    for value in (0, 6):
        with pytest.raises(IntegrityError), transaction.atomic():
            Answer.objects.create(round=round, reporting_node="A", statement_id="s1", value=value)
    with pytest.raises(IntegrityError), transaction.atomic():
        FreeText.objects.create(round=round, reporting_node="A", text="x" * 1001)


def test_the_admin_never_shows_answers_the_buffer_participations_or_token_hashes():
    from django.contrib import admin

    for model in (Answer, FreeText, Submission, Participation):
        assert model not in admin.site._registry
    invitation_admin = admin.site._registry[Invitation]
    assert "token_hash" not in invitation_admin.fields + invitation_admin.list_display
    assert not invitation_admin.has_change_permission(None)
    assert not admin.site._registry[Round].has_change_permission(None)

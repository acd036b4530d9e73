"""`kasam demo` gives Exempelkommun a running pulse programme: a year of rounds through the real
actions, realistic response rates, answers only in the answer table, and nothing more on a second run."""

from concurrent.futures import ProcessPoolExecutor
from datetime import date
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import transaction

from kasam.org.models import Employment, Person
from kasam.pulse import demo, simulation
from kasam.pulse.demo import PROGRAMME_NAME, ensure_demo_pulse
from kasam.pulse.models import Answer, FreeText, Invitation, Participation, Programme, Round, Submission


@pytest.mark.slow
@pytest.mark.django_db(transaction=True)
def test_demo_runs_a_year_of_pulse_rounds_and_adds_nothing_the_second_time():
    call_command("demo", "--no-serve", "--employees", "150", "--years", "1", stdout=StringIO())

    programme = Programme.objects.get(name=PROGRAMME_NAME)
    assert programme.cadence_days == 14 and programme.per_round == 4 and programme.window_days == 7
    rounds = list(Round.objects.filter(programme=programme).order_by("opens_on"))
    closed = [r for r in rounds if r.status == Round.Status.CLOSED]
    assert len(closed) >= 20
    assert [r.status for r in rounds[len(closed) :]] == [Round.Status.OPEN, Round.Status.PLANNED]
    assert all(len(r.statement_ids) == 5 and r.statement_ids[-1] == "halsa" for r in rounds)
    assert [r.number for r in rounds] == list(range(1, len(rounds) + 1))

    for round in closed:
        # After close the counts per stored group replace the per-person participation rows.
        assert not Participation.objects.filter(round=round).exists()
        assert not Invitation.objects.filter(round=round, token_hash__isnull=False).exists()
        invited = sum(pair[0] for pair in round.counts.values())
        answered = sum(pair[1] for pair in round.counts.values())
        assert 0.5 <= answered / invited <= 0.85, (round.number, answered, invited)
        if round.answer_counts is None:
            assert Answer.objects.filter(round=round).count() == answered * len(round.statement_ids)
        # Every stored group has at least k respondents or none.
        assert all(n == 0 or n >= round.k for _invited, n in round.counts.values())
        assert round.shown_nodes is not None
    # Units of every size: some nodes too small to be shown on their own.
    last = closed[-1]
    assert set(last.shown_nodes) < set(last.tree)
    assert FreeText.objects.exists()
    # Answers live only in Answer/FreeText after close; the open round's wait sealed in the buffer.
    assert Submission.objects.exclude(round__status=Round.Status.OPEN).count() == 0
    assert Submission.objects.count() > 0
    assert not Answer.objects.filter(round__status=Round.Status.OPEN).exists()

    counts = [
        model.objects.count() for model in (Programme, Round, Invitation, Participation, Answer, FreeText)
    ]
    call_command("demo", "--no-serve", stdout=StringIO())
    out = StringIO()
    call_command("tick", stdout=out)
    assert "pulse" not in out.getvalue()
    assert [
        model.objects.count() for model in (Programme, Round, Invitation, Participation, Answer, FreeText)
    ] == counts


def test_simulation_is_deterministic_and_units_differ():
    ids = ["men1", "arb1", "halsa"]
    first = [simulation.answers(7, "U1", 3, 30, ids, n, ["Anna"]) for n in range(50)]
    again = [simulation.answers(7, "U1", 3, 30, ids, n, ["Anna"]) for n in range(50)]
    assert first == again
    assert simulation.respondents(7, "U1", 3, list("abcdefghij")) == simulation.respondents(
        7, "U1", 3, list("jihgfedcba")
    )
    rates = {simulation.response_rate(7, f"U{n}", r) for n in range(30) for r in range(10)}
    assert min(rates) >= 0.5 and max(rates) <= 0.85 and max(rates) - min(rates) > 0.15
    means = {
        unit: sum(simulation.answers(7, unit, 0, 30, ["arb1"], n)[0]["arb1"] for n in range(200)) / 200
        for unit in (f"U{n}" for n in range(30))
    }
    assert max(means.values()) - min(means.values()) > 0.8
    declining = [u for u in (f"U{n}" for n in range(60)) if simulation.unit_profile(7, u).declining]
    assert declining


def test_comments_are_short_and_some_name_a_colleague():
    texts = [simulation.answers(1, "U", 0, 30, ["men1"], n, ["Maja"])[1] for n in range(400)]
    written = [t for t in texts if t]
    assert 0.15 < len(written) / len(texts) < 0.35
    assert any("Maja" in t for t in written)
    assert all("{name}" not in t and len(t) < 120 for t in written)
    assert len(simulation.COMMENTS) >= 40


def _stored_rounds() -> list[tuple]:
    """Everything the demo's rounds stored that does not depend on fresh random keys or tokens."""
    return [
        (
            r.number,
            r.status,
            r.statement_ids,
            r.counts,
            r.shown_nodes,
            sorted(Answer.objects.filter(round=r).values_list("reporting_node", "statement_id", "value")),
            sorted(FreeText.objects.filter(round=r).values_list("reporting_node", "text")),
            sorted(Participation.objects.filter(round=r).values_list("person_id", "answered_on")),
            Submission.objects.filter(round=r).count(),
        )
        for r in Round.objects.order_by("number")
    ]


def test_answers_drawn_in_a_helper_process_are_the_ones_drawn_in_process(org, monkeypatch):
    """A large demo draws each round's simulated answers in a helper process, one round ahead: the
    rounds it stores are exactly those drawn in the demo's own process."""
    day = date(2026, 11, 25)
    for unit in org.values():
        for n in range(12):
            person = Person.objects.create(
                id=f"{unit.pk}-{n}", birth_year=1980, gender="K", first_name="Maja"
            )
            Employment.objects.create(
                person=person,
                unit=unit,
                start_date=date(2020, 1, 1),
                rate=100,
                weekly_hours=40,
                pay="monthly",
            )
    with transaction.atomic():
        ensure_demo_pulse(seed=3, rounds=4, day=day, helper_from=None)
        in_process = _stored_rounds()
        transaction.set_rollback(True)
    assert not Round.objects.exists()

    submitted = []

    class Counting(ProcessPoolExecutor):
        def submit(self, fn, *args, **kwargs):
            submitted.append(args[1])
            return super().submit(fn, *args, **kwargs)

    monkeypatch.setattr(demo, "ProcessPoolExecutor", Counting)
    monkeypatch.setattr(demo.os, "cpu_count", lambda: 2)
    ensure_demo_pulse(seed=3, rounds=4, day=day, helper_from=1)

    assert submitted == [0, 1, 2, 3]
    assert _stored_rounds() == in_process
    assert [r[1] for r in in_process] == ["closed", "closed", "closed", "open", "planned"]
    assert all(r[5] for r in in_process[:3]) and in_process[3][7] and in_process[3][8]

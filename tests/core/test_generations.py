"""The figure cache (kasam.core.generations): a value is computed once per worker and data generation;
the event that changes the data makes every worker compute it again."""

from contextlib import contextmanager

import pytest

from kasam.core import generations
from kasam.core.models import Generation

pytestmark = pytest.mark.django_db


class Worker:
    """One worker process's held values: the test switches `generations._held` between workers, as
    two gunicorn workers each hold their own."""

    def __init__(self):
        self.held = type(generations._held)()

    @contextmanager
    def active(self, monkeypatch):
        with monkeypatch.context() as patch:
            patch.setattr(generations, "_held", self.held)
            yield


def counting(values):
    calls = []

    def compute():
        calls.append(1)
        return values[-1]

    return compute, calls


def test_a_value_is_computed_once_until_its_data_changes():
    values = ["a"]
    compute, calls = counting(values)
    assert generations.cached("pulse", "x", compute) == "a"
    values.append("b")
    assert generations.cached("pulse", "x", compute) == "a"
    assert len(calls) == 1
    generations.bump("pulse")
    assert generations.cached("pulse", "x", compute) == "b"
    assert len(calls) == 2


def test_a_change_to_other_data_keeps_the_value():
    compute, calls = counting(["a"])
    generations.cached("pulse", "x", compute)
    generations.bump("survey")
    generations.cached("pulse", "x", compute)
    assert len(calls) == 1


def test_every_worker_sees_the_change_another_worker_made(monkeypatch):
    values = ["before"]
    compute, _ = counting(values)
    first, second = Worker(), Worker()
    for worker in (first, second):
        with worker.active(monkeypatch):
            assert generations.cached("survey", "org", compute) == "before"
    values.append("after")
    with first.active(monkeypatch):
        generations.bump("survey")  # the import runs in the first worker
    for worker in (first, second):
        with worker.active(monkeypatch):
            assert generations.cached("survey", "org", compute) == "after"


def test_a_timeout_bounds_a_value_without_an_event(monkeypatch):
    values = ["a"]
    compute, calls = counting(values)
    clock = [1000.0]
    monkeypatch.setattr(generations.time, "time", lambda: clock[0])
    first, second = Worker(), Worker()
    with first.active(monkeypatch):
        generations.cached("pulse-live", "r1", compute, timeout=60)
    clock[0] += 59
    with second.active(monkeypatch):  # another worker takes the shared value, as old as it is
        assert generations.cached("pulse-live", "r1", compute, timeout=60) == "a"
    assert len(calls) == 1
    values.append("b")
    clock[0] += 2
    for worker in (first, second):  # a minute after it was computed, in every worker
        with worker.active(monkeypatch):
            assert generations.cached("pulse-live", "r1", compute, timeout=60) == "b"
    assert len(calls) == 2


def test_the_version_is_new_after_every_bump():
    seen = {generations.version("pulse")}
    for _ in range(5):
        generations.bump("pulse")
        seen.add(generations.version("pulse"))
    assert len(seen) == 6
    assert Generation.objects.filter(name="pulse").count() == 1


def test_a_process_holds_a_bounded_number_of_values(monkeypatch):
    monkeypatch.setattr(generations, "HELD_MAX", 3)
    for key in range(5):
        generations.cached("pulse", key, lambda key=key: key)
    assert len(generations._held) == 3
    assert (("pulse",), 0) not in generations._held


def test_a_value_from_several_kinds_of_data_is_recomputed_when_any_of_them_changes():
    compute, calls = counting(["a"])
    for changed in ("absence", "dialogs"):
        generations.cached(("absence", "dialogs"), "effect", compute)
        generations.bump(changed)
        generations.cached(("absence", "dialogs"), "effect", compute)
    assert len(calls) == 3  # first, after the absence change, after the dialogs change


@pytest.mark.django_db(transaction=True)
def test_a_refill_changes_the_generations_of_the_series_and_the_costs():
    from kasam.absence.series import GENERATION as SERIES
    from kasam.absence.series import refill_series
    from kasam.economy.stored import GENERATION as COSTS

    before = generations.versions((SERIES, COSTS))
    refill_series()
    after = generations.versions((SERIES, COSTS))
    assert after[0] != before[0] and after[1] != before[1]


def test_a_saved_or_deleted_dialog_changes_the_dialogs_generation(personas):
    from datetime import date

    from kasam.dialogs.models import GENERATION, DialogRecord, Programme

    seen = {generations.version(GENERATION)}
    record = DialogRecord.objects.create(
        unit_id="AO-HT1", programme=Programme.objects.first(), held_on=date(2026, 1, 5), participants=3
    )
    seen.add(generations.version(GENERATION))
    record.delete()
    seen.add(generations.version(GENERATION))
    assert len(seen) == 3


def test_the_workers_compute_a_value_once_between_them(monkeypatch):
    compute, calls = counting(["a"])
    for worker in (Worker(), Worker()):
        with worker.active(monkeypatch):
            assert generations.cached("survey", "org", compute) == "a"
    assert len(calls) == 1  # the second worker found it in the shared cache
    generations.bump("survey")
    with Worker().active(monkeypatch):
        generations.cached("survey", "org", compute)
    assert len(calls) == 2

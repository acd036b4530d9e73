"""The spool of answers that met a locked database (kasam.pulse.spool), in process: what lies on disk,
how it is stored once, and that nothing in it is dropped silently. The lock itself is played against a
real database file in tests/pulse/test_answers_under_a_write_lock.py; here the write reports it."""

import logging

import pytest
from django.db.utils import OperationalError
from test_submission import GOOD, build_round

from kasam.pulse import actions, sealing, spool
from kasam.pulse.models import Answer, Participation, Round, Submission

SECRET_TEXT = "Chefen skriker på oss"


@pytest.fixture(autouse=True)
def _pulse_settings(settings, tmp_path):
    settings.KASAM_PULSE_K = 5
    settings.KASAM_TOKEN_KEY = "test-token-key"
    settings.KASAM_PULSE_SPOOL_DIR = tmp_path / "spool"


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """Run a call as if its transaction committed: the spool deletes its files on commit."""

    def run(function, *args):
        with django_capture_on_commit_callbacks(execute=True):
            return function(*args)

    return run


@pytest.fixture
def locked(monkeypatch):
    """Every write of an answer meets a locked database until the test lifts it."""
    state = {"locked": True}
    write = actions._write_retrying

    def maybe_locked(function):
        if state["locked"]:
            raise OperationalError("database is locked")
        return write(function)

    monkeypatch.setattr(actions, "_write_retrying", maybe_locked)
    return state


def test_a_spooled_answer_is_sealed_on_disk_and_stored_once(db, locked, committed):
    _round, links = build_round()
    result = actions.submit(links["X001"], GOOD, SECRET_TEXT, "key-00000001")
    assert result.outcome == actions.STORED
    assert not Submission.objects.exists() and not Participation.objects.exists()

    [path] = spool.files()
    raw = path.read_bytes()
    assert links["X001"].encode() not in raw and SECRET_TEXT.encode() not in raw and b"X001" not in raw
    assert oct(path.stat().st_mode & 0o777) == "0o600"
    # One size whatever the text: the file's length tells nothing of what was written.
    actions.submit(links["X002"], GOOD, SECRET_TEXT * 30, "key-00000002")
    assert len({p.stat().st_size for p in spool.files()}) == 1

    locked["locked"] = False
    assert committed(spool.drain) == 2
    assert committed(spool.drain) == 0 and spool.files() == []
    assert Submission.objects.count() == Participation.objects.count() == 2
    # The link is used: a retry is the same submission, another one is refused.
    assert actions.submit(links["X001"], GOOD, None, "key-00000001").repeated
    assert actions.submit(links["X001"], GOOD, None, "key-00000009").outcome == actions.ALREADY_ANSWERED
    texts = sorted(submission.payload["open"] for submission in Submission.objects.all())
    assert texts == [SECRET_TEXT, SECRET_TEXT * 30]


def test_an_entry_stored_by_another_process_is_not_stored_again(db, locked, committed):
    _round, links = build_round()
    actions.submit(links["X001"], GOOD, None, "key-00000001")
    [path] = spool.files()
    locked["locked"] = False
    actions.store_spooled(spool.read(path))  # a process that crashed before it deleted the file
    assert committed(spool.drain) == 1
    assert Submission.objects.count() == Participation.objects.count() == 1 and spool.files() == []


def test_invalid_answers_are_refused_even_while_locked(db, locked):
    _round, links = build_round()
    result = actions.submit(links["X001"], {"s1": 9}, None, "key-00000001")
    assert result.outcome == actions.INVALID and spool.files() == []


def test_the_close_stores_what_waits_and_a_damaged_file_fails_it_loudly(db, locked, committed):
    round, links = build_round()
    for person in ["X001", "X002", "X003", "X004", "X005"]:
        actions.submit(links[person], GOOD, None, f"key-{person}0")
    locked["locked"] = False
    damaged = spool.files()[0]
    good = damaged.read_text()
    damaged.write_text("0000:garbage")
    with pytest.raises(sealing.SealError):
        actions.close_round(round)
    assert Round.objects.get().status == Round.Status.OPEN and len(spool.files()) == 5

    damaged.write_text(good)
    committed(actions.close_round, round)
    assert Answer.objects.count() == 5 * len(GOOD) and spool.files() == []


def test_an_entry_that_can_no_longer_be_stored_is_set_aside_and_logged(db, locked, committed, caplog):
    round, links = build_round()
    actions.submit(links["X001"], GOOD, None, "key-00000001")
    locked["locked"] = False
    Round.objects.filter(pk=round.pk).update(status=Round.Status.CLOSED)  # closed without it
    with caplog.at_level(logging.ERROR, logger="kasam.pulse.spool"):
        assert committed(spool.drain) == 1
    assert "could not be stored" in caplog.text
    assert spool.files() == [] and len(list((spool.directory() / spool.REJECTED).iterdir())) == 1

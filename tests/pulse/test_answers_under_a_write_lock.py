"""A pulse answer that meets a locked SQLite database is never an error and never lost
(kasam.pulse.spool): played in a process of its own against a database file
(tests/pulse/locked_sqlite_scenario.py), with another connection holding the write lock far longer than
the answer waits for it."""

import json
import os
import subprocess
import sys
from pathlib import Path

SCENARIO = Path(__file__).with_name("locked_sqlite_scenario.py")
WAIT = "0.3"  # seconds an answer retries before it is spooled; the lock is held for seconds


def play(tmp_path: Path) -> list[dict]:
    drop = {"DATABASE_URL", "DJANGO_SETTINGS_MODULE", "KASAM_VAR_DIR", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    (tmp_path / "var").mkdir()
    env = {key: value for key, value in os.environ.items() if key not in drop}
    env |= {
        "DJANGO_SETTINGS_MODULE": "kasam.settings",
        "KASAM_VAR_DIR": str(tmp_path / "var"),
        "KASAM_TODAY": "2026-11-25",
        "KASAM_PULSE_K": "5",
        "KASAM_TOKEN_KEY": "test-token-key",
        "KASAM_PULSE_WRITE_WAIT_SECONDS": WAIT,
        "SECRET_KEY": "a-test-secret-key-that-is-long-enough-for-the-checks-0123456789",
        "ALLOWED_HOSTS": "testserver",
    }
    done = subprocess.run(
        [sys.executable, str(SCENARIO), WAIT],
        env=env,
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    return {step.pop("step"): step for step in json.loads(done.stdout.splitlines()[-1])["steps"]}


def test_answers_under_a_held_write_lock_are_thanked_and_stored_exactly_once(tmp_path):
    steps = play(tmp_path)
    thanks = (303, "/svara/tack/")

    locked = steps["locked"]
    # Every answer got the thank-you page, after waiting about the answer's wait, not an error.
    assert [tuple(status[:2]) for status in locked["statuses"]] == [thanks] * 10
    assert all(seconds < 5 for *_, seconds in locked["statuses"])
    # A second press is the same submission; another submission over a used link is refused kindly.
    assert tuple(locked["again"][:2]) == thanks
    assert locked["other"][0] == 200
    # Opening a link whose answer waits shows "answered", not the form.
    assert locked["look"] == [200, False]
    assert locked["counts"] | {"spooled": 0} == {
        "buffer": 0,
        "participations": 0,
        "distinct_persons": 0,
        "answers": 0,
        "texts": 0,
        "spooled": 0,
    }
    assert locked["counts"]["spooled"] == 10

    # The next answer after the lock stores itself and the ten that waited: each once.
    after = steps["next answer"]
    assert tuple(after["status"][:2]) == thanks
    assert after["counts"]["buffer"] == after["counts"]["participations"] == 11
    assert after["counts"]["distinct_persons"] == 11 and after["counts"]["spooled"] == 0
    assert tuple(steps["retry after drain"]["status"][:2]) == thanks
    assert steps["retry after drain"]["counts"]["buffer"] == 11

    # A lock released while the answer retries: stored at once.
    retried = steps["released while retrying"]
    assert tuple(retried["status"][:2]) == thanks
    assert retried["counts"]["buffer"] == 12 and retried["counts"]["spooled"] == 0

    # `kasam tick` drains what waits; so does the round's close.
    assert [tuple(status[:2]) for status in steps["tick"]["statuses"]] == [thanks] * 3
    assert steps["tick"]["counts"]["buffer"] == 15 and steps["tick"]["counts"]["spooled"] == 0
    closed = steps["close"]
    assert [tuple(status[:2]) for status in closed["statuses"]] == [thanks] * 2
    assert closed["counts"]["spooled"] == 0 and closed["counts"]["buffer"] == 0
    assert closed["counts"]["answers"] == 17 * 3  # every answer, each once
    assert closed["counts"]["texts"] == 10
    assert sum(answered for _invited, answered in closed["round"].values()) == 17

"""`kasam pulse open` on the demo, as an operator runs it after `make demo`: the invitations' links and
the addresses they go to reach neither standard output nor standard error (before, the console e-mail
backend printed every one of them); they wait in the demo's outbox for the health strategist."""

import json
import re

import pytest
from kasam_process import run_kasam, run_python

SECRETS = [
    re.compile(r"/svara/[A-Za-z0-9_-]{20,}"),
    re.compile(r"[\w.+-]+@[\w-]+\.[\w.]+"),
    re.compile(r"\+46\d{7,}"),
]


def assert_nothing_secret(result):
    printed = result.stdout + result.stderr
    for pattern in SECRETS:
        assert not pattern.search(printed), pattern.search(printed).group(0)


@pytest.mark.slow
def test_opening_a_pulse_round_on_the_demo_prints_no_link_and_no_address(tmp_path):
    demo = run_kasam(tmp_path, "demo", "--no-serve", "--employees", "60", "--years", "1")
    assert demo.returncode == 0, demo.stderr
    assert_nothing_secret(demo)

    rounds = run_kasam(tmp_path, "pulse", "rounds", "--format", "json")
    planned = [r["id"] for r in json.loads(rounds.stdout) if r["status"] == "planned"]
    assert planned, rounds.stdout
    opened = run_kasam(tmp_path, "pulse", "open", str(planned[0]))
    assert opened.returncode == 0, opened.stderr
    assert_nothing_secret(opened)
    invited = int(re.search(r"(\d+) invited", opened.stdout).group(1))
    assert invited > 0

    count = run_python(
        tmp_path,
        "import django; django.setup(); from kasam.core.models import OutboxMessage as M; "
        "print(M.objects.filter(body__contains='/svara/').count())",
    )
    assert count.returncode == 0, count.stderr
    assert int(count.stdout) >= invited
    # The demo says that it serves plain HTTP, and where its messages went.
    assert "KASAM_INSECURE_HTTP=true" in demo.stdout and "/utkorg/" in demo.stdout

"""Load test (docs/performance.md "Pulse submissions"): 5,000 people answer one pulse round within a few
minutes through the real answer page, served by gunicorn (2 workers) on loopback against PostgreSQL – exactly
as many answers stored, no errors, nothing left in the buffer.

Runs only when KASAM_LOAD_TEST=1 (.ci/run sets it, on PostgreSQL): `pytest -m load tests/load`.
Bounded: the answering must finish within LIMIT_SECONDS.
"""

import os
import re
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from datetime import date, timedelta
from http.cookiejar import CookieJar
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection

from kasam.org.models import Employment, Person, Unit
from kasam.org.tree import compute_paths
from kasam.pulse import actions
from kasam.pulse.models import Answer, FreeText, Invitation, Participation, Programme, Round, Submission
from kasam.pulse.rotation import statements_for_round

pytestmark = [
    pytest.mark.load,
    pytest.mark.skipif(
        os.environ.get("KASAM_LOAD_TEST") != "1",
        reason="the pulse load test runs only with KASAM_LOAD_TEST=1 (.ci/run: pytest -m load tests/load)",
    ),
]

PEOPLE = 5000
UNITS = 50
THREADS = 32
LIMIT_SECONDS = 300
TODAY = date(2026, 11, 25)
TOKEN_KEY = "kasam-load-test-token-key-7Qm2xVb9Lp4sHd8Zr1Wc"  # long enough for kasam.E011
HIDDEN_RE = re.compile(r'<input type="hidden" name="([^"]+)" value="([^"]*)"')


def build_organisation(people: int, units: int) -> None:
    """A root, two areas and `units` units with people / units persons each, employed full time."""
    parent_of: dict[str, str | None] = {"LT": None, "LT-A": "LT", "LT-B": "LT"}
    for n in range(units):
        parent_of[f"LT-U{n:03d}"] = "LT-A" if n % 2 else "LT-B"
    paths = compute_paths(parent_of)
    Unit.objects.bulk_create(
        Unit(
            id=unit_id,
            parent_id=parent,
            name=f"Enhet {unit_id}",
            kind="unit" if parent and parent != "LT" else ("area" if parent else "administration"),
            path=paths[unit_id],
        )
        for unit_id, parent in parent_of.items()
    )
    unit_ids = [u for u in parent_of if u.startswith("LT-U")]
    Person.objects.bulk_create(
        Person(id=f"LP{n:05d}", birth_year=1980, first_name="Test", last_name=f"Person{n}")
        for n in range(people)
    )
    Employment.objects.bulk_create(
        Employment(
            person_id=f"LP{n:05d}",
            unit_id=unit_ids[n % len(unit_ids)],
            start_date=date(2020, 1, 1),
            rate=100,
            pay="monthly",
        )
        for n in range(people)
    )


def open_round(statements: int = 4) -> tuple[Round, list[str]]:
    programme = Programme.objects.create(name="Lasttest", root_unit_id="LT", per_round=statements)
    round = Round.objects.create(
        programme=programme,
        number=1,
        opens_on=TODAY,
        closes_on=TODAY + timedelta(days=6),
        statement_ids=statements_for_round(0, statements),
    )
    issued = actions.open_round(round, day=TODAY)
    return round, [token for _invitation, token in issued]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def database_url() -> str:
    db = connection.settings_dict
    user = urllib.parse.quote(db["USER"] or "", safe="")
    password = urllib.parse.quote(db["PASSWORD"] or "", safe="")
    return f"postgres://{user}:{password}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"


def start_gunicorn(var_dir: Path, port: int, workers: int = 2) -> subprocess.Popen:
    """gunicorn with `workers` sync workers serving kasam.wsgi on 127.0.0.1:port, on this test's
    database, with the token key and reference date of this process."""
    env = {
        **os.environ,
        "DATABASE_URL": database_url(),
        "KASAM_VAR_DIR": str(var_dir),
        "KASAM_TODAY": TODAY.isoformat(),
        "KASAM_TOKEN_KEY": TOKEN_KEY,
        "SECRET_KEY": settings.SECRET_KEY,
        "DEBUG": "false",
        "ALLOWED_HOSTS": "127.0.0.1",
        "DATABASE_CONN_MAX_AGE": "60",
        # Plain HTTP on loopback (production's default would redirect every answer to HTTPS).
        "KASAM_INSECURE_HTTP": "true",
    }
    bin_dir = Path(sys.executable).parent
    subprocess.run(
        [str(bin_dir / "kasam"), "collectstatic", "--noinput", "-v", "0"], env=env, check=True, timeout=120
    )
    log = open(var_dir / "gunicorn.log", "w")  # noqa: SIM115 (closed with the process)
    server = subprocess.Popen(
        [
            str(bin_dir / "gunicorn"),
            "kasam.wsgi",
            "-w",
            str(workers),
            "-b",
            f"127.0.0.1:{port}",
            "--backlog",
            "512",
        ],
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return server
        except OSError:
            if server.poll() is not None:
                break
            time.sleep(0.2)
    server.kill()
    raise RuntimeError(f"gunicorn did not start: {(var_dir / 'gunicorn.log').read_text()[-2000:]}")


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, req, fp, code, msg, headers, newurl):
        return None


def answer_once(base: str, token: str, statement_ids: list[str], n: int) -> tuple[int, str]:
    """One person: GET the form (CSRF cookie, token and idempotency key), POST the answers; returns the
    POST's status and where it redirects."""
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(CookieJar()), NoRedirect())
    url = f"{base}/svara/{token}/"
    with opener.open(url, timeout=60) as response:
        page = response.read().decode()
    fields = dict(HIDDEN_RE.findall(page))
    for i, statement_id in enumerate(statement_ids):
        fields[f"s-{statement_id}"] = str(1 + (n + i) % 5)
    if n % 4 == 0:
        fields["open"] = f"Det fungerar bra, svar {n}."
    request = urllib.request.Request(  # noqa: S310 (http on loopback only)
        url, data=urllib.parse.urlencode(fields).encode(), headers={"Referer": url}, method="POST"
    )
    try:
        with opener.open(request, timeout=60) as response:
            return response.status, response.headers.get("Location", "")
    except urllib.error.HTTPError as error:
        return error.code, error.headers.get("Location", "")


@pytest.mark.django_db(transaction=True)
def test_5000_people_answer_one_round_over_http(settings, tmp_path):
    if connection.vendor != "postgresql":
        pytest.skip("the load test runs on PostgreSQL (DATABASE_URL=postgres://…)")
    settings.KASAM_TOKEN_KEY = TOKEN_KEY
    settings.KASAM_TODAY = TODAY
    build_organisation(PEOPLE, UNITS)
    round, issued = open_round()
    assert len(issued) == PEOPLE
    port = free_port()
    server = start_gunicorn(tmp_path, port)
    base = f"http://127.0.0.1:{port}"
    try:
        started = time.monotonic()
        with ThreadPoolExecutor(THREADS) as pool:
            results = list(
                pool.map(
                    lambda item: answer_once(base, item[1], round.statement_ids, item[0]), enumerate(issued)
                )
            )
        elapsed = time.monotonic() - started
        with urllib.request.urlopen(f"{base}/svara/tack/", timeout=30) as response:  # noqa: S310
            thanks = response.read().decode()
    finally:
        server.terminate()
        server.wait(timeout=30)
    print(f"{PEOPLE} answers over HTTP in {elapsed:.1f} s ({PEOPLE / elapsed:.0f}/s)")
    failures = [r for r in results if r != (303, "/svara/tack/")]
    assert not failures, (len(failures), failures[:5])
    assert "Tack" in thanks or "Thank" in thanks
    assert elapsed < LIMIT_SECONDS

    # Every submission waits sealed until the close; nothing is moved before it.
    assert Participation.objects.filter(round=round).count() == PEOPLE
    assert Submission.objects.filter(round=round).count() == PEOPLE
    assert not Answer.objects.filter(round=round).exists()

    actions.close_round(round)
    # Who answered is kept only as counts per reporting group after the close.
    assert not Participation.objects.filter(round=round).exists()
    assert sum(answered for _invited, answered in Round.objects.get(pk=round.pk).counts.values()) == PEOPLE
    assert Answer.objects.filter(round=round).count() == PEOPLE * len(round.statement_ids)
    assert FreeText.objects.filter(round=round).count() == PEOPLE // 4
    assert Submission.objects.count() == 0
    assert not Invitation.objects.filter(round=round, token_hash__isnull=False).exists()

"""Run by tests/pulse/test_answers_under_a_write_lock.py in a process of its own, against a SQLite
database in a file (KASAM_VAR_DIR): employees answer through the answer page while another connection
holds the database's write lock far longer than the answer's wait; prints what each step saw as JSON.

The lock is SQLite's RESERVED lock taken by `BEGIN IMMEDIATE` on a plain sqlite3 connection, as an
import, a refill or an outside tool holding a write transaction takes it. Readers pass it (WAL)."""

import json
import sqlite3
import sys
import threading
import time
from datetime import date

import django

django.setup()

from django.conf import settings  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402

from kasam.org.models import Employment, Person, Unit  # noqa: E402
from kasam.org.tree import compute_paths  # noqa: E402
from kasam.pulse import actions, spool  # noqa: E402
from kasam.pulse.forms import KEY_FIELD, OPEN_FIELD, STATEMENT_PREFIX  # noqa: E402
from kasam.pulse.models import Answer, FreeText, Participation, Programme, Round, Submission  # noqa: E402

# As in tests/conftest.py: pages find static files without a collected manifest.
settings.STORAGES = {
    **settings.STORAGES,
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
STATEMENTS = ["s1", "s2", "s3"]
report: dict = {"steps": []}


def setup() -> dict[str, str]:
    call_command("migrate", verbosity=0)
    units = {"R": None, "A": "R", "B": "R"}
    paths = compute_paths(units)
    for unit_id, parent in units.items():
        Unit.objects.create(id=unit_id, parent_id=parent, name=unit_id, kind="unit", path=paths[unit_id])
    for number in range(1, 21):
        person = Person.objects.create(id=f"X{number:03d}", birth_year=1980)
        unit = "A" if number <= 10 else "B"
        Employment.objects.create(
            person=person, unit_id=unit, start_date=date(2020, 1, 1), rate=100, pay="monthly"
        )
    programme = Programme.objects.create(name="Puls", root_unit_id="R")
    round = Round.objects.create(
        programme=programme,
        number=1,
        opens_on=date(2026, 11, 23),
        closes_on=date(2026, 11, 29),
        statement_ids=STATEMENTS,
    )
    issued = actions.open_round(round)
    return {invitation.person_id: token for invitation, token in issued}


def lock() -> sqlite3.Connection:
    holder = sqlite3.connect(
        settings.DATABASES["default"]["NAME"], isolation_level=None, timeout=0, check_same_thread=False
    )
    holder.execute("BEGIN IMMEDIATE")
    return holder


def post(client: Client, token: str, value: int, key: str, text: str = ""):
    data = {f"{STATEMENT_PREFIX}{s}": str(value) for s in STATEMENTS} | {KEY_FIELD: key, OPEN_FIELD: text}
    started = time.monotonic()
    response = client.post(f"/svara/{token}/", data, secure=True)
    return response.status_code, response.get("Location", ""), round(time.monotonic() - started, 2)


def counts() -> dict:
    return {
        "buffer": Submission.objects.count(),
        "participations": Participation.objects.count(),
        "distinct_persons": Participation.objects.values("person_id").distinct().count(),
        "answers": Answer.objects.count(),
        "texts": FreeText.objects.count(),
        "spooled": len(spool.files()),
    }


def step(name: str, **seen) -> None:
    report["steps"].append({"step": name, **seen, "counts": counts()})


links = setup()
people = sorted(links)
client = Client(raise_request_exception=False)

# 1. The lock is held for the whole step: ten answers, a second press of one, a changed mind, a look.
holder = lock()
statuses = [post(client, links[p], 4, f"key-{p}", text=f"Text {p}") for p in people[:10]]
again = post(client, links[people[0]], 4, f"key-{people[0]}")
other = post(client, links[people[1]], 1, "key-changed-mind")
look = client.get(f"/svara/{links[people[2]]}/", secure=True)
step(
    "locked",
    statuses=statuses,
    again=again,
    other=other,
    look=[look.status_code, KEY_FIELD in look.content.decode()],
)
holder.execute("COMMIT")
holder.close()
step("released")

# 2. The next answer, with the database free again, is stored and drains the spool.
step("next answer", status=post(client, links[people[10]], 3, "key-next"))
# A retry of a drained answer is still one submission.
step("retry after drain", status=post(client, links[people[0]], 4, f"key-{people[0]}"))

# 3. A lock released while an answer retries: stored at once, nothing spooled.
settings.KASAM_PULSE_WRITE_WAIT_SECONDS = 5
holder = lock()
threading.Timer(0.5, lambda: (holder.execute("COMMIT"), holder.close())).start()
step("released while retrying", status=post(client, links[people[11]], 2, "key-retry"))
settings.KASAM_PULSE_WRITE_WAIT_SECONDS = float(sys.argv[1])

# 4. Spooled under a lock, drained by `kasam tick`.
holder = lock()
statuses = [post(client, links[p], 5, f"key-{p}") for p in people[12:15]]
holder.execute("COMMIT")
holder.close()
call_command("tick", stdout=open("/dev/null", "w"))  # noqa: SIM115
step("tick", statuses=statuses)

# 5. Spooled under a lock, stored by the round's close.
holder = lock()
statuses = [post(client, links[p], 2, f"key-{p}") for p in people[15:17]]
holder.execute("COMMIT")
holder.close()
connection.close()
actions.close_round(Round.objects.get(number=1))
step("close", statuses=statuses, round=Round.objects.get(number=1).counts)

print(json.dumps(report))

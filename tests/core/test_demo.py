"""`kasam demo --no-serve` prepares Exempelkommun and the nine demo logins, again and again."""

import json
from io import StringIO

import pytest
from django.core.management import call_command

from kasam.absence.models import Absence
from kasam.accounts.models import User
from kasam.core.models import DemoDatabase
from kasam.org import access
from kasam.org.models import Person, Role, Unit
from kasam.releases.models import Release

USERNAMES = [
    "medarbetare",
    "enhetschef",
    "omradeschef",
    "halsostrateg",
    "hr",
    "ledning",
    "politiker",
    "dialogcoach",
    "skyddsombud",
]


@pytest.mark.slow
@pytest.mark.django_db(transaction=True)
def test_it_prepares_the_demo_and_can_run_again():
    out = StringIO()
    call_command("demo", "--no-serve", "--employees", "150", "--years", "1", stdout=out)
    printed = out.getvalue()
    assert "http://127.0.0.1:8000/" in printed
    for username in USERNAMES:
        assert username in printed
    assert set(User.objects.values_list("username", flat=True)) == set(USERNAMES)

    root = Unit.objects.get(parent__isnull=True)
    for username in ("halsostrateg", "hr", "ledning", "politiker"):
        assert access.scope_roots(User.objects.get(username=username)) == [root]
    manager = User.objects.get(username="enhetschef")
    [unit] = access.scope_roots(manager)
    assert unit.kind == Unit.Kind.UNIT
    assert access.roles_of(manager) == {Role.UNIT_MANAGER}
    area = User.objects.get(username="omradeschef")
    assert access.scope_roots(area)[0].name == "Äldreomsorg"
    employee = Person.objects.get(user__username="medarbetare")
    assert unit.path in access.scope_roots(employee.user)[0].path
    assert len(access.scope_roots(User.objects.get(username="dialogcoach"))) == 3

    counts = (Unit.objects.count(), Person.objects.count(), Absence.objects.count())
    call_command("demo", "--no-serve", stdout=StringIO())
    assert (Unit.objects.count(), Person.objects.count(), Absence.objects.count()) == counts
    assert User.objects.count() == len(USERNAMES)
    # Marked once as the demo's database (kasam.core.models.DemoDatabase).
    assert DemoDatabase.objects.count() == 1

    # Every ended period the data covers is published, and the whole database passes the audit.
    assert set(Release.objects.values_list("period", flat=True)) >= {"2026-T1", "2026-T2"}
    audit = StringIO()
    call_command("anonymity", "audit", "--format", "json", stdout=audit)
    assert json.loads(audit.getvalue()) == {"clean": True, "violations": []}


@pytest.mark.django_db(transaction=True)
def test_demo_logins_can_log_in(client):
    call_command("demo", "--no-serve", "--employees", "60", "--years", "1", stdout=StringIO())
    for username in USERNAMES:
        assert client.login(username=username, password="kasam-demo"), username
        assert client.get("/", follow=True).status_code == 200


@pytest.mark.django_db
def test_after_the_bulk_load_the_planner_has_statistics_of_every_table():
    """On PostgreSQL the demo analyses Kasam's tables (autovacuum may be late, or off)."""
    from django.db import connection

    from kasam.site.management.commands.demo import analyse_tables

    if connection.vendor != "postgresql":
        analyse_tables()  # nothing to do on SQLite
        pytest.skip("planner statistics are PostgreSQL's")
    Unit.objects.create(id="X", name="X", kind="unit", path="X/")
    analyse_tables()
    with connection.cursor() as cursor:
        cursor.execute("SELECT relname FROM pg_stat_user_tables WHERE last_analyze IS NULL")
        never = [row[0] for row in cursor.fetchall()]
    assert never == []

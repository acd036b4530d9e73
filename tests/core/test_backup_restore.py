"""`kasam backup` and `kasam restore` for the SQLite installation (a restore of a backup gives
back identical data).

The test database holds the shared organisation and personas, absences with their stored series, an
open pulse round with its invitations, an audit entry and a session. It is backed up with the command
(in this process, so the in-memory test database is what is copied), restored into a fresh database
file, and every table's schema and rows are compared: identical. A second test runs both commands as
an operator would, in fresh processes against a database file, with a change in between that the
restore undoes. On PostgreSQL the SQLite parts are skipped; the refusal of `restore` runs there.
"""

import json
import sqlite3
import stat
from contextlib import closing
from datetime import date, timedelta
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection, connections
from django.db.migrations.loader import MigrationLoader
from kasam_process import run_kasam

from kasam.absence.models import Absence
from kasam.absence.series import refill_series
from kasam.audit.models import AuditEntry, record
from kasam.core.backup import BackupError, backup, restore, table_rows
from kasam.pulse import actions, question_bank
from kasam.pulse.models import Programme, Round

SQLITE_ONLY = pytest.mark.skipif(
    connection.vendor != "sqlite",
    reason="kasam backup/restore are for the SQLite installation; PostgreSQL is backed up with pg_dump",
)


@pytest.fixture
def filled(transactional_db, personas, client, settings):
    """Committed rows in many tables (transactional_db: the backup API reads committed pages only)."""
    settings.KASAM_PULSE_K = 3
    settings.KASAM_TOKEN_KEY = "test-token-key"
    today = date(2026, 11, 25)
    for index in range(4):
        start = today - timedelta(days=20 + 60 * index)
        Absence.objects.create(person_id="P1", start_date=start, end_date=start + timedelta(days=2))
    Absence.objects.create(person_id="P3", start_date=date(2025, 2, 3), end_date=date(2025, 2, 7), extent=50)
    refill_series()
    programme = Programme.objects.create(name="Puls", root_unit_id="SOC")
    round = Round.objects.create(
        programme=programme,
        number=1,
        opens_on=date(2026, 11, 23),
        closes_on=date(2026, 11, 29),
        statement_ids=["beg1", "han1", "men1", question_bank.HEALTH_ID],
    )
    actions.open_round(round)
    record(personas["enhetschef"], AuditEntry.Action.choices[0][0], "AO-HT1", note="åäö – test")
    client.force_login(personas["halsostrateg"])
    return personas


def dump(conn: sqlite3.Connection) -> dict:
    """Everything a database holds: its schema and every table's rows in rowid order, as stored."""
    master = "SELECT type, name, tbl_name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_%'"
    rows = {
        name: conn.execute(f'SELECT * FROM "{name}" ORDER BY rowid').fetchall()  # noqa: S608
        for name in table_rows(conn)
    }
    has_sequence = conn.execute("SELECT 1 FROM sqlite_master WHERE name = 'sqlite_sequence'").fetchone()
    sequence = sorted(conn.execute("SELECT name, seq FROM sqlite_sequence")) if has_sequence else []
    return {"schema": sorted(conn.execute(master)), "rows": rows, "sequence": sequence}


def live_connection() -> sqlite3.Connection:
    """Django's own connection to the test database (what `kasam backup` copies)."""
    connection.ensure_connection()
    return connection.connection


def raw_test_database() -> sqlite3.Connection:
    """A second connection to the in-memory test database that reads values as stored (Django's
    connection converts dates and decimals as it reads)."""
    return sqlite3.connect(connection.settings_dict["NAME"], uri=True)


def known_migrations() -> set[tuple[str, str]]:
    return set(MigrationLoader(None, ignore_no_migrations=True).disk_migrations)


@SQLITE_ONLY
def test_a_restored_backup_is_identical_to_the_database(filled, tmp_path):
    with closing(raw_test_database()) as conn:
        before = dump(conn)
    assert sum(len(rows) for rows in before["rows"].values()) > 200, "the test needs a database with data"
    assert all(before["rows"][name] for name in ("org_person", "pulse_invitation", "django_session"))

    out = StringIO()
    call_command("backup", "--out", str(tmp_path / "kasam.backup"), "--format", "json", stdout=out)
    summary = json.loads(out.getvalue())
    assert summary["file"] == str(tmp_path / "kasam.backup")
    assert summary["bytes"] == (tmp_path / "kasam.backup").stat().st_size
    assert summary["tables"] == len(before["rows"])
    assert summary["rows"] == sum(len(rows) for rows in before["rows"].values())
    assert stat.S_IMODE((tmp_path / "kasam.backup").stat().st_mode) == 0o600

    fresh = tmp_path / "fresh.sqlite3"
    restored, kept, pending = restore(tmp_path / "kasam.backup", fresh, known_migrations())
    assert kept is None and pending == 0
    assert (restored.tables, restored.rows) == (summary["tables"], summary["rows"])
    with closing(sqlite3.connect(fresh)) as after:
        assert dump(after) == before
        assert after.execute("PRAGMA integrity_check").fetchone() == ("ok",)


@SQLITE_ONLY
def test_the_commands_restore_a_database_file_in_fresh_processes(filled, tmp_path):
    """As an operator: `kasam backup`, a change, `kasam restore` – the change is undone, the changed
    database is kept beside it, and the restored database is the backed-up one, row for row."""
    var = tmp_path / "var"
    var.mkdir()
    database = var / "kasam.sqlite3"
    backup(live_connection(), database)  # the installation's database file, from the test data
    with closing(sqlite3.connect(database)) as conn, conn:
        conn.execute("PRAGMA journal_mode=WAL")
        original = dump(conn)

    done = run_kasam(tmp_path, "backup", "--out", str(tmp_path / "nightly.sqlite3"), "--format", "json")
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["rows"] == sum(len(rows) for rows in original["rows"].values())

    with closing(sqlite3.connect(database)) as conn, conn:
        conn.execute("DELETE FROM org_employment WHERE person_id = 'P4'")
        conn.execute("UPDATE org_unit SET name = 'Omdöpt' WHERE id = 'AO'")
        changed = dump(conn)
    assert changed != original

    done = run_kasam(tmp_path, "restore", str(tmp_path / "nightly.sqlite3"), "--format", "json")
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout)
    assert result["previous"] == str(database) + ".before-restore"
    assert result["pending_migrations"] == 0
    with closing(sqlite3.connect(database)) as conn, conn:
        assert dump(conn) == original
        assert conn.execute("PRAGMA journal_mode").fetchone() == ("wal",)
    with closing(sqlite3.connect(result["previous"])) as conn:
        assert dump(conn)["rows"] == changed["rows"]

    # A second restore keeps the database under a new name rather than overwrite the first copy.
    again = run_kasam(tmp_path, "restore", str(tmp_path / "nightly.sqlite3"))
    assert again.returncode == 0, again.stderr
    assert ".before-restore-" in again.stdout and len(list(var.glob("kasam.sqlite3.before-restore*"))) == 2


def test_restore_refuses_a_postgresql_database(tmp_path, monkeypatch, db):
    """Real on a PostgreSQL test run; on SQLite the connection is made to say it is PostgreSQL."""
    if connection.vendor != "postgresql":
        monkeypatch.setattr(connections["default"], "vendor", "postgresql")
        monkeypatch.setattr(connections["default"], "display_name", "PostgreSQL")
    with pytest.raises(CommandError) as refused:
        call_command("restore", str(tmp_path / "kasam.backup"))
    assert str(refused.value) == (
        "kasam restore is for the SQLite installation; this server uses PostgreSQL: use pg_restore "
        "(docs/operations.md)"
    )
    with pytest.raises(CommandError, match="pg_dump"):
        call_command("backup", "--out", str(tmp_path / "kasam.backup"))
    assert not (tmp_path / "kasam.backup").exists()


def test_the_commands_refuse_postgresql_in_one_line(tmp_path):
    """Before they touch the database: no PostgreSQL server needs to answer."""
    env = {"DATABASE_URL": "postgres://kasam:secret@127.0.0.1:9/kasam"}
    for args, tool in [(("restore", "kasam.backup"), "pg_restore"), (("backup", "--out", "b"), "pg_dump")]:
        done = run_kasam(tmp_path, *args, **env)
        assert done.returncode == 1
        lines = done.stderr.strip().splitlines()
        assert len(lines) == 1 and tool in lines[0] and "secret" not in lines[0], done.stderr


@pytest.fixture
def backup_file(transactional_db, org, tmp_path):
    if connection.vendor != "sqlite":
        pytest.skip(
            "kasam backup/restore are for the SQLite installation; PostgreSQL is backed up with pg_dump"
        )
    return Path(backup(live_connection(), tmp_path / "kasam.backup").file)


def test_a_backup_never_overwrites_a_file(backup_file):
    before = backup_file.read_bytes()
    with pytest.raises(CommandError, match="already exists"):
        call_command("backup", "--out", str(backup_file))
    assert backup_file.read_bytes() == before
    with pytest.raises(CommandError, match="does not exist"):
        call_command("backup", "--out", str(backup_file.parent / "nope" / "x.sqlite3"))
    assert not list(backup_file.parent.glob("*.partial"))


def test_restore_refuses_what_is_not_a_sound_kasam_backup(backup_file, tmp_path):
    target = tmp_path / "target.sqlite3"
    text = tmp_path / "notes.txt"
    text.write_text("not a database")
    other = tmp_path / "other.sqlite3"
    with closing(sqlite3.connect(other)) as conn, conn:
        conn.execute("CREATE TABLE t (x)")
    truncated = tmp_path / "truncated.sqlite3"
    truncated.write_bytes(backup_file.read_bytes()[: 4096 * 3])
    newer = tmp_path / "newer.sqlite3"
    newer.write_bytes(backup_file.read_bytes())
    with closing(sqlite3.connect(newer)) as conn, conn:
        conn.execute(
            "INSERT INTO django_migrations (app, name, applied) VALUES ('org', '9999_future', '2030-01-01')"
        )

    cases = [
        (tmp_path / "missing.sqlite3", "no such file"),
        (text, "is not a SQLite database"),
        (other, "not Kasam's (it has no table django_migrations)"),
        (truncated, "truncated.sqlite3"),
        (newer, "comes from a newer Kasam (migration org.9999_future)"),
    ]
    for path, message in cases:
        with pytest.raises(BackupError, match=message.replace("(", r"\(").replace(")", r"\)")) as refused:
            restore(path, target, known_migrations())
        assert "\n" not in str(refused.value)
        assert not target.exists() or target.stat().st_size == 0


def test_restore_of_an_older_backup_asks_for_migrate(backup_file, tmp_path):
    with closing(sqlite3.connect(backup_file)) as conn, conn:
        conn.execute("DELETE FROM django_migrations WHERE app = 'org' AND name LIKE '0001%'")
    summary, kept, pending = restore(backup_file, tmp_path / "target.sqlite3", known_migrations())
    assert pending == 1 and kept is None


def test_a_bad_file_is_refused_in_one_line_with_a_non_zero_exit(tmp_path):
    (tmp_path / "notes.txt").write_text("not a database")
    done = run_kasam(tmp_path, "restore", str(tmp_path / "notes.txt"))
    assert done.returncode == 1
    assert done.stderr.strip().splitlines() == [
        f"CommandError: {tmp_path / 'notes.txt'} is not a SQLite database"
    ]


@pytest.mark.parametrize("name", ["backup", "restore"])
def test_help_says_to_keep_the_secret_key_separately(name):
    from django.core.management import load_command_class

    text = " ".join(load_command_class("kasam.core", name).create_parser("kasam", name).format_help().split())
    assert "secret_key" in text and "KASAM_VAR_DIR" in text
    assert ("pg_dump" if name == "backup" else "pg_restore") in text
    assert "--format" in text

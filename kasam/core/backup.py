"""Backup and restore of the SQLite installation (`kasam backup`, `kasam restore`; docs/operations.md).

Both copy with SQLite's online backup API, page by page under SQLite's own locks, so a backup is a
consistent snapshot while the server keeps running, and a restore replaces the live database's
content without leaving a stale WAL file behind (which copying files could). A backup is a single
self-contained file (rollback journal, not WAL), readable by the owner only, checked with
`PRAGMA integrity_check` before it gets its final name.

Only the database is backed up. The secret key (SECRET_KEY, or the generated KASAM_VAR_DIR/secret_key)
must be kept separately: without it sessions end, unused pulse links stop working and sealed pulse
submissions that wait for a flush cannot be opened (ADR 008). PostgreSQL is backed up with pg_dump.
"""

import os
import sqlite3
from dataclasses import asdict, dataclass
from datetime import datetime
from pathlib import Path

SQLITE_HEADER = b"SQLite format 3\x00"
# Tables every Kasam database has; a file without them is some other SQLite database.
KASAM_TABLES = ("django_migrations", "accounts_user", "org_unit", "org_person")


class BackupError(Exception):
    """A one-line reason why a backup or restore was refused or failed."""


@dataclass(frozen=True)
class Summary:
    file: str
    bytes: int
    tables: int
    rows: int

    def as_dict(self) -> dict:
        return asdict(self)


def table_rows(conn: sqlite3.Connection) -> dict[str, int]:
    """table name → number of rows, for every table but SQLite's own."""
    names = [
        row[0]
        for row in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' "
            "ORDER BY name"
        )
    ]
    return {name: conn.execute(f'SELECT COUNT(*) FROM "{name}"').fetchone()[0] for name in names}  # noqa: S608


def check_integrity(conn: sqlite3.Connection, label: str) -> None:
    rows = [row[0] for row in conn.execute("PRAGMA integrity_check")]
    if rows != ["ok"]:
        raise BackupError(f"{label} failed SQLite's integrity check: {rows[0] if rows else 'no answer'}")


def _summary(path: Path, conn: sqlite3.Connection) -> Summary:
    rows = table_rows(conn)
    return Summary(str(path), path.stat().st_size, len(rows), sum(rows.values()))


def _create_private(path: Path) -> None:
    """An empty file only the owner may read: a backup holds personal data."""
    os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))


def backup(source: sqlite3.Connection, out: Path) -> Summary:
    """Copy the database open in `source` into the new file `out`, check it and count its rows."""
    if out.exists():
        raise BackupError(f"{out} already exists; a backup never overwrites a file")
    if not out.parent.is_dir():
        raise BackupError(f"the folder {out.parent} does not exist")
    partial = out.with_name(out.name + ".partial")
    partial.unlink(missing_ok=True)
    try:
        _create_private(partial)
        target = sqlite3.connect(partial)
        try:
            source.backup(target)
            # One self-contained file: no -wal or -shm beside it when it is read.
            target.execute("PRAGMA journal_mode=DELETE")
            check_integrity(target, "the backup")
            rows = table_rows(target)
        finally:
            target.close()
        os.replace(partial, out)
    except sqlite3.Error as error:
        raise BackupError(f"the backup could not be written: {error}") from error
    finally:
        partial.unlink(missing_ok=True)
    return Summary(str(out), out.stat().st_size, len(rows), sum(rows.values()))


def open_backup(path: Path, known_migrations: set[tuple[str, str]] | None = None) -> sqlite3.Connection:
    """A read-only connection to a backup file that is a sound Kasam database, or BackupError.
    `known_migrations` (app, name) of this Kasam: a backup with a migration of a Kasam app that this
    code does not know comes from a newer version and is refused."""
    if not path.is_file():
        raise BackupError(f"{path}: no such file")
    with path.open("rb") as file:
        if file.read(len(SQLITE_HEADER)) != SQLITE_HEADER:
            raise BackupError(f"{path} is not a SQLite database")
    try:
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
        check_integrity(conn, str(path))
        tables = set(table_rows(conn))
    except sqlite3.Error as error:
        raise BackupError(f"{path} could not be read as a SQLite database: {error}") from error
    missing = [name for name in KASAM_TABLES if name not in tables]
    if missing:
        conn.close()
        raise BackupError(f"{path} is a SQLite database but not Kasam's (it has no table {missing[0]})")
    if known_migrations is not None:
        known_apps = {app for app, _name in known_migrations}
        applied = set(conn.execute("SELECT app, name FROM django_migrations"))
        newer = sorted(f"{app}.{name}" for app, name in applied - known_migrations if app in known_apps)
        if newer:
            conn.close()
            raise BackupError(
                f"{path} comes from a newer Kasam (migration {newer[0]}); update Kasam before restoring it"
            )
    return conn


def pending_migrations(conn: sqlite3.Connection, known_migrations: set[tuple[str, str]]) -> int:
    """How many of this Kasam's migrations the database has not applied (`kasam migrate` applies them)."""
    applied = set(conn.execute("SELECT app, name FROM django_migrations"))
    return len(known_migrations - applied)


def keep_name(database: Path) -> Path:
    """Where the current database is kept before a restore: DATABASE.before-restore, or with the time
    appended when that name is taken by an earlier restore."""
    kept = database.with_name(database.name + ".before-restore")
    if kept.exists():
        kept = database.with_name(f"{database.name}.before-restore-{datetime.now():%Y%m%dT%H%M%S}")
    return kept


def restore(path: Path, database: Path, known_migrations: set[tuple[str, str]] | None = None):
    """Replace the content of the SQLite database file `database` with the backup `path`.
    The current content is first copied (consistently) to keep_name(database). Returns the restored
    database's Summary, the path of the kept copy (None when there was no database) and the number of
    migrations still to apply."""
    if database.exists() and path.resolve() == database.resolve():
        raise BackupError(f"{path} is the live database itself")
    source = open_backup(path, known_migrations)
    kept = None
    try:
        expected = table_rows(source)
        live = sqlite3.connect(database, timeout=30)
        try:
            if live.execute("SELECT COUNT(*) FROM sqlite_master").fetchone()[0] > 0:
                kept = keep_name(database)
                _create_private(kept)
                copy = sqlite3.connect(kept)
                try:
                    live.backup(copy)
                    copy.execute("PRAGMA journal_mode=DELETE")
                finally:
                    copy.close()
            journal_mode = live.execute("PRAGMA journal_mode").fetchone()[0]
            source.backup(live)
            # The backup's pages carry its journal mode; the live database keeps its own.
            live.execute(f"PRAGMA journal_mode={journal_mode}")
            check_integrity(live, "the restored database")
            if table_rows(live) != expected:
                raise BackupError("the restored database does not hold the backup's rows")
            pending = pending_migrations(live, known_migrations) if known_migrations is not None else 0
            summary = _summary(database, live)
        finally:
            live.close()
    except sqlite3.Error as error:
        raise BackupError(f"the database could not be restored: {error}") from error
    finally:
        source.close()
    return summary, kept, pending

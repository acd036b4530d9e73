"""`kasam backup --out FILE [--format text|json]`: the SQLite installation's database, copied while Kasam
runs into one checked file (kasam.core.backup). PostgreSQL is backed up with pg_dump instead."""

import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import connections

from kasam.core.backup import BackupError, backup


def sqlite_connection(command: str):
    """The default database connection if it is SQLite (a file, to restore into), else a one-line
    CommandError."""
    connection = connections["default"]
    if connection.vendor != "sqlite":
        tool = "pg_dump --format=custom" if command == "backup" else "pg_restore"
        raise CommandError(
            f"kasam {command} is for the SQLite installation; this server uses {connection.display_name}: "
            f"use {tool} (docs/operations.md)"
        )
    if command == "restore" and connection.is_in_memory_db():
        raise CommandError("kasam restore needs a database file; this database is in memory")
    return connection


class Command(BaseCommand):
    # Must work even when some other part of the configuration fails Django's checks.
    requires_system_checks = []
    help = (
        "Back up the SQLite database to one file, consistently while Kasam runs.\n"
        "Copies with SQLite's online backup API, checks the copy (PRAGMA integrity_check) and only then "
        "gives it its name; the file is readable by its owner only. Only the database is backed up: keep "
        "the secret key (SECRET_KEY, or KASAM_VAR_DIR/secret_key) separately and safely – without it "
        "sessions end, unused pulse links stop working and waiting pulse answers cannot be opened. "
        "`kasam restore FILE` puts a backup back. PostgreSQL: use pg_dump (docs/operations.md)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--out", required=True, metavar="FILE", help="The new backup file.")
        parser.add_argument(
            "--format",
            choices=["text", "json"],
            default="text",
            help="text, or json: file, bytes, tables, rows.",
        )

    def handle(self, *args, out: str, format: str, **options):
        connection = sqlite_connection("backup")
        connection.ensure_connection()
        try:
            summary = backup(connection.connection, Path(out))
        except BackupError as error:
            raise CommandError(str(error)) from error
        if format == "json":
            self.stdout.write(json.dumps(summary.as_dict()))
        else:
            self.stdout.write(
                f"Backed up to {summary.file}: {summary.bytes:,} bytes, {summary.tables} tables, "
                f"{summary.rows:,} rows; integrity ok. Keep the secret key separately."
            )

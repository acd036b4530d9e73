"""`kasam restore FILE [--format text|json]`: put a `kasam backup` file back into the SQLite
installation (kasam.core.backup). Refused on PostgreSQL, which is restored with pg_restore."""

import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db.migrations.loader import MigrationLoader

from kasam.core.backup import BackupError, restore
from kasam.core.management.commands.backup import sqlite_connection


class Command(BaseCommand):
    # Must work even when some other part of the configuration fails Django's checks.
    requires_system_checks = []
    help = (
        "Restore the SQLite database from a `kasam backup` file.\n"
        "Checks that FILE is a sound SQLite database with Kasam's tables and not from a newer Kasam, "
        "keeps the current database as DATABASE.before-restore (beside it), then replaces its content "
        "and checks the result. Stop the web server and workers first. The secret key is not in a "
        "backup: restore SECRET_KEY or KASAM_VAR_DIR/secret_key from where you keep it. Run `kasam "
        "migrate` afterwards when the backup comes from an older Kasam. PostgreSQL: use pg_restore "
        "(docs/operations.md)."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", metavar="FILE", help="A file written by `kasam backup`.")
        parser.add_argument(
            "--format",
            choices=["text", "json"],
            default="text",
            help="text, or json: file, bytes, tables, rows, previous, pending_migrations.",
        )

    def handle(self, *args, file: str, format: str, **options):
        connection = sqlite_connection("restore")
        database = Path(connection.settings_dict["NAME"])
        connection.close()
        known = set(MigrationLoader(None, ignore_no_migrations=True).disk_migrations)
        try:
            summary, kept, pending = restore(Path(file), database, known)
        except BackupError as error:
            raise CommandError(str(error)) from error
        if format == "json":
            result = {**summary.as_dict(), "previous": str(kept) if kept else None}
            self.stdout.write(json.dumps({**result, "pending_migrations": pending}))
            return
        lines = [
            f"Restored {database} from {file}: {summary.tables} tables, {summary.rows:,} rows; integrity ok."
        ]
        if kept:
            lines.append(f"The previous database is kept as {kept}.")
        if pending:
            lines.append(f"The backup lacks {pending} migration(s) of this Kasam: run `kasam migrate` now.")
        self.stdout.write("\n".join(lines))

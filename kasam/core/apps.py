import os
import stat
from pathlib import Path

from django.apps import AppConfig
from django.db.backends.signals import connection_created

# The SQLite database and the files SQLite keeps beside it while it runs (WAL mode).
SQLITE_FILES = ("", "-wal", "-shm")


def keep_sqlite_private(sender, connection, **kwargs):
    """The SQLite database holds personal data: its files are made readable by their owner only (0600)
    as soon as a connection has opened (and, the first time, created) them. SQLite creates them with the
    umask's permissions, often 0644; a database made by an older Kasam is tightened the same way."""
    if connection.vendor != "sqlite":
        return
    name = str(connection.settings_dict.get("NAME") or "")
    if not name or name == ":memory:" or name.startswith("file:"):
        return
    for suffix in SQLITE_FILES:
        path = Path(name + suffix)
        try:
            mode = path.stat().st_mode
        except FileNotFoundError:
            continue
        if stat.S_IMODE(mode) & 0o077:
            os.chmod(path, 0o600)


class CoreConfig(AppConfig):
    name = "kasam.core"
    label = "core"

    def ready(self):
        from kasam.core import deploy_checks  # noqa: F401 – registers the system checks

        connection_created.connect(keep_sqlite_private, dispatch_uid="kasam_keep_sqlite_private")

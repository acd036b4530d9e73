"""Pulse answers kept safe while the database is locked (docs/operations.md, "Faults that heal
themselves").

A submitted answer is never dropped. kasam.pulse.actions.submit retries its write while SQLite reports
the database locked (another process holds the write lock: an import, a refill, a backup); when the
lock outlasts KASAM_PULSE_WRITE_WAIT_SECONDS, the answer – checked against its link, its round and the
statements exactly as a stored one is – is written here, one file per link, sealed under the buffer's
key (kasam.pulse.sealing) and padded to one size, and the employee gets the normal thank-you page.

A file holds the invitation's id, the answers, the day and the link's keyed hashes – never the token.
The next stored answer, `kasam tick` and the round's close store what waits here (`drain`), each entry
in a transaction of its own (the close's, for its round) and exactly once: an entry whose link has been
used meanwhile – by this very entry from another process, or by a second press – is deleted without a
second row. The file is deleted only after the transaction that stored it has committed, so a crash in
between leaves an entry that the next drain recognises as stored.

An entry that can no longer be stored (its round was closed without it, its invitation deleted) is
moved to `rejected/` and logged as an error, for an administrator to look at; a file that cannot be
opened stays where it is and fails the close of its round, like the buffer.

The directory (KASAM_PULSE_SPOOL_DIR, default KASAM_VAR_DIR/pulse-spool) is local to the machine: the
lock it bridges is SQLite's, and an install on SQLite runs on one machine.
"""

import logging
import os
import secrets
from dataclasses import asdict, dataclass
from datetime import date
from pathlib import Path

from django.conf import settings
from django.db import OperationalError, transaction

from kasam.pulse import sealing

logger = logging.getLogger(__name__)

SUFFIX = ".sealed"
REJECTED = "rejected"


@dataclass(frozen=True)
class Entry:
    invitation_id: int
    round_id: int
    day: str  # ISO date the answer was given
    payload: dict
    link_hash: str
    participation_retry: str
    buffer_retry: str

    @property
    def answered_on(self) -> date:
        return date.fromisoformat(self.day)


def directory() -> Path:
    return Path(settings.KASAM_PULSE_SPOOL_DIR)


def _path(round_id: int, link_hash: str) -> Path:
    return directory() / f"{int(round_id)}-{link_hash}{SUFFIX}"


def is_locked(error: BaseException) -> bool:
    """SQLite's "database is locked" (another writer) or "database table is locked"."""
    return isinstance(error, OperationalError) and "is locked" in str(error)


def keep(entry: Entry) -> bool:
    """Write the entry durably; False when one for the same link waits already (it is kept)."""
    folder = directory()
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    final = _path(entry.round_id, entry.link_hash)
    temporary = folder / f".{secrets.token_hex(8)}.tmp"
    descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        with os.fdopen(descriptor, "w", encoding="ascii") as file:
            file.write(sealing.seal_spooled(asdict(entry)))
            file.flush()
            os.fsync(file.fileno())
        try:
            os.link(temporary, final)  # fails if the link's entry exists: the first one is kept
        except FileExistsError:
            return False
        _sync_directory(folder)
        return True
    finally:
        temporary.unlink(missing_ok=True)


def waiting(link_hash: str) -> Path | None:
    """The file of the link's waiting entry, if any."""
    folder = directory()
    if not folder.is_dir():
        return None
    return next(folder.glob(f"*-{link_hash}{SUFFIX}"), None)


def waiting_links() -> set[str]:
    """The link hashes of every entry waiting now (for many submissions at once: one look at the
    folder, not one per link)."""
    return {path.name.removesuffix(SUFFIX).split("-", 1)[1] for path in files()}


def read(path: Path) -> Entry:
    """The entry of a file; SealError when it cannot be opened."""
    return Entry(**sealing.unseal_spooled(path.read_text(encoding="ascii")))


def files(round_id: int | None = None) -> list[Path]:
    folder = directory()
    if not folder.is_dir():
        return []
    pattern = f"{int(round_id)}-*{SUFFIX}" if round_id is not None else f"*{SUFFIX}"
    return sorted(folder.glob(pattern))


def drain(round_id: int | None = None, strict: bool = False) -> int:
    """Store what waits (only the round's when given); returns how many entries were settled. A
    database still locked stops the drain quietly (the files wait for the next one), unless `strict`
    (the close), which raises – as it does for a file that cannot be opened."""
    return drain_paths(files(round_id), strict)


def drain_paths(paths: list[Path], strict: bool = False) -> int:
    """drain() of the given files."""
    from kasam.pulse.actions import store_spooled

    settled = 0
    for path in paths:
        try:
            entry = read(path)
        except FileNotFoundError:  # settled by another process meanwhile
            settled += 1
            continue
        except sealing.SealError:
            if strict:
                raise
            logger.exception("A spooled pulse answer cannot be opened: %s", path.name)
            continue
        try:
            outcome = store_spooled(entry)
        except OperationalError as error:
            if strict or not is_locked(error):
                raise
            logger.info("The database is still locked; pulse answers wait in the spool")
            return settled
        if outcome == "rejected":
            logger.error(
                "A spooled pulse answer could not be stored (round closed, link gone): %s", path.name
            )
            transaction.on_commit(lambda path=path: _reject(path))
        else:
            transaction.on_commit(lambda path=path: path.unlink(missing_ok=True))
        settled += 1
    return settled


def drain_quietly() -> int:
    """drain(), for a request or `kasam tick` that must not fail because of it: errors are logged."""
    if not files():
        return 0
    try:
        return drain()
    except Exception:
        logger.exception("The pulse spool could not be drained; its answers wait for the next try")
        return 0


def _reject(path: Path) -> None:
    target = path.parent / REJECTED
    target.mkdir(mode=0o700, exist_ok=True)
    if path.exists():
        path.replace(target / path.name)


def _sync_directory(folder: Path) -> None:
    descriptor = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)

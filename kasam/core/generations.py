"""Figures cached in each worker process and invalidated in all of them at once (docs/architecture.md
"Caches").

A cached value is held under the name of the data it was computed from (e.g. "pulse", "survey") and
that data's generation: `kasam.core.models.Generation.version`, which the code that changes the data
sets to a new value with `bump(name)` inside its own transaction (a round closing, an import, a
release). Every `cached()` call reads the generation first – one primary-key lookup – so a worker never
serves a value computed before a change another worker made; no per-process timer decides it. A
`timeout` (seconds) additionally bounds values that change without an event, such as an open round's
live response counts: such a value is as old in every worker, counted from when it was computed.

The new version is random rather than the old one plus one: after a rolled-back transaction or a
restored backup a counter could come back to a value some process still holds, with other data behind
it."""

import hashlib
import logging
import pickle
import secrets
import time
from collections import OrderedDict
from collections.abc import Callable, Hashable
from threading import Lock
from typing import TypeVar

from django.core.cache import caches
from django.db.models.signals import post_delete, post_save

from kasam.core.models import Generation

T = TypeVar("T")
HELD_MAX = 256  # values kept per process; the least recently used goes first
# The shared cache's entries are (computed at, value); a new prefix when that shape changes, so that a
# worker of a new version never reads an entry an older one left.
SHARED_PREFIX = "generations:2:"
_MISSING = object()
logger = logging.getLogger(__name__)

_held: OrderedDict[tuple, tuple[tuple[int, ...], float, object]] = OrderedDict()
_lock = Lock()


def bump(*names: str) -> None:
    """Mark the data under each name as changed (call inside the transaction that changes it)."""
    for name in names:
        Generation.objects.update_or_create(name=name, defaults={"version": secrets.randbits(62) + 1})


def bump_on_change(name: str, *models) -> None:
    """Bump `name` whenever an instance of one of `models` is saved or deleted (for data written one
    object at a time; bulk writes call `bump` themselves)."""

    def changed(**kwargs) -> None:
        bump(name)

    for model in models:
        for signal in (post_save, post_delete):
            signal.connect(
                changed, sender=model, weak=False, dispatch_uid=f"generation-{name}-{model._meta.label}"
            )


def version(name: str) -> int:
    """The current generation of the data under `name` (0 before its first change)."""
    return Generation.objects.filter(name=name).values_list("version", flat=True).first() or 0


def versions(names: tuple[str, ...]) -> tuple[int, ...]:
    """The current generations of `names`, in one query."""
    found = dict(Generation.objects.filter(name__in=names).values_list("name", "version"))
    return tuple(found.get(name, 0) for name in names)


def cached(
    names: str | tuple[str, ...], key: Hashable, compute: Callable[[], T], timeout: float | None = None
) -> T:
    """`compute()`, kept under (`names`, `key`) until the data under any of `names` changes (or, with
    `timeout`, at most that many seconds from when it was computed): in this process and in the shared
    cache (CACHES["default"]), so that the workers compute it once between them and a fresh worker does
    not compute it again."""
    names = (names,) if isinstance(names, str) else names
    current = versions(names)
    slot = (names, key)
    now = time.time()  # wall-clock: a value's age counts in every process alike
    with _lock:
        held = _held.get(slot)
        if held is not None and held[0] == current and (timeout is None or now - held[1] < timeout):
            _held.move_to_end(slot)
            return held[2]  # type: ignore[return-value]
    shared_key = SHARED_PREFIX + hashlib.sha256(repr((names, key, current)).encode()).hexdigest()
    shared = caches["default"].get(shared_key, _MISSING)
    if shared is not _MISSING and (timeout is None or now - shared[0] < timeout):
        made, value = shared
    else:
        made, value = now, compute()
        _share(shared_key, (made, value), timeout)
    with _lock:
        _held[slot] = (current, made, value)
        _held.move_to_end(slot)
        while len(_held) > HELD_MAX:
            _held.popitem(last=False)
    return value  # type: ignore[return-value]


def _share(shared_key: str, value: object, timeout: float | None) -> None:
    try:
        caches["default"].set(shared_key, value, timeout)
    except (pickle.PicklingError, TypeError, AttributeError):  # a value that cannot be pickled stays local
        logger.warning("A cached value under %s could not be shared between workers", shared_key)


def forget_all() -> None:
    """Drop every value this process holds (tests start from an empty cache)."""
    with _lock:
        _held.clear()

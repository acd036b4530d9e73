"""The organisation's staff names, held per process and re-read only when they may have changed.

Masking names in free-text comments (docs/definitions.md "Anonymity rules", rule 5) needs every staff first
and last name; reading 50,000 persons for every page costs about 80 ms. A process keeps the names
it read with the key they were read under: `StaffNamesStamp.version`, which every write path sets to
a new random value in its own transaction (the people import, and `save`/`delete` of a Person
through the signals below), and the number of persons, so that a new person added by a path that
forgot to bump still forces a re-read. A stale set can then only hold names of persons since renamed
or deleted – masking too much, the safe error."""

import secrets
from collections.abc import Callable
from threading import Lock
from typing import TypeVar

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from kasam.org.models import Person, StaffNamesStamp

T = TypeVar("T")
_held: dict[str, tuple[tuple[int, int], object]] = {}
_lock = Lock()


def bump() -> None:
    """Mark the staff names as changed (call inside the transaction that changes them). The new
    version is random, not the old one plus one: after a rolled-back transaction or a restored backup
    a counter could come back to a value some process still holds, with other names behind it."""
    StaffNamesStamp.objects.update_or_create(pk=1, defaults={"version": secrets.randbits(62) + 1})


def names_key() -> tuple[int, int]:
    """(stamp version, number of persons): changes whenever the set of staff names may have."""
    version = StaffNamesStamp.objects.filter(pk=1).values_list("version", flat=True).first() or 0
    return version, Person.objects.count()


def read_staff_names() -> frozenset[str]:
    """Every first and last name of the organisation's staff (distinct, non-empty)."""
    names = set(Person.objects.values_list("first_name", flat=True).distinct())
    names.update(Person.objects.values_list("last_name", flat=True).distinct())
    names.discard("")
    return frozenset(names)


def derived_from_names(name: str, build: Callable[[frozenset[str]], T]) -> T:
    """`build(staff names)`, kept in this process under `name` until the names may have changed."""
    key = names_key()
    held = _held.get(name)
    if held is not None and held[0] == key:
        return held[1]  # type: ignore[return-value]
    with _lock:
        value = build(read_staff_names())
        _held[name] = (key, value)
    return value


@receiver(post_save, sender=Person)
@receiver(post_delete, sender=Person)
def _person_changed(**kwargs) -> None:
    bump()

"""Inserting many rows without model instances (kasam.core.bulk): the rows read back through the ORM as
bulk_create would have stored them, and the UUIDs drawn in one go are version-4 UUIDs."""

import time
import uuid
from datetime import date

import pytest

from kasam.core import bulk
from kasam.org.models import Person, Unit
from kasam.pulse.models import Participation, Programme, Round


def test_uuid4_hex_are_distinct_version_4_uuids():
    keys = bulk.uuid4_hex(1000)
    assert len(set(keys)) == 1000
    for key in keys:
        parsed = uuid.UUID(key)
        assert parsed.hex == key and parsed.version == 4 and parsed.variant == uuid.RFC_4122
    assert bulk.uuid4_hex(0) == []


def test_uuid7_hex_share_their_timestamp_and_are_random_after_it():
    keys = bulk.uuid7_hex(1000)
    assert len(set(keys)) == 1000
    for key in keys:
        parsed = uuid.UUID(key)
        assert parsed.hex == key and parsed.version == 7 and parsed.variant == uuid.RFC_4122
    assert len({key[:12] for key in keys}) == 1  # one timestamp: the batch lies together in the index
    assert abs(int(keys[0][:12], 16) - time.time() * 1000) < 60_000
    assert keys != sorted(keys)  # within the batch no order
    assert bulk.uuid7_hex(0) == []


@pytest.mark.django_db
def test_inserted_rows_read_back_through_the_orm():
    Unit.objects.create(id="R", name="R", kind="unit", path="R/")
    Person.objects.create(id="P1", birth_year=1980)
    Person.objects.create(id="P2", birth_year=1981)
    programme = Programme.objects.create(name="Puls", root_unit_id="R")
    round = Round.objects.create(
        programme=programme, number=1, opens_on=date(2026, 1, 5), closes_on=date(2026, 1, 11)
    )
    given = uuid.uuid4()
    [drawn] = bulk.uuid4_hex(1)
    count = bulk.insert_rows(
        Participation,
        ["id", "round_id", "person_id", "answered_on", "link_hash", "idempotency_hash"],
        iter(
            [
                (given, round.pk, "P1", date(2026, 1, 6), "a" * 64, "b" * 64),
                (drawn, round.pk, "P2", date(2026, 1, 7), "c" * 64, "d" * 64),
            ]
        ),
    )
    assert count == 2
    assert set(Participation.objects.values_list("id", "person_id", "answered_on", "link_hash")) == {
        (given, "P1", date(2026, 1, 6), "a" * 64),
        (uuid.UUID(drawn), "P2", date(2026, 1, 7), "c" * 64),
    }
    assert bulk.insert_rows(Participation, ["id"], []) == 0

"""Inserting many rows of one model at once, without building a model instance per row
(docs/performance.md): `executemany` on SQLite, COPY on PostgreSQL.

Django's bulk_create prepares every field of every instance through the model layer, some tens of
microseconds a row – minutes for the millions of pulse answers of a large demo. Here each column's
value is converted once by its field (get_db_prep_save) only where the database needs it (UUIDs,
dates, JSON); plain text and integers pass as they are. Constraints and indexes are the database's as
always; no signals are sent (as with bulk_create)."""

import os
import time
from collections.abc import Iterable, Sequence
from itertools import islice

import numpy as np
from django.db import connection, models

CHUNK = 5000
# Field types whose Python value the database driver takes as it is.
PLAIN = frozenset(
    {
        "CharField",
        "TextField",
        "IntegerField",
        "BigIntegerField",
        "SmallIntegerField",
        "PositiveIntegerField",
        "PositiveSmallIntegerField",
        "PositiveBigIntegerField",
        "AutoField",
        "BigAutoField",
        "FloatField",
    }
)


def _converter(field: models.Field):
    target = field.target_field if field.is_relation else field
    kind = target.get_internal_type()
    if kind in PLAIN:
        return None
    if kind == "UUIDField":  # a uuid.UUID: PostgreSQL's uuid type, SQLite's 32 hex digits
        return None if connection.features.has_native_uuid_field else _hex
    if kind == "DateField":  # a datetime.date: PostgreSQL's driver takes it, SQLite stores ISO text
        return None if connection.vendor == "postgresql" else _iso
    return lambda value: field.get_db_prep_save(value, connection)


def _hex(value):
    return value if value is None or isinstance(value, str) else value.hex


def uuid4_hex(count: int) -> list[str]:
    """`count` random version-4 UUIDs as 32 hex digits, as a UUIDField stores them on SQLite (and
    PostgreSQL reads them): drawn in one go, where uuid.uuid4() costs microseconds each."""
    raw = np.frombuffer(os.urandom(16 * count), dtype=np.uint8).reshape(count, 16).copy()
    raw[:, 6] = (raw[:, 6] & 0x0F) | 0x40  # version 4
    raw[:, 8] = (raw[:, 8] & 0x3F) | 0x80  # the RFC 4122 variant
    digits = raw.tobytes().hex()
    return [digits[start : start + 32] for start in range(0, 32 * count, 32)]


def uuid7_hex(count: int) -> list[str]:
    """`count` version-7 UUIDs as 32 hex digits, all with the same timestamp (now, in milliseconds) and
    the rest random: a batch's keys lie together in the primary-key index – inserting a large batch
    into a table of millions touches the index's end, not every page of it – while their order within
    the batch is random and says nothing of the order of the rows (the pulse's answers at close)."""
    raw = np.frombuffer(os.urandom(16 * count), dtype=np.uint8).reshape(count, 16).copy()
    raw[:, :6] = np.frombuffer((time.time_ns() // 1_000_000).to_bytes(6, "big"), dtype=np.uint8)
    raw[:, 6] = (raw[:, 6] & 0x0F) | 0x70  # version 7
    raw[:, 8] = (raw[:, 8] & 0x3F) | 0x80  # the RFC 4122 variant
    digits = raw.tobytes().hex()
    return [digits[start : start + 32] for start in range(0, 32 * count, 32)]


def _iso(value):
    return None if value is None else value.isoformat()


def insert_rows(
    model: type[models.Model], fields: Sequence[str], rows: Iterable[Sequence], *, ready: bool = False
) -> int:
    """Insert `rows` (tuples of values in the order of `fields`; a foreign key by its attname, e.g.
    "round_id") into the model's table in the current transaction; returns the number inserted.
    `ready`: the values are as both databases take them already – text, numbers, UUIDs as uuid4_hex
    gives them, dates in ISO form – and are passed without a look."""
    meta = model._meta
    columns = [meta.get_field(name) for name in fields]
    converters = [_converter(column) for column in columns]
    if any(converters) and not ready:
        rows = (
            tuple(
                value if convert is None else convert(value)
                for convert, value in zip(converters, row, strict=True)
            )
            for row in rows
        )
    quote = connection.ops.quote_name
    table = quote(meta.db_table)
    names = ", ".join(quote(column.column) for column in columns)
    count = 0
    rows = iter(rows)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            with cursor.cursor.copy(f"COPY {table} ({names}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
                    count += 1
            return count
        sql = f"INSERT INTO {table} ({names}) VALUES ({', '.join(['%s'] * len(columns))})"  # noqa: S608
        while chunk := list(islice(rows, CHUNK)):
            cursor.executemany(sql, chunk)
            count += len(chunk)
    return count

"""Writing a checked absence file (docs/import-formats.md, absences), fast enough for 1.5 million rows.

The file is compared with the stored absences in Polars: one query loads what may be affected, and
only new, changed and removed rows are written, with raw SQL (`executemany`, or COPY on PostgreSQL)
rather than model instances. The caller holds the transaction."""

import io
from datetime import date

import polars as pl
from django.db import connection

from kasam.absence.models import Absence
from kasam.core.validation import Counts

# The SQL below is built with f-strings (hence the S608 exemptions) only for the table name, which
# comes from the model; every value goes in as a parameter or through COPY.
KEY = ["person_id", "start_date", "kind"]
CHUNK = 50_000
STORED = {
    "id": pl.Int64,
    "person_id": pl.String,
    "start_date": pl.String,
    "end_date": pl.String,
    "extent": pl.String,
    "kind": pl.String,
}


def apply_absences(frame: pl.DataFrame, dry_run: bool) -> Counts:
    """Make the stored absences match the file. The file is the whole truth for its persons and its
    date range, [earliest start_date, latest end_date]: their stored absences that start in that range
    and are not in the file are deleted; absences that start before or after the range, and those of
    persons not in the file, are kept. Rows are matched on (person, start_date, kind); a match with
    another end date or extent is updated."""
    incoming = frame.select(
        "person_id", "start_date", "end_date", _cents(pl.col("extent")).alias("cents"), "kind"
    )
    first, last = incoming["start_date"].min(), incoming["end_date"].max()
    stored = _stored(first, last).join(incoming.select("person_id").unique(), on="person_id", how="semi")
    matched = incoming.join(stored, on=KEY, how="left", suffix="_stored")
    new = matched.filter(pl.col("id").is_null())
    changed = matched.filter(
        pl.col("id").is_not_null()
        & ((pl.col("end_date") != pl.col("end_date_stored")) | (pl.col("cents") != pl.col("cents_stored")))
    )
    gone = stored.join(incoming, on=KEY, how="anti")
    if not dry_run:
        _delete(gone["id"])
        _update(changed)
        _insert(new.sort("person_id", "start_date"))
    unchanged = matched.height - new.height - changed.height
    return Counts(new.height, changed.height, unchanged, gone.height)


def _cents(extent: pl.Expr) -> pl.Expr:
    """Extents compared as whole hundredths: floats from the file and decimals from the database."""
    return (extent * 100).round(0).cast(pl.Int64)


def _table() -> str:
    return connection.ops.quote_name(Absence._meta.db_table)


def _stored(first: date, last: date) -> pl.DataFrame:
    """Stored absences starting within [first, last], in one query; dates and extents come back as
    text so that neither driver builds millions of Python dates or decimals."""
    columns = "id, person_id, CAST(start_date AS TEXT), CAST(end_date AS TEXT), CAST(extent AS TEXT), kind"
    sql = f"SELECT {columns} FROM {_table()} WHERE start_date >= %s AND start_date <= %s"  # noqa: S608
    raw = _copy_out(sql, first, last) if connection.vendor == "postgresql" else _fetch(sql, first, last)
    return raw.with_columns(
        pl.col("start_date").str.to_date("%Y-%m-%d"),
        pl.col("end_date").str.to_date("%Y-%m-%d"),
        _cents(pl.col("extent").cast(pl.Float64)).alias("cents"),
    ).drop("extent")


def _fetch(sql: str, first: date, last: date) -> pl.DataFrame:
    parts = [pl.DataFrame(schema=STORED)]
    with connection.cursor() as cursor:
        cursor.execute(sql, [first.isoformat(), last.isoformat()])
        while rows := cursor.fetchmany(CHUNK):
            parts.append(pl.DataFrame(rows, schema=STORED, orient="row"))
    return pl.concat(parts)


def _copy_out(sql: str, first: date, last: date) -> pl.DataFrame:
    from psycopg import sql as psql

    statement = psql.SQL("COPY ({}) TO STDOUT WITH (FORMAT csv)").format(
        psql.SQL(sql.replace("%s", "{}")).format(psql.Literal(first), psql.Literal(last))
    )
    buffer = io.BytesIO()
    with connection.cursor() as cursor, cursor.cursor.copy(statement) as copy:
        for block in copy:
            buffer.write(block)
    if not buffer.getbuffer().nbytes:
        return pl.DataFrame(schema=STORED)
    buffer.seek(0)
    return pl.read_csv(buffer, has_header=False, new_columns=list(STORED), schema=STORED)


def _rows(frame: pl.DataFrame) -> pl.DataFrame:
    """The columns as the database takes them: ISO dates, extent as a decimal string."""
    return frame.select(
        "person_id",
        pl.col("start_date").cast(pl.String),
        pl.col("end_date").cast(pl.String),
        (pl.col("cents") / 100).round(2).cast(pl.String).alias("extent"),
        "kind",
    )


def _insert(new: pl.DataFrame) -> None:
    if new.is_empty():
        return
    rows = _rows(new)
    columns = "person_id, start_date, end_date, extent, kind"
    if connection.vendor == "postgresql":
        # COPY is several times faster than any INSERT for a million rows.
        with (
            connection.cursor() as cursor,
            cursor.cursor.copy(f"COPY {_table()} ({columns}) FROM STDIN WITH (FORMAT csv)") as copy,
        ):
            for offset in range(0, rows.height, CHUNK):
                copy.write(rows.slice(offset, CHUNK).write_csv(include_header=False))
        return
    sql = f"INSERT INTO {_table()} ({columns}) VALUES (%s, %s, %s, %s, %s)"  # noqa: S608
    _executemany(sql, rows)


def _update(changed: pl.DataFrame) -> None:
    rows = _rows(changed).select("end_date", "extent", changed["id"])
    _executemany(f"UPDATE {_table()} SET end_date = %s, extent = %s WHERE id = %s", rows)  # noqa: S608


def _delete(ids: pl.Series) -> None:
    _executemany(f"DELETE FROM {_table()} WHERE id = %s", ids.to_frame())  # noqa: S608


def _executemany(sql: str, rows: pl.DataFrame) -> None:
    if connection.vendor == "postgresql":
        sql = _typed_placeholders(sql)
    with connection.cursor() as cursor:
        for offset in range(0, rows.height, CHUNK):
            cursor.executemany(sql, rows.slice(offset, CHUNK).rows())


def _typed_placeholders(sql: str) -> str:
    """PostgreSQL does not cast text parameters to date or numeric on its own in every position."""
    return sql.replace("end_date = %s", "end_date = %s::date").replace("extent = %s", "extent = %s::numeric")

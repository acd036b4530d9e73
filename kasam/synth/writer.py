"""Writes a municipality as the four import files: UTF-8 without BOM, comma separated, decimal
point, a header row, ISO dates, docs/import-formats.md's column order and an empty field for a missing
value."""

from pathlib import Path

import polars as pl

from kasam.synth.municipality import COLUMNS, Municipality


def plain_number(column: str) -> pl.Expr:
    """`100`, `75`, `37.5`, `38.25`: no trailing `.0`, as a person would type the number."""
    value = pl.col(column)
    return (
        pl.when(value == value.round(0))
        .then(value.cast(pl.Int64).cast(pl.String))
        .otherwise(value.cast(pl.String))
        .alias(column)
    )


def write_files(municipality: Municipality, out_dir: Path) -> dict[str, Path]:
    """Write units.csv, people.csv, employments.csv and absences.csv into out_dir (created)."""
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    paths = {}
    for kind, frame in municipality.tables().items():
        numbers = [c for c, dtype in frame.schema.items() if dtype.is_float()]
        frame = frame.with_columns(plain_number(c) for c in numbers).select(COLUMNS[kind])
        # Polars quotes an empty string (""); an empty field is what "missing" looks like in the formats.
        frame = frame.with_columns(pl.when(pl.col(pl.String) != "").then(pl.col(pl.String)).name.keep())
        paths[kind] = out_dir / f"{kind}.csv"
        frame.write_csv(
            paths[kind], separator=",", line_terminator="\n", null_value="", date_format="%Y-%m-%d"
        )
    return paths

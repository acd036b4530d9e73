"""Time importing a municipality's absence file: by default 50,000 employees × 5 years ≈ 1.5 million
rows, which must import in under two minutes (docs/performance.md, "Importing absences").

    .venv/bin/python benchmarks/bench_import_absences.py --rows 1500000
    DATABASE_URL=postgres://postgres@localhost:5432/kasam_bench \
        .venv/bin/python benchmarks/bench_import_absences.py --rows 1500000

Self-contained: it makes its own people and absence files (random spells, none overlapping) and, unless
DATABASE_URL is set, a fresh SQLite database in a temporary directory. A PostgreSQL database named by
DATABASE_URL must exist and is emptied first. It times the first import, a re-import of the same file
(nothing changes) and an import where 1% of the rows changed and 1% were removed, prints the figures
and the peak memory, and exits non-zero when an import takes longer than --budget seconds."""

import argparse
import os
import platform
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
import polars as pl
from machine import cpu_model, peak_mb

DAYS = 5 * 365 + 1
FIRST_DAY = np.datetime64("2021-01-01")


def people_csv(persons: int, rng: np.random.Generator) -> bytes:
    frame = pl.DataFrame(
        {
            "person_id": [f"E{n:06d}" for n in range(persons)],
            "birth_year": rng.integers(1960, 2004, persons),
            "gender": rng.choice(["K", "M", ""], persons, p=[0.78, 0.21, 0.01]),
        }
    )
    return frame.write_csv().encode()


def absences_frame(rows: int, persons: int, rng: np.random.Generator) -> pl.DataFrame:
    """`rows` spells spread evenly over the persons; each person's 5 years are cut into one slot per
    spell, and each spell lies inside its slot, so that no two spells of a person overlap."""
    person = np.arange(rows) * persons // rows
    spells_of = np.bincount(person, minlength=persons)
    first_row = np.concatenate([[0], np.cumsum(spells_of)[:-1]])
    index = np.arange(rows) - first_row[person]
    slot = DAYS // spells_of[person]
    offset = (rng.random(rows) * (slot - 1)).astype(np.int64)
    # Mostly short spells, some long ones: geometric lengths, capped by the slot.
    length = np.minimum(rng.geometric(0.2, rows), slot - offset)
    start = FIRST_DAY + (index * slot + offset).astype("timedelta64[D]")
    return pl.DataFrame(
        {
            "person_id": [f"E{n:06d}" for n in person],
            "start_date": start,
            "end_date": start + (length - 1).astype("timedelta64[D]"),
            "extent": rng.choice(["100", "50", "25", "75"], rows, p=[0.85, 0.1, 0.03, 0.02]),
            "kind": rng.choice(["sjuk", "vab", "semester"], rows, p=[0.8, 0.1, 0.1]),
        }
    )


def setup_django(workdir: Path) -> str:
    os.environ["KASAM_VAR_DIR"] = str(workdir)
    os.environ.setdefault("DATABASE_URL", f"sqlite:///{workdir / 'bench.sqlite3'}")
    os.environ["DJANGO_SETTINGS_MODULE"] = "kasam.settings"
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    call_command("migrate", verbosity=0)
    if connection.vendor != "sqlite":
        call_command("flush", interactive=False, verbosity=0)
    return connection.vendor


def timed(label: str, kind: str, data: bytes, timings: dict) -> object:
    from kasam.site.imports import import_file

    began = time.perf_counter()
    result = import_file(kind, data, f"{kind}.csv")
    timings[label] = seconds = time.perf_counter() - began
    if not result.ok:
        sys.exit(f"{label}: {len(result.errors)} errors, first: {result.errors[0]}")
    print(
        f"{label:<28} {seconds:7.1f} s   created {result.created}, updated {result.updated}, "
        f"unchanged {result.unchanged}, deleted {result.deleted}, warnings {len(result.warnings)}"
    )
    return result


def changed_file(frame: pl.DataFrame, rng: np.random.Generator) -> bytes:
    """1% of the rows get another extent, 1% are gone."""
    roll = rng.random(frame.height)
    kept = roll >= 0.01
    changed = pl.Series(roll[kept] < 0.02)
    frame = frame.filter(kept).with_columns(
        pl.when(changed).then(pl.lit("60")).otherwise(pl.col("extent")).alias("extent")
    )
    return frame.write_csv().encode()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_500_000)
    parser.add_argument("--persons", type=int, default=50_000)
    parser.add_argument("--budget", type=float, default=120.0, help="seconds allowed per import")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    rng = np.random.default_rng(args.seed)
    with tempfile.TemporaryDirectory(prefix="kasam-bench-") as workdir:
        vendor = setup_django(Path(workdir))
        print(
            f"{args.rows:,} absence rows, {args.persons:,} persons, {vendor}; {os.cpu_count()} CPUs "
            f"({cpu_model()}), Python {platform.python_version()}, Polars {pl.__version__}"
        )
        frame = absences_frame(args.rows, args.persons, rng)
        absences = frame.write_csv().encode()
        print(f"absence file: {len(absences) / 1e6:.0f} MB")
        timings: dict[str, float] = {}
        timed("people", "people", people_csv(args.persons, rng), timings)
        timed("absences, first import", "absences", absences, timings)
        timed("absences, same file again", "absences", absences, timings)
        timed("absences, 1% changed/gone", "absences", changed_file(frame, rng), timings)
    peak = peak_mb()
    print(f"peak memory (max RSS): {peak:.0f} MB")
    slow = {label: s for label, s in timings.items() if s > args.budget}
    if slow:
        sys.exit(f"over the budget of {args.budget:.0f} s: {slow}")


if __name__ == "__main__":
    main()

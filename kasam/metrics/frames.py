"""The four import tables as typed Polars frames (docs/import-formats.md), read straight from the import
files for analysts and benchmarks. Pure Polars: no Django, no NumPy, no openpyxl, so that
`kasam sickleave report --from-dir` starts fast. The database path (kasam.absence.frames) produces
the same `Frames` through `normalise`, so both paths feed the engine identical frames.

Column types after `normalise`:
- units: unit_id, parent_id (null for the root), name, kind, activity — strings;
- people: person_id (string), birth_year (Int64, null if unknown), gender ("K", "M" or null; other
  values count in totals only, and are read as null as the import stores them as empty);
- employments: person_id, unit_id (strings), start_date, end_date (Date; null = ongoing), rate,
  weekly_hours (Float64, 2 decimals; weekly_hours null = 40), pay (lower-case string);
- absences: person_id (string), start_date, end_date (Date), extent (Float64, 2 decimals, null =
  100), kind (lower-case string; null or empty = sjuk);
- tree (optional, None when the units have no history): unit_id, parent_id (strings), valid_from,
  valid_to (Date; valid_to null = until further notice), one row per version of a unit
  (kasam.metrics.tree_history). `units` is then today's tree.
Units, people and employments are sorted on their keys, so that sums run in the same order whichever
path read them; absences keep their order (the engine sorts the sick records by person and date, and
turns them into the same disjoint runs whatever the order).
"""

from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

import polars as pl

from kasam.metrics.tree_history import Version, change_days, tree_on

COLUMNS = {
    "units": ("unit_id", "parent_id", "name", "kind", "activity"),
    "people": ("person_id", "birth_year", "gender"),
    "employments": ("person_id", "unit_id", "start_date", "end_date", "rate", "weekly_hours", "pay"),
    "absences": ("person_id", "start_date", "end_date", "extent", "kind"),
}
KEYS = {
    "units": ("unit_id",),
    "people": ("person_id",),
    "employments": ("person_id", "unit_id", "start_date"),
}  # absences are not sorted: 1.5 million rows, and the engine sorts the sick records it uses
# Columns a file may have: units.csv's valid_from gives the tree its history.
OPTIONAL = {"units": ("valid_from",)}
DATES = ("start_date", "end_date", "valid_from")
DECIMALS = ("rate", "weekly_hours", "extent")
INTEGERS = ("birth_year",)
BOM = "\ufeff"


class ImportDirError(ValueError):
    """An import directory that cannot be read; the message is one line naming file, line and column."""


@dataclass(frozen=True)
class Frames:
    """The four import files as Polars frames, with docs/import-formats.md's columns (see the module)."""

    units: pl.DataFrame
    people: pl.DataFrame
    employments: pl.DataFrame
    absences: pl.DataFrame
    tree: pl.DataFrame | None = None


def normalise(
    units: pl.DataFrame, people: pl.DataFrame, employments, absences, tree: pl.DataFrame | None = None
) -> Frames:
    """Typed frames in key order; empty strings become nulls, pay and kind are lower-cased."""
    tables = {"units": units, "people": people, "employments": employments, "absences": absences}
    typed = {}
    for kind, frame in tables.items():
        columns = []
        for name in COLUMNS[kind]:
            column = pl.col(name)
            if name in DATES:
                columns.append(column.cast(pl.Date))
            elif name in DECIMALS:
                columns.append(column.cast(pl.Float64).round(2))
            elif name in INTEGERS:
                columns.append(column.cast(pl.Int64))
            else:
                text = column.cast(pl.String)
                if name in ("pay", "kind"):  # a handful of distinct values: clean each once
                    values = frame[name].cast(pl.String).unique().drop_nulls().to_list()
                    text = text.replace_strict(values, [v.strip().lower() for v in values], default=None)
                else:
                    text = text.str.strip_chars()
                if name == "gender":  # K or M, anything else counts in totals only (as the import)
                    text = text.str.to_uppercase()
                    text = pl.when(text.is_in(["K", "M"])).then(text)
                columns.append(pl.when(text != "").then(text).alias(name))
        typed[kind] = frame.select(columns)
        if kind in KEYS:
            typed[kind] = typed[kind].sort(list(KEYS[kind]), nulls_last=True, maintain_order=True)
    if tree is not None:
        typed["tree"] = tree.select(
            pl.col("unit_id").cast(pl.String),
            pl.col("parent_id").cast(pl.String),
            pl.col("valid_from").cast(pl.Date),
            pl.col("valid_to").cast(pl.Date),
        ).sort("unit_id", "valid_from")
    return Frames(**typed)


def read_import_dir(path, today: date | None = None) -> Frames:
    """units.csv, people.csv, employments.csv and absences.csv from `path` as `Frames`.

    The CSV files Kasam writes and imports: UTF-8 with or without BOM, comma or semicolon (told by
    the header), decimal point or comma, ISO dates, columns found by header name in any order and
    case (other columns are ignored). Raises ImportDirError with one line naming the first problem:
    a missing directory, file or column, a value that is not a date or number, end before start,
    rate or extent outside (0, 100], a unit or person that does not exist, no single root unit.
    Unlike the import, nothing else is checked: this is the analyst's fast path.

    units.csv may have the column valid_from, and then several rows of a unit (its history) as the
    import reads them: an empty valid_from is `today` (default: the computer's date), the tree of
    every day must have one root, and `units` is each unit's row in force today (its first row if
    all are later).
    """
    directory = Path(path)
    if not directory.is_dir():
        raise ImportDirError(f"{directory} is not a directory")
    tables = {kind: _read(directory / f"{kind}.csv", kind) for kind in COLUMNS}
    tables["units"], tables["tree"] = _history(tables["units"], today or date.today(), directory)
    frames = normalise(**tables)
    _check_references(frames, directory)
    return frames


def _history(units: pl.DataFrame, today: date, directory: Path) -> tuple[pl.DataFrame, pl.DataFrame | None]:
    """(each unit's row in force today, the tree frame) from units.csv's rows; no history without
    the valid_from column."""
    if "valid_from" not in units.columns:
        return units, None
    rows = units.with_columns(pl.col("valid_from").fill_null(today)).sort("unit_id", "valid_from")
    twice = rows.filter(pl.struct("unit_id", "valid_from").is_duplicated())
    if twice.height:
        unit, day = twice.row(0, named=True)["unit_id"], twice.row(0, named=True)["valid_from"]
        raise ImportDirError(f"{directory / 'units.csv'}: unit {unit} is listed twice from {day}")
    first = pl.col("valid_from") == pl.col("valid_from").min().over("unit_id")
    in_force = rows.filter((pl.col("valid_from") <= today) | first).group_by("unit_id").agg(pl.all().last())
    tree = rows.select(
        "unit_id",
        pl.when(pl.col("parent_id").str.strip_chars() != "")
        .then(pl.col("parent_id").str.strip_chars())
        .alias("parent_id"),
        "valid_from",
        valid_to=(pl.col("valid_from").shift(-1).over("unit_id") - timedelta(days=1)),
    )
    _check_roots(tree, directory)
    return in_force.select(COLUMNS["units"]).sort("unit_id"), tree


def _check_roots(tree: pl.DataFrame, directory: Path) -> None:
    """Exactly one unit without parent on every day a version begins (cycles are found by the engine)."""
    history = {}
    for unit, parent, valid_from, _until in tree.iter_rows():
        history.setdefault(unit, []).append(Version(valid_from, parent))
    for day in change_days(history):
        roots = sorted(unit for unit, parent in tree_on(history, day).items() if parent is None)
        if len(roots) != 1:
            raise ImportDirError(
                f"{directory / 'units.csv'}: {len(roots)} units without parent_id on {day}; exactly one root"
            )


def _read(path: Path, kind: str) -> pl.DataFrame:
    """The file's columns of `kind`, typed and checked. A file as Kasam writes it (comma, plain
    header, clean values) is parsed by the CSV reader straight into dates and numbers; any other
    file, or one where that fails, is read as text and parsed column by column, so that the first
    bad value can be named with its line."""
    try:
        with path.open("rb") as handle:
            first = handle.readline().decode("utf-8-sig", errors="replace")
    except FileNotFoundError:
        raise ImportDirError(f"{path}: file not found") from None
    except OSError as error:
        raise ImportDirError(f"{path}: cannot read: {error.strerror}") from None
    separator = ";" if first.count(";") > first.count(",") else ","
    written = first.rstrip("\r\n").lstrip(BOM).split(separator)
    header = [name.strip().lower() for name in written]
    missing = [name for name in COLUMNS[kind] if name not in header]
    if missing:
        raise ImportDirError(f"{path}:1: missing column {missing[0]} (the header is line 1)")
    columns = (*COLUMNS[kind], *(name for name in OPTIONAL.get(kind, ()) if name in header))
    if separator == "," and all(name in written for name in columns):
        try:
            typed = pl.read_csv(
                path,
                columns=list(columns),
                schema_overrides={name: _dtype(name) for name in columns},
                encoding="utf8",
                row_index_name="_line",
                row_index_offset=2,
            )
        except pl.exceptions.PolarsError:
            pass  # read it as text below, to say where
        else:
            typed = typed.with_columns(pl.col(name).round(2) for name in columns if name in DECIMALS)
            try:
                return _checked(typed, typed, path, kind, columns)
            except ImportDirError:
                pass  # read it as text below, to show the value as written
    raw = _read_text(path, columns, separator, header)
    return _checked(_parsed(raw, columns), raw, path, kind, columns)


def _dtype(name: str) -> pl.DataType:
    if name in DATES:
        return pl.Date()
    if name in DECIMALS:
        return pl.Float64()
    return pl.Int64() if name in INTEGERS else pl.String()


def _read_text(path: Path, names: tuple[str, ...], separator: str, header: list[str]) -> pl.DataFrame:
    """The file's columns of `kind` as stripped strings (null when empty) and a `_line` column."""
    try:
        frame = pl.read_csv(
            path,
            separator=separator,
            has_header=True,
            new_columns=[f"c{i}" for i in range(len(header))],
            infer_schema=False,
            columns=[f"c{header.index(name)}" for name in names],
            encoding="utf8-lossy",
            row_index_name="_line",
            row_index_offset=2,
        )
    except pl.exceptions.PolarsError as error:
        detail = str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
        raise ImportDirError(f"{path}: not a readable CSV file: {detail}") from None
    renamed = frame.rename({f"c{header.index(name)}": name for name in names})
    return renamed.with_columns(
        pl.when(pl.col(name).str.strip_chars() != "").then(pl.col(name).str.strip_chars()).alias(name)
        for name in names
    )


def _parsed(raw: pl.DataFrame, names: tuple[str, ...]) -> pl.DataFrame:
    """Dates (ISO), numbers (decimal point or comma, 2 decimals) and years parsed from text; a
    value that does not parse becomes null (`_checked` names it)."""
    parsed = {}
    for name in names:
        text = pl.col(name)
        if name in DATES:
            parsed[name] = text.str.to_date("%Y-%m-%d", strict=False)
        elif name in DECIMALS:
            parsed[name] = text.str.replace(",", ".", literal=True).cast(pl.Float64, strict=False).round(2)
        elif name in INTEGERS:
            parsed[name] = text.cast(pl.Int64, strict=False)
    return raw.with_columns(**parsed) if parsed else raw


def _checked(
    typed: pl.DataFrame, raw: pl.DataFrame, path: Path, kind: str, names: tuple[str, ...]
) -> pl.DataFrame:
    """The typed frame without `_line`; the first bad value raises ImportDirError, shown as
    written in `raw`."""
    for name in names:
        if typed[name].dtype != raw[name].dtype:
            _first_bad(raw, path, name, raw[name].is_not_null() & typed[name].is_null(), "is not valid")
    required = {
        "units": ("unit_id", "name"),
        "people": ("person_id", "birth_year"),
        "employments": ("person_id", "unit_id", "start_date", "rate", "pay"),
        "absences": ("person_id", "start_date", "end_date"),
    }[kind]
    for name in required:
        _first_bad(raw, path, name, typed[name].is_null(), "is required")
    if "end_date" in typed.columns:
        bad = (typed["end_date"] < typed["start_date"]).fill_null(False)
        _first_bad(raw, path, "end_date", bad, "is before start_date")
    for name in ("rate", "extent"):
        if name in typed.columns:
            bad = ((typed[name] <= 0) | (typed[name] > 100)).fill_null(False)
            _first_bad(raw, path, name, bad, "must be above 0 and at most 100")
    if kind == "employments":
        pay = typed["pay"].str.strip_chars().str.to_lowercase()
        _first_bad(
            raw, path, "pay", ~pay.is_in(["monthly", "hourly"]).fill_null(True), "must be monthly or hourly"
        )
        bad = (typed["weekly_hours"] <= 0).fill_null(False)
        _first_bad(raw, path, "weekly_hours", bad, "must be above 0")
    return typed.drop("_line")


def _first_bad(frame: pl.DataFrame, path: Path, column: str, mask: pl.Series, problem: str) -> None:
    if mask.any():
        line, value = frame.filter(mask).select("_line", column).row(0)
        shown = "" if value is None else f" '{value}'"
        raise ImportDirError(f"{path}:{line}: {column}{shown} {problem}")


def _check_references(frames: Frames, directory: Path) -> None:
    units = frames.units
    duplicated = units.filter(pl.col("unit_id").is_duplicated())
    if duplicated.height:
        raise ImportDirError(f"{directory / 'units.csv'}: unit {duplicated['unit_id'][0]} is listed twice")
    roots = units.filter(pl.col("parent_id").is_null()).height
    if units.height and roots != 1:
        raise ImportDirError(f"{directory / 'units.csv'}: {roots} units without parent_id; exactly one root")
    checks = (
        ("units", units, "parent_id", units["unit_id"], "units.csv"),
        *(
            [("units", frames.tree, "parent_id", units["unit_id"], "units.csv")]
            if frames.tree is not None
            else []
        ),
        ("employments", frames.employments, "unit_id", units["unit_id"], "units.csv"),
        ("employments", frames.employments, "person_id", frames.people["person_id"], "people.csv"),
        ("absences", frames.absences, "person_id", frames.people["person_id"], "people.csv"),
    )
    for kind, frame, column, known, source in checks:
        unknown = frame.filter(pl.col(column).is_not_null() & ~pl.col(column).is_in(known.implode()))
        if unknown.height:
            raise ImportDirError(
                f"{directory / f'{kind}.csv'}: {column} {unknown[column][0]!r} is not in {source} "
                f"({unknown.height} rows)"
            )

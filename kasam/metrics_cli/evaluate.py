"""`kasam evaluate`: did it make a difference? Staggered difference-in-differences (Callaway & Sant'Anna,
or the Borusyak–Jaravel–Spiess imputation estimator) on an analyst's panel file, as a table or as JSON.

Runs without Django: kasam.cli sends `kasam evaluate …` straight to `main` below, before Django is set
up. NumPy, Polars and the estimators (kasam.metrics.evaluation) are imported only when a panel is read,
so `--help` is fast.

The panel is CSV (UTF-8 with or without BOM; comma or semicolon, told by the header row), one row per
unit and period; the columns are named by the options, exactly as in the header row (names may contain
dots or spaces; other columns are ignored). Periods and cohorts are whole numbers; the cohort is the
period of the unit's first treatment, 0 for never. The outcome is a number (a decimal comma is
accepted). Bad input is one line on standard error, naming file:line where there is a line to name,
and exit status 1; bad arguments exit 2.
"""

import argparse
import csv
import io
import json
import sys
from pathlib import Path

PROG = "kasam evaluate"
HELP = "Evaluation: did it make a difference? Staggered DiD on a panel file."
DESCRIPTION = (
    HELP + "\n\n"
    "Reads a panel (CSV: one row per unit and period) and estimates the effect of each unit's start on "
    "the outcome: Callaway & Sant'Anna group-time effects (as R's `did`: doubly robust without "
    "covariates, varying base period) aggregated overall, by cohort and by event time, or the "
    "Borusyak-Jaravel-Spiess imputation estimator. Gives each effect with its standard error and 95 % "
    "interval. Cohort sizes are listed in the table; a cohort of a single unit should not be shown "
    "alone. Runs without the database."
)
EPILOG = (
    "The cohort column holds the period of first treatment and 0 for never. Without never-treated units "
    "the periods from the last cohort's start on are left out (that cohort is the comparison)."
)
DASH = "–"


class InputError(Exception):
    """Bad input data: the message (one line) is printed as is, exit status 1."""


class OneLineParser(argparse.ArgumentParser):
    """An argument error is one line on standard error and exit status 2."""

    def error(self, message: str):
        self.exit(2, f"{PROG}: error: {message}\n")


def _draws(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"must be a whole number, not {text!r}") from None
    if value < 0 or 0 < value < 100:
        raise argparse.ArgumentTypeError(f"must be 0 (analytic) or at least 100 draws, not {value}")
    return value


def build_parser() -> argparse.ArgumentParser:
    parser = OneLineParser(
        prog=PROG,
        description=DESCRIPTION,
        epilog=EPILOG,
        allow_abbrev=False,
    )
    parser.add_argument("--panel", required=True, metavar="FILE.csv", help="The panel, CSV (see above).")
    parser.add_argument("--unit", required=True, metavar="COL", help="The column of unit ids (any text).")
    parser.add_argument("--time", required=True, metavar="COL", help="The column of periods (whole numbers).")
    parser.add_argument("--outcome", required=True, metavar="COL", help="The column of the outcome.")
    parser.add_argument(
        "--cohort",
        required=True,
        metavar="COL",
        help="The column of each unit's first treated period, 0 for never.",
    )
    parser.add_argument(
        "--control",
        choices=["not-yet", "never"],
        help="Comparison units for cs: not yet treated (default; the never treated included) or never "
        "treated only. Does not apply to bjs, which uses every untreated observation.",
    )
    parser.add_argument(
        "--estimator",
        choices=["cs", "bjs"],
        default="cs",
        help="cs: Callaway & Sant'Anna (default); bjs: Borusyak-Jaravel-Spiess imputation.",
    )
    parser.add_argument(
        "--bootstrap",
        type=_draws,
        default=0,
        metavar="N",
        help="Standard errors by a multiplier bootstrap of N draws (clustered by unit, or --cluster); "
        "default 0: analytic.",
    )
    parser.add_argument("--seed", type=int, default=1, help="Seed of the bootstrap draws (default 1).")
    parser.add_argument(
        "--cluster",
        metavar="COL",
        help="Cluster the standard errors by this column (constant within a unit).",
    )
    parser.add_argument("--format", choices=["table", "json"], default="table", help="Output format.")
    return parser


def main(argv: list[str]) -> int:
    """`kasam evaluate …` (argv after "evaluate"); the exit status: 0, 1 for bad data, 2 for bad
    arguments."""
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exit:  # --help (0) or an argument error (2), already printed
        return exit.code if isinstance(exit.code, int) else 2
    if args.estimator == "bjs" and args.control is not None:
        print(
            f"{PROG}: error: --control does not apply to --estimator bjs "
            "(it uses every untreated observation)",
            file=sys.stderr,
        )
        return 2
    columns = [args.unit, args.time, args.outcome, args.cohort]
    if len(set(columns)) < len(columns) or args.cluster in columns[1:]:
        print(
            f"{PROG}: error: --unit, --time, --outcome and --cohort name different columns "
            "(--cluster may be the unit)",
            file=sys.stderr,
        )
        return 2
    try:
        result = run(args)
    except InputError as error:
        print(f"{PROG}: error: {error}", file=sys.stderr)
        return 1
    if args.format == "json":
        sys.stdout.write(json.dumps(result.as_json(), ensure_ascii=False, allow_nan=False) + "\n")
    else:
        sys.stdout.write(table(result, args) + "\n")
    return 0


def run(args: argparse.Namespace):
    """The Evaluation of the panel file; InputError (one line) for bad input."""
    from kasam.metrics.evaluation import EvaluationError, evaluate

    path = Path(args.panel)
    frame = read_panel(path, args.unit, args.time, args.outcome, args.cohort, args.cluster)
    try:
        return evaluate(
            frame,
            unit=args.unit,
            time=args.time,
            outcome=args.outcome,
            cohort=args.cohort,
            estimator=args.estimator,
            control=args.control or "not-yet",
            bootstrap=args.bootstrap,
            seed=args.seed,
            cluster=args.cluster,
        )
    except EvaluationError as error:
        raise InputError(f"{path}: {error}") from None


# --- reading ---------------------------------------------------------------------------------------

WHOLE = r"^[+-]?\d{1,15}$"
NUMBER = r"^[+-]?(\d+([.,]\d*)?|[.,]\d+)([eE][+-]?\d+)?$"


def _rows(path: Path) -> tuple[list[str], list[tuple[int, list[str]]]]:
    """The header (stripped) and the rows with their line numbers (the header is line 1)."""
    try:
        data = path.read_bytes()
    except OSError as error:
        raise InputError(f"{path}: cannot read the file: {error.strerror or error}") from None
    data = data.removeprefix(b"\xef\xbb\xbf")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise InputError(f"{path}:{line}: not UTF-8 text; save the file as CSV UTF-8") from None
    first = text.partition("\n")[0].rstrip("\r")
    if not first.strip():
        raise InputError(f"{path}:1: the file is empty; its first row names the columns")
    separator = ";" if first.count(";") > first.count(",") else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=separator)
    rows = []
    try:
        header = [name.strip() for name in next(reader)]
        start = reader.line_num + 1
        for row in reader:
            rows.append((start, row))
            start = reader.line_num + 1
    except csv.Error as error:
        raise InputError(f"{path}:{reader.line_num}: not a readable CSV file: {error}") from None
    return header, rows


def _problem(path: Path, line: int, message: str, total: int = 1) -> InputError:
    """The first problem, in one line, and how many more there are."""
    more = total - 1
    return InputError(
        f"{path}:{line}: {message}" + (f" (and {more} more problem{'s' * (more > 1)})" if more else "")
    )


def read_panel(path: Path, unit: str, time: str, outcome: str, cohort: str, cluster: str | None):
    """The panel's named columns as a Polars frame (unit and cluster text, time and cohort Int64,
    outcome Float64); InputError naming the first problem (file:line: …) and how many there are."""
    import polars as pl

    header, rows = _rows(path)
    names = [unit, time, outcome, cohort] + ([cluster] if cluster else [])
    for name in names:
        if header.count(name) > 1:
            raise InputError(f"{path}:1: the column {name!r} appears twice in the header row")
        if name not in header:
            raise InputError(
                f"{path}:1: the column {name!r} is not in the header row ({', '.join(map(repr, header))})"
            )
    width = len(header)
    at = [header.index(name) for name in dict.fromkeys(names)]
    lines: list[int] = []
    cells: list[list[str]] = [[] for _ in at]
    problems: list[tuple[int, str]] = []
    for line, row in rows:
        if len(row) > width and any(cell.strip() for cell in row[width:]):
            problems.append((line, f"the row has {len(row)} cells, the header {width}"))
            continue
        values = [row[i].strip() if i < len(row) else "" for i in at]
        if any(values):  # else a blank row
            lines.append(line)
            for column, value in zip(cells, values, strict=True):
                column.append(value)
    if not lines and not problems:
        raise InputError(f"{path}:2: the file has a header row but no data rows")
    frame = pl.DataFrame(
        {"_line": lines, **dict(zip(dict.fromkeys(names), cells, strict=True))},
        schema={"_line": pl.Int64, **dict.fromkeys(names, pl.String)},
    )
    checks = [
        (pl.col(unit) == "", lambda row: f"the unit ({unit!r}) is empty"),
        (
            ~pl.col(time).str.contains(WHOLE),
            lambda row: f"the period ({time!r}) is a whole number, not {row[time]!r}",
        ),
        (
            ~pl.col(cohort).str.contains(WHOLE),
            lambda row: f"the cohort ({cohort!r}) is a whole number (0 for never), not {row[cohort]!r}",
        ),
        (
            ~pl.col(outcome).str.contains(NUMBER),
            lambda row: f"the outcome ({outcome!r}) is a number, not {row[outcome]!r}",
        ),
    ]
    if cluster:
        checks.append((pl.col(cluster) == "", lambda row: f"the cluster ({cluster!r}) is empty"))
    flagged = frame.with_columns(*(check.alias(f"_problem{i}") for i, (check, _) in enumerate(checks)))
    flags = [f"_problem{i}" for i in range(len(checks))]
    bad = flagged.filter(pl.any_horizontal(flags))
    total = len(problems)
    if bad.height:
        row = bad.row(0, named=True)
        message = next(describe(row) for flag, (_, describe) in zip(flags, checks, strict=True) if row[flag])
        problems.append((row["_line"], message))
        total += int(bad.select(pl.sum_horizontal(flags).sum()).item())
    if problems:
        raise _problem(path, *min(problems), total)
    frame = frame.with_columns(
        pl.col(time).cast(pl.Int64),
        pl.col(cohort).cast(pl.Int64),
        pl.col(outcome).str.replace(",", ".", literal=True).cast(pl.Float64),
    )
    twice = (
        frame.with_columns(pl.col("_line").first().over(unit, time).alias("_first"))
        .filter(pl.col("_line") != pl.col("_first"))
        .sort("_line")
    )
    if twice.height:
        row = twice.row(0, named=True)
        message = (
            f"unit {row[unit]!r} has a second row for period {row[time]} "
            f"(the first is on line {row['_first']})"
        )
        raise _problem(path, row["_line"], message, twice.height)
    return frame.drop("_line")


# --- the table -------------------------------------------------------------------------------------


def _number(value: float | None) -> str:
    """Swedish decimal comma, four decimals; "–" for a figure that cannot be computed."""
    return DASH if value is None else f"{value:.4f}".replace(".", ",")


def _cells(effect) -> tuple[str, str, str]:
    interval = DASH if effect.ci_low is None else f"{_number(effect.ci_low)} … {_number(effect.ci_high)}"
    return _number(effect.att), _number(effect.se), interval


def _aligned(rows: list[tuple[str, ...]]) -> list[str]:
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    return [
        "  ".join(
            cell.ljust(widths[0]) if i == 0 else cell.rjust(widths[i]) for i, cell in enumerate(row)
        ).rstrip()
        for row in rows
    ]


def table(result, args: argparse.Namespace) -> str:
    estimator = {
        "cs": "Callaway & Sant'Anna",
        "bjs": "Borusyak, Jaravel & Spiess (imputation)",
    }[result.estimator]
    comparison = {
        "not-yet": "enheter som inte startat än (och aldrig startade)",
        "never": "enheter som aldrig startar",
        None: "alla obehandlade observationer",
    }[result.control]
    inference = f"bootstrap, {result.bootstrap} dragningar" if result.bootstrap else "analytiska"
    lines = [
        f"Utvärdering av {args.outcome!r}: {estimator}",
        f"Jämförelse: {comparison}",
        f"Underlag: {result.units} enheter, {result.periods} perioder "
        f"({result.first_period}–{result.last_period})",
    ]
    if result.truncated_from is not None:
        lines.append(
            f"Perioderna från {result.truncated_from} är utelämnade: "
            "ingen enhet är utan start att jämföra med."
        )
    lines.append(f"Medelfel: {inference}; intervall 95 %")
    lines.append("")
    head = ("", "Effekt", "Medelfel", "95 % intervall")
    lines += _aligned(
        [
            head,
            ("Sammantaget", *_cells(result.overall)),
            ("Sammantaget per start", *_cells(result.overall_by_cohort)),
            ("Sammantaget per händelsetid", *_cells(result.overall_dynamic)),
        ]
    )
    lines.append("")
    lines += _aligned(
        [("Start", "Enheter", *head[1:])]
        + [(str(c.cohort), str(c.units), *_cells(c.effect)) for c in result.by_cohort]
    )
    lines.append("")
    lines += _aligned(
        [("Händelsetid", "Enheter", *head[1:])]
        + [(str(e.e), str(e.units), *_cells(e.effect)) for e in result.event_study]
    )
    lines.append("")
    note = f"{DASH}: kan inte beräknas. Händelsetid = period − start"
    if any(e.e < 0 for e in result.event_study):
        note += "; före starten ska effekterna ligga runt noll"
    lines.append(note + ".")
    if any(c.units == 1 for c in result.by_cohort):
        lines.append("En start med en enda enhet ska inte visas ensam.")
    return "\n".join(lines)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

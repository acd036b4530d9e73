"""`kasam survey indices`: HME, NMI and eNPS of every unit and the organisation from an answers file,
through the survey's disclosure gate, as a plain table or as JSON.

Runs without Django: kasam.cli sends `kasam survey indices …` straight to `main` below, before Django is
set up, so that an analyst's run imports Polars and the survey core only.

The answers file is CSV (UTF-8 with or without BOM; comma or semicolon, told by the header row) with the
columns respondent_id, unit_id, item, value (one row per answer; column and item names in any case; other
columns are ignored). --units is the organisation's units.csv (docs/import-formats.md; unit_id and
parent_id are used, other columns ignored); without it every unit of the answers file is a child of one
implicit organisation root. Every problem is named as file:line:column (the header is line 1).
"""

import argparse
import csv
import io
import json
import sys
from pathlib import Path

import polars as pl

from kasam.metrics.anonymity import PULSE_K_MIN, check_k
from kasam.metrics.survey.answers import answer_problems, counts_from_answers
from kasam.metrics.survey.items import ANSWER_COLUMNS, HME_SUBINDICES, SURVEY_K_DEFAULT
from kasam.metrics.survey.results import SurveyResults, tree_results
from kasam.metrics.survey.tree import tree_order

PROG = "kasam survey indices"
HELP = "Employee survey: HME, NMI and eNPS per unit from an answers file."
DESCRIPTION = (
    HELP + "\n\n"
    "Reads the answers (CSV: respondent_id, unit_id, item, value; items hme1…hme9 on 1–5, nmi1…nmi3 on "
    "1–10, enps on 0–10) and, with --units, the organisation's units.csv, and gives each unit's figures "
    "over its whole subtree and the organisation's. Respondents are pooled bottom-up into groups of at "
    "least k (a small unit's answers count in the group above it); a node is shown only with at least k "
    "respondents, with complementary suppression in the tree; a figure only when each of its items has "
    "at least k answers. Runs without the database."
)
UNIT_COLUMNS = ("unit_id", "parent_id")
MAX_PROBLEMS = 20
DASH = "–"


class InputError(Exception):
    """Bad input data: the message is printed as is, exit status 1."""


class OneLineParser(argparse.ArgumentParser):
    """An argument error is one line on standard error and exit status 2."""

    def error(self, message: str):
        self.exit(2, f"{PROG}: error: {message}\n")


def _k(text: str) -> int:
    try:
        k = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"must be a whole number, not {text!r}") from None
    try:
        return check_k(k)
    except ValueError as error:
        raise argparse.ArgumentTypeError(str(error)) from None


def add_indices_parser(subcommands, **options) -> argparse.ArgumentParser:
    """Add the `indices` sub-command and its options to a sub-parsers object: this command's own and
    the Django command `kasam survey` (kasam.survey.management.commands.survey), so that both say the
    same."""
    indices = subcommands.add_parser(
        "indices", help=HELP, description=DESCRIPTION, allow_abbrev=False, **options
    )
    indices.add_argument("--answers", required=True, metavar="FILE", help="The answers, CSV (see above).")
    indices.add_argument("--units", metavar="FILE", help="The organisation's units.csv (unit_id, parent_id).")
    indices.add_argument(
        "--k",
        type=_k,
        default=SURVEY_K_DEFAULT,
        help=f"The anonymity threshold k (default {SURVEY_K_DEFAULT}, never below {PULSE_K_MIN}).",
    )
    indices.add_argument("--format", choices=["table", "json"], default="table", help="Output format.")
    return indices


def build_parser() -> argparse.ArgumentParser:
    parser = OneLineParser(prog="kasam survey", description=HELP, allow_abbrev=False)
    subcommands = parser.add_subparsers(
        dest="subcommand", required=True, metavar="{indices}", parser_class=OneLineParser
    )
    add_indices_parser(subcommands, prog=PROG)
    return parser


def render(results: SurveyResults, parent_of: dict[str, str | None], k: int, output: str) -> str:
    """The figures as the command prints them: the table, or the JSON of `SurveyResults.as_json`."""
    if output == "json":
        return json.dumps(results.as_json(), ensure_ascii=False)
    return table(results, parent_of, k)


def main(argv: list[str]) -> int:
    """`kasam survey indices …` (argv starts at "indices"); the exit status: 0, 1 for bad data, 2 for
    bad arguments."""
    try:
        args = build_parser().parse_args(argv)
    except SystemExit as exit:  # --help (0) or an argument error (2), already printed
        return exit.code if isinstance(exit.code, int) else 2
    try:
        parent_of, results = run(Path(args.answers), Path(args.units) if args.units else None, args.k)
    except InputError as error:
        print(f"{PROG}: error: {error}", file=sys.stderr)
        return 1
    sys.stdout.write(render(results, parent_of, args.k, args.format) + "\n")
    return 0


def run(answers_path: Path, units_path: Path | None, k: int) -> tuple[dict[str, str | None], SurveyResults]:
    """The tree (unit → parent) and the results; InputError naming the problems of bad input."""
    parent_of = read_units(units_path) if units_path else None
    answers = read_csv(answers_path, ANSWER_COLUMNS)
    answers = answers.with_columns(pl.col("item").str.to_lowercase())
    known_units = None if parent_of is None else set(parent_of)
    problems, total = answer_problems(answers, known_units, line_column="_line", limit=MAX_PROBLEMS)
    if total:
        raise InputError(_problem_text(answers_path, [tuple(problem) for problem in problems], total))
    counts = counts_from_answers(answers, check=False)
    if parent_of is None:
        parent_of = dict.fromkeys(sorted(counts.respondents))
    return parent_of, tree_results(parent_of, counts.respondents, counts.item_counts, k)


# --- reading ---------------------------------------------------------------------------------------


def _problem_text(path: Path, problems: list[tuple[int, str, str]], total: int) -> str:
    noun = "problem" if total == 1 else "problems"
    lines = [f"{path}: {total} {noun}; nothing was computed"]
    lines += [f"{path}:{line}:{column}: {message}" for line, column, message in problems[:MAX_PROBLEMS]]
    if total > MAX_PROBLEMS:
        lines.append(f"and {total - MAX_PROBLEMS} more")
    return "\n".join(lines)


def read_csv(path: Path, required: tuple[str, ...]) -> pl.DataFrame:
    """The file's `required` columns as stripped strings ("" when empty) and `_line` (the header is
    line 1); blank rows are dropped. InputError when the file cannot be read or lacks a column."""
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
        raise InputError(
            f"{path}:1: the file is empty; its first row names the columns {', '.join(required)}"
        )
    separator = ";" if first.count(";") > first.count(",") else ","
    header = [name.strip().lower() for name in next(csv.reader([first], delimiter=separator))]
    _check_header(path, header, required)
    frame = _fast_csv(data, text, len(header), separator)
    if frame is None:
        frame = _python_csv(path, text, len(header), separator)
    cells = [
        pl.col(f"c{header.index(name)}").fill_null("").str.strip_chars().alias(name) for name in required
    ]
    frame = frame.select(pl.col("_line").cast(pl.Int64), *cells)
    frame = frame.filter(pl.any_horizontal([pl.col(name) != "" for name in required]))
    if frame.height == 0:
        raise InputError(f"{path}:2: the file has a header row but no data rows")
    return frame


def _check_header(path: Path, header: list[str], required: tuple[str, ...]) -> None:
    problems = [
        (1, name, f"the column {name} appears twice in the header row")
        for name in required
        if header.count(name) > 1
    ]
    problems += [
        (1, name, f"the column {name} is missing from the header row")
        for name in required
        if name not in header
    ]
    if problems:
        raise InputError(_problem_text(path, problems, len(problems)))


def _fast_csv(data: bytes, text: str, width: int, separator: str) -> pl.DataFrame | None:
    """Polars' reader, when every record is exactly one line (else line numbers would be wrong)."""
    try:
        frame = pl.read_csv(
            data,
            separator=separator,
            has_header=True,
            new_columns=[f"c{i}" for i in range(width)],
            infer_schema=False,
            raise_if_empty=False,
        )
    except pl.exceptions.PolarsError:
        return None
    lines = text.count("\n") + (0 if text.endswith("\n") else 1)
    if frame.width != width or frame.height != lines - 1:
        return None
    if frame.select(pl.any_horizontal(pl.all().str.contains("\n", literal=True)).any()).item():
        return None
    return frame.with_row_index("_line", offset=2)


def _python_csv(path: Path, text: str, width: int, separator: str) -> pl.DataFrame:
    """The careful reader: quoted line breaks, blank lines, ragged rows; a row with more cells than the
    header is refused (unless the extra cells are empty), a shorter one is padded with empty cells."""
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=separator)
    lines, rows, problems = [], [], []
    try:
        next(reader)
        start = reader.line_num + 1
        for row in reader:
            if any(cell.strip() for cell in row[width:]):
                problems.append((start, "", f"the row has {len(row)} cells, the header {width}"))
            lines.append(start)
            rows.append((row + [""] * width)[:width])
            start = reader.line_num + 1
    except csv.Error as error:
        raise InputError(f"{path}:{reader.line_num}: not a readable CSV file: {error}") from None
    if problems:
        raise InputError(_problem_text(path, problems, len(problems)))
    columns = {f"c{i}": [row[i] for row in rows] for i in range(width)}
    return pl.DataFrame(
        {"_line": lines, **columns}, schema={"_line": pl.Int64, **dict.fromkeys(columns, pl.String)}
    )


def read_units(path: Path) -> dict[str, str | None]:
    """unit_id → parent_id (None for the root) from units.csv; InputError naming every problem: an
    empty or repeated unit_id, a parent that is not a unit, not exactly one root, a cycle."""
    frame = read_csv(path, UNIT_COLUMNS)
    parent_of: dict[str, str | None] = {}
    line_of: dict[str, int] = {}
    problems: list[tuple[int, str, str]] = []
    for line, unit, parent in frame.select("_line", *UNIT_COLUMNS).iter_rows():
        if not unit:
            problems.append((line, "unit_id", "unit_id is empty"))
        elif unit in parent_of:
            problems.append((line, "unit_id", f"unit {unit!r} appears twice (first on line {line_of[unit]})"))
        else:
            parent_of[unit], line_of[unit] = parent or None, line
    for unit, parent in parent_of.items():
        if parent is not None and parent not in parent_of:
            problems.append((line_of[unit], "parent_id", f"the parent {parent!r} is not a unit in the file"))
    roots = [unit for unit, parent in parent_of.items() if parent is None]
    for unit in roots[1:]:
        message = (
            f"a second root: unit {unit!r} has no parent_id, nor has {roots[0]!r} on line {line_of[roots[0]]}"
        )
        problems.append((line_of[unit], "parent_id", message))
    if not problems:
        try:
            tree_order(parent_of)
        except ValueError as error:
            problems.append((1, "parent_id", str(error)))
        if not roots:
            problems.append((1, "parent_id", "there is no root: one unit must have an empty parent_id"))
    if problems:
        problems.sort(key=lambda problem: problem[0])
        raise InputError(_problem_text(path, problems, len(problems)))
    return parent_of


# --- the table -------------------------------------------------------------------------------------


def _number(value: float | None) -> str:
    """Swedish decimal comma; "–" for a figure that is not shown."""
    return DASH if value is None else f"{value:.2f}".replace(".", ",")


def table(results: SurveyResults, parent_of: dict[str, str | None], k: int) -> str:
    """One row per node: the organisation, then every unit indented under its parent."""
    depth: dict[str, int] = {}
    for unit in results.units:  # parents come first
        parent = parent_of[unit]
        depth[unit] = 1 if parent is None else depth[parent] + 1
    rows = [("Enhet", "Svarande", "HME", *(name.capitalize() for name in HME_SUBINDICES), "NMI", "eNPS")]
    rows.append(_row("Organisationen", results.organisation))
    rows += [_row("  " * depth[unit] + unit, figures) for unit, figures in results.units.items()]
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    lines = [
        "  ".join(
            cell.ljust(widths[0]) if i == 0 else cell.rjust(widths[i]) for i, cell in enumerate(row)
        ).rstrip()
        for row in rows
    ]
    lines.append("")
    lines.append(
        f"{DASH} visas inte: färre än {k} svarande (eller svar på en fråga), "
        "eller dolt för att skydda en annan grupp."
    )
    return "\n".join(lines)


def _row(label: str, figures: dict) -> tuple[str, ...]:
    hme = figures["hme"]
    return (
        label,
        str(figures["respondents"]),
        _number(hme["total"]),
        *(_number(hme[name]) for name in HME_SUBINDICES),
        _number(figures["nmi"]),
        _number(figures["enps"]),
    )


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

"""`kasam sickleave report`: the statutory sick-leave report as a Swedish table or as JSON.

The argument parser is defined here, once: the Django management command
(kasam/absence/management/commands/sickleave.py) adds the same sub-commands to its parser, and
`kasam sickleave report --from-dir DIR` runs `main` below straight from kasam.cli, before Django is
set up, so that an analyst's report from the four import files imports neither Django nor anything
else it does not use (Polars and the engine only).
"""

import argparse
import json
import os
import sys
from collections.abc import Callable
from datetime import date, datetime

from kasam.metrics.definitions import REPEATED_SHORT_TERM_PRESETS, SickLeaveSettings
from kasam.metrics.frames import Frames, ImportDirError, read_import_dir

HELP = "Sick-leave figures: the statutory report for a year or period."
DESCRIPTION = (
    HELP + "\n\n"
    "`report` gives the seven statutory figures (LKBR 11 kap.) with suppression as HR sees it, healthy "
    "attendance, occasions and repeated short-term absence, for the organisation or one unit's subtree, "
    "from the database or, with --from-dir, straight from units.csv, people.csv, employments.csv and "
    "absences.csv."
)
SUPPRESSED = "visas inte: för få personer"
DASH = "–"


class ReportError(Exception):
    """Bad input for the report; `code` is the exit status (2: the arguments, 1: the data)."""

    def __init__(self, message: str, code: int = 1):
        super().__init__(message)
        self.code = code


class OneLineParser(argparse.ArgumentParser):
    """An argument error is one line on standard error and exit status 2."""

    def error(self, message: str):
        self.exit(2, f"{self.prog}: error: {message}\n")


def add_subcommands(parser: argparse.ArgumentParser, **subparsers_options) -> None:
    """Add the `report` sub-command and its options to `parser` (the command's own parser)."""
    subcommands = parser.add_subparsers(
        dest="subcommand", required=True, metavar="{report}", **subparsers_options
    )
    report = subcommands.add_parser(
        "report",
        help="The statutory sick-leave report for a year or period.",
        description=DESCRIPTION,
        allow_abbrev=False,
    )
    report.add_argument("--year", help="A calendar year, e.g. 2025 (or give --start and --end).")
    report.add_argument("--start", help="First day of the period, YYYY-MM-DD (with --end).")
    report.add_argument("--end", help="Last day of the period, YYYY-MM-DD (with --start).")
    report.add_argument("--unit", help="A unit id: the unit and its whole subtree (default: all units).")
    report.add_argument("--format", choices=["table", "json"], default="table", help="Output format.")
    report.add_argument(
        "--from-dir",
        metavar="DIR",
        help="Read units.csv, people.csv, employments.csv and absences.csv from DIR instead of the database.",
    )


def build_parser() -> argparse.ArgumentParser:
    parser = OneLineParser(prog="kasam sickleave", description=DESCRIPTION, allow_abbrev=False)
    add_subcommands(parser, parser_class=OneLineParser)
    return parser


def period(year: str | None, start: str | None, end: str | None) -> tuple[date, date]:
    """The period from --year or --start/--end; ReportError (code 2) when they do not fit."""
    if year is not None and (start is not None or end is not None):
        raise ReportError("give either --year or --start and --end, not both", 2)
    if year is not None:
        if not (year.isdigit() and 1900 <= int(year) <= 9999):
            raise ReportError(f"--year must be a year such as 2025, not {year!r}", 2)
        return date(int(year), 1, 1), date(int(year), 12, 31)
    if start is None or end is None:
        raise ReportError("give --year, or both --start and --end", 2)
    first, last = _date("--start", start), _date("--end", end)
    if last < first:
        raise ReportError(f"--end {last} is before --start {first}", 2)
    return first, last


def _date(option: str, value: str) -> date:
    try:
        return datetime.strptime(value, "%Y-%m-%d").date()  # noqa: DTZ007 - a calendar date
    except ValueError:
        raise ReportError(f"{option} must be a date YYYY-MM-DD, not {value!r}", 2) from None


def run(options: dict, load: Callable[[], Frames], settings: SickLeaveSettings = SickLeaveSettings()) -> str:
    """The report's output text for parsed options; raises ReportError on bad input."""
    from kasam.metrics.sickleave import statutory_report

    start, end = period(options.get("year"), options.get("start"), options.get("end"))
    try:
        frames = load()
    except ImportDirError as error:
        raise ReportError(str(error)) from None
    unit = options.get("unit")
    if unit is not None and unit not in set(frames.units["unit_id"].to_list()):
        raise ReportError(f"there is no unit {unit!r}")
    try:
        report = statutory_report(frames, start, end, unit, settings)
    except ValueError as error:  # a cycle among the units, say
        raise ReportError(str(error)) from None
    if options.get("format") == "json":
        return json.dumps(report, ensure_ascii=False)
    return table(report, _unit_name(frames, unit))


def settings_from_environment(environ=os.environ) -> SickLeaveSettings:
    """The settings the database path takes from Django settings (kasam.absence.conf), read from the
    same environment variable, KASAM_REPEATED_SHORT_TERM, so that both paths agree."""
    name = environ.get("KASAM_REPEATED_SHORT_TERM", "") or "6-in-12"
    if name not in REPEATED_SHORT_TERM_PRESETS:
        choices = ", ".join(REPEATED_SHORT_TERM_PRESETS)
        raise ReportError(f"KASAM_REPEATED_SHORT_TERM is {name!r}; expected one of {choices}")
    return REPEATED_SHORT_TERM_PRESETS[name]


def main(argv: list[str]) -> int:
    """`kasam sickleave …` without Django (kasam.cli sends `report --from-dir` here)."""
    args = build_parser().parse_args(argv)
    try:
        if not args.from_dir:
            raise ReportError("this entry point reads import files: give --from-dir DIR", 2)
        text = run(vars(args), lambda: read_import_dir(args.from_dir), settings_from_environment())
    except ReportError as error:
        print(f"kasam sickleave report: error: {error}", file=sys.stderr)
        return error.code
    sys.stdout.write(text + "\n")
    return 0


# --- the table -----------------------------------------------------------------------------------


def number(value: float | int | None, decimals: int = 2) -> str:
    """Swedish format: decimal comma, a no-break space between thousands, "–" for nothing."""
    if value is None:
        return DASH
    text = f"{value:,.{decimals}f}" if decimals else f"{round(value):,}"
    return text.replace(",", "\u00a0").replace(".", ",")


def percent(value: float | None) -> str:
    return DASH if value is None else f"{number(value)}\u00a0%"


def table(report: dict, unit_name: str) -> str:
    """The report as a readable Swedish table; suppressed figures show "–" and say why."""
    start, end = report["period"]["start"], report["period"]["end"]
    long_days = report["definition"]["long_case_days"]
    lines = [f"Sjukfrånvaro {start} – {end}, {unit_name}", ""]
    if report["persons"] == 0:
        lines += ["Inga personer med ordinarie arbetstid i perioden: det finns inga tal att räkna fram.", ""]
    rows = [("Nyckeltal", "Andel", "Personer", "")]
    rows.append(("Sjukfrånvaro totalt", percent(report["sick_leave_pct"]), number(report["persons"], 0), ""))
    rows.append(
        (
            f"Andel långtidssjukfrånvaro ({long_days} dagar eller mer)",
            percent(report["long_term_share_pct"]),
            "",
            "",
        )
    )
    labels = {
        "K": "Kvinnor",
        "M": "Män",
        "-29": "29 år eller yngre",
        "30-49": "30–49 år",
        "50-": "50 år eller äldre",
    }
    for split in ("by_gender", "by_age"):
        for key, group in report[split].items():
            note = SUPPRESSED if group["suppressed"] else ""
            rows.append((labels[key], percent(group["sick_leave_pct"]), number(group["persons"], 0), note))
    for n, share in report["healthy_attendance_pct"].items():
        counted = number(report.get("healthy_attendance_persons"), 0)
        rows.append((f"Frisknärvaro (högst {n} sjukdagar)", percent(share), counted, ""))
    rows.append(("Sjukfallstillfällen", number(report["occasions"], 0), "", ""))
    rows.append(
        ("Upprepad korttidsfrånvaro (personer)", number(report["repeated_short_term_persons"], 0), "", "")
    )
    widths = [max(len(row[i]) for row in rows) for i in range(3)]
    for label, share, persons, note in rows:
        line = f"{label:<{widths[0]}}  {share:>{widths[1]}}  {persons:>{widths[2]}}"
        lines.append(f"{line}  {note}".rstrip())
    lines += [
        "",
        f"Ordinarie arbetstid {number(report['ordinary_hours'])} timmar, "
        f"sjukfrånvaro {number(report['sick_hours'])} timmar.",
        "Frisknärvaro räknas bland dem som arbetat minst halva perioden. "
        f"Definition {report['definition']['version']}.",
    ]
    return "\n".join(lines)


def _unit_name(frames: Frames, unit: str | None) -> str:
    if unit is None:
        return "hela organisationen"
    name = frames.units.filter(frames.units["unit_id"] == unit)["name"]
    return f"{name[0]} ({unit})" if name.len() and name[0] else unit


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

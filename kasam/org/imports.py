"""Checking unit, person and employment files (docs/import-formats.md): file → typed Polars frame and
messages. Nothing here writes, and nothing reads the database: what must already exist is passed in,
so that the checks are plain functions of their arguments."""

from collections.abc import Collection, Mapping
from datetime import date

import polars as pl
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils.translation import gettext as _

from kasam.core import validation as v
from kasam.core.languages import EMPLOYEE_LANGUAGE_CODES
from kasam.core.tabular import read_table
from kasam.core.validation import LINE, ImportScope, Problems, Validated
from kasam.metrics.tree_history import History, Version, change_days, lay_over, tree_on, version_on
from kasam.org.tree import find_cycle_members, find_roots

UNIT_COLUMNS = ("unit_id", "parent_id", "name", "kind", "activity")
UNIT_OPTIONAL = ("valid_from",)
PERSON_COLUMNS = ("person_id", "birth_year", "gender")
PERSON_OPTIONAL = ("first_name", "last_name", "email", "phone", "language")
EMPLOYMENT_COLUMNS = ("person_id", "unit_id", "start_date", "end_date", "rate", "weekly_hours", "pay")

# Swedish and English names of the levels, lower-cased → Unit.Kind values.
UNIT_KINDS = {
    "förvaltning": "administration",
    "administration": "administration",
    "område": "area",
    "area": "area",
    "enhet": "unit",
    "unit": "unit",
    "arbetsgrupp": "team",
    "team": "team",
}
PAY_KINDS = ("monthly", "hourly")
FIRST_BIRTH_YEAR = 1900
MINIMUM_AGE = 14  # the youngest age at which one may be employed in Sweden, roughly
DEFAULT_WEEKLY_HOURS = 40.0
# Full-time weeks above 80 hours are typing errors, not schedules.
MAX_WEEKLY_HOURS = 80


def validate_units(
    data: bytes, filename: str, stored: History, today: date, scope: ImportScope | None = None
) -> Validated:
    """`stored` is every unit's history in the database (kasam.org.history.stored_history); the
    file's rows laid over it (kasam.metrics.tree_history.lay_over) must form one tree on every day.
    An importer with a `scope` may change only the units in it, and never move a unit into or out of
    it on any day (`_check_scope`).

    The optional column valid_from is the first day a row holds (empty: `today`); a unit may have
    several rows with different days (its history), and no row may begin after today: Unit holds
    today's tree, and a later day would leave it behind when that day comes."""
    problems = Problems(filename, (*UNIT_COLUMNS, *UNIT_OPTIONAL))
    frame = read_table(data, problems, UNIT_COLUMNS, UNIT_OPTIONAL)
    if frame is None:
        return problems.result(None)
    dated = "valid_from" in frame.columns
    if not dated:
        frame = frame.with_columns(valid_from=pl.lit(""))
    bad_id = v.check_id(problems, frame, "unit_id")
    bad_day = v.check_date(problems, frame, "valid_from", required=False)
    later = _("A row cannot begin after today (%(today)s), but this one begins on %(value)s.")
    begins = v.parse_date("valid_from")
    bad_day |= problems.flag(
        frame,
        (begins > pl.lit(today)) & ~pl.lit(bad_day),
        "valid_from",
        lambda row: later % {"today": today.isoformat(), "value": row["valid_from"]},
    )
    frame = frame.with_columns(begins.fill_null(today).alias("_day"))
    twice = (
        _("Unit %(value)s already has a row from the same day on line %(other)s.")
        if dated
        else _("Unit %(value)s is already on line %(other)s.")
    )
    duplicate = v.check_duplicates(
        problems,
        frame.select(LINE, "unit_id", "_day"),
        ["unit_id", "_day"],
        "unit_id",
        twice,
        bad_id | bad_day,
    )
    bad_parent = v.check_id(problems, frame, "parent_id", required=False)
    v.check_required(problems, frame, "name")
    v.check_length(problems, frame, "name", 200)
    kinds = _(
        "Kind must be förvaltning, område, enhet or arbetsgrupp (or administration, area, unit, team), "
        "not %(value)s."
    )
    v.check_choice(problems, frame, "kind", UNIT_KINDS, kinds)
    v.check_length(problems, frame, "activity", 100)
    known = set(stored) | set(frame["unit_id"])
    unknown = _("There is no unit %(value)s, neither in this file nor in Kasam.")
    v.check_known(problems, frame, "parent_id", known, unknown, bad_parent)
    typed = frame.with_columns(
        pl.col("kind").str.to_lowercase().replace_strict(UNIT_KINDS, default=None),
        pl.col("_day").alias("valid_from"),
    ).drop("_day")
    kept = typed.filter(~bad_id & ~duplicate & ~bad_day)
    _check_tree(problems, kept, stored, today, bool(problems.errors))
    if scope is not None:
        _check_scope(problems, kept, stored, today, scope)
    return problems.result(typed)


def _check_scope(
    problems: Problems, frame: pl.DataFrame, stored: History, today: date, scope: ImportScope
) -> None:
    """A scoped importer's file may not name a stored unit outside the scope (moving it in, renaming
    it, or reading back whether a row of it would pass), and may not move a unit of the scope out of
    it, or place a new unit outside it, on any day of the history the file rewrites: wherever a
    unit's parent after the import differs from its parent before, both must be units of the scope
    (or new units of the file). The top of the tree is outside every part. One message per unit, on
    the line of the file's row in force on the first day found (today first, then back in time)."""
    outside = v.check_in_scope(
        problems, frame, "unit_id", scope, scope.units_outside, v.unit_outside_text(), v.none_bad(frame)
    )
    rows = file_versions(frame.filter(~outside))
    history = lay_over(stored, {unit: [version for _line, version in pairs] for unit, pairs in rows.items()})

    def inside(parent: str | None) -> bool:
        return parent is not None and parent not in scope.units_outside

    moved = _(
        "This row would move unit %(unit)s into or out of the part of the organisation your role covers "
        "(%(scope)s). Only a role over the whole organisation may do that."
    )
    placed = _(
        "A new unit can only be placed within the part of the organisation your role covers (%(scope)s), "
        "under one of its units."
    )
    for unit, pairs in rows.items():
        before, after = stored.get(unit, []), history[unit]
        days = change_days({"before": before, "after": after})
        for day in [today, *sorted((d for d in days if d < today), reverse=True)]:
            old = version_on(before, day).parent_id if before else None
            new = version_on(after, day).parent_id
            if (before and old == new) or (inside(new) and (not before or inside(old))):
                continue
            in_force = [line for line, version in pairs if version.valid_from <= day]
            line = in_force[-1] if in_force else pairs[0][0]
            text = (moved if before else placed) % {"unit": unit, "scope": scope.label}
            if day != today:
                text = _("On %(day)s: %(problem)s") % {"day": day, "problem": text}
            problems.error(line, "parent_id", text)
            break


def file_versions(frame: pl.DataFrame) -> dict[str, list[tuple[int, Version]]]:
    """The typed file's rows as each unit's (line, version), in order of valid_from."""
    rows: dict[str, list[tuple[int, Version]]] = {}
    columns = (LINE, "unit_id", "valid_from", "parent_id", "name", "kind", "activity")
    for line, unit, valid_from, parent, name, kind, activity in frame.select(columns).iter_rows():
        rows.setdefault(unit, []).append(
            (line, Version(valid_from, parent or None, name, kind or "", activity))
        )
    return {unit: sorted(versions, key=lambda pair: pair[1].valid_from) for unit, versions in rows.items()}


def _check_tree(
    problems: Problems, frame: pl.DataFrame, stored: History, today: date, rows_reported: bool
) -> None:
    """Exactly one root and no cycles on every day of the stored history with the file's rows laid
    over it: today's tree first, then every earlier day on which a unit's version begins, each
    problem once (on its latest day), on the line of the file's row in force that day. A missing
    root is said only when no row had errors: a bad root row is reason enough."""
    rows = file_versions(frame)
    history = lay_over(stored, {unit: [version for _line, version in pairs] for unit, pairs in rows.items()})
    days = [today, *sorted((day for day in change_days(history) if day < today), reverse=True)]
    seen: set[tuple[str, str]] = set()
    for day in days:
        lines = _lines_on(rows, history, day)
        for key, line, text in _tree_problems(tree_on(history, day), lines, rows_reported):
            if key in seen:
                continue
            seen.add(key)
            dated = text if day == today else _("On %(day)s: %(problem)s") % {"day": day, "problem": text}
            problems.error(line, "parent_id", dated)


def _lines_on(rows: dict[str, list[tuple[int, Version]]], history: History, day: date) -> dict[str, int]:
    """The line of each unit's file row in force on `day` (a unit whose stored version is in force
    that day has none)."""
    lines = {}
    for unit, pairs in rows.items():
        in_force = [line for line, version in pairs if version.valid_from <= day]
        if in_force:
            lines[unit] = in_force[-1]
        elif history[unit][0].valid_from >= pairs[0][1].valid_from:  # the file's row is the first
            lines[unit] = pairs[0][0]
    return lines


def _tree_problems(
    parent_of: Mapping[str, str | None], lines: Mapping[str, int], rows_reported: bool
) -> list[tuple[tuple[str, str], int, str]]:
    """(key, line, message) of each problem of one day's tree."""
    found = []
    roots = find_roots(parent_of)
    cycles = [unit for unit in find_cycle_members(parent_of) if unit in lines and _cycle(unit, parent_of)]
    for unit in cycles:
        text = _("The parents go round in a circle: %(chain)s. Each unit must lead up to the top unit.")
        found.append((("cycle", unit), lines[unit], text % {"chain": " → ".join(_cycle(unit, parent_of))}))
    if len(roots) > 1:
        text = _("Only one unit can be at the top (with an empty parent_id). Also at the top: %(units)s.")
        in_file = [root for root in roots if root in lines]
        for root in in_file:
            others = ", ".join(other for other in roots if other != root)
            found.append((("root", root), lines[root], text % {"units": others}))
        if not in_file:  # the database's own history had several roots that day
            found.append((("roots", ""), 1, text % {"units": ", ".join(roots)}))
    elif not roots and not cycles and not rows_reported:
        text = _("No unit is at the top. Exactly one unit must have an empty parent_id.")
        found.append((("no root", ""), 1, text))
    return found


def _cycle(unit: str, parent_of: Mapping[str, str | None]) -> list[str] | None:
    """The circle of parents through `unit` (ending where it began), or None if `unit` is not on one
    but only leads into one."""
    chain = [unit]
    node = parent_of.get(unit)
    while node and node != unit and node not in chain and node in parent_of:
        chain.append(node)
        node = parent_of.get(node)
    return [*chain, unit] if node == unit else None


def validate_people(
    data: bytes, filename: str, latest_birth_year: int, scope: ImportScope | None = None
) -> Validated:
    """Optional columns missing from the file are missing from the frame too: the import then leaves
    those fields alone. A scoped importer may not change persons outside the scope."""
    problems = Problems(filename, (*PERSON_COLUMNS, *PERSON_OPTIONAL))
    frame = read_table(data, problems, PERSON_COLUMNS, PERSON_OPTIONAL)
    if frame is None:
        return problems.result(None)
    bad_id = v.check_id(problems, frame, "person_id")
    duplicate = _("Person %(value)s is already on line %(other)s.")
    v.check_duplicates(problems, frame, ["person_id"], "person_id", duplicate, bad_id)
    v.check_persons_in_scope(problems, frame, scope, bad_id)
    year = pl.col("birth_year").str.to_integer(strict=False)
    text = _("Birth year must be a whole number from %(min)s to %(max)s, not %(value)s.")
    bounds = {"min": FIRST_BIRTH_YEAR, "max": latest_birth_year}
    v.check_required(problems, frame, "birth_year")
    outside = ~year.is_between(FIRST_BIRTH_YEAR, latest_birth_year).fill_null(False)
    problems.flag(
        frame,
        (pl.col("birth_year") != "") & outside,
        "birth_year",
        lambda row: text % {**bounds, "value": row["birth_year"]},
    )
    for column, maximum in (("first_name", 100), ("last_name", 100), ("email", 254), ("phone", 40)):
        if column in frame.columns:
            v.check_length(problems, frame, column, maximum)
    if "email" in frame.columns:
        _check_emails(problems, frame)
    if "language" in frame.columns:
        # Any spelling of a code (AR, Sv-X-Ll); stored lower-cased. Empty: Swedish.
        codes = ", ".join(EMPLOYEE_LANGUAGE_CODES)
        text = _("Language must be one of %(codes)s (or empty for Swedish), not %(value)s.")
        v.check_choice(problems, frame.with_columns(pl.col("language").str.strip_chars()), "language",
                       EMPLOYEE_LANGUAGE_CODES, text.replace("%(codes)s", codes), required=False)  # fmt: skip
        frame = frame.with_columns(pl.col("language").str.strip_chars().str.to_lowercase())
    gender = pl.col("gender").str.to_uppercase()
    typed = frame.with_columns(
        year.alias("birth_year"),
        pl.when(gender.is_in(["K", "M"])).then(gender).otherwise(pl.lit("")).alias("gender"),
    )
    return problems.result(typed)


def _check_emails(problems: Problems, frame: pl.DataFrame) -> None:
    text = _("%(value)s is not a valid email address.")
    for line, email in frame.filter(pl.col("email") != "").select(LINE, "email").iter_rows():
        try:
            validate_email(email)
        except ValidationError:
            problems.error(line, "email", text % {"value": email})


def validate_employments(
    data: bytes,
    filename: str,
    persons: Collection[str],
    units: Collection[str],
    scope: ImportScope | None = None,
) -> Validated:
    """`persons` and `units` are the ids in the database: an employment refers to both. A scoped
    importer may import employments only of persons and in units within the scope."""
    problems = Problems(filename, EMPLOYMENT_COLUMNS)
    frame = read_table(data, problems, EMPLOYMENT_COLUMNS)
    if frame is None:
        return problems.result(None)
    bad = v.check_id(problems, frame, "person_id")
    no_person = _("There is no person %(value)s in Kasam. Import the persons first.")
    bad |= v.check_known(problems, frame, "person_id", persons, no_person, bad)
    bad_unit = v.check_id(problems, frame, "unit_id")
    no_unit = _("There is no unit %(value)s in Kasam. Import the units first.")
    bad |= bad_unit | v.check_known(problems, frame, "unit_id", units, no_unit, bad_unit)
    bad |= v.check_persons_in_scope(problems, frame, scope, bad)
    bad |= v.check_units_in_scope(problems, frame, scope, bad)
    bad |= v.check_date(problems, frame, "start_date", required=True)
    v.check_date(problems, frame, "end_date", required=False)
    v.check_end_after_start(problems, frame, "start_date", "end_date")
    rate = _("Rate must be above 0 and at most 100, not %(value)s.")
    v.check_range(problems, frame, "rate", 100, rate, required=True)
    hours = _("Weekly hours must be above 0 and at most %(max)s, not %(value)s.")
    v.check_range(problems, frame, "weekly_hours", MAX_WEEKLY_HOURS, hours, required=False)
    pay = _("Pay must be monthly or hourly, not %(value)s.")
    v.check_choice(problems, frame, "pay", PAY_KINDS, pay)
    typed = frame.with_columns(
        v.parse_date("start_date"),
        v.parse_date("end_date"),
        v.parse_decimal("rate"),
        pl.when(pl.col("weekly_hours") == "")
        .then(DEFAULT_WEEKLY_HOURS)
        .otherwise(v.parse_decimal("weekly_hours"))
        .alias("weekly_hours"),
        pl.col("pay").str.to_lowercase(),
    )
    duplicate = _("Line %(other)s has the same person, unit and start date.")
    key = typed.select(LINE, "person_id", "unit_id", "start_date")
    v.check_duplicates(problems, key, ["person_id", "unit_id", "start_date"], "start_date", duplicate, bad)
    return problems.result(typed)

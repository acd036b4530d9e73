"""Checking an employee-survey file (docs/import-formats.md, "Employee survey"): file → per-unit counts
and messages. Nothing here writes or reads the database; the ids of the units that exist are passed in.

Three layouts (`FORMATS`), CSV or XLSX through kasam.core.tabular.read_table:

- `items`: a vendor's wide export, one row per respondent: a unit column, optionally a gender column
  and a respondent-id column, and one column per question. A mapping "vendor column = Kasam id" names
  them (ids: hme1 … hme9, nmi1 … nmi3, enps, and unit_id, gender, respondent_id); an id the mapping
  leaves out is looked for under its own name, so a file whose header already says unit_id, hme1 …
  needs no mapping. An empty answer cell is a skipped question.
- `long`: respondent_id, unit_id, item, value[, gender] – one row per answer, as `kasam survey
  indices` reads it.
- `distributions`: see kasam.survey.distributions.

Item-level answers are counted here and the respondent ids dropped: what leaves is, per (unit,
gender), the number of respondents and, per (unit, gender, item, value), the number of answers. A
respondent is a row (items) or a respondent id (long) with at least one answer; a row without any
answer is not counted (a warning). Gender (kasam.survey.checks.gender): K, kvinna, woman … → K; M,
man … → M; anything else or empty → "other or not stated", counted in every total.

Every problem is a message file:line:column (the header is line 1; in a wide file the column is the
vendor's question column, as the mapping names it)."""

from collections.abc import Collection

import polars as pl
from django.utils.translation import gettext as _

from kasam.core.tabular import read_table
from kasam.core.validation import LINE, Problems
from kasam.metrics.survey.items import ITEMS
from kasam.survey import checks
from kasam.survey.checks import GENDER, ITEM_LIST, MAX_PER_CHECK, RESPONDENT, UNIT, Checked, Counted, flag
from kasam.survey.distributions import DISTRIBUTION_COLUMNS, check_distributions

FORMATS = ("items", "long", "distributions")
MAPPING_TARGETS = (UNIT, GENDER, RESPONDENT, *ITEMS)
LONG_COLUMNS = (RESPONDENT, UNIT, "item", "value")

__all__ = ["FORMATS", "Checked", "Counted", "check_survey_file", "detect_format", "parse_mapping"]


def check_survey_file(
    data: bytes, filename: str, layout: str, known_units: Collection[str], mapping: str = ""
) -> Checked:
    """The file's counts, or its problems (then `counted` is None). A file without a single
    respondent is a problem too: there would be nothing to import."""
    result = _check(data, filename, layout, known_units, mapping)
    if result.counted is not None and result.counted.respondents["respondents"].sum() == 0:
        text = _("No one has answered in this file, so there is nothing to import.")
        return Checked(None, [checks.file_message(filename, text)], result.warnings)
    return result


def _check(data: bytes, filename: str, layout: str, known_units: Collection[str], mapping: str) -> Checked:
    if layout == "items":
        return _check_items(data, filename, known_units, mapping)
    if layout == "long":
        return _check_long(data, filename, known_units)
    if layout == "distributions":
        problems = Problems(filename, (*DISTRIBUTION_COLUMNS, GENDER))
        frame = read_table(data, problems, DISTRIBUTION_COLUMNS, (GENDER,))
        counted = None if frame is None else check_distributions(problems, frame, known_units)
        return checks.checked(problems, counted)
    raise ValueError(f"unknown survey layout {layout!r}; expected one of {', '.join(FORMATS)}")


def detect_format(data: bytes) -> str:
    """The layout a file's header suggests: `count` → distributions, `respondent_id` with `item` →
    long, anything else → items."""
    frame = read_table(data, Problems(""), ("item",), ("count", RESPONDENT, "value", UNIT))
    if frame is None:
        return "items"
    if "count" in frame.columns:
        return "distributions"
    return "long" if RESPONDENT in frame.columns else "items"


# ------------------------------------------------------------------------------------------- mapping


def parse_mapping(text: str, problems: Problems) -> dict[str, str]:
    """Kasam id → vendor column as written. One entry per line, or on a single line separated by
    commas; an entry is "vendor column = id" (the last "=" splits, ids in any case); empty entries
    and lines starting with # are skipped. A message's line is the entry's number."""
    text = text.strip()
    entries = text.splitlines() if "\n" in text else text.split(",")
    mapping: dict[str, str] = {}
    target_at: dict[str, int] = {}
    column_at: dict[str, int] = {}
    for number, raw in enumerate(entries, start=1):
        entry = raw.strip()
        if not entry or entry.startswith("#"):
            continue
        column, separator, target = entry.rpartition("=")
        column, target = column.strip(), target.strip().lower()
        if not separator or not column or not target:
            text = _(
                "Write each entry as “vendor column = item id”, for example “Fråga 1 = hme1”, "
                "not “%(entry)s”."
            )
            problems.error(number, column or entry, text % {"entry": entry})
        elif target not in MAPPING_TARGETS:
            text = _(
                "%(target)s is not an id Kasam knows. Use %(items)s, or unit_id, gender or respondent_id."
            )
            problems.error(number, column, text % {"target": target, "items": ITEM_LIST})
        elif target in mapping:
            text = _("%(target)s is already given to the column %(other)s in entry %(entry)s.")
            words = {"target": target, "other": mapping[target], "entry": target_at[target]}
            problems.error(number, column, text % words)
        elif column.lower() in column_at:
            text = _("The column %(column)s is already mapped in entry %(entry)s.")
            problems.error(number, column, text % {"column": column, "entry": column_at[column.lower()]})
        else:
            mapping[target] = column
            target_at[target], column_at[column.lower()] = number, number
    return mapping


# ---------------------------------------------------------------------------------------- the layouts


def _check_items(data: bytes, filename: str, known_units: Collection[str], mapping_text: str) -> Checked:
    mapping_problems = Problems(_("mapping"))
    mapping = parse_mapping(mapping_text, mapping_problems)
    if mapping_problems.errors:
        return Checked(None, mapping_problems.errors)
    names = {target: mapping.get(target, target) for target in MAPPING_TARGETS}  # as written
    mapped = {column.lower() for column in mapping.values()}
    required = (
        names[UNIT].lower(),
        *(column.lower() for target, column in mapping.items() if target != UNIT),
    )
    optional = tuple(t for t in MAPPING_TARGETS if t != UNIT and t not in mapping and t not in mapped)
    problems = Problems(filename, [names[t] for t in MAPPING_TARGETS])
    frame = read_table(data, problems, required, optional)
    if frame is None:
        return checks.checked(problems, None)
    present = {t: names[t].lower() for t in MAPPING_TARGETS if names[t].lower() in frame.columns}
    items = [t for t in ITEMS if t in present]
    if not items:
        text = _(
            "The file has no question columns. Name them %(items)s in the header, or map the vendor's "
            "columns to these ids."
        )
        problems.error(1, names[UNIT], text % {"items": ITEM_LIST})
        return checks.checked(problems, None)
    respondent = pl.col(present[RESPONDENT]) if RESPONDENT in present else pl.col(LINE).cast(pl.String)
    wide = frame.select(
        LINE,
        pl.col(present[UNIT]).alias(UNIT),
        checks.gender(present.get(GENDER)).alias("_gender"),
        respondent.alias("_respondent"),
        *(pl.col(present[item]).alias(item) for item in items),
    )
    empty_unit = checks.required(problems, wide, UNIT, names[UNIT])
    checks.known_units(problems, wide, known_units, empty_unit, names[UNIT])
    if RESPONDENT in present:
        _one_row_each(problems, wide, names[RESPONDENT])
    answers = wide.unpivot(
        items, index=[LINE, UNIT, "_gender", "_respondent"], variable_name="item", value_name="value"
    ).filter(pl.col("value") != "")
    answers = answers.with_columns(
        _column=pl.col("item").replace_strict({item: names[item] for item in items}, return_dtype=pl.String)
    )
    checks.answer_values(problems, checks.with_scale(answers), None)
    silent = wide.filter(~pl.col(LINE).is_in(answers[LINE].unique().implode()))
    text = _("This row answers none of the questions, so it is not counted as a respondent.")
    for line in silent[LINE].head(MAX_PER_CHECK).to_list():
        problems.warn(line, names[UNIT], text)
    return checks.checked(problems, None if problems.errors else _count(answers, frame.height))


def _one_row_each(problems: Problems, wide: pl.DataFrame, label: str) -> None:
    text = _("Respondent %(value)s is already on line %(other)s; each respondent has one row.")
    with_first = wide.with_columns(_first=checks.first_line(["_respondent"]))
    flag(
        problems,
        with_first,
        (pl.col("_respondent") != "") & (pl.col(LINE) != pl.col("_first")),
        label,
        lambda row: text % {"value": row["_respondent"], "other": row["_first"]},
    )


def _check_long(data: bytes, filename: str, known_units: Collection[str]) -> Checked:
    problems = Problems(filename, (*LONG_COLUMNS, GENDER))
    frame = read_table(data, problems, LONG_COLUMNS, (GENDER,))
    if frame is None:
        return checks.checked(problems, None)
    frame = frame.with_columns(
        pl.col("item").str.to_lowercase(),
        checks.gender(GENDER if GENDER in frame.columns else None).alias("_gender"),
        pl.col(RESPONDENT).alias("_respondent"),
    )
    empty = {column: checks.required(problems, frame, column) for column in LONG_COLUMNS}
    bad_item = checks.known_items(problems, frame)
    checks.known_units(problems, frame, known_units, empty[UNIT])
    checks.answer_values(problems, checks.with_scale(frame), "value")
    _one_answer_unit_gender(problems, frame, bad_item)
    return checks.checked(problems, None if problems.errors else _count(frame, frame.height))


def _one_answer_unit_gender(problems: Problems, frame: pl.DataFrame, bad_item: pl.Series) -> None:
    """One answer per respondent and item; one unit and one gender per respondent."""
    someone = pl.col(RESPONDENT) != ""
    has_unit = pl.col(UNIT) != ""
    rows = frame.with_columns(
        _first=checks.first_line([RESPONDENT, "item"]),
        _unit_line=pl.col(LINE).filter(has_unit).first().over(RESPONDENT),
        _unit0=pl.col(UNIT).filter(has_unit).first().over(RESPONDENT),
        _gender_line=pl.col(LINE).first().over(RESPONDENT),
        _gender0=pl.col("_gender").first().over(RESPONDENT),
    )
    twice = _("Respondent %(respondent)s answers %(item)s a second time (first on line %(other)s).")
    flag(
        problems,
        rows,
        someone & (pl.col("item") != "") & ~pl.lit(bad_item) & (pl.col(LINE) != pl.col("_first")),
        "item",
        lambda row: twice % {"respondent": row[RESPONDENT], "item": row["item"], "other": row["_first"]},
    )
    other_unit = _(
        "Respondent %(respondent)s is in unit %(unit)s on line %(other)s; a respondent belongs to one unit."
    )
    flag(
        problems,
        rows,
        someone & has_unit & (pl.col(UNIT) != pl.col("_unit0")),
        UNIT,
        lambda row: (
            other_unit % {"respondent": row[RESPONDENT], "unit": row["_unit0"], "other": row["_unit_line"]}
        ),
    )
    if GENDER in frame.columns:
        other_gender = _(
            "Respondent %(respondent)s has another gender on line %(other)s; a respondent has one."
        )
        flag(
            problems,
            rows,
            someone & (pl.col("_gender") != pl.col("_gender0")),
            GENDER,
            lambda row: other_gender % {"respondent": row[RESPONDENT], "other": row["_gender_line"]},
        )


def _count(answers: pl.DataFrame, rows: int) -> Counted:
    """Per (unit, gender): distinct respondents; per (unit, gender, item, value): answers."""
    answers = answers.select(
        UNIT, pl.col("_gender").alias("gender"), "_respondent", "item", pl.col("value").cast(pl.Int64)
    )
    respondents = answers.group_by(UNIT, "gender").agg(pl.col("_respondent").n_unique().alias("respondents"))
    distributions = answers.group_by(UNIT, "gender", "item", "value").len("count")
    return Counted(
        respondents.sort(UNIT, "gender"), distributions.sort(UNIT, "gender", "item", "value"), rows
    )

"""Employee-survey figures (docs/definitions.md "Employee survey"): HME, NMI and eNPS over the organisation
tree, through the same disclosure gate as the pulse, and the gap analysis of a unit against the organisation.

Pure functions, no Django. Everything is computed from COUNTS, so that the database can store per unit
only its number of respondents and, per item, how many answered each value – no respondent ids:

- `respondents` of a unit: the persons placed in that unit who answered at least one item;
- `item_counts` of a unit: {item: {value: number of answers}}, e.g. {"hme1": {4: 3, 5: 2}}.

A unit's figures are over its whole subtree (its own counts plus those of every unit below it).

Definitions (docs/definitions.md) and the choices made where it is silent:

- HME: nine items on 1–5. Item index = 25 × (mean − 1); a sub-index is the mean of its three item
  indices; the total is the mean of the nine item indices.
- Partial respondents: an item's mean uses every valid answer to that item. Choice: an item index is
  shown only with at least k answers to that item; a sub-index (the total) only when each of its three
  (nine) items has at least k answers. So a skipped item hides its sub-index and the total, never the
  other sub-indices.
- NMI: three items on 1–10; NMI = (mean of the three item means − 1) / 9 × 100, the definition named
  `NMI_DEFINITION`. Choice: shown only when each of the three has at least k answers. For the gap
  analysis an NMI item gets an item index on 0–100 too, (mean − 1) / 9 × 100, so that NMI is the mean
  of its three item indices as an HME sub-index is of its three.
- eNPS: the item `enps` on 0–10; share of answers 9–10 minus share of answers 0–6, in percent (−100 …
  100). Shown only with at least k answers. It has no item index and no row in the gap analysis (it is
  a difference of shares, not a mean on a scale).
- Anonymity (docs/adr/009-survey-stored-as-distributions.md; k = 5 by default, never below 3):
  answers are stored only per reporting group pooled by respondents (`pool_by_respondents`, the
  pulse's rules 1 and 6), in cells of at least k (`pool_cells`: a group keeps women and men apart only
  when each cell reaches k; an item with fewer than k answers in a cell is not stored). What is shown
  is decided once, at import, through the one gate (`decide`, kasam.metrics.disclosure.
  suppress_complements over respondents, per item over answers among the shown nodes, per gender for
  splits) on the tree as it stood then, and stored; `survey_figures` computes the figures from the
  stored cells, the frozen tree and the stored decision, never deciding again. Since every stored cell
  has k or more, every remainder of the shown nodes is 0 or ≥ k: no difference of shown figures covers
  1 … k − 1 respondents, nor 1 … k − 1 answers to one item.
- Splits (women/men): a node shows one only when every cell in its subtree keeps its split (so women
  and men each number at least k), and an item in it only when every group has at least k answers.
  (`gender_split` is the same rule on one node's groups alone.)
- Figures leave at full precision, or None when hidden or not asked: they are rounded once, when
  shown (a page's number filter, a report's decimals), and for JSON to 2 decimals (`rounded_figures`,
  `SurveyResults.as_json`). Rounding them here too made a page round a rounded number (NMI 63.648
  → 63.65 → "63,7" instead of "63,6").
"""

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import asdict, dataclass
from typing import NamedTuple

import polars as pl

from kasam.metrics.disclosure import AtLeastK, Tree, check_k, suppress_complements

SURVEY_K_DEFAULT = 5
DECIMALS = 2

HME_ITEMS = ("hme1", "hme2", "hme3", "hme4", "hme5", "hme6", "hme7", "hme8", "hme9")
HME_SUBINDICES = {
    "motivation": ("hme1", "hme2", "hme3"),
    "ledarskap": ("hme4", "hme5", "hme6"),
    "styrning": ("hme7", "hme8", "hme9"),
}
NMI_ITEMS = ("nmi1", "nmi2", "nmi3")
ENPS_ITEM = "enps"
ITEMS = (*HME_ITEMS, *NMI_ITEMS, ENPS_ITEM)
INDEX_ITEMS = (*HME_ITEMS, *NMI_ITEMS)  # the items with an index on 0–100: the gap analysis's rows
SCALES: dict[str, tuple[int, int]] = {
    **dict.fromkeys(HME_ITEMS, (1, 5)),
    **dict.fromkeys(NMI_ITEMS, (1, 10)),
    ENPS_ITEM: (0, 10),
}
ITEM_NAMES = {
    "hme1": "meningsfullt",
    "hme2": "lär nytt",
    "hme3": "ser fram emot",
    "hme4": "uppskattning",
    "hme5": "förtroende",
    "hme6": "förutsättningar att ta ansvar",
    "hme7": "insatt i målen",
    "hme8": "förstår hur arbetet bidrar",
    "hme9": "målen följs upp",
    "nmi1": "NMI 1",
    "nmi2": "NMI 2",
    "nmi3": "NMI 3",
    "enps": "eNPS",
}
NMI_DEFINITION = "mean-of-three-means-1-10"
ENPS_PROMOTER_MIN = 9  # 9–10 recommend
ENPS_DETRACTOR_MAX = 6  # 0–6 do not
ANSWER_COLUMNS = ("respondent_id", "unit_id", "item", "value")

# The organisation node the gate puts above the root(s); never a unit id (unit ids are non-empty).
ORGANISATION = ""

ItemCounts = Mapping[str, Mapping[int, int]]
_Tally = dict[str, list[int]]  # item → answers per value; index 0 is the scale's low end


# ----------------------------------------------------------------------------------------- validation


def check_value(item: str, value: int) -> int:
    """`value` if it is a whole number on `item`'s scale; ValueError otherwise (also for an unknown item)."""
    if item not in SCALES:
        raise ValueError(f"unknown survey item {item!r}; expected one of {', '.join(ITEMS)}")
    low, high = SCALES[item]
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        raise ValueError(f"an answer to {item} is a whole number from {low} to {high}, not {value!r}")
    return value


def check_count(count: int, what: str) -> int:
    """`count` if it is a whole number ≥ 0; ValueError naming `what` otherwise."""
    if isinstance(count, bool) or not isinstance(count, int) or count < 0:
        raise ValueError(f"{what} must be a whole number ≥ 0, not {count!r}")
    return count


def check_item_counts(item_counts: ItemCounts, respondents: int | None = None) -> None:
    """ValueError unless every item is known, every value on its item's scale, every count a whole
    number ≥ 0 and – given `respondents` – no item has more answers than there are respondents."""
    tally = _tally(item_counts)
    if respondents is not None:
        _check_answers(tally, check_count(respondents, "respondents"))


def _tally(item_counts: ItemCounts) -> _Tally:
    tally: _Tally = {}
    for item, counts in item_counts.items():
        if item not in SCALES:
            raise ValueError(f"unknown survey item {item!r}; expected one of {', '.join(ITEMS)}")
        low, high = SCALES[item]
        row = [0] * (high - low + 1)
        for value, count in counts.items():
            # The checks' messages are formatted only for a bad value: this runs for every stored cell.
            if type(value) is not int or not low <= value <= high:
                check_value(item, value)
            if type(count) is not int or count < 0:
                check_count(count, f"the number of {item} answers {value}")
            row[value - low] += count
        tally[item] = row
    return tally


def _check_answers(tally: _Tally, respondents: int) -> None:
    for item, counts in tally.items():
        if sum(counts) > respondents:
            raise ValueError(f"{item} has {sum(counts)} answers but there are only {respondents} respondents")


# ------------------------------------------------------------------------------------------ one node


def _answers(tally: _Tally, item: str) -> int:
    return sum(tally.get(item, ()))


def _item_index(counts: list[int], item: str) -> float | None:
    """(mean − low) / (high − low) × 100: HME 25 × (mean − 1), NMI (mean − 1) / 9 × 100."""
    n = sum(counts)
    if n == 0:
        return None
    low, high = SCALES[item]
    mean = sum((low + offset) * count for offset, count in enumerate(counts)) / n
    return (mean - low) / (high - low) * 100


def _enps(counts: list[int]) -> float | None:
    """Share of 9–10 minus share of 0–6, in percent; index = value since the scale starts at 0."""
    n = sum(counts)
    if n == 0:
        return None
    return (sum(counts[ENPS_PROMOTER_MIN:]) - sum(counts[: ENPS_DETRACTOR_MAX + 1])) / n * 100


def _visible_items(tally: _Tally, k: int, items_shown: Iterable[str] | None) -> set[str]:
    allowed = set(ITEMS) if items_shown is None else set(items_shown)
    return {item for item in ITEMS if item in allowed and _answers(tally, item) >= k}


def _mean_of_all(values: Sequence[float | None]) -> float | None:
    """The mean, or None if any value is missing (a sub-index needs every one of its items)."""
    if any(value is None for value in values):
        return None
    return sum(values) / len(values)  # type: ignore[arg-type]


def rounded(value: float | None) -> float | None:
    """A figure as JSON gives it: 2 decimals, None stays None (+ 0.0 turns a rounded −0.0 into 0.0)."""
    return None if value is None else round(value, DECIMALS) + 0.0


def rounded_figures(figures: dict) -> dict:
    """R with every figure to 2 decimals, for JSON; the respondents and `shown` as they are."""
    hme = {name: rounded(value) for name, value in figures["hme"].items()}
    return {**figures, "hme": hme, "nmi": rounded(figures["nmi"]), "enps": rounded(figures["enps"])}


def hidden_figures(respondents: int) -> dict:
    """R of a hidden node: its respondents, every figure None."""
    hme = {"total": None, **dict.fromkeys(HME_SUBINDICES)}
    return {"respondents": respondents, "shown": False, "hme": hme, "nmi": None, "enps": None}


def _figures(respondents: int, tally: _Tally, k: int, shown: bool, items_shown: Iterable[str] | None) -> dict:
    if not shown or respondents < k:
        return hidden_figures(respondents)
    index = _item_indices(tally, k, items_shown)
    hme = {"total": _mean_of_all([index[item] for item in HME_ITEMS])}
    for name, items in HME_SUBINDICES.items():
        hme[name] = _mean_of_all([index[item] for item in items])
    enps_shown = ENPS_ITEM in _visible_items(tally, k, items_shown)
    return {
        "respondents": respondents,
        "shown": True,
        "hme": hme,
        "nmi": _mean_of_all([index[item] for item in NMI_ITEMS]),
        "enps": _enps(tally[ENPS_ITEM]) if enps_shown else None,
    }


def _item_indices(tally: _Tally, k: int, items_shown: Iterable[str] | None) -> dict[str, float | None]:
    visible = _visible_items(tally, k, items_shown)
    return {item: _item_index(tally[item], item) if item in visible else None for item in INDEX_ITEMS}


def node_figures(
    respondents: int,
    item_counts: ItemCounts,
    k: int = SURVEY_K_DEFAULT,
    shown: bool = True,
    items_shown: Iterable[str] | None = None,
) -> dict:
    """One node's figures R = {"respondents", "shown", "hme": {"total", "motivation", "ledarskap",
    "styrning"}, "nmi", "enps"}, at full precision (`rounded_figures` for JSON), None when hidden or
    not asked.

    `respondents` and `item_counts` are the node's whole subtree. `shown` is the tree gate's decision
    for the node (pass False for a node it hides); a node with fewer than k respondents is never shown,
    whatever `shown` says. `items_shown`, when given, limits the items whose figures may be shown (the
    per-item gate of `tree_results`, or a split's every-group rule). A hidden node keeps its
    `respondents`; every figure of it is None."""
    k = check_k(k)
    tally = _tally(item_counts)
    _check_answers(tally, check_count(respondents, "respondents"))
    return _figures(respondents, tally, k, shown, items_shown)


def item_indices(
    item_counts: ItemCounts, k: int = SURVEY_K_DEFAULT, items_shown: Iterable[str] | None = None
) -> dict[str, float | None]:
    """Each HME and NMI item's index on 0–100, unrounded – HME 25 × (mean − 1), NMI (mean − 1) / 9 × 100
    – or None for an item with fewer than k answers (or outside `items_shown`). eNPS has none."""
    return _item_indices(_tally(item_counts), check_k(k), items_shown)


# --------------------------------------------------------------------------------------- from answers


class UnitCounts(NamedTuple):
    """Per unit: its respondents (distinct respondent ids) and its {item: {value: answers}}."""

    respondents: dict[str, int]
    item_counts: dict[str, dict[str, dict[int, int]]]


class Problem(NamedTuple):
    """A bad answer row: `row` is the value of the frame's line column when one is named, else the
    0-based row number; `column` is one of ANSWER_COLUMNS."""

    row: int
    column: str
    message: str


def counts_from_answers(frame: pl.DataFrame, check: bool = True) -> UnitCounts:
    """Per-unit respondents and answer counts from long rows respondent_id, unit_id, item, value (one
    row per answer; a skipped item has no row). Two Polars group-bys. With `check` the rows are checked
    first (`answer_problems`) and the first problem raises ValueError; the checks cost about as much as
    the counting, so a caller that has checked already passes check=False."""
    if check:
        problems, total = answer_problems(frame, limit=1)
        if total:
            row, column, message = problems[0]
            raise ValueError(f"row {row}, {column}: {message} ({total} problems in all)")
    typed = frame.select(
        *(pl.col(name).cast(pl.String).str.strip_chars() for name in ("respondent_id", "unit_id", "item")),
        pl.col("value").cast(pl.String).str.strip_chars().cast(pl.Int64),
    )
    per_unit = typed.group_by("unit_id").agg(pl.col("respondent_id").n_unique().alias("respondents"))
    respondents = dict(zip(per_unit["unit_id"].to_list(), per_unit["respondents"].to_list(), strict=True))
    answers = typed.group_by("unit_id", "item", "value").len()
    item_counts: dict[str, dict[str, dict[int, int]]] = {unit: {} for unit in respondents}
    columns = (answers[name].to_list() for name in ("unit_id", "item", "value", "len"))
    for unit, item, value, count in zip(*columns, strict=True):
        item_counts[unit].setdefault(item, {})[value] = count
    return UnitCounts(respondents, item_counts)


def answer_problems(
    frame: pl.DataFrame,
    known_units: Iterable[str] | None = None,
    line_column: str | None = None,
    limit: int = 20,
) -> tuple[list[Problem], int]:
    """The first `limit` problems of long answer rows (respondent_id, unit_id, item, value) in row
    order, and how many problems there are in all. Vectorised; a message is formatted only for a
    problem it returns. Cells are compared stripped of spaces.

    Checked: no empty cell; a known item (exact names: "hme1" … "hme9", "nmi1" … "nmi3", "enps"); a
    whole-number value on the item's scale; a unit among `known_units` when given; one row per
    (respondent_id, item) – later rows are the problem; one unit per respondent – a respondent is
    counted once, in one unit, so rows naming another unit than the respondent's first are."""
    missing = [name for name in ANSWER_COLUMNS if name not in frame.columns]
    if missing:
        raise ValueError(f"the answers have no column {missing[0]}")
    prepared = _prepared(frame, line_column)
    found: list[Problem] = []
    total = 0
    for column, mask, message in _answer_checks(known_units, "line" if line_column else "row"):
        bad = prepared.filter(mask)
        total += bad.height
        found.extend(
            Problem(row["_row"], column, message(row)) for row in bad.head(limit).iter_rows(named=True)
        )
    found.sort(key=lambda problem: (problem.row, ANSWER_COLUMNS.index(problem.column)))
    return found[:limit], total


def _prepared(frame: pl.DataFrame, line_column: str | None) -> pl.DataFrame:
    """Stripped string cells, the row (or line) number and what the checks compare."""
    row = pl.col(line_column) if line_column else pl.int_range(pl.len(), dtype=pl.Int64)
    if frame["value"].dtype.is_integer():
        number, whole = pl.col("value").cast(pl.Int64), pl.col("value").is_not_null()
    else:
        number = pl.col("value").cast(pl.String).str.strip_chars().cast(pl.Int64, strict=False)
        whole = (
            pl.col("value").cast(pl.String).str.strip_chars().str.contains(r"^[+-]?\d{1,9}$").fill_null(False)
        )
    cells = [
        pl.col(name).cast(pl.String).fill_null("").str.strip_chars().alias(name) for name in ANSWER_COLUMNS
    ]
    prepared = frame.select(
        row.cast(pl.Int64).alias("_row"), *cells, number.alias("_number"), whole.alias("_whole")
    )
    lows = {item: low for item, (low, _high) in SCALES.items()}
    highs = {item: high for item, (_low, high) in SCALES.items()}
    has_unit = pl.col("unit_id") != ""
    return prepared.with_columns(
        _low=pl.col("item").replace_strict(lows, default=None, return_dtype=pl.Int64),
        _high=pl.col("item").replace_strict(highs, default=None, return_dtype=pl.Int64),
        _first=pl.col("_row").first().over("respondent_id", "item"),
        _unit0=pl.col("unit_id").filter(has_unit).first().over("respondent_id"),
        _unit0_row=pl.col("_row").filter(has_unit).first().over("respondent_id"),
    )


def _answer_checks(known_units: Iterable[str] | None, place: str) -> list:
    """(column, mask over `_prepared`, message(row)) per check; each needs only valid cells it uses."""
    item_ok = pl.col("item").is_in(list(ITEMS))
    value_given = pl.col("value") != ""
    respondent = pl.col("respondent_id") != ""
    unit = pl.col("unit_id") != ""
    checks: list = [
        (name, pl.col(name) == "", lambda row, name=name: f"{name} is empty") for name in ANSWER_COLUMNS
    ]
    expected = ", ".join(ITEMS)
    checks += [
        (
            "item",
            (pl.col("item") != "") & ~item_ok,
            lambda row: f"unknown item {row['item']!r}; expected {expected}",
        ),
        ("value", value_given & ~pl.col("_whole"), lambda row: f"{row['value']!r} is not a whole number"),
        (
            "value",
            pl.col("_whole") & item_ok & ~pl.col("_number").is_between(pl.col("_low"), pl.col("_high")),
            lambda row: f"{row['value']} is off {row['item']}'s scale {row['_low']}–{row['_high']}",
        ),
    ]
    if known_units is not None:
        units = sorted(set(known_units))
        checks.append(
            (
                "unit_id",
                unit & ~pl.col("unit_id").is_in(units),
                lambda row: f"unit {row['unit_id']!r} is not in the units file",
            )
        )
    checks += [
        (
            "item",
            respondent & item_ok & (pl.col("_row") != pl.col("_first")),
            lambda row: (
                f"respondent {row['respondent_id']!r} answered {row['item']} twice "
                f"(first on {place} {row['_first']})"
            ),
        ),
        (
            "unit_id",
            respondent & unit & (pl.col("unit_id") != pl.col("_unit0")),
            lambda row: (
                f"respondent {row['respondent_id']!r} is in unit {row['_unit0']!r} on {place} "
                f"{row['_unit0_row']}; a respondent belongs to one unit"
            ),
        ),
    ]
    return checks


# ------------------------------------------------------------------------------------------ the tree


def tree_order(parent_of: Mapping[str, str | None]) -> list[str]:
    """Every unit, each parent before its subtree (depth first), roots and children by id. ValueError
    for a parent that is not a unit, or a cycle."""
    children: dict[str | None, list[str]] = {unit: [] for unit in parent_of}
    children[None] = []
    for unit, parent in parent_of.items():
        if parent is not None and parent not in parent_of:
            raise ValueError(f"unit {unit!r} has parent {parent!r}, which is not a unit")
        children[parent].append(unit)
    order: list[str] = []
    stack = sorted(children[None], reverse=True)
    while stack:
        unit = stack.pop()
        order.append(unit)
        stack.extend(sorted(children[unit], reverse=True))
    if len(order) != len(parent_of):
        cyclic = sorted(set(parent_of) - set(order))
        raise ValueError(f"the units {', '.join(map(repr, cyclic[:5]))} are in a cycle")
    return order


def gate_tree(parent_of: Mapping[str, str | None]) -> Tree:
    """The survey's tree for the one gate: the units under one organisation node (ORGANISATION)."""
    if ORGANISATION in parent_of:
        raise ValueError("a unit id must not be empty")
    tree_order(parent_of)  # the unit tree's own checks, with messages naming units
    return Tree({ORGANISATION: None, **{unit: parent or ORGANISATION for unit, parent in parent_of.items()}})


def pooling_top(parent_of: Mapping[str, str | None]) -> str:
    """Where the pooling ends: the tree's one root, or the organisation node above several roots (the
    analyst command's units without --units)."""
    roots = [unit for unit, parent in parent_of.items() if parent is None]
    return roots[0] if len(roots) == 1 else ORGANISATION


# ------------------------------------------------------------------------------------------ pooling

ALL = "*"  # the gender key of a stored group that keeps no gender split
GENDERS = ("K", "M", "")  # women, men, other or not stated
SPLIT_REQUIRED = ("K", "M")
Cell = tuple[int, ItemCounts]  # respondents, {item: {value: answers}}
Cells = Mapping[str, Mapping[str, Cell]]  # node → gender (K, M, "" or ALL) → cell


@dataclass(frozen=True)
class Pooling:
    """`group_of`: each unit with respondents → its reporting group (a node of `gate_tree`);
    `sizes`: each reporting group's respondents; `dropped`: units whose respondents could not be pooled
    into a group of k (only when the whole survey has fewer than k)."""

    group_of: dict[str, str]
    sizes: dict[str, int]
    dropped: dict[str, int]


def pool_by_respondents(
    parent_of: Mapping[str, str | None], respondents: Mapping[str, int], k: int = SURVEY_K_DEFAULT
) -> Pooling:
    """Reporting groups pooled by respondents, the pulse's rules 1 and 6 with the units as the atoms:
    from the leaves up, a unit's pool is its own respondents plus the pools its children passed up; a
    pool of at least k makes the unit a reporting group, a smaller one passes to the parent. At the top
    (`pooling_top`) a pool of 1 … k − 1 is given the pool of the smallest reporting group below it
    (fewest respondents; tie: lowest unit id), repeated until it reaches k; if there is no group left,
    the whole survey has fewer than k and nothing is pooled (`dropped`)."""
    k = check_k(k)
    tree = gate_tree(parent_of)
    tree.check_nodes(respondents, "respondents")
    top = pooling_top(parent_of)
    own = {node: check_count(n, f"respondents of {node!r}") for node, n in respondents.items()}
    passed: dict[str, tuple[int, list[str]]] = {}
    groups: dict[str, tuple[int, list[str]]] = {}
    dropped: dict[str, int] = {}
    for node in reversed(tree.order):
        size = own.get(node, 0)
        members = [node] if size else []
        for kid in tree.children[node]:
            if kid in passed:
                kid_size, kid_members = passed.pop(kid)
                size, members = size + kid_size, members + kid_members
        if size >= k:
            groups[node] = (size, members)
        elif node == top and size:
            while size < k and groups:
                smallest = min(groups, key=lambda group: (groups[group][0], group))
                given_size, given = groups.pop(smallest)
                size, members = size + given_size, members + given
            if size >= k:
                groups[node] = (size, members)
            else:
                dropped = {unit: own[unit] for unit in members}
        elif size:
            passed[node] = (size, members)
    group_of = {unit: group for group, (_size, members) in groups.items() for unit in members}
    return Pooling(group_of, {group: size for group, (size, _m) in groups.items()}, dropped)


@dataclass(frozen=True)
class PooledSurvey:
    """What may be stored: per reporting group, its cells – K, M (and "" when anyone) when it keeps a
    gender split, else one cell ALL – each with at least k respondents and, per item, 0 or at least k
    answers. `dropped_answers`: answers left out because their item had 1 … k − 1 answers in a cell;
    `dropped_respondents`: respondents left out because the whole survey had fewer than k."""

    cells: dict[str, dict[str, Cell]]
    dropped_answers: int
    dropped_respondents: int
    group_of: dict[str, str]


def pool_cells(parent_of: Mapping[str, str | None], cells: Cells, k: int = SURVEY_K_DEFAULT) -> PooledSurvey:
    """Pool each unit's cells (per gender: respondents and item counts; the gender key K, M, "" or
    ALL) into reporting groups (`pool_by_respondents`) and keep only what describes k or more.

    Choice, where the definition says only that each stored gender cell has at least k respondents and a
    node whose gender groups do not both reach k keeps no split: a group keeps its split only when
    women and men each number at least k, "other or not stated" none or at least k (the total minus
    the women and men would be them), and every item has 0 or at least k answers in every cell; else
    it is stored as one cell. So a skipped item never costs a group its item in the totals, only its
    split. Then an item with 1 … k − 1 answers in a stored cell is not stored for it."""
    k = check_k(k)
    for unit, by_gender in cells.items():
        for n, counts in by_gender.values():
            _check_answers(_tally(counts), check_count(n, f"respondents of {unit!r}"))
    own = {unit: sum(n for n, _c in by.values()) for unit, by in cells.items()}
    pooling = pool_by_respondents(parent_of, own, k)
    merged: dict[str, dict[str, tuple[int, _Tally]]] = {}
    for unit, by_gender in cells.items():
        group = pooling.group_of.get(unit)
        if group is None:
            continue
        for gender, (n, counts) in by_gender.items():
            tally = _tally(counts)
            _check_answers(tally, n)
            key = gender if gender in GENDERS else ALL
            before_n, before_tally = merged.setdefault(group, {}).get(key, (0, {}))
            _add(before_tally, tally)
            merged[group][key] = (before_n + n, before_tally)
    stored: dict[str, dict[str, Cell]] = {}
    dropped = 0
    for group, by_gender in merged.items():
        if not _keeps_split(by_gender, k):
            total: _Tally = {}
            for _n, tally in by_gender.values():
                _add(total, tally)
            by_gender = {ALL: (sum(n for n, _t in by_gender.values()), total)}
        stored[group] = {}
        for gender, (n, tally) in by_gender.items():
            if n == 0:
                continue
            kept = {}
            for item, counts in tally.items():
                if sum(counts) >= k:
                    kept[item] = {SCALES[item][0] + offset: c for offset, c in enumerate(counts) if c}
                else:
                    dropped += sum(counts)
            stored[group][gender] = (n, kept)
    return PooledSurvey(stored, dropped, sum(pooling.dropped.values()), pooling.group_of)


def _keeps_split(by_gender: Mapping[str, tuple[int, _Tally]], k: int) -> bool:
    if by_gender.get(ALL, (0, {}))[0] > 0:
        return False
    sizes = {gender: by_gender.get(gender, (0, {}))[0] for gender in GENDERS}
    if any(sizes[gender] < k for gender in SPLIT_REQUIRED) or 0 < sizes[""] < k:
        return False
    return all(
        _answers(tally, item) == 0 or _answers(tally, item) >= k
        for _n, tally in by_gender.values()
        for item in ITEMS
    )


# ------------------------------------------------------------------------------------- the decision


@dataclass(frozen=True)
class SurveyDecision:
    """What a survey shows, decided once (at import) and stored: the shown nodes (ORGANISATION for
    the organisation), the items each shown node shows, and the nodes that show a gender split with
    the items shown in it."""

    shown: frozenset[str]
    items: Mapping[str, frozenset[str]]
    split: Mapping[str, frozenset[str]]

    def as_json(self) -> dict:
        return {
            "shown": sorted(self.shown),
            "items": {node: sorted(items) for node, items in sorted(self.items.items())},
            "split": {node: sorted(items) for node, items in sorted(self.split.items())},
        }

    @classmethod
    def from_json(cls, data: Mapping) -> "SurveyDecision":
        return cls(
            frozenset(data.get("shown", ())),
            {node: frozenset(items) for node, items in data.get("items", {}).items()},
            {node: frozenset(items) for node, items in data.get("split", {}).items()},
        )

    def items_of(self, node: str) -> frozenset[str]:
        return self.items.get(node, frozenset()) if node in self.shown else frozenset()


def decide(parent_of: Mapping[str, str | None], cells: Cells, k: int = SURVEY_K_DEFAULT) -> SurveyDecision:
    """The survey's disclosure decision through the one gate (kasam.metrics.disclosure), `cells` being
    what is stored per node (its own groups, not its subtree):

    1. Nodes: `suppress_complements` over respondents – a node is shown with at least k respondents in
       its subtree, and every remainder (a shown node minus its nearest shown descendants) is 0 or ≥ k.
    2. Items: the same over each item's answer counts, among the shown nodes only. A skipped item
       thus never lets a difference of shown item figures cover 1 … k − 1 answers.
    3. Splits: candidates are shown nodes whose subtree has no cell without a split (ALL), women and
       men at least k each, "other or not stated" none or at least k; then the walk once per gender
       over that gender's respondents, repeated until nothing changes. The items of a node's split:
       those its totals show where every gender present has at least k answers, walked per gender.

    With pooled cells (`pool_cells`) every remainder is a union of cells of k or more, so the walk
    hides nothing; it still runs, so that cells stored otherwise (the old, unpooled surveys, whose
    decision the data migration recomputes to compare) are gated the same way."""
    k = check_k(k)
    tree = gate_tree(parent_of)
    rule = AtLeastK(k)
    tallies = {node: {g: (n, _tally(c)) for g, (n, c) in by.items()} for node, by in cells.items()}
    tree.check_nodes(tallies, "stored groups")
    own = {node: sum(n for n, _t in by.values()) for node, by in tallies.items()}
    shown = set(suppress_complements(tree, own, rule).shown)
    items: dict[str, set[str]] = {node: set() for node in shown}
    for item in ITEMS:
        answers = {node: sum(_answers(t, item) for _n, t in by.values()) for node, by in tallies.items()}
        for node in suppress_complements(tree, answers, rule, candidates=shown).shown:
            items[node].add(item)
    by_gender = {g: {node: by[g][0] for node, by in tallies.items() if g in by} for g in (*GENDERS, ALL)}
    totals = {g: tree.subtree_sums(by_gender[g]) for g in by_gender}
    candidates = {
        node
        for node in shown
        if totals[ALL][node] == 0
        and all(totals[g][node] >= k for g in SPLIT_REQUIRED)
        and (totals[""][node] == 0 or totals[""][node] >= k)
    }
    split_nodes = _walk_genders(tree, {g: by_gender[g] for g in GENDERS}, candidates, rule)
    split: dict[str, set[str]] = {node: set() for node in split_nodes}
    for item in ITEMS:
        answers_g = {
            g: {node: _answers(by[g][1], item) for node, by in tallies.items() if g in by} for g in GENDERS
        }
        answer_totals = {g: tree.subtree_sums(answers_g[g]) for g in GENDERS}
        eligible = {
            node
            for node in split_nodes
            if item in items[node]
            and all(answer_totals[g][node] >= k for g in GENDERS if totals[g][node] > 0)
        }
        for node in _walk_genders(tree, answers_g, eligible, rule):
            split[node].add(item)
    return SurveyDecision(
        frozenset(shown),
        {node: frozenset(found) for node, found in items.items()},
        {node: frozenset(found) for node, found in split.items()},
    )


def _walk_genders(
    tree: Tree, own_by_gender: Mapping[str, Mapping[str, int]], candidates: set[str], rule
) -> set[str]:
    """The candidates that pass `suppress_complements` for every gender at once: each gender's walk
    among the candidates where that gender has anyone, until no walk hides another node. Hiding a
    node merges its remainder into its nearest kept ancestor's, so a gender settled stays settled
    but for the nodes another gender hid; the loop settles those."""
    current = set(candidates)
    while True:
        before = set(current)
        for own in own_by_gender.values():
            totals = tree.subtree_sums(own)
            present = {node for node in current if totals[node] > 0}
            kept = suppress_complements(tree, own, rule, candidates=present).shown
            current = (current - present) | (present & kept)
        if current == before:
            return current


# ------------------------------------------------------------------------------------------ figures


@dataclass(frozen=True)
class SurveyResults:
    """One survey through the gate. `units` holds R of every unit of the tree in `tree_order`;
    `items` holds, for each SHOWN unit only, its item indices (unrounded; None where the item is not
    shown there), `organisation_items` the organisation's. `shown` are the shown units."""

    organisation: dict
    units: Mapping[str, dict]
    shown: frozenset[str]
    organisation_items: dict[str, float | None]
    items: Mapping[str, dict[str, float | None]]

    def as_json(self) -> dict:
        """{"organisation": R, "units": [{"unit": id, **R}, …]} – the analyst command's JSON, its
        figures to 2 decimals."""
        units = [{"unit": unit, **rounded_figures(figures)} for unit, figures in self.units.items()]
        return {"organisation": rounded_figures(self.organisation), "units": units}


def survey_figures(
    parent_of: Mapping[str, str | None], cells: Cells, decision: SurveyDecision, k: int = SURVEY_K_DEFAULT
) -> SurveyResults:
    """Every node's figures from the stored cells over the survey's frozen tree, shown as the stored
    `decision` says – never decided again here. A node's figures are over the cells stored in its
    subtree; its respondents follow the pooling (0 for a unit whose respondents were pooled above it)."""
    k = check_k(k)
    tree = gate_tree(parent_of)
    tree.check_nodes(cells, "stored groups")
    own: dict[str, _Tally] = {}
    own_respondents: dict[str, int] = {}
    for node, by_gender in cells.items():
        own[node] = {}
        for _n, counts in by_gender.values():
            _add(own[node], _tally(counts))
        own_respondents[node] = sum(n for n, _c in by_gender.values())
    respondents = tree.subtree_sums(own_respondents)
    tallies: dict[str, _Tally] = {}

    def tally_of(node: str) -> _Tally:
        """The node's subtree summed when first needed: a unit page needs two of hundreds."""
        if node not in tallies:
            members = own if node == ORGANISATION else tree.subtree(node)
            total: _Tally = {}
            for member in members:
                if member in own:
                    _add(total, own[member])
            tallies[node] = total
        return tallies[node]

    def figures(node: str) -> dict:
        return _figures(respondents[node], tally_of(node), k, node in decision.shown, decision.items_of(node))

    def indices(node: str) -> dict[str, float | None]:
        return _item_indices(tally_of(node), k, decision.items_of(node))

    order = tree_order(parent_of)
    return SurveyResults(
        organisation=figures(ORGANISATION),
        units=LazyFigures(order, figures),
        shown=frozenset(decision.shown - {ORGANISATION}),
        organisation_items=indices(ORGANISATION)
        if ORGANISATION in decision.shown
        else dict.fromkeys(INDEX_ITEMS),
        items=LazyFigures([unit for unit in order if unit in decision.shown], indices),
    )


class LazyFigures(Mapping):
    """Figures per node in a fixed order, each computed when first read: a unit's page reads two
    nodes of hundreds, the overview and the export all of them."""

    def __init__(self, order: Sequence[str], compute: Callable[[str], dict]):
        self._order = list(order)
        self._known = set(self._order)
        self._compute = compute
        self._done: dict[str, dict] = {}

    def __getitem__(self, node: str) -> dict:
        if node not in self._known:
            raise KeyError(node)
        if node not in self._done:
            self._done[node] = self._compute(node)
        return self._done[node]

    def __iter__(self):
        return iter(self._order)

    def __len__(self) -> int:
        return len(self._order)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Mapping) and dict(self.items()) == dict(other.items())

    __hash__ = None  # type: ignore[assignment]


def split_figures(
    tree: Tree, cells: Cells, decision: SurveyDecision, node: str, k: int = SURVEY_K_DEFAULT
) -> dict[str, dict] | None:
    """R per gender (K, M, and "" when anyone) of `node`'s subtree when the decision shows its split;
    None otherwise – then no group has a figure."""
    if node not in decision.split:
        return None
    sums: dict[str, tuple[int, _Tally]] = {}
    for member in tree.subtree(node):
        for gender, (n, counts) in cells.get(member, {}).items():
            before_n, tally = sums.setdefault(gender, (0, {}))
            _add(tally, _tally(counts))
            sums[gender] = (before_n + n, tally)
    items = decision.split[node]
    return {
        gender: _figures(sums[gender][0], sums[gender][1], k, True, items)
        for gender in GENDERS
        if gender in sums and sums[gender][0] > 0
    }


def tree_results(
    parent_of: Mapping[str, str | None],
    respondents_per_unit: Mapping[str, int],
    counts_per_unit: Mapping[str, ItemCounts],
    k: int = SURVEY_K_DEFAULT,
) -> SurveyResults:
    """The analyst's whole path from per-unit counts: pool (`pool_cells`), decide (`decide`) and
    compute (`survey_figures`), as an import stores and the pages read. `respondents_per_unit` and
    `counts_per_unit` are each unit's OWN respondents and answers. ValueError for units not in the
    tree, a bad tree, bad counts or an item with more answers than respondents in a unit."""
    k = check_k(k)
    tree = gate_tree(parent_of)
    unknown = sorted((set(respondents_per_unit) | set(counts_per_unit)) - set(parent_of))
    if unknown:
        raise ValueError(f"units not in the tree: {', '.join(map(repr, unknown[:5]))}")
    del tree
    cells = {
        unit: {ALL: (respondents_per_unit.get(unit, 0), counts_per_unit.get(unit, {}))}
        for unit in set(respondents_per_unit) | set(counts_per_unit)
    }
    pooled = pool_cells(parent_of, cells, k)
    return survey_figures(parent_of, pooled.cells, decide(parent_of, pooled.cells, k), k)


def _add(into: _Tally, tally: _Tally) -> None:
    for item, counts in tally.items():
        target = into.get(item)
        if target is None:
            into[item] = list(counts)
        else:
            for offset, count in enumerate(counts):
                target[offset] += count


# ---------------------------------------------------------------------------- re-pooling old surveys


@dataclass(frozen=True)
class Withdrawal:
    """What re-pooling an old survey withdrew: a node, one item of it, or its gender split."""

    node: str
    what: str  # "node", "item", "split" or "split item"
    item: str = ""
    reason: str = ""


def repooled_decision(
    parent_of: Mapping[str, str | None], old_cells: Cells, pooled: PooledSurvey, k: int = SURVEY_K_DEFAULT
) -> tuple[SurveyDecision, list[Withdrawal]]:
    """The decision for an old survey re-pooled (`pool_cells`) on `parent_of`, such that nothing shows
    more than before: `old_cells` are its per-unit cells, gated as the old pages did (`decide` on the
    same tree). A node, item or split is shown only if it was shown before, passes the gate on the
    pooled cells, and the difference between its old and new figure passes the primary rule as a
    group – 0 or at least k respondents (answers, for an item; per gender, for a split) moved out of
    it. So a node whose stored members did not change shows identical figures, another one the
    re-pooled figure or nothing. Everything shown before and not now is a `Withdrawal`."""
    before = decide(parent_of, old_cells, k)
    after = decide(parent_of, pooled.cells, k)
    tree = gate_tree(parent_of)

    def sums(cells: Cells, gender: str | None, item: str | None) -> dict[str, int]:
        own = {}
        for node, by in cells.items():
            total = 0
            for g, (n, counts) in by.items():
                if gender is None or g == gender:
                    total += n if item is None else sum(counts.get(item, {}).values())
            own[node] = total
        return tree.subtree_sums(own)

    def passes(gender: str | None, item: str | None) -> Callable[[str], bool]:
        old, new = sums(old_cells, gender, item), sums(pooled.cells, gender, item)
        return lambda node: old[node] - new[node] == 0 or old[node] - new[node] >= k

    withdrawn: list[Withdrawal] = []
    node_ok = passes(None, None)
    shown = set()
    for node in sorted(before.shown):
        if node in after.shown and node_ok(node):
            shown.add(node)
        else:
            reason = "moved" if node in after.shown else "gate"
            withdrawn.append(Withdrawal(node, "node", reason=reason))
    item_ok = {item: passes(None, item) for item in ITEMS}
    items = {}
    for node in sorted(shown):
        items[node] = frozenset(
            i for i in before.items_of(node) if i in after.items_of(node) and item_ok[i](node)
        )
        withdrawn += [
            Withdrawal(node, "item", i, "moved") for i in sorted(before.items_of(node) - items[node])
        ]
    gender_ok = [passes(g, None) for g in GENDERS]
    split_item_ok = {(g, i): passes(g, i) for g in GENDERS for i in ITEMS} if before.split else {}
    split = {}
    for node in sorted(before.split):
        if node in shown and node in after.split and all(ok(node) for ok in gender_ok):
            split[node] = frozenset(
                i
                for i in before.split[node] & after.split[node] & items[node]
                if all(split_item_ok[g, i](node) for g in GENDERS)
            )
            lost = sorted(before.split[node] - split[node])
            withdrawn += [Withdrawal(node, "split item", i, "moved") for i in lost]
        else:
            withdrawn.append(Withdrawal(node, "split", reason="moved" if node in shown else "node"))
    return SurveyDecision(frozenset(shown), items, split), withdrawn


# ---------------------------------------------------------------------------------------------- splits


def gender_split(
    groups: Mapping[str, tuple[int, ItemCounts]], k: int = SURVEY_K_DEFAULT, node_shown: bool = True
) -> dict[str, dict]:
    """R for each group of a split of one node, e.g. {"K": (respondents, item_counts), "M": (…)}: shown
    only when the node is shown and EVERY group has at least k respondents – otherwise no group is –
    and an item's figures only when every group has at least k answers to it (see the module)."""
    k = check_k(k)
    if len(groups) < 2:
        raise ValueError("a split has at least two groups")
    tallies = {}
    for name, (respondents, item_counts) in groups.items():
        tallies[name] = _tally(item_counts)
        _check_answers(tallies[name], check_count(respondents, f"respondents of {name!r}"))
    shown = node_shown and all(respondents >= k for respondents, _counts in groups.values())
    items_shown = [item for item in ITEMS if all(_answers(tally, item) >= k for tally in tallies.values())]
    return {name: _figures(groups[name][0], tallies[name], k, shown, items_shown) for name in groups}


# ---------------------------------------------------------------------------------------- gap analysis


@dataclass(frozen=True)
class GapRow:
    """One item of a unit's gap analysis; indices on 0–100 at full precision (rounded once, when
    shown). `gap` = unit − organisation; `change` = unit − the unit's previous survey, or None."""

    item: str
    unit_index: float
    organisation_index: float
    gap: float
    change: float | None
    strength: bool  # unit ≥ organisation

    def as_dict(self) -> dict:
        """The row for JSON: its figures to 2 decimals."""
        row = asdict(self)
        for name in ("unit_index", "organisation_index", "gap", "change"):
            row[name] = rounded(row[name])
        return row


def gap_analysis(
    unit_items: Mapping[str, float | None],
    organisation_items: Mapping[str, float | None],
    previous_unit_items: Mapping[str, float | None] | None = None,
) -> list[GapRow]:
    """A unit's items against the organisation's: strengths first (unit ≥ organisation, the largest
    positive gap first), then the gaps (unit < organisation, the largest gap first); ties in item order.

    Choices: the rows are the HME and NMI items (`INDEX_ITEMS`, item indices from `item_indices`);
    an item without a unit or organisation index (hidden, not asked) has no row; gap and change are
    kept at full precision; strength and order follow the gap rounded to 2 decimals (as JSON gives
    it), so that a gap of 0.00 is a strength and, rounding being monotone, what is shown is in order."""
    rows = []
    for item in INDEX_ITEMS:
        unit, organisation = unit_items.get(item), organisation_items.get(item)
        if unit is None or organisation is None:
            continue
        previous = None if previous_unit_items is None else previous_unit_items.get(item)
        gap = unit - organisation
        rows.append(
            GapRow(
                item=item,
                unit_index=unit,
                organisation_index=organisation,
                gap=gap,
                change=None if previous is None else unit - previous,
                strength=rounded(gap) >= 0,  # type: ignore[operator]
            )
        )
    position = {item: number for number, item in enumerate(INDEX_ITEMS)}
    return sorted(rows, key=lambda row: (not row.strength, -abs(rounded(row.gap)), position[row.item]))


def gap_analyses(current: SurveyResults, previous: SurveyResults | None = None) -> dict[str, list[GapRow]]:
    """`gap_analysis` for every shown unit of a survey (hidden units get none), in tree order. The
    change is against the unit's item indices in `previous` where the unit was shown there."""
    previous_items = {} if previous is None else previous.items
    return {
        unit: gap_analysis(items, current.organisation_items, previous_items.get(unit))
        for unit, items in current.items.items()
    }

"""Employee-survey figures (DOMAIN.md "Employee survey"): HME, NMI and eNPS over the organisation tree,
through the same disclosure gate as the pulse, and the gap analysis of a unit against the organisation.

Pure functions, no Django. Everything is computed from COUNTS, so that the database can store per unit
only its number of respondents and, per item, how many answered each value – no respondent ids:

- `respondents` of a unit: the persons placed in that unit who answered at least one item;
- `item_counts` of a unit: {item: {value: number of answers}}, e.g. {"hme1": {4: 3, 5: 2}}.

A unit's figures are over its whole subtree (its own counts plus those of every unit below it).

Definitions (DOMAIN.md) and the choices made where it is silent:

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
- Anonymity (the pulse's rules, k = 5 by default, never below 3 – `check_k`): a node is shown only with
  at least k respondents in its subtree, and the pulse's complementary suppression (`decide_shown_nodes`)
  runs over the tree with an organisation node above its root(s). Choice, because a survey item may be
  skipped while every pulse statement is required: the same rule then runs once per item over that
  item's ANSWER counts, among the shown nodes only (candidates: shown nodes with at least k answers to
  the item; top-down, hide the nearest shown descendant with the fewest answers, tie the lowest id, until
  each remainder is 0 or ≥ k). A node shows an item's figures only if it passes both. The nodes showing
  an item are a subfamily of the shown nodes, and dropping a node from a laminar family whose remainders
  are 0 or ≥ k adds its remainder to its nearest shown ancestor's, so they stay 0 or ≥ k: no difference
  of shown figures (a parent minus its shown children) covers 1 … k − 1 respondents, nor 1 … k − 1
  answers to one item. When every respondent answered an item, its gate is the node gate.
- Splits (women/men): shown only when EVERY group has at least k respondents, otherwise no group is.
  Choice: likewise an item's figures are shown in a split only when every group has at least k answers
  to it, so that no group's item can be derived from another's.
- Figures leave at full precision, or None when hidden or not asked: they are rounded once, when
  shown (a page's number filter, a report's decimals), and for JSON to 2 decimals (`rounded_figures`,
  `SurveyResults.as_json`). Rounding them here too made a page round a rounded number (NMI 63.648
  → 63.65 → "63,7" instead of "63,6").
"""

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import asdict, dataclass
from typing import NamedTuple

import polars as pl

from kasam.metrics.anonymity import check_k, decide_shown_nodes, respondents_in_subtrees

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
            row[check_value(item, value) - low] += check_count(count, f"the number of {item} answers {value}")
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


@dataclass(frozen=True)
class SurveyResults:
    """One survey through the gate. `units` holds R of every unit of the tree in `tree_order`;
    `items` holds, for each SHOWN unit only, its item indices (unrounded; None where the item is not
    shown there), `organisation_items` the organisation's. `shown` are the shown units."""

    organisation: dict
    units: dict[str, dict]
    shown: frozenset[str]
    organisation_items: dict[str, float | None]
    items: dict[str, dict[str, float | None]]

    def as_json(self) -> dict:
        """{"organisation": R, "units": [{"unit": id, **R}, …]} – the analyst command's JSON, its
        figures to 2 decimals."""
        units = [{"unit": unit, **rounded_figures(figures)} for unit, figures in self.units.items()]
        return {"organisation": rounded_figures(self.organisation), "units": units}


def tree_results(
    parent_of: Mapping[str, str | None],
    respondents_per_unit: Mapping[str, int],
    counts_per_unit: Mapping[str, ItemCounts],
    k: int = SURVEY_K_DEFAULT,
) -> SurveyResults:
    """Every unit's figures over its subtree, and the organisation's over the whole tree (every root),
    through the gate: `decide_shown_nodes` over respondents, then per item over answers (see the
    module). `respondents_per_unit` and `counts_per_unit` are each unit's OWN respondents and answers
    (units without them may be left out). ValueError for units not in the tree, a bad tree, bad counts
    or an item with more answers than respondents in a unit."""
    k = check_k(k)
    if ORGANISATION in parent_of:
        raise ValueError("a unit id must not be empty")
    order = tree_order(parent_of)
    unknown = sorted((set(respondents_per_unit) | set(counts_per_unit)) - set(parent_of))
    if unknown:
        raise ValueError(f"units not in the tree: {', '.join(map(repr, unknown[:5]))}")
    own_respondents = {
        unit: check_count(respondents_per_unit.get(unit, 0), f"respondents of {unit!r}") for unit in order
    }
    own = {unit: _tally(counts_per_unit.get(unit, {})) for unit in order}
    for unit in order:
        _check_answers(own[unit], own_respondents[unit])
    tree = _GateTree(parent_of, order)
    gate_tree = {ORGANISATION: None, **tree.parent}
    respondents = respondents_in_subtrees(gate_tree, own_respondents)
    shown = decide_shown_nodes(gate_tree, own_respondents, k)
    item_gate = {item: _item_gate(tree, own, own_respondents, shown, item, k) for item in ITEMS}
    subtree = _subtree_tallies(tree, own)

    def figures(node: str) -> dict:
        items_shown = [item for item in ITEMS if node in item_gate[item]]
        return _figures(respondents[node], subtree[node], k, node in shown, items_shown)

    def indices(node: str) -> dict[str, float | None]:
        return _item_indices(subtree[node], k, [item for item in ITEMS if node in item_gate[item]])

    return SurveyResults(
        organisation=figures(ORGANISATION),
        units={unit: figures(unit) for unit in order},
        shown=frozenset(shown - {ORGANISATION}),
        organisation_items=indices(ORGANISATION) if ORGANISATION in shown else dict.fromkeys(INDEX_ITEMS),
        items={unit: indices(unit) for unit in order if unit in shown},
    )


def _item_gate(
    tree: "_GateTree", own: dict[str, _Tally], own_respondents, shown, item: str, k: int
) -> frozenset[str]:
    """The shown nodes that may show `item`'s figures (see the module): the gate's rule 3 over the
    item's answers, among the shown nodes with at least k answers to it. When every unit's answers
    to the item equal its respondents, that is `shown` itself."""
    answers = {unit: _answers(tally, item) for unit, tally in own.items()}
    if answers == own_respondents:
        return shown
    totals = tree.subtree_sums(answers)
    passing = {node for node in shown if totals[node] >= k}
    for node in tree.order:
        if node not in passing:
            continue
        while True:
            nearest = tree.nearest_below(node, passing)
            remainder = totals[node] - sum(totals[d] for d in nearest)
            if remainder == 0 or remainder >= k:
                break
            passing.discard(min(nearest, key=lambda d: (totals[d], d)))
    return frozenset(passing)


class _GateTree:
    """The units under one organisation node: top-down order, children, subtree sums."""

    def __init__(self, parent_of: Mapping[str, str | None], order: list[str]):
        self.parent = {unit: parent or ORGANISATION for unit, parent in parent_of.items()}
        self.order = [ORGANISATION, *order]
        self.children: dict[str, list[str]] = {node: [] for node in self.order}
        for unit in order:
            self.children[self.parent[unit]].append(unit)

    def subtree_sums(self, own: Mapping[str, int]) -> dict[str, int]:
        totals = {node: own.get(node, 0) for node in self.order}
        for node in reversed(self.order[1:]):
            totals[self.parent[node]] += totals[node]
        return totals

    def nearest_below(self, node: str, marked: set[str]) -> list[str]:
        """The marked nodes strictly below `node` with no marked node between."""
        found, stack = [], list(self.children[node])
        while stack:
            current = stack.pop()
            if current in marked:
                found.append(current)
            else:
                stack.extend(self.children[current])
        return found


def _subtree_tallies(tree: _GateTree, own: dict[str, _Tally]) -> dict[str, _Tally]:
    """Each node's tally summed over its subtree, the organisation node's over everything."""
    total: dict[str, _Tally] = {node: {} for node in tree.order}
    for node in reversed(tree.order[1:]):  # children before parents
        _add(total[node], own[node])
        _add(total[tree.parent[node]], total[node])
    return total


def _add(into: _Tally, tally: _Tally) -> None:
    for item, counts in tally.items():
        target = into.get(item)
        if target is None:
            into[item] = list(counts)
        else:
            for offset, count in enumerate(counts):
                target[offset] += count


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

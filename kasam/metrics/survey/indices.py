"""One node's figures from its tallies: item indices, HME and its sub-indices, NMI and eNPS, hidden
below k, at full precision (`rounded_figures` for JSON)."""

from collections.abc import Iterable, Sequence

from kasam.metrics.disclosure import check_k
from kasam.metrics.survey.items import (
    DECIMALS,
    ENPS_DETRACTOR_MAX,
    ENPS_ITEM,
    ENPS_PROMOTER_MIN,
    HME_ITEMS,
    HME_SUBINDICES,
    INDEX_ITEMS,
    ITEMS,
    NMI_ITEMS,
    SCALES,
    SURVEY_K_DEFAULT,
    ItemCounts,
    _answers,
    _check_answers,
    _Tally,
    _tally,
    check_count,
)


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

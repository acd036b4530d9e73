"""Reporting groups pooled by respondents (the pulse's rules 1 and 6, units as the atoms) and the
cells that may be stored: each of at least k respondents and, per item, 0 or at least k answers."""

from collections.abc import Mapping
from dataclasses import dataclass

from kasam.metrics.disclosure import check_k
from kasam.metrics.survey.items import (
    ITEMS,
    SCALES,
    SURVEY_K_DEFAULT,
    ItemCounts,
    _add,
    _answers,
    _check_answers,
    _Tally,
    _tally,
    check_count,
)
from kasam.metrics.survey.tree import gate_tree, pooling_top

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

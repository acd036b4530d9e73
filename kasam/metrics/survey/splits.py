"""Gender splits (women/men): a node's figures per gender where the stored decision shows its split,
and the every-group rule on one node's groups alone (`gender_split`)."""

from collections.abc import Mapping

from kasam.metrics.disclosure import Tree, check_k
from kasam.metrics.survey.gate import SurveyDecision
from kasam.metrics.survey.indices import _figures
from kasam.metrics.survey.items import (
    ITEMS,
    SURVEY_K_DEFAULT,
    ItemCounts,
    _add,
    _answers,
    _check_answers,
    _Tally,
    _tally,
    check_count,
)
from kasam.metrics.survey.pooling import GENDERS, Cells


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

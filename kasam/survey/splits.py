"""Which nodes may show a gender split of a survey, decided once per survey over the whole tree.

kasam.metrics.survey.gender_split shows a node's groups only when every group has at least k
respondents (and an item only when every group has at least k answers to it). On one node that is
enough; across the tree it is not: a parent's women minus its child's women are the women of the
rest of the parent, and that difference may be 1 … k − 1 persons. So the split follows the gate's
own complementary rule, once per group (Choice, DOMAIN.md is silent on splits of survey figures):

1. Candidates: nodes shown in the survey (the organisation node included) where women and men each
   have at least k respondents, and "other or not stated" has none or at least k – every group with
   someone in it counts, since the total minus women and men is that group.
2. For each group in turn, top-down: while the group's remainder of a candidate (its respondents
   minus those of its nearest candidate descendants) is 1 … k − 1, drop the nearest candidate
   descendant with the fewest of the group (tie: the lowest id). Dropping a node merges its
   remainder into its nearest candidate ancestor's, so a group already settled stays settled.
3. Per item, the same among the split nodes that show the item in their totals and where every group
   present has at least k answers to it, over each group's answer counts.

Pure: no Django, no database."""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from kasam.metrics.anonymity import check_k
from kasam.metrics.survey import ITEMS, ORGANISATION, _GateTree, tree_order  # the core's own tree walk

GROUPS = ("K", "M", "")  # women, men, other or not stated
REQUIRED_GROUPS = ("K", "M")


@dataclass(frozen=True)
class SplitGate:
    """`nodes` show a split; `items[node]` are the items shown in that node's split."""

    nodes: frozenset[str]
    items: Mapping[str, frozenset[str]]

    def items_of(self, node: str) -> frozenset[str]:
        return self.items.get(node, frozenset())


def split_gate(
    parent_of: Mapping[str, str | None],
    shown: Iterable[str],
    respondents: Mapping[str, Mapping[str, int]],
    answers: Mapping[str, Mapping[str, Mapping[str, int]]],
    items_shown: Mapping[str, Iterable[str]],
    k: int,
) -> SplitGate:
    """`shown`: the nodes the survey shows (ORGANISATION for the organisation). `respondents[group]
    [unit]` and `answers[group][item][unit]` are each unit's OWN counts; `items_shown[node]` the items
    the node shows in its totals."""
    k = check_k(k)
    tree = _GateTree(parent_of, tree_order(parent_of))
    totals = {group: tree.subtree_sums(respondents.get(group, {})) for group in GROUPS}
    candidates = {
        node
        for node in shown
        if all(totals[g][node] >= k for g in REQUIRED_GROUPS) and _zero_or_at_least(totals[""][node], k)
    }
    nodes = _prune_each(tree, candidates, [totals[g] for g in GROUPS], k)
    items: dict[str, set[str]] = {node: set() for node in nodes}
    for item in ITEMS:
        counts = {g: tree.subtree_sums(answers.get(g, {}).get(item, {})) for g in GROUPS}
        eligible = {
            node
            for node in nodes
            if item in set(items_shown.get(node, ()))
            and all(counts[g][node] >= k for g in GROUPS if totals[g][node] > 0)
        }
        for node in _prune_each(tree, eligible, [counts[g] for g in GROUPS], k):
            items[node].add(item)
    return SplitGate(frozenset(nodes), {node: frozenset(found) for node, found in items.items()})


def _zero_or_at_least(count: int, k: int) -> bool:
    return count == 0 or count >= k


def _prune_each(tree: _GateTree, candidates: set[str], totals: list[dict[str, int]], k: int) -> set[str]:
    passing = set(candidates)
    for counts in totals:
        _prune(tree, passing, counts, k)
    return passing


def _prune(tree: _GateTree, passing: set[str], totals: Mapping[str, int], k: int) -> None:
    """The gate's rule 3 over `totals`, in place (see the module)."""
    for node in tree.order:
        while node in passing:
            nearest = tree.nearest_below(node, passing)
            remainder = totals[node] - sum(totals[d] for d in nearest)
            if remainder == 0 or remainder >= k:
                break
            if not nearest:  # a node below k on its own is never a candidate; kept for safety
                passing.discard(node)
                break
            passing.discard(min(nearest, key=lambda d: (totals[d], d)))


__all__ = ["GROUPS", "ORGANISATION", "SplitGate", "split_gate"]

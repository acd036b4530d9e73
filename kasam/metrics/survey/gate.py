"""What a survey shows, decided once through the one gate (kasam.metrics.disclosure) and stored:
`decide` on the stored cells, and `repooled_decision` for an old survey re-pooled, which never shows
more than before."""

from collections.abc import Callable, Mapping
from dataclasses import dataclass

from kasam.metrics.disclosure import AtLeastK, Tree, check_k, suppress_complements
from kasam.metrics.survey.items import ITEMS, SURVEY_K_DEFAULT, _answers, _tally
from kasam.metrics.survey.pooling import ALL, GENDERS, SPLIT_REQUIRED, Cells, PooledSurvey
from kasam.metrics.survey.tree import gate_tree


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

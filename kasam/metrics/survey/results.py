"""A survey's figures from its stored cells over its frozen tree, shown as the stored decision says
(never deciding again), and the analyst's whole path from per-unit counts (`tree_results`)."""

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

from kasam.metrics.disclosure import check_k
from kasam.metrics.survey.gate import SurveyDecision, decide
from kasam.metrics.survey.indices import _figures, _item_indices, rounded_figures
from kasam.metrics.survey.items import (
    INDEX_ITEMS,
    ORGANISATION,
    SURVEY_K_DEFAULT,
    ItemCounts,
    _add,
    _Tally,
    _tally,
)
from kasam.metrics.survey.pooling import ALL, Cells, pool_cells
from kasam.metrics.survey.tree import gate_tree, tree_order


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

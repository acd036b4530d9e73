"""An imported survey's gated figures, computed once and stored (docs/architecture.md "Caches").

An imported survey never changes: its cells, its frozen tree and its disclosure decision are written
once, at import. So the figures the pages show – per shown node its respondents, HME total and
sub-indices, NMI, eNPS and item indices, and per gender group of a split the decision shows – are
computed then, with the same functions the pages used to run per view
(kasam.metrics.survey.survey_figures and split_figures), and stored as `NodeFigures` rows in the
import's transaction. A page reads only the rows of its viewer's scope.

Only what the gate shows is stored (docs/anonymity.md): a hidden node has no row (not its number of
respondents either), a split group only when its node's split is shown. Every row thus describes at
least k respondents.

`store` takes the model classes, so that the data migration (survey/0005) fills the rows of surveys
imported before, with its historical models, exactly as an import does now."""

import secrets
from collections import defaultdict
from collections.abc import Iterator, Mapping

from kasam.metrics.survey.gate import SurveyDecision
from kasam.metrics.survey.items import HME_SUBINDICES, ORGANISATION
from kasam.metrics.survey.pooling import ALL
from kasam.metrics.survey.results import survey_figures
from kasam.metrics.survey.splits import split_figures
from kasam.metrics.survey.tree import gate_tree

Cells = dict[str, dict[str, tuple[int, dict]]]


def read_cells(survey, UnitRespondents, Distribution) -> Cells:
    """The survey's stored cells: {group node: {gender: (respondents, {item: {value: answers}})}}, the
    organisation node "" for a group stored without a unit."""
    cells: dict = defaultdict(dict)
    for unit, gender, n in UnitRespondents.objects.filter(survey=survey).values_list(
        "unit_id", "gender", "respondents"
    ):
        cells[unit or ORGANISATION][gender] = (n, defaultdict(dict))
    for unit, gender, item, value, n in Distribution.objects.filter(survey=survey).values_list(
        "unit_id", "gender", "item", "value", "count"
    ):
        cells[unit or ORGANISATION][gender][1][item][value] = n
    return dict(cells)


def shown_figures(
    parent_of: Mapping[str, str | None], cells: Cells, decision: SurveyDecision, k: int
) -> Iterator[tuple[str, str, dict, dict]]:
    """(node, group, figures R, item indices) of everything the survey shows: every shown node's
    everyone ("*", with its item indices) and the groups of every split the decision shows."""
    results = survey_figures(parent_of, cells, decision, k=k)
    tree = gate_tree(parent_of)
    nodes = [(ORGANISATION, results.organisation), *results.units.items()]
    for node, figures in nodes:
        if not figures["shown"]:
            continue
        items = results.organisation_items if node == ORGANISATION else results.items.get(node, {})
        yield node, ALL, figures, dict(items)
        for group, split in (split_figures(tree, cells, decision, node, k) or {}).items():
            if split["shown"]:
                yield node, group, split, {}


def store(survey, NodeFigures, UnitRespondents, Distribution) -> int:
    """Compute and write the survey's `NodeFigures` rows (replacing any); the number written. Call it
    inside the transaction that writes the survey's cells and decision."""
    parent_of = dict(survey.tree)
    cells = read_cells(survey, UnitRespondents, Distribution)
    decision = SurveyDecision.from_json(survey.decision)
    rows = [
        NodeFigures(
            survey=survey,
            unit_id=None if node == ORGANISATION else node,
            group=group,
            respondents=figures["respondents"],
            hme_total=figures["hme"]["total"],
            **{f"hme_{name}": figures["hme"][name] for name in HME_SUBINDICES},
            nmi=figures["nmi"],
            enps=figures["enps"],
            items=items,
        )
        for node, group, figures, items in shown_figures(parent_of, cells, decision, survey.k)
    ]
    NodeFigures.objects.filter(survey=survey).delete()
    NodeFigures.objects.bulk_create(rows, batch_size=2000)
    return len(rows)


def store_all(Survey, NodeFigures, UnitRespondents, Distribution, Generation) -> int:
    """The data migration (survey/0005): the rows of every survey with a frozen tree, then a new
    "survey" generation as kasam.core.generations.bump gives it; the number of surveys stored."""
    done = 0
    for survey in Survey.objects.order_by("pk"):
        if survey.tree:
            store(survey, NodeFigures, UnitRespondents, Distribution)
            done += 1
    Generation.objects.update_or_create(name="survey", defaults={"version": secrets.randbits(62) + 1})
    return done


def figures_of(row) -> dict:
    """A stored row as the engine's figures R (kasam.metrics.survey.indices)."""
    hme = {"total": row.hme_total, **{name: getattr(row, f"hme_{name}") for name in HME_SUBINDICES}}
    return {"respondents": row.respondents, "shown": True, "hme": hme, "nmi": row.nmi, "enps": row.enps}

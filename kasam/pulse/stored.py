"""A closed round's gated results, stored at close (docs/architecture.md "Caches").

A closed round never changes: which nodes it shows was decided at close (`Round.shown_nodes`), and so
were its counts (`Round.counts`). Its figures are computed once, in the transaction of the close, with
the same functions the results always used (kasam.pulse.results over kasam.metrics), and stored one
`NodeResult` row per SHOWN node – a hidden node stores nothing, so no small group is ever stored. The
pages then read the rows of their viewer's scope only. When the raw answers go at retention
(kasam.gdpr.retention) the rows stay, and stay the truth.
"""

from collections.abc import Iterable, Mapping

from django.db import transaction

from kasam.metrics import anonymity
from kasam.metrics.pulse import node_item_counts, node_results
from kasam.pulse.models import NodeResult, Round

BATCH_SIZE = 2000


def node_result_rows(
    tree: Mapping[str, str | None],
    shown_nodes: Iterable[str],
    respondents_own: Mapping[str, int],
    counted: list,
    question_dimension: Mapping[str, str],
) -> dict[str, dict]:
    """{shown node: {"respondents", "dimensions", "item_scores"}} of one closed round, from its answers
    counted per (reporting node, statement, value) – exactly as kasam.pulse.results computes them.
    Pure: the data migration that fills older rounds uses it too."""
    shown = frozenset(shown_nodes) & tree.keys()
    if not shown:
        return {}
    own = {node: n for node, n in respondents_own.items() if node in tree}
    answered = anonymity.respondents_in_subtrees(tree, own)
    members = anonymity.subtree_members(tree, shown)
    dimensions = node_results(_expand(counted), members, question_dimension)
    items = node_item_counts(_expand(counted), members)
    return {
        node: {
            "respondents": answered.get(node, 0),
            "dimensions": {
                name: [result.index, result.favourable_pct]
                for name, result in dimensions.get(node, {}).items()
            },
            "item_scores": {statement: counts.score for statement, counts in items.get(node, {}).items()},
        }
        for node in sorted(shown)
    }


def _expand(counted) -> Iterable[tuple[str, str, int]]:
    for key, n in counted:
        for _ in range(n):
            yield key


@transaction.atomic
def store_round_results(round: Round) -> int:
    """Compute and store the gated results of a closed round (in the caller's transaction: the close's),
    replacing any stored before; returns the number of rows (shown nodes)."""
    from kasam.pulse import results  # the results read the rows this module writes

    if round.status != Round.Status.CLOSED or round.shown_nodes is None:
        raise ValueError(f"round {round.pk} is not closed: nothing to store")
    own, _invited = results._own_counts(round)
    counted = results._answer_counts([round.pk]).get(round.pk, [])
    rows = node_result_rows(
        round.tree or {}, round.shown_nodes, own, counted, results.question_dimensions(round.statement_ids)
    )
    NodeResult.objects.filter(round=round).delete()
    NodeResult.objects.bulk_create(
        [NodeResult(round_id=round.pk, unit_id=node, **row) for node, row in rows.items()],
        batch_size=BATCH_SIZE,
    )
    Round.objects.filter(pk=round.pk).update(results_stored=True)
    round.results_stored = True
    return len(rows)

"""The pulse's part of `kasam anonymity audit` (docs/anonymity.md): recomputed from what is stored.

- Every stored group of answers – a round's reporting node – holds at least k respondents. Every
  statement of a round is required, so a node's respondents are its answers to any one statement; the
  most answered statement is taken, so that a planted extra answer is counted too.
- A closed round's shown nodes pass rules 2 and 3 over those respondents and its frozen tree.
- A closed round keeps nothing that says who answered: no participation rows, no link hashes, nothing
  waiting in the buffer.
- A closed round's stored results (`NodeResult`, kasam.pulse.stored) are for shown nodes only, each
  with at least k respondents: a hidden node stores nothing.
"""

from collections import defaultdict
from collections.abc import Iterator

from kasam.metrics.disclosure import AtLeastK, Tree
from kasam.metrics.disclosure_audit import Violation, check_decision, check_stored_groups
from kasam.pulse.models import Invitation, NodeResult, Participation, Round, Submission
from kasam.pulse.results import _answer_counts


def respondents_per_node(round: Round) -> dict[str, int]:
    """{reporting node: respondents} of a round, from its stored answers (or the counts kept after
    retention)."""
    per_statement: dict[tuple[str, str], int] = defaultdict(int)
    for (node, statement, _value), n in _answer_counts([round.pk]).get(round.pk, []):
        per_statement[node, statement] += n
    respondents: dict[str, int] = defaultdict(int)
    for (node, _statement), n in per_statement.items():
        respondents[node] = max(respondents[node], n)
    return dict(respondents)


def violations() -> Iterator[Violation]:
    for round in Round.objects.filter(status=Round.Status.CLOSED).select_related("programme").order_by("pk"):
        where = f"pulse round {round.pk} ({round.programme.name} #{round.number})"
        if not round.k or not round.tree:
            continue
        rule = AtLeastK(round.k)
        respondents = respondents_per_node(round)
        yield from check_stored_groups(where, respondents, rule)
        tree = Tree(round.tree)
        outside = sorted(set(respondents) - set(tree.order))
        for node in outside:
            yield Violation("tree", where, f"answers stored against {node}, which is not in the round's tree")
        inside = {node: n for node, n in respondents.items() if node in tree}
        yield from check_decision(where, tree, inside, rule, round.shown_nodes or [])
        yield from _who_answered(round, where)
        yield from _stored_results(round, where)


def _stored_results(round: Round, where: str) -> Iterator[Violation]:
    shown = set(round.shown_nodes or [])
    for unit_id, respondents in NodeResult.objects.filter(round=round).values_list("unit_id", "respondents"):
        if unit_id not in shown:
            yield Violation("stored results", where, f"results stored for {unit_id}, which is not shown")
        elif respondents < round.k:
            yield Violation(
                "stored results", where, f"results stored for {unit_id} with {respondents} respondents"
            )


def _who_answered(round: Round, where: str) -> Iterator[Violation]:
    participations = Participation.objects.filter(round=round).count()
    if participations:
        yield Violation("participation", where, f"{participations} participation rows kept after close")
    hashes = Invitation.objects.filter(round=round, token_hash__isnull=False).count()
    if hashes:
        yield Violation("participation", where, f"{hashes} link hashes kept after close")
    waiting = Submission.objects.filter(round=round).count()
    if waiting:
        yield Violation("buffer", where, f"{waiting} submissions still in the buffer after close")

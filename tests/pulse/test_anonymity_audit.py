"""`kasam anonymity audit` on pulse data: clean on a closed round, and a violation planted in the raw
data is found, printed with its cells, and makes the command exit non-zero."""

import json
import uuid

from test_results import closed  # noqa: F401 - the fixture

from kasam.pulse.models import Answer, NodeResult, Participation, Round


def test_a_closed_round_passes_the_audit(closed, anonymity_audit):  # noqa: F811
    code, out = anonymity_audit("--format", "json")
    assert json.loads(out) == {"clean": True, "violations": []}
    assert code == 0


def test_a_planted_small_group_of_answers_is_found(closed, anonymity_audit):  # noqa: F811
    """One person's answers stored against a reporting node of their own: the audit names the round,
    the rule and the cell with its single respondent, and exits 1."""
    node = next(unit for unit in closed.tree if unit not in {a.reporting_node for a in Answer.objects.all()})
    Answer.objects.bulk_create(
        Answer(id=uuid.uuid4(), round=closed, reporting_node=node, statement_id=s, value=3)
        for s in closed.statement_ids
    )
    code, out = anonymity_audit()
    assert code == 1
    assert f"pulse round {closed.pk}" in out
    assert f"stored group: a stored group is below the rule [{node} (1)]" in out
    code, out = anonymity_audit("--format", "json")
    found = json.loads(out)
    assert not found["clean"]
    assert {"cell": node, "size": 1} in found["violations"][0]["cells"]


def test_a_shown_node_whose_remainder_is_small_is_found(closed, anonymity_audit):  # noqa: F811
    """A decision tampered with in the database: a node shown beside a parent leaving a remainder of
    fewer than k respondents."""
    shown = set(closed.shown_nodes)
    tree = closed.tree
    candidates = [node for node in tree if node not in shown and tree[node] in shown]
    Round.objects.filter(pk=closed.pk).update(shown_nodes=sorted(shown | set(candidates)))
    code, out = anonymity_audit()
    assert code == 1
    assert "primary" in out or "remainder" in out


def test_who_answered_must_not_outlive_the_close(closed, anonymity_audit):  # noqa: F811
    """A participation row planted after close (who answered) is found."""
    Participation.objects.filter(round=closed).delete()
    Participation.objects.create(
        round=closed,
        person_id="P1",
        answered_on=closed.closes_on,
        link_hash="planted-link",
        idempotency_hash="planted-key",
    )
    code, out = anonymity_audit()
    assert code == 1
    assert "participation rows kept after close" in out


def test_results_stored_for_a_hidden_node_are_found(closed, anonymity_audit):  # noqa: F811
    """The stored results hold shown nodes only: a row planted for a hidden node is found."""
    hidden = next(node for node in closed.tree if node not in closed.shown_nodes)
    NodeResult.objects.create(round=closed, unit_id=hidden, respondents=4, dimensions={}, item_scores={})
    code, out = anonymity_audit()
    assert code == 1
    assert f"results stored for {hidden}, which is not shown" in out

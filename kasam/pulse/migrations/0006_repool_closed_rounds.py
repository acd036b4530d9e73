"""Closed rounds re-pooled to the rules of docs/definitions.md "Anonymity rules" 1 and 6 (ADR 008).

What it does to stored rows, for every CLOSED round:

- Respondents per reporting node are counted from the participation and invitation rows (or, where
  those are gone, from `Round.counts`). The reporting nodes are re-pooled by respondents
  (kasam.metrics.anonymity.repool_by_respondents): the answer and comment rows of a node with fewer
  than k respondents are moved (their `reporting_node` rewritten) to the node they pool at, so that
  every stored group holds at least k respondents or none; a round with fewer than k respondents in
  all has its answer and comment rows deleted. A round whose raw answers are past retention gets its
  kept `answer_counts` re-pooled the same way.
- `shown_nodes` shrinks only (kasam.metrics.anonymity.shown_after_repooling): a node whose stored
  members did not change shows identical figures; a node that lost members shows its re-pooled figure
  if it still passes rules 2–3, else nothing. Nothing shows more than before.
- `Round.counts` becomes {stored group: [invited, answered]}; then the round's participation rows are
  deleted and every invitation's link hash and reminder time cleared, and invitations of a moved node
  name the node their answers are stored against.

OPEN rounds are left alone: their buffer stays, and any answers an earlier version flushed during the
round stay until close, which re-pools them with the rest.

It writes a report of what it withdrew (nodes no longer shown, rows moved or deleted) to
`pulse-repool-report.json` in the var directory (settings.VAR_DIR) and prints one line per round
that changed. Irreversible (the per-person rows are gone); reversing it is a no-op.
"""

import json
from collections import Counter, defaultdict

from django.conf import settings
from django.db import migrations

from kasam.metrics import anonymity


def _respondents_and_invited(round, Invitation, Participation):
    invitations = Invitation.objects.filter(round=round)
    if invitations.exists() and Participation.objects.filter(round=round).exists():
        answered_people = set(Participation.objects.filter(round=round).values_list("person_id", flat=True))
        respondents, invited = Counter(), Counter()
        for person, node in invitations.values_list("person_id", "reporting_node"):
            invited[node] += 1
            if person in answered_people:
                respondents[node] += 1
        return dict(respondents), dict(invited)
    if round.counts:
        return (
            {node: pair[1] for node, pair in round.counts.items() if pair[1]},
            {node: pair[0] for node, pair in round.counts.items()},
        )
    invited = Counter(invitations.values_list("reporting_node", flat=True))
    return {}, dict(invited)


def repool_round(round, models) -> dict | None:
    """Re-pool one closed round in place; a report of what changed, or None when nothing did."""
    Answer, FreeText, Invitation, Participation = models
    tree = round.tree or {}
    if not tree or not round.k:
        return None
    respondents, invited = _respondents_and_invited(round, Invitation, Participation)
    respondents = {node: n for node, n in respondents.items() if n and node in tree}
    stored_at = anonymity.repool_by_respondents(tree, respondents, round.k)
    moved = {old: new for old, new in (stored_at or {}).items() if old != new}
    report = {"round": round.pk, "moved": moved, "deleted_all": stored_at is None}
    if stored_at is None:
        report["answers_deleted"] = Answer.objects.filter(round=round).delete()[0]
        report["comments_deleted"] = FreeText.objects.filter(round=round).delete()[0]
        if round.answer_counts:
            round.answer_counts = []
        new_shown: frozenset[str] = frozenset()
    else:
        for old, new in moved.items():
            Answer.objects.filter(round=round, reporting_node=old).update(reporting_node=new)
            FreeText.objects.filter(round=round, reporting_node=old).update(reporting_node=new)
        if round.answer_counts and moved:
            merged: dict[tuple, int] = defaultdict(int)
            for node, statement, value, n in round.answer_counts:
                merged[(stored_at.get(node, node), statement, value)] += n
            round.answer_counts = sorted([*key, n] for key, n in merged.items())
        after: dict[str, int] = defaultdict(int)
        for node, n in respondents.items():
            after[stored_at.get(node, node)] += n
        new_shown = anonymity.shown_after_repooling(
            tree, stored_at, dict(after), round.shown_nodes or [], round.k
        )
    counts: dict[str, list[int]] = {}
    for node in sorted(invited.keys() | respondents.keys()):
        target = node if stored_at is None else stored_at.get(node, node)
        pair = counts.setdefault(target, [0, 0])
        pair[0] += invited.get(node, 0)
        pair[1] += respondents.get(node, 0)
    withdrawn = sorted(set(round.shown_nodes or []) - new_shown)
    report["withdrawn_nodes"] = withdrawn
    round.counts = counts
    round.shown_nodes = sorted(new_shown)
    round.save(update_fields=["counts", "shown_nodes", "answer_counts"])
    report["participations_deleted"] = Participation.objects.filter(round=round).delete()[0]
    Invitation.objects.filter(round=round).update(token_hash=None, reminded_at=None)
    for old, new in moved.items():
        Invitation.objects.filter(round=round, reporting_node=old).update(reporting_node=new)
    return report if (moved or withdrawn or stored_at is None) else None


def repool_closed_rounds(apps, schema_editor):
    Round = apps.get_model("pulse", "Round")
    models = tuple(
        apps.get_model("pulse", name) for name in ("Answer", "FreeText", "Invitation", "Participation")
    )
    reports = []
    for round in Round.objects.filter(status="closed").order_by("pk"):
        report = repool_round(round, models)
        if report is not None:
            reports.append(report)
            deleted = ", deleted every answer" if report["deleted_all"] else ""
            print(
                f"pulse round {report['round']}: moved {report['moved']}, "
                f"withdrew {report['withdrawn_nodes']}{deleted}"
            )
    if reports:
        path = settings.VAR_DIR / "pulse-repool-report.json"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(reports, indent=2, ensure_ascii=False))


class Migration(migrations.Migration):
    dependencies = [("pulse", "0005_submission_key_id")]

    operations = [migrations.RunPython(repool_closed_rounds, migrations.RunPython.noop)]

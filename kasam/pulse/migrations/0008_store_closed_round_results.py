"""Every round closed before the results were stored at close gets its `NodeResult` rows now
(kasam.pulse.stored, docs/architecture.md "Caches"): one per shown node, computed from the round's
answers – or, for a round past its retention, from the answer counts it kept (`Round.answer_counts`)
– and its frozen counts, exactly as the results computed them on every view before. Hidden nodes
store nothing. Reversing it deletes the rows (the results are then computed from answers again)."""

from collections import defaultdict

from django.db import migrations
from django.db.models import Count, Exists, OuterRef

from kasam.pulse import question_bank
from kasam.pulse.stored import node_result_rows


def _question_dimensions(statement_ids):
    found = {}
    for statement_id in statement_ids:
        try:
            found[statement_id] = question_bank.get(statement_id).dimension
        except KeyError:
            continue
    return found


def _respondents_own(round, Invitation, Participation):
    if round.counts is not None:
        return {node: pair[1] for node, pair in round.counts.items() if pair[1]}
    answered = Participation.objects.filter(round_id=OuterRef("round_id"), person_id=OuterRef("person_id"))
    own = defaultdict(int)
    for node, has_answered, n in (
        Invitation.objects.filter(round=round)
        .annotate(has_answered=Exists(answered))
        .values_list("reporting_node", "has_answered")
        .annotate(n=Count("id"))
        .order_by()
    ):
        if has_answered:
            own[node] += n
    return dict(own)


def _counted(round, Answer):
    if round.answer_counts is not None:
        return [((node, statement, value), n) for node, statement, value, n in round.answer_counts]
    return [
        ((node, statement, value), n)
        for node, statement, value, n in Answer.objects.filter(round=round)
        .values_list("reporting_node", "statement_id", "value")
        .annotate(n=Count("id"))
        .order_by()
    ]


def store(apps, schema_editor):
    Round = apps.get_model("pulse", "Round")
    NodeResult = apps.get_model("pulse", "NodeResult")
    Answer = apps.get_model("pulse", "Answer")
    Invitation = apps.get_model("pulse", "Invitation")
    Participation = apps.get_model("pulse", "Participation")
    for round in Round.objects.filter(status="closed", shown_nodes__isnull=False, results_stored=False):
        rows = node_result_rows(
            round.tree or {},
            round.shown_nodes,
            _respondents_own(round, Invitation, Participation),
            _counted(round, Answer),
            _question_dimensions(round.statement_ids),
        )
        NodeResult.objects.filter(round=round).delete()
        NodeResult.objects.bulk_create(
            [NodeResult(round_id=round.pk, unit_id=node, **row) for node, row in rows.items()],
            batch_size=2000,
        )
        round.results_stored = True
        round.save(update_fields=["results_stored"])


def unstore(apps, schema_editor):
    apps.get_model("pulse", "NodeResult").objects.all().delete()
    apps.get_model("pulse", "Round").objects.update(results_stored=False)


class Migration(migrations.Migration):
    dependencies = [("pulse", "0007_node_results_stored_at_close")]

    operations = [migrations.RunPython(store, unstore)]

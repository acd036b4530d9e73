"""A closed round's gated results stored at close (kasam.pulse.stored, docs/architecture.md "Caches"):
one row per shown node and none for a hidden one, figures identical to those computed from the
answers, still the truth after retention deletes the answers; the rows are written in the close's
transaction and filled for rounds closed before; every worker recomputes what it cached before a
close."""

import importlib
import random
from contextlib import contextmanager
from dataclasses import replace
from datetime import date, timedelta
from io import StringIO

import pytest
from django.apps import apps
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from test_results import add_staff, build_round

from kasam.core import generations
from kasam.metrics import anonymity
from kasam.org.models import Unit
from kasam.pulse import actions, results, rotation, stored
from kasam.pulse.models import Answer, NodeResult, Programme, Round

pytestmark = pytest.mark.django_db
K = 5
fill = importlib.import_module("kasam.pulse.migrations.0008_store_closed_round_results")


def generated_tree(rng: random.Random, size: int) -> dict[str, str | None]:
    tree: dict[str, str | None] = {"N000": None}
    for n in range(1, size):
        tree[f"N{n:03d}"] = f"N{rng.randrange(n):03d}"
    return tree


def generated_round(rng: random.Random, number: int = 1, size: int = 80, store: bool = True) -> Round:
    """A closed round over a random tree with random answers, written directly (as the benchmark
    does): some reporting groups too small, several statements per dimension; shown nodes decided by
    the gate. With `store`, its results are stored as the close stores them."""
    if not Programme.objects.exists():
        Unit.objects.create(id="N000", name="Kommunen", kind="administration", path="/N000/")
        Programme.objects.create(name="Puls", root_unit_id="N000")
    programme = Programme.objects.get()
    tree = generated_tree(random.Random(1), size)  # the same tree in every round
    statements = [*rotation.statements_for_round(number - 1, 6), "beg1", "han1", "men1"]
    statements = list(dict.fromkeys(statements))
    opens = date(2026, 1, 5) + timedelta(days=14 * (number - 1))
    respondents = {node: rng.choice([0, 0, 2, 5, 7, 12]) for node in tree}
    respondents = {node: n for node, n in respondents.items() if n}
    round = Round.objects.create(
        programme=programme,
        number=number,
        opens_on=opens,
        closes_on=opens + timedelta(days=6),
        statement_ids=statements,
        k=K,
        tree=tree,
        status=Round.Status.CLOSED,
        counts={node: [n + rng.randrange(5), n] for node, n in respondents.items()},
        shown_nodes=sorted(anonymity.decide_shown_nodes(tree, respondents, K)),
    )
    Answer.objects.bulk_create(
        Answer(round=round, reporting_node=node, statement_id=statement, value=rng.randint(1, 5))
        for node, n in respondents.items()
        for _ in range(n)
        for statement in statements
    )
    if store:
        stored.store_round_results(round)
    return Round.objects.get(pk=round.pk)


def computed(round: Round) -> Round:
    """The same round read as if nothing were stored: its figures computed from the answers."""
    return replace_round(round, results_stored=False)


def replace_round(round: Round, **changes) -> Round:
    copy = Round.objects.get(pk=round.pk)
    for name, value in changes.items():
        setattr(copy, name, value)
    return copy


def assert_same_results(round: Round) -> None:
    """Every node of the round: stored and recomputed agree exactly – shown or not, respondents,
    response rate, every dimension's index and share favourable, every item score, the history."""
    assert round.results_stored
    from_rows, from_answers = results.load_round(round), results.load_round(computed(round))
    everyone = set(round.tree)
    assert from_rows.release.shown == from_answers.release.shown
    assert from_rows.release.respondents == from_answers.release.respondents
    assert from_rows.release.results == from_answers.release.results
    for node in round.tree:
        assert from_rows.item_scores(node) == from_answers.item_scores(node), node
        assert from_rows.response_rate(node) == from_answers.response_rate(node), node
    assert results.viewer_nodes(from_rows, everyone) == results.viewer_nodes(from_answers, everyone)
    for node in round.shown_nodes:
        [by_row] = results.node_history(node, [round])
        [by_answers] = results.node_history(node, [computed(round)])
        assert by_row == replace(by_answers, round=by_row.round), node


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_stored_results_are_those_computed_from_the_answers_for_every_node(seed):
    round = generated_round(random.Random(seed))
    shown = set(round.shown_nodes)
    assert 0 < len(shown) < len(round.tree), "the generated round shows some nodes and hides others"
    # One row per shown node; a hidden node stores nothing, not even its respondents.
    assert set(NodeResult.objects.filter(round=round).values_list("unit_id", flat=True)) == shown
    assert_same_results(round)


def test_a_page_reads_only_the_rows_it_shows():
    round = generated_round(random.Random(4))
    wanted = sorted(round.shown_nodes)[:3]
    with CaptureQueriesContext(connection) as queries:
        loaded = results.load_round(round, nodes=wanted)
    reads = [q["sql"] for q in queries if "core_generation" not in q["sql"]]  # the counts are held
    assert len(reads) == 1 and "pulse_noderesult" in reads[0] and "pulse_answer" not in reads[0]
    assert set(loaded.release.results) == set(wanted)
    # Asking for another shown node later reads its row then.
    other = sorted(round.shown_nodes)[-1]
    assert loaded.item_scores(other) == results.load_round(computed(round)).item_scores(other)


def test_the_close_stores_the_shown_nodes_results_in_its_transaction(personas, pulse_settings):
    add_staff()
    round = build_round()
    actions.close_round(round)
    closed = Round.objects.get(pk=round.pk)
    assert closed.results_stored
    assert set(NodeResult.objects.filter(round=closed).values_list("unit_id", flat=True)) == set(
        closed.shown_nodes
    )
    assert_same_results(closed)


def test_the_close_stores_nothing_when_it_fails(personas, pulse_settings, monkeypatch):
    add_staff()
    round = build_round()

    def fail(round):
        raise RuntimeError("the database went away")

    monkeypatch.setattr(generations, "bump", fail)
    with pytest.raises(RuntimeError):
        actions.close_round(round)
    assert not NodeResult.objects.exists()
    assert Round.objects.get(pk=round.pk).status == Round.Status.OPEN


def test_the_command_prints_the_same_from_stored_rows(personas, pulse_settings):
    add_staff()
    round = build_round()
    actions.close_round(round)

    def printed():
        out = StringIO()
        call_command(
            "pulse", "results", "--round", str(round.pk), "--as", "hr", "--format", "json", stdout=out
        )
        return out.getvalue()

    from_rows = printed()
    NodeResult.objects.all().delete()
    Round.objects.filter(pk=round.pk).update(results_stored=False)
    assert printed() == from_rows


def test_the_stored_rows_stay_the_truth_when_retention_deletes_the_answers(settings):
    from kasam.gdpr import retention

    round = generated_round(random.Random(5))
    before = results.load_round(round)
    history = {node: results.node_history(node, [round]) for node in round.shown_nodes}
    version = generations.version("pulse")
    settings.KASAM_RETENTION_MONTHS = {**settings.KASAM_RETENTION_MONTHS, retention.PULSE_ANSWERS: 1}
    retention.purge(day=date(2026, 11, 25))
    assert not Answer.objects.filter(round=round).exists()
    assert generations.version("pulse") != version, "deleting answers marks the pulse data changed"
    after_round = Round.objects.get(pk=round.pk)
    after = results.load_round(after_round)
    assert after.release.results == before.release.results
    for node in round.shown_nodes:
        assert after.item_scores(node) == before.item_scores(node)
        assert results.node_history(node, [after_round]) == [
            replace(p, round=after_round) for p in history[node]
        ]


def test_the_data_migration_stores_the_rounds_closed_before():
    rounds = [generated_round(random.Random(seed), number=n, store=False) for n, seed in ((1, 6), (2, 7))]
    # The second one's raw answers are past retention: it kept its answers counted.
    kept = results.answer_counts_to_keep(rounds[1])
    Answer.objects.filter(round=rounds[1]).delete()
    Round.objects.filter(pk=rounds[1].pk).update(answer_counts=kept)
    expected = {r.pk: results.load_round(Round.objects.get(pk=r.pk)) for r in rounds}
    fill.store(apps, None)
    for r in rounds:
        round = Round.objects.get(pk=r.pk)
        assert round.results_stored
        assert results.load_round(round).release.results == expected[r.pk].release.results
        assert_same_results(round)


@contextmanager
def worker(held, monkeypatch):
    """One worker process's held values (tests/core/test_generations.py's pattern)."""
    with monkeypatch.context() as patch:
        patch.setattr(generations, "_held", held)
        yield


def test_a_round_closed_by_another_worker_is_seen_at_once(personas, pulse_settings, monkeypatch):
    add_staff()
    first = build_round(number=1, opens=date(2026, 11, 2))
    actions.close_round(first)
    reader, closer = type(generations._held)(), type(generations._held)()
    scope = {"SOC", "AO", "AO-HT1", "AO-HT1-A", "AO-SB1", "IFO", "IFO-BU"}
    with worker(reader, monkeypatch):
        assert results.latest_round(scope, Round.Status.CLOSED).pk == first.pk
    second = Round.objects.create(
        programme=first.programme,
        number=2,
        opens_on=date(2026, 11, 16),
        closes_on=date(2026, 11, 22),
        statement_ids=first.statement_ids,
    )
    with worker(closer, monkeypatch):
        actions.open_round(second, date(2026, 11, 16))
        actions.close_round(second)
    with worker(reader, monkeypatch):
        # The reader held the list of rounds from before the close: it reads it again.
        assert results.latest_round(scope, Round.Status.CLOSED).pk == second.pk


def test_an_open_rounds_live_counts_are_held_for_a_minute(personas, pulse_settings, monkeypatch):
    add_staff()
    round = build_round()
    clock = [1000.0]
    monkeypatch.setattr(generations.time, "time", lambda: clock[0])
    rate = results.load_round(round).response_rate("SOC")
    with CaptureQueriesContext(connection) as queries:
        assert results.load_round(round).response_rate("SOC") == rate
    assert not any("pulse_participation" in q["sql"] for q in queries), "held, not counted again"
    clock[0] += results.LIVE_SECONDS + 1
    with CaptureQueriesContext(connection) as queries:
        results.load_round(round)
    assert any("pulse_participation" in q["sql"] for q in queries), "a minute later it is counted again"

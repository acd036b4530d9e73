"""A round's results through the gate for one viewer (kasam.pulse.results): hidden nodes carry no
figures, small units and their complements are hidden, the scope cuts the shown nodes."""

from datetime import date

import pytest

from kasam.metrics import anonymity
from kasam.org.models import Employment, Person
from kasam.pulse import actions, results
from kasam.pulse.models import Answer, Invitation, Participation, Programme, Round

K = 5
STATEMENTS = ["beg1", "han1", "men1", "halsa"]
# Extra staff per unit on top of the shared fixture's persons, and how many of each unit answer.
EXTRA = {"AO-HT1": 9, "AO-HT1-A": 3, "AO-SB1": 7, "IFO-BU": 6}
NAMES = ["Greta", "Hugo", "Ines", "Jon", "Karin"]
ANSWERING = {"AO-HT1": 10, "AO-SB1": 4, "IFO-BU": 6}


@pytest.fixture(autouse=True)
def _pulse_settings(pulse_settings):
    pulse_settings.KASAM_PULSE_K = K


def add_staff():
    number = 0
    for unit_id, count in EXTRA.items():
        for _ in range(count):
            number += 1
            person = Person.objects.create(
                id=f"Y{number:03d}", birth_year=1980, first_name=NAMES[number % 5], last_name="Lindqvist"
            )
            Employment.objects.create(
                person=person, unit_id=unit_id, start_date=date(2020, 1, 1), rate=100, pay="monthly"
            )


def build_round(number=1, opens=date(2026, 11, 2), value=4, comment="Bra stämning, Greta hjälper alla <b>"):
    """A round over SOC with answers: AO-HT1's subtree 10 respondents, AO-SB1 4 (too few), IFO-BU 6.
    Returns the round, open (not closed yet)."""
    programme = Programme.objects.first() or Programme.objects.create(name="Puls", root_unit_id="SOC")
    round = Round.objects.create(
        programme=programme,
        number=number,
        opens_on=opens,
        closes_on=date(2026, 11, 20),
        statement_ids=STATEMENTS,
    )
    issued = actions.open_round(round, opens)
    units = dict(Employment.objects.filter(end_date__isnull=True).values_list("person_id", "unit_id"))
    left = dict(ANSWERING)
    n = 0
    for invitation, token in issued:
        unit = units[invitation.person_id]
        unit = "AO-HT1" if unit == "AO-HT1-A" else unit
        if left.get(unit, 0) <= 0:
            continue
        left[unit] -= 1
        n += 1
        answers = {s: value for s in STATEMENTS}
        answers["beg1"] = 5 if n % 2 else value
        result = actions.submit(token, answers, comment, f"key-{number:02d}-{n:04d}", opens)
        assert result.stored, result
    return round


@pytest.fixture
def closed(personas):
    add_staff()
    round = build_round()
    actions.close_round(round)
    return Round.objects.get(pk=round.pk)


def test_a_small_group_is_repooled_at_close_and_its_unit_hidden(closed):
    # Reporting nodes (k invited of their own): AO-HT1 (14, with AO-HT1-A's 4), AO-SB1 (8), IFO-BU (7).
    # At close AO-SB1's 4 respondents pass up to SOC, whose pool of 4 then takes the smallest reporting
    # node below it, IFO-BU (6): stored groups AO-HT1 (10) and SOC (10).
    assert closed.counts == {"AO-HT1": [14, 10], "SOC": [15, 10]}
    assert set(closed.shown_nodes) == {"SOC", "AO", "AO-HT1"}
    loaded = results.load_round(closed)
    assert set(loaded.release.results) == {"SOC", "AO", "AO-HT1"}
    nodes = {n.unit: n for n in results.viewer_nodes(loaded, {"AO", "AO-HT1", "AO-HT1-A", "AO-SB1"})}
    for unit in ("AO-HT1-A", "AO-SB1"):
        assert not nodes[unit].shown
        assert nodes[unit].respondents is None
        assert nodes[unit].dimensions == {}
    assert nodes["AO"].respondents == 10


def test_every_shown_node_has_at_least_k_respondents_and_no_small_remainder(closed):
    loaded = results.load_round(closed)
    for node, count in loaded.release.respondents.items():
        assert count >= K, node
    # Remainders of shown nodes are 0 or ≥ k (the gate's rule 3, as stored at close).
    respondents = loaded.answered
    shown = loaded.release.shown
    for node in shown:
        below = [n for n in shown if n != node and node in _ancestors(closed.tree, n)]
        nearest = [
            n for n in below if not any(m in below and m in _ancestors(closed.tree, n)[1:] for m in below)
        ]
        remainder = respondents[node] - sum(respondents[n] for n in nearest)
        assert remainder == 0 or remainder >= K


def _ancestors(tree, node):
    found = []
    while node is not None:
        found.append(node)
        node = tree[node]
    return found


def test_figures_are_the_mean_of_the_answers(closed):
    loaded = results.load_round(closed)
    ifo = loaded.release.results["AO-HT1"]
    # AO-HT1's ten answered han1 = 4 and men1 = 4 → index 75, 100 % favourable.
    assert ifo["hanterbarhet"].index == pytest.approx(75)
    assert ifo["hanterbarhet"].favourable_pct == pytest.approx(100)
    assert "halsa" in ifo
    # The stored answers agree with what the gate computed from them.
    assert Answer.objects.filter(round=closed, statement_id="han1").count() == 20


def test_the_scope_cuts_the_same_shown_nodes(closed, personas):
    everyone = results.viewer_json(closed, personas["hr"])
    coach = results.viewer_json(closed, personas["dialogcoach"])
    assert [n["unit"] for n in coach] == ["AO-SB1", "IFO-BU"]
    by_unit = {n["unit"]: n for n in everyone}
    for node in coach:
        assert node == by_unit[node["unit"]]
    assert [n["unit"] for n in everyone][0] == "SOC"


def test_an_open_round_releases_nothing(personas):
    add_staff()
    round = build_round()
    assert results.viewer_json(round, personas["hr"]) == []
    loaded = results.load_round(round)
    assert loaded.release.shown == frozenset()
    # The live response rate is still there, gated: 20 of 29 invited in SOC → 70 %.
    assert Invitation.objects.filter(round=round).count() == 29
    assert loaded.response_rate("SOC") == anonymity.response_rate_shown(29, 20, K) == 70


def test_comments_are_placed_masked_and_only_under_big_enough_shown_nodes(closed):
    loaded = results.load_round(closed)
    placed = results.comments(loaded, set(loaded.release.shown))
    # Own comment pools: AO-HT1's 10 are listed there; SOC's own 10 (AO-SB1's and IFO-BU's writers,
    # re-pooled at close) under SOC.
    assert sorted(placed) == ["AO-HT1", "SOC"]
    assert len(placed["AO-HT1"]) == 10 and len(placed["SOC"]) == 10
    assert all(text == "Bra stämning, [namn] hjälper alla <b>" for texts in placed.values() for text in texts)
    # A viewer whose scope does not hold the node does not get the comments.
    assert results.comments(loaded, {"IFO-BU"}) == {}


def test_a_closed_round_keeps_its_counts_and_reads_them_without_counting_again(
    closed, django_assert_num_queries
):
    # The counts replace the per-person rows: after close no participation row is left.
    assert Participation.objects.filter(round=closed).count() == 0
    # Nothing is counted: the one query reads the pulse data's generation, under which the counts
    # summed over the frozen tree are held (kasam.core.generations).
    with django_assert_num_queries(1) as queries:
        frozen = results.load_round(closed, figures=False)
    assert "core_generation" in queries.captured_queries[0]["sql"]
    assert frozen.answered["SOC"] == 20 and frozen.invited["SOC"] == 29

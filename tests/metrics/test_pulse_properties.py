"""Property tests of the pulse's disclosure gate (docs/definitions.md "Anonymity rules").

Random frozen trees (depth ≤ 4, up to 30 nodes), random invited and answered counts, k from 3 to 7. At
most 12 units have invited persons, so at most 12 reporting-node groups have respondents and the exact
span check below can enumerate every set of groups. The checks are written independently of the gate's
own code (naive subtree walks; exact rational linear algebra).
"""

from collections import Counter
from fractions import Fraction
from itertools import combinations
from math import lcm

from hypothesis import given, settings
from hypothesis import strategies as st

from kasam.metrics.anonymity import (
    FREE_TEXT_MIN_RESPONDENTS,
    RoundFigure,
    assign_reporting_nodes,
    decide_shown_nodes,
    free_text_listing,
    multi_round_mean,
    shown_rounds,
)

MAX_DEPTH = 4
MAX_NODES = 30
MAX_GROUPS = 12

# ------------------------------------------------------------------------------------- naive helpers


def descendants_or_self(parent_of, node):
    return {n for n in parent_of if node in ancestors_or_self(parent_of, n)}


def ancestors_or_self(parent_of, node):
    chain = []
    while node is not None:
        chain.append(node)
        node = parent_of[node]
    return chain


def subtree_total(parent_of, counts, node):
    return sum(counts.get(n, 0) for n in descendants_or_self(parent_of, node))


def nearest_shown_below(parent_of, shown, node):
    below = descendants_or_self(parent_of, node) - {node}
    return {
        d
        for d in below & shown
        if not any(a in shown for a in ancestors_or_self(parent_of, parent_of[d]) if a in below)
    }


# --------------------------------------------------------------------------------------- strategies


@st.composite
def trees(draw, max_nodes=MAX_NODES):
    size = draw(st.integers(min_value=1, max_value=max_nodes))
    parent_of, depth = {"U00": None}, {"U00": 0}
    for i in range(1, size):
        parent = draw(st.sampled_from([n for n in parent_of if depth[n] < MAX_DEPTH]))
        node = f"U{i:02d}"
        parent_of[node], depth[node] = parent, depth[parent] + 1
    return parent_of


@st.composite
def invitations(draw, max_nodes=MAX_NODES, max_invited_units=MAX_GROUPS):
    parent_of = draw(trees(max_nodes))
    units = draw(st.lists(st.sampled_from(sorted(parent_of)), unique=True, max_size=max_invited_units))
    invited = {unit: draw(st.integers(min_value=1, max_value=15)) for unit in units}
    k = draw(st.integers(min_value=3, max_value=7))
    if sum(invited.values()) < k:  # a round with fewer than k invited does not open
        invited["U00"] = invited.get("U00", 0) + k
    return parent_of, invited, k


def draw_answered(draw, parent_of, invited, k):
    reporting = assign_reporting_nodes(parent_of, invited, k)
    invited_at = Counter()
    for unit, n in invited.items():
        invited_at[reporting[unit]] += n
    return {node: draw(st.integers(min_value=0, max_value=n)) for node, n in sorted(invited_at.items())}


@st.composite
def closed_rounds(draw, max_nodes=MAX_NODES, max_invited_units=MAX_GROUPS):
    parent_of, invited, k = draw(invitations(max_nodes, max_invited_units))
    return parent_of, draw_answered(draw, parent_of, invited, k), k


# ------------------------------------------------------------------------------------ exact span check


def row_reduce(rows):
    """Reduced row echelon form over the rationals: [(pivot column, row)], each row a list of Fractions."""
    rows = [[Fraction(x) for x in row] for row in rows]
    reduced, col = [], 0
    width = len(rows[0]) if rows else 0
    while rows and col < width:
        pivot = next((r for r in rows if r[col] != 0), None)
        if pivot is not None:
            rows.remove(pivot)
            pivot = [x / pivot[col] for x in pivot]
            rows = [[a - r[col] * b for a, b in zip(r, pivot, strict=True)] for r in rows]
            reduced = [(c, [a - r[col] * b for a, b in zip(r, pivot, strict=True)]) for c, r in reduced]
            reduced.append((col, pivot))
        col += 1
    return reduced


def small_representable_sets(rows, weights, k):
    """Every set S of columns (groups) whose 0/1 indicator lies in the row space of `rows`, with
    0 < Σ weights(S) < k. A vector v is in the space of a reduced echelon basis iff v equals the sum of
    the basis rows weighted by v's pivot entries; scaled to integers the check stays exact and fast."""
    basis = row_reduce(rows)
    scale = lcm(1, *(x.denominator for _c, row in basis for x in row))
    int_basis = [(c, [int(x * scale) for x in row]) for c, row in basis]
    width = len(weights)
    found = []
    for size in range(1, width + 1):
        for subset in combinations(range(width), size):
            total = sum(weights[i] for i in subset)
            if total >= k:
                continue
            target = [scale if i in subset else 0 for i in range(width)]
            combo = [0] * width
            for c, row in int_basis:
                if c in subset:
                    combo = [a + b for a, b in zip(combo, row, strict=True)]
            if combo == target:
                found.append((subset, total))
    return found


def membership_rows(parent_of, shown, groups):
    return [[1 if g in descendants_or_self(parent_of, node) else 0 for g in groups] for node in sorted(shown)]


def test_the_span_check_finds_a_difference_attack():
    # Shown R (8) and A (6) without complementary hiding: R − A isolates B's 2 answers.
    parent_of = {"R": None, "A": "R", "B": "R"}
    rows = membership_rows(parent_of, {"R", "A"}, ["A", "B"])
    assert small_representable_sets(rows, [6, 2], 5) == [((1,), 2)]
    # Overlapping sets: the third row minus the first isolates group 2 (2 answers).
    rows = [[1, 1, 0], [0, 1, 1], [1, 1, 1]]
    assert small_representable_sets(rows, [6, 6, 2], 5) == [((2,), 2)]


# -------------------------------------------------------------------------------------------- properties


@given(closed_rounds())
def test_every_shown_node_has_at_least_k_respondents(case):
    parent_of, answered, k = case
    for node in decide_shown_nodes(parent_of, answered, k):
        assert subtree_total(parent_of, answered, node) >= k


@given(closed_rounds())
def test_the_respondents_outside_the_shown_children_are_zero_or_at_least_k(case):
    parent_of, answered, k = case
    shown = decide_shown_nodes(parent_of, answered, k)
    for node in shown:
        nearest = nearest_shown_below(parent_of, shown, node)
        outside = subtree_total(parent_of, answered, node) - sum(
            subtree_total(parent_of, answered, d) for d in nearest
        )
        assert outside == 0 or outside >= k


@given(closed_rounds())
def test_a_node_is_hidden_only_when_too_small_or_for_complementary_suppression(case):
    # The gate does not hide more than the rules ask: a node with k respondents is hidden only if some
    # shown ancestor would otherwise have a small remainder – checked by showing it back.
    parent_of, answered, k = case
    shown = decide_shown_nodes(parent_of, answered, k)
    assert shown == decide_shown_nodes(parent_of, answered, k)  # decided the same way every time
    for node in set(parent_of) - shown:
        if subtree_total(parent_of, answered, node) < k:
            continue
        ancestors = [a for a in ancestors_or_self(parent_of, parent_of[node]) if a in shown]
        assert ancestors, f"{node} has {k} respondents and no shown ancestor, yet is hidden"


@settings(max_examples=150)
@given(closed_rounds())
def test_no_linear_combination_of_shown_results_isolates_fewer_than_k_answers(case):
    parent_of, answered, k = case
    shown = decide_shown_nodes(parent_of, answered, k)
    groups = sorted(g for g, n in answered.items() if n > 0)
    assert len(groups) <= MAX_GROUPS
    if not shown or not groups:
        return
    rows = membership_rows(parent_of, shown, groups)
    assert small_representable_sets(rows, [answered[g] for g in groups], k) == []


@st.composite
def several_rounds(draw):
    # Up to 4 invited units and 3 rounds: at most 12 (round, group) columns.
    parent_of, invited, k = draw(invitations(max_nodes=12, max_invited_units=4))
    rounds = [draw_answered(draw, parent_of, invited, k) for _ in range(draw(st.integers(2, 3)))]
    return parent_of, rounds, k


@settings(max_examples=150)
@given(several_rounds())
def test_figures_over_several_rounds_use_shown_rounds_only_and_isolate_nothing(case):
    parent_of, rounds, k = case
    shown_per_round = [decide_shown_nodes(parent_of, answered, k) for answered in rounds]
    columns = [(r, g) for r, answered in enumerate(rounds) for g in sorted(answered) if answered[g] > 0]
    if not columns:
        return
    weights = [rounds[r][g] for r, g in columns]

    def row(node, used_rounds):
        return [
            1 if r in used_rounds and g in descendants_or_self(parent_of, node) else 0 for r, g in columns
        ]

    rows = [row(node, {r}) for r, shown in enumerate(shown_per_round) for node in shown]
    for node in parent_of:
        history = [RoundFigure(str(r), node in shown, float(r)) for r, shown in enumerate(shown_per_round)]
        used = {int(figure.round_id) for figure in shown_rounds(history)}
        assert used == {r for r, shown in enumerate(shown_per_round) if node in shown}
        if used:
            assert multi_round_mean(history) == sum(used) / len(used)
            rows.append(row(node, used))  # the pooled figure, as an attacker would use it
        else:
            assert multi_round_mean(history) is None
    if rows:
        assert small_representable_sets(rows, weights, k) == []


@given(invitations())
def test_every_reporting_node_holds_at_least_k_invited_of_its_own(case):
    parent_of, invited, k = case
    reporting = assign_reporting_nodes(parent_of, invited, k)
    assert set(reporting) == set(invited)
    own = Counter()
    for unit, node in reporting.items():
        assert node in ancestors_or_self(parent_of, unit)
        own[node] += invited[unit]
        if invited[unit] >= k:
            # big enough on its own: reports at itself, unless it gave its pool to a small root
            assert node == unit or parent_of[node] is None
    assert all(n >= k for n in own.values())
    assert sum(own.values()) == sum(invited.values())


@given(closed_rounds())
def test_free_text_is_listed_once_under_a_shown_ancestor_with_its_own_pool_of_ten(case):
    parent_of, answered, k = case
    shown = decide_shown_nodes(parent_of, answered, k)
    listing = free_text_listing(parent_of, shown, answered)
    pools = Counter()
    for writer, node in listing.items():
        if node is None:
            continue
        assert node in shown
        assert node in ancestors_or_self(parent_of, writer)
        pools[node] += answered[writer]
    assert all(n >= FREE_TEXT_MIN_RESPONDENTS for n in pools.values())
    # A writer under a shown node that lists is never skipped past it to a higher one.
    for writer, node in listing.items():
        if node is not None:
            between = ancestors_or_self(parent_of, writer)
            for a in between[: between.index(node)]:
                assert a not in pools

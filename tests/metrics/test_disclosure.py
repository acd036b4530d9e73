"""The one gate (kasam.metrics.disclosure): hand-worked trees and properties over random ones."""

from itertools import combinations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kasam.metrics.disclosure import (
    AtLeastK,
    PersonHours,
    SickLeaveRule,
    Tree,
    answers_difference_passes,
    hours_difference_passes,
    people_release_allowed,
    suppress_complements,
    suppress_split,
)


def staff(prefix: str, n: int, hours: float = 8.0) -> dict[str, float]:
    return {f"{prefix}{i}": hours for i in range(n)}


def test_tree_rejects_unknown_parent_and_cycles():
    with pytest.raises(ValueError, match="not in the tree"):
        Tree({"a": "x"})
    with pytest.raises(ValueError, match="cycle"):
        Tree({"a": "b", "b": "a", "r": None})


def test_tree_zone_is_the_subtree_outside_the_marked_nodes():
    tree = Tree({"r": None, "a": "r", "b": "r", "a1": "a", "a2": "a"})
    assert sorted(tree.zone("r", {"a"})) == ["b", "r"]
    assert tree.nearest_marked_below("r", {"a1", "b"}) == ["a1", "b"]


def test_a_shown_parent_minus_its_shown_children_never_gives_a_dominated_hidden_unit():
    """The committee's remainder attack on sick leave: a parent with 2 own staff (no sick hours), a
    hidden 9-person unit in which one person has most sick hours, and a shown 20-person unit. The old
    rule let the parent and the big unit both show (the remainder counted 11 persons), so the parent
    minus the big unit gave the hidden unit's figures. The remainder is a group of its own: 11 persons,
    but one has more than half its sick hours – so the big unit is hidden too."""
    hidden_unit = {**staff("h", 8, 1.0), "boss": 100.0}
    own = {
        "P": PersonHours(staff("p", 2, 0.0)),
        "H": PersonHours(hidden_unit),
        "S": PersonHours(staff("s", 20)),
        "root": PersonHours(staff("r", 30)),
    }
    tree = Tree({"root": None, "P": "root", "H": "P", "S": "P"})
    decision = suppress_complements(tree, own, SickLeaveRule(), always_shown=["root"])
    assert "H" not in decision.shown
    assert "S" not in decision.shown
    assert {"root", "P"} <= decision.shown


def test_a_remainder_that_passes_keeps_the_siblings_shown():
    own = {
        "root": PersonHours(),
        "P": PersonHours(staff("p", 12)),
        "H": PersonHours(staff("h", 4)),
        "S": PersonHours(staff("s", 20)),
    }
    tree = Tree({"root": None, "P": "root", "H": "P", "S": "P"})
    decision = suppress_complements(tree, own, SickLeaveRule(), always_shown=["root"])
    assert decision.shown == {"root", "P", "S"}
    assert decision.remainders["P"].persons == 16


def test_pulse_remainder_hides_the_smallest_then_the_tie_break_then_the_id():
    tree = Tree({"r": None, "a": "r", "b": "r", "c": "r"})
    # r holds 2 of its own: its remainder (2) fails, so the smallest child goes.
    own = {"r": 2, "a": 5, "b": 5, "c": 9}
    assert suppress_complements(tree, own, AtLeastK(5)).shown == {"r", "b", "c"}
    # The tie-break prefers hiding the one hidden in fewer earlier rounds.
    hidden_before = {"a": 3, "b": 0}
    decision = suppress_complements(tree, own, AtLeastK(5), tie_break=lambda n: hidden_before.get(n, 0))
    assert decision.shown == {"r", "a", "c"}


def test_split_pairs_a_lone_hidden_group_with_the_smallest_other():
    rule = AtLeastK(5)
    assert suppress_split([3, 8, 6], rule) == [True, False, True]
    assert suppress_split([0, 8, 6], rule) == [False, False, False]
    assert suppress_split([3, 2, 9], rule) == [True, True, False]


def test_difference_rules():
    assert answers_difference_passes({"a": 1, "b": 2}, {"a": 1, "b": 2}, 3)
    assert not answers_difference_passes({"a": 1, "b": 2}, {"a": 1, "b": 3}, 3)
    assert answers_difference_passes({}, {"a": 1, "b": 2, "c": 3}, 3)
    before = staff("p", 20)
    assert hours_difference_passes(before, before)
    assert not hours_difference_passes(before, {**before, "p0": 9.0})
    after = {person: hours + 1 for person, hours in before.items()}
    assert hours_difference_passes(before, after)


def test_people_release_needs_k_new_answers_and_k_changes_each_way():
    eleven = {f"l{i}": 3 for i in range(11)}
    ten = {person: score for person, score in eleven.items() if person != "l0"}
    # One leader leaves: the release may not be recomputed over the ten.
    assert not people_release_allowed(eleven, ten, answers_since=0, k=5)
    assert not people_release_allowed(eleven, ten, answers_since=5, k=5)
    # Five new leaders and five answers since: allowed.
    grown = {**eleven, **{f"n{i}": 4 for i in range(5)}}
    assert people_release_allowed(eleven, grown, answers_since=5, k=5)
    # One edited answer among five new: removed = 1 – not allowed.
    edited = {**grown, "l1": 5}
    assert not people_release_allowed(eleven, edited, answers_since=6, k=5)
    assert not people_release_allowed({}, {"a": 1, "b": 1}, 2, 3)
    assert people_release_allowed({}, {"a": 1, "b": 1, "c": 1}, 3, 3)


@st.composite
def counted_trees(draw):
    size = draw(st.integers(1, 14))
    parent_of: dict[str, str | None] = {"n0": None}
    for i in range(1, size):
        parent_of[f"n{i}"] = f"n{draw(st.integers(0, i - 1))}"
    own = {node: draw(st.integers(0, 9)) for node in parent_of}
    return parent_of, own


@settings(max_examples=300, deadline=None)
@given(counted_trees(), st.integers(3, 6))
def test_no_combination_of_shown_nodes_isolates_fewer_than_k(tree_and_counts, k):
    parent_of, own = tree_and_counts
    tree = Tree(parent_of)
    decision = suppress_complements(tree, own, AtLeastK(k))
    totals = tree.subtree_sums(own)
    for node in decision.shown:
        assert totals[node] >= k
        nearest = tree.nearest_marked_below(node, decision.shown)
        remainder = totals[node] - sum(totals[d] for d in nearest)
        assert remainder == 0 or remainder >= k
    # Any node minus any set of shown nodes nested in it is 0 or at least k.
    shown = sorted(decision.shown)
    for node in shown:
        below = [d for d in shown if d != node and node in tree.ancestors_or_self(d)]
        for n in range(1, min(len(below), 3) + 1):
            for subset in combinations(below, n):
                if any(a != b and a in tree.ancestors_or_self(b) for a in subset for b in subset):
                    continue
                difference = totals[node] - sum(totals[d] for d in subset)
                assert difference == 0 or difference >= k

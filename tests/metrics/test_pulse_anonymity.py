"""The pulse's disclosure rules (docs/definitions.md "Anonymity rules"), hand-worked on small trees."""

import random

import pytest

from kasam.metrics.anonymity import (
    PULSE_K_DEFAULT,
    PULSE_K_MIN,
    RoundFigure,
    assign_reporting_nodes,
    check_k,
    decide_shown_nodes,
    free_text_listing,
    mask_names,
    multi_round_mean,
    release_free_text,
    release_round,
    repool_by_respondents,
    respondents_in_subtrees,
    response_rate_shown,
    shown_after_repooling,
    shown_rounds,
    signal_from_history,
    subtree_members,
    times_hidden,
    visible_for_viewer,
)
from kasam.metrics.pulse import DimensionResult

# ------------------------------------------------------------------------------------------------ k


def test_k_defaults_to_five_and_is_never_below_three():
    assert (PULSE_K_DEFAULT, PULSE_K_MIN) == (5, 3)
    assert check_k(3) == 3
    assert check_k(5) == 5
    for bad in (2, 0, -5, True, 5.0, "5", None):
        with pytest.raises(ValueError):
            check_k(bad)


def test_every_rule_with_a_k_refuses_k_below_three():
    tree = {"R": None}
    with pytest.raises(ValueError):
        assign_reporting_nodes(tree, {"R": 10}, 2)
    with pytest.raises(ValueError):
        decide_shown_nodes(tree, {"R": 10}, 2)
    with pytest.raises(ValueError):
        response_rate_shown(10, 5, 2)


# ----------------------------------------------------------------------------- rule 1: reporting nodes

#   R (0 invited)
#   ├── A (2)          pool 2 + A1's 1 = 3 → too few of its own: passes to R
#   │   ├── A1 (1)     pool 1 → passes to A
#   │   └── A2 (6)     pool 6 → itself
#   └── B (3)          pool 3 → passes to R;  R: 3 + 3 = 6 → R
TREE_1 = {"R": None, "A": "R", "A1": "A", "A2": "A", "B": "R"}


def test_each_reporting_node_holds_at_least_k_invited_of_its_own():
    invited = {"A": 2, "A1": 1, "A2": 6, "B": 3, "R": 0}
    assert assign_reporting_nodes(TREE_1, invited, 5) == {"A": "R", "A1": "R", "A2": "A2", "B": "R"}
    # With k = 3: A's pool of 3 (its own 2 and A1's 1) is enough, and so is B's.
    assert assign_reporting_nodes(TREE_1, invited, 3) == {"A": "A", "A1": "A", "A2": "A2", "B": "B"}


def test_a_parent_with_two_of_its_own_and_large_children_is_not_a_reporting_node_of_two():
    """The old rule counted the whole subtree: P (2 of its own, children of 6 and 7) reported its two at
    P, and one SQL join then named the only two invitees of that reporting node."""
    tree = {"R": None, "P": "R", "C1": "P", "C2": "P", "Q": "R"}
    invited = {"P": 2, "C1": 6, "C2": 7, "Q": 5}
    reporting = assign_reporting_nodes(tree, invited, 5)
    assert reporting == {"C1": "C1", "C2": "C2", "P": "R", "Q": "R"}
    # R's pool is P's 2: between 1 and k − 1, so the smallest reporting node below (Q, 5 – fewer
    # than C1's 6) gives its pool to the root.
    tree = {"R": None, "P": "R", "C1": "P", "C2": "P"}
    assert assign_reporting_nodes(tree, {"P": 2, "C1": 6, "C2": 6}, 5) == {"C1": "R", "C2": "C2", "P": "R"}


def test_the_root_takes_reporting_nodes_until_it_holds_k_smallest_first():
    tree = {"R": None, "A": "R", "B": "R", "C": "R"}
    # R's own 1: A (5) and B (5) tie on size → the lowest id, A, gives its pool; 6 ≥ 5.
    assert assign_reporting_nodes(tree, {"R": 1, "A": 5, "B": 5, "C": 9}, 5) == {
        "A": "R",
        "B": "B",
        "C": "C",
        "R": "R",
    }


def test_a_round_with_fewer_than_k_invited_does_not_open():
    with pytest.raises(ValueError, match="does not open"):
        assign_reporting_nodes({"R": None, "A": "R"}, {"R": 1, "A": 2}, 5)


def test_answers_are_repooled_by_respondents_so_every_stored_group_has_k_or_none():
    #   R ── A (reporting node, 2 answered) → too few: passes to R
    #     ── B (reporting node, 6 answered) → stays
    #     ── C (reporting node, 0 answered) → an empty group, stays where it is (not in the result)
    tree = {"R": None, "A": "R", "B": "R", "C": "R"}
    assert repool_by_respondents(tree, {"A": 2, "B": 6, "C": 0}, 5) == {"A": "R", "B": "R"}
    assert repool_by_respondents(tree, {"A": 5, "B": 6, "C": 0}, 5) == {"A": "A", "B": "B"}
    # Tie at the root: fewest respondents, then the lowest id.
    assert repool_by_respondents(tree, {"R": 1, "A": 6, "B": 5, "C": 5}, 5) == {
        "A": "A",
        "B": "R",
        "C": "C",
        "R": "R",
    }
    # Fewer than k respondents in the whole round: its answers are deleted.
    assert repool_by_respondents(tree, {"A": 2, "B": 2}, 5) is None


def test_a_broken_tree_or_an_unknown_unit_is_refused():
    with pytest.raises(ValueError, match="not in the tree"):
        assign_reporting_nodes({"R": None}, {"X": 5}, 5)
    with pytest.raises(ValueError, match="not in the tree"):
        decide_shown_nodes({"R": None, "A": "Q"}, {"A": 5}, 5)
    with pytest.raises(ValueError, match="cycle"):
        decide_shown_nodes({"R": None, "A": "B", "B": "A"}, {"R": 5}, 5)
    with pytest.raises(ValueError, match="negative"):
        decide_shown_nodes({"R": None}, {"R": -1}, 5)


# ------------------------------------------------------------------------------- rules 2 and 3: shown


def test_a_node_with_fewer_than_k_respondents_is_hidden():
    #   R (8) ── A (6)
    #        └── B (2): hidden (rule 2) – and R − A = 2 would give it, so A is hidden too (rule 3)
    tree = {"R": None, "A": "R", "B": "R"}
    assert decide_shown_nodes(tree, {"A": 6, "B": 2}, 5) == frozenset({"R"})
    assert decide_shown_nodes(tree, {"A": 6, "B": 5}, 5) == frozenset({"R", "A", "B"})


def test_a_parent_with_no_respondents_of_its_own_beside_one_shown_child_is_shown_with_it():
    #   R (6) ── A (6): the remainder R − A is 0
    assert decide_shown_nodes({"R": None, "A": "R"}, {"A": 6}, 5) == frozenset({"R", "A"})


def test_rule_three_hides_the_smallest_shown_child_and_on_a_tie_the_lowest_unit_id():
    #   R (12)
    #   ├── A (5)   ┐ tie on fewest respondents: A, the lower id, is hidden;
    #   ├── B (5)   ┘ then R − B = 7 ≥ 5 and B stays
    #   └── C (2)   hidden (rule 2); R − A − B = 2 would give it
    tree = {"R": None, "A": "R", "B": "R", "C": "R"}
    assert decide_shown_nodes(tree, {"A": 5, "B": 5, "C": 2}, 5) == frozenset({"R", "B"})
    # Without the tie the smaller child goes whatever its id.
    assert decide_shown_nodes(tree, {"A": 6, "B": 5, "C": 2}, 5) == frozenset({"R", "A"})


def test_rule_three_repeats_until_the_remainder_is_large_enough():
    #   R (13)
    #   ├── A (5)
    #   ├── B (6)
    #   └── own 2 → R − A − B = 2: hide A; R − B = 7: holds.
    tree = {"R": None, "A": "R", "B": "R"}
    assert decide_shown_nodes(tree, {"R": 2, "A": 5, "B": 6}, 5) == frozenset({"R", "B"})
    # Own 1 and children of 1, 2 and 5 → R − C = 4 < 5 → hide C: R alone (its remainder is itself).
    tree = {"R": None, "A": "R", "B": "R", "C": "R"}
    assert decide_shown_nodes(tree, {"R": 1, "A": 1, "B": 2, "C": 5}, 5) == frozenset({"R"})


def test_a_hidden_child_makes_its_shown_grandchildren_the_nearest_shown_descendants():
    #   R (16, 4 of its own)
    #   └── A (12)        R − A = 4: A is hidden
    #       ├── B (10)    now R's nearest shown descendant: R − B = 6 ≥ 5, B stays
    #       └── C (2)     hidden
    # Settled top-down: A is hidden for R's sake and is not settled itself, so B, whose hiding A would
    # have needed (A − B = 2), stays shown.
    tree = {"R": None, "A": "R", "B": "A", "C": "A"}
    assert decide_shown_nodes(tree, {"R": 4, "B": 10, "C": 2}, 5) == frozenset({"R", "B"})


def test_respondents_are_summed_over_subtrees():
    assert respondents_in_subtrees(TREE_1, {"A": 1, "A2": 6, "R": 3}) == {
        "R": 10,
        "A": 7,
        "A1": 0,
        "A2": 6,
        "B": 0,
    }
    assert subtree_members(TREE_1, ["A", "B"]) == {"A": {"A", "A1", "A2"}, "B": {"B"}}


# ------------------------------------------------------------------------------------ response rate


def test_the_response_rate_is_rounded_to_the_nearest_five_percent():
    assert response_rate_shown(9, 7, 5) == 80  # 77.8 %
    assert response_rate_shown(9, 2, 5) == 20  # 22.2 %
    assert response_rate_shown(20, 20, 5) == 100
    assert response_rate_shown(5, 0, 5) == 0
    assert response_rate_shown(100, 2, 5) == 0  # 2 % → 0 %


def test_exact_halves_of_the_response_rate_round_up():
    assert response_rate_shown(8, 1, 5) == 15  # 12.5 %
    assert response_rate_shown(8, 3, 5) == 40  # 37.5 %
    assert response_rate_shown(40, 1, 5) == 5  # 2.5 %
    assert response_rate_shown(40, 39, 5) == 100  # 97.5 %


def test_the_response_rate_needs_k_invited():
    assert response_rate_shown(4, 4, 5) is None
    assert response_rate_shown(4, 4, 3) == 100
    assert response_rate_shown(0, 0, 3) is None
    with pytest.raises(ValueError):
        response_rate_shown(5, 6, 5)


# --------------------------------------------------------------------------------- rule 4: the viewer


def test_a_viewer_sees_the_shown_nodes_within_their_scope_only():
    shown = frozenset({"R", "A", "B"})
    assert visible_for_viewer(shown, {"A", "A1", "A2"}) == {"A"}
    assert visible_for_viewer(shown, []) == set()


# -------------------------------------------------------------------------------- rule 5: free text

#   R (30 respondents)
#   ├── A (12)
#   │   ├── A1 (6)
#   │   └── A2 (6)
#   └── B (18)
TREE_5 = {"R": None, "A": "R", "A1": "A", "A2": "A", "B": "R"}
RESPONDENTS_5 = {"R": 30, "A": 12, "A1": 6, "A2": 6, "B": 18}


def test_free_text_is_listed_under_the_lowest_shown_node_whose_own_pool_has_ten():
    shown = frozenset(RESPONDENTS_5)
    own = {"A1": 6, "A2": 6, "B": 18}
    assert free_text_listing(TREE_5, shown, own) == {"A1": "A", "A2": "A", "B": "B"}
    # A hidden: A1 and A2 pass to R, whose own pool is then 12.
    assert free_text_listing(TREE_5, shown - {"A"}, own) == {"A1": "R", "A2": "R", "B": "B"}
    # Nothing shown above A1: never listed.
    assert free_text_listing(TREE_5, frozenset({"A1"}), own)["A1"] is None


def test_a_parent_lists_only_its_own_pool_not_its_whole_subtree():
    """The old rule listed under the smallest shown node with 10 respondents in its SUBTREE: P (7 of its
    own, a child C of 20) listed its 7 own writers' comments, so P's list minus nothing was a group of
    7. Now P's own pool of 7 passes to R; R's own pool is 7 + 3 = 10 and lists them."""
    tree = {"R": None, "P": "R", "C": "P"}
    own = {"R": 3, "P": 7, "C": 20}
    listing = free_text_listing(tree, frozenset(tree), own)
    assert listing == {"C": "C", "P": "R", "R": "R"}
    # Without R's own 3 the pool reaches the top below 10: not shown at all.
    assert free_text_listing(tree, frozenset(tree), {"P": 7, "C": 20}) == {"C": "C", "P": None}


def test_free_text_never_with_fewer_than_ten_and_never_for_a_stranger():
    with pytest.raises(ValueError):
        free_text_listing(TREE_5, frozenset(RESPONDENTS_5), {"A1": 6}, min_respondents=5)
    with pytest.raises(ValueError):
        free_text_listing(TREE_5, frozenset(RESPONDENTS_5), {"X": 12})


def test_rule_three_on_a_tie_hides_the_one_hidden_in_fewer_earlier_rounds():
    # R − A − B − C = 2 → one of A and B (5 each) must go; A, the lower id, was hidden twice before.
    tree = {"R": None, "A": "R", "B": "R", "C": "R"}
    own = {"R": 2, "A": 5, "B": 5, "C": 9}
    assert decide_shown_nodes(tree, own, 5) == frozenset({"R", "B", "C"})
    assert decide_shown_nodes(tree, own, 5, hidden_before={"A": 2, "B": 1}) == frozenset({"R", "A", "C"})
    # How often: hidden while its subtree had k respondents.
    earlier = [(tree, own, {"R", "B", "C"}, 5), (tree, {"A": 2, "B": 9}, {"R", "B"}, 5)]
    assert times_hidden(earlier) == {"A": 1}


def test_names_are_masked_with_swedish_letters_and_any_case():
    names = ["Åsa", "Örjan", "Lindström"]
    text = "Åsa och ÖRJAN hjälpte till, och åsa ringde lindström."
    assert mask_names(text, names) == "[namn] och [namn] hjälpte till, och [namn] ringde [namn]."


def test_names_inside_other_words_are_left_alone():
    names = ["Bo", "Eva", "Åsa", "Ek"]
    text = "Boendet har en bra evaluering; Åsaka och eken. Bo, Eva!"
    assert mask_names(text, names) == "Boendet har en bra evaluering; Åsaka och eken. [namn], [namn]!"


def test_genitives_hyphenated_names_and_short_names():
    names = ["Anna-Karin", "Örjan", "E", "Li"]
    assert mask_names("Örjans idé", names) == "[namn] idé"
    assert mask_names("Anna-Karin och Karin", names) == "[namn] och [namn]"
    assert mask_names("Karin-Li", names) == "[namn]-[namn]"
    assert mask_names("E och Li", names) == "E och [namn]"  # names under 2 letters are not masked
    assert mask_names("Inga namn här", []) == "Inga namn här"


def test_free_text_is_released_masked_and_shuffled():
    texts = [f"Tack Anna nummer {i}" for i in range(20)]
    released = release_free_text(texts, ["Anna"], rng=random.Random(1))
    assert sorted(released) == sorted(f"Tack [namn] nummer {i}" for i in range(20))
    assert released != [f"Tack [namn] nummer {i}" for i in range(20)]


# ------------------------------------------------------------------------------ over several rounds

S = frozenset({"b1", "b2"})


def test_a_figure_over_several_rounds_drops_the_rounds_where_the_node_was_hidden():
    history = [
        RoundFigure("r1", True, 70.0, S),
        RoundFigure("r2", False, None, S),
        RoundFigure("r3", False, 10.0, S),  # hidden: even a figure handed in is never used
        RoundFigure("r4", True, 80.0, S),
    ]
    assert [f.round_id for f in shown_rounds(history)] == ["r1", "r4"]
    assert multi_round_mean(history) == 75.0
    assert multi_round_mean(history[1:3]) is None


def test_the_signal_uses_the_last_three_shown_rounds_with_the_same_statements():
    history = [
        RoundFigure("r1", True, 70.0, S),
        RoundFigure("r2", True, 90.0, frozenset({"b1", "b3"})),  # other statements
        RoundFigure("r3", False, 10.0, S),  # hidden
        RoundFigure("r4", True, 70.0, S),
    ]
    now = RoundFigure("r5", True, 60.0, S)
    assert not signal_from_history(history, now)  # only two comparable rounds
    history.append(RoundFigure("r4b", True, 70.0, S))
    assert signal_from_history(history, now)
    assert not signal_from_history(history, RoundFigure("r5", False, 60.0, S))


# ------------------------------------------------------------------------------------ one round's gate


def test_a_round_is_released_with_figures_of_shown_nodes_only():
    #   R (8) ── A (6)
    #        └── B (2) → only R is shown (see above)
    tree = {"R": None, "A": "R", "B": "R"}
    answers = [("A", "s1", 5)] * 6 + [("B", "s1", 1)] * 2
    release = release_round(tree, answers, {"A": 6, "B": 2}, {"s1": "hanterbarhet"}, 5)
    assert release.shown == frozenset({"R"})
    assert release.respondents == {"R": 8}
    assert release.results == {"R": {"hanterbarhet": DimensionResult(index=75.0, favourable_pct=75.0)}}
    assert release.for_viewer({"A"}) == set()
    assert release.for_viewer({"R", "A", "B"}) == {"R"}


def test_after_repooling_an_old_round_nothing_shows_more_than_before():
    #   R ── A (stored 8) ── A1 (stored 2: moves to A)
    #     └─ B (stored 6)
    tree = {"R": None, "A": "R", "A1": "A", "B": "R"}
    stored_at = {"A1": "A", "A": "A", "B": "B"}
    after = {"A": 10, "B": 6}
    # A1 lost its members: hidden; A, B and R keep their members and figures.
    assert shown_after_repooling(tree, stored_at, after, {"R", "A", "B"}, 5) == {"R", "A", "B"}
    # A node hidden before stays hidden.
    assert shown_after_repooling(tree, stored_at, after, {"R", "A"}, 5) == {"R", "A"}
    # A changed node with k respondents left keeps showing its re-pooled figure.
    tree = {"R": None, "A": "R", "A1": "A", "A2": "A"}
    stored_at = {"A1": "R", "A2": "A2", "R": "R"}
    assert shown_after_repooling(tree, stored_at, {"R": 7, "A2": 6}, {"R", "A", "A2"}, 5) == {"R", "A", "A2"}

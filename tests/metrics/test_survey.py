"""The employee survey's computation core (kasam.metrics.survey): HME, NMI and eNPS worked by hand,
partial respondents, the disclosure gate over the tree (with the per-item gate), splits, the gap
analysis, and a property test that no figure the gate hides ever appears."""

from collections import Counter

import polars as pl
import pytest
from hypothesis import given
from hypothesis import strategies as st

from kasam.metrics.survey import (
    ENPS_ITEM,
    HME_ITEMS,
    HME_SUBINDICES,
    INDEX_ITEMS,
    ITEMS,
    NMI_DEFINITION,
    NMI_ITEMS,
    SCALES,
    GapRow,
    SurveyDecision,
    Withdrawal,
    answer_problems,
    check_item_counts,
    check_value,
    counts_from_answers,
    decide,
    gap_analyses,
    gap_analysis,
    gender_split,
    item_indices,
    node_figures,
    pool_by_respondents,
    pool_cells,
    repooled_decision,
    rounded,
    rounded_figures,
    survey_figures,
    tree_order,
    tree_results,
)

# Six respondents of one unit; one list per item, respondent 1 … 6 in order.
#
#   hme1 5 4 4 3 5 4  sum 25, mean 4.1667, index 25 × 3.1667 = 79.1667
#   hme2 3 3 4 4 2 3  sum 19, mean 3.1667, index 54.1667
#   hme3 5 5 5 4 4 4  sum 27, mean 4.5,    index 87.5
#        motivation = (79.1667 + 54.1667 + 87.5) / 3 = 220.8333 / 3 = 73.6111 → 73.61
#   hme4 2 2 3 3 4 4  mean 3,   index 50
#   hme5 1 2 3 4 5 3  mean 3,   index 50
#   hme6 4 4 4 4 4 4  mean 4,   index 75
#        ledarskap = 175 / 3 = 58.3333 → 58.33
#   hme7 5 5 5 5 5 5  index 100
#   hme8 1 1 1 1 1 1  index 0
#   hme9 3 4 3 4 3 4  mean 3.5, index 62.5
#        styrning = 162.5 / 3 = 54.1667 → 54.17
#   total = (220.8333 + 175 + 162.5) / 9 = 558.3333 / 9 = 62.0370 → 62.04
#   nmi1 8 9 10 7 8 6     mean 8
#   nmi2 5 6 7 8 9 10     mean 7.5
#   nmi3 10 10 10 10 10 1 mean 8.5
#        NMI = ((8 + 7.5 + 8.5) / 3 − 1) / 9 × 100 = (8 − 1) / 9 × 100 = 77.7778 → 77.78
#   enps 10 9 9 7 6 3     promoters 3 (9–10), detractors 2 (0–6): (3 − 2) / 6 × 100 = 16.6667 → 16.67
SIX = {
    "hme1": [5, 4, 4, 3, 5, 4],
    "hme2": [3, 3, 4, 4, 2, 3],
    "hme3": [5, 5, 5, 4, 4, 4],
    "hme4": [2, 2, 3, 3, 4, 4],
    "hme5": [1, 2, 3, 4, 5, 3],
    "hme6": [4, 4, 4, 4, 4, 4],
    "hme7": [5, 5, 5, 5, 5, 5],
    "hme8": [1, 1, 1, 1, 1, 1],
    "hme9": [3, 4, 3, 4, 3, 4],
    "nmi1": [8, 9, 10, 7, 8, 6],
    "nmi2": [5, 6, 7, 8, 9, 10],
    "nmi3": [10, 10, 10, 10, 10, 1],
    "enps": [10, 9, 9, 7, 6, 3],
}
SIX_R = {
    "respondents": 6,
    "shown": True,
    "hme": {"total": 62.04, "motivation": 73.61, "ledarskap": 58.33, "styrning": 54.17},
    "nmi": 77.78,
    "enps": 16.67,
}


def counts(answers: dict[str, list[int | None]]) -> dict[str, dict[int, int]]:
    """{item: {value: count}} from per-item answer lists (None = skipped)."""
    return {item: dict(Counter(v for v in values if v is not None)) for item, values in answers.items()}


def skip(answers: dict, item: str, respondents: list[int]) -> dict:
    """A copy of `answers` where the given respondents (0-based) skipped `item`."""
    changed = dict(answers)
    changed[item] = [None if i in respondents else v for i, v in enumerate(answers[item])]
    return changed


def rows(answers: dict, unit: str, prefix: str) -> list[dict]:
    return [
        {"respondent_id": f"{prefix}{i}", "unit_id": unit, "item": item, "value": value}
        for item, values in answers.items()
        for i, value in enumerate(values)
        if value is not None
    ]


# ----------------------------------------------------------------------------------- items and scales


def test_items_and_scales():
    assert tuple(f"hme{i}" for i in range(1, 10)) == HME_ITEMS
    assert HME_SUBINDICES == {
        "motivation": ("hme1", "hme2", "hme3"),
        "ledarskap": ("hme4", "hme5", "hme6"),
        "styrning": ("hme7", "hme8", "hme9"),
    }
    assert NMI_ITEMS == ("nmi1", "nmi2", "nmi3") and ENPS_ITEM == "enps" and len(ITEMS) == 13
    assert SCALES["hme1"] == (1, 5) and SCALES["nmi2"] == (1, 10) and SCALES["enps"] == (0, 10)
    assert NMI_DEFINITION == "mean-of-three-means-1-10"


@pytest.mark.parametrize(
    ("item", "value"), [("hme1", 0), ("hme1", 6), ("nmi1", 0), ("nmi1", 11), ("enps", -1), ("enps", 11)]
)
def test_values_off_the_scale_are_refused(item, value):
    with pytest.raises(ValueError, match=item):
        check_value(item, value)


def test_bad_counts_are_refused():
    assert check_value("enps", 0) == 0
    for bad in (
        {"hme10": {3: 1}},
        {"hme1": {3: -1}},
        {"hme1": {3.0: 1}},
        {"hme1": {True: 1}},
        {"hme1": {3: 1.5}},
    ):
        with pytest.raises(ValueError):
            check_item_counts(bad)
    with pytest.raises(ValueError, match="only 2 respondents"):
        check_item_counts({"hme1": {3: 3}}, respondents=2)


# ------------------------------------------------------------------------------------------ one node


def test_six_respondents_by_hand():
    assert rounded_figures(node_figures(6, counts(SIX), k=5)) == SIX_R


def test_item_indices_by_hand():
    indices = item_indices(counts(SIX), k=5)
    assert set(indices) == set(INDEX_ITEMS)  # no eNPS
    expected = {"hme1": 79.1667, "hme2": 54.1667, "hme3": 87.5, "hme4": 50, "hme8": 0, "hme9": 62.5}
    # NMI items on 0–100: (mean − 1) / 9 × 100 – nmi1 (8 − 1) / 9 × 100 = 77.78, nmi2 72.22, nmi3 83.33
    expected |= {"nmi1": 77.7778, "nmi2": 72.2222, "nmi3": 83.3333}
    for item, value in expected.items():
        assert indices[item] == pytest.approx(value, abs=1e-4), item


def test_a_skipped_item_hides_its_subindex_and_the_total_only():
    # Respondents 5 and 6 skipped hme2: 4 answers < k = 5.
    figures = rounded_figures(node_figures(6, counts(skip(SIX, "hme2", [4, 5])), k=5))
    assert figures["hme"] == {"total": None, "motivation": None, "ledarskap": 58.33, "styrning": 54.17}
    assert figures["nmi"] == 77.78 and figures["enps"] == 16.67
    assert item_indices(counts(skip(SIX, "hme2", [4, 5])), k=5)["hme2"] is None


def test_with_k_3_the_item_uses_all_its_answers():
    # hme2 over respondents 1–4: 3 3 4 4, mean 3.5, index 62.5; motivation = (79.1667 + 62.5 + 87.5) / 3
    # = 229.1667 / 3 = 76.3889 → 76.39; total = (229.1667 + 175 + 162.5) / 9 = 566.6667 / 9 = 62.96
    figures = rounded_figures(node_figures(6, counts(skip(SIX, "hme2", [4, 5])), k=3))
    assert figures["hme"] == {"total": 62.96, "motivation": 76.39, "ledarskap": 58.33, "styrning": 54.17}


def test_nmi_needs_each_of_its_three_items():
    figures = rounded_figures(node_figures(6, counts(skip(SIX, "nmi3", [0, 1])), k=5))
    assert figures["nmi"] is None and figures["hme"]["total"] == 62.04 and figures["enps"] == 16.67
    # nmi3 over respondents 3–6: 10 10 10 1, mean 7.75; NMI = ((8 + 7.5 + 7.75) / 3 − 1) / 9 × 100
    # = (7.75 − 1) / 9 × 100 = 75.0
    assert node_figures(6, counts(skip(SIX, "nmi3", [0, 1])), k=4)["nmi"] == 75.0


@pytest.mark.parametrize(
    ("values", "expected"),
    [
        ([10, 10, 9, 9, 10], 100.0),  # all promoters
        ([0, 6, 3, 5, 1], -100.0),  # all detractors
        ([7, 8, 7, 8, 8], 0.0),  # all passive
        ([9, 10, 7, 8, 6], 20.0),  # 2 − 1 of 5
        ([9, 10, 6, 6, 6, 7], -16.67),  # (2 − 3) / 6 = −16.667
    ],
)
def test_enps(values, expected):
    assert rounded(node_figures(len(values), {"enps": dict(Counter(values))}, k=5)["enps"]) == expected


def test_enps_needs_k_answers_and_items_not_asked_are_none():
    figures = node_figures(6, {"enps": {10: 4}, "hme1": {5: 6}}, k=5)
    assert figures["enps"] is None and figures["nmi"] is None
    assert figures["hme"] == {"total": None, "motivation": None, "ledarskap": None, "styrning": None}
    assert figures["shown"] is True


def test_a_node_below_k_or_hidden_by_the_gate_shows_nothing_but_its_respondents():
    hidden = {
        "respondents": 4,
        "shown": False,
        "hme": {"total": None, "motivation": None, "ledarskap": None, "styrning": None},
        "nmi": None,
        "enps": None,
    }
    four = {item: values[:4] for item, values in SIX.items()}
    assert node_figures(4, counts(four), k=5) == hidden
    assert node_figures(6, counts(SIX), k=5, shown=False) == {**hidden, "respondents": 6}
    assert node_figures(4, counts(four), k=4)["shown"] is True


def test_k_is_never_below_3():
    for bad in (2, 0, "5", 5.0, True):
        with pytest.raises(ValueError):
            node_figures(6, counts(SIX), k=bad)


def test_more_answers_than_respondents_is_refused():
    with pytest.raises(ValueError, match="respondents"):
        node_figures(5, counts(SIX), k=5)


# ----------------------------------------------------------------------------------------- from answers


def test_counts_from_answers():
    frame = pl.DataFrame(rows(SIX, "U1", "a") + rows(skip(SIX, "hme2", [0, 1]), "U2", "b"))
    result = counts_from_answers(frame)
    assert result.respondents == {"U1": 6, "U2": 6}
    assert result.item_counts["U1"] == counts(SIX)
    assert result.item_counts["U2"]["hme2"] == {4: 2, 2: 1, 3: 1}
    assert rounded_figures(node_figures(6, result.item_counts["U1"], k=5)) == SIX_R


def test_counts_from_answers_accepts_values_as_text():
    frame = pl.DataFrame(rows(SIX, "U1", "a")).with_columns(pl.col("value").cast(pl.String))
    assert counts_from_answers(frame).item_counts["U1"] == counts(SIX)


def test_counts_from_answers_refuses_bad_rows():
    good = rows(SIX, "U1", "a")
    with pytest.raises(ValueError, match="off hme1's scale"):
        counts_from_answers(
            pl.DataFrame([*good, {"respondent_id": "x", "unit_id": "U1", "item": "hme1", "value": 7}])
        )
    with pytest.raises(ValueError, match="twice"):
        counts_from_answers(pl.DataFrame([*good, good[0]]))


def test_answer_problems_in_row_order_with_a_total():
    frame = pl.DataFrame(
        {
            "respondent_id": ["a", "a", "b", "b", "c", "", "d"],
            "unit_id": ["U", "U", "U", "V", "U", "U", "W"],
            "item": ["hme1", "hme1", "nmi1", "enps", "HME2", "hme3", "hme4"],
            "value": ["3", "4", "10", "x", "3", "3", "2.0"],
            "_line": [2, 3, 4, 5, 6, 7, 9],
        }
    )
    problems, total = answer_problems(frame, known_units={"U", "V"}, line_column="_line")
    assert [(p.row, p.column) for p in problems] == [
        (3, "item"),  # a answered hme1 twice
        (5, "unit_id"),  # b is in unit U on line 4
        (5, "value"),  # x
        (6, "item"),  # HME2 is not an item name (the command lower-cases first)
        (7, "respondent_id"),
        (9, "unit_id"),  # W
        (9, "value"),  # 2.0 is not a whole number
    ]
    assert total == 7
    assert "first on line 2" in problems[0].message and "'U' on line 4" in problems[1].message
    assert answer_problems(frame, limit=2)[0][0].row == 1  # without a line column: 0-based rows
    assert len(answer_problems(frame, limit=2)[0]) == 2 and answer_problems(frame, limit=2)[1] == 6


# ------------------------------------------------------------------------------------------- the tree


def test_tree_order_is_parent_before_subtree_children_by_id():
    parent_of = {"R": None, "B": "R", "A": "R", "A2": "A", "A1": "A", "B1": "B"}
    assert tree_order(parent_of) == ["R", "A", "A1", "A2", "B", "B1"]
    with pytest.raises(ValueError, match="cycle"):
        tree_order({"R": None, "X": "Y", "Y": "X"})
    with pytest.raises(ValueError, match="not a unit"):
        tree_order({"R": None, "X": "Q"})


def test_small_units_are_pooled_so_no_remainder_is_small():
    # R (0 own) with A 5, B 7, C 2 respondents. C's 2 pass up to R, the top, which – below 5 – takes
    # the smallest group below it, A's 5, into its own: groups R (7: A and C) and B (7). R and B are
    # shown, A and C hold nothing of their own (the old gate showed R and B too, hiding A by rule 3).
    parent_of = {"R": None, "A": "R", "B": "R", "C": "R"}
    five = {item: values[:5] for item, values in SIX.items()}
    per_unit = {"A": counts(five), "B": counts({i: v + v[:1] for i, v in SIX.items()}), "C": counts(five)}
    per_unit["C"] = {item: dict(Counter(values[:2])) for item, values in SIX.items()}
    assert pool_by_respondents(parent_of, {"A": 5, "B": 7, "C": 2}, 5).group_of == {
        "A": "R",
        "B": "B",
        "C": "R",
    }
    results = tree_results(parent_of, {"A": 5, "B": 7, "C": 2}, per_unit, k=5)
    assert results.shown == {"R", "B"}
    assert [unit for unit in results.units] == ["R", "A", "B", "C"]
    assert {u: r["respondents"] for u, r in results.units.items()} == {"R": 14, "A": 0, "B": 7, "C": 0}
    assert results.units["A"]["shown"] is False and results.units["A"]["hme"]["total"] is None
    assert results.organisation["respondents"] == 14 and results.organisation["shown"] is True
    assert results.organisation == results.units["R"]
    assert set(results.items) == {"R", "B"}
    assert results.as_json()["units"][0] == {"unit": "R", **rounded_figures(results.units["R"])}


def test_pooling_is_bottom_up_with_the_root_taking_the_smallest_group():
    tree = {"R": None, "P": "R", "P1": "P", "P2": "P", "Q": "R"}
    # P has 2 of its own and large children: P1 and P2 are groups, P's 2 pass to R (not a group of 2).
    pooled = pool_by_respondents(tree, {"P": 2, "P1": 6, "P2": 5, "Q": 8}, 5)
    assert pooled.sizes == {"P1": 6, "Q": 8, "R": 7}  # R took P2's 5: 2 + 5
    assert pooled.group_of["P"] == "R" and pooled.group_of["P2"] == "R"
    # Tie: the lowest unit id gives its pool.
    assert pool_by_respondents({"R": None, "B": "R", "A": "R"}, {"R": 1, "A": 5, "B": 5}, 5).sizes == {
        "B": 5,
        "R": 6,
    }
    # Fewer than k in all: nothing is pooled.
    assert pool_by_respondents({"R": None, "A": "R"}, {"A": 4}, 5).dropped == {"A": 4}


def test_gender_cells_and_items_below_k_are_not_stored():
    # U: 6 women, 5 men → kept apart. V: 9 women, 1 man → one cell of 10. W: 6 women and 5 men, but
    # only 4 men answered eNPS → one cell, whose eNPS (10 answers) is kept.
    tree = {"R": None, "U": "R", "V": "R", "W": "R"}
    six, five = counts(SIX), counts({i: v[:5] for i, v in SIX.items()})
    men_without_enps = {**five, "enps": {9: 4}}
    cells = {
        "U": {"K": (6, six), "M": (5, five)},
        "V": {"K": (9, {"hme1": {4: 9}}), "M": (1, {"hme1": {2: 1}, "hme2": {1: 1}})},
        "W": {"K": (6, six), "M": (5, men_without_enps)},
    }
    pooled = pool_cells(tree, cells, 5)
    assert {node: set(by) for node, by in pooled.cells.items()} == {"U": {"K", "M"}, "V": {"*"}, "W": {"*"}}
    assert pooled.cells["V"]["*"] == (10, {"hme1": {2: 1, 4: 9}})  # the man's lone hme2 is dropped
    assert pooled.dropped_answers == 1
    assert sum(pooled.cells["W"]["*"][1]["enps"].values()) == 10
    decision = decide(tree, pooled.cells, 5)
    assert set(decision.split) == {"U"}  # R holds cells without a split: it shows none
    assert SurveyDecision.from_json(decision.as_json()) == decision


def test_figures_follow_the_stored_decision_only():
    tree = {"R": None, "A": "R", "B": "R"}
    pooled = pool_cells(tree, {"A": {"*": (6, counts(SIX))}, "B": {"*": (6, counts(SIX))}}, 5)
    decision = SurveyDecision(frozenset({"", "R"}), {"": frozenset(ITEMS), "R": frozenset({"hme1"})}, {})
    results = survey_figures(tree, pooled.cells, decision, 5)
    assert results.shown == {"R"} and results.units["A"]["shown"] is False
    assert results.items["R"]["hme1"] is not None and results.items["R"]["hme2"] is None
    assert results.units["R"]["hme"]["total"] is None and results.organisation["hme"]["total"] is not None


def test_re_pooling_an_old_survey_shows_nothing_more_than_before():
    # R above A (5) and B (2; hidden before). Before: R shows 7, A shows 5? No: R's remainder 2 < 5
    # hid A. After pooling: B's 2 pass up to R, which takes A's 5 – one group of 7 at R. R's members did
    # not change (7 before and after): it shows the same figures. A was hidden and stays hidden.
    tree = {"R": None, "A": "R", "B": "R"}
    old = {"A": {"": (5, counts({i: v[:5] for i, v in SIX.items()}))}, "B": {"": (2, {"hme1": {1: 2}})}}
    pooled = pool_cells(tree, old, 5)
    decision, withdrawn = repooled_decision(tree, old, pooled, 5)
    assert decision.shown == {"", "R"} and withdrawn == []
    # P with children Q (7) and S (2), under the root T with another child U (6). Before, P (9) was
    # shown (with Q hidden by rule 3). After pooling, S's 2 pass up through P to T (which takes U's
    # 6): P's figure would be Q's 7 alone, 2 fewer than before – a difference of 2, so P is withdrawn.
    tree = {"T": None, "P": "T", "Q": "P", "S": "P", "U": "T"}
    seven = {i: v + v[:1] for i, v in SIX.items()}
    old = {"Q": {"": (7, counts(seven))}, "S": {"": (2, {"hme1": {1: 2}})}, "U": {"": (6, counts(SIX))}}
    pooled = pool_cells(tree, old, 5)
    assert pooled.group_of["S"] == "T"
    decision, withdrawn = repooled_decision(tree, old, pooled, 5)
    assert "P" not in decision.shown and Withdrawal("P", "node", reason="moved") in withdrawn
    assert decision.shown == {"", "T"}  # Q was hidden before: it stays hidden


def test_a_units_figures_are_over_its_subtree():
    # P (the six respondents) above Q (the same six again): P = 12 respondents with every count doubled,
    # so every mean – and every figure – is the same as the six's. Q's remainder in P is 6 ≥ 5.
    results = tree_results({"P": None, "Q": "P"}, {"P": 6, "Q": 6}, {"P": counts(SIX), "Q": counts(SIX)}, k=5)
    assert rounded_figures(results.units["Q"]) == SIX_R
    assert rounded_figures(results.units["P"]) == {**SIX_R, "respondents": 12}


def test_an_item_with_fewer_than_k_answers_in_a_group_is_not_stored():
    # R above A and B, six respondents each; two in A skipped hme1: A's 4 answers to hme1 are not
    # stored, so R's hme1 is B's and nothing differences out A's four.
    per_unit = {"A": counts(skip(SIX, "hme1", [0, 1])), "B": counts(SIX)}
    results = tree_results({"R": None, "A": "R", "B": "R"}, {"A": 6, "B": 6}, per_unit, k=5)
    assert results.shown == {"R", "A", "B"}
    assert results.units["A"]["hme"]["motivation"] is None  # hme1 not stored for A
    assert results.units["B"]["hme"]["motivation"] is not None
    assert results.items["R"]["hme1"] == results.items["B"]["hme1"]


def test_an_implicit_organisation_above_several_roots():
    # Two roots of 6 and 3: the organisation (9) is shown; X (3) is hidden, and the organisation's
    # remainder beyond Y is 3 < 5, so Y is hidden as well.
    three = {item: values[:3] for item, values in SIX.items()}
    results = tree_results(
        {"X": None, "Y": None}, {"X": 3, "Y": 6}, {"X": counts(three), "Y": counts(SIX)}, k=5
    )
    assert results.organisation["respondents"] == 9 and results.organisation["shown"] is True
    assert results.shown == frozenset()
    assert results.items == {} and results.organisation_items["hme1"] is not None


def test_tree_results_refuses_bad_input():
    with pytest.raises(ValueError, match="not in the tree"):
        tree_results({"R": None}, {"Z": 5}, {}, k=5)
    with pytest.raises(ValueError, match="respondents"):
        tree_results({"R": None}, {"R": 2}, {"R": {"hme1": {3: 3}}}, k=5)
    with pytest.raises(ValueError):
        tree_results({"R": None}, {"R": 5}, {}, k=2)


# ---------------------------------------------------------------------------------------------- splits


def test_a_gender_split_is_both_or_neither():
    women, men4 = counts(SIX), counts({item: values[:4] for item, values in SIX.items()})
    split = gender_split({"K": (6, women), "M": (4, men4)}, k=5)
    assert split["K"]["shown"] is False and split["M"]["shown"] is False
    assert split["K"]["hme"]["total"] is None and split["K"]["respondents"] == 6
    men5 = counts({item: values[:5] for item, values in SIX.items()})
    split = gender_split({"K": (6, women), "M": (5, men5)}, k=5)
    assert rounded_figures(split["K"]) == SIX_R and split["M"]["shown"] is True
    assert gender_split({"K": (6, women), "M": (5, men5)}, k=5, node_shown=False)["K"]["shown"] is False


def test_a_split_shows_an_item_only_when_every_group_has_k_answers_to_it():
    men = counts({item: values[:5] for item, values in skip(SIX, "hme2", [0]).items()})  # 4 answers to hme2
    split = gender_split({"K": (6, counts(SIX)), "M": (5, men)}, k=5)
    assert rounded_figures(split["K"])["hme"] == {
        "total": None,
        "motivation": None,
        "ledarskap": 58.33,
        "styrning": 54.17,
    }
    assert split["M"]["hme"]["motivation"] is None and split["M"]["hme"]["ledarskap"] is not None
    with pytest.raises(ValueError):
        gender_split({"K": (6, counts(SIX))}, k=5)


# ---------------------------------------------------------------------------------------- gap analysis


def test_gap_analysis_strengths_first_then_gaps():
    unit = {"hme1": 80.0, "hme2": 50.0, "hme3": 70.0, "hme4": 60.0, "nmi1": 40.0, "hme5": None, "nmi2": 30.0}
    organisation = {"hme1": 70.0, "hme2": 60.0, "hme3": 70.0, "hme4": 40.0, "nmi1": 55.0, "hme5": 50.0}
    previous = {"hme1": 75.0, "hme4": None, "nmi1": 45.5}
    rows = gap_analysis(unit, organisation, previous)
    # gaps: hme4 +20, hme1 +10, hme3 0 (a strength), hme2 −10, nmi1 −15; hme5 hidden in the unit and
    # nmi2 missing in the organisation have no row.
    assert [(row.item, row.gap) for row in rows] == [
        ("hme4", 20.0),
        ("hme1", 10.0),
        ("hme3", 0.0),
        ("nmi1", -15.0),
        ("hme2", -10.0),
    ]
    assert [row.strength for row in rows] == [True, True, True, False, False]
    assert rows[1] == GapRow("hme1", 80.0, 70.0, 10.0, 5.0, True)
    assert rows[3].change == -5.5 and rows[0].change is None and rows[4].change is None
    assert all(row.change is None for row in gap_analysis(unit, organisation))
    assert rows[0].as_dict() == {
        "item": "hme4",
        "unit_index": 60.0,
        "organisation_index": 40.0,
        "gap": 20.0,
        "change": None,
        "strength": True,
    }


def test_gap_analysis_ties_follow_the_item_order():
    rows = gap_analysis(
        {"hme9": 60.0, "hme1": 60.0, "nmi1": 40.0, "hme2": 40.0}, dict.fromkeys(INDEX_ITEMS, 50.0)
    )
    assert [row.item for row in rows] == ["hme1", "hme9", "hme2", "nmi1"]


def test_gap_analyses_for_every_shown_unit():
    # R above A (the six) and B (the six with every hme1 answer 5: hme1 index 100). Organisation hme1:
    # (25 + 30) / 12 = 4.5833 → 89.58; A's 79.17 is a gap of −10.42, B's 100 a strength of +10.42.
    b = {**SIX, "hme1": [5] * 6}
    current = tree_results(
        {"R": None, "A": "R", "B": "R"}, {"A": 6, "B": 6}, {"A": counts(SIX), "B": counts(b)}, k=5
    )
    previous = tree_results(
        {"R": None, "A": "R"}, {"A": 6}, {"A": counts(b)}, k=5
    )  # B not in last year's tree
    analyses = gap_analyses(current, previous)
    assert list(analyses) == ["R", "A", "B"]
    a_hme1 = next(row for row in analyses["A"] if row.item == "hme1").as_dict()
    assert (a_hme1["unit_index"], a_hme1["organisation_index"], a_hme1["gap"]) == (79.17, 89.58, -10.42)
    assert a_hme1["change"] == -20.83  # 79.1667 − 100
    assert (
        analyses["B"][0].item == "hme1"
        and rounded(analyses["B"][0].gap) == 10.42
        and analyses["B"][0].change is None
    )
    assert all(row.gap == 0 for row in analyses["R"])
    assert len(analyses["A"]) == len(INDEX_ITEMS)
    hidden = tree_results({"R": None, "A": "R", "B": "R"}, {"A": 6, "B": 3}, {"A": counts(SIX)}, k=5)
    assert set(gap_analyses(hidden)) == {"R"}  # A's remainder 3 hides it, B has 3: no analysis for either


# ------------------------------------------------------------------------------------- property test


@st.composite
def surveys(draw):
    size = draw(st.integers(min_value=1, max_value=14))
    parent_of, depth = {"U00": None}, {"U00": 0}
    for i in range(1, size):
        parent = draw(st.sampled_from([n for n in parent_of if depth[n] < 4]))
        parent_of[f"U{i:02d}"], depth[f"U{i:02d}"] = parent, depth[parent] + 1
    respondents, per_unit = {}, {}
    for unit in parent_of:
        n = draw(st.integers(min_value=0, max_value=9))
        respondents[unit] = n
        per_unit[unit] = {}
        for item in ITEMS:
            answered = draw(st.integers(min_value=max(0, n - 3), max_value=n))  # mostly complete
            low, high = SCALES[item]
            values = draw(st.lists(st.integers(low, high), min_size=answered, max_size=answered))
            if values:
                per_unit[unit][item] = dict(Counter(values))
    return parent_of, respondents, per_unit, draw(st.integers(min_value=3, max_value=6))


def subtrees(parent_of):
    """Each node → the set of nodes in its subtree (itself included), by walking up from every node."""
    members = {node: {node} for node in parent_of}
    for node in parent_of:
        parent = parent_of[node]
        while parent is not None:
            members[parent].add(node)
            parent = parent_of[parent]
    return members


def check_remainders(members, family, count, k):
    """Every node of `family`: its count minus its nearest family descendants' is 0 or ≥ k."""
    for node in family:
        below = (members[node] - {node}) & family
        nearest = [d for d in below if not any(d in members[a] for a in below - {d})]
        remainder = count(members[node]) - sum(count(members[d]) for d in nearest)
        assert remainder == 0 or remainder >= k, (node, family, remainder)


FIGURE_ITEMS = {
    ("hme", "total"): HME_ITEMS,
    **{("hme", name): items for name, items in HME_SUBINDICES.items()},
    ("nmi",): NMI_ITEMS,
    ("enps",): (ENPS_ITEM,),
}


def figure(r, path):
    return r[path[0]] if len(path) == 1 else r[path[0]][path[1]]


@given(surveys())
def test_no_hidden_figure_ever_appears(survey):
    """Nothing stored describes fewer than k persons; every shown figure rests on k or more answers;
    every remainder of the shown nodes (per item too) is 0 or at least k; nobody is lost unless the
    whole survey has fewer than k."""
    parent_of, respondents, per_unit, k = survey
    cells = {unit: {"*": (respondents[unit], per_unit.get(unit, {}))} for unit in respondents}
    pooled = pool_cells(parent_of, cells, k)
    results = tree_results(parent_of, respondents, per_unit, k)
    for by_gender in pooled.cells.values():
        for n, item_counts in by_gender.values():
            assert n >= k and all(sum(values.values()) >= k for values in item_counts.values())
    for unit, group in pooled.group_of.items():  # a unit's answers are stored at or above it
        node = unit
        while node is not None and node != group:
            node = parent_of[node]
        assert node == group or group == ""

    def answers(units, item):
        return sum(sum(pooled.cells.get(u, {}).get("*", (0, {}))[1].get(item, {}).values()) for u in units)

    def people(units):
        return sum(pooled.cells.get(u, {}).get("*", (0, {}))[0] for u in units)

    members = subtrees(parent_of)
    shown = {u for u, r in results.units.items() if r["shown"]}
    assert shown == results.shown
    for unit, r in results.units.items():
        assert r["respondents"] == people(members[unit])
        for path, items in FIGURE_ITEMS.items():
            value = figure(r, path)
            if not r["shown"]:
                assert value is None
            elif value is not None:  # every item behind a shown figure has at least k answers
                assert all(answers(members[unit], item) >= k for item in items), (unit, path)
                assert (-100 if path == ("enps",) else 0) <= value <= 100
    assert all(r["respondents"] >= k for u, r in results.units.items() if r["shown"])
    check_remainders(members, shown, people, k)
    for item in ITEMS:
        paths = [path for path, items in FIGURE_ITEMS.items() if item in items]
        family = {u for u, r in results.units.items() if any(figure(r, p) is not None for p in paths)}
        family |= {u for u, items in results.items.items() if items.get(item) is not None}
        check_remainders(members, family, lambda units, item=item: answers(units, item), k)
    everyone = sum(respondents.values())
    assert results.organisation["respondents"] == (everyone if everyone >= k else 0)
    assert pooled.dropped_respondents == (0 if everyone >= k else everyone)
    assert results.organisation["shown"] == (everyone >= k)


# ------------------------------------------------------------------------------- rounded once, shown


def test_nmi_keeps_full_precision_so_a_page_rounds_it_once():
    """nmi1 and nmi2 all 1, nmi3 3 3 3 3 4 (mean 3.2): NMI = ((1 + 1 + 3.2) / 3 − 1) / 9 × 100
    = 0.7333… / 9 × 100 = 8.148148…, shown with one decimal as 8,1. The old code gave 8.15 (rounded to
    2 decimals) and a page showing one decimal then showed 8,2."""
    from kasam.core.formatting import format_number

    answers = {"nmi1": {1: 5}, "nmi2": {1: 5}, "nmi3": {3: 4, 4: 1}}
    nmi = node_figures(5, answers, k=5)["nmi"]
    assert nmi == pytest.approx(22 / 270 * 100, abs=1e-9)
    assert format_number(nmi, 1) == "8,1"
    assert rounded_figures(node_figures(5, answers, k=5))["nmi"] == 8.15  # JSON: 2 decimals, once


def test_a_survey_page_shows_the_nmi_rounded_once_to_a_whole_number():
    """Seven respondents, two skipping nmi1 and nmi2: nmi1 all 1 (5 answers), nmi2 1 1 1 1 2 (mean 1.2),
    nmi3 seven answers summing to 33 (mean 4.714…): NMI = ((1 + 1.2 + 33 / 7) / 3 − 1) / 9 × 100
    = 14.497…, which the page (no decimals) shows as 14. The old code gave 14.5, shown as 15."""
    from kasam.core.formatting import format_number

    answers = {"nmi1": {1: 5}, "nmi2": {1: 4, 2: 1}, "nmi3": {4: 2, 5: 5}}
    nmi = node_figures(7, answers, k=5)["nmi"]
    assert nmi == pytest.approx(((1 + 1.2 + 33 / 7) / 3 - 1) / 9 * 100, abs=1e-9)
    assert format_number(nmi, 0) == "14"


def test_hme_and_enps_keep_full_precision_too():
    """The old code rounded the HME total (62.037…) and eNPS (16.666…) to 2 decimals before any page."""
    figures = node_figures(6, counts(SIX), k=5)
    assert figures["hme"]["total"] == pytest.approx(558.3333 / 9, abs=1e-4)
    assert figures["enps"] == pytest.approx(100 / 6, abs=1e-9)


def test_a_gap_row_keeps_full_precision_and_decides_on_the_json_gap():
    """Unit 63.648 against 60.0: the page shows the index as 64 and the gap as +3,6 (3.648). The old code
    gave 63.65 and 3.65, shown as +3,7. A gap of −0.004 is 0.00 in JSON: a strength, as before."""
    from kasam.core.formatting import format_number

    [row] = gap_analysis({"hme1": 63.648}, {"hme1": 60.0})
    assert row.unit_index == 63.648 and format_number(row.gap, 1, sign=True) == "+3,6"
    assert row.as_dict()["gap"] == 3.65
    [tiny] = gap_analysis({"hme1": 59.996}, {"hme1": 60.0})
    assert tiny.strength and tiny.as_dict()["gap"] == 0.0

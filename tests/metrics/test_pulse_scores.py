"""Pulse scores (docs/definitions.md "Pulse": score, index, share favourable, early signal), hand-worked."""

import subprocess
import sys

import pytest

from kasam.metrics.pulse import (
    DimensionResult,
    ValueCounts,
    comparable_indices,
    dimension_favourable,
    dimension_index,
    early_signal,
    good_or_better_share,
    item_score,
    node_item_counts,
    node_results,
    share_favourable,
)


def test_an_item_score_maps_the_mean_from_one_to_five_onto_zero_to_hundred():
    assert item_score([1, 1]) == 0.0
    assert item_score([5, 5, 5]) == 100.0
    assert item_score([1, 5]) == 50.0
    assert item_score([4, 4, 5, 3]) == pytest.approx(75.0)  # mean 4 → 75
    assert item_score([]) is None


def test_values_outside_the_scale_are_refused():
    for bad in ([0], [6], [True], [4.5]):
        with pytest.raises(ValueError):
            item_score(bad)
    with pytest.raises(ValueError):
        node_results([("A", "s1", 7)], {"A": {"A"}}, {"s1": "d"})


def test_share_favourable_and_good_or_better_count_fours_and_fives():
    assert share_favourable([2, 3, 4, 5]) == 50.0
    assert share_favourable([3, 3, 3]) == 0.0
    assert share_favourable([]) is None
    assert good_or_better_share([5, 4, 4, 1, 3]) == 60.0
    assert good_or_better_share([]) is None


def test_a_dimension_is_the_mean_of_its_items():
    assert dimension_index({"b1": 50.0, "b2": 100.0}) == 75.0
    assert dimension_index({"b1": 50.0, "b2": None}) == 50.0
    assert dimension_index({}) is None
    assert dimension_favourable({"b1": 40.0, "b2": 60.0, "b3": 80.0}) == 60.0
    assert dimension_favourable({}) is None


def test_rounds_are_compared_on_the_statements_asked_in_both():
    now = {"b1": 50.0, "b2": 100.0}
    before = {"b2": 80.0, "b3": 0.0}
    assert comparable_indices(now, before) == (100.0, 80.0)
    assert comparable_indices(now, {"b9": 1.0}) == (None, None)


def test_node_results_sum_a_subtree_of_reporting_nodes():
    #   A ── A1: s1 = 5, 4; s2 = 3, 3
    #    └── A2: s1 = 1;    s2 = 5
    #   A itself: the health question only (no dimension)
    answers = [
        ("A1", "s1", 5),
        ("A1", "s1", 4),
        ("A1", "s2", 3),
        ("A1", "s2", 3),
        ("A2", "s1", 1),
        ("A2", "s2", 5),
        ("A", "health", 4),
    ]
    dims = {"s1": "begriplighet", "s2": "begriplighet"}
    results = node_results(answers, {"A": {"A", "A1", "A2"}, "A1": {"A1"}}, dims)
    # A: s1 mean 10/3 → 58.33, s2 mean 11/3 → 66.67: index 62.5; favourable 2/3 and 1/3 → 50 %.
    a = results["A"]["begriplighet"]
    assert a.index == pytest.approx(62.5)
    assert a.favourable_pct == pytest.approx(50.0)
    # A1: s1 mean 4.5 → 87.5, s2 mean 3 → 50: index 68.75; favourable 100 % and 0 % → 50 %.
    assert results["A1"] == {"begriplighet": DimensionResult(index=68.75, favourable_pct=50.0)}
    assert set(results) == {"A", "A1"}
    counts = node_item_counts(answers, {"A": {"A", "A1", "A2"}})
    assert counts["A"]["health"] == ValueCounts((0, 0, 0, 1, 0))
    assert counts["A"]["s1"].answers == 3


def test_a_node_without_answers_has_no_dimensions():
    assert node_results([], {"A": {"A"}}, {"s1": "d"}) == {"A": {}}


def test_an_early_signal_is_a_drop_of_ten_against_the_mean_of_the_last_three_rounds():
    assert early_signal(60.0, [70.0, 70.0, 70.0])
    assert not early_signal(60.01, [70.0, 70.0, 70.0])
    assert early_signal(60.0, [70.1, 70.2, 69.7])  # mean 70 up to float noise: exactly 10
    assert not early_signal(60.0, [40.0, 70.0, 70.0, 65.0])  # only the last three: mean 68.33
    assert early_signal(55.0, [40.0, 70.0, 70.0, 65.0])
    assert early_signal(60.0, [90.0, 60.0, 60.0], drop=0)


def test_no_early_signal_with_fewer_than_three_rounds_or_no_index():
    assert not early_signal(0.0, [])
    assert not early_signal(0.0, [100.0, 100.0])
    assert not early_signal(None, [100.0, 100.0, 100.0])


def test_the_pulse_modules_do_not_import_django():
    code = (
        "import sys, kasam.metrics.anonymity, kasam.metrics.pulse, kasam.metrics.pulse_anonymity; "
        "sys.exit('django' in sys.modules)"
    )
    assert subprocess.run([sys.executable, "-c", code], check=False).returncode == 0

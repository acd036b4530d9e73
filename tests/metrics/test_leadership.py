"""The leader's checklist over many leaders (kasam.metrics.leadership), worked by hand."""

import ast
import inspect

import pytest

from kasam.metrics import leadership
from kasam.metrics.leadership import StatementSummary, checklist_summary, ledger


def test_it_gives_the_mean_and_the_share_answering_four_or_five_per_statement():
    latest = {
        "A": {"narvaro": 4, "tydlighet": 2},
        "B": {"narvaro": 5, "tydlighet": 3},
        "C": {"narvaro": 2, "tydlighet": 3},
    }
    summary = checklist_summary(latest, 3, ["narvaro", "tydlighet"])
    assert summary.leaders == 3 and summary.shown
    # narvaro: (4 + 5 + 2) / 3 = 11/3 = 3.666… → 3.67; 4 and 5 are two of three → 66.67 %
    # tydlighet: (2 + 3 + 3) / 3 = 8/3 = 2.666… → 2.67; nobody at 4 or 5 → 0 %
    assert summary.statements == (
        StatementSummary("narvaro", 3.67, 66.67),
        StatementSummary("tydlighet", 2.67, 0.0),
    )


def test_it_rounds_half_up_on_the_exact_fraction():
    scores = [5, 5, 5, 3, 3, 2, 1, 1]  # 25 / 8 = 3.125 → 3.13 (not 3.12); 3 of 8 high = 37.5 %
    latest = {n: {"narvaro": score} for n, score in enumerate(scores)}
    (row,) = checklist_summary(latest, 5).statements
    assert (row.mean, row.high_share) == (3.13, 37.5)
    latest = {n: {"narvaro": score} for n, score in enumerate([4, 1, 1])}  # 1 of 3 = 33.333… %
    (row,) = checklist_summary(latest, 3).statements
    assert (row.mean, row.high_share) == (2.0, 33.33)


def test_it_hides_every_figure_below_k_leaders_but_keeps_their_number():
    latest = {"A": {"narvaro": 5, "styrkor": 4}, "B": {"narvaro": 1, "styrkor": 2}}
    summary = checklist_summary(latest, 3, ["narvaro", "styrkor"])
    assert summary.leaders == 2 and not summary.shown
    assert summary.statements == (
        StatementSummary("narvaro", None, None),
        StatementSummary("styrkor", None, None),
    )
    empty = checklist_summary({}, 3, ["narvaro"])
    assert (empty.leaders, empty.shown, empty.statements) == (
        0,
        False,
        (StatementSummary("narvaro", None, None),),
    )


def test_it_shows_exactly_at_k():
    latest = {n: {"narvaro": score} for n, score in enumerate([3, 4, 5, 4, 2])}
    summary = checklist_summary(latest, 5)
    assert summary.shown
    # (3 + 4 + 5 + 4 + 2) / 5 = 18/5 = 3.6; 4, 5, 4 are three of five = 60 %
    assert summary.statements == (StatementSummary("narvaro", 3.6, 60.0),)
    assert not checklist_summary(dict(list(latest.items())[:4]), 5).shown


def test_a_statement_answered_by_fewer_than_k_leaders_is_hidden():
    latest = {"A": {"narvaro": 4, "styrkor": 5}, "B": {"narvaro": 2}, "C": {"narvaro": 3}}
    summary = checklist_summary(latest, 3, ["narvaro", "styrkor"])
    assert summary.statements == (
        StatementSummary("narvaro", 3.0, 33.33),
        StatementSummary("styrkor", None, None),
    )


def test_the_statements_keep_the_given_order_else_the_order_first_met():
    latest = {n: {"b": 1, "a": 5} for n in range(3)}
    assert [s.slug for s in checklist_summary(latest, 3).statements] == ["b", "a"]
    assert [s.slug for s in checklist_summary(latest, 3, ["a", "b"]).statements] == ["a", "b"]


@pytest.mark.parametrize("score", [0, 6, 2.5, "4", True, None])
def test_a_score_off_the_scale_is_an_error(score):
    latest = {"A": {"narvaro": score}, "B": {"narvaro": 3}, "C": {"narvaro": 3}}
    with pytest.raises(ValueError, match="1..5"):
        checklist_summary(latest, 3)


@pytest.mark.parametrize("k", [2, 0, -1, 3.0, True])
def test_k_is_never_below_three(k):
    with pytest.raises(ValueError):
        checklist_summary({}, k)
    with pytest.raises(ValueError):
        ledger({}, k)


def test_the_ledger_counts_each_statements_answers_beside_its_figures():
    latest = {"A": {"s1": 4, "s2": 2}, "B": {"s1": 5}, "C": {"s1": 1, "s2": 5}}
    summary, rows = ledger(latest, 3, ["s1", "s2"])
    assert summary.leaders == 3 and summary.shown
    assert rows == [
        {"slug": "s1", "answers": 3, "passes": True, "mean": 3.33, "high_share": 66.67},
        {"slug": "s2", "answers": 2, "passes": False, "mean": None, "high_share": None},
    ]
    _summary, hidden = ledger({"A": {"s1": 4}, "B": {"s1": 4}}, 3, ["s1"])
    assert hidden == [{"slug": "s1", "answers": 2, "passes": False, "mean": None, "high_share": None}]


def test_the_module_imports_no_django():
    tree = ast.parse(inspect.getsource(leadership))
    imported = {
        (node.module or "") if isinstance(node, ast.ImportFrom) else alias.name
        for node in ast.walk(tree)
        if isinstance(node, ast.Import | ast.ImportFrom)
        for alias in node.names
    }
    assert not any(name.startswith("django") for name in imported)

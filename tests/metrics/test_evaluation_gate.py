"""The evaluation page's cohort gate (kasam.metrics.evaluation_gate), worked by hand: what is shown,
what only counts in the overall effect, and what is left out of it altogether."""

import ast
import inspect

from kasam.metrics import evaluation_gate
from kasam.metrics.evaluation_gate import CohortGate, gate_cohorts, group_size, persons_pass, respondents_pass

# Persons per unit and month.
SIZES = {
    "A": {1: 20, 2: 20},
    "B": {1: 20, 2: 20},
    "C": {1: 6, 2: 6},
    "D": {1: 4, 2: 5},
    "E": {1: 30, 2: 30},
    "F": {2: 12},
}


def persons_gate(cohorts):
    return gate_cohorts(cohorts, lambda units: persons_pass(group_size(units, SIZES)))


def test_a_groups_size_is_its_smallest_period():
    assert group_size(["C", "D"], SIZES) == 10  # 6 + 4 in month 1, 6 + 5 in month 2
    assert group_size(["A", "F"], SIZES) == 20  # month 1: A alone
    assert group_size(["X"], SIZES) == 0 and group_size([], SIZES) == 0


def test_cohorts_of_two_units_that_pass_are_shown_and_a_hidden_group_is_left_out():
    gate = persons_gate({10: ["A", "B"], 11: ["C", "D"]})  # C and D: at most 10 persons together
    assert gate == CohortGate(shown=(10,), pooled=(), left_out=(11,))


def test_single_unit_cohorts_count_together_only_when_together_they_pass():
    # E and F: two units, 30 + 12 persons – they count in the overall effect, never shown alone.
    assert persons_gate({10: ["A", "B"], 12: ["E"], 13: ["F"]}) == CohortGate((10,), (12, 13), ())
    # E alone: the overall effect minus cohort 10 would be E's – left out.
    assert persons_gate({10: ["A", "B"], 12: ["E"]}) == CohortGate((10,), (), (12,))
    # C and D one cohort each: each alone fails, so both are left out before pooling.
    assert persons_gate({12: ["C"], 13: ["D"], 14: ["E"]}) == CohortGate((), (), (12, 13, 14))


def test_pulse_respondents_pass_at_k():
    assert respondents_pass(5, 5) and not respondents_pass(4, 5)
    assert persons_pass(11) and not persons_pass(10)


def test_the_module_imports_no_django():
    tree = ast.parse(inspect.getsource(evaluation_gate))
    imported = {
        (node.module or "") if isinstance(node, ast.ImportFrom) else alias.name
        for node in ast.walk(tree)
        if isinstance(node, ast.Import | ast.ImportFrom)
        for alias in node.names
    }
    assert not any(name.startswith("django") for name in imported)

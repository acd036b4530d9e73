"""Releases over time, as a property: random trees, a reorganisation between two periods, leavers, and
sick hours corrected after the first release. Whatever happens, the audit's checks find nothing: each
release passes the primary rule on every unit and remainder, and the later release differs from the
nested earlier one by passing groups on every unit and remainder, whatever tree each stood on."""

from hypothesis import given, settings
from hypothesis import strategies as st

from kasam.metrics.disclosure import SickLeaveRule, Tree
from kasam.metrics.disclosure_audit import check_decision
from kasam.metrics.sickleave_release import (
    NestedRule,
    decide_release,
    difference_group,
    difference_passes,
    nested_groups,
    subtree_hours,
)

RULE = SickLeaveRule()


@st.composite
def histories(draw):
    size = draw(st.integers(2, 8))
    before: dict[str, str | None] = {"n0": None}
    for i in range(1, size):
        before[f"n{i}"] = f"n{draw(st.integers(0, i - 1))}"
    # A reorganisation after January–April: one unit (with its subtree) moves under another parent
    # that is not below it.
    after = dict(before)
    mover = f"n{draw(st.integers(1, size - 1))}"
    below = set(Tree(before).subtree(mover))
    parent = draw(st.sampled_from(sorted(set(before) - below)))
    after[mover] = parent
    t1: dict[str, dict] = {}
    t2: dict[str, dict] = {}
    for number in range(draw(st.integers(5, 70))):
        person, unit = f"p{number}", draw(st.sampled_from(sorted(before)))
        sick1 = draw(st.sampled_from([0.0, 0.0, 8.0, 40.0, 300.0]))
        t1.setdefault(unit, {})[person] = (640.0, sick1)
        fix = draw(st.sampled_from([0.0, 0.0, 0.0, 16.0]))  # January–April's hours corrected later
        if draw(st.integers(0, 4)):  # four in five stay after April; the rest leave
            more = draw(st.sampled_from([0.0, 8.0, 200.0]))
            t2.setdefault(unit, {})[person] = (1280.0, sick1 + fix + more)
        else:
            t2.setdefault(unit, {})[person] = (640.0, sick1 + fix)
    return before, after, t1, t2


@settings(max_examples=150, deadline=None)
@given(histories())
def test_releases_over_reorganisations_leavers_and_corrections_pass_the_audit(case):
    before, after, t1, t2 = case
    tree1, tree2 = Tree(before), Tree(after)
    first = decide_release(tree1, t1, RULE)
    assert (
        check_decision("T1", tree1, nested_groups([t1]), NestedRule(RULE, 0), first.shown, tree1.roots) == []
    )

    # January–August, after the reorganisation, against January–April.
    second = decide_release(tree2, t2, RULE, [t1])
    own = {unit: group for unit, group in nested_groups([t2, t1]).items() if unit in tree2}
    assert check_decision("T2", tree2, own, NestedRule(RULE, 1), second.shown, tree2.roots) == []
    for unit in second.shown & first.shown - set(tree2.roots):
        group = difference_group(subtree_hours(tree2, t1, unit), subtree_hours(tree2, t2, unit))
        assert difference_passes(group, RULE)

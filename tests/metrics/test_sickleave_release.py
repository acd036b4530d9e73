"""The sick-leave release's rules over time (kasam.metrics.sickleave_release), hand-worked."""

from hypothesis import given, settings
from hypothesis import strategies as st

from kasam.metrics.disclosure import SickLeaveRule, Tree
from kasam.metrics.disclosure_audit import check_decision
from kasam.metrics.sickleave_release import NestedHours, NestedRule, decide_release, difference_group

TREE = Tree({"org": None, "A": "org", "B": "org"})


def staff(prefix, n, sick=10.0, ordinary=640.0):
    return {f"{prefix}{i}": (ordinary, sick) for i in range(n)}


def test_the_difference_counts_persons_whose_ordinary_or_sick_hours_changed():
    before = {"a": (100.0, 0.0), "b": (100.0, 5.0), "c": (100.0, 1.0)}
    after = {"a": (100.0, 0.0), "b": (180.0, 5.0), "c": (100.0, 9.0), "d": (50.0, 0.0)}
    group = difference_group(before, after)
    assert dict(group.hours) == {"b": 0.0, "c": 8.0, "d": 0.0}


def test_a_unit_shown_in_january_april_is_hidden_from_january_august_when_few_changed():
    """January–April showed A (20 persons). By August only one person's sick hours grew: Jan–Aug minus
    Jan–Apr would give that one person's sick leave in May–August. The later release hides A – and
    then B too, since the organisation minus B would give A."""
    t1 = {"A": staff("a", 20), "B": staff("b", 30)}
    t2 = {"A": {**staff("a", 20), "a0": (640.0, 90.0)}, "B": staff("b", 30, sick=20.0, ordinary=1280.0)}
    assert difference_group(t1["A"], t2["A"]).persons == 1
    assert decide_release(TREE, t2, SickLeaveRule(), [t1]).shown == {"org"}


def test_when_everyone_worked_on_the_difference_passes_and_both_stay():
    t1 = {"A": staff("a", 20), "B": staff("b", 30)}
    t2 = {"A": staff("a", 20, sick=15.0, ordinary=1280.0), "B": staff("b", 30, sick=20.0, ordinary=1280.0)}
    decision = decide_release(TREE, t2, SickLeaveRule(), [t1])
    assert decision.shown == {"org", "A", "B"}
    assert difference_group(t1["A"], t2["A"]).persons == 20
    assert decision.remainders["org"].hours == {}


def test_without_earlier_releases_it_is_the_gate_alone():
    own = {"A": staff("a", 8), "B": staff("b", 30)}
    assert decide_release(TREE, own, SickLeaveRule()).shown == {"org"}


def test_a_remainder_that_differs_by_one_person_from_a_nested_release_hides_a_sibling():
    """The organisation's own twelve staff and unit B are shown in both periods; between January–April
    and January–August only one person of the organisation's own staff changed: the remainder
    (organisation minus B) of the later release, less the earlier one, gives that person. B is
    hidden so that the remainder grows to the whole organisation."""
    tree = Tree({"org": None, "B": "org"})
    t1 = {"org": staff("o", 12), "B": staff("b", 30)}
    t2 = {"org": {**staff("o", 12), "o0": (1280.0, 40.0)}, "B": staff("b", 30, sick=20.0, ordinary=1280.0)}
    assert decide_release(tree, t1, SickLeaveRule()).shown == {"org", "B"}
    assert decide_release(tree, t2, SickLeaveRule(), [t1]).shown == {"org"}


@st.composite
def two_periods(draw):
    size = draw(st.integers(1, 7))
    parent_of: dict[str, str | None] = {"n0": None}
    for i in range(1, size):
        parent_of[f"n{i}"] = f"n{draw(st.integers(0, i - 1))}"
    people = [f"p{i}" for i in range(draw(st.integers(1, 60)))]
    t1: dict[str, dict] = {}
    t2: dict[str, dict] = {}
    for person in people:
        unit = draw(st.sampled_from(sorted(parent_of)))
        sick1 = draw(st.sampled_from([0.0, 0.0, 8.0, 40.0]))
        t1.setdefault(unit, {})[person] = (640.0, sick1)
        if draw(st.booleans()):  # still there after April, maybe sick again
            t2.setdefault(unit, {})[person] = (1280.0, sick1 + draw(st.sampled_from([0.0, 8.0, 200.0])))
        elif draw(st.booleans()):
            t2.setdefault(unit, {})[person] = (640.0, sick1)
    return parent_of, t1, t2


@settings(max_examples=200, deadline=None)
@given(two_periods())
def test_no_unit_or_remainder_of_the_later_release_isolates_a_small_difference(case):
    """Over random trees and staff: the audit's check finds nothing in the later release, with the
    primary rule and the difference rule against the earlier one."""
    parent_of, t1, t2 = case
    tree = Tree(parent_of)
    rule = NestedRule(SickLeaveRule(), 1)
    decision = decide_release(tree, t2, SickLeaveRule(), [t1])
    zero = (0.0, 0.0)
    own = {
        unit: NestedHours(
            {
                p: (t2.get(unit, {}).get(p, zero), t1.get(unit, {}).get(p, zero))
                for p in t1.get(unit, {}) | t2.get(unit, {})
            }
        )
        for unit in parent_of
    }
    assert check_decision("release", tree, own, rule, decision.shown, always_shown=tree.roots) == []

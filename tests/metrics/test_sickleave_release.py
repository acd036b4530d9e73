"""The sick-leave release's rules over time (kasam.metrics.sickleave_release), hand-worked."""

from kasam.metrics.disclosure import SickLeaveRule, Tree
from kasam.metrics.sickleave_release import decide_release, difference_group

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
    shown, _remainders, differences = decide_release(
        TREE, t2, SickLeaveRule(), [("2026-T1", t1, {"org", "A", "B"})]
    )
    assert difference_group(t1["A"], t2["A"]).persons == 1
    assert ("A", "2026-T1") not in differences
    assert "A" not in shown
    assert "B" not in shown
    assert "org" in shown


def test_when_everyone_worked_on_the_difference_passes_and_both_stay():
    t1 = {"A": staff("a", 20), "B": staff("b", 30)}
    t2 = {"A": staff("a", 20, sick=15.0, ordinary=1280.0), "B": staff("b", 30, sick=20.0, ordinary=1280.0)}
    shown, remainders, differences = decide_release(
        TREE, t2, SickLeaveRule(), [("2026-T1", t1, {"org", "A", "B"})]
    )
    assert shown == {"org", "A", "B"}
    assert differences["A", "2026-T1"].persons == 20
    assert remainders["org"].persons == 0


def test_without_earlier_releases_it_is_the_gate_alone():
    own = {"A": staff("a", 8), "B": staff("b", 30)}
    shown, _r, differences = decide_release(TREE, own, SickLeaveRule())
    assert shown == {"org"} and differences == {}

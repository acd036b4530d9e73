"""Sick-leave suppression (DOMAIN.md "Suppression"), hand-worked."""

from hypothesis import given
from hypothesis import strategies as st

from kasam.metrics.anonymity import Group, UnitFigure, hide_in_split, hide_units, is_hidden_alone


def g(persons: int, sick: float = 100.0, top: float = 1.0) -> Group:
    return Group(persons=persons, sick_hours=sick, max_person_sick_hours=top)


def test_it_hides_groups_of_ten_or_fewer_and_shows_eleven():
    assert is_hidden_alone(g(10))
    assert not is_hidden_alone(g(11))


def test_an_empty_group_has_no_figure_and_is_not_hidden():
    assert not is_hidden_alone(g(0, sick=0, top=0))


def test_it_hides_a_group_where_one_person_has_more_than_half_the_sick_hours():
    assert is_hidden_alone(g(20, sick=100, top=50.01))
    assert not is_hidden_alone(g(20, sick=100, top=50))  # exactly half is not more than half


def test_an_age_group_of_ten_takes_its_smallest_partner_with_it():
    # ≤ 29: 10 persons (hidden), 30–49: 40, ≥ 50: 25 → the smallest other, ≥ 50, is hidden too.
    assert hide_in_split([g(10), g(40), g(25)]) == [True, False, True]


def test_on_a_tie_the_first_partner_in_order_is_hidden():
    assert hide_in_split([g(30), g(30), g(4)]) == [True, False, True]


def test_gender_split_with_one_small_group_hides_both():
    assert hide_in_split([g(30), g(5)]) == [True, True]


def test_two_hidden_groups_need_no_partner_and_empty_groups_are_never_partners():
    assert hide_in_split([g(5), g(8), g(30)]) == [True, True, False]
    assert hide_in_split([g(0, 0, 0), g(40), g(6)]) == [False, True, True]


def unit(unit_id, parent, persons, sick=100.0, top=1.0):
    return UnitFigure(unit_id, parent, g(persons, sick, top))


def test_a_hidden_unit_cannot_be_found_by_subtracting_its_siblings():
    # R = A + B + C exactly: C (5) is hidden, so R − A − B would give C; B, the smaller shown, goes too.
    units = [unit("R", None, 100), unit("A", "R", 50), unit("B", "R", 45), unit("C", "R", 5)]
    assert hide_units(units) == {"B", "C"}


def test_a_small_remainder_with_staff_on_the_parent_is_also_covered():
    # R has 5 persons of its own: R − A − B = C + own = 10 persons, still too few → hide B.
    units = [unit("R", None, 105), unit("A", "R", 60), unit("B", "R", 35), unit("C", "R", 5)]
    assert hide_units(units) == {"B", "C"}


def test_the_organisation_total_is_always_shown_and_large_siblings_stay():
    units = [unit("R", None, 8), unit("A", "R", 4), unit("B", "R", 4)]
    assert hide_units(units) == {"A", "B"}
    units = [unit("R", None, 60), unit("A", "R", 30), unit("B", "R", 30)]
    assert hide_units(units) == set()


def test_a_dominated_unit_is_hidden_and_its_sibling_follows():
    units = [unit("R", None, 60), unit("A", "R", 30, sick=200, top=150), unit("B", "R", 30)]
    assert hide_units(units) == {"A", "B"}


@given(st.lists(st.integers(min_value=0, max_value=40), min_size=2, max_size=6))
def test_no_shown_siblings_leave_exactly_one_hidden_unit_as_the_remainder(sizes):
    kids = [unit(f"U{i}", "R", n) for i, n in enumerate(sizes)]
    units = [unit("R", None, sum(sizes)), *kids]
    hidden = hide_units(units)
    hidden_kids = [k for k in kids if k.unit_id in hidden and k.group.persons > 0]
    if hidden_kids and any(k.unit_id not in hidden and k.group.persons > 0 for k in kids):
        remainder = sum(k.group.persons for k in hidden_kids)
        assert len(hidden_kids) >= 2 and remainder > 10

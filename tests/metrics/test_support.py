"""Which units need support first (kasam.metrics.support; docs/definitions.md "Units that need
support"), on hand-worked cases."""

from kasam.metrics.support import HME_DROP, SICK_LEAVE_RISE_PP, Kind, Reason, UnitFigures, rank, reasons


def unit(unit_id, **figures):
    figures.setdefault("has_plan", True)
    return UnitFigures(unit_id, figures.pop("name", unit_id), **figures)


def test_each_reason_in_words_order():
    found = reasons(
        unit(
            "A",
            sick_leave_change_pp=1.2,
            fallen_dimensions=("manageability",),
            hme_change=-4.0,
            has_plan=False,
        )
    )
    assert found == (
        Reason(Kind.SICK_LEAVE_UP, 1.2),
        Reason(Kind.PULSE_FELL, dimension="manageability"),
        Reason(Kind.SURVEY_FELL, 4.0),
        Reason(Kind.NO_PLAN),
    )


def test_thresholds_as_the_pages_round_them():
    assert SICK_LEAVE_RISE_PP == 0.5 and HME_DROP == 3
    # A rise counts as the page shows it, to one decimal: 0.46 shows as +0,5, 0.44 as +0,4.
    assert reasons(unit("A", sick_leave_change_pp=0.46))[0].kind == Kind.SICK_LEAVE_UP
    assert reasons(unit("A", sick_leave_change_pp=0.44)) == ()
    assert reasons(unit("A", sick_leave_change_pp=-2.0)) == ()
    assert reasons(unit("A", hme_change=-2.6))[0].kind == Kind.SURVEY_FELL  # shows as 3 points
    assert reasons(unit("A", hme_change=-2.4)) == ()
    assert reasons(unit("A", hme_change=5.0)) == ()


def test_no_plan_outweighs_overdue_activities_of_a_plan_it_does_not_have():
    assert reasons(unit("A", has_plan=False, overdue_activities=2)) == (Reason(Kind.NO_PLAN),)
    assert reasons(unit("A", overdue_activities=2)) == (Reason(Kind.OVERDUE, 2),)


def test_more_areas_rank_first_then_the_rise_of_sick_leave():
    units = [
        # One area (pulse), three fallen dimensions.
        unit("P", fallen_dimensions=("a", "b", "c")),
        # Two areas: sick leave +0.6, plan.
        unit("S", sick_leave_change_pp=0.6, has_plan=False),
        # Two areas: sick leave +1.5, survey.
        unit("T", sick_leave_change_pp=1.5, hme_change=-3.0),
        # Nothing stands out.
        unit("Q", sick_leave_change_pp=0.1),
    ]
    assert [r.unit_id for r in rank(units)] == ["T", "S", "P"]
    assert [r.areas for r in rank(units)] == [2, 2, 1]


def test_ties_by_fallen_dimensions_then_hme_then_name():
    units = [
        unit("B", name="Björken", fallen_dimensions=("a",)),
        unit("A", name="Almen", fallen_dimensions=("a",)),
        unit("C", name="Ceder", fallen_dimensions=("a", "b")),
        unit("D", name="Dalen", hme_change=-6.0),
        unit("E", name="Eken", hme_change=-3.0),
    ]
    # All one area; C has two fallen dimensions; among the survey units the larger fall first; the
    # pulse units (one fallen dimension each) before the survey units (none); then the names.
    assert [r.unit_id for r in rank(units)] == ["C", "A", "B", "D", "E"]


def test_a_hidden_figure_is_never_a_reason_and_ranks_as_one_shown_without_a_reason():
    # H's sick leave is hidden (None); F's is shown and fell. Both have one other reason (no plan).
    hidden = unit("H", name="Hagen", sick_leave_change_pp=None, has_plan=False)
    shown = unit("F", name="Fjället", sick_leave_change_pp=-1.0, has_plan=False)
    ranked = rank([hidden, shown])
    assert [r.unit_id for r in ranked] == ["F", "H"]  # by name: the hidden figure plays no part
    assert ranked[1].reasons == (Reason(Kind.NO_PLAN),)
    # Renaming them swaps them: nothing but the name separates them.
    renamed = rank([unit("H", name="Aspen", has_plan=False), shown])
    assert [r.unit_id for r in renamed] == ["H", "F"]


def test_units_without_reasons_and_unknown_plans_are_not_ranked():
    assert rank([unit("A", has_plan=None), unit("B", sick_leave_change_pp=None)]) == []

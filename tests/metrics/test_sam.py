"""The systematic work-environment cycle (docs/definitions.md "The systematic work-environment
cycle"), hand-worked."""

from datetime import date

import pytest

from kasam.metrics.sam import (
    ANSWERS,
    AREAS,
    FIGURES_BESIDE,
    HME_LEDARSKAP,
    HME_STYRNING,
    LEVELS,
    PULSE_DIMENSIONS,
    act_by,
    areas_of_dimension,
    check_answer,
    check_area,
    check_level,
    figures_beside,
    level,
    matrix,
    score,
)
from kasam.metrics.survey.items import HME_SUBINDICES

# ------------------------------------------------------------------------- areas and answers


def test_the_areas_and_answers_are_the_stable_ids():
    assert AREAS == ("workload", "working_hours", "victimisation", "goals", "knowledge", "cooperation")
    assert ANSWERS == ("works_well", "needs_attention", "risk")
    assert check_area("goals") == "goals"
    assert check_answer("risk") == "risk"
    with pytest.raises(ValueError, match="unknown area 'stress'; expected one of workload"):
        check_area("stress")
    with pytest.raises(ValueError, match="unknown answer 'ok'"):
        check_answer("ok")


# ------------------------------------------------------------------ the figures beside the areas


def test_the_copied_dimension_ids_are_the_question_banks():
    from kasam.pulse.question_bank import DIMENSION_IDS  # the metrics may not import it; a test may

    assert PULSE_DIMENSIONS == DIMENSION_IDS
    assert {HME_LEDARSKAP, HME_STYRNING} <= set(HME_SUBINDICES)


def test_each_area_has_its_figures_and_knowledge_has_none():
    assert tuple(FIGURES_BESIDE) == AREAS
    assert figures_beside("workload").pulse_dimensions == ("arbetsbelastning", "hanterbarhet")
    assert figures_beside("workload").sick_leave == ("sick_leave",)
    assert figures_beside("working_hours").pulse_dimensions == ("aterhamtning",)
    assert figures_beside("victimisation").pulse_dimensions == ("psykologisk_trygghet",)
    assert figures_beside("goals").pulse_dimensions == ("begriplighet",)
    assert figures_beside("goals").hme_subindices == ("styrning",)
    assert figures_beside("cooperation").hme_subindices == ("ledarskap",)
    assert figures_beside("knowledge").empty
    assert [a for a in AREAS if figures_beside(a).empty] == ["knowledge"]
    with pytest.raises(ValueError, match="unknown area"):
        figures_beside("noise")


def test_every_area_shows_known_figures_and_a_dimension_knows_its_areas():
    for area in AREAS:
        figures = figures_beside(area)
        assert figures.area == area
        assert set(figures.pulse_dimensions) <= set(PULSE_DIMENSIONS)
        assert set(figures.hme_subindices) <= set(HME_SUBINDICES)
    assert areas_of_dimension("psykologisk_trygghet") == ("victimisation", "cooperation")
    assert areas_of_dimension("hanterbarhet") == ("workload",)
    assert areas_of_dimension("meningsfullhet") == ()
    with pytest.raises(ValueError, match="unknown pulse dimension 'kasam'"):
        areas_of_dimension("kasam")


# -------------------------------------------------------------------------------- the matrix

# The matrix as drawn: likelihood 4 (very likely) at the top, consequence 1 (minor) on the left.
DRAWN = (
    ("medium", "high", "very_high", "very_high"),  # very likely: 4, 8, 12, 16
    ("low", "medium", "high", "very_high"),  # likely: 3, 6, 9, 12
    ("low", "medium", "medium", "high"),  # possible: 2, 4, 6, 8
    ("low", "low", "low", "medium"),  # unlikely: 1, 2, 3, 4
)


def test_every_cell_has_the_level_of_its_product():
    for row, likelihood in enumerate((4, 3, 2, 1)):
        for column, consequence in enumerate((1, 2, 3, 4)):
            assert level(likelihood, consequence) == DRAWN[row][column], (likelihood, consequence)


def test_the_matrix_is_the_sixteen_cells_in_drawing_order():
    cells = matrix()
    assert len(cells) == 16
    assert tuple(tuple(c.level for c in cells[i : i + 4]) for i in range(0, 16, 4)) == DRAWN
    first, last = cells[0], cells[-1]
    assert (first.likelihood, first.likelihood_id, first.consequence, first.consequence_id) == (
        4,
        "very_likely",
        1,
        "minor",
    )
    assert (first.score, first.level) == (4, "medium")
    assert (last.likelihood_id, last.consequence_id, last.score, last.level) == (
        "unlikely",
        "very_serious",
        4,
        "medium",
    )
    # Five low cells, five medium, three high, three very high.
    assert [sum(c.level == name for c in cells) for name in LEVELS] == [5, 5, 3, 3]


def test_the_level_never_falls_when_a_step_rises_and_is_symmetric():
    rank = {name: i for i, name in enumerate(LEVELS)}
    for a in range(1, 5):
        for b in range(1, 5):
            assert level(a, b) == level(b, a)
            if a < 4:
                assert rank[level(a + 1, b)] >= rank[level(a, b)]


@pytest.mark.parametrize("bad", [0, 5, -1, 2.0, "3", True, None])
def test_a_step_outside_1_to_4_is_refused(bad):
    with pytest.raises(ValueError, match="likelihood is a whole number from 1 to 4"):
        level(bad, 2)
    with pytest.raises(ValueError, match="consequence is a whole number from 1 to 4"):
        score(2, bad)


@pytest.mark.parametrize(
    ("risk_level", "found_on", "expected"),
    [
        ("very_high", date(2026, 3, 30), date(2026, 4, 6)),  # a week
        ("high", date(2026, 1, 31), date(2026, 2, 28)),  # a month: February has no 31st
        ("medium", date(2026, 11, 30), date(2027, 2, 28)),  # three months, over the year's end
        ("low", date(2024, 2, 29), date(2025, 2, 28)),  # the next round, 12 months on
    ],
)
def test_each_level_gives_its_time_to_act(risk_level, found_on, expected):
    assert act_by(risk_level, found_on) == expected


def test_an_unknown_level_is_refused():
    assert check_level("high") == "high"
    with pytest.raises(ValueError, match="unknown risk level 'severe'; expected one of low, medium"):
        act_by("severe", date(2026, 1, 1))

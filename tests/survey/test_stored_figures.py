"""The survey's gated figures stored at import (kasam.survey.stored): identical to computing them from
the stored cells for every unit of a generated survey, only what the gate shows, filled for surveys
imported before by the data migration, and the figures held between requests made stale by the next
import (kasam.core.generations)."""

from collections import Counter

import numpy as np
import pytest
from django.apps import apps
from survey_helpers import everyone, store_survey

from kasam.core import generations
from kasam.metrics.survey import SurveyDecision
from kasam.org.models import Unit
from kasam.org.tree import compute_paths
from kasam.survey import stored
from kasam.survey.actions import import_survey
from kasam.survey.for_plans import yearly_figures
from kasam.survey.models import NodeFigures, Survey
from kasam.survey.results import load_survey, stored_survey
from kasam.synth import survey as simulation
from kasam.synth.organisation import build_organisation

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _empty_cache():
    generations.forget_all()
    yield
    generations.forget_all()


def generated_surveys(employees: int = 1500, years=(2025, 2026)) -> list[Survey]:
    """A generated organisation (kasam.synth, a few hundred units, some with work groups) and its
    surveys of `years`, each through the real import."""
    rng = np.random.default_rng(7)
    organisation = build_organisation(rng, employees)
    units = organisation.units
    parents = dict(zip(units["unit_id"].to_list(), units["parent_id"].to_list(), strict=True))
    paths = compute_paths(parents)
    Unit.objects.bulk_create(
        [
            Unit(id=u, parent_id=p, name=f"Enhet {u}", kind="unit", path=paths[u])
            for u, p in sorted(parents.items(), key=lambda item: paths[item[0]])
        ]
    )
    genders = rng.choice(["K", "M", ""], size=len(organisation.post_unit), p=[0.7, 0.28, 0.02])
    staff = [
        (f"P{number}", str(unit), str(gender))
        for number, (unit, gender) in enumerate(zip(organisation.post_unit, genders, strict=True))
    ]
    surveys = []
    for year in years:
        rows = simulation.answers(3, year, staff, first_year=years[0])
        result = import_survey(
            simulation.to_csv(rows), f"enkat-{year}.csv", name="Medarbetarenkät", year=year, layout="long"
        )
        assert result.ok, result.errors[:3]
        surveys.append(Survey.objects.get(pk=result.survey_id))
    return surveys


def test_the_stored_figures_are_the_computed_ones_for_every_unit_of_a_generated_survey():
    surveys = generated_surveys()
    for survey, previous in zip(surveys, [None, *surveys[:-1]], strict=True):
        loaded, read = load_survey(survey), stored_survey(survey)
        units = list(loaded.parent_of)
        assert len(units) > 100
        shown = [unit for unit in units if loaded.unit_row(unit).shown]
        assert 0 < len(shown) < len(units), "the survey hides some units and shows others"
        assert any(loaded.gender_split(unit) for unit in units), "some splits are shown"
        assert read.organisation_row() == loaded.organisation_row()
        assert read.organisation_items == loaded.results.organisation_items
        assert read.gender_split("") == loaded.gender_split("")
        read.load(units)
        before = stored_survey(previous) if previous is not None else None
        loaded_before = load_survey(previous) if previous is not None else None
        for unit in units:
            assert read.unit_row(unit, 2) == loaded.unit_row(unit, 2), unit
            assert read.item_indices(unit) == loaded.item_indices(unit), unit
            assert read.gender_split(unit) == loaded.gender_split(unit), unit
            items_before = before.item_indices(unit) if before is not None else None
            assert read.gaps(unit, items_before) == loaded.gaps(unit, loaded_before), unit
        for figure in ("hme", "nmi"):
            day, values = next(point for point in yearly_figures(figure) if point[0].year == survey.year)
            for unit, computed in loaded.results.units.items():
                expected = computed["hme"]["total"] if figure == "hme" else computed["nmi"]
                assert values.get(unit) == expected, (figure, unit)


def test_only_what_the_gate_shows_is_stored():
    survey = generated_surveys(years=(2026,))[0]
    decision = SurveyDecision.from_json(survey.decision)
    rows = list(NodeFigures.objects.filter(survey=survey))
    assert rows
    for row in rows:
        node = row.unit_id or ""
        assert node in decision.shown, f"a row for hidden {node!r}"
        assert row.respondents >= survey.k
        if row.group != "*":
            assert node in decision.split, f"a split group of {node!r}, whose split is hidden"
    hidden = set(survey.tree) - decision.shown
    assert hidden and not NodeFigures.objects.filter(survey=survey, unit__in=hidden).exists()
    # One row per node and group.
    assert max(Counter((row.unit_id, row.group) for row in rows).values()) == 1


def test_the_data_migration_fills_the_rows_of_surveys_imported_before(org):
    survey = store_survey(
        2026, {"AO-HT1": {"K": everyone(6), "M": everyone(5)}, "IFO-BU": {"K": everyone(6)}}
    )

    def rows():
        return sorted(
            NodeFigures.objects.filter(survey=survey).values_list("unit_id", "group", "respondents", "nmi"),
            key=str,
        )

    written = rows()
    assert ("AO-HT1", "K", 6, pytest.approx(77.78, abs=0.01)) in written
    NodeFigures.objects.all().delete()
    version = generations.version("survey")
    names = ("Survey", "NodeFigures", "UnitRespondents", "Distribution")
    done = stored.store_all(
        *(apps.get_model("survey", name) for name in names), apps.get_model("core", "Generation")
    )
    assert done == 1
    assert rows() == written
    assert generations.version("survey") != version


def test_a_cached_survey_figure_changes_after_an_import(org, django_assert_num_queries):
    first = store_survey(2025, {"AO-HT1": {"K": everyone(6), "M": everyone(5)}, "IFO-BU": {"K": everyone(6)}})
    assert [day.year for day, _values in yearly_figures("nmi")] == [2025]
    organisation = stored_survey(first).organisation_row()
    with django_assert_num_queries(1):  # the generation only: the figures are held
        assert [day.year for day, _values in yearly_figures("nmi")] == [2025]
    with django_assert_num_queries(1):
        assert stored_survey(first).organisation_row() == organisation

    store_survey(
        2026, {"AO-HT1": {"K": everyone(6, {"nmi1": 1}), "M": everyone(5)}, "IFO-BU": {"K": everyone(6)}}
    )
    figures = yearly_figures("nmi")
    assert [day.year for day, _values in figures] == [2025, 2026]
    assert figures[1][1]["AO-HT1"] < figures[0][1]["AO-HT1"]

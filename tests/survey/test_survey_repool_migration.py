"""The data migration that re-pools surveys stored per unit × gender (kasam/survey/repool.py), run on
rows written the old way, with today's models."""

import json

import pytest
from django.apps import apps
from django.urls import reverse
from survey_helpers import everyone

from kasam.metrics.survey import decide, survey_figures
from kasam.survey import repool
from kasam.survey.actions import frozen_tree
from kasam.survey.models import Distribution, Survey, UnitRespondents
from kasam.survey.repool import old_cells
from kasam.survey.results import load_survey

pytestmark = pytest.mark.django_db


def old_survey() -> Survey:
    """Rows as the old import wrote them: per unit and gender, however few.

    Hemtjänst Norr 6 women + 5 men, Grupp Lärkan 3 women below it, Solgården 9 women + 1 man,
    Barn och unga 6 women."""
    survey = Survey.objects.create(
        name="Medarbetarenkät", year=2025, source="items", k=5, filename="x.csv", file_sha256="0" * 64
    )
    per_unit = {
        "AO-HT1": {"K": everyone(6), "M": everyone(5, {"hme1": 2})},
        "AO-HT1-A": {"K": everyone(3, {"hme1": 1})},
        "AO-SB1": {"K": everyone(9), "M": everyone(1, {"enps": 0})},
        "IFO-BU": {"K": everyone(6)},
    }
    for unit, groups in per_unit.items():
        for gender, (n, counts) in groups.items():
            UnitRespondents.objects.create(survey=survey, unit_id=unit, gender=gender, respondents=n)
            for item, values in counts.items():
                for value, count in values.items():
                    Distribution.objects.create(
                        survey=survey, unit_id=unit, gender=gender, item=item, value=value, count=count
                    )
    return survey


def run_migration(tmp_path):
    models = [apps.get_model("survey", name) for name in ("Survey", "UnitRespondents", "Distribution")]
    return repool.repool_all(*models, apps.get_model("org", "Unit"), tmp_path)


def test_re_pooling_keeps_no_row_below_k_and_shows_nothing_more(org, tmp_path):
    survey = old_survey()
    reports = run_migration(tmp_path)
    survey.refresh_from_db()
    # Rows: Grupp Lärkan's 3 pooled into Hemtjänst Norr (9 women, 5 men, split kept); Solgården's
    # one man makes it one cell of 10; nothing of fewer than five is left.
    stored = {(r.unit_id, r.gender): r.respondents for r in UnitRespondents.objects.filter(survey=survey)}
    assert stored == {("AO-HT1", "K"): 9, ("AO-HT1", "M"): 5, ("AO-SB1", "*"): 10, ("IFO-BU", "*"): 6}
    assert all(d.count >= 1 for d in Distribution.objects.all())
    assert survey.tree["AO-HT1-A"] == "AO-HT1"
    # Hemtjänst Norr's members did not change (its subtree's 14): the same figures as before; the
    # splits of Äldreomsorg and above held Solgården's man and are withdrawn.
    loaded = load_survey(survey)
    assert loaded.unit_row("AO-HT1").respondents == 14 and loaded.unit_row("AO-HT1").shown
    assert loaded.gender_split("AO") is None and loaded.gender_split("") is None
    report = reports[0]
    assert report["pooled_into"] == {"AO-HT1-A": "AO-HT1"}
    assert {"node": "AO", "what": "split", "item": "", "reason": "moved"} in report["withdrawn"]
    assert survey.report["repooled"] == report
    assert json.loads((tmp_path / repool.REPORT_NAME).read_text())[0]["survey"] == survey.pk
    # Run again: a survey with a frozen tree is left alone.
    assert run_migration(tmp_path) == []


def test_figures_of_unchanged_nodes_are_identical(org, client, personas, tmp_path):
    """The figures the old code showed for nodes whose members did not change, read before the
    migration from the old rows on today's tree, are the ones shown after it."""
    survey = old_survey()
    tree = frozen_tree()
    cells = old_cells(survey, UnitRespondents, Distribution)
    before = survey_figures(tree, cells, decide(tree, cells, 5), 5)
    run_migration(tmp_path)
    survey.refresh_from_db()
    after = load_survey(survey).results
    for unit in ("AO-HT1", "AO", "SOC", "IFO-BU", "IFO"):
        assert after.units[unit] == before.units[unit], unit
    assert after.organisation == before.organisation
    assert not before.units["AO-HT1-A"]["shown"] and not after.units["AO-HT1-A"]["shown"]
    client.force_login(personas["politiker"])
    page = client.get(reverse("survey:overview"))
    assert page.status_code == 200

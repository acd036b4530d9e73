"""`kasam anonymity audit` on the survey: a survey imported through the pooling passes; one man's
answer vector planted in the stored distributions, or a decision tampered to show a small remainder,
is found."""

import pytest
from test_survey_attacks import imported

from kasam.survey.models import Distribution, NodeFigures, Survey, UnitRespondents

pytestmark = pytest.mark.django_db


def test_an_imported_survey_passes(org, anonymity_audit):
    imported()
    assert anonymity_audit() == (0, "No violations of the disclosure rules.\n")


def test_one_mans_row_planted_in_the_table_is_found(org, anonymity_audit):
    """The old storage's leak, planted: a gender cell of one respondent with his answer."""
    survey = Survey.objects.get(pk=imported().survey_id)
    UnitRespondents.objects.create(survey=survey, unit_id="AO-SB1", gender="M", respondents=1)
    Distribution.objects.create(survey=survey, unit_id="AO-SB1", gender="M", item="enps", value=0, count=1)
    code, out = anonymity_audit()
    assert code == 1
    assert "a stored group is below the rule [AO-SB1 M (1)]" in out
    assert "a stored group is below the rule [AO-SB1 M enps (1)]" in out


def test_a_decision_that_shows_a_small_remainder_is_found(org, anonymity_audit):
    survey = Survey.objects.get(pk=imported().survey_id)
    shown = set(survey.decision["shown"]) | set(survey.tree)
    Survey.objects.filter(pk=survey.pk).update(decision={**survey.decision, "shown": sorted(shown)})
    code, out = anonymity_audit()
    assert code == 1
    assert "primary" in out or "remainder" in out


def test_stored_figures_of_a_hidden_unit_are_found(org, anonymity_audit):
    survey = Survey.objects.get(pk=imported().survey_id)
    hidden = sorted(set(survey.tree) - set(survey.decision["shown"]))[0]
    NodeFigures.objects.create(survey=survey, unit_id=hidden, group="*", respondents=3, nmi=50.0)
    code, out = anonymity_audit()
    assert code == 1
    assert f"figures stored for {hidden}, which is hidden" in out
    assert "stored figures of fewer than 5 respondents" in out

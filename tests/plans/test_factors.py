"""The unit's joint rating of the eight health factors: recorded by the unit manager, shown over time
with its table, strengths and what to strengthen; a factor to strengthen becomes an area to strengthen
in this year's plan with one click (the same endpoint the survey pages post to)."""

from datetime import date

import pytest
from django.urls import reverse
from plan_helpers import rating

from kasam.plans.factors import FACTORS
from kasam.plans.models import FactorScore, HealthFactorRating, HealthPlan, PlanArea

pytestmark = pytest.mark.usefixtures("english")


def rating_post(rated_on="2026-11-20", **overrides) -> dict:
    data = {"rated_on": rated_on}
    for index, factor in enumerate(FACTORS):
        data[f"score_{factor.value}"] = str(index % 5 + 1)
        data[f"note_{factor.value}"] = ""
        data[f"choice_{factor.value}"] = ""
    return data | overrides


def test_the_manager_records_a_rating(client, personas):
    client.force_login(personas["enhetschef"])
    url = reverse("plans:rating-new", kwargs={"unit_id": "AO-HT1"})
    assert client.get(url).status_code == 200
    data = rating_post(
        note_communication="Vi hör för sällan hur det gick",
        choice_communication="strengthen",
        choice_leadership="keep",
    )
    response = client.post(url, data)
    assert response.status_code == 302 and response["Location"] == reverse(
        "plans:factors", kwargs={"unit_id": "AO-HT1"}
    )
    saved = HealthFactorRating.objects.get()
    assert (saved.unit_id, saved.rated_on, saved.created_by) == (
        "AO-HT1",
        date(2026, 11, 20),
        personas["enhetschef"],
    )
    scores = {s.factor: s for s in saved.scores.all()}
    assert len(scores) == 8 and scores["fair_organisation"].score == 1 and scores["leadership"].score == 2
    assert scores["communication"].choice == "strengthen" and scores["leadership"].choice == "keep"
    assert scores["communication"].note == "Vi hör för sällan hur det gick"


def test_a_missing_score_or_a_second_rating_the_same_day_is_refused(client, personas):
    client.force_login(personas["enhetschef"])
    url = reverse("plans:rating-new", kwargs={"unit_id": "AO-HT1"})
    response = client.post(url, rating_post(score_competence=""))
    content = response.content.decode()
    assert "Choose a score from 1 to 5 for “Competence development throughout working life”." in content
    assert 'href="#factor-competence"' in content
    assert not HealthFactorRating.objects.exists()
    response = client.post(url, rating_post(score_competence="6"))
    assert not HealthFactorRating.objects.exists()
    client.post(url, rating_post())
    response = client.post(url, rating_post())
    assert "There is already a rating from this date." in response.content.decode()
    assert HealthFactorRating.objects.count() == 1
    response = client.post(url, rating_post(rated_on="2026-11-26"))
    assert "The date cannot be later than today." in response.content.decode()


def test_the_page_shows_the_ratings_over_time_with_strengths_and_what_to_strengthen(client, personas):
    rating(day=date(2026, 3, 2), score=2)
    rating(day=date(2026, 11, 2), score=4, strengthen=("communication",), keep=("leadership", "competence"))
    client.force_login(personas["medarbetare"])
    response = client.get(reverse("plans:factors", kwargs={"unit_id": "AO-HT1"}))
    assert response.status_code == 200
    context = response.context
    assert [row.key for row in context["strengths"]] == ["leadership", "competence"]
    assert [row.key for row, _area in context["to_strengthen"]] == ["communication"]
    assert context["rows"][0].change == 2 and context["rows"][0].change_text == "+2"
    content = response.content.decode()
    assert 'id="factor-history"' in content and "Show as table" in content
    assert "2026-03-02" in content and "2026-11-02" in content
    # Readers get no buttons.
    assert "Make it an area to strengthen" not in content and "Record a new rating" not in content


def test_one_click_makes_a_weak_factor_an_area_to_strengthen_in_this_year_s_plan(client, personas):
    rating(score=2, strengthen=("communication",))
    client.force_login(personas["enhetschef"])
    page = client.get(reverse("plans:factors", kwargs={"unit_id": "AO-HT1"})).content.decode()
    assert "Make it an area to strengthen" in page
    url = reverse("plans:area-from-source", kwargs={"unit_id": "AO-HT1", "year": 2026})
    response = client.post(url, {"source": "health_factor", "ref": "communication", "title": ""})
    plan = HealthPlan.objects.get(unit_id="AO-HT1", year=2026)
    area = plan.areas.get()
    assert response.status_code == 302
    assert (
        response["Location"]
        == reverse("plans:plan", kwargs={"unit_id": "AO-HT1", "year": 2026}) + f"#area-{area.pk}"
    )
    assert (area.kind, area.source, area.source_ref, area.title) == (
        "strengthen",
        "health_factor",
        "communication",
        "Communication and feedback",
    )
    # The plan was made with its snapshot, which already holds the rating.
    assert plan.snapshot["health_factors"]["scores"]["communication"]["score"] == 2
    # A second click finds it there.
    client.post(url, {"source": "health_factor", "ref": "communication", "title": ""})
    assert plan.areas.count() == 1
    page = client.get(reverse("plans:factors", kwargs={"unit_id": "AO-HT1"})).content.decode()
    assert "In the plan for 2026" in page and "Make it an area to strengthen" not in page


def test_a_survey_gap_becomes_an_area_to_strengthen(client, personas):
    client.force_login(personas["enhetschef"])
    url = reverse("plans:area-from-source", kwargs={"unit_id": "AO-HT1", "year": 2026})
    response = client.post(
        url, {"source": "survey", "ref": "hme4", "title": "Jag vet vad som förväntas av mig"}
    )
    assert response.status_code == 302
    area = PlanArea.objects.get()
    assert (area.source, area.source_ref, area.title) == (
        "survey",
        "hme4",
        "Jag vet vad som förväntas av mig",
    )
    page = client.get(reverse("plans:plan", kwargs={"unit_id": "AO-HT1", "year": 2026})).content.decode()
    assert "from the employee survey, question hme4" in page


@pytest.mark.parametrize(
    "data",
    [
        {"source": "survey", "ref": "hme4", "title": ""},  # a survey area needs its title
        {"source": "health_factor", "ref": "no_such_factor", "title": ""},
        {"source": "own", "ref": "x", "title": "Egen"},
        {"source": "survey", "ref": "", "title": "Utan fråga"},
    ],
)
def test_an_incomplete_one_click_request_changes_nothing(client, personas, data):
    client.force_login(personas["enhetschef"])
    url = reverse("plans:area-from-source", kwargs={"unit_id": "AO-HT1", "year": 2026})
    assert client.post(url, data).status_code == 400
    assert not PlanArea.objects.exists() and not HealthPlan.objects.exists()


def test_the_from_source_endpoint_needs_a_post(client, personas):
    client.force_login(personas["enhetschef"])
    url = reverse("plans:area-from-source", kwargs={"unit_id": "AO-HT1", "year": 2026})
    assert client.get(url).status_code == 405


def test_a_rating_never_changes_once_saved_through_another_rating(personas):
    first = rating(day=date(2026, 3, 2), score=2)
    rating(day=date(2026, 11, 2), score=4)
    assert set(FactorScore.objects.filter(rating=first).values_list("score", flat=True)) == {2}

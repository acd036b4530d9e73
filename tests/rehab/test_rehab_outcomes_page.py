"""What rehabilitation cases add up to, from the database and on the page (docs/definitions.md "What
rehabilitation cases add up to"): the frame loaded from hand-built cases, HR's live figures with a
small group hidden, the health strategist and the committee reading only the release, and everyone
else refused."""

from datetime import date

import polars as pl
import pytest
from django.urls import reverse
from rehab_outcome_cases import long_cases

from kasam.absence.models import Absence
from kasam.org.models import Unit
from kasam.rehab import cases, outcomes
from kasam.rehab.models import Adjustment, Case, StepDone
from kasam.releases.publish import publish

TODAY = date(2026, 11, 25)  # tests/conftest.py
URL = reverse("rehab:outcomes")
TOO_FEW = "för få personer för att visa"


def sick(person_id: str, start: date, end: date) -> None:
    Absence.objects.create(person_id=person_id, start_date=start, end_date=end)


@pytest.fixture
def hand_built(personas):
    """Four cases of the last 12 months and one older."""
    made = {}
    # A long sick case in Grupp Lärkan; the plan became needed late (learned on 10 April): due 17 April.
    made["long"] = Case.objects.create(
        person_id="P2", source="long_term", opened_on=date(2026, 3, 3), unit_id="AO-HT1-A",
        sick_case_start=date(2026, 3, 1), sick_case_end=date(2026, 6, 30), learned_long_on=date(2026, 4, 10),
    )  # fmt: skip
    StepDone.objects.create(case=made["long"], step="return_plan", done_on=date(2026, 4, 15))
    for kind in ("tasks", "aids", "tasks"):
        Adjustment.objects.create(case=made["long"], kind=kind, description="x", starts_on=date(2026, 4, 15))
    # Repeated short sick leave in Solgården: later a sick case of 92 days began after the opening.
    sick("P3", date(2026, 1, 20), date(2026, 1, 22))
    sick("P3", date(2026, 5, 1), date(2026, 7, 31))
    made["repeated"] = Case.objects.create(
        person_id="P3", source="repeated_short_term", opened_on=date(2026, 2, 1), unit_id="AO-SB1",
        sick_case_start=date(2026, 1, 20), sick_case_end=date(2026, 1, 22),
    )  # fmt: skip
    # Back after a long absence in Barn och unga: the long case began before the opening, none after.
    sick("P4", date(2026, 3, 1), date(2026, 8, 20))
    made["returning"] = Case.objects.create(
        person_id="P4", source="returning", opened_on=date(2026, 9, 1), unit_id="IFO-BU",
        sick_case_start=date(2026, 3, 1), sick_case_end=date(2026, 8, 20),
    )  # fmt: skip
    # By hand without sick leave: in the period by the day it was opened; a sick case still going on.
    made["manual"] = Case.objects.create(
        person_id="P1", source="manual", opened_on=date(2026, 10, 1), unit_id="AO-HT1",
        chosen_steps=["health_conversation"],
    )  # fmt: skip
    made["old"] = Case.objects.create(
        person_id="P5", source="long_term", opened_on=date(2024, 5, 3), unit_id="AO-HT1",
        sick_case_start=date(2024, 5, 1), sick_case_end=date(2024, 9, 1), closed_on=date(2024, 10, 1),
    )  # fmt: skip
    return made


def test_the_frame_has_one_row_per_case_of_the_period(hand_built):
    frame = outcomes.load(outcomes.last_twelve_months(TODAY), TODAY)
    rows = {row["case_id"]: row for row in frame.iter_rows(named=True)}
    assert set(rows) == {hand_built[k].pk for k in ("long", "repeated", "returning", "manual")}
    long = rows[hand_built["long"].pk]
    assert long["unit_id"] == "AO-HT1-A" and long["source"] == "long_term"
    assert long["return_plan_due"] == date(2026, 4, 17)  # day 30 is 30 March; learned + 7 is later
    assert long["return_plan_done_on"] == date(2026, 4, 15)
    assert long["plan_required"] and long["returned"]
    assert long["adjustment_kinds"] == ["aids", "tasks"]  # each kind once
    assert long["became_long"] is None  # not an early-signal case
    repeated = rows[hand_built["repeated"].pk]
    assert repeated["became_long"] is True and not repeated["plan_required"]
    assert repeated["return_plan_due"] is None and repeated["adjustment_kinds"] == []
    assert rows[hand_built["returning"].pk]["became_long"] is False
    manual = rows[hand_built["manual"].pk]
    assert manual["sick_case_start"] is None and not manual["returned"]
    assert frame.columns[:3] == ["case_id", "unit_id", "opened_on"]


def test_the_plan_is_due_and_required_as_the_case_page_computes_it(hand_built):
    frame = outcomes.load(outcomes.Period(date(2020, 1, 1), TODAY), TODAY)
    for case in Case.objects.all():
        row = frame.filter(pl.col("case_id") == case.pk).row(0, named=True)
        step = next((s for s in cases.steps(case) if s.step == "return_plan"), None)
        assert row["return_plan_due"] == (step.due if step else None), case.source
        length = (case.sick_case_end - case.sick_case_start).days + 1 if case.sick_case_start else 0
        required = step is not None and length >= 60
        assert row["plan_required"] == required, case.source


def test_the_frame_covers_the_subtrees_given(hand_built):
    path = Unit.objects.get(pk="AO-HT1").path
    frame = outcomes.load(outcomes.last_twelve_months(TODAY), TODAY, [path])
    assert sorted(frame["unit_id"].to_list()) == ["AO-HT1", "AO-HT1-A"]
    assert outcomes.load(outcomes.year(2024), TODAY)["case_id"].to_list() == [hand_built["old"].pk]
    assert outcomes.load(outcomes.year(2024), TODAY, []).is_empty()


@pytest.fixture
def many(personas):
    """14 persons with a tasks adjustment (Hemtjänst Norr), 12 without one (Barn och unga) and 3 with
    aids (Solgården): in all 29 persons, the aids group too small."""
    long_cases("A", 14, "AO-HT1", date(2026, 3, 2), kinds=("tasks",))
    long_cases("C", 12, "IFO-BU", date(2026, 3, 9), kinds=())
    long_cases("B", 3, "AO-SB1", date(2026, 4, 1), kinds=("aids",), plan_on_day=40)


def _row(content: str, label: str) -> str:
    start = content.index(f'<th scope="row">{label}</th>')
    return content[start : content.index("</tr>", start)]


def test_hr_sees_the_figures_live_and_a_group_of_few_persons_hidden(client, personas, many):
    client.force_login(personas["hr"])
    response = client.get(URL)
    assert response.status_code == 200
    content = response.content.decode()
    assert 'id="outcomes-total"' in content and "29 ärenden" in content
    # 26 of 29 plans on time: the three of Solgården were made on day 40.
    assert "90\u00a0%" in content and "26 av 29" in content
    aids = _row(content, "Hjälpmedel")
    assert TOO_FEW in aids and "3" not in aids
    # Exactly one group was hidden, so the smallest other one with persons is hidden too.
    assert TOO_FEW in _row(content, "Ingen anpassning")
    assert "14" in _row(content, "Arbetsuppgifter")
    assert "Provsson" not in content and "Rehabsson" not in content  # no person
    assert 'id="back-at-work-chart' in content
    # The figures are kept until a case changes: a new one counts at once.
    long_cases("D", 1, "AO-HT1", date(2026, 3, 2))
    assert "30 ärenden" in client.get(URL).content.decode()


def test_hr_picks_a_unit_and_a_period(client, personas, many):
    client.force_login(personas["hr"])
    content = client.get(URL, {"enhet": "AO-SB1"}).content.decode()
    assert 'id="too-few"' in content and "ärenden" not in content.split('id="too-few"')[1]
    content = client.get(URL, {"ar": "2025"}).content.decode()
    assert 'id="no-cases"' in content
    content = client.get(URL, {"fran": "2026-03-01", "till": "2026-03-31"}).content.decode()
    assert "26 ärenden" in content
    content = client.get(URL, {"fran": "2026-03-31", "till": "2026-03-01"}).content.decode()
    assert "kunde inte läsas" in content


@pytest.mark.parametrize("username", ["halsostrateg", "politiker"])
def test_the_strategist_and_the_committee_see_only_the_release(client, personas, username):
    client.force_login(personas[username])
    long_cases("A", 14, "AO-HT1", date(2025, 3, 2))
    assert 'id="no-release"' in client.get(URL).content.decode()
    publish("rehab", "2025")
    long_cases("N", 20, "IFO-BU", date(2025, 6, 2))  # after the release: live figures only
    long_cases("L", 15, "IFO-BU", date(2026, 6, 2))  # this year: live figures only
    content = client.get(URL).content.decode()
    assert 'id="release-note"' in content and "14 ärenden" in content
    assert "34 ärenden" not in content and "15 ärenden" not in content
    # Asking for the live period or another unit's subtree changes nothing live.
    for query in ({"fran": "2026-01-01", "till": "2026-12-31"}, {"ar": "2026"}, {"enhet": "IFO-BU"}):
        assert "14 ärenden" in client.get(URL, query).content.decode()
    client.force_login(personas["hr"])
    assert "34 ärenden" in client.get(URL, {"ar": "2025"}).content.decode()


@pytest.mark.parametrize("username", ["ledning", "enhetschef", "omradeschef", "medarbetare", "dialogcoach"])
def test_everyone_else_is_refused(client, personas, username):
    client.force_login(personas[username])
    assert client.get(URL).status_code == 403

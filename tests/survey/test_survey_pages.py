"""The survey's pages, export and plan snapshot on a hand-worked survey (k = 5):

    Hemtjänst Norr (AO-HT1)   6 women, 5 men; everyone answers hme1 = 5 and hme4 = 2, the rest as others
    Grupp Lärkan (AO-HT1-A)   3 women            – too few: hidden, counted in Hemtjänst Norr
    Solgården (AO-SB1)        10 women
    Barn och unga (IFO-BU)    6 women
    whole organisation        30 respondents

Everyone else answers 4 to every HME item, 8 to NMI and 9 to eNPS (index 75, NMI 77.78, eNPS 100).
hme1: Hemtjänst Norr (11 × 5 + 3 × 4) / 14 → 94.64; organisation (55 + 76) / 30 → 84.17; gap +10.48.
hme4: Hemtjänst Norr (11 × 2 + 3 × 4) / 14 → 35.71; organisation (22 + 76) / 30 → 56.67; gap −20.95.
"""

import csv
import io
import re
from html import unescape

import openpyxl
import pytest
from django.urls import reverse
from survey_helpers import everyone, long_csv, long_rows, store_survey

from kasam.org.models import Unit
from kasam.plans.models import HealthPlan, PlanArea
from kasam.survey.for_plans import plan_section
from kasam.survey.models import Survey

HT1 = {"hme1": 5, "hme4": 2}


def survey_of(year=2026, men_in_solgarden=0, ht1=HT1):
    solgarden = {"K": everyone(10)} | ({"M": everyone(men_in_solgarden)} if men_in_solgarden else {})
    return store_survey(
        year,
        {
            "AO-HT1": {"K": everyone(6, ht1), "M": everyone(5, ht1)},
            "AO-HT1-A": {"K": everyone(3)},
            "AO-SB1": solgarden,
            "IFO-BU": {"K": everyone(6)},
        },
    )


def get(client, user, name, **kwargs):
    client.force_login(user)
    return client.get(reverse(name, kwargs=kwargs))


def text(response) -> str:
    html = re.sub(r"<svg.*?</svg>", "", response.content.decode(), flags=re.S)
    return unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html)))


def row_text(response, unit: str) -> str:
    match = re.search(rf'<tr data-unit="{unit}">(.*?)</tr>', response.content.decode(), re.S)
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", match.group(1))).strip() if match else ""


def test_it_says_there_are_no_results_before_a_survey_is_imported(client, personas):
    response = get(client, personas["ledning"], "survey:overview")
    assert response.status_code == 200
    assert "There are no survey results yet." in text(response)


def level(client, user, unit: str | None = None, page: int | None = None):
    client.force_login(user)
    query = {key: value for key, value in (("enhet", unit), ("page", page)) if value is not None}
    return client.get(reverse("survey:overview"), query)


def listed(response) -> list[str]:
    return re.findall(r'<tr data-unit="([\w-]+)">', response.content.decode())


def test_the_overview_shows_the_gated_figures_of_every_unit_in_scope(client, personas):
    survey_of()
    response = level(client, personas["politiker"], "AO")
    assert row_text(response, "organisation").startswith("The whole organisation 30 ")
    assert row_text(response, "AO-HT1").startswith("Hemtjänst Norr Units below : Hemtjänst Norr 14 ")
    assert row_text(response, "AO-SB1") == "Solgården 10 75 75 75 75 78 100"
    assert "survey-heatmap" in response.content.decode()
    # Hidden: no figure, and not how many answered either.
    response = level(client, personas["politiker"], "AO-HT1")
    assert row_text(response, "AO-HT1-A") == "Grupp Lärkan Too few answers to show"


def test_the_overview_shows_one_level_at_a_time_with_a_way_down_and_back(client, personas):
    survey_of()
    politician = personas["politiker"]
    response = level(client, politician)
    assert listed(response) == ["organisation", "SOC", "AO", "IFO"]
    assert "?enhet=AO" in response.content.decode() and "?enhet=IFO" in response.content.decode()
    response = level(client, politician, "AO")
    assert listed(response) == ["organisation", "AO", "AO-HT1", "AO-SB1"]
    response = level(client, politician, "AO-HT1")
    assert listed(response) == ["organisation", "AO-HT1", "AO-HT1-A"]
    trail = re.search(r'<nav[^>]*id="survey-trail">(.*?)</nav>', response.content.decode(), re.S).group(1)
    assert re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", trail)).split() == [
        "Your",
        "units",
        "Socialförvaltningen",
        "Äldreomsorg",
        "Hemtjänst",
        "Norr",
    ]
    assert "?enhet=AO-HT1-A" not in response.content.decode(), "a unit without children has no way down"


def test_a_unit_outside_the_scope_is_not_found_on_the_overview(client, personas):
    survey_of()
    manager = personas["enhetschef"]
    assert listed(level(client, manager)) == ["organisation", "AO-HT1", "AO-HT1-A"]
    assert level(client, manager, "AO-SB1").status_code == 404
    assert level(client, manager, "AO").status_code == 404
    assert level(client, manager, "NO-SUCH-UNIT").status_code == 404


def test_long_sibling_lists_are_paged(client, personas, monkeypatch):
    from kasam.survey import views

    survey_of()
    monkeypatch.setattr(views, "PAGE_SIZE", 1)
    first = level(client, personas["politiker"], "AO")
    assert listed(first) == ["organisation", "AO", "AO-HT1"]
    assert "page=2" in first.content.decode()
    second = level(client, personas["politiker"], "AO", page=2)
    assert listed(second) == ["organisation", "AO", "AO-SB1"]


def test_a_unit_manager_sees_the_units_of_the_scope_and_the_organisation_only(client, personas):
    survey_of()
    response = get(client, personas["enhetschef"], "survey:overview")
    units = re.findall(r'<tr data-unit="([\w-]+)">', response.content.decode())
    assert units == ["organisation", "AO-HT1", "AO-HT1-A"]


def test_the_unit_page_puts_strengths_first_then_the_largest_gaps(client, personas):
    survey = survey_of()
    response = get(client, personas["enhetschef"], "survey:unit", survey_id=survey.pk, unit_id="AO-HT1")
    html = response.content.decode()
    strengths = html.split('id="strengths-table"')[1].split("</table>")[0]
    gaps = html.split('id="gaps-table"')[1].split("</table>")[0]
    assert re.findall(r'data-item="(\w+)"', strengths)[0] == "hme1"
    assert re.findall(r'data-item="(\w+)"', gaps) == ["hme4"]
    assert "+10,5" in strengths and "−21,0" in gaps
    # Our figures beside the organisation's, and a gender split (both groups have five or more).
    assert 'id="gender-split"' in html and 'data-group="K"' in html and 'data-group="M"' in html
    # The manager may turn the gap into an area to strengthen: one button, on the gap only.
    assert html.count('name="source" value="survey"') == 1


def test_one_click_makes_a_gap_an_area_to_strengthen_in_this_years_plan(client, personas):
    survey = survey_of()
    page = get(client, personas["enhetschef"], "survey:unit", survey_id=survey.pk, unit_id="AO-HT1")
    form = page.content.decode().split('name="ref" value="hme4"')[0].rsplit("<form", 1)[1]
    action = re.search(r'action="([^"]+)"', form).group(1)
    title = re.search(r'name="title" value="([^"]+)"', page.content.decode()).group(1)
    response = client.post(action, {"source": "survey", "ref": "hme4", "title": unescape(title)})
    assert response.status_code == 302
    plan = HealthPlan.objects.get(unit_id="AO-HT1", year=2026)
    area = PlanArea.objects.get(plan=plan)
    assert (area.kind, area.source, area.source_ref) == ("strengthen", "survey", "hme4")
    # The plan's snapshot holds the unit's survey figures, the same the survey page shows.
    assert plan.snapshot["survey"]["shown"] is True and plan.snapshot["survey"]["respondents"] == 14


def test_others_read_the_unit_page_without_the_button(client, personas):
    survey = survey_of()
    for username in ("medarbetare", "omradeschef", "halsostrateg"):
        html = get(client, personas[username], "survey:unit", survey_id=survey.pk, unit_id="AO-HT1")
        assert 'id="gaps-table"' in html.content.decode()
        assert 'value="survey"' not in html.content.decode(), username


def test_a_hidden_unit_page_shows_no_figure(client, personas):
    survey = survey_of()
    response = get(client, personas["enhetschef"], "survey:unit", survey_id=survey.pk, unit_id="AO-HT1-A")
    assert response.status_code == 200
    content = text(response)
    assert "Too few answers to show" in content
    assert 'id="unit-figures"' not in response.content.decode() and "gaps-table" not in content


def test_the_change_is_against_the_units_previous_survey(client, personas):
    survey_of(year=2025, ht1={"hme1": 4, "hme4": 3})
    survey = survey_of(year=2026)
    response = get(client, personas["enhetschef"], "survey:unit", survey_id=survey.pk, unit_id="AO-HT1")
    gaps = response.content.decode().split('id="gaps-table"')[1].split("</table>")[0]
    # hme4 in 2025: (11 × 3 + 3 × 4) / 14 → 55.36; now 35.71: −19.64.
    assert "−19,6" in gaps
    assert "since our survey of 2025" in text(response)


# ------------------------------------------------------------------------- the gender split


def test_a_split_that_would_give_away_a_small_group_is_shown_nowhere(client, personas):
    """Solgården's 2 men: their group keeps no gender split, so no node holding them – Solgården,
    Äldreomsorg, the organisation – shows one: not on its page, not in the export, not in the plan's
    snapshot. Hemtjänst Norr's group keeps its own (9 women, 5 men), and Äldreomsorg's men minus
    Hemtjänst Norr's cannot be taken, since Äldreomsorg shows none."""
    survey = survey_of(men_in_solgarden=2)
    user = personas["omradeschef"]
    page = get(client, user, "survey:unit", survey_id=survey.pk, unit_id="AO")
    assert 'id="split-hidden"' in page.content.decode() and 'data-group="M"' not in page.content.decode()

    export = get(client, user, "survey:export", survey_id=survey.pk, fmt="csv")
    lines = list(csv.reader(io.StringIO(export.content.decode("utf-8-sig")), delimiter=";"))
    groups = {(line[0], line[3]) for line in lines[1:]}
    for unit in ("", "AO", "AO-SB1"):
        assert (unit, "Women") not in groups and (unit, "Men") not in groups
    assert ("AO-HT1", "Men") in groups

    snapshot = plan_section(Unit.objects.get(pk="AO-SB1"), 2026)  # what a plan's snapshot holds
    assert snapshot["shown"] is True and snapshot["gender"] is None
    assert not any("women" in row["label"].lower() for row in snapshot["rows"])


def test_a_split_that_may_be_shown_is_in_the_page_export_and_snapshot(client, personas):
    survey = survey_of()
    user = personas["enhetschef"]
    export = get(client, user, "survey:export", survey_id=survey.pk, fmt="csv")
    lines = list(csv.reader(io.StringIO(export.content.decode("utf-8-sig")), delimiter=";"))
    women = next(line for line in lines if line[0] == "AO-HT1" and line[3] == "Women")
    assert women[4:6] == ["Yes", "9"] and women[6]  # Grupp Lärkan's 3 women count in Hemtjänst Norr
    client.post(reverse("plans:plan-create", kwargs={"unit_id": "AO-HT1", "year": 2026}))
    snapshot = HealthPlan.objects.get(unit_id="AO-HT1").snapshot["survey"]
    assert snapshot["gender"]["K"]["respondents"] == 9 and snapshot["gender"]["M"]["respondents"] == 5


# ------------------------------------------------------------------------------- the export


def test_the_export_holds_what_the_page_shows_and_nothing_of_hidden_units(client, personas):
    survey = survey_of()
    response = get(client, personas["halsostrateg"], "survey:export", survey_id=survey.pk, fmt="xlsx")
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    rows = [[cell.value for cell in row] for row in sheet.iter_rows()]
    by_unit = {(row[0], row[3]): row for row in rows[1:]}
    organisation = by_unit[(None, "All")]  # an empty cell
    assert organisation[5] == 30 and isinstance(organisation[6], (int, float))
    hidden = by_unit[("AO-HT1-A", "All")]
    assert hidden[4] == "No" and hidden[5:] == [None] * (len(hidden) - 5)
    solgarden = by_unit[("AO-SB1", "All")]
    assert solgarden[5:] == [10, 75.0, 75.0, 75.0, 75.0, 77.8, 100.0]


def test_the_export_follows_the_viewers_scope(client, personas):
    survey = survey_of()
    response = get(client, personas["enhetschef"], "survey:export", survey_id=survey.pk, fmt="csv")
    units = {line.split(";")[0] for line in response.content.decode("utf-8-sig").splitlines()[1:]}
    assert units == {"", "AO-HT1", "AO-HT1-A"}


# ------------------------------------------------------------------------------- the import


def test_the_import_page_imports_a_good_file_and_refuses_a_bad_one_whole(client, personas):
    client.force_login(personas["hr"])
    url = reverse("survey:import")
    people = {f"R{n}": "AO-SB1" for n in range(6)}
    bad = long_csv([*long_rows(people), ("R9", "NO-SUCH", "hme1", 7)])
    response = client.post(
        url,
        {"file": _upload("svar.csv", bad), "name": "Medarbetarenkät", "year": 2026, "format": "long"},
    )
    content = text(response)
    assert "nothing was imported" in content
    # The header, 6 respondents × 13 items, then the bad row on line 80.
    assert "svar.csv:80:unit_id: There is no unit NO-SUCH in Kasam." in content
    assert "svar.csv:80:value: 7 is off the scale. Answers to hme1 go from 1 to 5." in content
    assert not Survey.objects.exists()

    good = long_csv(long_rows(people))
    response = client.post(
        url,
        {"file": _upload("svar.csv", good), "name": "Medarbetarenkät", "year": 2026, "format": "long"},
    )
    assert "svar.csv has been imported." in text(response)
    assert Survey.objects.get().name == "Medarbetarenkät"


@pytest.mark.parametrize("username", ["medarbetare", "enhetschef", "ledning", "politiker"])
def test_only_hr_and_the_health_strategist_may_import(client, personas, username):
    client.force_login(personas[username])
    assert client.get(reverse("survey:import")).status_code == 403


def _upload(name: str, data: bytes):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile(name, data, content_type="text/csv")


def test_a_login_without_a_role_reads_no_figure_of_the_organisation(client, personas, django_user_model):
    # Found by an outside test: a login nobody has given a role read the organisation's row on the
    # page and downloaded it as CSV. Now the pages refuse it and the export is "not found".
    survey = survey_of()
    nobody = django_user_model.objects.create_user(username="ny", password="test-password-1")
    assert get(client, nobody, "survey:overview").status_code == 403
    assert get(client, nobody, "survey:survey", survey_id=survey.pk).status_code == 403
    for fmt in ("csv", "xlsx"):
        assert get(client, nobody, "survey:export", survey_id=survey.pk, fmt=fmt).status_code == 404
    # Any role still reads the organisation's row beside its own units.
    response = get(client, personas["medarbetare"], "survey:export", survey_id=survey.pk, fmt="csv")
    assert response.status_code == 200 and response.content.decode("utf-8-sig").splitlines()[1].startswith(
        ";"
    )

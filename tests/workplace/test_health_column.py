"""The health column: a monthly draft from what everyone has been shown already (the organisation's
pulse rise, the good example a unit offered, the coming meetings' theme, a released figure), edited and
published by the health strategist only, shown on every employee's page and given to the newsletter."""

import re
from datetime import date
from html import unescape
from types import SimpleNamespace

import pytest
from django.urls import reverse
from pulse_rounds import add_staff, run_round

from kasam.core.formatting import format_percent
from kasam.dialogs.models import PlannedMeeting, Theme
from kasam.plans.actions import get_or_create_plan
from kasam.plans.models import Activity
from kasam.workplace import column
from kasam.workplace.models import HealthColumn

pytestmark = pytest.mark.usefixtures("english", "pulse_settings")

DAY = date(2026, 11, 25)
ACTION = {
    "what": "Promenadmöte varannan vecka",
    "how": "Vi går i stället för att sitta.",
    "why": "Mer rörelse.",
    "who": "Alla",
    "when": "Under hösten",
    "follow_up": "På APT.",
    "follow_up_on": date(2026, 11, 10),
}


def text(response) -> str:
    return unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", response.content.decode())))


@pytest.fixture
def world(personas):
    add_staff()
    run_round(1, date(2026, 10, 5), date(2026, 10, 16), value=3)
    run_round(2, date(2026, 11, 2), date(2026, 11, 20), value=5)
    plan, _ = get_or_create_plan(personas["enhetschef"].role_assignments.get().unit, 2026)
    done = Activity.objects.create(
        plan=plan, **ACTION, status=Activity.Status.DONE, reflection="Alla var med.", shared_on=DAY
    )
    theme = Theme.objects.get(programme__slug="kasam-pa-apt", slug="hanterbarhet")
    for unit_id in ("AO-HT1", "AO-SB1"):
        PlannedMeeting.objects.create(unit_id=unit_id, held_on=date(2026, 12, 9), theme=theme)
    return SimpleNamespace(activity=done, theme=theme)


def test_the_draft_tells_what_rose_the_offered_example_and_the_next_theme(world, monkeypatch):
    release = SimpleNamespace(
        shows=lambda unit_id: unit_id == "SOC",
        figure=lambda unit_id: SimpleNamespace(sick_leave_pct=6.25),
        label="January–August 2026",
    )
    monkeypatch.setattr(column, "latest_sick_leave", lambda: release)
    made = column.draft(DAY, DAY)
    assert made.month == date(2026, 11, 1) and made.status == HealthColumn.Status.DRAFT
    assert made.improved.startswith("In the pulse that closed on 20 November, ")
    assert "rose" in made.improved and made.improved.endswith("for the whole of Socialförvaltningen.")
    assert made.example == "Hemtjänst Norr: Promenadmöte varannan vecka. Alla var med."
    assert made.example_activity == world.activity
    assert made.next_theme.startswith(f"Next on the workplace meetings: {world.theme.title_en}.")
    pct = format_percent(6.25, 1)  # "6,3 %": numbers are Swedish in every language
    assert (
        made.figure
        == f"Sick leave in Socialförvaltningen was {pct} (January–August 2026, published figures)."
    )
    # Once a month; the example is told once.
    assert column.draft(DAY, DAY) is None
    assert column.draft(date(2026, 12, 1), date(2026, 12, 1)).example == ""


def test_a_draft_says_nothing_it_does_not_know(personas, monkeypatch):
    monkeypatch.setattr(column, "latest_sick_leave", lambda: None)
    made = column.draft(DAY, DAY)
    assert (made.improved, made.example, made.next_theme, made.figure) == ("", "", "", "")
    assert made.parts() == []


def test_the_strategist_edits_and_publishes_and_every_employee_reads_it(client, personas, world):
    client.force_login(personas["halsostrateg"])
    assert client.get(reverse("column:list")).status_code == 200
    response = client.post(reverse("column:draft"))
    made = HealthColumn.objects.get()
    assert response["Location"] == reverse("column:edit", args=[made.pk])
    data = {"title": "Hälsokolumnen i november", "improved": made.improved, "example": "Promenader!",
            "next_theme": "", "figure": ""}  # fmt: skip
    client.post(reverse("column:edit", args=[made.pk]), {**data, "save": ""})
    made.refresh_from_db()
    assert made.status == "draft" and made.example == "Promenader!"
    client.force_login(personas["medarbetare"])
    assert "Hälsokolumnen i november" not in text(client.get(reverse("workplace:page")))  # a draft

    client.force_login(personas["halsostrateg"])
    client.post(reverse("column:edit", args=[made.pk]), {**data, "publish": ""})
    made.refresh_from_db()
    assert made.status == "published" and made.published_by == personas["halsostrateg"]
    client.force_login(personas["medarbetare"])
    page = text(client.get(reverse("workplace:page")))
    assert "Hälsokolumnen i november" in page and "Promenader!" in page

    client.force_login(personas["halsostrateg"])
    snippet = client.get(reverse("column:snippet", args=[made.pk]))
    assert "&lt;h2" in snippet.content.decode() and "Promenader!" in text(snippet)
    download = client.get(reverse("column:snippet", args=[made.pk]), {"ladda-ner": "1"})
    assert download["Content-Disposition"] == 'attachment; filename="halsokolumn-2026-11.html"'
    assert download.content.decode().startswith("<div") and "Promenader!" in download.content.decode()


@pytest.mark.parametrize("username", ["medarbetare", "enhetschef", "hr", "ledning"])
def test_only_the_health_strategist_writes_the_column(client, personas, username):
    made = column.draft(DAY, DAY)
    client.force_login(personas[username])
    assert client.get(reverse("column:list")).status_code == 403
    assert client.post(reverse("column:edit", args=[made.pk]), {"title": "x"}).status_code == 403
    assert HealthColumn.objects.get().title != "x"


def test_a_unit_offers_a_done_activity_as_its_good_example(client, personas, world):
    running = Activity.objects.create(plan=world.activity.plan, **{**ACTION, "what": "Anslagstavla"})
    client.force_login(personas["enhetschef"])
    url = reverse("plans:activity-share", args=["AO-HT1", 2026, running.pk])
    client.post(url, {"share": "yes"})
    running.refresh_from_db()
    assert running.shared_on is None  # not done yet: nothing to tell
    url = reverse("plans:activity-share", args=["AO-HT1", 2026, world.activity.pk])
    client.post(url, {"share": "no"})
    world.activity.refresh_from_db()
    assert world.activity.shared_on is None and column.offered_example() is None
    client.post(url, {"share": "yes"})
    assert column.offered_example() == world.activity
    client.force_login(personas["medarbetare"])
    assert client.post(url, {"share": "no"}).status_code == 404


def test_the_tick_makes_the_months_draft_once(personas, settings):
    settings.KASAM_TODAY = DAY
    assert column.tick(DAY) == [] and HealthColumn.objects.get().month == date(2026, 11, 1)
    column.tick(DAY)
    assert HealthColumn.objects.count() == 1


def test_the_plan_offers_only_a_done_activity_as_a_good_example(client, personas, world):
    running = Activity.objects.create(plan=world.activity.plan, **{**ACTION, "what": "Anslagstavla"})
    client.force_login(personas["enhetschef"])
    html = client.get(reverse("plans:plan", args=["AO-HT1", 2026])).content.decode()
    share = reverse("plans:activity-share", args=["AO-HT1", 2026, world.activity.pk])
    assert f'action="{share}"' in html and "Offered as a good example for the health column." in html
    assert reverse("plans:activity-share", args=["AO-HT1", 2026, running.pk]) not in html

"""The dialog pages on the tree of tests/conftest.py: the library added after migrate, the facilitator
screen, recording a dialog with its actions as plan activities (and every bad input refused with a
message, nothing stored), the group's own evaluation, the reach of a hand-built case and the
library's editing."""

import re
from datetime import date
from html import unescape

import pytest
from django.urls import reverse

from kasam.dialogs import library
from kasam.dialogs.models import DialogRecord, Evaluation, Programme, Theme
from kasam.plans.models import Activity, HealthPlan

ACTION = {
    "action-0-what": "Fem minuter återkoppling",
    "action-0-how": "Chefen börjar varje APT med det.",
    "action-0-why": "Så att alla vet hur det gick.",
    "action-0-who": "Enhetschefen",
    "action-0-when": "Varje APT i vår",
    "action-0-follow_up": "Vi frågar gruppen i maj.",
    "action-0-follow_up_on": "2026-12-15",
}
MANAGEMENT = {"action-TOTAL_FORMS": "3", "action-INITIAL_FORMS": "0"}


pytestmark = pytest.mark.usefixtures("english")


def text(response) -> str:
    html = re.sub(r"<svg.*?</svg>", "", response.content.decode(), flags=re.S)
    return unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html)))


def theme(programme="kasam-pa-apt", slug="begriplighet") -> Theme:
    return Theme.objects.get(programme__slug=programme, slug=slug)


def post_record(client, user, **fields):
    client.force_login(user)
    data = {
        "unit": "AO-HT1",
        "subject": f"t{theme().pk}",
        "held_on": "2026-11-20",
        "participants": "2",
        "reflections": "Vi pratade om vad som gör dagen begriplig.",
        **MANAGEMENT,
        **fields,
    }
    return client.post(reverse("dialogs:record"), data)


def test_the_built_in_library_is_in_the_database_after_migrate(db):
    assert list(Programme.objects.values_list("slug", flat=True)) == [p.slug for p in library.PROGRAMMES]
    series = Programme.objects.get(slug="kasam-pa-apt")
    assert series.themes.count() == 10 and series.builtin
    assert len(Programme.objects.get(slug="samtalskort").cards) >= 40


def test_the_library_sync_never_overwrites_an_edited_programme(db):
    from kasam.dialogs.library_sync import sync_library

    Programme.objects.filter(slug="triogrupper").update(title_sv="Våra trior")
    assert sync_library() == 0
    assert Programme.objects.get(slug="triogrupper").title_sv == "Våra trior"


def test_the_library_and_a_theme_read_in_the_viewers_language(client, personas):
    client.force_login(personas["medarbetare"])
    content = text(client.get(reverse("dialogs:library")))
    assert library.programme("kasam-pa-apt").title.en in content
    found = theme()
    page = text(
        client.get(reverse("dialogs:theme", kwargs={"slug": "kasam-pa-apt", "theme_slug": found.slug}))
    )
    assert found.title_en in page and found.questions[0]["en"] in page
    # An employee reads the library but does not record dialogs.
    assert "Record the dialog" not in page


def test_the_facilitator_screen_holds_every_screen_and_shows_one(client, personas):
    client.force_login(personas["enhetschef"])
    url = reverse("dialogs:facilitator", kwargs={"slug": "kasam-pa-apt", "theme_slug": "begriplighet"})
    html = client.get(url).content.decode()
    found = theme()
    steps = re.findall(r'<li class="step step-(\w+)" id="step-(\d+)"( hidden)?>', html)
    kinds = [kind for kind, _n, _hidden in steps]
    assert kinds == ["introduction"] + ["question"] * len(found.questions) + ["exercise", "reflection"]
    assert [bool(hidden) for _k, _n, hidden in steps] == [False] + [True] * (len(steps) - 1)
    assert 'data-seconds="900"' in html and "facilitator.js" in html and "<script>" not in html
    # Without the script, ?steg=N shows screen N with links to its neighbours.
    second = client.get(url, {"steg": "2"}).content.decode()
    assert re.search(r'id="step-2">', second) and 'href="?steg=3"' in second and 'href="?steg=1"' in second
    assert client.get(url, {"steg": "x"}).status_code == 200


def test_recording_a_dialog_adds_its_actions_to_the_units_plan(client, personas):
    response = post_record(client, personas["enhetschef"], **ACTION)
    assert response.status_code == 302
    record = DialogRecord.objects.get()
    assert (record.unit_id, record.theme, record.participants) == ("AO-HT1", theme(), 2)
    assert record.led_by == personas["enhetschef"]
    activity = Activity.objects.get()
    assert activity.plan == HealthPlan.objects.get(unit_id="AO-HT1", year=2026)
    assert activity.what == "Fem minuter återkoppling" and activity.follow_up_on == date(2026, 12, 15)
    assert list(record.activities.all()) == [activity]
    # Saving lands on the unit's plan, where the new activity is.
    assert response["Location"] == reverse("plans:unit", kwargs={"unit_id": "AO-HT1"})
    landed = client.get(response["Location"], follow=True)
    assert landed.redirect_chain[-1][0] == reverse("plans:plan", kwargs={"unit_id": "AO-HT1", "year": 2026})
    page = text(landed)
    assert "1 agreed actions are now activities" in page and "Fem minuter återkoppling" in page


def test_a_dialog_coach_records_for_an_assigned_unit_only(client, personas):
    coach = personas["dialogcoach"]
    assert post_record(client, coach, unit="AO-SB1", participants="1").status_code == 302
    refused = post_record(client, coach, unit="AO-HT1")
    assert refused.status_code == 200 and "Choose one of your units from the list." in text(refused)
    assert DialogRecord.objects.count() == 1


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"held_on": "2026-11-26"}, "the date cannot be later than today"),
        ({"participants": "3"}, "3 took part, but Hemtjänst Norr had 2 employees on that day."),
        ({"participants": "0"}, "At least one person took part."),
        ({"reflections": "  "}, "Write the group's reflections"),
        ({"subject": "t999999"}, "Choose the theme or programme from the list."),
        ({"action-0-what": "Bara en rubrik"}, "Write why you are doing it."),
    ],
)
def test_bad_input_is_refused_with_a_message_and_nothing_stored(client, personas, fields, message):
    # Hemtjänst Norr has P1 and, in Grupp Lärkan below it, P2 on 20 November 2026 (P5 left in 2025).
    response = post_record(client, personas["enhetschef"], **fields)
    assert response.status_code == 200
    assert message in text(response)
    assert 'role="alert"' in response.content.decode()
    assert not DialogRecord.objects.exists() and not Activity.objects.exists()


def test_the_groups_own_evaluation_is_shown_with_the_programme(client, personas):
    client.force_login(personas["enhetschef"])
    url = reverse("dialogs:evaluate", kwargs={"slug": "kasam-pa-apt"})
    missing = client.post(url, {"unit": "AO-HT1", "written_on": "2026-11-20", "participants": "2"})
    assert "Write at least one question of your own." in text(missing)
    unanswered = client.post(
        url, {"unit": "AO-HT1", "written_on": "2026-11-20", "participants": "2", "question_1": "Vad gav det?"}
    )
    assert "Answer the question" in text(unanswered) and not Evaluation.objects.exists()
    client.post(
        url,
        {
            "unit": "AO-HT1",
            "written_on": "2026-11-20",
            "participants": "2",
            "question_1": "Pratar vi mer med varandra?",
            "answer_1": "Ja, särskilt på morgonen.",
            "examples_1": "Vi fikar tillsammans nu.",
            "question_2": "Vet vi mer om målen?",
            "answer_2": "Lite.",
        },
    )
    evaluation = Evaluation.objects.get()
    assert [row["question"] for row in evaluation.answers] == [
        "Pratar vi mer med varandra?",
        "Vet vi mer om målen?",
    ]
    page = text(client.get(reverse("dialogs:programme", kwargs={"slug": "kasam-pa-apt"})))
    assert "Pratar vi mer med varandra?" in page and "Vi fikar tillsammans nu." in page
    # Someone who cannot see Hemtjänst Norr does not see its evaluation.
    client.force_login(personas["dialogcoach"])
    assert "Pratar vi mer" not in text(
        client.get(reverse("dialogs:programme", kwargs={"slug": "kasam-pa-apt"}))
    )


def test_the_reach_page_counts_a_hand_built_case(client, personas):
    """Staff today: Hemtjänst Norr 1 (P1), Grupp Lärkan 1 (P2), Solgården 1 (P3), Barn och unga 1 (P4):
    four units with staff. A KASAM dialog at Hemtjänst Norr reaches it and Grupp Lärkan: 2 of 4 units,
    2 of 4 employees. Solgården and Barn och unga have never had a dialog."""
    post_record(client, personas["enhetschef"])
    client.force_login(personas["halsostrateg"])
    response = client.get(reverse("dialogs:reach"))
    row = re.search(r'<tr data-programme="kasam-pa-apt">(.*?)</tr>', response.content.decode(), re.S).group(1)
    cells = [c.strip() for c in re.findall(r"<td[^>]*>(.*?)</td>", row, re.S)]
    assert cells == ["2 of 4", "50\xa0%", "2 of 4", "50\xa0%"]
    quiet = re.findall(r'<tr data-unit="([\w-]+)">', response.content.decode().split('id="quiet"')[1])
    assert quiet == ["AO-SB1", "IFO-BU"]
    assert "reach-chart" in response.content.decode()
    # The coach is listed with the units assigned and no dialog led yet.
    assert "dialogcoach: Barn och unga, Solgården – has led 0 dialogs" in text(response)


def test_the_reach_is_kept_per_scope_until_a_dialog_is_recorded_in_any_worker(client, personas, monkeypatch):
    from kasam.core import generations

    def reached(user) -> str:
        client.force_login(personas[user])
        html = client.get(reverse("dialogs:reach")).content.decode()
        row = re.search(r'<tr data-programme="kasam-pa-apt">(.*?)</tr>', html, re.S).group(1)
        return re.findall(r"<td[^>]*>(.*?)</td>", row, re.S)[0].strip()

    workers = [type(generations._held)(), type(generations._held)()]
    for held in workers:
        monkeypatch.setattr(generations, "_held", held)
        assert (reached("halsostrateg"), reached("omradeschef")) == ("0 of 4", "0 of 3")
    post_record(client, personas["enhetschef"])  # a dialog at Hemtjänst Norr
    for held in workers:
        monkeypatch.setattr(generations, "_held", held)
        assert (reached("halsostrateg"), reached("omradeschef")) == ("2 of 4", "2 of 3")


def test_the_quiet_units_come_a_hundred_to_a_page(client, personas):
    from kasam.org.models import Employment, Person, Unit

    Unit.objects.bulk_create(
        Unit(
            id=f"AO-X{i:03}", parent_id="AO", name=f"Enhet {i:03}", kind="enhet", path=f"/SOC/AO/AO-X{i:03}/"
        )
        for i in range(120)
    )
    Person.objects.bulk_create(Person(id=f"Q{i:03}", birth_year=1980) for i in range(120))
    Employment.objects.bulk_create(
        Employment(
            person_id=f"Q{i:03}",
            unit_id=f"AO-X{i:03}",
            start_date=date(2020, 1, 1),
            rate=100,
            weekly_hours=40,
        )
        for i in range(120)
    )
    client.force_login(personas["halsostrateg"])
    first = client.get(reverse("dialogs:reach")).content.decode()
    second = client.get(reverse("dialogs:reach") + "?page=2").content.decode()
    listed = [
        re.findall(r'<tr data-unit="([\w-]+)">', html.split('id="quiet"')[1]) for html in (first, second)
    ]
    assert len(listed[0]) == 100 and listed[1] and not set(listed[0]) & set(listed[1])


def test_the_area_managers_reach_is_the_reach_within_the_area(client, personas):
    post_record(client, personas["enhetschef"])
    client.force_login(personas["omradeschef"])
    response = client.get(reverse("dialogs:reach"))
    row = re.search(r'<tr data-programme="kasam-pa-apt">(.*?)</tr>', response.content.decode(), re.S).group(1)
    assert "2 of 3" in row


def test_the_units_page_shows_which_themes_are_done(client, personas):
    post_record(client, personas["enhetschef"])
    client.force_login(personas["enhetschef"])
    html = client.get(reverse("dialogs:unit-reach", kwargs={"unit_id": "AO-HT1"})).content.decode()
    assert "1 of 10 themes done" in unescape(html)
    assert re.search(r'data-theme="begriplighet" class="done"', html)
    assert not re.search(r'data-theme="hanterbarhet" class="done"', html)


def test_the_health_strategist_edits_a_theme_and_adds_one(client, personas):
    client.force_login(personas["halsostrateg"])
    url = reverse("dialogs:theme-edit", kwargs={"slug": "kasam-pa-apt", "theme_slug": "begriplighet"})
    found = theme()
    form = {
        "title_sv": "Begriplighet i vardagen",
        "title_en": found.title_en,
        "slug": "begriplighet",
        "minutes": "15",
        "purpose_sv": found.purpose_sv,
        "introduction_sv": found.introduction_sv,
        "reflection_sv": found.reflection_sv,
        "questions_sv": "Bara en fråga?",
    }
    refused = client.post(url, form)
    assert "Write two to four questions, one per line." in text(refused)
    assert client.post(url, {**form, "questions_sv": "Fråga ett?\nFråga två?"}).status_code == 302
    found.refresh_from_db()
    assert found.title_sv == "Begriplighet i vardagen" and [q["sv"] for q in found.questions] == [
        "Fråga ett?",
        "Fråga två?",
    ]
    new = reverse("dialogs:theme-new", kwargs={"slug": "kasam-pa-apt"})
    taken = client.post(new, {**form, "questions_sv": "A?\nB?"})
    assert "Another theme of the programme has this short name." in text(taken)
    assert client.post(new, {**form, "slug": "extra", "questions_sv": "A?\nB?"}).status_code == 302
    assert theme(slug="extra").position == 10


def test_the_programme_page_shows_the_groups_evaluations_twenty_to_a_page_newest_first(client, personas):
    from datetime import timedelta

    programme = Programme.objects.get(slug="kasam-pa-apt")
    Evaluation.objects.bulk_create(
        Evaluation(
            unit_id="AO-HT1",
            programme=programme,
            written_on=date(2026, 1, 1) + timedelta(days=n),
            participants=3,
            answers=[{"question": f"Fråga {n:02}", "answer": "Svar", "examples": ""}],
        )
        for n in range(25)
    )
    client.force_login(personas["halsostrateg"])
    url = reverse("dialogs:programme", kwargs={"slug": "kasam-pa-apt"})
    first, second = (
        re.findall(r"Fråga (\d\d)", client.get(url + query).content.decode()) for query in ("", "?page=2")
    )
    assert first == [f"{n:02}" for n in range(24, 4, -1)]
    assert second == [f"{n:02}" for n in range(4, -1, -1)]


def test_the_form_asks_who_led_and_a_coach_of_the_unit_is_counted_on_the_reach_page(client, personas):
    """The dialog was always counted as led by whoever recorded it: a coach who led a dialog that the
    manager recorded stayed at "has led 0 dialogs"."""
    coach, area = personas["dialogcoach"], personas["omradeschef"]
    client.force_login(area)
    form = client.get(reverse("dialogs:record")).content.decode()
    assert "Who led the dialog?" in form and f'value="{coach.pk}"' in form

    elsewhere = post_record(client, area, unit="AO-HT1", led_by=str(coach.pk))  # not the coach's unit
    assert elsewhere.status_code == 200
    assert "is not a dialog coach of Hemtjänst Norr" in elsewhere.content.decode()

    one = {"unit": "AO-SB1", "participants": "1"}
    assert post_record(client, area, led_by=str(coach.pk), **one).status_code == 302
    assert post_record(client, area, led_by="other", **one).status_code == 302
    assert post_record(client, area, **one).status_code == 302  # not asked: the one recording
    assert list(DialogRecord.objects.order_by("pk").values_list("led_by", flat=True)) == [
        coach.pk,
        None,
        area.pk,
    ]
    reach = client.get(reverse("dialogs:reach")).content.decode()
    assert "has led 1 dialog</li>" in reach

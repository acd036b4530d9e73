"""The employee page ("Min arbetsplats"): the group's latest pulse (or the nearest shown unit above,
named), the plan, what was agreed and the next meeting; personal links that need no password, end,
and can be turned off; the answer button; the installable shell that keeps no personal page."""

import json
import re
from datetime import date, timedelta
from html import unescape

import pytest
from django.urls import reverse
from pulse_rounds import STATEMENTS, add_staff, run_round

from kasam.dialogs.actions import DialogInput, record_dialog
from kasam.dialogs.models import PlannedMeeting, Theme
from kasam.org.models import Person
from kasam.plans.actions import get_or_create_plan
from kasam.plans.models import Activity
from kasam.pulse import actions, results, tokens
from kasam.pulse.dimensions import dimension_name
from kasam.pulse.models import Invitation, Round
from kasam.workplace import links
from kasam.workplace.models import PersonalLink

pytestmark = pytest.mark.usefixtures("english", "pulse_settings")

TODAY = date(2026, 11, 25)
ACTION = {
    "what": "Fem minuter återkoppling",
    "how": "Chefen börjar varje APT med det.",
    "why": "Så att alla vet hur det gick.",
    "who": "Enhetschefen",
    "when": "Varje APT i vår",
    "follow_up": "Vi frågar gruppen i maj.",
    "follow_up_on": date(2026, 12, 15),
}


def text(response) -> str:
    return unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", response.content.decode())))


@pytest.fixture
def closed(personas):
    add_staff()
    return run_round(1, date(2026, 11, 2), date(2026, 11, 20))


def expected_figures(round: Round, node: str) -> list[tuple[str, float, float]]:
    loaded = results.load_round(round)
    figures = loaded.release.results[node]
    return [
        (dimension_name(d), figures[d].index, figures[d].favourable_pct)
        for d in results.DIMENSION_ORDER
        if d in figures
    ]


def shown_rows(response) -> list[tuple[str, str, str]]:
    section = response.content.decode().split('id="pulse-results"')[1].split("</section>")[0]
    return [
        (unescape(name), index, share)
        for name, index, share in re.findall(
            r'<th scope="row">([^<]+)</th><td class="number">([^<]+)</td><td class="number">([^<]+)</td>',
            section,
        )
    ]


def as_shown(figures):
    from kasam.core.formatting import format_number, format_percent

    return [(name, format_number(index, 0), format_percent(share, 0)) for name, index, share in figures]


def test_a_logged_in_employee_sees_the_latest_pulse_of_the_own_group(client, personas, closed):
    client.force_login(personas["medarbetare"])  # P1, in Hemtjänst Norr (shown)
    response = client.get(reverse("workplace:page"))
    assert response.status_code == 200
    page = text(response)
    assert "My workplace" in page and "Hemtjänst Norr" in page
    assert "These are the answers of Hemtjänst Norr." in page
    assert shown_rows(response) == as_shown(expected_figures(closed, "AO-HT1"))
    assert "answered in the round that closed on 20 November 2026" in page


def test_a_hidden_group_shows_the_nearest_shown_unit_above_it_named(client, personas, closed):
    loaded = results.load_round(closed)
    assert "AO-SB1" not in loaded.release.shown
    above = results.nearest_shown(loaded, "AO-SB1")
    assert above is not None
    link, token = links.issue(Person.objects.get(pk="P3"), TODAY)  # Cilla, Solgården: too few answered
    response = client.get(reverse("workplace:link", args=[token]), follow=True)
    page = text(response)
    name = {"SOC": "Socialförvaltningen", "AO": "Äldreomsorg"}[above]
    assert f"Your group had too few answers to be shown on its own, so here is {name}" in page
    assert shown_rows(response) == as_shown(expected_figures(closed, above))


def test_a_personal_link_needs_no_password_and_leaves_the_address_bar(client, personas, closed):
    link, token = links.issue(Person.objects.get(pk="P1"), TODAY)
    assert PersonalLink.objects.get().token_hash == tokens.keyed_hash(links.PURPOSE, token) != token
    response = client.get(reverse("workplace:link", args=[token]))
    assert response.status_code == 303 and response["Location"] == reverse("workplace:page")
    assert token not in response["Location"] and response["Referrer-Policy"] == "no-referrer"
    cookie = response.cookies[links.COOKIE]
    assert cookie["path"] == "/min-arbetsplats/" and cookie["httponly"] and token not in cookie.value
    page = client.get(reverse("workplace:page"))
    assert page.status_code == 200 and "These are the answers of Hemtjänst Norr." in text(page)
    assert "works on this phone until 24 January 2027" in text(page)


@pytest.mark.parametrize("how", ["revoked", "expired", "unknown", "forged cookie"])
def test_an_ended_link_opens_nothing(client, personas, closed, how):
    link, token = links.issue(Person.objects.get(pk="P1"), TODAY)
    client.get(reverse("workplace:link", args=[token]))  # remembered on this phone
    if how == "revoked":
        links.revoke_all(link.person)
    elif how == "expired":
        PersonalLink.objects.update(expires_on=TODAY - timedelta(days=1))
    elif how == "unknown":
        token = tokens.new_token()
    else:
        client.cookies[links.COOKIE] = client.cookies[links.COOKIE].value[:-2] + "xx"
    if how != "forged cookie":
        opened = client.get(reverse("workplace:link", args=[token]))
        assert opened.status_code == 404 and "The link does not work" in text(opened)
        assert links.COOKIE not in opened.cookies
    if how != "unknown":
        # The cookie this phone still holds no longer opens the page.
        page = client.get(reverse("workplace:page"))
        assert page.status_code == 302 and page["Location"].startswith(reverse("account_login"))


def test_the_employee_turns_off_every_link_at_once(client, personas, closed):
    person = Person.objects.get(pk="P1")
    _first, token = links.issue(person, TODAY)
    links.issue(person, TODAY)
    client.get(reverse("workplace:link", args=[token]))
    response = client.post(reverse("workplace:revoke"))
    assert response.status_code == 200 and "Your links are turned off" in text(response)
    assert response["Clear-Site-Data"] == '"storage"'
    assert response.cookies[links.COOKIE].value == ""
    assert PersonalLink.objects.filter(revoked_at__isnull=True).count() == 0
    assert client.get(reverse("workplace:link", args=[token])).status_code == 404


def test_the_answer_button_opens_the_pulse_with_a_fresh_link(client, personas, closed):
    open_round = run_round(2, date(2026, 11, 23), date(2026, 12, 4), close=False)
    client.force_login(personas["medarbetare"])
    page = text(client.get(reverse("workplace:page")))
    assert "The pulse is open" in page and "You can answer until 4 December" in page
    old_hash = Invitation.objects.get(round=open_round, person_id="P1").token_hash
    response = client.post(reverse("workplace:answer"))
    assert response.status_code == 303
    token = re.fullmatch(r"/svara/([A-Za-z0-9_-]{43})/", response["Location"]).group(1)
    assert Invitation.objects.get(round=open_round, person_id="P1").token_hash == tokens.invitation_hash(
        token
    )
    assert old_hash != tokens.invitation_hash(token)
    assert client.get(response["Location"]).status_code == 200
    answers = {s: 4 for s in STATEMENTS}
    assert actions.submit(token, answers, None, "key-own-answer", TODAY).stored
    again = client.post(reverse("workplace:answer"), follow=True)
    assert "You have already answered this round's pulse" in text(again)


def test_the_plan_what_was_agreed_and_the_next_meeting(client, personas, closed):
    unit = personas["enhetschef"].role_assignments.get().unit
    theme = Theme.objects.get(programme__slug="kasam-pa-apt", slug="begriplighet")
    record_dialog(
        DialogInput(
            unit=unit,
            programme=theme.programme,
            theme=theme,
            held_on=date(2026, 11, 10),
            participants=8,
            reflections="Vi pratade.",
        ),
        [ACTION],
        personas["enhetschef"],
    )
    plan, _ = get_or_create_plan(unit, 2026)
    Activity.objects.create(
        plan=plan, **{**ACTION, "what": "Promenadmöte", "status": Activity.Status.ONGOING}
    )
    PlannedMeeting.objects.create(unit=unit, held_on=date(2026, 12, 3), theme=theme)
    PlannedMeeting.objects.create(unit=unit, held_on=date(2026, 11, 1), theme=theme)  # past: not shown
    # Bo works in Grupp Lärkan below Hemtjänst Norr: the unit's plan, meeting and agreements are his too.
    link, token = links.issue(Person.objects.get(pk="P2"), TODAY)
    page = text(client.get(reverse("workplace:link", args=[token]), follow=True))
    assert "Our health plan 2026" in page and "The plan of Hemtjänst Norr." in page
    assert "Promenadmöte ongoing" in page and "Fem minuter återkoppling planned" in page
    assert "What we agreed on" in page and "10 November 2026: " + theme.title_en in page
    meeting = page.split("Our next workplace meeting")[1].split("What we agreed on")[0]
    assert "Thursday 3 December" in meeting and theme.title_en in meeting and "1 November" not in page


def test_a_login_without_a_person_and_a_visitor_without_a_link(client, personas):
    client.force_login(personas["hr"])
    response = client.get(reverse("workplace:page"))
    assert response.status_code == 404 and "not linked to an employment" in text(response)
    client.logout()
    response = client.get(reverse("workplace:page"))
    assert response.status_code == 302 and response["Location"].startswith(reverse("account_login"))


def test_the_menu_offers_the_page_to_a_login_that_is_a_person(client, personas):
    client.force_login(personas["medarbetare"])
    assert 'href="/min-arbetsplats/"' in client.get(reverse("dialogs:library")).content.decode()
    client.force_login(personas["hr"])
    assert 'href="/min-arbetsplats/"' not in client.get(reverse("core:home")).content.decode()


def test_the_app_can_be_installed_and_keeps_only_the_shell_and_the_page(client, personas):
    manifest = json.loads(client.get(reverse("workplace:manifest")).content)
    assert manifest["start_url"] == manifest["scope"] == "/min-arbetsplats/"
    assert manifest["display"] == "standalone"
    assert {icon["sizes"] for icon in manifest["icons"]} >= {"192x192", "512x512"}
    worker = client.get(reverse("workplace:service-worker"))
    assert worker["Content-Type"].startswith("text/javascript")
    source = worker.content.decode()
    shell = json.loads(re.search(r"const SHELL = (\[.*?\]);", source).group(1))
    assert shell[0] == reverse("workplace:offline") and all("/lank/" not in url for url in shell)
    assert 'const PAGE = "/min-arbetsplats/";' in source
    # The only page it stores is the workplace page itself, without a query.
    assert source.count("cache.put(") == 1 and "cache.put(PAGE" in source
    assert client.get(reverse("workplace:offline")).status_code == 200


def test_an_employee_starts_on_the_workplace_page_and_a_manager_on_the_home_page(client, personas):
    client.force_login(personas["medarbetare"])
    response = client.get(reverse("core:home"))
    assert response.status_code == 302 and response["Location"] == reverse("workplace:page")
    client.force_login(personas["enhetschef"])
    assert client.get(reverse("core:home")).status_code == 200

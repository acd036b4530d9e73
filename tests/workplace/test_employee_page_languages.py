"""The employee page in the employee's language (docs/employee-page.md "Languages"): the same picker,
cookie and texts as the pulse's answer page; the person's language from the import as the default;
right-to-left for Arabic and Persian; the draft notice; a missing text shown in Swedish, marked; the
small pages; the strategist's correction pages listing the page's texts."""

import re
from datetime import date
from html import unescape

import pytest
from django.urls import reverse
from pulse_rounds import add_staff, run_round

from kasam.dialogs.models import PlannedMeeting, Theme
from kasam.org.models import Person
from kasam.plans.actions import get_or_create_plan
from kasam.plans.models import Activity
from kasam.pulse import languages, page_texts, question_bank
from kasam.pulse.models import TranslationOverride, TranslationReview
from kasam.workplace import links

pytestmark = pytest.mark.usefixtures("pulse_settings")

TODAY = date(2026, 11, 25)
PAGE = "/min-arbetsplats/"
SHOWN = ["begriplighet", "hanterbarhet", "meningsfullhet"]  # the dimensions of pulse_rounds.STATEMENTS


def html_tag(html: str) -> str:
    return re.search(r"<html[^>]*>", html).group(0)


def text(response) -> str:
    return unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", response.content.decode())))


def picker(html: str) -> str:
    return re.search(r'<form method="post" class="language-picker".*?</form>', html, re.S).group(0)


def rows(html: str) -> list[str]:
    section = html.split('id="pulse-results"')[1].split("</section>")[0]
    return [unescape(name) for name in re.findall(r'<th scope="row">(.*?)</th>', section)]


@pytest.fixture
def closed(personas):
    add_staff()
    return run_round(1, date(2026, 11, 2), date(2026, 11, 20))


@pytest.fixture
def alva(client, closed):
    """Alva (P1, Hemtjänst Norr) on her phone, with the personal link from the results message."""
    _link, token = links.issue(Person.objects.get(pk="P1"), TODAY)
    client.get(reverse("workplace:link", args=[token]))
    return client


def test_the_page_offers_every_language_at_the_top_posting_to_its_own_address(alva):
    html = alva.get(PAGE).content.decode()
    assert html_tag(html) == '<html lang="sv" dir="ltr">'
    form = picker(html)
    assert html.index("language-picker") < html.index("<h1>")
    assert "action=" not in form and "csrfmiddlewaretoken" in form
    for language in languages.LANGUAGES:
        assert f'value="{language.code}" lang="{language.code}" dir="{language.direction}"' in form
        assert f">{language.native_name}</button>" in form
    assert 'aria-current="true"' in form.split('value="sv"')[1].split("</button>")[0]
    # Swedish: Kasam's own wording, no draft notice, and no second (site) language switch in the footer.
    assert "draft-notice" not in html and 'name="next"' not in html
    assert "Det här är svaren från Hemtjänst Norr." in text(alva.get(PAGE))


@pytest.mark.parametrize("code", ["ar", "fa"])
def test_picking_a_right_to_left_language_turns_the_page_and_names_the_dimensions_in_it(alva, code):
    response = alva.post(PAGE, {"language": code})
    assert response.status_code == 303 and response["Location"] == PAGE
    assert response.cookies[languages.COOKIE].value == code
    assert response.cookies[languages.COOKIE]["path"] == "/"  # shared with the answer page
    page = alva.get(PAGE)
    html = page.content.decode()
    assert html_tag(html) == f'<html lang="{code}" dir="rtl">' and page["Content-Language"] == code
    texts = languages.catalogue(code)
    assert f"<h1>{texts.text('workplace.title')} " in html
    assert rows(html) == [
        *(texts.text(f"dimension.{d}") for d in SHOWN),
        texts.text("workplace.self_rated_health"),
    ]
    assert texts.text("workplace.own_group").fill(name="Hemtjänst Norr") in unescape(html)
    # Dates as the language writes them (numbers), the unit's name as written.
    assert texts.date(date(2026, 11, 20)) in html and "Hemtjänst Norr" in html
    assert "draft-notice" in html
    assert 'aria-current="true"' in picker(html).split(f'value="{code}"')[1].split("</button>")[0]
    assert "Min arbetsplats" not in html.split("<main")[1]  # no Swedish left in the page itself


def test_the_pick_is_shared_with_the_answer_page_both_ways(alva):
    run_round(2, date(2026, 11, 23), date(2026, 12, 4), close=False)
    alva.post(PAGE, {"language": "ar"})
    html = alva.get(PAGE).content.decode()
    assert languages.text("ar", "workplace.answer") in html
    assert languages.text("ar", "workplace.pulse_open_lead").fill(date="4/12/2026") in unescape(html)
    answer = alva.post(reverse("workplace:answer"))
    assert answer.status_code == 303
    form = alva.get(answer["Location"]).content.decode()
    assert html_tag(form) == '<html lang="ar" dir="rtl">'
    assert languages.text("ar", "page.heading") in form
    # Picked on the answer page: the employee page follows.
    assert alva.post(answer["Location"], {"language": "fi"}).status_code == 303
    assert html_tag(alva.get(PAGE).content.decode()) == '<html lang="fi" dir="ltr">'


def test_the_persons_language_from_the_import_is_the_default_and_a_pick_wins(alva):
    Person.objects.filter(pk="P1").update(language="so")
    html = alva.get(PAGE).content.decode()
    assert html_tag(html) == '<html lang="so" dir="ltr">'
    assert languages.text("so", "workplace.results_heading") in html
    alva.post(PAGE, {"language": "en"})
    page = alva.get(PAGE)
    assert html_tag(page.content.decode()) == '<html lang="en" dir="ltr">'
    assert "These are the answers of Hemtjänst Norr." in text(page)
    assert "draft-notice" not in page.content.decode()


def test_english_picked_on_a_swedish_site_reads_as_the_english_page(alva, personas):
    unit = personas["enhetschef"].role_assignments.get().unit
    theme = Theme.objects.get(programme__slug="kasam-pa-apt", slug="begriplighet")
    PlannedMeeting.objects.create(unit=unit, held_on=date(2026, 12, 3), theme=theme)
    plan, _ = get_or_create_plan(unit, 2026)
    Activity.objects.create(
        plan=plan, what="Promenadmöte", how="-", why="-", who="Alla", when="-", follow_up="-",
        follow_up_on=date(2027, 2, 10), status=Activity.Status.ONGOING,
    )  # fmt: skip
    alva.post(PAGE, {"language": "en"})
    page = text(alva.get(PAGE))
    assert "people answered in the round that closed on 20 November 2026" in page
    meeting = page.split("Our next workplace meeting")[1]
    assert "Thursday 3 December" in meeting and theme.title_en in meeting
    assert "Our health plan 2026" in page and "Promenadmöte ongoing" in page
    assert "Who: Alla. Followed up 10 February." in page
    assert "works on this phone until 24 January 2027" in page


def test_in_another_language_the_theme_stays_swedish_marked_and_typed_data_as_written(alva, personas):
    unit = personas["enhetschef"].role_assignments.get().unit
    theme = Theme.objects.get(programme__slug="kasam-pa-apt", slug="begriplighet")
    PlannedMeeting.objects.create(unit=unit, held_on=date(2026, 12, 3), theme=theme)
    plan, _ = get_or_create_plan(unit, 2026)
    Activity.objects.create(
        plan=plan, what="Promenadmöte", how="-", why="-", who="Alla", when="-", follow_up="-",
        follow_up_on=date(2027, 2, 10), status=Activity.Status.PLANNED,
    )  # fmt: skip
    alva.post(PAGE, {"language": "ti"})
    html = unescape(alva.get(PAGE).content.decode())
    assert f'<span lang="sv" dir="ltr">{theme.title_sv}</span>' in html
    assert f'<p lang="sv" dir="ltr">{theme.purpose_sv}</p>' in html
    assert "Promenadmöte" in html and languages.text("ti", "workplace.status_planned") in html
    assert languages.text("ti", "workplace.who_follow_up").fill(who="Alla", date="10/2/2027") in html
    assert languages.text("ti", "workplace.plan_heading").fill(year=2026) in html


def test_the_draft_notice_until_the_language_is_reviewed(alva):
    alva.post(PAGE, {"language": "fi"})
    html = alva.get(PAGE).content.decode()
    assert "draft-notice" in html and languages.text("fi", "page.draft_notice") in html
    TranslationReview.objects.create(language="fi", reviewed_by="Aino", reviewed_on=TODAY)
    html = alva.get(PAGE).content.decode()
    assert "draft-notice" not in html and "Oma työpaikkani" in html


def test_a_missing_text_falls_back_to_swedish_visibly(alva, monkeypatch):
    file = languages.data_file("ar")
    texts = {key: value for key, value in file.texts.items() if key != "workplace.results_heading"}
    monkeypatch.setattr(languages, "data_file", lambda code: languages.DataFile(texts))
    alva.post(PAGE, {"language": "ar"})
    html = alva.get(PAGE).content.decode()
    heading = re.search(r'<h2 id="pulse-results">(.*?)</h2>', html).group(1)
    assert heading == (
        '<span lang="sv" dir="ltr">Så mår vi: senaste pulsen</span> '
        '<span class="language-fallback">(بالسويدية)</span>'
    )


def test_a_strategists_correction_shows_on_the_employee_page(alva, client, personas):
    TranslationOverride.objects.create(language="ar", key="dimension.begriplighet", text="الوضوح")
    alva.post(PAGE, {"language": "ar"})
    assert rows(alva.get(PAGE).content.decode())[0] == "الوضوح"


def test_the_strategists_pages_list_the_employee_pages_texts(personas, django_user_model):
    from django.test import Client

    strategist = Client()
    strategist.force_login(personas["halsostrateg"])
    html = strategist.get("/puls/sprak/so/").content.decode()
    for key in page_texts.WORKPLACE:
        assert f'href="/puls/sprak/so/{key}/"' in html
    assert languages.text("so", "workplace.revoke") in html
    edit = strategist.get("/puls/sprak/so/workplace.respondents_other/").content.decode()
    assert "{n} personer svarade i mätningen som stängde {date}." in unescape(edit)
    response = strategist.post("/puls/sprak/so/workplace.own_group/", {"text": "Jawaabaha {name}."})
    assert response.status_code == 302
    assert TranslationOverride.objects.get(key="workplace.own_group").text == "Jawaabaha {name}."


# ------------------------------------------------------------------------------------- the small pages


def test_an_ended_link_says_so_in_the_picked_language_and_its_picker_comes_back(client, closed):
    link, token = links.issue(Person.objects.get(pk="P1"), TODAY)
    links.revoke_all(link.person)
    address = reverse("workplace:link", args=[token])
    html = client.get(address).content.decode()
    assert "Länken fungerar inte" in html and "action=" not in picker(html)
    response = client.post(address, {"language": "ar"})
    assert response.status_code == 303 and response["Location"] == address
    page = client.get(address)
    assert page.status_code == 404 and html_tag(page.content.decode()) == '<html lang="ar" dir="rtl">'
    assert languages.text("ar", "workplace.link_ended_lead") in page.content.decode()
    # Its picker's POST keeps its Origin (a browser sends "null" under no-referrer: CSRF refuses).
    assert page["Referrer-Policy"] == "same-origin"


def test_turning_off_the_links_answers_in_the_persons_language_and_can_be_read_in_another(alva):
    Person.objects.filter(pk="P1").update(language="fa")
    response = alva.post(reverse("workplace:revoke"))
    assert response.status_code == 200 and response["Clear-Site-Data"] == '"storage"'
    html = response.content.decode()
    assert html_tag(html) == '<html lang="fa" dir="rtl">'
    assert languages.text("fa", "workplace.revoked_lead") in html
    assert not links.from_cookie(alva.cookies[links.COOKIE].value, TODAY)
    picked = alva.post(reverse("workplace:revoke"), {"language": "fi"})
    assert picked.status_code == 303 and picked["Location"] == reverse("workplace:revoke")
    again = alva.get(reverse("workplace:revoke"))
    assert again.status_code == 200 and "Henkilökohtaiset linkkisi eivät enää toimi" in text(again)


def test_a_working_link_on_the_phone_is_not_told_it_was_turned_off(alva):
    response = alva.get(reverse("workplace:revoke"))
    assert response.status_code == 302 and response["Location"] == PAGE


def test_the_offline_page_and_the_page_for_a_login_without_a_person(client, personas):
    client.cookies[languages.COOKIE] = "so"
    html = client.get(reverse("workplace:offline")).content.decode()
    assert html_tag(html) == '<html lang="so" dir="ltr">'
    assert languages.text("so", "workplace.offline_lead") in html
    client.force_login(personas["hr"])
    response = client.get(PAGE)
    assert response.status_code == 404 and languages.text("so", "workplace.no_person_lead") in text(response)
    assert client.post(PAGE, {"language": "fa"})["Location"] == PAGE
    assert html_tag(client.get(PAGE).content.decode()) == '<html lang="fa" dir="rtl">'


def test_already_answered_is_said_in_the_picked_language(alva):
    from kasam.pulse import actions
    from kasam.pulse.models import Invitation

    open_round = run_round(2, date(2026, 11, 23), date(2026, 12, 4), close=False)
    alva.post(PAGE, {"language": "fi"})
    token = actions.reissue_token(Invitation.objects.get(round=open_round, person_id="P1"))
    assert actions.submit(
        token, {s: 4 for s in open_round.statement_ids}, None, "key-own-answer-fi", TODAY
    ).stored
    page = alva.post(reverse("workplace:answer"), follow=True)
    assert languages.text("fi", "workplace.already_answered") in text(page)


def test_a_post_without_a_language_is_not_a_page(alva):
    assert alva.post(PAGE, {"other": "x"}).status_code == 405


@pytest.mark.django_db
def test_counts_in_swedish_and_english_are_gettexts_plural_forms():
    sv, en = languages.catalogue("sv"), languages.catalogue("en")
    assert sv.text("workplace.respondents_one") == "{n} person svarade i mätningen som stängde {date}."
    assert sv.text("workplace.respondents_other") == "{n} personer svarade i mätningen som stängde {date}."
    assert en.text("workplace.respondents_other") == "{n} people answered in the round that closed on {date}."
    assert languages.catalogue("sv").date(date(2026, 12, 3), weekday=True) == "torsdag 3 december"
    assert languages.catalogue("en").date(date(2026, 11, 20), year=True) == "20 November 2026"
    assert languages.catalogue("ar").date(date(2026, 12, 3), weekday=True) == "3/12/2026"
    assert question_bank.HEALTH_ID == "halsa"

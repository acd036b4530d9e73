"""The answer page in the employee's language (docs/pulse-questions.md "Languages of the answer
page"): the picker, the cookie, the person's language from the import, right-to-left, the draft
notice, the visible Swedish fallback, and that an answer in any language is an answer to the same
statement. Then the health strategist's page for correcting and reviewing a language."""

import re
from collections import Counter
from datetime import date

import pytest

from kasam.audit.models import AuditEntry
from kasam.org.models import Person
from kasam.pulse import actions, languages, question_bank
from kasam.pulse.models import Answer, Programme, Round, Submission, TranslationOverride, TranslationReview

STATEMENTS = ["beg1", "han1", "men1", question_bank.HEALTH_ID]
GOOD = {"s-beg1": "4", "s-han1": "5", "s-men1": "3", "s-halsa": "4"}


@pytest.fixture(autouse=True)
def _k(pulse_settings):
    pulse_settings.KASAM_PULSE_K = 3


@pytest.fixture
def pulse(org):
    programme = Programme.objects.create(name="Puls", root_unit_id="SOC")
    round = Round.objects.create(
        programme=programme,
        number=1,
        opens_on=date(2026, 11, 23),
        closes_on=date(2026, 11, 29),
        statement_ids=STATEMENTS,
    )
    issued = actions.open_round(round)
    return round, {invitation.person_id: f"/svara/{token}/" for invitation, token in issued}


def html_tag(html: str) -> str:
    return re.search(r"<html[^>]*>", html).group(0)


def answer(client, url: str, data=GOOD):
    page = client.get(url).content.decode()
    key = re.search(r'name="idempotency_key" value="([^"]+)"', page).group(1)
    shown = re.search(r'name="shown_language" value="([^"]+)"', page).group(1)
    return client.post(url, {**data, "idempotency_key": key, "shown_language": shown})


def test_the_page_offers_every_language_in_its_own_name_at_the_top_without_script(client, pulse):
    _round, links = pulse
    html = client.get(links["P1"]).content.decode()
    assert html_tag(html) == '<html lang="sv" dir="ltr">'
    picker = re.search(r'<form method="post" class="language-picker".*?</form>', html, re.S).group(0)
    assert html.index("language-picker") < html.index("<h1>")
    assert "action=" not in picker  # it posts to the page's own address: no token in a query string
    assert "csrfmiddlewaretoken" in picker
    for language in languages.LANGUAGES:
        button = f'value="{language.code}" lang="{language.code}" dir="{language.direction}"'
        assert button in picker and f">{language.native_name}</button>" in picker
    assert 'aria-current="true"' in picker.split('value="sv"')[1].split("</button>")[0]
    assert "<script" not in html and "?" not in picker
    # Swedish is Kasam's own wording: no draft notice, no footer switch to the site's languages.
    assert "draft-notice" not in html and 'name="next"' not in html


def test_picking_arabic_keeps_it_in_a_cookie_and_turns_the_page_right_to_left(client, pulse):
    _round, links = pulse
    response = client.post(links["P1"], {"language": "ar"})
    assert response.status_code == 303 and response["Location"] == links["P1"]
    assert response["Cache-Control"] == "no-store" and response["Referrer-Policy"] == "same-origin"
    cookie = response.cookies[languages.COOKIE]
    assert cookie.value == "ar" and cookie["httponly"] and cookie["samesite"] == "Lax"
    page = client.get(links["P1"])
    html = page.content.decode()
    assert html_tag(html) == '<html lang="ar" dir="rtl">'
    assert page["Content-Language"] == "ar"
    assert "كيف هي الأمور في العمل الآن؟" in html
    assert "أعرف ما هو متوقع مني في عملي." in html  # beg1
    assert "ينطبق تمامًا" in html and "جيدة جدًا" in html  # the two scales
    assert question_bank.get("beg1").sv not in html
    # Nothing was answered or used by picking a language.
    assert Submission.objects.count() == 0
    # The rest of Kasam stays Swedish: the site's own language cookie is untouched.
    assert "django_language" not in response.cookies


def test_an_unknown_language_is_not_remembered(client, pulse):
    _round, links = pulse
    response = client.post(links["P1"], {"language": "xx"})
    assert response.status_code == 303 and languages.COOKIE not in response.cookies


def test_the_draft_notice_is_in_the_language_and_in_swedish_until_reviewed(client, pulse):
    _round, links = pulse
    client.post(links["P1"], {"language": "so"})
    html = client.get(links["P1"]).content.decode()
    notice = re.search(r'<div class="notice draft-notice">.*?</div>', html, re.S).group(0)
    assert languages.text("so", "page.draft_notice") in notice
    assert '<p lang="sv" dir="ltr">Översättningen är ett utkast.' in notice
    TranslationReview.objects.create(language="so", reviewed_by="Hodan", reviewed_on=date(2026, 11, 1))
    assert "draft-notice" not in client.get(links["P1"]).content.decode()


def test_the_persons_language_from_the_import_opens_the_page_until_they_pick(client, pulse):
    round, links = pulse
    Person.objects.filter(pk="P2").update(language="fa")
    html = client.get(links["P2"]).content.decode()
    assert html_tag(html) == '<html lang="fa" dir="rtl">'
    assert 'name="shown_language" value="fa"' in html
    client.post(links["P2"], {"language": "fi"})
    assert html_tag(client.get(links["P2"]).content.decode()) == '<html lang="fi" dir="ltr">'
    # Someone else's link on the same phone: the pick wins over that person's language too.
    Person.objects.filter(pk="P3").update(language="ar")
    assert html_tag(client.get(links["P3"]).content.decode()) == '<html lang="fi" dir="ltr">'


def test_the_thank_you_page_is_in_the_persons_language(client, pulse):
    _round, links = pulse
    Person.objects.filter(pk="P2").update(language="so")
    response = answer(client, links["P2"])
    assert response.status_code == 303 and response["Location"] == "/svara/tack/so/"
    html = client.get(response["Location"]).content.decode()
    assert html_tag(html) == '<html lang="so" dir="ltr">'
    assert "Mahadsanid jawaabahaaga!" in html
    # Without a language of one's own, the plain address as before.
    assert answer(client, links["P1"])["Location"] == "/svara/tack/"
    assert client.get("/svara/tack/zz/").status_code == 404


def test_a_missing_translation_shows_the_swedish_marked_as_swedish(client, pulse, monkeypatch):
    _round, links = pulse
    texts = dict(languages.data_file("ar").texts)
    del texts["statement.beg1"]
    monkeypatch.setattr(languages, "data_file", lambda code: languages.DataFile(texts))
    client.post(links["P1"], {"language": "ar"})
    html = client.get(links["P1"]).content.decode()
    swedish = question_bank.get("beg1").sv
    assert (
        f'<span lang="sv" dir="ltr">{swedish}</span> <span class="language-fallback">(بالسويدية)</span>'
        in html
    )
    assert "لدي المعارف التي أحتاجها لمهامي في العمل." in html  # han1: the others stay Arabic


def test_an_override_shows_on_the_page(client, pulse):
    _round, links = pulse
    TranslationOverride.objects.create(language="fi", key="page.submit", text="Lähetä")
    client.post(links["P1"], {"language": "fi"})
    assert ">Lähetä</button>" in client.get(links["P1"]).content.decode()


def test_errors_are_in_the_chosen_language(client, pulse):
    _round, links = pulse
    client.post(links["P1"], {"language": "fi"})
    response = answer(client, links["P1"], {"s-beg1": "4"})
    assert response.status_code == 400
    html = response.content.decode()
    assert "Valitse yksi vastauksista." in html and "Joitakin vastauksia puuttuu" in html


def test_answers_in_any_language_are_answers_to_the_same_statements(client_factory, pulse):
    round, links = pulse
    Person.objects.filter(pk="P3").update(language="so")
    for person, picked in (("P1", "ar"), ("P2", "ti"), ("P3", None), ("P4", "sv")):
        client = client_factory()
        if picked:
            client.post(links[person], {"language": picked})
        assert answer(client, links[person]).status_code == 303
    # The buffer holds statement ids only: nothing says which language a pulse was answered in.
    assert {frozenset(s.payload) for s in Submission.objects.all()} == {frozenset(STATEMENTS)}
    actions.close_round(round)
    counted = Counter(Answer.objects.values_list("statement_id", flat=True))
    assert counted == {statement: 4 for statement in STATEMENTS}


@pytest.fixture
def client_factory():
    from django.test import Client

    return Client


def test_the_managers_pages_offer_swedish_and_english_only(client, personas):
    client.force_login(personas["halsostrateg"])
    html = client.get("/").content.decode()
    assert '<option value="en"' in html and '<option value="ar"' not in html
    client.cookies[languages.COOKIE] = "ar"
    html = client.get("/").content.decode()
    assert html_tag(html) == '<html lang="sv">'


# ------------------------------------------------------------------------------ the strategist's pages


def test_the_strategist_lists_the_languages_and_a_languages_keys_beside_the_swedish(client, personas):
    client.force_login(personas["halsostrateg"])
    html = client.get("/puls/").content.decode()
    assert 'href="/puls/sprak/"' in html
    html = client.get("/puls/sprak/").content.decode()
    for code in languages.FILE_LANGUAGES:
        assert f'href="/puls/sprak/{code}/"' in html
    assert "Utkast, inte granskat" in html
    html = client.get("/puls/sprak/ar/").content.decode()
    assert html.count('href="/puls/sprak/ar/') == len(languages.all_keys())
    assert question_bank.get("beg1").sv in html and "أعرف ما هو متوقع مني في عملي." in html
    assert client.get("/puls/sprak/sv/").status_code == 404  # Swedish is Kasam's own
    assert client.get("/puls/sprak/ar/no.such.key/").status_code == 404


def test_the_strategist_corrects_a_wording_and_it_is_audit_logged(client, personas, pulse):
    _round, links = pulse
    client.force_login(personas["halsostrateg"])
    url = "/puls/sprak/ar/page.submit/"
    assert "أرسل إجاباتي" in client.get(url).content.decode()
    response = client.post(url, {"text": "أرسل الإجابات"})
    assert response.status_code == 302 and response["Location"] == "/puls/sprak/ar/"
    stored = TranslationOverride.objects.get(language="ar", key="page.submit")
    assert (stored.text, stored.changed_by) == ("أرسل الإجابات", personas["halsostrateg"])
    entry = AuditEntry.objects.get(action=AuditEntry.Action.CHANGE_TRANSLATION)
    assert entry.detail == {
        "language": "ar",
        "key": "page.submit",
        "before": "أرسل إجاباتي",
        "after": "أرسل الإجابات",
    }
    assert "(rättad i Kasam)" in client.get("/puls/sprak/ar/").content.decode()
    employee = type(client)()
    employee.post(links["P1"], {"language": "ar"})
    assert ">أرسل الإجابات</button>" in employee.get(links["P1"]).content.decode()
    # Emptied: the file's wording again.
    client.post(url, {"text": ""})
    assert not TranslationOverride.objects.exists()
    assert AuditEntry.objects.filter(action=AuditEntry.Action.CHANGE_TRANSLATION).count() == 2


def test_a_correction_must_keep_the_placeholders(client, personas):
    client.force_login(personas["halsostrateg"])
    response = client.post("/puls/sprak/fi/page.answer_until/", {"text": "Voit vastata myöhemmin."})
    assert response.status_code == 200
    assert "Behåll samma platshållare som i den svenska texten: {date}." in response.content.decode()
    assert not TranslationOverride.objects.exists()


def test_the_strategist_marks_a_language_as_reviewed(client, personas):
    client.force_login(personas["halsostrateg"])
    response = client.post(
        "/puls/sprak/so/granskad/", {"reviewed_by": "Hodan Ali", "reviewed_on": "2026-11-20"}
    )
    assert response.status_code == 302
    review = TranslationReview.objects.get(language="so")
    assert (review.reviewed_by, review.reviewed_on) == ("Hodan Ali", date(2026, 11, 20))
    assert languages.review("so").reviewed_by == "Hodan Ali"
    assert AuditEntry.objects.filter(action=AuditEntry.Action.REVIEW_TRANSLATION).get().detail == {
        "language": "so",
        "reviewed_by": "Hodan Ali",
        "reviewed_on": "2026-11-20",
    }
    assert "Granskad av Hodan Ali den 20 november 2026" in client.get("/puls/sprak/").content.decode()
    # A date after today is refused.
    response = client.post("/puls/sprak/fi/granskad/", {"reviewed_by": "Aino", "reviewed_on": "2030-01-01"})
    assert response.status_code == 400 and not TranslationReview.objects.filter(language="fi").exists()


@pytest.mark.parametrize("username", ["medarbetare", "enhetschef", "hr"])
def test_others_are_refused_the_translation_pages(client, personas, username):
    client.force_login(personas[username])
    for url in ("/puls/sprak/", "/puls/sprak/ar/", "/puls/sprak/ar/page.submit/"):
        assert client.get(url).status_code == 403, url
    assert client.post("/puls/sprak/ar/page.submit/", {"text": "x"}).status_code == 403
    assert (
        client.post("/puls/sprak/ar/granskad/", {"reviewed_by": "x", "reviewed_on": "2026-11-01"}).status_code
        == 403
    )
    assert not TranslationOverride.objects.exists() and not TranslationReview.objects.exists()
    assert 'href="/puls/sprak/"' not in client.get("/puls/").content.decode()

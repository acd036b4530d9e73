"""The answer page /svara/<token>/ (what it must show, and bad input): every outcome of a
link, double submission, tampered fields, and the page's headers. Rounds are made with
kasam.pulse.actions over the shared `org` fixture."""

import re
from datetime import date

import pytest
from django.utils import translation

from kasam.pulse import actions, question_bank
from kasam.pulse.models import Answer, FreeText, Invitation, Participation, Programme, Round, Submission

STATEMENTS = ["beg1", "han1", "men1", question_bank.HEALTH_ID]
OPENS, CLOSES = date(2026, 11, 23), date(2026, 11, 29)  # the test "today" is 2026-11-25
GOOD = {"s-beg1": "4", "s-han1": "5", "s-men1": "3", "s-halsa": "4"}


@pytest.fixture(autouse=True)
def _pulse_settings(pulse_settings, english):
    # The page texts are asserted in English (their msgids); the Swedish page is checked through the
    # question texts, which come from the bank.
    pulse_settings.KASAM_PULSE_K = 3


@pytest.fixture
def pulse(org):
    """An open round over SOC with the org fixture's four current staff; {person id: raw token}."""
    programme = Programme.objects.create(name="Puls", root_unit_id="SOC")
    round = Round.objects.create(
        programme=programme, number=1, opens_on=OPENS, closes_on=CLOSES, statement_ids=STATEMENTS
    )
    issued = actions.open_round(round)
    return round, {invitation.person_id: token for invitation, token in issued}


def url(token):
    return f"/svara/{token}/"


def form_key(response):
    match = re.search(r'name="idempotency_key" value="([^"]+)"', response.content.decode())
    assert match, "the form carries an idempotency key"
    return match.group(1)


def post(client, token, data, key=None):
    page = client.get(url(token))
    return client.post(url(token), {**data, "idempotency_key": key or form_key(page)})


def stored():
    return {
        "buffer": Submission.objects.count(),
        "participations": Participation.objects.count(),
        "answers": Answer.objects.count(),
        "texts": FreeText.objects.count(),
    }


def test_the_page_asks_the_rounds_statements_in_swedish_without_login(client, pulse, settings):
    settings.LANGUAGE_CODE = "sv"
    round, links = pulse
    response = client.get(url(links["P1"]))
    assert response.status_code == 200
    html = response.content.decode()
    for statement_id in STATEMENTS:
        assert question_bank.get(statement_id).sv in html
        assert html.count(f'name="s-{statement_id}"') == 5
    assert question_bank.OPEN_QUESTION.sv in html
    assert "Stämmer helt" in html and "Mycket bra" in html
    # One fieldset with a legend per statement; every radio button has a visible label.
    assert html.count("<fieldset") == len(STATEMENTS) == html.count("<legend")
    for radio_id in re.findall(r'type="radio" name="[^"]+" id="([^"]+)"', html):
        assert f'<label for="{radio_id}">' in html
    assert 'maxlength="1000"' in html
    assert "csrfmiddlewaretoken" in html
    assert "<script" not in html


def test_the_page_is_in_english_when_english_is_chosen(client, pulse):
    _round, links = pulse
    client.cookies["django_language"] = "en"
    with translation.override("en"):
        html = client.get(url(links["P1"])).content.decode()
    assert question_bank.get("beg1").en in html
    assert "Completely true" in html
    assert "Send my answers" in html


def test_the_pages_send_no_referrer_elsewhere_and_are_not_cached(client, pulse):
    _round, links = pulse
    # "same-origin", not "no-referrer": under no-referrer browsers post the form (and the language
    # switch) with `Origin: null`, which the CSRF check refuses (tests/e2e/test_pulse_answer.py).
    for response in (client.get(url(links["P1"])), client.get(url("x" * 43)), client.get("/svara/tack/")):
        assert response["Referrer-Policy"] == "same-origin"
        assert response["Cache-Control"] == "no-store"
    # No link on the pages leads to another site.
    html = client.get(url(links["P1"])).content.decode()
    assert not re.search(r'href="(https?:)?//', html)


def test_an_answer_is_stored_once_and_thanked_without_echoing_it(client, pulse):
    _round, links = pulse
    response = post(client, links["P1"], {**GOOD, "open": "Fina kollegor"})
    assert response.status_code == 303 and response["Location"] == "/svara/tack/"
    assert links["P1"] not in response["Location"]
    assert stored()["participations"] == 1
    assert Participation.objects.get().person_id == "P1"
    thanks = client.get(response["Location"])
    assert thanks.status_code == 200
    assert "Fina kollegor" not in thanks.content.decode()
    with translation.override("en"):
        assert "Thank you for your answers!" in client.get("/svara/tack/").content.decode()


def test_a_double_submit_with_the_same_key_stores_one_set_of_answers(client, pulse):
    _round, links = pulse
    key = form_key(client.get(url(links["P1"])))
    first = client.post(url(links["P1"]), {**GOOD, "idempotency_key": key})
    second = client.post(url(links["P1"]), {**GOOD, "idempotency_key": key})
    assert first.status_code == second.status_code == 303
    assert second["Location"] == "/svara/tack/"
    assert Participation.objects.count() == 1
    assert Submission.objects.count() + Answer.objects.values("reporting_node").distinct().count() >= 1
    payloads = list(Submission.objects.values_list("sealed_payload", flat=True))
    answers = Answer.objects.count()
    assert len(payloads) + (answers // len(STATEMENTS)) == 1


def test_a_used_link_says_kindly_that_it_has_been_answered(client, pulse):
    _round, links = pulse
    post(client, links["P1"], GOOD)
    with translation.override("en"):
        page = client.get(url(links["P1"]))
        again = client.post(url(links["P1"]), {**GOOD, "idempotency_key": "another-key-123"})
    for response in (page, again):
        assert response.status_code == 200
        assert "You have already answered – thank you!" in response.content.decode()
        assert '<form method="post" novalidate' not in response.content.decode()
    assert Participation.objects.count() == 1


def test_an_expired_link_says_the_round_is_closed_and_when_the_next_opens(client, pulse, settings):
    round, links = pulse
    Round.objects.create(
        programme=round.programme,
        number=2,
        opens_on=date(2026, 12, 7),
        closes_on=date(2026, 12, 13),
        statement_ids=STATEMENTS,
    )
    settings.KASAM_TODAY = date(2026, 11, 30)
    key = "expired-key-123"
    with translation.override("en"):
        page = client.get(url(links["P1"]))
        posted = client.post(url(links["P1"]), {**GOOD, "idempotency_key": key})
    for response in (page, posted):
        assert response.status_code == 200
        html = response.content.decode()
        assert "This pulse has closed" in html
        assert "7 december" in html.lower()
    assert stored() == {"buffer": 0, "participations": 0, "answers": 0, "texts": 0}


def test_a_closed_round_takes_no_answers(client, pulse):
    round, links = pulse
    actions.close_round(round, shown_nodes_fn=lambda tree, respondents, k: [])
    with translation.override("en"):
        response = post(client, links["P2"], GOOD, key="after-close-123")
    # At close every link's hash goes (a cleared one would tell who answered): the link is unknown.
    assert response.status_code == 404
    assert "stops working when its pulse has closed" in response.content.decode()
    assert Participation.objects.count() == 0


def test_a_round_not_yet_open_says_when_it_opens(client, pulse):
    round, links = pulse
    Round.objects.filter(pk=round.pk).update(opens_on=date(2026, 11, 26), closes_on=date(2026, 12, 2))
    with translation.override("en"):
        response = client.get(url(links["P1"]))
    assert "This pulse has not opened yet" in response.content.decode()
    assert "26 november" in response.content.decode().lower()


@pytest.mark.parametrize(
    "token",
    [
        "A" * 43,  # well formed, never issued
        "short",  # malformed
        "A" * 42 + "!",  # a character outside the alphabet
        "A" * 200,
    ],
)
def test_a_forged_or_malformed_token_gets_a_plain_404_that_reveals_nothing(client, pulse, token):
    get = client.get(url(token))
    posted = client.post(url(token), {**GOOD, "idempotency_key": "forged-key-123"})
    for response in (get, posted):
        assert response.status_code == 404
        html = response.content.decode()
        assert '<form method="post" novalidate' not in html
        assert "Stämmer" not in html
    with translation.override("en"):
        assert "The link does not work" in client.get(url(token)).content.decode()
    assert stored()["participations"] == 0


def test_a_replaced_link_no_longer_works_but_the_new_one_does(client, pulse):
    _round, links = pulse
    invitation = Invitation.objects.get(person_id="P1")
    new = actions.reissue_token(invitation)
    assert client.get(url(links["P1"])).status_code == 404
    assert client.get(url(new)).status_code == 200


def test_the_token_never_goes_into_a_query_string_or_the_page_links(client, pulse):
    _round, links = pulse
    html = client.get(url(links["P1"])).content.decode()
    # The form posts to its own address (no action); the token appears only in the language form's
    # "next" path, which goes by POST.
    assert f"?{links['P1']}" not in html and f"={links['P1']}" not in html
    assert 'action="' not in html.split("pulse-form")[1].split(">")[0]


def test_a_missing_answer_shows_the_form_again_with_errors_and_keeps_choices(client, pulse):
    _round, links = pulse
    data = {key: value for key, value in GOOD.items() if key != "s-han1"}
    with translation.override("en"):
        response = post(client, links["P1"], {**data, "open": "Bra stämning"})
    assert response.status_code == 400
    html = response.content.decode()
    assert "error-summary" in html and 'href="#q-han1-1"' in html
    assert 'id="q-han1-error"' in html and "Choose one of the answers." in html
    assert re.search(r'id="q-beg1-4" value="4" checked', html)
    assert "Bra stämning" in html
    assert stored()["participations"] == 0
    # Answered after the error: stored.
    fixed = client.post(url(links["P1"]), {**GOOD, "idempotency_key": form_key(response)})
    assert fixed.status_code == 303
    assert Participation.objects.count() == 1


def test_a_tampered_value_outside_the_scale_is_refused(client, pulse):
    _round, links = pulse
    for value in ("6", "0", "-1", "4.5", "<b>5</b>", ""):
        with translation.override("en"):
            response = post(client, links["P1"], {**GOOD, "s-men1": value})
        assert response.status_code == 400
        assert 'id="q-men1-error"' in response.content.decode()
        assert "Choose one of the answers shown." in response.content.decode() or value == ""
    assert stored()["participations"] == 0


def test_a_tampered_unknown_statement_is_refused(client, pulse):
    _round, links = pulse
    with translation.override("en"):
        response = post(client, links["P1"], {**GOOD, "s-psy1": "5"})
    assert response.status_code == 400
    assert "a question that is not part of this pulse" in response.content.decode()
    assert stored()["participations"] == 0


def test_a_tampered_idempotency_key_is_refused_and_replaced(client, pulse):
    _round, links = pulse
    response = client.post(url(links["P1"]), {**GOOD, "idempotency_key": "<bad>"})
    assert response.status_code == 400
    assert form_key(response) != "<bad>"
    assert client.post(url(links["P1"]), {**GOOD, "idempotency_key": form_key(response)}).status_code == 303


def test_oversize_text_is_refused_and_nothing_stored(client, pulse):
    _round, links = pulse
    with translation.override("en"):
        response = post(client, links["P1"], {**GOOD, "open": "x" * 1001})
    assert response.status_code == 400
    assert 'id="q-open-error"' in response.content.decode()
    assert "at most 1000 characters" in response.content.decode()
    assert stored()["participations"] == 0
    assert post(client, links["P1"], {**GOOD, "open": "x" * 1000}).status_code == 303


def test_html_in_the_open_answer_is_stored_as_text_and_never_rendered_back(client, pulse):
    _round, links = pulse
    script = '<script>alert("x")</script><img src=x onerror=alert(1)>'
    response = post(client, links["P1"], {**GOOD, "open": script})
    assert response.status_code == 303
    assert Submission.objects.get().payload["open"] == script
    assert script not in client.get(response["Location"]).content.decode()
    # Shown again after an error, it is escaped.
    other = post(client, links["P2"], {"s-beg1": "9", "open": script})
    html = other.content.decode()
    assert script not in html and "&lt;script&gt;" in html


def test_a_get_never_uses_the_link(client, pulse):
    _round, links = pulse
    for _ in range(3):
        assert client.get(url(links["P1"])).status_code == 200
    assert Invitation.objects.get(person_id="P1").token_hash is not None


def test_csrf_stays_on(pulse):
    from django.test import Client

    _round, links = pulse
    client = Client(enforce_csrf_checks=True)
    response = client.post(url(links["P1"]), {**GOOD, "idempotency_key": "no-csrf-key-1"})
    assert response.status_code == 403
    assert Participation.objects.count() == 0


def test_other_methods_are_refused(client, pulse):
    _round, links = pulse
    assert client.put(url(links["P1"])).status_code == 405

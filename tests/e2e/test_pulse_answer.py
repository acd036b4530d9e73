"""Answering a pulse on a phone, in a real browser with JavaScript switched off, and
the same pages checked by axe: the form, its error summary, the thank-you page, a used and a forged
link. Axe runs as a script in the page, so its checks use a phone context with JavaScript on (with it
off Playwright cannot evaluate axe); the pages themselves have no script either way."""

from datetime import date

import pytest
from playwright.sync_api import expect

from kasam.pulse import actions, question_bank
from kasam.pulse.models import Participation, Programme, Round, Submission

pytestmark = pytest.mark.browser

STATEMENTS = ["beg1", "han1", "men1", question_bank.HEALTH_ID]
PHONE = {"width": 390, "height": 844}


@pytest.fixture
def links(transactional_db, org, settings):
    settings.KASAM_PULSE_K = 3
    settings.KASAM_TOKEN_KEY = "test-token-key"
    programme = Programme.objects.create(name="Puls", root_unit_id="SOC")
    round = Round.objects.create(
        programme=programme,
        number=1,
        opens_on=date(2026, 11, 23),
        closes_on=date(2026, 11, 29),
        statement_ids=STATEMENTS,
    )
    return [f"/svara/{token}/" for _invitation, token in actions.open_round(round)]


def answer_with_one_missing(page):
    first = question_bank.get("beg1").sv
    page.get_by_role("group", name=first).get_by_label("Stämmer ganska bra").check()
    page.get_by_role("group", name=question_bank.HEALTH.sv).get_by_label("Bra", exact=True).check()
    page.locator("button.pulse-submit").click()
    page.wait_for_load_state()


def answer_the_rest(page):
    for statement_id in ("han1", "men1"):
        group = page.get_by_role("group", name=question_bank.get(statement_id).sv)
        group.get_by_label("Stämmer helt").check()
    page.locator("#q-open").fill("Vi hjälper varandra <b>alltid</b>.")
    page.locator("button.pulse-submit").click()
    page.wait_for_load_state()


def test_a_pulse_is_answered_on_a_phone_without_javascript(links, new_page):
    page = new_page(viewport=PHONE, java_script_enabled=False, is_mobile=True, has_touch=True)
    response = page.goto(links[0])
    assert response.status == 200
    assert response.headers["referrer-policy"] == "same-origin"
    assert response.headers["cache-control"] == "no-store"
    expect(page.locator("html")).to_have_attribute("lang", "sv")
    expect(page.locator("fieldset")).to_have_count(len(STATEMENTS))
    expect(page.locator("script")).to_have_count(0)

    # The page fits the phone, and every answer is a large touch target.
    box = page.get_by_text("Stämmer helt").first.bounding_box()
    assert box["height"] >= 44 and box["width"] >= 280
    assert box["x"] + box["width"] <= PHONE["width"]

    # Send with statements unanswered: the error summary links to them, choices are kept.
    answer_with_one_missing(page)
    summary = page.locator(".error-summary")
    expect(summary).to_be_visible()
    expect(summary.locator('a[href="#q-han1-1"]')).to_have_count(1)
    first = question_bank.get("beg1").sv
    expect(page.get_by_role("group", name=first).get_by_label("Stämmer ganska bra")).to_be_checked()
    assert Participation.objects.count() == 0

    answer_the_rest(page)
    assert page.url.endswith("/svara/tack/")
    expect(page.locator("h1")).to_be_visible()
    assert "alltid" not in page.content()
    assert Participation.objects.count() == 1
    assert Submission.objects.count() <= 1

    # The link is used now: a kind page, no form.
    page.goto(links[0])
    expect(page.locator("form.pulse-form")).to_have_count(0)


def test_the_answer_pages_pass_axe_on_a_phone(links, new_page, assert_accessible):
    page = new_page(viewport=PHONE, is_mobile=True, has_touch=True)
    page.goto(links[1])
    assert_accessible(page)
    answer_with_one_missing(page)
    expect(page.locator(".error-summary")).to_be_visible()
    assert_accessible(page)
    answer_the_rest(page)
    assert page.url.endswith("/svara/tack/")
    assert_accessible(page)
    # The language picker at the top posts from these pages too (CSRF needs their Origin).
    page.locator(".language-picker").get_by_role("button", name="English").click()
    page.wait_for_load_state()
    assert page.url.endswith("/svara/tack/")
    expect(page.locator("html")).to_have_attribute("lang", "en")
    page.goto(links[1])
    expect(page.locator("form.pulse-form")).to_have_count(0)
    assert_accessible(page)


def test_a_forged_link_shows_an_accessible_404(transactional_db, org, new_page, assert_accessible):
    page = new_page(viewport=PHONE)
    response = page.goto("/svara/" + "A" * 43 + "/")
    assert response.status == 404
    expect(page.locator("h1")).to_be_visible()
    assert_accessible(page)

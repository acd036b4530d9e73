"""An employee answers the pulse in Arabic on a phone (390 px), in a real browser with JavaScript
switched off: the picker at the top turns the page right-to-left and Arabic, every question is
answered, and the thank-you page is Arabic too; axe checks the Arabic pages (in a context with
JavaScript on, which axe itself needs). The stored answers are the same statements as a Swedish
answer's (docs/pulse-questions.md "Languages of the answer page")."""

from collections import Counter
from datetime import date

import pytest
from playwright.sync_api import expect

from kasam.pulse import actions, languages, question_bank
from kasam.pulse.models import Answer, Programme, Round, Submission

pytestmark = pytest.mark.browser

STATEMENTS = ["beg1", "han1", "men1", question_bank.HEALTH_ID]
PHONE = {"width": 390, "height": 844}


@pytest.fixture
def pulse(transactional_db, org, settings):
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
    return round, [f"/svara/{token}/" for _invitation, token in actions.open_round(round)]


def answer_in_arabic(page, link, assert_accessible=None):
    page.goto(link)
    expect(page.locator("html")).to_have_attribute("lang", "sv")
    page.locator(".language-picker").get_by_role("button", name="العربية").click()
    page.wait_for_load_state()
    assert page.url.endswith(link)  # back on the same address, no query string
    html = page.locator("html")
    expect(html).to_have_attribute("lang", "ar")
    expect(html).to_have_attribute("dir", "rtl")
    expect(page.locator("h1")).to_have_text(languages.text("ar", "page.heading"))
    expect(page.locator(".draft-notice")).to_be_visible()
    # Right to left for real: the first answer's label starts at the right edge of its question.
    label = page.locator(f'label[for="q-{STATEMENTS[0]}-1"]').bounding_box()
    assert label["x"] + label["width"] <= PHONE["width"]
    radio = page.locator(f"#q-{STATEMENTS[0]}-1").bounding_box()
    assert radio["x"] > label["x"] + label["width"] / 2
    if assert_accessible:
        assert_accessible(page)
    for statement_id in STATEMENTS:
        group = page.get_by_role("group", name=languages.text("ar", f"statement.{statement_id}"))
        scale = "health" if statement_id == question_bank.HEALTH_ID else "agreement"
        group.get_by_label(languages.text("ar", f"{scale}.4"), exact=True).check()
    page.locator("#q-open").fill("نساعد بعضنا")
    page.get_by_role("button", name=languages.text("ar", "page.submit")).click()
    page.wait_for_load_state()
    assert page.url.endswith("/svara/tack/")
    expect(page.locator("html")).to_have_attribute("dir", "rtl")
    expect(page.locator("h1")).to_have_text(languages.text("ar", "thanks.heading"))
    if assert_accessible:
        assert_accessible(page)


def test_an_employee_answers_in_arabic_on_a_phone(pulse, new_page, assert_accessible):
    round, links = pulse
    page = new_page(viewport=PHONE, java_script_enabled=False, is_mobile=True, has_touch=True)
    answer_in_arabic(page, links[0])
    expect(page.locator("script")).to_have_count(0)
    assert Submission.objects.count() == 1
    # The same on a second phone, with axe on every Arabic page; a third answers in Swedish.
    checked = new_page(viewport=PHONE, is_mobile=True, has_touch=True)
    answer_in_arabic(checked, links[1], assert_accessible)
    swedish = new_page(viewport=PHONE, java_script_enabled=False)
    swedish.goto(links[2])
    for statement_id in STATEMENTS:
        group = swedish.get_by_role("group", name=question_bank.get(statement_id).sv)
        label = "Bra" if statement_id == question_bank.HEALTH_ID else "Stämmer ganska bra"
        group.get_by_label(label, exact=True).check()
    swedish.locator("button.pulse-submit").click()
    swedish.wait_for_load_state()
    assert swedish.url.endswith("/svara/tack/")
    # Counted as the same statements, whatever the language.
    actions.close_round(Round.objects.get(pk=round.pk))
    assert Counter(Answer.objects.values_list("statement_id", flat=True)) == {s: 3 for s in STATEMENTS}
    assert set(Answer.objects.values_list("value", flat=True)) == {4}

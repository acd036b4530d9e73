"""The employee page in Arabic on a 390 px phone: an employee opens the personal link from the results
message, picks Arabic at the top of the page, reads it right to left with the pulse's areas named in
Arabic, then presses the answer button and lands on the pulse's answer page already in Arabic – one
choice for both pages (docs/employee-page.md "Languages"); axe checks the Arabic pages."""

import re
from datetime import date

import pytest
from playwright.sync_api import expect
from pulse_rounds import add_staff, run_round

from kasam.org.models import Person
from kasam.pulse import languages
from kasam.workplace import links

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}
AREAS = ["begriplighet", "hanterbarhet", "meningsfullhet"]  # the dimensions of pulse_rounds.STATEMENTS


def test_an_employee_reads_the_workplace_page_in_arabic_and_answers_in_arabic(
    transactional_db, personas, pulse_settings, live_server, new_page, assert_accessible
):
    add_staff()
    run_round(1, date(2026, 11, 2), date(2026, 11, 20))
    run_round(2, date(2026, 11, 23), date(2026, 12, 4), close=False)
    _link, token = links.issue(Person.objects.get(pk="P1"), date(2026, 11, 25))
    arabic = languages.catalogue("ar")

    page = new_page(viewport=PHONE, is_mobile=True, has_touch=True)
    page.goto(f"/min-arbetsplats/lank/{token}/")
    assert page.url.endswith("/min-arbetsplats/")
    html = page.locator("html")
    expect(html).to_have_attribute("lang", "sv")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Min arbetsplats")

    page.locator(".language-picker").get_by_role("button", name="العربية").click()
    page.wait_for_load_state()
    assert page.url.endswith("/min-arbetsplats/")  # back on the same address
    expect(html).to_have_attribute("lang", "ar")
    expect(html).to_have_attribute("dir", "rtl")
    expect(page.get_by_role("heading", level=1)).to_contain_text(arabic.text("workplace.title"))
    expect(page.locator(".draft-notice")).to_be_visible()
    results = page.locator(
        "section", has=page.get_by_role("heading", name=arabic.text("workplace.results_heading"))
    )
    names = results.locator("tbody th")
    expect(names).to_have_text(
        [*(arabic.text(f"dimension.{d}") for d in AREAS), arabic.text("workplace.self_rated_health")]
    )
    # Right to left for real: the areas' column is the rightmost, the figures to its left.
    area = results.get_by_role("columnheader").first.bounding_box()
    index = results.get_by_role("columnheader").nth(1).bounding_box()
    assert area["x"] > index["x"] and area["x"] + area["width"] <= PHONE["width"]
    assert_accessible(page)
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")

    # The answer button, in Arabic, opens the pulse in Arabic: the same choice.
    page.get_by_role("button", name=arabic.text("workplace.answer")).click()
    expect(page).to_have_url(re.compile(r"/svara/[A-Za-z0-9_-]{43}/$"))
    expect(html).to_have_attribute("lang", "ar")
    expect(html).to_have_attribute("dir", "rtl")
    expect(page.locator("h1")).to_have_text(arabic.text("page.heading"))
    expect(page.locator(".language-picker button.current")).to_have_text("العربية")
    assert_accessible(page)


def test_the_small_pages_pickers_work_in_a_browser(
    transactional_db, personas, pulse_settings, live_server, new_page, assert_accessible
):
    """The page of an ended link and the page of turned-off links: their pickers post to their own
    addresses, which a real browser does with an Origin the CSRF check accepts."""
    person = Person.objects.get(pk="P1")
    _link, ended = links.issue(person, date(2026, 11, 25))
    links.revoke_all(person)
    page = new_page(viewport=PHONE, is_mobile=True, has_touch=True)
    address = f"/min-arbetsplats/lank/{ended}/"
    page.goto(address)
    expect(page.get_by_role("heading", level=1)).to_have_text("Länken fungerar inte")
    page.locator(".language-picker").get_by_role("button", name="فارسی").click()
    page.wait_for_load_state()
    assert page.url.endswith(address)
    expect(page.locator("html")).to_have_attribute("dir", "rtl")
    expect(page.get_by_role("heading", level=1)).to_have_text(
        languages.text("fa", "workplace.link_ended_title")
    )
    assert_accessible(page)

    # With a working link: turn the links off, then read that page in Finnish.
    _link, token = links.issue(person, date(2026, 11, 25))
    page.goto(f"/min-arbetsplats/lank/{token}/")
    page.get_by_role("button", name=languages.text("fa", "workplace.revoke")).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(languages.text("fa", "workplace.revoked_title"))
    page.locator(".language-picker").get_by_role("button", name="Suomi").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(languages.text("fi", "workplace.revoked_title"))
    expect(page.locator("html")).to_have_attribute("lang", "fi")
    assert_accessible(page)

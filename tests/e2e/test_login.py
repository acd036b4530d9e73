"""The login flow in a real browser: the page contract, scoping of the start page, logout, 404, phone."""

import re

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

LOGIN_URL = "/konto/logga-in/"
OWN_UNITS = ["/organisation/enheter/AO-HT1/", "/organisation/enheter/AO-HT1-A/"]
FOREIGN_UNITS = {"AO-SB1": "Solgården", "IFO-BU": "Barn och unga"}


def url(live_server, path):
    return f"{live_server.url}{path}"


def test_login_page_is_swedish_labelled_and_accessible(
    transactional_db, live_server, page, assert_accessible
):
    response = page.goto(LOGIN_URL)
    assert response.status == 200
    expect(page.locator("html")).to_have_attribute("lang", "sv")
    expect(page.locator('input[name="login"]')).to_be_visible()
    expect(page.locator('input[name="password"]')).to_have_attribute("type", "password")
    expect(page.get_by_role("button", name="Logga in")).to_be_visible()
    assert_accessible(page)


def test_wrong_password_stays_on_login_page(transactional_db, personas, live_server, page, login):
    login(page, "enhetschef", password="not-the-password")
    expect(page).to_have_url(re.compile(re.escape(url(live_server, LOGIN_URL))))
    expect(page.get_by_role("button", name="Logga in")).to_be_visible()


def test_unit_manager_sees_own_units_only_and_logs_out(
    transactional_db, personas, live_server, page, login, assert_accessible
):
    login(page, "enhetschef")
    expect(page).to_have_url(url(live_server, "/"))

    main = page.locator("main")
    for href in OWN_UNITS:
        expect(main.locator(f'a[href="{href}"]').first).to_be_visible()
    for unit_id, name in FOREIGN_UNITS.items():
        expect(page.locator(f'a[href*="/{unit_id}/"]')).to_have_count(0)
        expect(main).not_to_contain_text(name)
    expect(page.locator("header nav")).to_have_count(1)
    assert_accessible(page)

    logout = page.get_by_role("button", name="Logga ut")
    expect(logout).to_be_visible()
    # Logging out is a POST: the button sits in a form, never a plain link.
    expect(page.locator('form[method="post" i]').filter(has=logout)).to_have_count(1)
    logout.click()
    expect(page).to_have_url(re.compile(re.escape(url(live_server, LOGIN_URL))))
    expect(page.get_by_role("button", name="Logga in")).to_be_visible()

    page.goto("/")
    expect(page).to_have_url(re.compile(re.escape(url(live_server, LOGIN_URL))))


def test_unit_outside_scope_is_a_plain_404(transactional_db, personas, live_server, page, login):
    login(page, "enhetschef")
    response = page.goto("/organisation/enheter/AO-SB1/")
    assert response.status == 404
    body = page.locator("body")
    expect(body).not_to_contain_text("Solgården")
    expect(body).not_to_contain_text("Traceback")
    expect(body).not_to_contain_text("DEBUG = True")
    expect(page.locator("html")).to_have_attribute("lang", "sv")


def test_start_page_fits_a_phone(transactional_db, personas, live_server, new_page, login):
    phone = new_page(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    login(phone, "enhetschef")
    expect(phone).to_have_url(url(live_server, "/"))
    scroll_width, inner_width = phone.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
    # A phone lays a page out 980 px wide unless it has <meta name="viewport" content="width=device-width">.
    assert inner_width == 390, f"laid out {inner_width} px wide on a 390 px phone: no viewport meta?"
    assert scroll_width <= inner_width, f"the start page scrolls sideways: {scroll_width} > {inner_width}"

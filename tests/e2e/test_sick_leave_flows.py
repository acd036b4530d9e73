"""Sick leave in a real browser: the overview, a unit's page and the early signals, each through axe."""

from datetime import date, timedelta

import pytest
from playwright.sync_api import expect

from kasam.absence.models import Absence
from kasam.absence.series import refill_series

pytestmark = pytest.mark.browser


@pytest.fixture
def filled(personas):
    today = date(2026, 11, 25)
    for index in range(6):  # P1: repeated short-term absence
        start = today - timedelta(days=15 + 55 * index)
        Absence.objects.create(person_id="P1", start_date=start, end_date=start + timedelta(days=2))
    Absence.objects.create(person_id="P2", start_date=date(2026, 11, 1), end_date=date(2027, 1, 31))
    Absence.objects.create(person_id="P3", start_date=date(2025, 2, 3), end_date=date(2025, 2, 7), extent=50)
    Absence.objects.create(person_id="P4", start_date=date(2024, 1, 1), end_date=date(2024, 1, 2))
    refill_series()


def test_leadership_reads_the_overview_and_the_annual_report(
    transactional_db, filled, live_server, page, login, assert_accessible
):
    login(page, "ledning")
    page.get_by_role("navigation", name="Huvudmeny").get_by_role("link", name="Sjukfrånvaro").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Sjukfrånvaro och frisknärvaro")
    expect(page.locator("table.units")).to_contain_text("Solgården")
    assert_accessible(page)
    page.get_by_role("link", name="Nyckeltalen för årsredovisningen").click()
    expect(page.locator("table")).to_contain_text("Total sjukfrånvaro i procent av ordinarie arbetstid")
    assert_accessible(page)


def test_the_unit_manager_goes_from_the_unit_to_the_early_signals(
    transactional_db, filled, live_server, page, login, assert_accessible
):
    login(page, "enhetschef")
    page.get_by_role("navigation", name="Huvudmeny").get_by_role("link", name="Sjukfrånvaro").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Sjukfrånvaro – Hemtjänst Norr")
    expect(page.locator("figure.chart svg")).to_have_count(1)
    assert_accessible(page)
    page.get_by_role("navigation", name="Huvudmeny").get_by_role("link", name="Tidiga signaler").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Tidiga signaler – Hemtjänst Norr")
    expect(page.locator("main")).to_contain_text("Alva Testsson")
    expect(page.locator("main")).to_contain_text("Bo Provsson")
    assert_accessible(page)


def test_wide_tables_scroll_in_their_own_box_on_a_phone(
    transactional_db, filled, live_server, new_page, login, assert_accessible
):
    """At 390 px the early signals' tables (not in a scroll box) and the leadership overview (its
    visually hidden texts, absolutely positioned, escaped the box) made the whole page scroll sideways."""
    page = new_page(viewport={"width": 390, "height": 844})
    login(page, "hr")
    for path in ("/sjukfranvaro/signaler/", "/ledarskap/oversikt/", "/medarbetarenkat/", "/puls/"):
        page.goto(live_server.url + path)
        expect(page.get_by_role("heading", level=1)).to_be_visible()
        assert page.evaluate("document.documentElement.scrollWidth") <= 390, path
    page.goto(live_server.url + "/sjukfranvaro/signaler/")
    expect(page.locator(".table-scroll table").first).to_be_visible()
    assert_accessible(page)

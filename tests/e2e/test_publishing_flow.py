"""The health strategist publishes an ended period on the "Publicera" page in a real browser, on a
laptop and a phone, checked with axe; the committee then reads that release."""

from datetime import date

import pytest
from playwright.sync_api import expect

from kasam.absence.models import Absence
from kasam.absence.series import refill_series

pytestmark = pytest.mark.browser


def test_the_strategist_publishes_and_the_committee_reads_the_release(
    transactional_db, personas, live_server, new_page, login, assert_accessible
):
    Absence.objects.create(
        person_id="P1", start_date=date(2025, 3, 3), end_date=date(2025, 3, 5), kind="sjuk"
    )
    refill_series()
    for viewport in ({"width": 1280, "height": 900}, {"width": 390, "height": 844}):
        page = new_page(viewport=viewport)
        login(page, "halsostrateg")
        page.get_by_role("link", name="Publicera", exact=True).click()
        expect(page.get_by_role("heading", level=1)).to_have_text("Publicera")
        row = page.locator('tr[data-period="2026-T2"]')
        expect(row).to_contain_text("Delårsrapport januari–augusti 2026")
        assert_accessible(page)
        if viewport["width"] == 1280:
            row.get_by_role("button", name="Publicera – Delårsrapport januari–augusti 2026").click()
            expect(page.locator(".messages")).to_contain_text(
                "Delårsrapport januari–augusti 2026 är publicerad."
            )
            expect(page.locator('tr[data-period="2026-T2"]')).to_contain_text("version 1")
            assert_accessible(page)
        page.close()

    page = new_page()
    login(page, "politiker")
    page.get_by_role("link", name="Sjukfrånvaro", exact=True).click()
    expect(page.locator("main")).to_contain_text("Delårsrapport januari–augusti 2026")
    assert_accessible(page)

"""The pages for the health strategist and the committee in a real browser, each checked with axe:
economics with the cost model, the Kolada comparison, the reports page (a report asked for and
downloaded), the evaluation and "can we see an effect?", and the leadership overview."""

from datetime import date

import pytest
from playwright.sync_api import expect

from kasam.absence.conf import sick_leave_settings
from kasam.economy.demo import ensure_demo_economy
from kasam.kolada.demo import ensure_demo_kolada
from kasam.releases.models import Release

pytestmark = pytest.mark.browser


def test_the_strategists_pages_are_accessible_and_a_report_is_made(
    transactional_db, personas, live_server, new_page, login, assert_accessible
):
    ensure_demo_economy(seed=1)
    ensure_demo_kolada()
    # The reports read the year's release of sick leave (here an empty one: no sick-leave data).
    Release.objects.create(
        kind="sick-leave",
        period="2025",
        start=date(2025, 1, 1),
        end=date(2025, 12, 31),
        published_by="hr",
        settings=sick_leave_settings().as_dict(),
    )
    page = new_page()
    login(page, "halsostrateg")

    page.get_by_role("link", name="Ekonomi", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Ekonomi")
    expect(page.locator("#budget")).to_contain_text("2018")
    assert_accessible(page)

    page.get_by_role("link", name="Jämför med andra kommuner (Kolada)").click()
    expect(page.locator("main")).to_contain_text("Källa: Kolada")
    assert_accessible(page)

    page.get_by_role("link", name="Rapporter", exact=True).click()
    assert_accessible(page)
    page.get_by_label("Personalredovisning i årsredovisningen").check()
    page.get_by_label("Excel").check()
    page.get_by_role("button", name="Gör rapporten").click()
    link = page.get_by_role("link", name="Hämta personalredovisning-2025.xlsx")
    expect(link).to_be_visible()
    with page.expect_download() as download:
        link.click()
    assert download.value.suggested_filename == "personalredovisning-2025.xlsx"
    assert_accessible(page)

    page.get_by_role("link", name="Utvärdering", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Gjorde det skillnad?")
    assert_accessible(page)
    page.get_by_role("link", name="Före en utrullning: kan vi se en effekt?").click()
    assert_accessible(page)

    page.goto("/ledarskap/oversikt/")
    assert_accessible(page)

"""The main flows beyond login, in a real browser, each page checked with axe."""

import pytest
from playwright.sync_api import expect

from kasam.org.models import Employment

pytestmark = pytest.mark.browser

HEADER = "person_id,unit_id,start_date,end_date,rate,weekly_hours,pay\n"


def test_hr_imports_a_file_with_problems_then_a_good_one(
    transactional_db, personas, live_server, page, login, assert_accessible, tmp_path
):
    login(page, "hr")
    page.get_by_role("navigation", name="Huvudmeny").get_by_role("link", name="Importera").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Importera från HR-systemet")
    assert_accessible(page)

    bad = tmp_path / "anstallningar.csv"
    bad.write_text(HEADER + "NOPE,AO-HT1,2026-01-01,,100,40,monthly\nP1,AO-SB1,2026-01-01,,0,40,monthly\n")
    page.get_by_label("Vad innehåller filen?").select_option("employments")
    page.get_by_label("Fil", exact=True).set_input_files(str(bad))
    page.get_by_role("button", name="Importera").click()
    alert = page.get_by_role("alert")
    expect(alert).to_contain_text("2 problem – ingenting har importerats")
    expect(alert).to_contain_text("anstallningar.csv:2:person_id:")
    expect(alert).to_contain_text("anstallningar.csv:3:rate:")
    assert_accessible(page)
    assert not Employment.objects.filter(start_date__year=2026).exists()

    good = tmp_path / "rattad.csv"
    good.write_text(HEADER + "P1,AO-SB1,2026-01-01,,75,40,monthly\n")
    page.get_by_label("Vad innehåller filen?").select_option("employments")
    page.get_by_label("Fil", exact=True).set_input_files(str(good))
    page.get_by_role("button", name="Importera").click()
    expect(page.get_by_role("status")).to_contain_text("rattad.csv har importerats")
    assert Employment.objects.filter(start_date__year=2026).count() == 1


def test_unit_manager_reads_the_unit_and_a_colleague(
    transactional_db, personas, live_server, page, login, assert_accessible
):
    login(page, "enhetschef")
    # The units table under "Dina enheter" (the week's section above names the unit too).
    page.locator("table").get_by_role("link", name="Hemtjänst Norr").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Hemtjänst Norr")
    expect(page.locator("main")).to_contain_text("Bo Provsson")
    assert_accessible(page)
    page.get_by_role("link", name="Alva Testsson").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Alva Testsson")
    assert_accessible(page)


def test_the_language_can_be_switched_to_english(transactional_db, personas, live_server, page, login):
    login(page, "politiker")
    page.get_by_label("Språk").select_option("en")
    page.get_by_role("button", name="Byt").click()
    expect(page.get_by_role("button", name="Log out")).to_be_visible()
    expect(page.locator("html")).to_have_attribute("lang", "en")

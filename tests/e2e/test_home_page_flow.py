"""The area manager's home page in a real browser: the unit that needs support first, its reason
followed to the page behind it, both pages through axe, and the page fits a phone."""

from datetime import date

import pytest
from playwright.sync_api import expect

from kasam.absence.models import SickLeaveMonth, SickLeavePeriod
from kasam.plans.models import HealthPlan

pytestmark = pytest.mark.browser

ROLLING = (date(2025, 11, 1), date(2026, 10, 31))
# unit: (persons, sick leave % in the 12 months before, in the last 12 months)
SICK = {"SOC": (100, 6.0, 6.5), "AO": (38, 7.0, 6.3), "AO-HT1": (30, 8.0, 6.0), "AO-SB1": (8, 6.0, 7.2)}


@pytest.fixture
def stored(personas):
    for unit_id, (persons, before, now) in SICK.items():
        SickLeavePeriod.objects.create(
            unit_id=unit_id, start=ROLLING[0], end=ROLLING[1], kind="rolling12", group="all",
            persons=persons, ordinary_hours=1000.0 * persons, sick_hours=10 * now * persons,
            long_sick_hours=0.0, max_person_sick_hours=10.0, occasions=persons,
            repeated_short_term_persons=0, ha_persons=persons, ha_healthy_0=0, ha_healthy_5=0,
            split_hidden=False, gated_hidden=False,
        )  # fmt: skip
        SickLeaveMonth.objects.bulk_create(
            SickLeaveMonth(
                unit_id=unit_id, month=month, persons=persons, ordinary_hours=100.0 * persons,
                sick_hours=(before if month < ROLLING[0] else now) * persons, long_sick_hours=0.0,
                sick_hours_1_14=0.0, sick_hours_15_59=0.0, sick_hours_60_89=0.0, sick_hours_90_179=0.0,
                sick_hours_180_364=0.0, sick_hours_365=0.0, occasions=1,
            )
            for month in (date(2024 + (10 + i) // 12, (10 + i) % 12 + 1, 1) for i in range(24))
        )  # fmt: skip
    # Hemtjänst Norr has its plan and its sick leave fell: nothing stands out there.
    HealthPlan.objects.create(unit_id="AO-HT1", year=2026, snapshot_taken_on=date(2026, 1, 10))


def test_the_area_manager_follows_the_first_units_reason_to_its_page(
    transactional_db, stored, live_server, new_page, login, assert_accessible
):
    page = new_page(viewport={"width": 390, "height": 844})
    login(page, "omradeschef")
    expect(page.get_by_role("heading", name="Enheter som behöver stöd")).to_be_visible()
    first = page.locator(".support-unit").first
    expect(first.get_by_role("heading", level=3)).to_have_text("Solgården")
    expect(page.locator(".support-unit")).to_have_count(1)
    expect(first.get_by_role("img")).to_have_attribute(
        "aria-label", "Sjukfrånvaro per månad: " + ", ".join(["7,2\u00a0%"] * 12)
    )
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    assert_accessible(page)
    first.get_by_role("link", name="Sjukfrånvaron har ökat 1,2 procentenheter").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Sjukfrånvaro – Solgården")
    expect(page.locator("main")).to_contain_text("7,2\u00a0%")
    assert_accessible(page)

"""The psychosocial safety round in Chromium, as a workplace meeting runs it on the big screen: the
unit manager starts the round, the unit's figures stand beside each area, a risk is rated on the
matrix and made an action of the health plan; the manager and the safety representative sign; the
inspection pack downloads as a PDF holding the risk and the action. axe on the round's pages."""

import subprocess

import pytest
from playwright.sync_api import expect

from kasam.org.models import Role, RoleAssignment
from kasam.sam.models import Risk

pytestmark = pytest.mark.browser


def test_a_manager_and_the_safety_representative_run_the_round_rate_a_risk_and_sign(
    transactional_db, personas, django_user_model, live_server, new_page, login, assert_accessible
):
    representative = django_user_model.objects.create_user(username="skyddsombud", password="test-password-1")
    RoleAssignment.objects.create(user=representative, role=Role.SAFETY_REPRESENTATIVE, unit_id="AO-HT1")

    screen = new_page(viewport={"width": 1920, "height": 1080})  # the big screen at the workplace meeting
    login(screen, "enhetschef")
    screen.goto(live_server.url + "/arbetsmiljo/enheter/AO-HT1/")
    screen.locator('[name="held_on"]').fill("2026-11-24")
    screen.locator('[name="participants"]').fill("Enhetschefen, skyddsombudet och 11 medarbetare")
    screen.get_by_role("button", name="Starta en skyddsrond").click()
    expect(screen.get_by_role("heading", level=1)).to_contain_text(
        "Skyddsrond 24 november 2026 – Hemtjänst Norr"
    )
    expect(screen.locator("#round-answers")).to_contain_text("Puls: Arbetsbelastning")
    assert_accessible(screen)

    screen.locator("#answer-workload-risk").check()
    screen.locator("#note-workload").fill("Morgnarna är för tunga")
    screen.locator("#answer-goals-works_well").check()
    screen.get_by_role("button", name="Spara svaren").click()
    expect(screen.locator(".messages")).to_contain_text("Svaren är sparade")

    form = screen.locator("#risk-form")
    form.get_by_label("Arbetsbelastning och resurser").check()
    form.locator('[name="description"]').fill("För många besök per morgonpass")
    form.get_by_label("Troligt", exact=True).check()
    form.get_by_label("Allvarlig", exact=True).check()
    form.get_by_role("button", name="Bedöm risken").click()
    expect(screen.locator(".sam-risks")).to_contain_text("Hög risk")

    screen.get_by_role("link", name="Gör den till en åtgärd i hälsoplanen").click()
    assert_accessible(screen)
    screen.locator('[name="what"]').fill("Färre besök per morgonpass, fler på eftermiddagen")
    screen.locator('[name="how"]').fill("Vi planerar om morgonturerna tillsammans")
    screen.locator('[name="who"]').fill("Enhetschefen")
    screen.locator('[name="when"]').fill("December")
    screen.locator('[name="follow_up"]').fill("På arbetsplatsträffen i januari")
    screen.get_by_role("button", name="Lägg till åtgärden i hälsoplanen").click()
    expect(screen.locator(".sam-risks")).to_contain_text("En åtgärd i hälsoplanen")
    screen.get_by_role("button", name="Signera som chef").click()
    expect(screen.locator(".messages")).to_contain_text("Ronden är signerad")

    phone = new_page(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    login(phone, "skyddsombud")
    phone.goto(live_server.url + screen.url.replace(live_server.url, ""))
    phone.get_by_role("button", name="Signera som skyddsombud").click()
    expect(phone.locator("#sign-title + ul")).not_to_contain_text("inte signerad än")
    assert Risk.objects.get().representative_signed_by == representative

    with screen.expect_download() as download:
        screen.goto(live_server.url + "/arbetsmiljo/enheter/AO-HT1/")
        screen.locator("#inspection-pack").click()
    text = subprocess.run(
        ["pdftotext", download.value.path(), "-"], capture_output=True, check=True
    ).stdout.decode()
    assert "För många besök per morgonpass" in text and "Färre besök per morgonpass, fler på" in text

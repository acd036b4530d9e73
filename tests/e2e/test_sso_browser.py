"""Single sign-on in a real browser: Chromium presses the organisation's button on Kasam's login page,
passes through the local OpenID Connect provider on loopback (tests/oidc_provider.py) and lands
on the start page, logged in with the person's roles."""

import re

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


def test_a_unit_manager_signs_in_through_the_organisations_account(
    transactional_db, personas, oidc_provider, live_server, page, assert_accessible
):
    manager = personas["enhetschef"]
    manager.email = "chef.norr@example.invalid"
    manager.save(update_fields=["email"])
    oidc_provider.next_identity = {"sub": "idp-chef", "email": "chef.norr@example.invalid"}

    page.goto("/konto/logga-in/")
    # "Testkommunens konto": the fixture's KASAM_OIDC_NAME.
    button = page.get_by_role("button", name=re.compile("Testkommunens konto"))
    expect(button).to_be_visible()
    assert_accessible(page)
    button.click()

    expect(page).to_have_url(f"{live_server.url}/")
    main = page.locator("main")
    expect(main).to_contain_text("Hemtjänst Norr")
    expect(main).not_to_contain_text("Solgården")
    expect(page.get_by_role("button", name="Logga ut")).to_be_visible()
    assert "/authorize" in oidc_provider.paths_requested()
    assert "/token" in oidc_provider.paths_requested()

"""Single sign-on in a real browser: Chromium presses the organisation's button on Kasam's login page,
passes through the local OpenID Connect provider on loopback (tests/accounts/oidc_provider.py) and lands
on the start page, logged in with the person's roles."""

import re
import sys
from pathlib import Path

import pytest
from playwright.sync_api import expect

# The provider lives with the tests of logins; this file may be collected without them.
ACCOUNTS_TESTS = str(Path(__file__).resolve().parents[1] / "accounts")
if ACCOUNTS_TESTS not in sys.path:
    sys.path.append(ACCOUNTS_TESTS)

from oidc_provider import OIDCProvider  # noqa: E402

from kasam.settings import sso_providers  # noqa: E402

pytestmark = pytest.mark.browser

PROVIDER_NAME = "Testkommunens konto"


@pytest.fixture
def oidc_provider(settings, monkeypatch):
    with OIDCProvider() as provider:
        monkeypatch.setenv("KASAM_OIDC_SERVER_URL", provider.issuer)
        monkeypatch.setenv("KASAM_OIDC_NAME", PROVIDER_NAME)
        monkeypatch.setenv("KASAM_OIDC_CLIENT_ID", provider.client_id)
        monkeypatch.setenv("KASAM_OIDC_CLIENT_SECRET", provider.client_secret)
        settings.SOCIALACCOUNT_PROVIDERS = sso_providers()
        yield provider


def test_a_unit_manager_signs_in_through_the_organisations_account(
    transactional_db, personas, oidc_provider, live_server, page, assert_accessible
):
    manager = personas["enhetschef"]
    manager.email = "chef.norr@example.invalid"
    manager.save(update_fields=["email"])
    oidc_provider.next_identity = {"sub": "idp-chef", "email": "chef.norr@example.invalid"}

    page.goto("/konto/logga-in/")
    button = page.get_by_role("button", name=re.compile(PROVIDER_NAME))
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

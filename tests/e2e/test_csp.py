"""The Content Security Policy in a real browser (hardening): the health strategist walks
through the main pages – charts, the facilitator's screen with its script – and a pulse answer page
is opened; Chromium must report no violation of the policy and no script error on any of them."""

from datetime import date, timedelta

import pytest
from playwright.sync_api import expect

from kasam.absence.models import Absence
from kasam.absence.series import refill_series
from kasam.core.security import CONTENT_SECURITY_POLICY
from kasam.pulse import actions, question_bank
from kasam.pulse.models import Programme, Round

pytestmark = pytest.mark.browser

PAGES = [
    "/",
    "/sjukfranvaro/",
    "/sjukfranvaro/enheter/AO-HT1/",
    "/puls/",
    "/medarbetarenkat/",
    "/mal/",
    "/halsoplaner/",
    "/dialoger/",
    "/dialoger/program/kasam-pa-apt/begriplighet/",
    "/dialoger/program/kasam-pa-apt/begriplighet/leda/",
    "/ekonomi/",
    "/ledarskap/",
    "/kolada/",
    "/rapporter/",
    "/utvardering/",
    "/organisation/",
    # Logins: the page asking for a second factor, and allauth's pages setting one up (the security
    # key's page runs allauth's scripts, which read their data from JSON blocks).
    "/konto/andra-faktor-kravs/",
    "/konto/2fa/totp/activate/",
    "/konto/2fa/webauthn/add/",
    "/finns-inte/",
]


@pytest.fixture
def data(transactional_db, personas, settings):
    """Sick leave with stored series (so that pages draw charts) and an open pulse round."""
    settings.KASAM_PULSE_K = 3
    settings.KASAM_TOKEN_KEY = "test-token-key"
    today = date(2026, 11, 25)
    for index in range(6):
        start = today - timedelta(days=15 + 55 * index)
        Absence.objects.create(person_id="P1", start_date=start, end_date=start + timedelta(days=2))
    Absence.objects.create(person_id="P3", start_date=date(2025, 2, 3), end_date=date(2025, 2, 7), extent=50)
    refill_series()
    programme = Programme.objects.create(name="Puls", root_unit_id="SOC")
    round = Round.objects.create(
        programme=programme,
        number=1,
        opens_on=date(2026, 11, 23),
        closes_on=date(2026, 11, 29),
        statement_ids=["beg1", "han1", "men1", question_bank.HEALTH_ID],
    )
    return [f"/svara/{token}/" for _invitation, token in actions.open_round(round)]


def watch(page) -> list[str]:
    """Collects what the browser says about the page: console messages and uncaught script errors."""
    messages = []
    page.on("console", lambda message: messages.append(f"{message.type}: {message.text}"))
    page.on("pageerror", lambda error: messages.append(f"pageerror: {error}"))
    return messages


def violations(messages: list[str]) -> list[str]:
    return [m for m in messages if "Content Security Policy" in m or m.startswith("pageerror")]


def test_no_page_violates_the_content_security_policy(data, live_server, new_page, login):
    page = new_page()
    messages = watch(page)
    login(page, "halsostrateg")
    seen_charts = 0
    for path in PAGES:
        response = page.goto(path)
        assert response.headers["content-security-policy"] == CONTENT_SECURITY_POLICY, path
        page.wait_for_load_state("load")
        seen_charts += page.locator("figure.chart svg").count()
        found = violations(messages)
        assert not found, f"{path}:\n" + "\n".join(found)
    assert seen_charts > 0, "the walk must include pages with server-rendered charts"

    # The facilitator's script (external, allowed) runs: the timer starts and the screens move.
    page.goto("/dialoger/program/kasam-pa-apt/begriplighet/leda/")
    expect(page.locator("#timer-toggle")).to_be_visible()
    page.keyboard.press("ArrowRight")
    expect(page.locator("#step-2")).to_be_visible()
    assert not violations(messages), "\n".join(violations(messages))

    # The check can fail: an inline script put into the page is refused, and the browser says so.
    add_inline_script = (
        "() => { const s = document.createElement('script'); s.textContent = 'window.ran = true'; "
        "document.body.append(s); }"
    )
    with page.expect_console_message(lambda message: "Content Security Policy" in message.text):
        page.evaluate(add_inline_script)
    assert page.evaluate("() => window.ran === undefined")


def test_the_pulse_answer_page_keeps_to_the_policy(data, live_server, new_page):
    page = new_page(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    messages = watch(page)
    response = page.goto(data[0])
    assert response.headers["content-security-policy"] == CONTENT_SECURITY_POLICY
    expect(page.locator("fieldset")).to_have_count(4)
    page.locator("button.pulse-submit").click()  # unanswered: the page comes back with its errors
    page.wait_for_load_state()
    expect(page.locator(".error-summary")).to_be_visible()
    page.goto("/svara/not-a-real-token/")
    assert not violations(messages), "\n".join(violations(messages))


def test_the_admin_keeps_to_the_policy(
    transactional_db, personas, django_user_model, live_server, new_page, login
):
    admin = django_user_model.objects.create_superuser("admin", password="test-password-1")
    page = new_page()
    messages = watch(page)
    login(page, "admin")
    for path in [
        "/admin/",
        "/admin/org/unit/",
        "/admin/org/roleassignment/add/",
        f"/admin/accounts/user/{admin.pk}/change/",
    ]:
        response = page.goto(path)
        assert response.status == 200, path
        page.wait_for_load_state("load")
        found = violations(messages)
        assert not found, f"{path}:\n" + "\n".join(found)

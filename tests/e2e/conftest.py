"""Browser tests: Playwright's sync API driving Debian's Chromium against pytest-django's live server.

Never a browser downloaded by `playwright install`: the tests launch /usr/bin/chromium (or the path in
KASAM_CHROMIUM) and fail, not skip, when it is missing. Fixtures for browser tests:

- `browser`: one headless Chromium per test process (session scope).
- `page`: a fresh browser context per test, Swedish locale, its base URL set to the live server, so
  `page.goto("/konto/logga-in/")` works. `new_page(viewport=..., ...)` makes further pages.
- `login(page, username)`: logs a persona in through the login form.
- `assert_accessible(page)`: runs axe and fails with a readable list of violations.

A browser test requests `transactional_db` (the live server runs in another thread and must see the
test's data) before `personas`/`org`, and is marked `@pytest.mark.browser`.
"""

import contextlib
import os
import re
from pathlib import Path

import pytest

# Playwright's sync API runs an asyncio event loop in the test's thread. Django refuses database access
# while a loop runs there ("You cannot call this from an async context"); the test code is
# synchronous, so the check is switched off for test processes that load this file.
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

CHROMIUM = os.environ.get("KASAM_CHROMIUM") or "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
MISSING_CHROMIUM = "Browser tests need Chromium: sudo apt install chromium"
PASSWORD = "test-password-1"
LOGIN_URL = "/konto/logga-in/"
RESULTS_DIR = Path(__file__).resolve().parents[2] / "test-results"


def pytest_collection_modifyitems(config, items):
    """Run browser tests last in each process: once Playwright has started, an event loop stays
    'running' in the main thread, which would break other tests that call asyncio.run()."""
    browser_tests = [item for item in items if item.get_closest_marker("browser")]
    if browser_tests:
        others = [item for item in items if not item.get_closest_marker("browser")]
        items[:] = others + browser_tests


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_makereport(item, call):
    report = yield
    setattr(item, f"report_{report.when}", report)
    return report


@pytest.fixture(scope="session")
def browser():
    if not os.access(CHROMIUM, os.X_OK):
        pytest.fail(MISSING_CHROMIUM, pytrace=False)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def new_page(browser, live_server, request):
    """Factory for pages, each in its own context (cookies, storage): new_page(viewport={...})."""
    contexts = []

    def make(**context_options):
        options = {"locale": "sv-SE", "base_url": live_server.url, "viewport": {"width": 1280, "height": 900}}
        options.update(context_options)
        context = browser.new_context(**options)
        context.set_default_timeout(10_000)
        context.set_default_navigation_timeout(20_000)
        contexts.append(context)
        return context.new_page()

    yield make

    failed = getattr(request.node, "report_call", None) is not None and request.node.report_call.failed
    for number, context in enumerate(contexts):
        if failed:
            # A screenshot of each page of a failed test, for the developer (and CI artefacts).
            name = re.sub(r"[^A-Za-z0-9_.-]+", "_", request.node.nodeid)
            RESULTS_DIR.mkdir(exist_ok=True)
            for index, open_page in enumerate(context.pages):
                # A screenshot must never hide the real failure.
                with contextlib.suppress(Exception):
                    open_page.screenshot(path=RESULTS_DIR / f"{name}-{number}-{index}.png", full_page=True)
        context.close()


@pytest.fixture
def page(new_page):
    return new_page()


@pytest.fixture
def login():
    """login(page, username): signs in through the login form and waits until the form is gone."""

    def log_in(page, username, password=PASSWORD):
        page.goto(LOGIN_URL)
        page.locator('input[name="login"]').fill(username)
        page.locator('input[name="password"]').fill(password)
        with page.expect_navigation():
            page.get_by_role("button", name="Logga in").click()
        return page

    return log_in


def format_violations(violations: list[dict]) -> str:
    lines = [f"{len(violations)} accessibility violation(s) found by axe:"]
    for violation in violations:
        lines.append(f"- {violation['id']} ({violation.get('impact') or 'no impact'}): {violation['help']}")
        lines.append(f"  {violation.get('helpUrl', '')}")
        for node in violation.get("nodes", []):
            target = ", ".join(str(part) for part in node.get("target", []))
            html = " ".join(node.get("html", "").split())
            if len(html) > 160:
                html = html[:157] + "..."
            lines.append(f"    at {target}: {html}")
    return "\n".join(lines)


def assert_page_accessible(page, *, disable: tuple[str, ...] = ()) -> None:
    """Runs axe-core on the page as it is now; fails listing id, impact, help and the target nodes.
    `disable` names axe rules to skip, which a test must justify in a comment."""
    from axe_playwright_python.sync_playwright import Axe

    page.wait_for_load_state()  # a navigation that has started is finished first
    options = {"resultTypes": ["violations"]}
    if disable:
        options["rules"] = {rule: {"enabled": False} for rule in disable}
    response = Axe().run(page, options=options)
    if response.violations_count > 0:
        pytest.fail(f"{page.url}\n{format_violations(response.response['violations'])}", pytrace=False)


@pytest.fixture(name="assert_accessible")
def assert_accessible_fixture():
    """The accessibility check as a fixture, so that any browser test can use it without imports."""
    return assert_page_accessible

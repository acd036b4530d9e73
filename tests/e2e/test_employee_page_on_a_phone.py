"""The employee page on a 390 px phone: an employee opens the personal link from the results message,
reads the group's results, the next meeting and the plan, answers the open pulse from the button,
installs nothing but finds the page again offline; axe checks every page."""

import re
from datetime import date

import pytest
from playwright.sync_api import expect
from pulse_rounds import add_staff, run_round

from kasam.dialogs.models import PlannedMeeting, Theme
from kasam.org.models import Person, Unit
from kasam.plans.actions import get_or_create_plan
from kasam.plans.models import Activity
from kasam.workplace import links

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}


def no_sideways_scroll(page):
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def test_an_employee_reads_the_workplace_page_on_a_phone_answers_and_reads_it_offline(
    transactional_db, personas, pulse_settings, live_server, new_page, assert_accessible
):
    add_staff()
    run_round(1, date(2026, 11, 2), date(2026, 11, 20))
    run_round(2, date(2026, 11, 23), date(2026, 12, 4), close=False)
    unit = Unit.objects.get(pk="AO-HT1")
    plan, _ = get_or_create_plan(unit, 2026)
    Activity.objects.create(
        plan=plan, what="Promenadmöte varannan vecka", how="Vi går i stället för att sitta.",
        why="Mer rörelse.", who="Alla", when="Från december", follow_up="På APT i februari.",
        follow_up_on=date(2027, 2, 10), status=Activity.Status.ONGOING,
    )  # fmt: skip
    theme = Theme.objects.get(programme__slug="kasam-pa-apt", slug="hanterbarhet")
    PlannedMeeting.objects.create(unit=unit, held_on=date(2026, 12, 2), theme=theme)
    _link, token = links.issue(Person.objects.get(pk="P1"), date(2026, 11, 25))

    page = new_page(viewport=PHONE, is_mobile=True, has_touch=True)
    page.goto(f"/min-arbetsplats/lank/{token}/")
    assert page.url.endswith("/min-arbetsplats/") and token not in page.url
    expect(page.get_by_role("heading", level=1)).to_contain_text("Min arbetsplats")
    results = page.locator("section", has=page.get_by_role("heading", name="Så mår vi: senaste pulsen"))
    expect(results).to_contain_text("Det här är svaren från Hemtjänst Norr.")
    expect(results.get_by_role("row")).to_have_count(5)  # the header and four dimensions
    expect(page.locator("main")).to_contain_text("onsdag 2 december")
    expect(page.locator("main")).to_contain_text(theme.title_sv)
    expect(page.locator("main")).to_contain_text("Promenadmöte varannan vecka")
    assert_accessible(page)
    no_sideways_scroll(page)

    # The service worker takes over; offline, the page is still there.
    assert page.evaluate("async () => (await navigator.serviceWorker.ready).scope").endswith(
        "/min-arbetsplats/"
    )
    page.reload()  # now fetched through the worker, which keeps a copy
    assert page.evaluate("() => navigator.serviceWorker.controller !== null")
    page.wait_for_timeout(300)  # the copy is put in the cache after the response is given
    page.context.set_offline(True)
    page.reload()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Min arbetsplats")
    expect(page.locator("main")).to_contain_text("Promenadmöte varannan vecka")
    page.context.set_offline(False)

    # The open pulse, answered from the button.
    page.get_by_role("button", name="Svara på pulsen").click()
    expect(page).to_have_url(re.compile(r"/svara/[A-Za-z0-9_-]{43}/$"))
    assert_accessible(page)
    for fieldset in page.locator("fieldset").all():
        fieldset.get_by_role("radio").nth(3).check()
    page.locator("button.pulse-submit").click()
    expect(page).to_have_url(re.compile(r"/svara/tack/$"))
    assert_accessible(page)
    no_sideways_scroll(page)

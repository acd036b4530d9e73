"""The cost of sick leave is computed when its data change, not when /ekonomi/ is viewed
(kasam.economy.stored): the refill of the series stores every unit's cost for the latest rolling
12 months, a save of the cost model and a salary import store it again, and a live viewer's page reads
the stored rows of its scope – the same figures as computing the whole organisation.

The organisation: the shared test tree, Hemtjänst Norr (AO-HT1) with 20 staff and Barn och unga
(IFO-BU) with 12, each sick a little, one of them for 40 days (sick days 15–90), and Solrosen (AO-SR),
5 persons under Äldreomsorg."""

from datetime import date

import pytest
from django.urls import reverse
from staff_helpers import sick

from kasam.absence.figures import latest_rolling_period
from kasam.absence.series import refill_series
from kasam.anonymity.viewer import Viewer
from kasam.economy import figures
from kasam.economy.models import CostModel, UnitSickLeaveCost
from kasam.org.models import Unit
from kasam.site.imports import import_file

pytestmark = pytest.mark.django_db


@pytest.fixture
def staffed(staffed):
    """The economy tests' organisation (conftest.py) with one 40-day sick case: days 15–90 too."""
    sick("HT0", date(2026, 9, 1), 40)
    refill_series()
    return staffed


@pytest.fixture
def no_live_costs(monkeypatch):
    """The page may not compute the organisation's costs: only the stored rows."""

    def refuse(*args, **kwargs):
        raise AssertionError("the page computed every unit's cost of sick leave")

    monkeypatch.setattr(figures, "all_costs", refuse)


def every_unit() -> set[str]:
    return set(Unit.objects.values_list("pk", flat=True))


def page_costs(user):
    return figures.sick_leave_costs(Viewer(user))


def test_the_refill_stores_every_units_cost_as_the_whole_computation_gives_it(staffed):
    period = latest_rolling_period()
    expected = figures.all_costs(period)
    assert set(expected) == every_unit()
    assert expected["AO-HT1"].mid_days > 0 and expected["AO-HT1"].short_days > 0
    stored = figures.stored_costs(period, figures.cost_settings(), every_unit())
    assert stored == expected  # exactly: every float as computed
    assert UnitSickLeaveCost.objects.filter(start=period[0], end=period[1]).count() == len(expected)


def test_a_live_viewer_reads_the_stored_rows_of_its_scope_only(staffed, monkeypatch):
    expected = figures.all_costs(latest_rolling_period())
    with monkeypatch.context() as patch:
        patch.setattr(figures, "all_costs", lambda *a, **k: pytest.fail("computed live"))
        hr, manager = page_costs(staffed["hr"]), page_costs(staffed["enhetschef"])
    assert hr.costs == expected and hr.hidden == 0
    assert manager.costs == {unit: expected[unit] for unit in ("AO-HT1", "AO-HT1-A")}
    assert manager.period == latest_rolling_period()


def test_the_page_shows_the_stored_figures(client, staffed, no_live_costs):
    client.force_login(staffed["hr"])
    response = client.get(reverse("economy:overview"))
    assert response.status_code == 200
    assert response.context["sick_costs"].costs.keys() == every_unit()


def test_a_new_cost_model_is_stored_and_shown_at_once(client, staffed):
    before = page_costs(staffed["hr"]).costs
    client.force_login(staffed["hr"])
    url = reverse("economy:cost-model")
    client.post(url, {"short_factor_pct": "20", "mid_factor_pct": "5", "default_salary_sek": "36000"})
    expected = figures.all_costs(latest_rolling_period())
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(figures, "all_costs", lambda *a, **k: pytest.fail("computed live"))
        after = page_costs(staffed["hr"])
    assert after.settings.short_factor == pytest.approx(0.2)
    assert after.costs == expected
    # Doubled factors and a higher default salary: more than double the cost.
    assert after.costs["AO-HT1"].cost > 2 * before["AO-HT1"].cost
    assert UnitSickLeaveCost.objects.exclude(short_factor=after.settings.short_factor).count() == 0


def test_a_salary_import_is_stored_and_shown_at_once(staffed, no_live_costs):
    before = page_costs(staffed["hr"]).costs
    result = import_file("salaries", b"unit_id,monthly_salary_sek\nAO-HT1,40000\n", "salaries.csv")
    assert not result.errors and result.created == 1
    after = page_costs(staffed["hr"]).costs
    assert after["AO-HT1"].salary == 40000
    assert after["AO-HT1"].cost == pytest.approx(before["AO-HT1"].cost * 40000 / 34000)
    assert after["IFO-BU"] == before["IFO-BU"]
    # AO covers AO-HT1 at its new salary: its cost rose by AO-HT1's rise.
    rise = after["AO-HT1"].cost - before["AO-HT1"].cost
    assert after["AO"].cost - before["AO"].cost == pytest.approx(rise)


def test_a_cost_model_changed_elsewhere_is_computed_live_not_read_stale(staffed):
    """A model saved outside the page's form (the admin, a script) leaves rows of the old model:
    they are not read, and the page computes with the current one."""
    CostModel.objects.create(short_factor_pct=20, mid_factor_pct=5, default_salary_sek=34000)
    shown = page_costs(staffed["hr"])
    assert shown.costs == figures.all_costs(latest_rolling_period())
    assert shown.costs["IFO-BU"].cost_short == pytest.approx(
        2 * UnitSickLeaveCost.objects.get(unit_id="IFO-BU").cost_short
    )


def test_the_refill_writes_the_costs_in_its_own_transaction(staffed, monkeypatch):
    """A failing cost step fails the refill, and the stored costs stay those of the last one."""
    from kasam.absence import series
    from kasam.absence.models import SeriesRefill

    kept = figures.stored_costs(latest_rolling_period(), figures.cost_settings(), every_unit())

    def broken():
        raise RuntimeError("broken cost step")

    monkeypatch.setattr(series, "AFTER_REFILL", [*series.AFTER_REFILL, broken])
    sick("BU0", date(2026, 3, 20), 10)
    with pytest.raises(RuntimeError):
        refill_series()
    assert SeriesRefill.objects.order_by("-id").first().status == SeriesRefill.Status.FAILED
    assert figures.stored_costs(latest_rolling_period(), figures.cost_settings(), every_unit()) == kept


def test_the_pages_costs_are_kept_until_their_data_change_in_every_worker(client, staffed, monkeypatch):
    """/ekonomi/ keeps a live viewer's costs (kasam.core.generations) until a salary import, a refill
    or a new cost model – also one saved outside the page's form – and then shows the new ones in
    every worker."""
    from kasam.core import generations

    client.force_login(staffed["hr"])
    computed = []
    costs = figures.sick_leave_costs
    monkeypatch.setattr(figures, "sick_leave_costs", lambda viewer: computed.append(1) or costs(viewer))

    def shown() -> float:
        return client.get(reverse("economy:overview")).context["sick_costs"].costs["AO-HT1"].cost

    workers = [type(generations._held)(), type(generations._held)()]
    views = []
    for held in workers:
        monkeypatch.setattr(generations, "_held", held)
        views += [shown(), shown()]
    assert len(set(views)) == 1 and len(computed) == 1  # once for both workers
    before = views[0]
    import_file("salaries", b"unit_id,monthly_salary_sek\nAO-HT1,40000\n", "salaries.csv")
    raised = []
    for held in workers:
        monkeypatch.setattr(generations, "_held", held)
        raised.append(shown())
    assert raised[0] == raised[1] == pytest.approx(before * 40000 / 34000)
    CostModel.objects.create(short_factor_pct=20, mid_factor_pct=5, default_salary_sek=34000)
    for held in workers:
        monkeypatch.setattr(generations, "_held", held)
        assert shown() > 1.5 * raised[0]

"""The actual figures of targets: read as the sick-leave pages, the pulse and the survey read them, and
the committee sees sick leave only from releases, as on the sick-leave pages."""

from datetime import date

import pytest
from target_data import (
    AUGUST,
    COMMITTEE_HIDDEN,
    SICK_LEAVE,
    add_pulse_rounds,
    add_sick_leave_releases,
    add_sick_leave_series,
)

from kasam.absence import figures
from kasam.absence.models import SickLeavePeriod
from kasam.anonymity.viewer import Viewer
from kasam.metrics import targets as arithmetic
from kasam.org.models import Unit
from kasam.targets.figures import Actuals, survey_series

OCTOBER = date(2026, 10, 1)
DECEMBER = date(2025, 12, 1)


@pytest.fixture
def series(org):
    add_sick_leave_series()


def units(*ids):
    return [Unit.objects.get(pk=unit_id) for unit_id in ids]


def test_sick_leave_points_are_the_complete_years_and_the_rolling_12_months(personas, series):
    points = Actuals(Viewer(personas["halsostrateg"])).points("sick_leave", "", units("SOC", "AO-HT1"), 2025)
    assert points["SOC"] == [(DECEMBER, pytest.approx(9.3)), (OCTOBER, pytest.approx(8.9))]
    assert points["AO-HT1"] == [(DECEMBER, pytest.approx(10.0)), (OCTOBER, pytest.approx(9.6))]
    # The figure is the one the sick-leave pages show for the period (PeriodFigure.of).
    row = figures.period_rows(*figures.latest_rolling_period(), unit_ids=["SOC"])["SOC"]
    assert points["SOC"][-1][1] == figures.PeriodFigure.of(row).sick_leave_pct


def test_the_monthly_chart_line_meets_the_stored_periods(personas, series):
    actuals = Actuals(Viewer(personas["halsostrateg"]))
    [soc] = units("SOC")
    monthly = dict(actuals.chart_points("sick_leave", "", soc, 2025))
    assert min(monthly) == date(2025, 1, 1) and max(monthly) == OCTOBER  # complete months only
    assert monthly[DECEMBER] == pytest.approx(9.3)  # the rolling 12 months at December = the year
    assert monthly[OCTOBER] == pytest.approx(8.9)  # = the stored rolling period
    long_term = dict(actuals.chart_points("long_term_share", "", soc, 2025))
    assert long_term[OCTOBER] == pytest.approx(40.0)
    assert dict(actuals.points("long_term_share", "", [soc], 2025)["SOC"])[OCTOBER] == pytest.approx(40.0)


def test_healthy_attendance_has_the_stored_periods_only(personas, series):
    [soc] = units("SOC")
    points = Actuals(Viewer(personas["halsostrateg"])).chart_points("healthy_attendance", "", soc, 2025)
    assert points == [(DECEMBER, 25.0), (OCTOBER, 25.0)]  # 25 of 100 persons without a sick day


def test_the_committee_sees_sick_leave_only_from_releases(personas, series):
    add_sick_leave_releases()
    committee = Actuals(Viewer(personas["politiker"]))
    strategist = Actuals(Viewer(personas["halsostrateg"]))
    all_units = units(*SICK_LEAVE)
    gated = committee.points("sick_leave", "", all_units, 2025)
    for unit_id, (_persons, year, rolling) in SICK_LEAVE.items():
        if unit_id in COMMITTEE_HIDDEN:  # not in the releases
            assert gated[unit_id] == [(DECEMBER, None), (AUGUST, None)]
        else:  # the year 2025, then the latest release (January–August 2026) as the latest figure
            assert gated[unit_id] == [(DECEMBER, pytest.approx(year)), (AUGUST, pytest.approx(rolling + 0.5))]
    # The strategist sees every unit live.
    assert dict(strategist.points("sick_leave", "", all_units, 2025)["AO-SB1"])[OCTOBER] == pytest.approx(7.0)


def test_a_live_change_does_not_reach_the_committees_targets(personas, series):
    add_sick_leave_releases()
    before = Actuals(Viewer(personas["politiker"])).points("sick_leave", "", units("IFO-BU"), 2025)
    SickLeavePeriod.objects.filter(unit_id="IFO-BU").update(sick_hours=0.0)
    assert Actuals(Viewer(personas["politiker"])).points("sick_leave", "", units("IFO-BU"), 2025) == before
    assert (
        dict(Actuals(Viewer(personas["hr"])).points("sick_leave", "", units("IFO-BU"), 2025)["IFO-BU"])[
            OCTOBER
        ]
        == 0
    )


def test_the_committee_gets_no_monthly_series_and_nothing_before_a_release(personas, series):
    [soc] = units("SOC")
    committee = Actuals(Viewer(personas["politiker"]))
    assert committee.gated(soc)
    assert committee.chart_points("sick_leave", "", soc, 2025) == []
    add_sick_leave_releases()
    assert Actuals(Viewer(personas["politiker"])).chart_points("sick_leave", "", soc, 2025) == [
        (DECEMBER, pytest.approx(9.3)),
        (AUGUST, pytest.approx(9.4)),
    ]


def test_a_unit_outside_the_viewers_sick_leave_scope_has_no_points(personas, series):
    points = Actuals(Viewer(personas["enhetschef"])).points("sick_leave", "", units("AO-HT1", "IFO-BU"), 2025)
    assert points["AO-HT1"] and points["IFO-BU"] == []


def test_pulse_points_are_the_rolling_mean_of_the_shown_rounds(personas, org):
    add_pulse_rounds()
    actuals = Actuals(Viewer(personas["halsostrateg"]))
    many = actuals.points("good_health", "", units("SOC", "AO-HT1", "AO-SB1", "IFO-BU"), 2025)
    assert many["SOC"] == [(DECEMBER, 50.0), (OCTOBER, 62.5)]  # 50 %, then (50 + 75) / 2
    assert many["AO-HT1"] == [(DECEMBER, 50.0), (OCTOBER, pytest.approx((50 + 500 / 6) / 2))]
    assert many["AO-SB1"] == [(DECEMBER, None), (OCTOBER, None)]  # never shown
    # One unit is read through results.node_history: the same figures.
    one = Actuals(Viewer(personas["halsostrateg"])).points("good_health", "", units("SOC"), 2025)
    assert one["SOC"] == many["SOC"]
    assert arithmetic.base_of(many["SOC"], 2025, date(2026, 11, 25)) == 50.0


def test_a_pulse_index_is_read_for_its_dimension(personas, org):
    add_pulse_rounds()
    points = Actuals(Viewer(personas["halsostrateg"])).points("pulse_index", "halsa", units("SOC"), 2025)
    # Health answers of 4 score 75 and of 2 score 25: 50 % good → 50, 75 % good → 62.5; mean 56.25.
    assert points["SOC"] == [(DECEMBER, 50.0), (OCTOBER, 56.25)]
    assert Actuals(Viewer(personas["halsostrateg"])).points(
        "pulse_index", "begriplighet", units("SOC"), 2025
    )["SOC"] == [(DECEMBER, None), (OCTOBER, None)]


def test_the_survey_series_goes_through_the_surveys_gate(org):
    survey_metrics = pytest.importorskip("kasam.metrics.survey")
    if not hasattr(survey_metrics, "tree_results"):
        pytest.skip("kasam.metrics.survey has no tree_results yet")
    from kasam.survey.actions import frozen_tree, store_pooled
    from kasam.survey.models import Survey

    def add_survey(year, rows):
        """Stored as an import stores it: pooled into groups of at least k on today's tree."""
        survey = Survey.objects.create(
            name="Medarbetarenkät",
            year=year,
            source=Survey.Source.DISTRIBUTIONS,
            filename=f"{year}.csv",
            file_sha256=str(year) * 16,
        )
        cells = {
            unit_id: {"K": (respondents, {item: {value: respondents} for item in ("nmi1", "nmi2", "nmi3")})}
            for unit_id, respondents, value in rows
        }
        tree = frozen_tree()
        store_pooled(survey, tree, survey_metrics.pool_cells(tree, cells, survey.k), {})

    add_survey(2025, [("AO-HT1", 6, 8), ("IFO-BU", 6, 10)])
    # In 2026 AO-SB1's 2 respondents are pooled up to the root, which takes the smallest group below
    # it (AO-HT1's 6, tie with IFO-BU by id): AO-HT1 holds nothing of its own and shows nothing.
    add_survey(2026, [("AO-HT1", 6, 9), ("IFO-BU", 6, 10), ("AO-SB1", 2, 1)])
    [ht1, bu] = units("AO-HT1", "IFO-BU")
    assert survey_series("nmi", ht1) == [
        (date(2025, 12, 1), pytest.approx(77.78, abs=0.01)),
        (date(2026, 12, 1), None),
    ]
    assert survey_series("nmi", bu) == [(date(2025, 12, 1), 100.0), (date(2026, 12, 1), 100.0)]
    assert survey_series("hme", ht1) == [(date(2025, 12, 1), None), (date(2026, 12, 1), None)]  # not asked


def test_the_stored_periods_are_read_once_per_refill_as_year_by_year(
    series, django_assert_num_queries, django_assert_max_num_queries
):
    from kasam.targets.figures import stored_periods

    expected = {
        year: figures.year_period(year)
        for year in figures.stored_years()
        if figures.year_period(year) == (date(year, 1, 1), date(year, 12, 31))
    }
    with django_assert_max_num_queries(4):  # the periods, the rolling one and their generations
        years, rolling = stored_periods()
    with django_assert_num_queries(1):  # then only whether a refill has run since
        assert stored_periods() == (years, rolling)
    assert years == expected and years
    # The current year, stored up to the refill's last day, is not a complete year.
    assert set(figures.stored_years()) - set(years)
    assert rolling == figures.latest_rolling_period()


def test_the_closed_rounds_are_read_once_per_request(personas, org):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    add_pulse_rounds()
    actuals = Actuals(Viewer(personas["halsostrateg"]))
    first = actuals.points("good_health", "", units("SOC"), 2025)
    with CaptureQueriesContext(connection) as queries:
        again = actuals.points("good_health", "", units("SOC"), 2025)
    assert again == first
    assert not [q for q in queries.captured_queries if 'FROM "pulse_round"' in q["sql"]]


def test_many_units_pulse_points_are_read_once_until_the_pulse_changes(personas, org, monkeypatch):
    from kasam.core import generations
    from kasam.pulse import results

    add_pulse_rounds()
    read = []
    load_round = results.load_round
    monkeypatch.setattr(
        results, "load_round", lambda *args, **kwargs: read.append(1) or load_round(*args, **kwargs)
    )

    def points():
        actuals = Actuals(Viewer(personas["halsostrateg"]))
        return actuals.points("good_health", "", units("SOC", "AO-HT1", "AO-SB1", "IFO-BU"), 2025)

    first = points()
    assert len(read) == 2  # the two closed rounds
    assert points() == first and len(read) == 2  # another request, the same scope: kept
    generations.bump("pulse")  # what opening, closing or retention does
    assert points() == first and len(read) == 4

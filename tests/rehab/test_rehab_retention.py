"""The retention of rehabilitation cases (kasam.gdpr.retention, class "rehab_cases"): a case closed more
than KASAM_RETENTION_MONTHS["rehab_cases"] months ago (24 by default) goes with everything under it;
a case closed later and every open case stay. tests/conftest.py fixes today at 2026-11-25."""

import json
from datetime import date, timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from rehab_rows import UNDER_CASE, case_with_everything

from kasam.audit.models import AuditEntry
from kasam.gdpr import retention
from kasam.rehab.models import Adjustment, Case, Delegation, Meeting, ReturnPlan, StepDone

CUTOFF = date(2024, 11, 25)  # 24 months before today: closed before it goes, closed on it stays
DAY = timedelta(days=1)


@pytest.fixture
def cases(personas):
    chef, area = personas["enhetschef"], personas["omradeschef"]
    return {
        "closed_25_months_ago": case_with_everything(
            "P1", date(2024, 8, 1), date(2024, 10, 25), by=chef, delegate=area
        ),
        "closed_the_day_before": case_with_everything("P2", date(2024, 9, 1), CUTOFF - DAY, by=chef),
        "closed_on_the_cutoff": case_with_everything("P2", date(2024, 10, 1), CUTOFF, by=chef),
        "closed_23_months_ago": case_with_everything("P1", date(2024, 11, 1), date(2024, 12, 25), by=chef),
        "open_since_2020": case_with_everything("P5", date(2020, 3, 2), None, by=chef, delegate=area),
        "open_now": case_with_everything("P3", date(2026, 11, 2), None, unit_id="AO-SB1", by=chef),
    }  # fmt: skip


def left() -> set[int]:
    return set(Case.objects.values_list("pk", flat=True))


def test_a_case_closed_past_retention_goes_with_everything_under_it(cases):
    gone = {cases["closed_25_months_ago"].pk, cases["closed_the_day_before"].pk}
    assert retention.anything_past_retention()

    result = retention.purge()

    assert left() == {case.pk for case in cases.values()} - gone
    for model in (StepDone, Meeting, Adjustment, ReturnPlan, Delegation):
        assert not model.objects.filter(case_id__in=gone).exists(), model
        assert model.objects.exclude(case_id__in=gone).exists() or model is Delegation
    assert Delegation.objects.filter(case=cases["open_since_2020"]).exists()
    found = result.as_json()["classes"]["rehab_cases"]
    assert found["months"] == 24 and found["cutoff"] == "2024-11-25"
    assert found["deleted"] == {
        "rehab.Case": 2,
        "rehab.StepDone": 2,
        "rehab.Meeting": 2,
        "rehab.Adjustment": 2,
        "rehab.ReturnPlan": 2,
        "rehab.Delegation": 1,
    }
    assert found["total"] == 11 and result.counts()["rehab_cases"] == 11
    written = AuditEntry.objects.get(action=AuditEntry.Action.RETENTION_PURGE)
    assert written.detail["counts"]["rehab_cases"] == 11
    assert written.detail["cutoffs"]["rehab_cases"] == "2024-11-25"
    assert not retention.anything_past_retention()


def test_open_cases_are_never_purged(cases, settings):
    settings.KASAM_RETENTION_MONTHS = {**settings.KASAM_RETENTION_MONTHS, "rehab_cases": 1}
    retention.purge()
    assert left() == {cases["open_since_2020"].pk, cases["open_now"].pk}


def test_a_case_that_may_still_reopen_is_kept(personas, settings):
    """A case closed by itself 60 days ago may still reopen (kasam.rehab.cases.REOPEN_DAYS): even with
    one month of retention it stays until 90 days have passed."""
    settings.KASAM_RETENTION_MONTHS = {**settings.KASAM_RETENTION_MONTHS, "rehab_cases": 1}
    recent = case_with_everything("P1", date(2026, 8, 3), date(2026, 11, 25) - 60 * DAY)
    older = case_with_everything("P2", date(2026, 6, 1), date(2026, 11, 25) - 91 * DAY)
    retention.purge()
    assert left() == {recent.pk}
    assert older.pk not in left()


def test_a_dry_run_counts_and_deletes_nothing(cases):
    before = left()
    dry = retention.purge(dry_run=True)
    assert left() == before
    assert dry.as_json()["classes"]["rehab_cases"]["deleted"]["rehab.Case"] == 2
    assert dry.counts()["rehab_cases"] == retention.purge().counts()["rehab_cases"] == 11


def test_zero_months_keeps_every_case(cases, settings):
    settings.KASAM_RETENTION_MONTHS = {**settings.KASAM_RETENTION_MONTHS, "rehab_cases": 0}
    result = retention.purge()
    assert left() == {case.pk for case in cases.values()}
    assert "closed rehabilitation cases kept" in result.summary()


def test_the_command_names_the_class_in_json_and_in_its_line(cases):
    out = StringIO()
    call_command("gdpr", "purge", "--format", "json", stdout=out)
    found = json.loads(out.getvalue())["classes"]["rehab_cases"]
    assert found["total"] == 11 and set(found["deleted"]) == {"rehab.Case", *UNDER_CASE}
    out = StringIO()
    call_command("gdpr", "purge", stdout=out)
    assert out.getvalue().strip().endswith("closed rehabilitation cases 0.")

"""The retention job (kasam.gdpr.retention): it deletes exactly what is past retention – rows on both
sides of every cutoff, the boundaries included – and no aggregate changes: the stored sick-leave
series and the closed rounds' frozen counts and shown units are the same after it, and a refill
afterwards gives the same series."""

import json
from datetime import date, datetime, timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import models
from django.utils import timezone

from kasam.absence.models import Absence, SickLeaveMonth, SickLeavePeriod
from kasam.absence.series import refill_series
from kasam.audit.models import AuditEntry, record
from kasam.gdpr import retention
from kasam.gdpr.horizons import absence_floor
from kasam.gdpr.models import Horizon, PurgeRun
from kasam.gdpr.tasks import is_purge_due
from kasam.org.models import Unit
from kasam.pulse import actions, results
from kasam.pulse.models import Answer, FreeText, Invitation, Participation, Programme, Round, Submission
from kasam.reports.models import Report

# tests/conftest.py fixes today at 2026-11-25. With the default retention the cutoffs are:
PULSE_ANSWERS = date(2023, 11, 25)  # 36 months
PULSE_SHORT = date(2025, 11, 25)  # free text, invitations and participations: 12 months
ABSENCES = date(2021, 1, 1)  # 60 months back is 2021-11-25: 1 January of that year
AUDIT = date(2021, 11, 25)  # 60 months
REPORTS = date(2024, 11, 25)  # 24 months
REHAB_CASES = date(2024, 11, 25)  # 24 months from the closing (tests/rehab/test_rehab_retention.py)
DAY = timedelta(days=1)


def local(day: date, hour: int = 0, minute: int = 0) -> datetime:
    return timezone.make_aware(datetime(day.year, day.month, day.day, hour, minute))


# ------------------------------------------------------------------------------------- cutoffs


def test_the_cutoffs_follow_the_settings(settings):
    assert retention.cutoffs(date(2026, 11, 25)) == {
        "pulse_answers": PULSE_ANSWERS,
        "pulse_free_text": PULSE_SHORT,
        "pulse_participation": PULSE_SHORT,
        "absences": ABSENCES,
        "audit_log": AUDIT,
        "reports": REPORTS,
        "rehab_cases": REHAB_CASES,
    }
    # A case closed by itself in the last 90 days may still reopen: never deleted before then.
    assert retention.rehab_cutoff(date(2026, 11, 25), 1) == date(2026, 8, 27)
    assert retention.months_before(date(2026, 3, 31), 1) == date(2026, 2, 28)
    assert retention.months_before(date(2024, 2, 29), 12) == date(2023, 2, 28)
    # The whole of last year is always kept (the rolling 12 months, last year's annual report).
    assert retention.absence_cutoff(date(2026, 11, 25), 6) == date(2025, 1, 1)
    assert retention.absence_cutoff(date(2026, 1, 1), 12) == date(2025, 1, 1)
    settings.KASAM_RETENTION_MONTHS = {**settings.KASAM_RETENTION_MONTHS, "audit_log": 0}
    assert retention.cutoffs(date(2026, 11, 25))["audit_log"] is None


# --------------------------------------------------------------------------------- the data


def make_round(number: int, closes_on: date, status=Round.Status.CLOSED, counts=True) -> Round:
    """A round over AO with the given close, its frozen decisions, and rows of every pulse table."""
    programme = Programme.objects.first() or Programme.objects.create(name="Puls", root_unit_id="SOC")
    tree = {"AO": None, "AO-HT1": "AO", "AO-HT1-A": "AO-HT1", "AO-SB1": "AO"}
    round = Round.objects.create(
        programme=programme, number=number, opens_on=closes_on - 7 * DAY, closes_on=closes_on,
        status=status, statement_ids=["beg1", "han1"], k=3, tree=tree,
        shown_nodes=["AO", "AO-HT1"] if status == Round.Status.CLOSED else None,
    )  # fmt: skip
    for n, person in enumerate(["P1", "P2", "P3"]):
        node = "AO-HT1" if person != "P3" else "AO-SB1"
        Invitation.objects.create(round=round, person_id=person, reporting_node=node)
        if person != "P3":
            Participation.objects.create(
                round=round, person_id=person, answered_on=closes_on - DAY,
                link_hash=f"link-{number}-{n}", idempotency_hash=f"idem-{number}-{n}",
            )  # fmt: skip
    for value in (3, 4, 5):
        for statement in round.statement_ids:
            Answer.objects.create(round=round, reporting_node="AO-HT1", statement_id=statement, value=value)
    FreeText.objects.create(round=round, reporting_node="AO-HT1", text=f"Kommentar {number}")
    if status != Round.Status.CLOSED:
        return round
    # A buffered submission left behind (a flush that never ran): it goes with the answers.
    Submission.objects.create(
        round=round, reporting_node="AO-HT1", sealed_payload="x", idempotency_hash=f"buffer-{number}"
    )
    if counts:
        round.counts = actions.frozen_counts(round)
        round.save(update_fields=["counts"])
    return round


# (person, start, end, kind): which records go, and why.
GONE = [
    ("P1", date(2020, 1, 13), date(2020, 1, 17), "sjuk"),  # the history's first month
    ("P3", date(2020, 12, 31), date(2020, 12, 31), "sjuk"),  # ends the day before the cutoff
    ("P3", date(2020, 7, 1), date(2020, 7, 20), "semester"),  # another kind, ended before it
    ("P5", date(2020, 12, 22), date(2020, 12, 24), "sjuk"),  # its case ends before the cutoff …
]
KEPT = [
    ("P5", date(2020, 12, 30), date(2021, 1, 4), "sjuk"),  # … while this one (6 days later) is another
    ("P2", date(2020, 12, 20), date(2020, 12, 28), "sjuk"),  # ended before the cutoff, but its case
    ("P2", date(2021, 1, 2), date(2021, 1, 10), "Sjuk"),  # goes on after it (5 days: re-sickness)
    ("P4", date(2021, 1, 1), date(2021, 1, 3), "sjuk"),  # starts on the cutoff
    ("P4", date(2020, 12, 28), date(2021, 1, 5), "semester"),  # ends after the cutoff
    ("P1", date(2024, 3, 4), date(2024, 3, 8), "sjuk"),
    ("P2", date(2026, 2, 2), date(2026, 4, 30), "sjuk"),
    ("P4", date(2025, 10, 6), date(2025, 10, 7), "sjuk"),
]


@pytest.fixture
def data(org):
    for person, start, end, kind in GONE + KEPT:
        Absence.objects.create(person_id=person, start_date=start, end_date=end, extent=100, kind=kind)
    rounds = {
        "answers_gone": make_round(1, PULSE_ANSWERS - DAY),
        "answers_kept": make_round(2, PULSE_ANSWERS),
        "short_gone": make_round(3, PULSE_SHORT - DAY),
        "short_gone_unfrozen": make_round(4, PULSE_SHORT - 2 * DAY, counts=False),
        "short_kept": make_round(5, PULSE_SHORT),
        "open_old": make_round(6, date(2020, 5, 1), status=Round.Status.OPEN),
    }
    entries = {
        "gone": record(None, AuditEntry.Action.VIEW_EARLY_SIGNALS, "AO-HT1"),
        "kept": record(None, AuditEntry.Action.VIEW_EARLY_SIGNALS, "AO-HT1"),
    }
    for entry, moment in ((entries["gone"], local(AUDIT - DAY, 23, 59)), (entries["kept"], local(AUDIT))):
        models.QuerySet(AuditEntry).filter(pk=entry.pk).update(at=moment)
    reports = {}
    for name, moment in (("gone", local(REPORTS - DAY, 23, 59)), ("kept", local(REPORTS))):
        reports[name] = Report.objects.create(
            kind="annual", year=2023, format="pdf", status="done", content=b"x"
        )
        Report.objects.filter(pk=reports[name].pk).update(requested_at=moment)
    return {"rounds": rounds, "entries": entries, "reports": reports}


def series() -> tuple[list, list]:
    months = SickLeaveMonth.objects.order_by("unit_id", "month").values_list(
        "unit_id", "month", *[f.name for f in SickLeaveMonth._meta.concrete_fields[3:]]
    )
    periods = SickLeavePeriod.objects.order_by("unit_id", "start", "end", "group").values_list(
        "unit_id",
        "start",
        "end",
        "kind",
        "group",
        *[f.name for f in SickLeavePeriod._meta.concrete_fields[6:]],
    )
    return list(months), list(periods)


def assert_same_series(found: tuple[list, list], expected: tuple[list, list]) -> None:
    """Equal rows, floats within rounding (a refill may sum in another order)."""
    for rows, others in zip(found, expected, strict=True):
        assert len(rows) == len(others)
        for row, other in zip(rows, others, strict=True):
            assert [pytest.approx(v) if isinstance(v, float) else v for v in row] == list(other)


def round_state() -> dict:
    return {
        r.pk: (r.status, r.shown_nodes, r.counts, r.k, r.tree)
        for r in Round.objects.order_by("pk")
        if r.status == Round.Status.CLOSED
    }


def rates(round: Round) -> dict:
    """What a round shows: response rates, shown units, and every figure of every shown unit."""
    loaded = results.load_round(Round.objects.get(pk=round.pk))
    figures = {node: (loaded.release.results.get(node), loaded.item_scores(node)) for node in loaded.tree}
    return {node: loaded.response_rate(node) for node in loaded.tree} | {
        "shown": loaded.release.shown,
        "figures": figures,
    }


def absences() -> set[tuple]:
    return set(Absence.objects.values_list("person_id", "start_date", "end_date", "kind"))


# ------------------------------------------------------------------------------------- purge


def test_it_deletes_exactly_what_is_past_retention(data):
    rounds, entries, reports = data["rounds"], data["entries"], data["reports"]
    result = retention.purge()

    assert absences() == set(KEPT)
    assert Horizon.objects.get(data_class="absences").cutoff == ABSENCES == absence_floor()

    def left(model) -> set[int]:
        return set(model.objects.values_list("round_id", flat=True))

    everything = {r.pk for r in rounds.values()}
    answers_gone = {rounds["answers_gone"].pk}
    short_gone = answers_gone | {
        rounds[name].pk for name in ("answers_kept", "short_gone", "short_gone_unfrozen")
    }
    assert left(Answer) == everything - answers_gone
    assert left(Submission) == everything - answers_gone - {rounds["open_old"].pk}
    assert left(FreeText) == left(Invitation) == left(Participation) == everything - short_gone
    assert rounds["open_old"].pk in left(Answer)  # a round that is not closed keeps everything

    assert set(AuditEntry.objects.filter(action="view_early_signals").values_list("pk", flat=True)) == {
        entries["kept"].pk
    }
    assert set(Report.objects.values_list("pk", flat=True)) == {reports["kept"].pk}

    assert result.counts() == {
        "pulse_answers": 6 + 1,
        "pulse_free_text": 4,
        "pulse_participation": 4 * 3 + 4 * 2,
        "absences": len(GONE),
        "audit_log": 1,
        "reports": 1,
        "rehab_cases": 0,
    }
    assert result.as_json()["classes"]["pulse_answers"]["deleted"] == {
        "pulse.Answer": 6,
        "pulse.Submission": 1,
    }
    # One entry says what was deleted, by the system.
    written = AuditEntry.objects.get(action=AuditEntry.Action.RETENTION_PURGE)
    assert written.username == "system" and written.detail["counts"] == result.counts()
    assert written.detail["cutoffs"]["absences"] == "2021-01-01"


def test_a_dry_run_counts_the_same_and_deletes_nothing(data):
    before = (absences(), Answer.objects.count(), AuditEntry.objects.count(), Report.objects.count())
    dry = retention.purge(dry_run=True)
    assert (absences(), Answer.objects.count(), AuditEntry.objects.count(), Report.objects.count()) == before
    assert not Horizon.objects.exists()
    assert dry.counts() == retention.purge().counts()


def test_no_aggregate_changes(data):
    refill_series()
    stored = series()
    rounds = round_state()
    unfrozen = data["rounds"]["short_gone_unfrozen"]
    shown_rates = {name: rates(r) for name, r in data["rounds"].items() if name != "open_old"}
    would_be_frozen = actions.frozen_counts(unfrozen)
    assert stored[0] and stored[0][0][1] == date(2020, 1, 1)  # the history starts in January 2020

    retention.purge()

    # The stored rows are those before (the job refilled once on the complete records first) …
    assert_same_series(series(), stored)
    # … and so is a refill on what is left, of everything and from a month after the cutoff.
    refill_series()
    assert_same_series(series(), stored)
    refill_series(date(2021, 1, 1))
    assert_same_series(series(), stored)

    # Closed rounds: the same shown units and counts; the one not frozen at close is frozen now, with
    # the counts its deleted invitations gave; response rates and shown units read the same.
    after = round_state()
    assert after.pop(unfrozen.pk)[2] == would_be_frozen
    rounds.pop(unfrozen.pk)
    assert after == rounds
    assert {name: rates(r) for name, r in data["rounds"].items() if name != "open_old"} == shown_rates
    # The round whose raw answers went shows the same figures from the counts it kept (not from nothing).
    gone = Round.objects.get(pk=data["rounds"]["answers_gone"].pk)
    assert gone.answer_counts and not gone.answers.exists()
    assert shown_rates["answers_gone"]["figures"]["AO-HT1"][0] is not None


def test_without_the_floor_a_refill_would_change_the_series(data):
    """The guard is needed: the months before the cutoff cannot be computed from what is left."""
    refill_series()
    stored = series()
    retention.purge()
    Horizon.objects.all().delete()
    refill_series()
    assert series()[0] != stored[0]
    assert not SickLeaveMonth.objects.filter(month__lt=ABSENCES).exists()


def test_a_later_purge_moves_the_floor_on_and_keeps_the_series(data, settings):
    refill_series()
    retention.purge()
    stored = series()
    settings.KASAM_RETENTION_MONTHS = {**settings.KASAM_RETENTION_MONTHS, "absences": 24}  # → 2024-01-01
    # P5's and P2's cases of 2020–21, P4's sick and other absence of 2021.
    assert retention.purge().counts()["absences"] == 5
    assert absence_floor() == date(2024, 1, 1)
    assert_same_series(series(), stored)
    refill_series()
    assert_same_series(series(), stored)
    # Longer retention later never moves the floor back.
    settings.KASAM_RETENTION_MONTHS = {**settings.KASAM_RETENTION_MONTHS, "absences": 120}
    retention.purge()
    assert absence_floor() == date(2024, 1, 1)


def test_zero_months_keeps_a_class_for_ever(data, settings):
    settings.KASAM_RETENTION_MONTHS = dict.fromkeys(settings.KASAM_RETENTION_MONTHS, 0)
    result = retention.purge()
    assert result.total == 0 and absences() == set(GONE + KEPT)
    assert AuditEntry.objects.filter(pk=data["entries"]["gone"].pk).exists()
    assert "pulse answers kept" in result.summary()


# ------------------------------------------------------------------------- command and tick


def test_the_command_reports_per_class_in_json_and_in_one_line(data):
    out = StringIO()
    call_command("gdpr", "purge", "--dry-run", "--format", "json", stdout=out)
    dry = json.loads(out.getvalue())
    assert dry["dry_run"] is True and dry["classes"]["absences"]["total"] == len(GONE)
    assert dry["classes"]["absences"]["cutoff"] == "2021-01-01"
    assert not PurgeRun.objects.exists() and absences() == set(GONE + KEPT)

    out = StringIO()
    call_command("gdpr", "purge", stdout=out)
    line = out.getvalue().strip()
    assert "\n" not in line
    assert line == (
        "Deleted past retention: pulse answers 7, pulse comments 4, pulse invitations and participations "
        "20, absences 4, audit entries 1, reports 1, closed rehabilitation cases 0."
    )
    run = PurgeRun.objects.get()
    assert run.status == PurgeRun.Status.FINISHED and run.result["total"] == 37


def test_tick_runs_the_job_once_a_day_when_something_is_past_retention(data):
    data["rounds"]["open_old"].delete()  # the tick would close it
    Programme.objects.update(active=False)  # and plan rounds
    assert is_purge_due()
    out = StringIO()
    call_command("tick", "--format", "json", stdout=out)
    assert "purge_past_retention" in json.loads(out.getvalue())["enqueued"]
    assert absences() == set(KEPT)
    assert not is_purge_due()
    out = StringIO()
    call_command("tick", "--format", "json", stdout=out)
    assert "purge_past_retention" not in json.loads(out.getvalue())["enqueued"]
    # Yesterday's run does not count. P2's sick case that reaches the cutoff still has a record that
    # ended before it, so the next day's run looks again – and finds nothing.
    yesterday = timezone.now() - timedelta(days=1)
    PurgeRun.objects.update(started_at=yesterday, finished_at=yesterday)
    assert is_purge_due()
    assert retention.purge().total == 0
    Absence.objects.filter(person_id="P2", start_date__lt=ABSENCES).delete()
    assert not retention.anything_past_retention()


def test_nothing_past_retention_is_nothing_due(org):
    Absence.objects.create(person_id="P1", start_date=date(2026, 3, 2), end_date=date(2026, 3, 6))
    assert not is_purge_due()


def test_a_failing_class_is_reported_and_the_others_are_purged(data, monkeypatch):
    def broken(cutoff):
        raise RuntimeError("the database broke")

    monkeypatch.setattr(retention, "_delete_absences", broken)
    with pytest.raises(retention.PurgeError, match="absences"):
        retention.run_purge()
    run = PurgeRun.objects.get()
    assert run.status == PurgeRun.Status.FAILED and "the database broke" in run.error
    assert run.result["classes"]["reports"]["total"] == 1
    assert absences() == set(GONE + KEPT) and Report.objects.count() == 1
    written = AuditEntry.objects.get(action=AuditEntry.Action.RETENTION_PURGE)
    assert "absences" in written.detail["errors"]


def test_units_exist(org):
    # The fixture's tree is what the rounds above are made over.
    assert Unit.objects.filter(pk__in=["AO", "AO-HT1", "AO-HT1-A", "AO-SB1"]).count() == 4


def test_the_hours_a_release_was_made_from_go_with_the_absences(data):
    """A sick-leave release keeps, per person, the hours it was made from (for corrections); past the
    absences' cutoff only its ledger stays."""
    from kasam.releases.models import Release, SickLeaveBasis

    def release(year):
        made = Release.objects.create(
            kind="sick-leave", period=str(year), start=date(year, 1, 1), end=date(year, 12, 31), roots=["SOC"]
        )
        SickLeaveBasis.objects.create(
            release=made, unit_id="AO", person_id="P1", ordinary_hours=8, sick_hours=0
        )
        return made

    old, kept = release(2019), release(2022)
    retention.purge()
    assert set(SickLeaveBasis.objects.values_list("release_id", flat=True)) == {kept.pk}
    assert Release.objects.filter(pk=old.pk).exists()

"""The release of the yearly follow-up of the work-environment cycle (docs/definitions.md "The yearly
follow-up", "Releases"): what the committee sees of it – the roles with VIEW_WORK_ENVIRONMENT see the
counts live. Built once by `kasam.releases.publish` (the kind "sam"), never recomputed.

A release covers a whole ended year and holds, for the organisation (each root), every area and every
unit whose subtree holds a unit expected to hold a round, the counts of kasam.metrics.sam.followup for
that subtree, with the unit's name and parent as they were when it was published (so that the release
reads the same after the tree changes).

Choices:
- No suppression rule and no ledger cells: the counts are of rounds, risks and delegated tasks – about
  the workplace, never a person's health – and every unit is shown.
- A year may be published again (a correction, the next version): a risk recorded late, or an action
  done since, moves the counts, and nobody can be found in the difference. The page reads the newest
  version."""

from django.db.models import Min

from kasam.core.dates import today
from kasam.metrics.periods import ReportPeriod, period
from kasam.org.models import Unit
from kasam.releases.models import Release
from kasam.releases.publish import Built, ReleaseError
from kasam.sam import followup
from kasam.sam.models import Risk, SafetyRound, TaskDelegation


def first_year() -> int | None:
    """The year of the first round held, risk found or task given; None when there is none."""
    firsts = [
        SafetyRound.objects.aggregate(first=Min("held_on"))["first"],
        Risk.objects.aggregate(first=Min("found_on"))["first"],
        TaskDelegation.objects.aggregate(first=Min("given_on"))["first"],
    ]
    found = [day for day in firsts if day is not None]
    return min(found).year if found else None


def periods() -> list[ReportPeriod]:
    """Every ended year from the year of the first round, risk or task on, oldest first."""
    first = first_year()
    if first is None:
        return []
    return [period(year) for year in range(first, today().year)]


def build(report_period: ReportPeriod, earlier: list[Release]) -> Built:
    if not report_period.is_year:
        message = f"a work-environment follow-up release covers a whole year: use {report_period.year}"
        raise ReleaseError(message, "bad_period")
    first = first_year()
    if first is None or report_period.year < first:
        raise ReleaseError(f"no safety round, risk or task in or before {report_period.year}", "no_data")
    found = followup.load(report_period.year, today())
    return Built(
        figures=followup.figures(found, dict(Unit.objects.values_list("pk", "name"))),
        roots=list(found.roots),
        settings={"as_of": found.as_of.isoformat(), "counted_on": today().isoformat(), "suppression": "none"},
    )

"""Publishing a release (docs/definitions.md "Releases"): one function for the command line, the
"Publicera" page and the demo. Each kind's figures come from its builder in the app that owns them
(`BUILDERS`); this module checks the period, numbers the version, and writes the release and its
ledger in one transaction."""

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from importlib import import_module

from django.db import transaction
from django.utils.translation import gettext

from kasam.audit.models import AuditEntry, record
from kasam.core import bulk
from kasam.core.dates import today
from kasam.metrics.periods import ReportPeriod, parse_period
from kasam.releases.models import LedgerCell, Release

# kind → the module that builds its releases: build(period, earlier releases) → Built, and
# periods() → the ended periods its data covers in full.
BUILDERS = {
    Release.Kind.SICK_LEAVE: "kasam.economy.release",
    Release.Kind.REHAB: "kasam.rehab.release",
    Release.Kind.SAM: "kasam.sam.release",
}


class ReleaseError(Exception):
    """A release that cannot be made, with a one-line reason; `reason` names the case for pages that
    say it in their own words: not_ended, no_data, bad_period or bad_kind."""

    def __init__(self, message: str, reason: str):
        super().__init__(message)
        self.reason = reason


def _builder(kind: str):
    return import_module(BUILDERS[kind_of(kind)])


def periods(kind: str) -> list[ReportPeriod]:
    """The ended periods the data of `kind` covers in full, oldest first."""
    return _builder(kind).periods()


@dataclass(frozen=True)
class Cell:
    unit_id: str
    cell: str
    size: float
    verdicts: dict


@dataclass
class Built:
    """What a builder hands back: the shown units' figures and the ledger's cells."""

    figures: dict[str, dict]
    roots: list[str]
    cells: list[Cell] = field(default_factory=list)
    withheld: list[str] = field(default_factory=list)
    settings: dict = field(default_factory=dict)
    # Run with the release in the same transaction, e.g. to keep what a later correction is tested against.
    after: Callable[[Release], None] | None = None


def kind_of(value: str) -> Release.Kind:
    try:
        return Release.Kind(value)
    except ValueError:
        kinds = ", ".join(Release.Kind.values)
        raise ReleaseError(f"no release kind {value!r} (one of: {kinds})", "bad_kind") from None


def period_of(code: str) -> ReportPeriod:
    try:
        return parse_period(code)
    except ValueError as error:
        raise ReleaseError(str(error), "bad_period") from None


def latest_versions(kind: str, releases: Iterable[Release] | None = None) -> dict[str, Release]:
    """{period code: its newest version} of one kind."""
    found: dict[str, Release] = {}
    rows = Release.objects.filter(kind=kind) if releases is None else releases
    for release in sorted(rows, key=lambda r: r.version):
        found[release.period] = release
    return found


def nesting(kind: str, period: ReportPeriod) -> list[Release]:
    """The newest version of every release of `kind` whose period equals or nests with `period`."""
    return [
        release
        for release in latest_versions(
            kind, Release.objects.filter(kind=kind, start__year=period.year)
        ).values()
        if period.nests_with(parse_period(release.period))
    ]


def publishable(kind: str, code: str) -> tuple[Release.Kind, ReportPeriod]:
    """The kind and period, when a release of them may be published (checked before any work);
    otherwise ReleaseError."""
    kind = kind_of(kind)
    period = period_of(code)
    if period.end >= today():
        raise ReleaseError(
            f"the period {period.code} has not ended yet (it ends {period.end.isoformat()})", "not_ended"
        )
    return kind, period


def publish(kind: str, code: str, user=None) -> Release:
    """Publishes the release of `kind` for the period `code`, or a correction when one exists. Raises
    ReleaseError when the period has not ended or its data is not in."""
    kind, period = publishable(kind, code)
    build = _builder(kind).build
    with transaction.atomic():
        earlier = nesting(kind, period)
        built = build(period, earlier)
        same = [release.version for release in earlier if release.period == period.code]
        release = Release.objects.create(
            kind=kind,
            period=period.code,
            start=period.start,
            end=period.end,
            version=max(same, default=0) + 1,
            published_by=getattr(user, "username", "") or "system",
            settings=built.settings,
            figures=built.figures,
            roots=built.roots,
            withheld=built.withheld,
        )
        bulk.insert_rows(
            LedgerCell,
            ["release_id", "unit_id", "cell", "size", "verdicts"],
            ((release.pk, c.unit_id, c.cell, c.size, c.verdicts) for c in built.cells),
        )
        if built.after is not None:
            built.after(release)
        record(
            user, AuditEntry.Action.PUBLISH_RELEASE, kind=kind, period=period.code, version=release.version
        )
    return release


def latest(kind: str, until=None) -> Release | None:
    """The newest version of the latest published period of `kind` (ending on or before `until`)."""
    releases = Release.objects.filter(kind=kind)
    if until is not None:
        releases = releases.filter(end__lte=until)
    return releases.order_by("-end", "-version").first()


def for_period(kind: str, code: str) -> Release | None:
    return Release.objects.filter(kind=kind, period=code).order_by("-version").first()


def period_label(period: ReportPeriod) -> str:
    """The release's name as the committee knows it: "Delårsrapport januari–april 2026"."""
    if period.is_year:
        return gettext("Annual report %(year)s") % {"year": period.year}
    if period.end.month == 4:
        return gettext("Interim report January–April %(year)s") % {"year": period.year}
    return gettext("Interim report January–August %(year)s") % {"year": period.year}

"""What viewers who see suppressed figures only (the committee) read of sick leave and its cost: the
published releases (docs/definitions.md "Releases"), never live figures. One object per release answers
"what may this viewer see of this unit": a unit the release does not show is hidden, with nothing
about it.
"""

from dataclasses import dataclass

from django.utils.translation import gettext

from kasam.absence.figures import PeriodFigure, pct
from kasam.core.dates import today
from kasam.metrics.periods import ReportPeriod, ended_periods, parse_period
from kasam.releases.models import Release
from kasam.releases.publish import latest, period_label  # noqa: F401 - the release's name

HIDDEN = PeriodFigure(0, None, None, None, None, 0, hidden=True)


def _figure(values: dict) -> PeriodFigure:
    return PeriodFigure(
        persons=values["persons"],
        sick_leave_pct=pct(values["sick_hours"], values["ordinary_hours"]),
        long_term_share_pct=pct(values["long_sick_hours"], values["sick_hours"]),
        healthy_attendance_pct=pct(values["ha_healthy_0"], values["ha_persons"]),
        healthy_attendance_5_pct=pct(values["ha_healthy_5"], values["ha_persons"]),
        occasions=values["occasions"],
    )


@dataclass(frozen=True)
class SickLeaveRelease:
    release: Release

    @property
    def period(self) -> ReportPeriod:
        return parse_period(self.release.period)

    @property
    def label(self) -> str:
        label = period_label(self.period)
        if self.release.version > 1:
            return gettext("%(label)s (corrected)") % {"label": label}
        return label

    def shows(self, unit_id: str) -> bool:
        return unit_id in self.release.figures

    def figure(self, unit_id: str) -> PeriodFigure:
        values = self.release.figures.get(unit_id)
        return HIDDEN if values is None else _figure(values)

    def groups(self, unit_id: str) -> dict[str, PeriodFigure]:
        """The unit's shown groups (K, M, -29, 30-49, 50-); a group absent from the release is hidden."""
        values = self.release.figures.get(unit_id)
        if values is None:
            return {}
        return {group: _figure(row) for group, row in values["groups"].items()}

    def cost(self, unit_id: str) -> dict | None:
        values = self.release.figures.get(unit_id)
        return None if values is None else values.get("cost")

    def withheld(self, unit_id: str) -> bool:
        return unit_id in self.release.withheld


def latest_sick_leave() -> SickLeaveRelease | None:
    found = latest(Release.Kind.SICK_LEAVE)
    return None if found is None else SickLeaveRelease(found)


def year_release(year: int) -> SickLeaveRelease | None:
    found = (
        Release.objects.filter(kind=Release.Kind.SICK_LEAVE, period=str(year)).order_by("-version").first()
    )
    return None if found is None else SickLeaveRelease(found)


def released_years() -> list[int]:
    codes = Release.objects.filter(kind=Release.Kind.SICK_LEAVE).values_list("period", flat=True)
    return sorted({int(code) for code in codes if code.isdigit()}, reverse=True)


def unpublished_since(release: SickLeaveRelease | None) -> ReportPeriod | None:
    """The latest period that has ended but is not released yet, when it is later than `release`'s:
    the committee is then told that it sees the previous release."""
    now = today()
    ended = ended_periods(now.replace(year=now.year - 1, month=1, day=1), now, now)
    if not ended:
        return None
    newest = ended[-1]
    if release is not None and release.period.end >= newest.end:
        return None
    return newest

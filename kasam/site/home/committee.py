"""The committee's home: its latest release – the organisation's sick leave as the release shows it,
with the released years' figures as the trend – and, in plain words, the targets (organisation.py).
Nothing live: the committee sees sick leave only through releases (docs/definitions.md "Releases")."""

from dataclasses import dataclass

from django.urls import reverse
from django.utils.translation import gettext

from kasam.absence import pages as absence_pages
from kasam.absence.released import SickLeaveRelease
from kasam.org import access
from kasam.org.models import Unit
from kasam.site.home.trend import Trend, trend

YEARS = 5


@dataclass(frozen=True)
class ReleaseItem:
    release: SickLeaveRelease | None
    unit: Unit
    pct: float | None
    trend: Trend | None
    unpublished: str  # a later period that has ended but is not published yet, in running text
    url: str


def section(request) -> ReleaseItem | None:
    viewer = request.viewer
    roots = [u for u in access.scope_roots(request.user) if u.pk in viewer.sick_leave_unit_ids]
    if not roots:
        return None
    root = roots[0]
    note = absence_pages.release_note(viewer.latest_sick_leave_release)
    release = note["release"]
    years = sorted(viewer.released_years)[-YEARS:]
    values = []
    for year in years:
        found = viewer.sick_leave_year_release(year)
        values.append(found.figure(root.pk).sick_leave_pct if found else None)
    if release is not None and not release.period.is_year:
        values.append(release.figure(root.pk).sick_leave_pct)
    line = trend(gettext("Sick leave in the published reports"), values)
    return ReleaseItem(
        release,
        root,
        release.figure(root.pk).sick_leave_pct if release else None,
        line,
        note["unpublished"],
        reverse("absence:overview"),
    )

"""What the reports read of sick leave and its cost: the year's release, never live figures. Both
reports are the committee's view (kasam.reports.committee), and the committee sees sick leave only
from releases of ended periods (docs/anonymity.md "Sick leave"), so a report of a year needs that
year's release.

`statutory_figures` gives a release's figures of one unit in the shape of
`kasam.metrics.sickleave.statutory_report`, so that the report's sections read either alike. Choice:
a group (K, M, an age group) the release does not hold is suppressed, with no head count – a release
keeps nothing about a hidden group and so cannot tell it from an empty one.
"""

from django.utils.translation import gettext as _

from kasam.absence.released import SickLeaveRelease, year_release
from kasam.metrics.sickleave import AGE_GROUPS, GENDER_GROUPS


class NoRelease(Exception):
    """A report of a year without a published release of sick leave; the message is one line."""

    def __init__(self, year: int):
        self.year = year
        super().__init__(
            f"No published release of sick leave for {year}: publish it with "
            f"`kasam release publish --kind sick-leave --period {year}`."
        )

    def translated(self) -> str:
        return _(
            "Sick leave for %(year)s is not published yet, so the report cannot be made. The health "
            "strategist or HR publishes it once the year has ended."
        ) % {"year": self.year}


def release_of(year: int) -> SickLeaveRelease:
    release = year_release(year)
    if release is None:
        raise NoRelease(year)
    return release


def source_text(release: SickLeaveRelease) -> str:
    """Where a report's sick-leave figures come from, for its first page."""
    return _("%(label)s, published %(day)s") % {
        "label": release.label,
        "day": release.release.published_at.date().isoformat(),
    }


def _rounded(value: float | None) -> float | None:
    return None if value is None else round(value, 2)


def statutory_figures(release: SickLeaveRelease, unit_id: str) -> dict:
    total = release.figure(unit_id)
    groups = release.groups(unit_id)

    def split(names) -> dict:
        found = {}
        for name in names:
            figure = groups.get(name)
            found[name] = {
                "persons": None if figure is None else figure.persons,
                "sick_leave_pct": None if figure is None else _rounded(figure.sick_leave_pct),
                "suppressed": figure is None,
            }
        return found

    definition = {k: v for k, v in release.release.settings.items() if k != "cost"}
    return {
        "persons": total.persons,
        "sick_leave_pct": _rounded(total.sick_leave_pct),
        "long_term_share_pct": _rounded(total.long_term_share_pct),
        "by_gender": split(GENDER_GROUPS),
        "by_age": split(AGE_GROUPS),
        "healthy_attendance_pct": {
            "0": _rounded(total.healthy_attendance_pct),
            "5": _rounded(total.healthy_attendance_5_pct),
        },
        "occasions": total.occasions,
        "definition": definition,
    }

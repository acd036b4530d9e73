"""The demo's targets: the three targets of the project plan "Hälsoresan" (shared/seeds 004, "MÅLTAL")
for Exempelkommun, against the demo's own figures.

- Sick leave: year 1 is the base year (the plan's 9.3 %), then 8.55 % in year 2 and 7.55 % in year 3,
  as level targets for the organisation, both against the base year.
- NMI: 75 on average in every unit at the next survey, a level target for each unit.
- Good or better self-rated health (the pulse): +2, +3 and +3 percentage points in years 1–3. Each
  year's increase comes on top of the one before, so the targets are +2, +5 and +8 percentage points
  against the base year, the year of the first measurement.

The base year is the last complete calendar year of the stored sick-leave series (2025 when today is
2026-11-25), or last year when there is none; the actual base figures are the demo's own, so that
the demo's sick leave (about 7.5 % in 2025) starts below the plan's 9.3 %.
"""

from datetime import date
from decimal import Decimal

from kasam.absence import figures
from kasam.core.dates import today
from kasam.org.models import Unit
from kasam.targets.models import Target

SICK_LEAVE_LEVELS = (Decimal("8.55"), Decimal("7.55"))  # years 2 and 3 of the plan
NMI_LEVEL = Decimal("75")
GOOD_HEALTH_STEPS = (Decimal("2"), Decimal("3"), Decimal("3"))  # years 1, 2 and 3 of the plan
SICK_LEAVE_NOTE = "Projektplanen Hälsoresan: 9,3 % år 1 (basåret), 8,55 % år 2 och 7,55 % år 3."
NMI_NOTE = "Projektplanen Hälsoresan: NMI 75 i medelvärde i varje enhet vid nästa mätning."
GOOD_HEALTH_NOTE = (
    "Projektplanen Hälsoresan: upplevd god eller bättre hälsa +2, +3 och +3 procentenheter år för år, "
    "här räknat mot basåret."
)


def base_year() -> int:
    """The last complete calendar year of the stored sick-leave series, else last year."""
    complete = [
        year
        for year in figures.stored_years()
        if figures.year_period(year) == (date(year, 1, 1), date(year, 12, 31))
    ]
    return max(complete) if complete else today().year - 1


def ensure_demo_targets() -> list[Target]:
    """Create the project plan's targets unless there are targets already; [] when there were (or when
    there is no organisation)."""
    root = Unit.objects.filter(parent__isnull=True).order_by("path").first()
    if root is None or Target.objects.exists():
        return []
    base = base_year()
    targets = [
        Target(
            figure=Target.Figure.SICK_LEAVE,
            scope=Target.Scope.ORGANISATION,
            unit=root,
            year=base + offset,
            kind=Target.Kind.LEVEL,
            value=level,
            base_year=base,
            note=SICK_LEAVE_NOTE,
        )
        for offset, level in enumerate(SICK_LEAVE_LEVELS, start=1)
    ]
    targets.append(
        Target(
            figure=Target.Figure.NMI,
            scope=Target.Scope.EACH_UNIT,
            unit=None,
            year=base + 1,
            kind=Target.Kind.LEVEL,
            value=NMI_LEVEL,
            base_year=base,
            note=NMI_NOTE,
        )
    )
    total = Decimal(0)
    for offset, step in enumerate(GOOD_HEALTH_STEPS, start=1):
        total += step
        targets.append(
            Target(
                figure=Target.Figure.GOOD_HEALTH,
                scope=Target.Scope.ORGANISATION,
                unit=root,
                year=base + offset,
                kind=Target.Kind.CHANGE,
                value=total,
                base_year=base,
                note=GOOD_HEALTH_NOTE,
            )
        )
    return Target.objects.bulk_create(targets)

"""The demo's targets: the three targets of the project plan "Hälsoresan" (shared/seeds 004, "MÅLTAL")
for Exempelkommun, against the demo's own figures.

- Sick leave: year 1 is the base year (the plan's 9.3 %), then 8.55 % in year 2 and 7.55 % in year 3,
  as level targets for the organisation, both against the base year. The plan's municipality started
  at 9.3 %; the demo's own sick leave starts lower, so the same steps are taken from the demo's own
  base-year figure (8.55 / 9.3 and 7.55 / 9.3 of it, to two decimals): a target below where one
  starts, never one already reached. Without a stored base year, the plan's own levels.
- NMI: 75 on average in every unit at the next survey, a level target for each unit.
- Good or better self-rated health (the pulse): +2, +3 and +3 percentage points in years 1–3. Each
  year's increase comes on top of the one before, so the targets are +2, +5 and +8 percentage points
  against the base year, the year of the first measurement.

The base year is the last complete calendar year of the stored sick-leave series (2025 when today is
2026-11-25), or last year when there is none.
"""

from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from kasam.absence import figures
from kasam.core.dates import today
from kasam.org.models import Unit
from kasam.targets.models import Target

PLAN_BASE = Decimal("9.3")  # the plan's sick leave in its base year
SICK_LEAVE_LEVELS = (Decimal("8.55"), Decimal("7.55"))  # years 2 and 3 of the plan
NMI_LEVEL = Decimal("75")
GOOD_HEALTH_STEPS = (Decimal("2"), Decimal("3"), Decimal("3"))  # years 1, 2 and 3 of the plan
SICK_LEAVE_NOTE = "Projektplanen Hälsoresan: 9,3 % år 1 (basåret), 8,55 % år 2 och 7,55 % år 3."
SCALED_NOTE = (
    "Projektplanen Hälsoresan sänker sjukfrånvaron från 9,3 % till 8,55 % och 7,55 %. Här samma steg "
    "räknat från vår egen sjukfrånvaro basåret {year}: {base} %."
)
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


def base_figure(root: Unit, year: int) -> Decimal | None:
    """The organisation's sick leave in the base year (per cent, two decimals), or None."""
    period = figures.year_period(year)
    row = None if period is None else figures.period_rows(*period, unit_ids=[root.pk]).get(root.pk)
    if row is None or not row.ordinary_hours:
        return None
    return _hundredths(Decimal(100 * row.sick_hours / row.ordinary_hours))


def sick_leave_levels(base: Decimal | None, year: int) -> tuple[tuple[Decimal, ...], str]:
    """The sick-leave targets of years 2 and 3 and their note: the plan's steps from `base`, the
    figure of the base `year`."""
    if base is None:
        return SICK_LEAVE_LEVELS, SICK_LEAVE_NOTE
    levels = tuple(_hundredths(base * level / PLAN_BASE) for level in SICK_LEAVE_LEVELS)
    return levels, SCALED_NOTE.format(year=year, base=str(base).replace(".", ","))


def _hundredths(value: Decimal) -> Decimal:
    return value.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def ensure_demo_targets() -> list[Target]:
    """Create the project plan's targets unless there are targets already; [] when there were (or when
    there is no organisation)."""
    root = Unit.objects.filter(parent__isnull=True).order_by("path").first()
    if root is None or Target.objects.exists():
        return []
    base = base_year()
    levels, note = sick_leave_levels(base_figure(root, base), base)
    targets = [
        Target(
            figure=Target.Figure.SICK_LEAVE,
            scope=Target.Scope.ORGANISATION,
            unit=root,
            year=base + offset,
            kind=Target.Kind.LEVEL,
            value=level,
            base_year=base,
            note=note,
        )
        for offset, level in enumerate(levels, start=1)
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

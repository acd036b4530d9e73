"""The dated snapshot that opens a health plan: the unit's figures as they were on the day the plan
was made, as a JSON-able dict stored in HealthPlan.snapshot and never recomputed (a
later import or rating changes the pages, never the plan).

    {
      "version": 1,
      "taken_on": "2026-11-25",
      "sick_leave": {...} | None,      # sick_leave_section
      "sick_leave_released": {...} | None,  # released_section
      "pulse": {...} | None,           # pulse_section
      "health_factors": {...} | None,  # health_factors_section
      "survey": {...} | None,          # survey_section
    }

Choices:
- Sick leave is the unit's (whole subtree's) rolling 12 months from the stored series, read with
  kasam.absence.figures, and healthy attendance (no sick day) of the same period. The snapshot stores
  the unsuppressed figures and `gate_hidden`: whether the sick-leave disclosure gate hid the unit
  for that period. The plan page shows the figures to viewers who see the unit's sick leave
  unsuppressed (kasam.absence.access.ungated_units) and, to every other reader (the unit's staff,
  the committee, dialog coaches) only the latest release of sick leave on the day (`released_section`:
  its period and version, and the unit's figures when the release shows the unit) – those readers see
  sick leave from releases only (docs/anonymity.md "Sick leave"; kasam.plans.display).
- Pulse is the latest closed round whose frozen tree holds the unit, through the pulse's own gate
  (kasam.pulse.results.node_history): dimension indices only when the node was shown in that round.
  Pulse figures are gated for every viewer alike, so everyone reading the plan sees them.
- Health factors are the unit's latest joint rating on or before the day.
- Numbers are rounded to two decimals so that the stored JSON is small and stable.
"""

from datetime import date

from kasam.absence import figures
from kasam.absence.figures import PeriodFigure
from kasam.absence.released import latest_sick_leave
from kasam.org.models import Unit
from kasam.plans.models import HealthFactorRating

VERSION = 1


def _round(value: float | None) -> float | None:
    return None if value is None else round(float(value), 2)


def sick_leave_section(unit: Unit) -> dict | None:
    """The unit's rolling-12-month sick leave and healthy attendance; None before any refill."""
    period = figures.latest_rolling_period()
    if period is None:
        return None
    start, end = period
    row = figures.period_rows(start, end, unit_ids=[unit.pk]).get(unit.pk)
    if row is None:
        return None
    figure = PeriodFigure.of(row)
    hidden = unit.pk in figures.hidden_units(start, end)
    return {
        "period_start": start.isoformat(),
        "period_end": end.isoformat(),
        "persons": figure.persons,
        "sick_leave_pct": _round(figure.sick_leave_pct),
        "long_term_share_pct": _round(figure.long_term_share_pct),
        "healthy_attendance_pct": _round(figure.healthy_attendance_pct),
        "gate_hidden": hidden,
    }


def released_section(unit: Unit) -> dict | None:
    """The latest release of sick leave as it shows the unit; None before the first release."""
    release = latest_sick_leave()
    if release is None:
        return None
    figure = release.figure(unit.pk)
    return {
        "period": release.release.period,
        "version": release.release.version,
        "period_start": release.release.start.isoformat(),
        "period_end": release.release.end.isoformat(),
        "shown": not figure.hidden,
        "sick_leave_pct": _round(figure.sick_leave_pct),
        "long_term_share_pct": _round(figure.long_term_share_pct),
        "healthy_attendance_pct": _round(figure.healthy_attendance_pct),
    }


def pulse_section(unit: Unit) -> dict | None:
    """The latest closed pulse round over the unit: the gated dimension indices when the node was
    shown, else only that it was not ("too few answers"); None when no round has closed."""
    from kasam.pulse import results

    rounds = results.closed_rounds_with(unit.pk)
    if not rounds:
        return None
    latest = rounds[-1]
    [point] = results.node_history(unit.pk, [latest])
    section = {
        "round_id": latest.pk,
        "programme": latest.programme.name,
        "closes_on": latest.closes_on.isoformat(),
        "shown": point.shown,
        "respondents": None,
        "dimensions": {},
    }
    if point.shown:
        loaded = results.load_round(latest, figures=False)
        section["respondents"] = loaded.release.respondents.get(unit.pk)
        section["dimensions"] = {
            name: {"index": _round(result.index), "favourable_pct": _round(result.favourable_pct)}
            for name, result in point.dimensions.items()
            if result.index is not None
        }
    return section


def health_factors_section(unit: Unit, day: date) -> dict | None:
    """The unit's latest joint rating on or before `day`: each factor's score, choice and note."""
    rating = (
        HealthFactorRating.objects.filter(unit=unit, rated_on__lte=day)
        .order_by("-rated_on", "-id")
        .prefetch_related("scores")
        .first()
    )
    if rating is None:
        return None
    return {
        "rated_on": rating.rated_on.isoformat(),
        "scores": {
            score.factor: {"score": score.score, "choice": score.choice, "note": score.note}
            for score in rating.scores.all()
        },
    }


def survey_section(unit: Unit, year: int) -> dict | None:
    """The unit's employee-survey figures for the plan: the latest survey of the plan's year or before,
    through the survey's disclosure gate (kasam.survey.for_plans.plan_section), None when there is
    none. JSON-able and already gated, since every reader of the plan sees it; the page
    (plans/_snapshot.html) and the PDF (kasam.plans.pdf) show its title and rows:

        {"title": "Medarbetarenkät 2026", "survey_id": 3, "year": 2026, "shown": True,
         "respondents": 14, "hme": {"total": …, "motivation": …, …}, "nmi": …, "enps": …,
         "gender": {"K": {...}, "M": {...}} | None,
         "rows": [{"label": "HME, totalindex", "unit": 78.0, "organisation": 80.5}, ...]}

    (labels are stored as text: the snapshot is a dated document in the words of its day)."""
    from kasam.survey.for_plans import plan_section

    return plan_section(unit, year)


def take_snapshot(unit: Unit, year: int, day: date) -> dict:
    return {
        "version": VERSION,
        "taken_on": day.isoformat(),
        "sick_leave": sick_leave_section(unit),
        "sick_leave_released": released_section(unit),
        "pulse": pulse_section(unit),
        "health_factors": health_factors_section(unit, day),
        "survey": survey_section(unit, year),
    }

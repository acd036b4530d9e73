"""The unit's joint rating of the eight health factors (friskfaktorer): recording one, reading them
over time, and what the page shows (docs/definitions.md "Health factors and health plans").

A rating is agreed together, typically at a workplace meeting: one score 1–5 per factor, a short note,
and whether the factor is a strength to keep, one to strengthen, or neither. One rating per unit and
day (the model's constraint); a second one on the same day is refused with a message rather than
silently replacing the first."""

from dataclasses import dataclass
from datetime import date

from django.db import transaction
from django.utils.translation import gettext

from kasam.core import charts
from kasam.core.formatting import format_number
from kasam.org.models import Unit
from kasam.plans.models import FactorScore, HealthFactor, HealthFactorRating

FACTORS: tuple[HealthFactor, ...] = tuple(HealthFactor)


def factor_label(key: str) -> str:
    try:
        return str(HealthFactor(key).label)
    except ValueError:
        return key


@dataclass(frozen=True)
class Entry:
    score: int
    note: str = ""
    choice: str = FactorScore.Choice.NONE


@transaction.atomic
def record_rating(unit: Unit, rated_on: date, entries: dict[str, Entry], user=None) -> HealthFactorRating:
    """Store one rating with a score for each of the eight factors (ValueError if one is missing)."""
    missing = [f.value for f in FACTORS if f.value not in entries]
    if missing:
        raise ValueError(f"every factor needs a score; missing: {', '.join(missing)}")
    rating = HealthFactorRating.objects.create(unit=unit, rated_on=rated_on, created_by=user)
    FactorScore.objects.bulk_create(
        FactorScore(
            rating=rating,
            factor=factor.value,
            score=entries[factor.value].score,
            note=entries[factor.value].note,
            choice=entries[factor.value].choice,
        )
        for factor in FACTORS
    )
    return rating


def ratings(unit: Unit) -> list[HealthFactorRating]:
    """The unit's ratings, oldest first, their scores read with them."""
    return list(
        HealthFactorRating.objects.filter(unit=unit).order_by("rated_on", "id").prefetch_related("scores")
    )


@dataclass(frozen=True)
class FactorRow:
    key: str
    label: str
    score: int
    note: str
    choice: str
    change: int | None  # against the previous rating

    @property
    def change_text(self) -> str:
        return format_number(self.change, 0, sign=True)


def rows(rating: HealthFactorRating, previous: HealthFactorRating | None = None) -> list[FactorRow]:
    """The rating's scores in the factors' order, each with its change since `previous`."""
    scores = {s.factor: s for s in rating.scores.all()}
    before = {s.factor: s.score for s in previous.scores.all()} if previous else {}
    result = []
    for factor in FACTORS:
        score = scores.get(factor.value)
        if score is None:
            continue
        earlier = before.get(factor.value)
        result.append(
            FactorRow(
                key=factor.value,
                label=str(factor.label),
                score=score.score,
                note=score.note,
                choice=score.choice,
                change=None if earlier is None else score.score - earlier,
            )
        )
    return result


def history_chart(all_ratings: list[HealthFactorRating]):
    """Each factor's score over the ratings (two or more), with the same figures as a table. The x
    axis is the rating's date as text, so two ratings in one month stay two points. One decimal, so
    that the axis's half steps are not rounded into repeated labels. A single rating has no chart:
    the table of all eight factors above it says everything."""
    if len(all_ratings) < 2:
        return None
    data = [
        {"rated_on": rating.rated_on.isoformat(), "factor": factor_label(s.factor), "score": s.score}
        for rating in all_ratings
        for s in sorted(rating.scores.all(), key=lambda s: [f.value for f in FACTORS].index(s.factor))
    ]
    return charts.line_chart(
        data,
        x="rated_on",
        y="score",
        series="factor",
        title=gettext("Our health factors over time"),
        y_title=gettext("Score (1–5)"),
        x_title=gettext("Date"),
        description=gettext("Each line is one health factor. 5 is the best score."),
        percent=False,
        decimals=1,
        height=280,
        chart_id="factor-history",
    )

"""The demo publishes every ended period it holds, as the health strategist would."""

from calendar import monthrange
from datetime import date

from django.db.models import Max, Min

from kasam.absence.models import SickLeaveMonth
from kasam.core.dates import today
from kasam.metrics.periods import ended_periods
from kasam.releases.models import Release
from kasam.releases.publish import publish


def ensure_demo_releases() -> list[Release]:
    """Publishes the sick-leave release of every ended period the stored series cover in full that has
    none yet, oldest first; returns what it published."""
    span = SickLeaveMonth.objects.aggregate(first=Min("month"), last=Max("month"))
    if span["first"] is None:
        return []
    last = span["last"]
    covered = date(last.year, last.month, monthrange(last.year, last.month)[1])
    done = set(Release.objects.filter(kind=Release.Kind.SICK_LEAVE).values_list("period", flat=True))
    return [
        publish(Release.Kind.SICK_LEAVE, period.code)
        for period in ended_periods(span["first"], covered, today())
        if period.code not in done
    ]

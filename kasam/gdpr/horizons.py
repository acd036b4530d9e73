"""The retention horizons other apps must respect. The GDPR app registers them with those apps (its
AppConfig.ready: the floor in kasam.absence.series.RETENTION_FLOORS), which never import this app."""

from datetime import date

from kasam.gdpr.models import Horizon

ABSENCES = "absences"


def absence_floor() -> date | None:
    """The first day (a 1 January) from which the stored sick-leave series may be recomputed: every
    absence of a sick case that ended before it has been deleted for retention, so the months and
    calendar years before it are final. None when no absence has been deleted for retention."""
    return Horizon.objects.filter(data_class=ABSENCES).values_list("cutoff", flat=True).first()

from django.apps import AppConfig


class GdprConfig(AppConfig):
    name = "kasam.gdpr"
    label = "gdpr"

    def ready(self):
        from kasam.absence import series
        from kasam.gdpr.horizons import absence_floor

        # The stored sick-leave series keep the months before the retention floor (kasam.absence.series).
        if absence_floor not in series.RETENTION_FLOORS:
            series.RETENTION_FLOORS.append(absence_floor)

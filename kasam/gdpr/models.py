"""What the GDPR app keeps of its own: the retention horizons applied, and the runs of the retention
job (kasam.gdpr.retention). Neither holds personal data: dates, counts per class of data."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Horizon(models.Model):
    """The cutoff the retention job applied to a class of data: its rows that ended before `cutoff`
    are deleted. For absences it is the floor of the stored sick-leave series: the months and calendar
    years before it stay as stored and are never recomputed (kasam.absence.series)."""

    data_class = models.CharField(primary_key=True, max_length=40)
    cutoff = models.DateField()
    applied_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("retention horizon")
        verbose_name_plural = _("retention horizons")

    def __str__(self) -> str:
        return f"{self.data_class} < {self.cutoff}"


class PurgeRun(models.Model):
    """One run of the retention job (dry runs are not recorded): when, how it ended and what it deleted
    ({"classes": {class: {"cutoff": …, "deleted": {table: n}}}}, as `kasam gdpr purge --format json`)."""

    class Status(models.TextChoices):
        RUNNING = "running", _("running")
        FINISHED = "finished", _("finished")
        FAILED = "failed", _("failed")

    started_at = models.DateTimeField()
    finished_at = models.DateTimeField(null=True, blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.RUNNING)
    result = models.JSONField(default=dict, blank=True)
    error = models.TextField(blank=True)

    class Meta:
        ordering = ["-id"]
        verbose_name = _("retention run")
        verbose_name_plural = _("retention runs")

    def __str__(self) -> str:
        return f"{self.started_at:%Y-%m-%d %H:%M} {self.status}"

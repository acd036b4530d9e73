"""A requested report and, once made in the background, its file (kept in the database: a few
hundred kilobytes, backed up with everything else)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Report(models.Model):
    class Kind(models.TextChoices):
        ANNUAL = "annual", _("Personnel section of the annual report")
        HEALTH = "health", _("Health account for the committee")

    class Format(models.TextChoices):
        PDF = "pdf", "PDF"
        XLSX = "xlsx", "Excel"

    class Status(models.TextChoices):
        QUEUED = "queued", _("waiting")
        RUNNING = "running", _("being made")
        DONE = "done", _("ready")
        FAILED = "failed", _("failed")

    kind = models.CharField(_("report"), max_length=10, choices=Kind.choices)
    year = models.PositiveSmallIntegerField(_("year"))
    format = models.CharField(_("format"), max_length=4, choices=Format.choices)
    language = models.CharField(max_length=5, default="sv")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.QUEUED)
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL)
    requested_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    error = models.TextField(blank=True)
    content = models.BinaryField(null=True, blank=True, editable=False)

    class Meta:
        ordering = ["-requested_at", "-id"]

    def __str__(self) -> str:
        return f"{self.kind} {self.year}.{self.format}"

    @property
    def filename(self) -> str:
        name = "personalredovisning" if self.kind == self.Kind.ANNUAL else "halsobokslut"
        return f"{name}-{self.year}.{self.format}"

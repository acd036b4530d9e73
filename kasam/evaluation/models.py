"""Roll-outs to evaluate besides the dialog programmes: a name and, per unit, the day it started;
and the "can we see an effect?" studies of a planned roll-out, computed in the background."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

# The generation (kasam.core.generations) of the roll-outs: bumped by every save.
GENERATION = "evaluation"


class Rollout(models.Model):
    name = models.CharField(_("name"), max_length=200)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name", "id"]

    def __str__(self) -> str:
        return self.name


class RolloutStart(models.Model):
    rollout = models.ForeignKey(Rollout, on_delete=models.CASCADE, related_name="starts")
    unit = models.ForeignKey("org.Unit", on_delete=models.PROTECT, related_name="+")
    started_on = models.DateField(_("started on"))

    class Meta:
        ordering = ["rollout", "started_on", "unit"]
        constraints = [models.UniqueConstraint(fields=["rollout", "unit"], name="one_start_per_unit")]

    def __str__(self) -> str:
        return f"{self.rollout_id} {self.unit_id} {self.started_on}"


class PowerStudy(models.Model):
    """Before a roll-out: the smallest effect on sick leave the planned roll-out could detect."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("waiting")
        DONE = "done", _("ready")
        FAILED = "failed", _("failed")

    units = models.PositiveIntegerField(_("units that will start"))
    rollout_months = models.PositiveSmallIntegerField(_("months over which they start"))
    months_after = models.PositiveSmallIntegerField(_("months followed after the last start"))
    simulations = models.PositiveSmallIntegerField(default=200)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.QUEUED)
    result = models.JSONField(null=True, blank=True)
    error = models.TextField(blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.units} units over {self.rollout_months} months"

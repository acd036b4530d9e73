"""Releases and their ledger (docs/definitions.md "Releases"): what everyone but the unit's managers,
leadership, HR and the health strategist sees of an ended period is an immutable snapshot of gated
figures, published once the period has ended and its data is in. A correction is a new version of
the same period, never an edit.

The ledger keeps, for every shown cell of a release, its number of persons (or respondents) and the
verdict of each rule it passed, computed at release time from the raw data – so that the audit can
check a release after its raw data has passed its retention, without any person-level data here.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class ImmutableError(Exception):
    pass


class ImmutableQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise ImmutableError("a release is never changed: publish a correction instead")

    def delete(self):
        raise ImmutableError("a release is never deleted")


class Immutable(models.Model):
    objects = ImmutableQuerySet.as_manager()

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise ImmutableError("a release is never changed: publish a correction instead")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ImmutableError("a release is never deleted")


class Release(Immutable):
    class Kind(models.TextChoices):
        SICK_LEAVE = "sick-leave", _("Sick leave and its cost")
        REHAB = "rehab", _("What rehabilitation cases add up to")
        SAM = "sam", _("The yearly follow-up of the work environment")

    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    # The period's code (kasam.metrics.periods): 2026-T1, 2026-T2 or 2026.
    period = models.CharField(_("period"), max_length=10)
    start = models.DateField()
    end = models.DateField()
    # 1 for the first release of a period; each correction is the next number.
    version = models.PositiveSmallIntegerField(default=1)
    published_at = models.DateTimeField(auto_now_add=True)
    published_by = models.CharField(max_length=150)
    # The definition and settings the figures follow.
    settings = models.JSONField(default=dict)
    # {unit id: figures} for the shown units only: a hidden unit is absent, with nothing about it.
    figures = models.JSONField(default=dict)
    # The organisation's root units, always shown.
    roots = models.JSONField(default=list)
    # Units whose correction was withheld: their figures are the previous version's.
    withheld = models.JSONField(default=list)

    class Meta:
        ordering = ["kind", "-end", "-version"]
        verbose_name = _("release")
        verbose_name_plural = _("releases")
        constraints = [
            models.UniqueConstraint(fields=["kind", "period", "version"], name="release_version_once"),
            models.CheckConstraint(condition=models.Q(end__gte=models.F("start")), name="release_dates"),
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.period} v{self.version}"


class LedgerCell(Immutable):
    """One shown cell of a release: a unit's total, a group of a split, a remainder or a difference,
    with its size and each rule's verdict ({"primary": true, "remainder": true, …})."""

    release = models.ForeignKey(Release, on_delete=models.PROTECT, related_name="cells")
    unit_id = models.CharField(max_length=64)
    # "all", a split's group ("K", "M", "gender:-", "-29", "30-49", "50-", "age:-"), "remainder", or
    # "difference:<period>" / "correction:<version>".
    cell = models.CharField(max_length=40)
    size = models.FloatField()
    verdicts = models.JSONField(default=dict)

    class Meta:
        ordering = ["release_id", "unit_id", "cell"]
        verbose_name = _("ledger cell")
        verbose_name_plural = _("ledger")
        constraints = [
            models.UniqueConstraint(fields=["release", "unit_id", "cell"], name="ledger_cell_once")
        ]

    def __str__(self) -> str:
        return f"{self.release} {self.unit_id} {self.cell}"


class SickLeaveBasis(models.Model):
    """The hours a sick-leave release was made from, per unit's own staff and person, so that a later
    correction of the same period can test which persons' hours changed (docs/anonymity.md). Person-
    level data like the absences it is computed from: deleted by retention and erasure with them,
    never shown."""

    release = models.ForeignKey(Release, on_delete=models.PROTECT, related_name="+")
    unit_id = models.CharField(max_length=64)
    person_id = models.CharField(max_length=64, db_index=True)
    ordinary_hours = models.FloatField()
    sick_hours = models.FloatField()

    class Meta:
        verbose_name = "sick-leave release basis"
        verbose_name_plural = "sick-leave release bases"

    def __str__(self) -> str:
        return f"{self.release_id} {self.unit_id} {self.person_id}"


class Publication(models.Model):
    """A request on the Publicera page to publish a release, run in the background (ADR 006): building
    a release reads every person's hours, which takes longer than a page should wait."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("Waiting")
        RUNNING = "running", _("Publishing")
        DONE = "done", _("Published")
        FAILED = "failed", _("Failed")

    kind = models.CharField(max_length=20, choices=Release.Kind.choices)
    period = models.CharField(max_length=10)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    requested_at = models.DateTimeField(auto_now_add=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.QUEUED)
    # ReleaseError.reason of a failed publication ("no_data", …); "error" for anything else.
    reason = models.CharField(max_length=20, blank=True)
    release = models.ForeignKey(Release, null=True, on_delete=models.PROTECT, related_name="+")
    finished_at = models.DateTimeField(null=True)

    PENDING = (Status.QUEUED, Status.RUNNING)

    class Meta:
        ordering = ["-requested_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.kind} {self.period} {self.status}"

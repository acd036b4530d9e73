"""Kolada's figures as fetched: each fetch, the raw answers of its requests, the KPI metadata and the
values. A fetch is all or nothing (kasam.kolada.actions): its answers, metadata and values are written
in one transaction after every request succeeded; a failed fetch keeps only its own row, so that the
pages can say that the figures shown are older than the latest attempt."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Fetch(models.Model):
    """One fetch: what was asked, when, and how it ended."""

    class Status(models.TextChoices):
        RUNNING = "running", _("running")
        SUCCEEDED = "succeeded", _("succeeded")
        FAILED = "failed", _("failed")

    class Source(models.TextChoices):
        API = "api", _("Kolada's API")
        PUBLISHED = "published", _("a published document")

    source = models.CharField(max_length=10, choices=Source.choices, default=Source.API)
    municipality = models.CharField(max_length=4, help_text="The municipality's code, e.g. 2514.")
    years = models.JSONField(default=list, help_text="The years asked for.")
    request = models.JSONField(
        default=dict,
        help_text="What was asked: the KPIs, the county, the group area; after success the units and "
        "groups used, per year.",
    )
    started_at = models.DateTimeField()
    finished_at = models.DateTimeField(null=True, blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.RUNNING)
    requests = models.PositiveIntegerField(default=0, help_text="GETs sent, retries included.")
    error = models.TextField(blank=True)
    note = models.TextField(blank=True, help_text="Where figures not from the API come from.")

    class Meta:
        verbose_name = _("Kolada fetch")
        verbose_name_plural = _("Kolada fetches")
        ordering = ["-id"]

    def __str__(self) -> str:
        return f"{self.municipality} {self.years} {self.status}"


class RawAnswer(models.Model):
    """One page exactly as Kolada answered it."""

    fetch = models.ForeignKey(Fetch, on_delete=models.CASCADE, related_name="answers")
    url = models.TextField()
    fetched_at = models.DateTimeField()
    body = models.JSONField()

    class Meta:
        verbose_name = _("Kolada answer")
        verbose_name_plural = _("Kolada answers")
        ordering = ["id"]

    def __str__(self) -> str:
        return self.url


class Kpi(models.Model):
    """A KPI's metadata as one fetch found it."""

    fetch = models.ForeignKey(Fetch, on_delete=models.CASCADE, related_name="kpis")
    kpi_id = models.CharField(max_length=10)
    title = models.TextField()
    description = models.TextField(blank=True)
    fetched_at = models.DateTimeField()

    class Meta:
        verbose_name = _("Kolada KPI")
        verbose_name_plural = _("Kolada KPIs")
        constraints = [models.UniqueConstraint(fields=["fetch", "kpi_id"], name="kolada_kpi_once_per_fetch")]

    def __str__(self) -> str:
        return f"{self.kpi_id} {self.title}"


class KpiValue(models.Model):
    """One figure: a KPI for the municipality, its county or its comparison group, a year, a gender."""

    class Kind(models.TextChoices):
        MUNICIPALITY = "municipality", _("municipality")
        COUNTY = "county", _("county")
        GROUP = "group", _("similar municipalities")

    class Gender(models.TextChoices):
        TOTAL = "T", _("total")
        WOMEN = "K", _("women")
        MEN = "M", _("men")

    fetch = models.ForeignKey(Fetch, on_delete=models.CASCADE, related_name="values")
    kpi = models.CharField(max_length=10)
    kind = models.CharField(max_length=12, choices=Kind.choices)
    municipality_id = models.CharField(
        max_length=20, blank=True, help_text="Kolada's id of the municipality, county or group."
    )
    municipality_title = models.TextField()
    year = models.PositiveSmallIntegerField()
    gender = models.CharField(max_length=1, choices=Gender.choices, default=Gender.TOTAL)
    value = models.FloatField(null=True, blank=True, help_text="Empty when Kolada has no value.")
    fetched_at = models.DateTimeField()

    class Meta:
        verbose_name = _("Kolada value")
        verbose_name_plural = _("Kolada values")
        constraints = [
            models.UniqueConstraint(
                fields=["fetch", "kpi", "kind", "municipality_id", "year", "gender"],
                name="kolada_value_once_per_fetch",
            )
        ]
        indexes = [models.Index(fields=["kpi", "kind", "year"], name="kolada_value_kpi_kind_year")]

    def __str__(self) -> str:
        return f"{self.kpi} {self.municipality_title} {self.year} {self.gender}: {self.value}"

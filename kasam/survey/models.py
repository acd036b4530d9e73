"""The annual employee survey (medarbetarundersökning, DOMAIN.md "Employee survey").

Only per-unit answer distributions are stored: how many answered each value of each item, per unit
and gender. A vendor's item-level export is counted at import and its respondent ids are dropped, so
nothing here belongs to one respondent. Every figure is computed from these counts by
kasam.metrics.survey and passes its disclosure gate (k = 5, gender splits only when both reach k)."""

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _


class Survey(models.Model):
    class Source(models.TextChoices):
        ITEMS = "items", _("answers item by item")
        DISTRIBUTIONS = "distributions", _("answer distributions per unit")

    name = models.CharField(_("name"), max_length=200)
    year = models.PositiveSmallIntegerField(_("year"))
    source = models.CharField(max_length=20, choices=Source.choices)
    # Which definitions the figures follow (DOMAIN.md: store which definition an imported survey used).
    hme_definition = models.CharField(max_length=60, default="skr-hme-9-items-1-5")
    nmi_definition = models.CharField(max_length=60, blank=True)
    k = models.PositiveSmallIntegerField(default=5, validators=[MinValueValidator(3)])
    filename = models.CharField(max_length=255)
    # SHA-256 of the imported file: the same file twice is refused.
    file_sha256 = models.CharField(max_length=64, unique=True)
    imported_at = models.DateTimeField(auto_now_add=True)
    imported_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL)

    class Meta:
        ordering = ["-year", "name"]
        constraints = [models.UniqueConstraint(fields=["year", "name"], name="survey_unique_year_name")]
        verbose_name = _("employee survey")
        verbose_name_plural = _("employee surveys")

    def __str__(self) -> str:
        return f"{self.name} {self.year}"


class Gender(models.TextChoices):
    WOMAN = "K", _("women")
    MAN = "M", _("men")
    OTHER = "", _("other or not stated")


class UnitRespondents(models.Model):
    """How many answered the survey in a unit (its own staff, not its subtree), per gender."""

    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="respondents")
    unit = models.ForeignKey("org.Unit", on_delete=models.PROTECT, related_name="+")
    gender = models.CharField(max_length=1, choices=Gender.choices, blank=True)
    respondents = models.PositiveIntegerField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["survey", "unit", "gender"], name="survey_unit_respondents_once")
        ]

    def __str__(self) -> str:
        return f"{self.survey} {self.unit_id} {self.gender}: {self.respondents}"


class Distribution(models.Model):
    """How many in a unit (and gender) gave `value` to `item`."""

    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="distributions")
    unit = models.ForeignKey("org.Unit", on_delete=models.PROTECT, related_name="+")
    gender = models.CharField(max_length=1, choices=Gender.choices, blank=True)
    item = models.CharField(max_length=10)
    value = models.SmallIntegerField()
    count = models.PositiveIntegerField()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["survey", "unit", "gender", "item", "value"], name="survey_distribution_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.survey} {self.unit_id} {self.item}={self.value}: {self.count}"

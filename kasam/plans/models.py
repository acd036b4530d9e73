"""The unit's joint rating of the eight health factors (friskfaktorer) and its health plan (hälsoplan)
with activities (docs/definitions.md). Targets (måltal) are their own app: kasam.targets."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _


class HealthFactor(models.TextChoices):
    """The eight health factors (SKR/Suntarbetsliv)."""

    FAIR_ORGANISATION = "fair_organisation", _("Fair and transparent organisation")
    LEADERSHIP = "leadership", _("Present, trusting and engaged leadership")
    PARTICIPATION = "participation", _("Participation and influence")
    COMMUNICATION = "communication", _("Communication and feedback")
    PRIORITISATION = "prioritisation", _("Prioritisation of tasks")
    COMPETENCE = "competence", _("Competence development throughout working life")
    SYSTEMATIC_WORK_ENVIRONMENT = "systematic_work_environment", _("Systematic work environment management")
    EARLY_EFFORTS = "early_efforts", _("Early efforts and work adjustment")


class HealthFactorRating(models.Model):
    """A unit's joint rating of the eight factors on one date, typically at a workplace meeting."""

    unit = models.ForeignKey("org.Unit", on_delete=models.PROTECT, related_name="+")
    rated_on = models.DateField(_("date"))
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["unit", "-rated_on", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["unit", "rated_on"], name="one_rating_per_unit_and_day")
        ]

    def __str__(self) -> str:
        return f"{self.unit_id} {self.rated_on}"


class FactorScore(models.Model):
    class Choice(models.TextChoices):
        NONE = "", _("—")
        KEEP = "keep", _("a strength to keep")
        STRENGTHEN = "strengthen", _("to strengthen")

    rating = models.ForeignKey(HealthFactorRating, on_delete=models.CASCADE, related_name="scores")
    factor = models.CharField(max_length=40, choices=HealthFactor.choices)
    score = models.PositiveSmallIntegerField(validators=[MinValueValidator(1), MaxValueValidator(5)])
    note = models.CharField(_("note"), max_length=300, blank=True)
    choice = models.CharField(max_length=12, choices=Choice.choices, blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["rating", "factor"], name="one_score_per_factor")]

    def __str__(self) -> str:
        return f"{self.factor}: {self.score}"


class HealthPlan(models.Model):
    """One per unit and year. `snapshot` holds the unit's figures as they were when the plan was made
    (a dated copy: later imports never change it)."""

    unit = models.ForeignKey("org.Unit", on_delete=models.PROTECT, related_name="+")
    year = models.PositiveSmallIntegerField(_("year"))
    snapshot = models.JSONField(default=dict)
    snapshot_taken_on = models.DateField()
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["unit", "-year"]
        constraints = [models.UniqueConstraint(fields=["unit", "year"], name="one_plan_per_unit_and_year")]

    def __str__(self) -> str:
        return f"{self.unit_id} {self.year}"


class PlanArea(models.Model):
    """A strength to keep or an area to strengthen, with where it came from (a survey gap, a health
    factor, or the unit's own words)."""

    class Kind(models.TextChoices):
        KEEP = "keep", _("strength to keep")
        STRENGTHEN = "strengthen", _("area to strengthen")

    class Source(models.TextChoices):
        OWN = "own", _("our own")
        SURVEY = "survey", _("employee survey")
        HEALTH_FACTOR = "health_factor", _("health factors")
        PULSE = "pulse", _("pulse")

    plan = models.ForeignKey(HealthPlan, on_delete=models.CASCADE, related_name="areas")
    kind = models.CharField(max_length=12, choices=Kind.choices)
    title = models.CharField(_("title"), max_length=200)
    source = models.CharField(max_length=20, choices=Source.choices, default=Source.OWN)
    # The survey item id or health factor the area came from (blank for the unit's own).
    source_ref = models.CharField(max_length=60, blank=True)
    note = models.TextField(_("note"), blank=True, max_length=2000)

    class Meta:
        ordering = ["plan", "kind", "id"]

    def __str__(self) -> str:
        return self.title


class Activity(models.Model):
    """What, how, why, who, when and how it is followed up are all required (docs/definitions.md); after the
    follow-up, a reflection (Kolb's cycle: do, reflect, conclude, try again)."""

    class Status(models.TextChoices):
        PLANNED = "planned", _("planned")
        ONGOING = "ongoing", _("ongoing")
        DONE = "done", _("done")
        CANCELLED = "cancelled", _("cancelled")

    plan = models.ForeignKey(HealthPlan, on_delete=models.CASCADE, related_name="activities")
    area = models.ForeignKey(
        PlanArea, null=True, blank=True, on_delete=models.SET_NULL, related_name="activities"
    )
    what = models.CharField(_("what"), max_length=300)
    how = models.TextField(_("how"), max_length=2000)
    why = models.TextField(_("why"), max_length=2000)
    who = models.CharField(_("who"), max_length=300)
    when = models.CharField(_("when"), max_length=300)
    follow_up = models.TextField(_("how it is followed up"), max_length=2000)
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.PLANNED)
    follow_up_on = models.DateField(_("follow-up date"))
    reminded_on = models.DateField(null=True, blank=True)
    followed_up_on = models.DateField(_("followed up on"), null=True, blank=True)
    reflection = models.TextField(_("reflection"), blank=True, max_length=4000)
    # One pulse statement to track while the activity runs (asked in every round; blank for none).
    tracked_statement = models.CharField(_("pulse statement to track"), max_length=40, blank=True)
    # The unit offers a done activity as a good example for the health column (docs/employee-page.md).
    shared_on = models.DateField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["plan", "follow_up_on", "id"]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(what="")
                & ~models.Q(how="")
                & ~models.Q(why="")
                & ~models.Q(who="")
                & ~models.Q(when="")
                & ~models.Q(follow_up=""),
                name="activity_states_all_six_parts",
            )
        ]
        verbose_name = _("activity")
        verbose_name_plural = _("activities")

    def __str__(self) -> str:
        return self.what

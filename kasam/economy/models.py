"""The economy Kasam shows beside its health figures (docs/definitions.md "Economics"): budget and outcome per
year and area, overtime and substitute costs per month and unit, salaries per unit for the cost of
sick leave, and the editable cost model."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _


class Budget(models.Model):
    """Budget and outcome of one area (or the whole organisation: the root unit) for a year, in
    thousand SEK. `reported_deviation_tkr` is the deviation the source published, kept to show beside
    Kasam's own budget − outcome."""

    unit = models.ForeignKey("org.Unit", on_delete=models.PROTECT, related_name="+")
    year = models.PositiveSmallIntegerField()
    period_end = models.DateField(
        help_text="The last day the outcome covers (a year may be reported part-way)."
    )
    budget_tkr = models.DecimalField(max_digits=14, decimal_places=1)
    outcome_tkr = models.DecimalField(max_digits=14, decimal_places=1)
    reported_deviation_tkr = models.DecimalField(max_digits=14, decimal_places=1, null=True, blank=True)
    # A savings requirement (besparingskrav) set for the year, when the source gives one.
    savings_requirement_tkr = models.DecimalField(max_digits=14, decimal_places=1, null=True, blank=True)

    class Meta:
        ordering = ["unit", "year"]
        constraints = [models.UniqueConstraint(fields=["unit", "year"], name="one_budget_per_unit_and_year")]

    def __str__(self) -> str:
        return f"{self.unit_id} {self.year}"


class MonthlyCost(models.Model):
    """Overtime and substitute (timvikarie) cost of a unit in a month, SEK."""

    unit = models.ForeignKey("org.Unit", on_delete=models.PROTECT, related_name="+")
    month = models.DateField(help_text="The first day of the month.")
    overtime_sek = models.DecimalField(max_digits=14, decimal_places=2)
    substitute_sek = models.DecimalField(max_digits=14, decimal_places=2)

    class Meta:
        ordering = ["unit", "month"]
        constraints = [models.UniqueConstraint(fields=["unit", "month"], name="one_cost_per_unit_and_month")]

    def __str__(self) -> str:
        return f"{self.unit_id} {self.month:%Y-%m}"


class UnitSalary(models.Model):
    """The average full-time monthly salary of a unit, SEK; units below without their own use it."""

    unit = models.OneToOneField("org.Unit", on_delete=models.CASCADE, primary_key=True, related_name="+")
    monthly_salary_sek = models.DecimalField(max_digits=10, decimal_places=0)

    def __str__(self) -> str:
        return f"{self.unit_id} {self.monthly_salary_sek}"


class CostModel(models.Model):
    """The cost model of sick leave (one row; the defaults of docs/definitions.md), edited by HR and the
    health strategist and printed beside every estimate."""

    short_factor_pct = models.DecimalField(
        _("cost of a sick day 1–14, % of a monthly salary"),
        max_digits=5,
        decimal_places=2,
        default=10,
        validators=[MinValueValidator(0), MaxValueValidator(100)],
    )
    mid_factor_pct = models.DecimalField(
        _("cost of a sick day 15–90, % of a monthly salary"),
        max_digits=5,
        decimal_places=2,
        default=2.5,
        validators=[MinValueValidator(0), MaxValueValidator(100)],
    )
    default_salary_sek = models.DecimalField(
        _("monthly salary where a unit has none, SEK (full time)"),
        max_digits=10,
        decimal_places=0,
        default=34000,
        validators=[MinValueValidator(1)],
    )
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL)

    def __str__(self) -> str:
        return f"{self.short_factor_pct} % / {self.mid_factor_pct} % / {self.default_salary_sek} kr"

    @classmethod
    def current(cls) -> "CostModel":
        return cls.objects.order_by("pk").first() or cls()


class UnitSickLeaveCost(models.Model):
    """A unit's (its subtree's) cost of sick leave for the latest stored rolling 12 months, as
    kasam.economy.figures.all_costs computes it, stored so that a page reads it instead of
    recomputing the organisation (kasam.economy.stored). Written after every refill of the sick-leave
    series, on a save of the cost model and after a salary import; the cost model it was computed
    with is kept beside it, and rows of another model are not read."""

    unit = models.ForeignKey("org.Unit", on_delete=models.CASCADE, related_name="+")
    start = models.DateField()
    end = models.DateField()
    short_factor = models.FloatField()
    mid_factor = models.FloatField()
    default_salary = models.FloatField()
    salary = models.FloatField()
    short_days = models.FloatField()
    mid_days = models.FloatField()
    cost_short = models.FloatField()
    cost_mid = models.FloatField()
    worth_one_point = models.FloatField()
    sick_leave_pct = models.FloatField(null=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["unit", "start", "end"], name="one_stored_cost_per_unit_and_period"
            )
        ]

    def __str__(self) -> str:
        return f"{self.unit_id} {self.start}–{self.end}"

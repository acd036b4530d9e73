"""Absence spells as imported (docs/definitions.md "Organisation and imports"). Only kind `sjuk` takes part in
the sick-leave figures; other kinds are kept because the import file is the whole truth for its range."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from kasam.org.models import Person, Unit

SICK = "sjuk"
# The kinds an absence file may name (without case): sick leave, which the figures count, and the
# other kinds HR systems export, kept because a file is the whole truth for its range. An unknown
# kind ("Sjukdom") is an error, never a silent absence that does not count.
OTHER_KINDS = ("semester", "vab", "föräldraledig", "tjänstledig", "komp", "utbildning", "annan")
ABSENCE_KINDS = (SICK, *OTHER_KINDS)


class Absence(models.Model):
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="absences")
    start_date = models.DateField()
    end_date = models.DateField()
    extent = models.DecimalField(max_digits=5, decimal_places=2, default=100)
    kind = models.CharField(max_length=40, default=SICK)

    class Meta:
        verbose_name = _("absence")
        verbose_name_plural = _("absences")
        constraints = [
            models.UniqueConstraint(fields=["person", "start_date", "kind"], name="absence_key"),
            models.CheckConstraint(
                condition=models.Q(extent__gt=0, extent__lte=100), name="absence_extent_range"
            ),
            models.CheckConstraint(
                condition=models.Q(end_date__gte=models.F("start_date")), name="absence_end_after_start"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person_id} {self.kind} {self.start_date}–{self.end_date}"


class SickLeaveMonth(models.Model):
    """Stored series (docs/definitions.md "Series and rolling 12 months"): one unit's figures for one calendar
    month, filled by kasam.absence.series. A row covers the unit's whole subtree, so a page reads one row per
    unit and month and never sums. The current month covers the days up to the day of the refill."""

    unit = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="sick_leave_months")
    month = models.DateField(help_text="The first day of the month.")
    persons = models.PositiveIntegerField()
    ordinary_hours = models.FloatField()
    sick_hours = models.FloatField()
    long_sick_hours = models.FloatField()
    sick_hours_1_14 = models.FloatField()
    sick_hours_15_59 = models.FloatField()
    sick_hours_60_89 = models.FloatField()
    sick_hours_90_179 = models.FloatField()
    sick_hours_180_364 = models.FloatField()
    sick_hours_365 = models.FloatField()
    occasions = models.PositiveIntegerField()

    class Meta:
        verbose_name = _("sick-leave month")
        verbose_name_plural = _("sick-leave months")
        constraints = [
            # Also the index of a unit page's series: WHERE unit_id = %s AND month BETWEEN …
            models.UniqueConstraint(fields=["unit", "month"], name="sick_leave_month_key"),
        ]
        indexes = [
            # The overview and the heat map read every visible unit for a range of months.
            models.Index(fields=["month"], name="sick_leave_month_month"),
        ]

    def __str__(self) -> str:
        return f"{self.unit_id} {self.month:%Y-%m}"


class SickLeavePeriod(models.Model):
    """Stored figures of one unit (with its subtree) and group for a period: each calendar year
    (up to today's date in the current year) and the rolling 12 months (see kasam.absence.series).
    Persons, shares of persons and healthy attendance do not add up over months, hence this table."""

    class Kind(models.TextChoices):
        YEAR = "year", _("calendar year")
        ROLLING12 = "rolling12", _("rolling 12 months")

    class Group(models.TextChoices):
        ALL = "all", _("everyone")
        WOMEN = "K", _("women")
        MEN = "M", _("men")
        AGE_29 = "-29", _("29 or younger")
        AGE_30_49 = "30-49", _("30–49")
        AGE_50 = "50-", _("50 or older")

    unit = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="sick_leave_periods")
    start = models.DateField()
    end = models.DateField()
    kind = models.CharField(max_length=10, choices=Kind.choices)
    group = models.CharField(max_length=5, choices=Group.choices)
    persons = models.PositiveIntegerField()
    ordinary_hours = models.FloatField()
    sick_hours = models.FloatField()
    long_sick_hours = models.FloatField()
    max_person_sick_hours = models.FloatField()
    occasions = models.PositiveIntegerField()
    repeated_short_term_persons = models.PositiveIntegerField()
    ha_persons = models.PositiveIntegerField(help_text="Persons counted for healthy attendance.")
    ha_healthy_0 = models.PositiveIntegerField(help_text="Of those, with at most 0 sick day-equivalents.")
    ha_healthy_5 = models.PositiveIntegerField(help_text="Of those, with at most 5 sick day-equivalents.")
    # The disclosure gate's decision, made by the refill from person-level hours
    # (kasam.metrics.sickleave_gate). Hidden unless the refill decided otherwise.
    split_hidden = models.BooleanField(
        default=True, help_text="A group of a split that the split rule hides from every viewer."
    )
    gated_hidden = models.BooleanField(
        default=True, help_text="Hidden from viewers who see suppressed figures only."
    )

    class Meta:
        verbose_name = _("sick-leave period")
        verbose_name_plural = _("sick-leave periods")
        constraints = [
            # Also the index of a unit page: WHERE unit_id = %s AND kind = … ORDER BY end.
            models.UniqueConstraint(fields=["unit", "start", "end", "group"], name="sick_leave_period_key"),
        ]
        indexes = [
            # The overview and the annual-report table read every visible unit for one period.
            models.Index(fields=["kind", "end"], name="sick_leave_period_kind_end"),
        ]

    def __str__(self) -> str:
        return f"{self.unit_id} {self.start}–{self.end} {self.group}"


class SeriesRefill(models.Model):
    """One run of the refill of the stored series: when, from which month, with which definition
    (SickLeaveSettings.as_dict()), how it ended. Pages say from this when the figures were computed."""

    class Status(models.TextChoices):
        # Asked for by an import and waiting for the background queue (kasam.absence.series.request_refill):
        # at most one at a time; a later import moves its first month earlier instead of queueing another.
        QUEUED = "queued", _("queued")
        RUNNING = "running", _("running")
        FINISHED = "finished", _("finished")
        FAILED = "failed", _("failed")

    started_at = models.DateTimeField()  # for a queued refill: when it was asked for
    finished_at = models.DateTimeField(null=True, blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.RUNNING)
    # Renewed by a running refill (kasam.absence.series); a running one whose heartbeat is older than
    # KASAM_REFILL_STALE_SECONDS was left by a killed process and is taken over.
    heartbeat_at = models.DateTimeField(null=True, blank=True)
    from_month = models.DateField(
        null=True, blank=True, help_text="The first month rewritten; empty = every month."
    )
    definition = models.JSONField(default=dict)
    rows = models.PositiveIntegerField(default=0, help_text="Month and period rows written.")
    error = models.TextField(blank=True)

    class Meta:
        verbose_name = _("series refill")
        verbose_name_plural = _("series refills")
        # A few rows a day; "the latest finished refill" reads them by primary key without an index.
        ordering = ["-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["status"], condition=models.Q(status="queued"), name="one_queued_series_refill"
            )
        ]

    def __str__(self) -> str:
        return f"{self.started_at:%Y-%m-%d %H:%M} {self.status}"


class SignalFollowUp(models.Model):
    """What was done about one early signal of one person: a status, a short note and when. A signal
    is named by its kind and `key` – the day its sick case started or the person came back, or
    "repeated" – so that a new case is a new signal. When the signal no longer holds (the person is
    back, the count of short cases fell) Kasam closes it itself and keeps the day (`ended_on`): no
    manual chore, no reminder about what is over. Person-level, like the absences it comes from."""

    class Kind(models.TextChoices):
        REPEATED = "repeated", _("Repeated short-term absence")
        OPEN_CASE = "open_case", _("Ongoing sick case")
        RETURNING = "returning", _("Back after a long absence")

    class Status(models.TextChoices):
        NEW = "new", _("New")
        CONTACTED = "contacted", _("Contacted")
        HANDLED = "handled", _("Handled")

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="signal_follow_ups")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    key = models.CharField(max_length=20)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.NEW)
    note = models.CharField(_("note"), max_length=300, blank=True)
    updated_on = models.DateField()
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    ended_on = models.DateField(null=True, blank=True)

    class Meta:
        verbose_name = _("follow-up of an early signal")
        verbose_name_plural = _("follow-ups of early signals")
        constraints = [
            models.UniqueConstraint(fields=["person", "kind", "key"], name="signal_follow_up_once")
        ]

    def __str__(self) -> str:
        return f"{self.person_id} {self.kind} {self.key} {self.status}"

"""Rehabilitation cases: the employer's work with one person's return to work (docs/definitions.md
"Rehabilitation", docs/rehabilitation.md). Person-level and sensitive: only the person's manager, HR
over the person's unit and a delegate HR names see a case (kasam.rehab.access); every view and change
is audited. Kasam stores no diagnosis or medical detail – the free-text fields say so and warn
(kasam.metrics.medical_text).

A case stores what was decided and done; its steps' due dates and statuses are computed on each
reading from the sick case it follows (kasam.metrics.rehab), whose first and last day the case keeps
fresh from the absences (kasam.rehab.cases.refresh)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from kasam.metrics import rehab
from kasam.org.models import Person, Unit

NO_MEDICAL_DETAIL = _("Write no diagnosis or medical detail here – only what matters for the work.")


class Case(models.Model):
    class Source(models.TextChoices):
        LONG_TERM = rehab.LONG_TERM, _("A long sick leave")
        REPEATED_SHORT_TERM = rehab.REPEATED_SHORT_TERM, _("Repeated short sick leave")
        RETURNING = rehab.RETURNING, _("Back after a long absence")
        MANUAL = rehab.MANUAL, _("Opened by hand")

    class Closing(models.TextChoices):
        BY_ITSELF = "by_itself", _("Closed by itself after the return")
        BY_HAND = "by_hand", _("Closed by HR")

    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="rehab_cases")
    source = models.CharField(max_length=24, choices=Source.choices)
    opened_on = models.DateField(db_index=True)
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # The sick case the case follows: its first day, and its last recorded day (the expected end while
    # it runs), kept fresh after every absence import. For repeated short-term absence: the person's
    # latest sick case.
    sick_case_start = models.DateField(null=True, blank=True)
    sick_case_end = models.DateField(null=True, blank=True)
    # The day the case first learned that 60 days or more are expected, when that came after day 1.
    learned_long_on = models.DateField(null=True, blank=True)
    # A case opened by hand: the steps chosen (kasam.metrics.rehab.STEPS).
    chosen_steps = models.JSONField(default=list, blank=True)
    # The person's unit (the employment with the highest rate), kept fresh: whose manager sees it.
    unit = models.ForeignKey(Unit, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    closed_on = models.DateField(null=True, blank=True, db_index=True)
    closing = models.CharField(max_length=12, choices=Closing.choices, blank=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    close_reason = models.CharField(_("reason"), max_length=300, blank=True)
    person_told_on = models.DateField(null=True, blank=True)

    class Meta:
        verbose_name = _("rehabilitation case")
        verbose_name_plural = _("rehabilitation cases")
        indexes = [models.Index(fields=["unit", "closed_on"])]

    def __str__(self) -> str:
        return f"{self.person_id} {self.opened_on}"

    @property
    def is_open(self) -> bool:
        return self.closed_on is None


class StepDone(models.Model):
    """A step of a case that was done: on which day, recorded by whom, and who did it in words."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="steps_done")
    step = models.CharField(max_length=24)
    done_on = models.DateField()
    done_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    note = models.CharField(_("note"), max_length=300, blank=True, help_text=NO_MEDICAL_DETAIL)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["case", "step"], name="rehab_step_once")]

    def __str__(self) -> str:
        return f"{self.case_id} {self.step}"


class Meeting(models.Model):
    """A meeting in the case: with the person, occupational health or Försäkringskassan."""

    class With(models.TextChoices):
        PERSON = "person", _("The employee")
        OCCUPATIONAL_HEALTH = "occupational_health", _("Occupational health service")
        FORSAKRINGSKASSAN = "forsakringskassan", _("Försäkringskassan")

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="meetings")
    held_on = models.DateField(_("date"))
    with_whom = models.CharField(_("with"), max_length=24, choices=With.choices)
    note = models.CharField(_("note"), max_length=300, blank=True, help_text=NO_MEDICAL_DETAIL)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    def __str__(self) -> str:
        return f"{self.case_id} {self.held_on} {self.with_whom}"


class Adjustment(models.Model):
    """A work adjustment (arbetsanpassning) the case draws from the catalogue: what, who arranges it,
    from when until when, and whether it helped."""

    class Kind(models.TextChoices):
        WORKING_HOURS = "working_hours", _("Working hours")
        TASKS = "tasks", _("Tasks")
        AIDS = "aids", _("Aids")
        PLACE = "place", _("Place of work")
        PACE = "pace", _("Pace")
        SCHEDULE = "schedule", _("Schedule")

    class Helped(models.TextChoices):
        UNKNOWN = "", _("Not yet known")
        YES = "yes", _("Yes")
        PARTLY = "partly", _("Partly")
        NO = "no", _("No")

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="adjustments")
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)
    description = models.CharField(_("what"), max_length=300, help_text=NO_MEDICAL_DETAIL)
    responsible = models.CharField(_("who arranges it"), max_length=120, blank=True)
    starts_on = models.DateField(_("from"))
    ends_on = models.DateField(_("until"), null=True, blank=True)
    helped = models.CharField(_("did it help?"), max_length=8, choices=Helped.choices, blank=True)

    class Meta:
        ordering = ["starts_on", "pk"]

    def __str__(self) -> str:
        return f"{self.case_id} {self.kind}"


class ReturnPlan(models.Model):
    """One version of the plan for the return to work, in the structure Försäkringskassan asks for.
    A change is a new version; every version is kept with its day and who saved it. The measures are
    the case's adjustments as they stood when the version was saved."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="plans")
    version = models.PositiveSmallIntegerField()
    saved_at = models.DateTimeField(auto_now_add=True)
    saved_on = models.DateField()
    saved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    made_with_person = models.BooleanField(_("made together with the employee"), default=False)
    work_ability = models.TextField(_("what the employee can do at work, in their own words"), blank=True)
    limits = models.TextField(_("what makes the work hard now, in their own words"), blank=True)
    other_measures = models.TextField(_("other measures"), blank=True)
    expected_return = models.DateField(_("expected return"), null=True, blank=True)
    return_steps = models.TextField(_("the steps of the return"), blank=True)
    follow_up_on = models.DateField(_("followed up on"), null=True, blank=True)
    contacts = models.TextField(_("contact persons"), blank=True)
    measures = models.JSONField(default=list, blank=True)

    class Meta:
        ordering = ["case", "version"]
        constraints = [models.UniqueConstraint(fields=["case", "version"], name="rehab_plan_version")]

    def __str__(self) -> str:
        return f"{self.case_id} v{self.version}"


class Delegation(models.Model):
    """HR lets an area manager (områdeschef) see and work one case until an end date."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="delegations")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    granted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    granted_on = models.DateField()
    ends_on = models.DateField(_("until"))

    def __str__(self) -> str:
        return f"{self.case_id} → {self.user_id} until {self.ends_on}"


class DigestSent(models.Model):
    """That a user was sent the week's digest of the steps due in the cases they see (kasam.rehab.digest):
    at most one a week, written before the mail goes, so that a second tick never sends twice. Holds
    nothing of any case."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    week = models.DateField(help_text="The Monday of the ISO week.")
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "week"], name="rehab_digest_once_a_week")]

    def __str__(self) -> str:
        return f"{self.user_id} {self.week}"

"""The systematic work-environment cycle (systematiskt arbetsmiljöarbete, docs/definitions.md "The
systematic work-environment cycle"): the psychosocial safety round of a unit, the risks it found and
what became of each, and the delegated work-environment tasks. About the workplace, never a person:
a round stores the area answers the group agreed on, a risk what it is about in words."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from kasam.org.models import Unit


class Area(models.TextChoices):
    """The areas of the organisational and social work environment the round goes through."""

    WORKLOAD = "workload", _("Workload and resources")
    WORKING_HOURS = "working_hours", _("Working hours and recovery")
    VICTIMISATION = "victimisation", _("Victimisation and conflicts")
    GOALS = "goals", _("Goals and clarity")
    KNOWLEDGE = "knowledge", _("Knowledge and introduction")
    COOPERATION = "cooperation", _("Cooperation and participation")


class SafetyRound(models.Model):
    """The psychosocial part of a unit's safety round (skyddsrond), held at a workplace meeting by the
    manager and the safety representative; done when both have signed."""

    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="+")
    held_on = models.DateField(_("held on"))
    participants = models.CharField(_("who took part"), max_length=300, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    manager_signed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    manager_signed_on = models.DateField(null=True, blank=True)
    representative_signed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    representative_signed_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["unit", "-held_on"]
        verbose_name = _("safety round")
        verbose_name_plural = _("safety rounds")

    def __str__(self) -> str:
        return f"{self.unit_id} {self.held_on}"

    @property
    def signed_on(self):
        """The day the round was done: when the second of the two signed."""
        if self.manager_signed_on and self.representative_signed_on:
            return max(self.manager_signed_on, self.representative_signed_on)
        return None


class AreaAnswer(models.Model):
    class Answer(models.TextChoices):
        WORKS_WELL = "works_well", _("Works well")
        NEEDS_ATTENTION = "needs_attention", _("Needs attention")
        RISK = "risk", _("Risk")

    round = models.ForeignKey(SafetyRound, on_delete=models.CASCADE, related_name="answers")
    area = models.CharField(max_length=20, choices=Area.choices)
    answer = models.CharField(_("answer"), max_length=20, choices=Answer.choices)
    note = models.CharField(_("what we saw"), max_length=500, blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["round", "area"], name="sam_one_answer_an_area")]

    def __str__(self) -> str:
        return f"{self.round_id} {self.area} {self.answer}"


class Risk(models.Model):
    """A risk found at a round (or between rounds), rated likelihood × consequence, that becomes an
    action in the unit's health plan or is accepted with a reason; closed when its action is done."""

    class Decision(models.TextChoices):
        UNDECIDED = "", _("Not decided yet")
        ACTION = "action", _("An action in the health plan")
        ACCEPTED = "accepted", _("Accepted")

    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="+")
    round = models.ForeignKey(
        SafetyRound, null=True, blank=True, on_delete=models.SET_NULL, related_name="risks"
    )
    area = models.CharField(_("area"), max_length=20, choices=Area.choices)
    description = models.CharField(_("the risk"), max_length=500)
    likelihood = models.PositiveSmallIntegerField(_("how likely"))
    consequence = models.PositiveSmallIntegerField(_("how serious"))
    participants = models.CharField(_("who took part"), max_length=300, blank=True)
    found_on = models.DateField(_("found on"))
    due_on = models.DateField(_("to be dealt with by"))
    decision = models.CharField(max_length=10, choices=Decision.choices, blank=True)
    accepted_reason = models.CharField(_("why it is accepted"), max_length=500, blank=True)
    activity = models.ForeignKey(
        "plans.Activity", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    closed_on = models.DateField(null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    representative_signed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    representative_signed_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["unit", "-found_on", "pk"]

    def __str__(self) -> str:
        return f"{self.unit_id} {self.area} {self.likelihood}×{self.consequence}"


class TaskDelegation(models.Model):
    """A delegated work-environment task (uppgiftsfördelning): who holds which tasks over a unit, given
    by whom, accepted when, with the knowledge, authority and resources the rules ask for; returned
    (returnering) with a reason when the holder cannot carry it."""

    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="+")
    holder = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    given_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    tasks = models.TextField(_("the tasks"))
    knowledge = models.TextField(_("the knowledge needed, and how it is had"), blank=True)
    authority = models.TextField(_("the authority that comes with it"), blank=True)
    resources = models.TextField(_("the resources: time, money, staff"), blank=True)
    given_on = models.DateField(_("given on"))
    accepted_on = models.DateField(_("accepted on"), null=True, blank=True)
    ends_on = models.DateField(_("until"), null=True, blank=True)
    returned_on = models.DateField(_("returned on"), null=True, blank=True)
    return_reason = models.TextField(_("why it is returned"), blank=True)

    class Meta:
        ordering = ["unit", "-given_on", "pk"]

    def __str__(self) -> str:
        return f"{self.unit_id} {self.holder_id} {self.given_on}"


class RoutineDocument(models.Model):
    """A routine document of the organisation (policy, routine for victimisation, crisis plan …) that
    goes into every inspection pack: a PDF uploaded by the health strategist or HR."""

    title = models.CharField(_("title"), max_length=200)
    content = models.BinaryField()
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    uploaded_on = models.DateField()

    class Meta:
        ordering = ["title"]

    def __str__(self) -> str:
        return self.title


class ReminderSent(models.Model):
    """That a unit manager was sent the week's work-environment reminder (kasam.sam.reminders): at most
    one a week, written before the mail goes."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    week = models.DateField(help_text="The Monday of the ISO week.")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "week"], name="sam_reminder_once_a_week")]

    def __str__(self) -> str:
        return f"{self.user_id} {self.week}"

"""Leadership building blocks: the catalogue of trainings and methods (in Swedish and English), who
has taken which and when, and each leader's private checklist over time.

A training record is HR data about a leader, read by those above (VIEW_LEADERSHIP). A checklist answer
is the leader's own: only the leader reads it; others see aggregates over at least k leaders
(kasam.leadership.summary)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from kasam.core.bilingual import in_language


class BuildingBlock(models.Model):
    """A training or method of leadership development (kasam.leadership.catalogue's built-in ones, and
    the organisation's own)."""

    class Kind(models.TextChoices):
        TRAINING = "training", _("training")
        METHOD = "method", _("method")

    slug = models.SlugField(_("short name in addresses"), max_length=60, unique=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    title_sv = models.CharField(_("title (Swedish)"), max_length=200)
    title_en = models.CharField(_("title (English)"), max_length=200, blank=True)
    description_sv = models.TextField(_("description (Swedish)"), max_length=2000)
    description_en = models.TextField(_("description (English)"), max_length=2000, blank=True)
    position = models.PositiveSmallIntegerField(default=0)
    in_use = models.BooleanField(_("in use"), default=True, help_text=_("Shown in the catalogue."))
    # Part of Kasam's own catalogue (kasam.leadership.catalogue); added once, then the organisation's.
    builtin = models.BooleanField(default=False, editable=False)

    class Meta:
        ordering = ["position", "title_sv"]

    def __str__(self) -> str:
        return self.title_sv

    @property
    def title(self) -> str:
        return in_language(self, "title")

    @property
    def description(self) -> str:
        return in_language(self, "description")


class Training(models.Model):
    """A leader has taken a training or learnt a method, on a day."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="leadership_trainings"
    )
    block = models.ForeignKey(BuildingBlock, on_delete=models.PROTECT, related_name="trainings")
    completed_on = models.DateField(_("date"))
    note = models.CharField(_("note"), max_length=500, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-completed_on", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["user", "block", "completed_on"], name="training_once_a_day")
        ]

    def __str__(self) -> str:
        return f"{self.user_id} {self.block.slug} {self.completed_on}"


class ChecklistAnswer(models.Model):
    """A leader's own answer to the ten statements of the checklist on a day: {statement slug: 1..5}.
    One per leader and day. Never shown to anyone but the leader."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="leadership_checklist"
    )
    answered_on = models.DateField(_("date"))
    scores = models.JSONField()
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["answered_on", "id"]
        constraints = [models.UniqueConstraint(fields=["user", "answered_on"], name="checklist_once_a_day")]

    def __str__(self) -> str:
        return f"{self.user_id} {self.answered_on}"


class ChecklistRelease(models.Model):
    """One released aggregate of the checklist: the year's figures over the leaders of a scope (a unit
    and its subtree), as they stood when released. Never changed afterwards: a leader leaving or being
    added changes nothing here; a new release of the same scope and year is made only when the people
    rule allows it (kasam.leadership.releases, docs/anonymity.md "Aggregates over people").

    `figures` is the ledger of the release: per statement its number of answers, whether that number
    passed the rule (at least k), and the shown mean and share answering 4–5 (None when hidden).
    `used` names the answer rows the release was built from – [leader id, answer id, answer version] –
    so that the next release can tell who was added, removed or edited; never a score."""

    scope = models.ForeignKey("org.Unit", on_delete=models.PROTECT, related_name="+")
    year = models.PositiveSmallIntegerField()
    published_on = models.DateField()
    leaders = models.PositiveIntegerField()
    k = models.PositiveSmallIntegerField()
    figures = models.JSONField()
    used = models.JSONField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["scope", "year", "created_at", "id"]
        indexes = [models.Index(fields=["scope", "year"], name="checklist_release_scope_year")]

    def __str__(self) -> str:
        return f"{self.scope_id} {self.year} {self.published_on} ({self.leaders})"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise ValueError("a checklist release is never changed; make a new one")
        super().save(*args, **kwargs)

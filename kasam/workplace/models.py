from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class PersonalLink(models.Model):
    """A link to one's own workplace page that needs no password (docs/employee-page.md "Personal
    links"). Only a keyed hash of the token is stored; the link ends on `expires_on` or when revoked."""

    person = models.ForeignKey("org.Person", on_delete=models.CASCADE, related_name="personal_links")
    token_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    expires_on = models.DateField()
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("personal link")
        verbose_name_plural = _("personal links")

    def __str__(self) -> str:
        return f"{self.person_id} {self.expires_on}"


class ResultsNotice(models.Model):
    """That the results of a closed pulse round were sent back to everyone invited (once per round)."""

    round = models.OneToOneField("pulse.Round", on_delete=models.CASCADE, related_name="+")
    sent_at = models.DateTimeField(auto_now_add=True)
    email = models.PositiveIntegerField(default=0)
    sms = models.PositiveIntegerField(default=0)
    failed = models.PositiveIntegerField(default=0)

    def __str__(self) -> str:
        return f"{self.round_id}"


class HealthColumn(models.Model):
    """The month's health column (hälsokolumnen): drafted by Kasam, edited and published by the health
    strategist, shown on every employee's page and given as an HTML snippet for the newsletter
    (docs/employee-page.md "The health column")."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("draft")
        PUBLISHED = "published", _("published")

    month = models.DateField(unique=True)  # the first day of the month
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.DRAFT)
    title = models.CharField(_("heading"), max_length=200)
    improved = models.TextField(_("what improved"), max_length=2000, blank=True)
    example = models.TextField(_("a good example"), max_length=2000, blank=True)
    # The activity a unit offered as its good example (plans.Activity.shared_on), once used.
    example_activity = models.ForeignKey(
        "plans.Activity", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    next_theme = models.TextField(_("the next theme"), max_length=2000, blank=True)
    figure = models.TextField(_("a released figure"), max_length=1000, blank=True)
    published_at = models.DateTimeField(null=True, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-month"]
        verbose_name = _("health column")
        verbose_name_plural = _("health columns")

    def __str__(self) -> str:
        return self.month.strftime("%Y-%m")

    def parts(self) -> list[tuple[str, str]]:
        """(part, text) of the parts written, in the order they are shown."""
        parts = [("improved", self.improved), ("example", self.example), ("next_theme", self.next_theme)]
        return [(name, text) for name, text in [*parts, ("figure", self.figure)] if text.strip()]

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

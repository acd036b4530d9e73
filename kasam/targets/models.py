"""Targets (måltal): a level or a change on one Kasam figure for one year (docs/definitions.md
"Targets")."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Target(models.Model):
    """A target on one Kasam figure for one year. Every target has a base year whose actual figure is
    the base; the value is a level, or a change in percentage points against the base."""

    class Figure(models.TextChoices):
        SICK_LEAVE = "sick_leave", _("sick leave (%)")
        LONG_TERM_SHARE = "long_term_share", _("share of sick leave that is 60 days or longer (%)")
        HEALTHY_ATTENDANCE = "healthy_attendance", _("healthy attendance (%)")
        HME = "hme", _("HME, total index")
        NMI = "nmi", _("NMI")
        PULSE_INDEX = "pulse_index", _("pulse index")
        GOOD_HEALTH = "good_health", _("share with good or better health (%)")

    class Scope(models.TextChoices):
        ORGANISATION = "organisation", _("the organisation")
        EACH_UNIT = "each_unit", _("each unit")

    class Kind(models.TextChoices):
        LEVEL = "level", _("a level")
        CHANGE = "change", _("a change in percentage points")

    figure = models.CharField(_("figure"), max_length=30, choices=Figure.choices)
    # The pulse dimension of a pulse-index target (blank otherwise).
    dimension = models.CharField(_("pulse dimension"), max_length=40, blank=True)
    scope = models.CharField(_("applies to"), max_length=20, choices=Scope.choices)
    # The unit a target is for: the organisation's root for an organisation target, or one unit whose
    # own target differs from the organisation's. Blank for "each unit" targets over the whole tree.
    unit = models.ForeignKey("org.Unit", null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    year = models.PositiveSmallIntegerField(_("target year"))
    kind = models.CharField(_("kind of target"), max_length=10, choices=Kind.choices)
    value = models.DecimalField(_("value"), max_digits=7, decimal_places=2)
    base_year = models.PositiveSmallIntegerField(_("base year"))
    note = models.CharField(_("note"), max_length=300, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["figure", "year", "id"]
        verbose_name = _("target")
        verbose_name_plural = _("targets")
        # The table keeps the name it had when the model lived in kasam.plans (targets/migrations/0001).
        db_table = "plans_target"

    def __str__(self) -> str:
        return f"{self.get_figure_display()} {self.year}"

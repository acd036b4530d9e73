"""The annual employee survey (medarbetarundersökning, docs/adr/009-survey-stored-as-distributions.md).

Only answer distributions per reporting group are stored: the units' respondents are pooled bottom-up
into groups of at least k (kasam.metrics.survey.pool_cells) and a group keeps its gender cells only
when each reaches k; an item with fewer than k answers in a stored cell is not stored. Nothing stored
describes fewer than k persons. The survey keeps the tree it was imported on and the disclosure
decision made then; the pages read both and never decide again."""

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
    # Which definitions the figures follow (docs/definitions.md: store which definition an imported survey
    # used).
    hme_definition = models.CharField(max_length=60, default="skr-hme-9-items-1-5")
    nmi_definition = models.CharField(max_length=60, blank=True)
    k = models.PositiveSmallIntegerField(default=5, validators=[MinValueValidator(3)])
    filename = models.CharField(max_length=255)
    # SHA-256 of the imported file: the same file twice is refused.
    file_sha256 = models.CharField(max_length=64, unique=True)
    imported_at = models.DateTimeField(auto_now_add=True)
    imported_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL)
    # Frozen at import: the organisation tree {unit id: parent id or null} the survey is read on, and
    # which nodes, items and gender splits it shows (kasam.metrics.survey.SurveyDecision.as_json;
    # the organisation is the node ""). Never recomputed.
    tree = models.JSONField(default=dict, blank=True)
    decision = models.JSONField(default=dict, blank=True)
    # What pooling left out (dropped answers, and what the data migration withdrew from old surveys).
    report = models.JSONField(default=dict, blank=True)

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
    # A reporting group that keeps no gender split: one cell for everyone in it.
    ALL = "*", _("everyone")


class UnitRespondents(models.Model):
    """How many answered the survey in a reporting group (stored against its unit; null: the
    organisation above several roots), per gender cell – always at least the survey's k."""

    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="respondents")
    unit = models.ForeignKey("org.Unit", null=True, on_delete=models.PROTECT, related_name="+")
    gender = models.CharField(max_length=1, choices=Gender.choices, blank=True)
    respondents = models.PositiveIntegerField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["survey", "unit", "gender"], name="survey_unit_respondents_once")
        ]

    def __str__(self) -> str:
        return f"{self.survey} {self.unit_id} {self.gender}: {self.respondents}"


class Distribution(models.Model):
    """How many in a reporting group (and gender cell) gave `value` to `item`; an item is stored for
    a cell only when at least k of it answered the item."""

    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="distributions")
    unit = models.ForeignKey("org.Unit", null=True, on_delete=models.PROTECT, related_name="+")
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


class NodeFigures(models.Model):
    """A shown node's gated figures in an imported survey, computed once at import from the stored
    cells, frozen tree and decision (kasam.survey.stored) – the pages, the targets and the plans read
    these rows of their viewer's scope instead of recomputing the survey. Rows exist ONLY for what the
    gate shows: a node the decision hides, or a split group, has no row (docs/anonymity.md), so every
    row describes at least k respondents. `group` is "*" for the node's everyone, or one gender group
    ("K", "M", "" other or not stated) of a split the decision shows. `items` holds the node's item
    indices (None where the item is not shown), for its gap analysis; empty on split rows."""

    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="node_figures")
    unit = models.ForeignKey("org.Unit", null=True, on_delete=models.PROTECT, related_name="+")
    group = models.CharField(max_length=1, choices=Gender.choices, blank=True, default=Gender.ALL)
    respondents = models.PositiveIntegerField()
    hme_total = models.FloatField(null=True)
    hme_motivation = models.FloatField(null=True)
    hme_ledarskap = models.FloatField(null=True)
    hme_styrning = models.FloatField(null=True)
    nmi = models.FloatField(null=True)
    enps = models.FloatField(null=True)
    items = models.JSONField(default=dict, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["survey", "unit", "group"],
                condition=models.Q(unit__isnull=False),
                name="survey_node_figures_once",
            ),
            models.UniqueConstraint(
                fields=["survey", "group"],
                condition=models.Q(unit__isnull=True),
                name="survey_organisation_figures_once",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.survey} {self.unit_id or 'organisation'} {self.group}"

"""The dialog library (programmes and their themes, in Swedish and English), the dialogs held at the
workplace meeting, and the groups' own evaluations (DFU). Never a participant's name: a dialog
stores how many took part."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from kasam.core.bilingual import in_language, texts_in_language

# The generation (kasam.core.generations) of the programmes and dialogs: bumped by every save.
GENERATION = "dialogs"


class Programme(models.Model):
    class Kind(models.TextChoices):
        SERIES = "series", _("a series of short dialogs")
        WORKSHOP = "workshop", _("a workshop")
        CHECK_IN_OUT = "check_in_out", _("check-in and check-out")
        CARD_DECK = "card_deck", _("a card deck")
        TRIO = "trio", _("trio groups")

    slug = models.SlugField(_("short name in addresses"), max_length=60, unique=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    title_sv = models.CharField(_("title (Swedish)"), max_length=200)
    title_en = models.CharField(_("title (English)"), max_length=200, blank=True)
    description_sv = models.TextField(_("description (Swedish)"), max_length=2000)
    description_en = models.TextField(_("description (English)"), max_length=2000, blank=True)
    # Cards of a card deck or of check-in and check-out: [{"sv": …, "en": …}, …]
    cards = models.JSONField(default=list, blank=True)
    position = models.PositiveSmallIntegerField(default=0)
    in_use = models.BooleanField(_("in use"), default=True, help_text=_("Shown in the library."))
    # Part of Kasam's own library (kasam.dialogs.library); added once, then the organisation's to edit.
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

    def card_texts(self) -> list[str]:
        return texts_in_language(self.cards)


class Theme(models.Model):
    """One theme of a programme: a purpose, an introduction read aloud, 2–4 questions asked one at a
    time, an exercise where it helps, and a closing reflection."""

    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="themes")
    slug = models.SlugField(_("short name in addresses"), max_length=60)
    position = models.PositiveSmallIntegerField(default=0)
    minutes = models.PositiveSmallIntegerField(
        _("minutes"), default=15, validators=[MinValueValidator(1), MaxValueValidator(480)]
    )
    title_sv = models.CharField(_("title (Swedish)"), max_length=200)
    title_en = models.CharField(_("title (English)"), max_length=200, blank=True)
    purpose_sv = models.TextField(_("purpose (Swedish)"), max_length=1000)
    purpose_en = models.TextField(_("purpose (English)"), max_length=1000, blank=True)
    introduction_sv = models.TextField(_("introduction (Swedish)"), max_length=3000)
    introduction_en = models.TextField(_("introduction (English)"), max_length=3000, blank=True)
    # [{"sv": …, "en": …}, …], two to four
    questions = models.JSONField(default=list)
    exercise_sv = models.TextField(_("exercise (Swedish)"), max_length=2000, blank=True)
    exercise_en = models.TextField(_("exercise (English)"), max_length=2000, blank=True)
    reflection_sv = models.TextField(_("closing reflection (Swedish)"), max_length=1000)
    reflection_en = models.TextField(_("closing reflection (English)"), max_length=1000, blank=True)

    class Meta:
        ordering = ["programme", "position", "id"]
        constraints = [models.UniqueConstraint(fields=["programme", "slug"], name="theme_slug_per_programme")]

    def __str__(self) -> str:
        return self.title_sv

    @property
    def title(self) -> str:
        return in_language(self, "title")

    @property
    def purpose(self) -> str:
        return in_language(self, "purpose")

    @property
    def introduction(self) -> str:
        return in_language(self, "introduction")

    @property
    def exercise(self) -> str:
        return in_language(self, "exercise")

    @property
    def reflection(self) -> str:
        return in_language(self, "reflection")

    def question_texts(self) -> list[str]:
        return texts_in_language(self.questions)


class DialogRecord(models.Model):
    """A dialog held at a unit's workplace meeting: never names, only how many took part."""

    unit = models.ForeignKey("org.Unit", on_delete=models.PROTECT, related_name="+")
    programme = models.ForeignKey(Programme, on_delete=models.PROTECT, related_name="records")
    theme = models.ForeignKey(Theme, null=True, blank=True, on_delete=models.PROTECT, related_name="records")
    held_on = models.DateField(_("date"))
    participants = models.PositiveIntegerField(_("number of participants"), validators=[MinValueValidator(1)])
    reflections = models.TextField(_("the group's reflections"), max_length=4000)
    led_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    # The actions the group agreed on, as activities of the unit's health plan.
    activities = models.ManyToManyField("plans.Activity", blank=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-held_on", "-id"]
        indexes = [
            # Reach reads every record of a programme up to a day.
            models.Index(fields=["programme", "held_on"], name="dialog_programme_day"),
        ]

    def __str__(self) -> str:
        return f"{self.unit_id} {self.held_on} {self.programme.slug}"


class Evaluation(models.Model):
    """Participant-formulated evaluation (DFU): after a programme the group writes its own questions,
    puts them in order of importance and answers each with examples."""

    unit = models.ForeignKey("org.Unit", on_delete=models.PROTECT, related_name="+")
    programme = models.ForeignKey(Programme, on_delete=models.PROTECT, related_name="evaluations")
    written_on = models.DateField(_("date"))
    participants = models.PositiveIntegerField(_("number of participants"), validators=[MinValueValidator(1)])
    # [{"question": …, "answer": …, "examples": …}, …] in the group's order of importance.
    answers = models.JSONField(default=list)
    written_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-written_on", "-id"]

    def __str__(self) -> str:
        return f"{self.unit_id} {self.written_on} {self.programme.slug}"


class PlannedMeeting(models.Model):
    """A coming workplace meeting the unit manager has planned: a day, a theme and who leads it. It shows
    on the unit's plan and on its employees' page until it is registered (`record`)."""

    unit = models.ForeignKey("org.Unit", on_delete=models.PROTECT, related_name="+")
    held_on = models.DateField(_("date"))
    theme = models.ForeignKey(Theme, on_delete=models.PROTECT, related_name="planned_meetings")
    facilitator = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    record = models.OneToOneField(
        DialogRecord, null=True, blank=True, on_delete=models.SET_NULL, related_name="planned"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["held_on", "id"]
        indexes = [models.Index(fields=["unit", "held_on"], name="dialog_planned_unit_day")]

    def __str__(self) -> str:
        return f"{self.unit_id} {self.held_on}"

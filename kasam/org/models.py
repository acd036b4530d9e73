"""The organisation: a tree of units, the persons employed in it, and who may see what (docs/definitions.md
"Organisation and imports"). Unit and person ids are the HR system's own strings, so they are the primary
keys and the import files' columns map one to one onto these tables."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class Unit(models.Model):
    class Kind(models.TextChoices):
        ADMINISTRATION = "administration", _("administration")
        AREA = "area", _("area")
        UNIT = "unit", pgettext_lazy("unit kind", "unit")
        TEAM = "team", _("team")

    id = models.CharField(primary_key=True, max_length=64)
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="children"
    )
    name = models.CharField(max_length=200)
    kind = models.CharField(max_length=20, choices=Kind.choices)
    activity = models.CharField(max_length=100, blank=True)
    # "/root/area/unit/": subtree reads are one indexed prefix match (access.visible_units).
    path = models.CharField(max_length=2000, db_index=True, editable=False)

    class Meta:
        ordering = ["path"]
        verbose_name = _("unit")
        verbose_name_plural = _("units")

    def __str__(self) -> str:
        return self.name

    @property
    def depth(self) -> int:
        return self.path.count("/") - 2


class UnitVersion(models.Model):
    """What a unit was – its parent, name, kind and activity – from `valid_from` to `valid_to`
    (inclusive; null = until further notice): the tree's history (docs/import-formats.md, units).
    `Unit` keeps today's tree, on which a viewer's scope is decided; figures of a period follow
    each day's tree from these rows (kasam.metrics.tree_history). A unit's first version also holds
    for the days before it. A unit without any row here holds its place in `Unit` on every day."""

    unit = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="versions")
    parent = models.ForeignKey(Unit, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    name = models.CharField(max_length=200)
    kind = models.CharField(max_length=20, choices=Unit.Kind.choices)
    activity = models.CharField(max_length=100, blank=True)
    valid_from = models.DateField()
    valid_to = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["unit_id", "valid_from"]
        verbose_name = _("unit version")
        verbose_name_plural = _("unit versions")
        constraints = [
            models.UniqueConstraint(fields=["unit", "valid_from"], name="unit_version_key"),
            models.CheckConstraint(
                condition=models.Q(valid_to__isnull=True) | models.Q(valid_to__gte=models.F("valid_from")),
                name="unit_version_to_after_from",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.unit_id} under {self.parent_id or '–'} from {self.valid_from}"


class Person(models.Model):
    class Gender(models.TextChoices):
        WOMAN = "K", _("woman")
        MAN = "M", _("man")
        OTHER = "", _("other or not stated")

    id = models.CharField(primary_key=True, max_length=64)
    birth_year = models.PositiveSmallIntegerField()
    gender = models.CharField(max_length=1, choices=Gender.choices, blank=True)
    first_name = models.CharField(max_length=100, blank=True)
    last_name = models.CharField(max_length=100, blank=True)
    email = models.EmailField(blank=True)
    phone = models.CharField(max_length=40, blank=True)
    # The language the person's employee pages open in until they pick one (kasam.core.languages;
    # empty: Swedish). Set by the people import's optional column `language`.
    language = models.CharField(max_length=16, blank=True)
    # Set when a login belongs to this person (demo accounts now, single sign-on later).
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="person"
    )

    class Meta:
        ordering = ["last_name", "first_name", "id"]
        verbose_name = _("person")
        verbose_name_plural = _("persons")

    def __str__(self) -> str:
        return f"{self.first_name} {self.last_name}".strip() or self.id


class Employment(models.Model):
    class Pay(models.TextChoices):
        MONTHLY = "monthly", _("monthly paid")
        HOURLY = "hourly", _("hourly paid")

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="employments")
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="employments")
    start_date = models.DateField()
    end_date = models.DateField(null=True, blank=True)
    rate = models.DecimalField(max_digits=5, decimal_places=2)
    weekly_hours = models.DecimalField(max_digits=5, decimal_places=2, default=40)
    pay = models.CharField(max_length=10, choices=Pay.choices)

    class Meta:
        ordering = ["person_id", "start_date"]
        verbose_name = _("employment")
        verbose_name_plural = _("employments")
        constraints = [
            models.UniqueConstraint(fields=["person", "unit", "start_date"], name="employment_key"),
            models.CheckConstraint(
                condition=models.Q(rate__gt=0, rate__lte=100), name="employment_rate_range"
            ),
            models.CheckConstraint(
                condition=models.Q(end_date__isnull=True) | models.Q(end_date__gte=models.F("start_date")),
                name="employment_end_after_start",
            ),
        ]
        # Staff of a unit on a day: unit pages and headcounts filter by unit and date range.
        indexes = [models.Index(fields=["unit", "start_date", "end_date"], name="employment_unit_dates")]

    def __str__(self) -> str:
        return f"{self.person_id} @ {self.unit_id} {self.start_date}"


class Role(models.TextChoices):
    """The nine roles (docs/definitions.md "Roles and who sees what"). What each may do is set out once, in
    org.roles."""

    EMPLOYEE = "employee", _("employee")
    UNIT_MANAGER = "unit_manager", _("unit manager")
    AREA_MANAGER = "area_manager", _("area manager")
    LEADERSHIP = "leadership", _("leadership")
    HEALTH_STRATEGIST = "health_strategist", _("health strategist")
    HR = "hr", _("HR")
    DIALOG_COACH = "dialog_coach", _("dialog coach")
    COMMITTEE = "committee", _("committee member")
    # The safety representative (skyddsombud) of the units of a subtree: the work-environment cycle.
    SAFETY_REPRESENTATIVE = "safety_rep", _("safety representative")


class RoleAssignment(models.Model):
    """A user holds a role over a unit and its whole subtree."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="role_assignments"
    )
    role = models.CharField(max_length=20, choices=Role.choices)
    unit = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="role_assignments")

    class Meta:
        verbose_name = _("role assignment")
        verbose_name_plural = _("role assignments")
        constraints = [
            models.UniqueConstraint(fields=["user", "role", "unit"], name="role_assignment_unique")
        ]

    def __str__(self) -> str:
        return f"{self.user} – {self.get_role_display()} – {self.unit}"


class StaffNamesStamp(models.Model):
    """One row whose `version` changes whenever a staff name may have changed (kasam.org.staff_names):
    every process can tell, with one small read, whether the names it holds are still the current
    ones. A table rather than a cache server: the demo and every production worker share it."""

    id = models.PositiveSmallIntegerField(primary_key=True, default=1, editable=False)
    version = models.PositiveBigIntegerField(default=0)

    def __str__(self) -> str:
        return f"staff names v{self.version}"

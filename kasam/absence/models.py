"""Absence spells as imported (DOMAIN.md "Inputs", Absence). Only kind `sjuk` takes part in the
sick-leave figures; other kinds are kept because the import file is the whole truth for its range."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from kasam.org.models import Person

SICK = "sjuk"


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

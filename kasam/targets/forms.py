"""The form for setting a target (MANAGE_TARGETS): what is checked, in words the health strategist
understands.

Choices the definition (docs/definitions.md "Targets") leaves open:
- Years: a base year from 2000 up to this year (its figure is known once it has ended) and a target
  year after the base year, at most ten years ahead.
- Values: every Kasam figure a target can name lies on 0–100 (shares in per cent, indices in points),
  so a level lies on 0–100 and a change in percentage points between −100 and +100. A value may be
  written with a decimal comma ("8,55") and a typographic minus ("−0,75").
- "Each unit" on the tree's root is stored without a unit (the model's "each unit over the whole
  tree"); on another unit, with that unit.
- One target per figure, dimension, scope, unit and year: a second would make "the target" ambiguous.
"""

from decimal import Decimal

from django import forms
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from kasam.core.dates import today
from kasam.org import access
from kasam.org.picker import UnitField
from kasam.org.roles import Capability
from kasam.pulse import results
from kasam.pulse.dimensions import dimension_name
from kasam.targets.models import Target

FIRST_YEAR = 2000
YEARS_AHEAD = 10
LIMIT = Decimal(100)


class PointsField(forms.DecimalField):
    """A decimal number typed the Swedish way or the English way."""

    def to_python(self, value):
        if isinstance(value, str):
            value = (
                value.strip().replace("\u2212", "-").replace(",", ".").replace(" ", "").replace("\u00a0", "")
            )
        return super().to_python(value)


def _year_input():
    return forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off", "size": 6})


class TargetForm(forms.ModelForm):
    figure = forms.ChoiceField(label=_("Figure"), choices=Target.Figure.choices)
    dimension = forms.ChoiceField(
        label=_("Pulse dimension"), help_text=_("Only for a pulse index."), required=False
    )
    scope = forms.ChoiceField(
        label=_("Applies to"),
        choices=Target.Scope.choices,
        help_text=_(
            "The organisation: one target for the chosen unit's figure. Each unit: every unit of kind "
            "“unit” below the chosen unit is to reach the target on its own."
        ),
    )
    unit = UnitField(label=_("Unit"), help_text=_("For the whole organisation, choose its top unit."))
    base_year = forms.IntegerField(
        label=_("Base year"),
        help_text=_("The year whose actual figure is the starting point. It comes before the target year."),
        widget=_year_input(),
    )
    year = forms.IntegerField(label=_("Target year"), widget=_year_input())
    kind = forms.ChoiceField(label=_("Kind of target"), choices=Target.Kind.choices)
    value = PointsField(
        label=_("Value"),
        max_digits=7,
        decimal_places=2,
        help_text=_(
            "A level in the figure's own unit, e.g. 8.55 for 8.55 % sick leave or 75 for NMI 75. A change "
            "in percentage points against the base year, e.g. −0.75 or +2: percentage points, not per cent."
        ),
        widget=forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off", "size": 8}),
    )
    note = forms.CharField(label=_("Note"), max_length=300, required=False)

    class Meta:
        model = Target
        fields = ["figure", "dimension", "scope", "unit", "base_year", "year", "kind", "value", "note"]

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        units = access.units_for(user, Capability.MANAGE_TARGETS).order_by("path")
        self.fields["unit"].offer(units)
        self.fields["dimension"].choices = [("", "—")] + [
            (dimension, dimension_name(dimension)) for dimension in results.DIMENSION_ORDER
        ]
        if self.instance.pk and self.instance.unit_id is None:
            self.initial["unit"] = units.filter(parent__isnull=True).first()
        elif not self.instance.pk:
            self.initial.setdefault("unit", units.first())
            self.initial.setdefault("base_year", today().year - 1)
            self.initial.setdefault("year", today().year)

    def clean_base_year(self):
        year = self.cleaned_data["base_year"]
        last = today().year
        if not FIRST_YEAR <= year <= last:
            raise forms.ValidationError(
                gettext("Choose a base year from %(first)s to %(last)s.")
                % {"first": FIRST_YEAR, "last": last}
            )
        return year

    def clean_year(self):
        year = self.cleaned_data["year"]
        last = today().year + YEARS_AHEAD
        if not FIRST_YEAR < year <= last:
            raise forms.ValidationError(
                gettext("Choose a target year from %(first)s to %(last)s.")
                % {"first": FIRST_YEAR + 1, "last": last}
            )
        return year

    def clean(self):
        cleaned = super().clean()
        figure, dimension = cleaned.get("figure"), cleaned.get("dimension")
        if figure == Target.Figure.PULSE_INDEX and not dimension:
            self.add_error("dimension", gettext("A pulse-index target needs a dimension: choose one."))
        elif figure and figure != Target.Figure.PULSE_INDEX and dimension:
            self.add_error(
                "dimension", gettext("Only a pulse index has a dimension. Leave it empty for this figure.")
            )
        base_year, year = cleaned.get("base_year"), cleaned.get("year")
        if base_year is not None and year is not None and base_year >= year:
            self.add_error("base_year", gettext("The base year must come before the target year."))
        self._check_value(cleaned.get("kind"), cleaned.get("value"))
        if not self.errors:
            self._check_unique(cleaned)
        return cleaned

    def _check_value(self, kind, value) -> None:
        if value is None:
            return
        if kind == Target.Kind.LEVEL and not 0 <= value <= LIMIT:
            self.add_error("value", gettext("A level lies from 0 to 100."))
        if kind == Target.Kind.CHANGE and not -LIMIT < value < LIMIT:
            self.add_error(
                "value", gettext("A change is given in percentage points and lies between −100 and +100.")
            )

    def _stored_unit(self, cleaned):
        unit = cleaned.get("unit")
        if cleaned.get("scope") == Target.Scope.EACH_UNIT and unit is not None and unit.parent_id is None:
            return None
        return unit

    def _check_unique(self, cleaned) -> None:
        others = Target.objects.filter(
            figure=cleaned["figure"],
            dimension=cleaned.get("dimension") or "",
            scope=cleaned["scope"],
            unit=self._stored_unit(cleaned),
            year=cleaned["year"],
        ).exclude(pk=self.instance.pk)
        if others.exists():
            raise forms.ValidationError(gettext("There is already a target for this figure, unit and year."))

    def save(self, commit=True):
        target = super().save(commit=False)
        target.dimension = self.cleaned_data.get("dimension") or ""
        target.unit = self._stored_unit(self.cleaned_data)
        if commit:
            target.save()
        return target

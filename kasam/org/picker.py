"""Choosing one unit of the viewer's scope in a form, whatever the size of the scope.

Up to SELECT_MAX units the field is a list (a select, indented like the tree). A health strategist of
a municipality of 50,000 employees has some 3,000 units: as a list that is 200 KB of HTML nobody
scrolls. Beyond SELECT_MAX the field is a text box instead: the person writes the unit's name (or
part of it) or its id. One unit matching exactly is taken; when several match, the form comes back
with them as choices (at most CHOICES, nearest the top of the tree first); when none does, it says so.
No script is needed, and the page stays small."""

from django import forms
from django.db.models import Q, QuerySet
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from kasam.org.models import Unit

SELECT_MAX = 200
CHOICES = 15


def matching(units: QuerySet[Unit], text: str) -> QuerySet[Unit]:
    """The units whose name contains `text` or whose id is `text`, nearest the top first."""
    return units.filter(Q(name__icontains=text) | Q(pk__iexact=text)).order_by("path")


def indented(unit: Unit, top: int) -> str:
    """The unit's name, indented by its depth below `top`."""
    return "\u00a0\u00a0" * (unit.depth - top) + unit.name


class UnitSearchInput(forms.TextInput):
    """A text box for a unit's name or id, followed by radio buttons for the units that matched what
    was written when more than one did (`choices`, set by UnitField). A radio button, when chosen,
    wins over the text."""

    template_name = "org/widgets/unit_search.html"

    def __init__(self, attrs=None):
        super().__init__({"autocomplete": "off", **(attrs or {})})
        self.choices: list[Unit] = []

    def value_from_datadict(self, data, files, name):
        values = [value for value in data.getlist(name) if value.strip()] if hasattr(data, "getlist") else []
        return values[-1] if values else data.get(name)

    def format_value(self, value):
        if isinstance(value, Unit):
            return value.name
        return super().format_value(value)

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        context["widget"]["choices"] = [(unit.pk, f"{unit.name} ({unit.pk})") for unit in self.choices]
        return context


class UnitField(forms.Field):
    """One unit of the queryset given to `offer` (the viewer's scope for what the form does)."""

    default_error_messages = {
        "invalid_choice": _("Choose one of your units from the list."),
        "none": _("None of your units is called “%(text)s”. Write a part of its name or its id."),
        "several": _("Several of your units match “%(text)s”. Choose one below, or write its whole name."),
    }

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.units: QuerySet[Unit] = Unit.objects.none()

    def offer(self, units: QuerySet[Unit], empty_label: str | None = None) -> None:
        self.units = units.order_by("path")
        if self.units.count() <= SELECT_MAX:
            listed = list(self.units)
            top = min((unit.depth for unit in listed), default=0)
            choices = [(unit.pk, indented(unit, top)) for unit in listed]
            self.widget = forms.Select(choices=[("", empty_label), *choices] if empty_label else choices)
        else:
            self.widget = UnitSearchInput()
            hint = gettext("Write the unit's name, a part of it, or its id.")
            self.help_text = f"{self.help_text} {hint}" if self.help_text else hint
        self.widget.is_required = self.required

    @property
    def searches(self) -> bool:
        return isinstance(self.widget, UnitSearchInput)

    def prepare_value(self, value):
        """The select's value is the id; the text box shows the unit's name (an initial id, as from
        a link's ?enhet=, is looked up)."""
        if isinstance(value, Unit):
            return value if self.searches else value.pk
        if self.searches and value:
            return self.units.filter(pk=value).first() or value
        return value

    def to_python(self, value):
        if isinstance(value, Unit):
            return value
        text = str(value or "").strip()
        if not text:
            return None
        found = self.units.filter(pk=text).first()
        if found is not None:
            return found
        if not self.searches:
            raise forms.ValidationError(self.error_messages["invalid_choice"], code="invalid_choice")
        for exact in (Q(pk__iexact=text), Q(name__iexact=text)):
            named = list(self.units.filter(exact)[:2])
            if len(named) == 1:
                return named[0]
        self.widget.choices = named or list(matching(self.units, text)[:CHOICES])
        if not self.widget.choices:
            raise forms.ValidationError(self.error_messages["none"], code="none", params={"text": text})
        raise forms.ValidationError(self.error_messages["several"], code="several", params={"text": text})

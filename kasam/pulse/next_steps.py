"""What a manager can do about a pulse dimension that fell – talk about it at the workplace meeting,
strengthen it in the unit's plan – offered beside the early signal. The apps above the pulse add
their steps (kasam.dialogs, kasam.plans, in their AppConfig.ready), as they add tracked statements:
the pulse never imports them."""

from collections.abc import Callable
from dataclasses import dataclass, field

from django.urls import reverse
from django.utils.translation import gettext

from kasam.pulse.results import pulse_units


@dataclass(frozen=True)
class Step:
    label: str
    url: str
    # The fields of a form posted to `url` (a step that changes something); empty: a link.
    post: dict[str, str] = field(default_factory=dict)


# provider(user, unit, dimension id, dimension name) → its steps; registered by the apps above.
PROVIDERS: list[Callable[..., list[Step]]] = []


def steps(user, unit, dimension_id: str, dimension_name: str) -> list[Step]:
    found = [step for provider in PROVIDERS for step in provider(user, unit, dimension_id, dimension_name)]
    return [*found, across_units(user, unit, dimension_name)]


def across_units(user, unit, dimension_name: str) -> Step:
    """The same dimension in the units beside this one: the overview one level up when the viewer sees
    that level, else the unit's own groups."""
    level = unit.parent_id if pulse_units(user).filter(pk=unit.parent_id).exists() else unit.pk
    label = gettext("Compare %(name)s with other units") % {"name": dimension_name.lower()}
    return Step(label, f"{reverse('pulse:overview')}?enhet={level}")

"""What a manager can do about a pulse dimension that fell – talk about it at the workplace meeting,
strengthen it in the unit's plan – offered beside the early signal. The apps above the pulse add
their steps (kasam.dialogs, kasam.plans, in their AppConfig.ready), as they add tracked statements:
the pulse never imports them."""

from collections.abc import Callable
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Step:
    label: str
    url: str
    # The fields of a form posted to `url` (a step that changes something); empty: a link.
    post: dict[str, str] = field(default_factory=dict)


# provider(user, unit, dimension id, dimension name) → its steps; registered by the apps above.
PROVIDERS: list[Callable[..., list[Step]]] = []


def steps(user, unit, dimension_id: str, dimension_name: str) -> list[Step]:
    return [step for provider in PROVIDERS for step in provider(user, unit, dimension_id, dimension_name)]

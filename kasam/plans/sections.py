"""Parts that apps above the plans add to a unit's health-plan page (kasam.dialogs: the coming
workplace meetings), each a function (request, unit) -> HTML, registered in the app's ready()."""

from collections.abc import Callable

SECTIONS: list[Callable] = []


def render_sections(request, unit) -> list[str]:
    return [html for section in SECTIONS if (html := section(request, unit))]

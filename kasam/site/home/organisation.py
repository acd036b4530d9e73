"""The organisation against its targets – leadership's and HR's home, and in plain words the
committee's: each target in the viewer's scope as the target list assesses it (kasam.targets.pages,
from the viewer's actual figures: live, or for the committee from releases), with the actual figures'
trend and a link to the target's page."""

from dataclasses import dataclass
from functools import partial

from django.urls import reverse
from django.utils.text import capfirst
from django.utils.translation import gettext

from kasam.site.home.trend import Trend, trend
from kasam.targets import pages
from kasam.targets import scope as target_scope
from kasam.targets.figures import Actuals

SHOWN = 6  # the first targets; the list page has them all


@dataclass(frozen=True)
class TargetItem:
    view: pages.TargetView
    title: str
    trend: Trend | None
    url: str

    @property
    def sentence(self) -> str:
        """Where the target stands, in plain words (the target page's verdict, or why it is not known)."""
        focus = self.view.focus
        if focus is None:
            units = len(self.view.units)
            return gettext("%(on_track)s of %(total)s units are on track.") % {
                "on_track": self.view.on_track_count,
                "total": units,
            }
        return focus.verdict or focus.unknown_reason


@dataclass(frozen=True)
class TargetsSection:
    items: list[TargetItem]
    total: int
    url: str


def section(request) -> TargetsSection:
    targets = target_scope.visible_targets(request.user)
    actuals = Actuals(request.viewer)
    items = []
    for target in targets[:SHOWN]:
        view = pages.list_view(target, request.user, actuals)
        title = f"{capfirst(view.label)}, {target.year}"
        line = None
        if view.focus is not None:
            values = [value for _day, value in view.focus.points]
            text = partial(pages.figure_text, target)
            line = trend(gettext("%(figure)s over time") % {"figure": capfirst(view.label)}, values, text)
        items.append(
            TargetItem(view, title, line, reverse("targets:detail", kwargs={"target_id": target.pk}))
        )
    return TargetsSection(items, len(targets), reverse("targets:list"))

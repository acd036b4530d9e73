"""The viewer: one object per request that answers "what may this viewer see of this unit in this
period" (docs/definitions.md "Roles and who sees what").

Views never check a scope or a hidden set themselves: they ask `request.viewer` (set by
`ViewerMiddleware`) and render what it gives. Behind each question is the one gate's stored decision
(kasam.metrics.disclosure) or a published release:

- sick leave and its cost: a unit covered by a manager's, leadership's, HR's or the health
  strategist's role is seen live (unsuppressed); every other unit in scope (the committee's) only
  through the latest published release, which shows a unit or says nothing about it;
- pulse: a closed round's shown nodes inside the viewer's scope, the nearest shown unit above a
  hidden one, and the free text listed under a visible shown node;
- survey: the units of the viewer's scope; a row is shown or hidden by the survey's frozen decision.

Each answer is computed once per request (cached), so a page that asks about many units reads the
database once.
"""

from __future__ import annotations

from functools import cached_property

from django.http import Http404
from django.utils.functional import SimpleLazyObject

from kasam.absence import access as absence_access
from kasam.absence import released
from kasam.core import generations
from kasam.org.access import assignments_key, units_for
from kasam.org.models import Unit
from kasam.org.roles import Capability
from kasam.org.stats import ORG
from kasam.pulse import results as pulse
from kasam.survey import results as survey


class Viewer:
    def __init__(self, user):
        self.user = user

    @cached_property
    def cache_key(self) -> tuple:
        """Equal for viewers who see the same (kasam.core.generations): the roles over units."""
        return assignments_key(self.user)

    def _unit_ids(self, name: str, units) -> frozenset[str]:
        """The ids of a scope's units, the same for every viewer with the same roles over the same units
        until the organisation changes (kasam.core.generations): thousands of ids for a whole
        organisation, asked for on most pages."""
        key = ("viewer-units", name, self.cache_key)
        return generations.cached(ORG, key, lambda: frozenset(units().values_list("pk", flat=True)))

    # ----------------------------------------------------------------------- sick leave and cost

    @cached_property
    def sick_leave_units(self):
        """The units whose sick-leave figures (live or released) the viewer may see, as a queryset."""
        return absence_access.sick_leave_units(self.user)

    @cached_property
    def sick_leave_unit_ids(self) -> frozenset[str]:
        return self._unit_ids("sick-leave", lambda: self.sick_leave_units)

    @cached_property
    def live_sick_leave_ids(self) -> frozenset[str]:
        """Units the viewer sees unsuppressed and live (their managers, leadership, HR, strategist)."""
        return self._unit_ids("sick-leave-live", lambda: absence_access.ungated_units(self.user))

    def sick_leave_unit(self, unit_id: str):
        """The unit, if the viewer may see its sick leave at all; otherwise "not found" (Http404)."""
        return absence_access.get_sick_leave_unit(self.user, unit_id)

    def sick_leave_is_live(self, unit_id: str) -> bool:
        return unit_id in self.live_sick_leave_ids

    def sick_leave_released_only(self, unit_ids) -> bool:
        """True when the viewer sees every one of these (non-empty) units through releases only."""
        unit_ids = set(unit_ids)
        return bool(unit_ids) and not (unit_ids & self.live_sick_leave_ids)

    @cached_property
    def latest_sick_leave_release(self) -> released.SickLeaveRelease | None:
        return released.latest_sick_leave()

    def sick_leave_year_release(self, year: int) -> released.SickLeaveRelease | None:
        if year not in self._year_releases:
            self._year_releases[year] = released.year_release(year)
        return self._year_releases[year]

    @cached_property
    def _year_releases(self) -> dict:
        return {}

    @cached_property
    def released_years(self) -> list[int]:
        return released.released_years()

    def sick_leave_shown(self, unit_id: str, release: released.SickLeaveRelease | None = None) -> bool:
        """May the viewer see this unit's sick-leave figures (and every figure computed from them)?
        Live units always; others only where the release (the latest unless given) shows them."""
        if unit_id not in self.sick_leave_unit_ids:
            return False
        if self.sick_leave_is_live(unit_id):
            return True
        release = release if release is not None else self.latest_sick_leave_release
        return release is not None and release.shows(unit_id)

    # ------------------------------------------------------------------------------------ pulse

    @cached_property
    def pulse_scope(self) -> frozenset[str]:
        return self._unit_ids("pulse", lambda: pulse.pulse_units(self.user))

    def sees_pulse_unit(self, unit_id: str) -> bool:
        return unit_id in self.pulse_scope

    def pulse_nodes(self, loaded: pulse.RoundResults, units=None) -> list[pulse.NodeView]:
        """The round's nodes inside the viewer's scope (and among `units`, if given), figures for the
        shown ones only."""
        return pulse.viewer_nodes(loaded, set(self.pulse_scope), units)

    def pulse_latest_round(self, status: str):
        """The latest round of the status (open or closed) whose frozen tree meets the viewer's scope."""
        return pulse.latest_round(self.pulse_scope, status)

    def pulse_level(self, tree: dict, unit_id: str | None = None) -> list[tuple[str, list[str]]]:
        """One level of a round's tree for the viewer: [(unit, its children in the scope)] – the unit
        asked for (if in the scope), or the roots of the viewer's scope."""
        return pulse.scope_level(tree, set(self.pulse_scope), unit_id)

    def pulse_path(self, tree: dict, unit_id: str) -> list[str]:
        """The units above `unit_id` in a round's tree that the viewer sees, topmost first."""
        return pulse.path_in(tree, unit_id, set(self.pulse_scope))

    def pulse_nearest_shown(self, loaded: pulse.RoundResults, unit_id: str) -> str | None:
        """For a unit the round hides: the nearest shown unit above it (an employee's own group being
        hidden, they see the unit their group is part of), or None."""
        return pulse.nearest_shown(loaded, unit_id)

    @cached_property
    def pulse_comment_scope(self) -> frozenset[str]:
        """Units whose free-text comments the viewer reads (not the dialog coaches', not the
        committee's: Capability.VIEW_PULSE_COMMENTS)."""
        return frozenset(units_for(self.user, Capability.VIEW_PULSE_COMMENTS).values_list("pk", flat=True))

    def pulse_comments(
        self, loaded: pulse.RoundResults, nodes: list[pulse.NodeView], limit: int | None = None
    ) -> dict[str, tuple[list[str], int]]:
        """The free text the viewer may read, listed under the shown nodes among `nodes` in the
        viewer's comment scope: {node: (at most `limit` of its comments, how many it has)}."""
        visible = {node.unit for node in nodes if node.shown} & self.pulse_comment_scope
        return pulse.comment_sample(loaded, visible, limit)

    def pulse_unit_comments(self, loaded: pulse.RoundResults, unit_id: str, shown: bool) -> list[str]:
        """The free text listed under one unit of a round in which it was `shown`, if the viewer reads it."""
        readable = shown and unit_id in self.pulse_comment_scope
        return pulse.comments(loaded, {unit_id} if readable else set()).get(unit_id, [])

    # ----------------------------------------------------------------------------------- survey

    @cached_property
    def survey_scope(self) -> frozenset[str]:
        return self._unit_ids("survey", lambda: survey.survey_units(self.user))

    def sees_survey_unit(self, unit_id: str) -> bool:
        return unit_id in self.survey_scope

    def survey_rows(self, loaded: survey.LoadedSurvey) -> list[survey.Row]:
        """One survey's rows for the viewer's scope, each shown or hidden by the survey's decision."""
        return loaded.rows(set(self.survey_scope))

    def survey_level(self, stored: survey.StoredSurvey, unit_id: str | None = None) -> survey.SurveyLevel:
        """One level of a survey's overview within the viewer's scope: the scope's top units and their
        children, or `unit_id` and its children – "not found" (Http404) for a unit outside the scope."""
        if unit_id is not None and not self.sees_survey_unit(unit_id):
            raise Http404
        return stored.level(self.survey_scope, unit_id)


class CommitteeViewer(Viewer):
    """The committee's view without a committee user, for public documents (the annual report, the
    health account): every unit is in scope, each only through releases and the gates, whoever asks."""

    def __init__(self):
        super().__init__(user=None)

    @cached_property
    def cache_key(self) -> tuple:
        return ("committee",)

    @cached_property
    def sick_leave_units(self):
        return Unit.objects.all()

    @cached_property
    def live_sick_leave_ids(self) -> frozenset[str]:
        return frozenset()

    @cached_property
    def pulse_scope(self) -> frozenset[str]:
        return self.sick_leave_unit_ids

    @cached_property
    def survey_scope(self) -> frozenset[str]:
        return self.sick_leave_unit_ids


def viewer_for(request) -> Viewer:
    return Viewer(request.user)


class ViewerMiddleware:
    """Gives every request its viewer, made on first use (after authentication)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.viewer = SimpleLazyObject(lambda: viewer_for(request))
        return self.get_response(request)

"""A survey's stored counts → the disclosure gate → what a viewer may see (DOMAIN.md "Employee
survey", ADR 009). The only path by which survey figures leave the database: the pages, the export,
the health plan's snapshot and the targets read them here.

- `load_survey` reads the survey's per-unit counts (genders summed) and runs
  kasam.metrics.survey.tree_results over TODAY's organisation tree (each unit's current parent; a
  unit moved since the survey carries its counts with it). k is the survey's own.
- Every role sees the same gated figures (Capability.VIEW_SURVEY over its scope); there is no
  unsuppressed survey view. A viewer sees the units of their scope and the organisation as a whole
  (the comparison of the gap analysis).
- Choice: a hidden node shows no figure and NOT its number of respondents either (`Row.respondents`
  is None) – "too few answers to show" is all a page, export or snapshot says of it. A shown node's
  respondents are shown.
- Gender splits: kasam.survey.splits over the whole tree, figures by kasam.metrics.survey.node_figures
  with the split gate's nodes and items; a suppressed split has no group figures anywhere.
- The previous survey of a survey is the latest one of an earlier year (tie: the latest imported).
"""

from collections import defaultdict
from dataclasses import dataclass, field
from functools import cached_property

from django.db.models import Sum
from django.utils.translation import gettext_lazy as _

from kasam.metrics.survey import (
    ENPS_ITEM,
    HME_SUBINDICES,
    INDEX_ITEMS,
    ORGANISATION,
    GapRow,
    SurveyResults,
    gap_analysis,
    node_figures,
    tree_results,
)
from kasam.org.access import units_for
from kasam.org.models import Unit
from kasam.org.roles import Capability
from kasam.survey.models import Distribution, Survey, UnitRespondents
from kasam.survey.splits import GROUPS, SplitGate, split_gate

GROUP_LABELS = {"K": _("Women"), "M": _("Men"), "": _("Other or not stated")}


def survey_scope(user) -> set[str]:
    """The unit ids whose survey figures the user may see (the subtrees of their assignments)."""
    return set(units_for(user, Capability.VIEW_SURVEY).values_list("pk", flat=True))


def latest_survey(year: int | None = None) -> Survey | None:
    """The latest survey (of `year` or before, when given)."""
    surveys = Survey.objects.order_by("-year", "-imported_at", "-pk")
    if year is not None:
        surveys = surveys.filter(year__lte=year)
    return surveys.first()


def previous_survey(survey: Survey) -> Survey | None:
    return latest_survey(survey.year - 1)


@dataclass
class Row:
    """One node as a page shows it; everything but the name and level is None when hidden."""

    unit_id: str
    name: str
    level: int
    shown: bool
    respondents: int | None
    hme: dict = field(default_factory=dict)
    nmi: float | None = None
    enps: float | None = None

    @property
    def total(self) -> float | None:
        return self.hme.get("total")

    @property
    def subindices(self) -> list[tuple[str, float | None]]:
        return [(name, self.hme.get(name)) for name in HME_SUBINDICES]


def _row(unit_id: str, name: str, level: int, figures: dict) -> Row:
    if not figures["shown"]:
        return Row(unit_id, name, level, False, None, dict.fromkeys(figures["hme"]))
    return Row(
        unit_id,
        name,
        level,
        True,
        figures["respondents"],
        dict(figures["hme"]),
        figures["nmi"],
        figures["enps"],
    )


class LoadedSurvey:
    """One survey through the gate, the same for every viewer."""

    def __init__(self, survey: Survey):
        self.survey = survey
        units = Unit.objects.values_list("pk", "parent_id", "name")
        self.parent_of = {pk: parent for pk, parent, _name in units}
        self.names = {pk: name for pk, _parent, name in units}
        respondents = dict(
            UnitRespondents.objects.filter(survey=survey)
            .values("unit_id")
            .annotate(n=Sum("respondents"))
            .values_list("unit_id", "n")
        )
        counts: dict[str, dict[str, dict[int, int]]] = defaultdict(lambda: defaultdict(dict))
        for unit, item, value, n in (
            Distribution.objects.filter(survey=survey)
            .values("unit_id", "item", "value")
            .annotate(n=Sum("count"))
            .values_list("unit_id", "item", "value", "n")
        ):
            counts[unit][item][value] = n
        self.results: SurveyResults = tree_results(self.parent_of, respondents, counts, k=survey.k)

    # --------------------------------------------------------------------------------- the table

    def organisation_row(self) -> Row:
        return _row(ORGANISATION, str(_("The whole organisation")), 0, self.results.organisation)

    def unit_row(self, unit_id: str, level: int = 0) -> Row:
        return _row(unit_id, self.names.get(unit_id, unit_id), level, self.results.units[unit_id])

    def rows(self, scope: set[str]) -> list[Row]:
        """Every unit of the viewer's scope in tree order (a parent before its subtree); the level
        counts from the top of the viewer's scope."""
        level: dict[str, int] = {}
        rows = []
        for unit in self.results.units:  # tree order
            if unit not in scope:
                continue
            parent = self.parent_of.get(unit)
            level[unit] = level[parent] + 1 if parent in level else 0
            rows.append(self.unit_row(unit, level[unit]))
        return rows

    # ---------------------------------------------------------------------------------- the gaps

    def item_indices(self, unit_id: str) -> dict[str, float | None] | None:
        """The unit's item indices when it is shown, else None."""
        return self.results.items.get(unit_id)

    def gaps(self, unit_id: str, previous: "LoadedSurvey | None" = None) -> list[GapRow]:
        """kasam.metrics.survey.gap_analysis of the unit (the rows gap_analyses gives it): against the
        organisation and, where the unit was shown there, its previous survey. [] when hidden."""
        items = self.results.items.get(unit_id)
        if items is None:
            return []
        before = None if previous is None else previous.results.items.get(unit_id)
        return gap_analysis(items, self.results.organisation_items, before)

    # --------------------------------------------------------------------------------- the splits

    def _items_shown(self, node: str) -> set[str]:
        items = self.results.organisation_items if node == ORGANISATION else self.results.items.get(node)
        figures = self.results.organisation if node == ORGANISATION else self.results.units[node]
        shown = {item for item in INDEX_ITEMS if items and items.get(item) is not None}
        return shown | ({ENPS_ITEM} if figures["enps"] is not None else set())

    @cached_property
    def _by_gender(self) -> tuple[dict, dict]:
        """Each unit's own counts per gender, read once: ({gender: {unit: respondents}}, {gender:
        {unit: {item: {value: answers}}}})."""
        respondents: dict[str, dict[str, int]] = defaultdict(dict)
        for unit, gender, n in UnitRespondents.objects.filter(survey=self.survey).values_list(
            "unit_id", "gender", "respondents"
        ):
            respondents[gender][unit] = n
        counts: dict = defaultdict(lambda: defaultdict(lambda: defaultdict(dict)))
        for unit, gender, item, value, n in Distribution.objects.filter(survey=self.survey).values_list(
            "unit_id", "gender", "item", "value", "count"
        ):
            counts[gender][unit][item][value] = n
        return respondents, counts

    @cached_property
    def split(self) -> SplitGate:
        respondents, counts = self._by_gender
        answers: dict = defaultdict(lambda: defaultdict(dict))
        for gender, units in counts.items():
            for unit, items in units.items():
                for item, values in items.items():
                    answers[gender][item][unit] = sum(values.values())
        shown = set(self.results.shown) | ({ORGANISATION} if self.results.organisation["shown"] else set())
        items = {node: self._items_shown(node) for node in shown}
        return split_gate(self.parent_of, shown, respondents, answers, items, self.survey.k)

    @cached_property
    def _children(self) -> dict[str | None, list[str]]:
        children: dict[str | None, list[str]] = defaultdict(list)
        for unit, parent in self.parent_of.items():
            children[parent].append(unit)
        return children

    def _subtree(self, node: str) -> list[str]:
        """The node and every unit below it; the organisation: every unit."""
        if node == ORGANISATION:
            return list(self.parent_of)
        found, stack = [], [node]
        while stack:
            unit = stack.pop()
            found.append(unit)
            stack.extend(self._children.get(unit, ()))
        return found

    def gender_split(self, node: str) -> dict[str, Row] | None:
        """{group: Row} of the node's women, men (and other or not stated, when anyone) when the
        split gate lets the node show a split; None otherwise – then no group has a figure."""
        if node not in self.split.nodes:
            return None
        respondents, counts = self._by_gender
        units = self._subtree(node)
        items = self.split.items_of(node)
        split = {}
        for group in GROUPS:
            n = sum(respondents.get(group, {}).get(unit, 0) for unit in units)
            if n == 0:
                continue
            tally: dict[str, dict[int, int]] = defaultdict(lambda: defaultdict(int))
            for unit in units:
                for item, values in counts.get(group, {}).get(unit, {}).items():
                    for value, answers in values.items():
                        tally[item][value] += answers
            figures = node_figures(n, tally, self.survey.k, True, items)
            split[group] = _row(node, str(GROUP_LABELS[group]), 0, figures)
        return split


def load_survey(survey: Survey) -> LoadedSurvey:
    return LoadedSurvey(survey)

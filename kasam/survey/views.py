"""The employee survey's pages: the surveys with one survey's table for the viewer's scope, and a
unit's page with its gender split and gap analysis. Every figure comes from kasam.survey.results,
i.e. through the disclosure gate, the same for every role (Capability.VIEW_SURVEY over its scope); a
unit outside the scope and a survey that does not exist are "not found". A login without a role has
no survey to read: not even the organisation's figures (refused, as every page of a capability).

The unit page offers, to those who may edit the unit's health plan (EDIT_HEALTH_PLAN over the unit),
one button per gap (an item below the organisation) that makes it an area to strengthen in the plan
of the current year (kasam.plans' `area-from-source`, POST source=survey, ref=item, title=the item's
Swedish name). Choice: the current year's plan, the one the plan pages open by default; a survey
answered this autumn is acted upon in the plan that runs now."""

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext
from django.views.decorators.http import require_GET

from kasam.core import charts
from kasam.core.dates import today
from kasam.core.formatting import format_number
from kasam.org import access
from kasam.org.access import require_capability
from kasam.org.models import Unit
from kasam.org.roles import Capability
from kasam.survey import results
from kasam.survey.items import SUBINDEX_LABELS, group_label, item_label, plan_title
from kasam.survey.models import Survey

PAGE_SIZE = 100
HEATMAP_ROWS = 60  # the first rows of the page: a heat map of a hundred rows is too tall to read


def _survey_or_latest(survey_id: int | None) -> Survey | None:
    if survey_id is None:
        return results.latest_survey()
    return get_object_or_404(Survey.objects.defer(*results.FROZEN), pk=survey_id)


def heatmap_chart(rows: list[results.Row]):
    columns = [(str(label), name) for name, label in SUBINDEX_LABELS.items()]
    data = [
        {"unit": row.name, "figure": label, "index": row.hme.get(name) if row.shown else None}
        for row in rows[:HEATMAP_ROWS]
        for label, name in columns
    ]
    data += [{"unit": row.name, "figure": "NMI", "index": row.nmi} for row in rows[:HEATMAP_ROWS]]
    if not any(cell["index"] is not None for cell in data):
        return None
    return charts.heatmap(
        data,
        x="figure",
        y="unit",
        value="index",
        title=gettext("HME sub-indices and NMI per unit"),
        value_title=gettext("Index (0–100)"),
        y_title=gettext("Unit"),
        description=gettext("Darker cells are higher indices. Empty cells: too few answers to show."),
        percent=False,
        decimals=0,
        chart_id="survey-heatmap",
    )


@login_required
@require_GET
@require_capability(Capability.VIEW_SURVEY)
def overview(request, survey_id: int | None = None):
    """The surveys, and one survey's figures one level at a time (the latest survey when none is
    named): the top units of the viewer's scope and their children, or with `?enhet=` that unit and
    its children (its siblings paged by PAGE_SIZE), with the way back up. The figures are those stored
    at import (kasam.survey.stored), read for the listed units only."""
    survey = _survey_or_latest(survey_id)
    context: dict = {
        "surveys": Survey.objects.only("pk", "name", "year").order_by("-year", "-imported_at", "-pk"),
        "survey": survey,
        "can_import": access.can(request.user, Capability.IMPORT_DATA),
        "subindices": list(SUBINDEX_LABELS.items()),
    }
    if survey is not None:
        stored = results.stored_survey(survey)
        level = request.viewer.survey_level(stored, request.GET.get("enhet") or None)
        page = Paginator(level.listed, PAGE_SIZE).get_page(request.GET.get("page"))
        rows = level.rows([*level.heads, *page.object_list])
        heads = len(level.heads)
        context.update(
            organisation=stored.organisation_row(),
            heads=rows[:heads],
            # (row, a way down): a listed unit with units below it in the scope links to them.
            listed=[
                (row, index >= heads and row.unit_id in level.with_children) for index, row in enumerate(rows)
            ],
            trail=level.names(level.trail),
            # survey:unit without a reverse() per row.
            unit_prefix=reverse("survey:unit", args=[survey.pk, "-"])[:-2],
            page=page,
            heatmap=heatmap_chart(rows),
        )
    return render(request, "survey/overview.html", context)


def figure_rows(row: results.Row, organisation: results.Row) -> list[tuple]:
    """(key, label, the unit's figure, the organisation's) for the unit's figure table."""
    rows = [("hme", gettext("HME, total index"), row.total, organisation.total)]
    rows += [
        (name, label, row.hme.get(name), organisation.hme.get(name))
        for name, label in SUBINDEX_LABELS.items()
    ]
    return rows + [("nmi", "NMI", row.nmi, organisation.nmi), ("enps", "eNPS", row.enps, organisation.enps)]


def gap_rows(gaps, can_edit: bool) -> list[dict]:
    return [
        {
            "gap": gap,
            "label": item_label(gap.item),
            "group": group_label(gap.item),
            "title": plan_title(gap.item),
            "button": can_edit and not gap.strength,
            "gap_text": format_number(gap.gap, 1, sign=True),
            "change_text": format_number(gap.change, 1, sign=True),
        }
        for gap in gaps
    ]


@login_required
@require_GET
def unit_page(request, survey_id: int, unit_id: str):
    survey = get_object_or_404(Survey.objects.defer(*results.FROZEN), pk=survey_id)
    if not request.viewer.sees_survey_unit(unit_id):
        raise Http404
    unit = Unit.objects.get(pk=unit_id)
    stored = results.stored_survey(survey)
    row = stored.unit_row(unit_id)
    previous = results.previous_survey(survey)
    before = (
        results.stored_survey(previous).item_indices(unit_id) if previous is not None and row.shown else None
    )
    can_edit = access.units_for(request.user, Capability.EDIT_HEALTH_PLAN).filter(pk=unit_id).exists()
    rows = gap_rows(stored.gaps(unit_id, before), can_edit)
    context = {
        "survey": survey,
        "unit": unit,
        "row": row,
        "figure_rows": figure_rows(row, stored.organisation_row()),
        "split": stored.gender_split(unit_id) if row.shown else None,
        "previous": previous,
        "strengths": [r for r in rows if r["gap"].strength],
        "gaps": [r for r in rows if not r["gap"].strength],
        "can_edit": can_edit,
        "plan_year": today().year,
        "subindices": list(SUBINDEX_LABELS.items()),
        "other_surveys": Survey.objects.only("pk", "name", "year")
        .exclude(pk=survey.pk)
        .order_by("-year", "-imported_at", "-pk"),
    }
    return render(request, "survey/unit.html", context)

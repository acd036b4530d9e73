"""The pulse's result pages: the overview of the viewer's scope and the unit dashboard. Every figure
comes from kasam.pulse.results, i.e. through the disclosure gate; no page shows a person's answer, a
hidden node's figures or a hidden node's number of respondents.

The overview shows one level of the tree at a time, sized for people whatever the organisation: the
roots of the viewer's scope and their children, or (`?enhet=<id>`) one unit and its children, with a
breadcrumb back up and long lists of children a hundred at a time; a closed round's figures are read
only for the rows shown (kasam.pulse.stored)."""

from dataclasses import dataclass

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils.translation import get_language, gettext
from django.views.decorators.http import require_GET

from kasam.core import charts, generations
from kasam.org.access import can, roles_of
from kasam.org.models import Role, Unit
from kasam.org.roles import Capability
from kasam.org.stats import ORG
from kasam.pulse import next_steps, results
from kasam.pulse.dimensions import dimension_name
from kasam.pulse.models import Round

ROWS_PER_PAGE = 100
# The heat map draws the first rows of the page's table (each row ~0.9 KB of SVG with every dimension):
# the page stays under ~150 KB.
HEATMAP_ROWS = 60
# Comments per unit on the overview, drawn at random; the unit's dashboard lists them all.
COMMENTS_PER_UNIT = 3


def _names(ids) -> dict[str, str]:
    return dict(Unit.objects.filter(pk__in=list(ids)).values_list("pk", "name"))


@dataclass
class Row:
    node: results.NodeView
    name: str
    level: int
    figures: list  # [(dimension name, DimensionResult or None)] in DIMENSION_ORDER
    has_children: bool = False


def _rows(
    nodes: list[results.NodeView],
    names: dict[str, str],
    dimensions: list[str],
    parents: set[str] = frozenset(),
) -> list[Row]:
    level: dict[str, int] = {}
    rows = []
    for node in nodes:
        level[node.unit] = level[node.parent] + 1 if node.parent in level else 0
        figures = [(dimension_name(d), node.dimensions.get(d)) for d in dimensions]
        name = names.get(node.unit, node.unit)
        rows.append(Row(node, name, level[node.unit], figures, node.unit in parents))
    return rows


@dataclass
class Level:
    """The units one overview shows of one round: the top units (the unit asked for, or the viewer's
    scope roots) with their children, a page of them."""

    tops: list[str]
    units: list[str]  # tops and the children on this page, in tree order
    page: object  # the Paginator page of the children (or, with several tops, of all rows)
    parents: set[str]  # units shown below the tops that have children (a link down)


def _level(request, tree: dict, focus: str | None) -> Level:
    groups = request.viewer.pulse_level(tree, focus)
    children = results.children_in(tree)
    number = request.GET.get("page")
    if len(groups) == 1:
        top, kids = groups[0]
        page = Paginator(kids, ROWS_PER_PAGE).get_page(number)
        units = [top, *page.object_list]
        tops = [top]
    else:
        flat = [unit for top, kids in groups for unit in (top, *kids)]
        page = Paginator(flat, ROWS_PER_PAGE).get_page(number)
        units = list(page.object_list)
        tops = [top for top, _kids in groups]
    return Level(tops, units, page, {unit for unit in units if children.get(unit) and unit not in tops})


def _dimensions(nodes) -> list[str]:
    present = {d for node in nodes for d in node.dimensions}
    return [d for d in results.DIMENSION_ORDER if d in present]


def _improvements(current: dict, previous: dict) -> list[tuple[str, float]]:
    return [(dimension_name(d), change) for d, change in results.improvements(current, previous)]


def heatmap_chart(rows: list[Row], dimensions: list[str]):
    data = [
        {
            "unit": row.name,
            "dimension": name,
            "index": None if result is None or result.index is None else round(result.index, 1),
        }
        for row in rows[:HEATMAP_ROWS]
        for name, result in row.figures
    ]
    if not data or not dimensions:
        return None
    return charts.heatmap(
        data,
        x="dimension",
        y="unit",
        value="index",
        title=gettext("Pulse index per unit and dimension"),
        value_title=gettext("Index (0–100)"),
        y_title=gettext("Unit"),
        description=gettext("Darker cells are higher indices. Empty cells: too few answers to show."),
        percent=False,
        decimals=0,
        chart_id="pulse-heatmap",
    )


def _shown_above(request, loaded: results.RoundResults, unit_id: str) -> dict | None:
    """An employee's own group is hidden: the nearest shown unit above it (docs/anonymity.md), named,
    never a blank."""
    node = request.viewer.pulse_nearest_shown(loaded, unit_id)
    if node is None:
        return None
    loaded.read([node])
    figures = loaded.release.results.get(node, {})
    dimensions = [d for d in results.DIMENSION_ORDER if d in figures]
    return {
        "unit": node,
        "name": _names([node]).get(node, node),
        "figures": [(dimension_name(d), figures[d]) for d in dimensions],
    }


@login_required
@require_GET
def overview(request):
    """The latest closed round for the viewer's scope, and the live response rate of an open one: one
    level of the tree (`?enhet=<unit id>`: that unit and its children; else the scope's roots and their
    children), a hundred rows a page."""
    focus = request.GET.get("enhet") or None
    if focus is not None and not request.viewer.sees_pulse_unit(focus):
        raise Http404
    # The page is the same for every viewer with the same roles over the same units, until a round
    # changes or the organisation does (kasam.core.generations) – and for at most the minute the open
    # round's response rates are kept anyway. Rendering a hundred rows costs more than reading them.
    key = (
        "pulse-overview",
        request.viewer.cache_key,
        get_language(),
        tuple(sorted((name, tuple(values)) for name, values in request.GET.lists())),
    )
    content = generations.cached(
        ("pulse", ORG),
        key,
        lambda: render_to_string("pulse/overview_content.html", _overview(request, focus), request),
        timeout=results.LIVE_SECONDS,
    )
    return render(request, "pulse/overview.html", {"content": content})


def _overview(request, focus: str | None) -> dict:
    viewer = request.viewer
    context: dict = {
        "closed": None,
        "open": None,
        "can_manage": can(request.user, Capability.MANAGE_PULSE),
        "can_translate": can(request.user, Capability.MANAGE_TRANSLATIONS),
    }
    open_round = viewer.pulse_latest_round(Round.Status.OPEN)
    closed = viewer.pulse_latest_round(Round.Status.CLOSED)
    names: dict[str, str] = {}
    if focus is not None:
        tree = (closed or open_round).tree if (closed or open_round) else {}
        trail = viewer.pulse_path(tree, focus) if focus in tree else []
        names = _names([*trail, focus])
        context["focus"] = {"unit": focus, "name": names.get(focus, focus)}
        context["trail"] = [{"unit": unit, "name": names.get(unit, unit)} for unit in trail]
    if open_round:
        level = _level(request, open_round.tree, focus)
        live = viewer.pulse_nodes(results.load_round(open_round), level.units)
        names.update(_names(node.unit for node in live if node.unit not in names))
        context["open"] = open_round
        context["live_rows"] = _rows(live, names, [], level.parents)
        context["live_page"] = level.page
    employee = Role.EMPLOYEE in roles_of(request.user)
    if closed:
        level = _level(request, closed.tree, focus)
        loaded = results.load_round(closed, nodes=level.units)
        nodes = viewer.pulse_nodes(loaded, level.units)
        names.update(_names(node.unit for node in nodes if node.unit not in names))
        dimensions = _dimensions(nodes)
        rows = _rows(nodes, names, dimensions, level.parents)
        headline = []
        for row in (row for row in rows if row.node.unit in level.tops):
            above = _shown_above(request, loaded, row.node.unit) if employee and not row.node.shown else None
            improved = []
            if row.node.shown:
                previous = results.previous_shown(closed, row.node.unit)
                if previous is not None:
                    before = results.node_history(row.node.unit, [previous])[0].item_scores
                    improved = _improvements(loaded.item_scores(row.node.unit), before)
            headline.append({"row": row, "improved": improved[:3], "above": above})
        comments = viewer.pulse_comments(loaded, nodes, COMMENTS_PER_UNIT)
        context.update(
            closed=closed,
            rows=rows,
            page=level.page,
            dimension_names=[dimension_name(d) for d in dimensions],
            headline=headline,
            heatmap=heatmap_chart(rows, dimensions)
            if can(request.user, Capability.VIEW_PULSE_HEATMAP)
            else None,
            comments=[
                {"unit": node, "name": names.get(node, node), "texts": texts, "total": total}
                for node, (texts, total) in sorted(comments.items())
            ],
        )
    return context


@login_required
@require_GET
def dashboard(request, unit_id: str):
    """One unit over the rounds: each dimension's index where the node was shown, the latest round's
    figures, what improved most, comments and – for unit managers and health strategists – early
    signals. Outside the viewer's scope the unit is "not found"."""
    if not request.viewer.sees_pulse_unit(unit_id):
        raise Http404
    unit = Unit.objects.get(pk=unit_id)
    rounds = results.closed_rounds_with(unit_id)
    points = results.node_history(unit_id, rounds)
    context: dict = {"unit": unit, "points": points, "latest": None}
    shown = [p for p in points if p.shown]
    if points:
        latest = points[-1]
        context["latest"] = latest
        loaded = results.load_round(latest.round, figures=False)  # the figures are in `points`
        context["response_rate"] = loaded.response_rate(unit_id)
        context["respondents"] = loaded.release.respondents.get(unit_id)
        dimensions = [d for d in results.DIMENSION_ORDER if d in latest.dimensions]
        context["figures"] = [(dimension_name(d), latest.dimensions[d]) for d in dimensions]
        if latest.shown and len(shown) >= 2:
            context["improved"] = _improvements(latest.item_scores, shown[-2].item_scores)[:3]
        context["comments"] = request.viewer.pulse_unit_comments(loaded, unit_id, latest.shown)
        if can(request.user, Capability.VIEW_PULSE_SIGNALS):
            context["signals"] = [
                (dimension_name(d), next_steps.steps(request.user, unit, d, dimension_name(d)))
                for d in results.early_signals(points)
            ]
            context["show_signals"] = True
    trend = [
        {"round": p.round.closes_on.isoformat(), "dimension": dimension_name(d), "index": round(r.index, 1)}
        for p in shown
        for d, r in p.dimensions.items()
        if r.index is not None
    ]
    if len(shown) >= 2:
        context["trend"] = charts.line_chart(
            trend,
            x="round",
            y="index",
            series="dimension",
            title=gettext("Index per dimension over the rounds"),
            y_title=gettext("Index (0–100)"),
            x_title=gettext("Round closed"),
            description=gettext("Only rounds in which the unit had enough answers to be shown."),
            percent=False,
            decimals=0,
            chart_id="pulse-trend",
        )
    return render(request, "pulse/dashboard.html", context)

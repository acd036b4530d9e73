"""A closed pulse round's results as a CSV or XLSX download, through the disclosure gate.

The rows are exactly the viewer's nodes (`request.viewer.pulse_nodes`),
the same nodes and figures the overview shows the same viewer: one row per node of the round's frozen
tree inside the viewer's scope, parent before subtree. A hidden node's row holds its id, name, parent
and "no" – no respondents, no response rate, no figures (rule 4). Access is the overview's
(Capability.VIEW_PULSE, cut to the scope); a round that does not exist, is not closed, or whose tree
does not meet the viewer's scope is "not found", as on the pages.

Choices:
- Free-text comments are not exported. Rule 5 lists each comment under one node only, masks staff
  names and shows the comments in a fresh random order on every view; a file would be a lasting copy
  that leaves the gate (kept, forwarded, sorted and set beside other files), so the comments stay on
  the page.
- Figures are rounded to one decimal, half up as the pages round: enough for one's own analysis
  without suggesting a precision the answers do not have. The response rate is the gate's, rounded to
  5 %, and only for shown nodes, as on the overview.
- The dimension columns are those the round asked about (in the pages' order), so a file has the same
  columns for every viewer of the round, whatever is shown in their scope.
- Every download is written to the audit log (who exported which round, in which format): the log
  shows which files left Kasam, though the rows hold no individual data.
"""

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET

from kasam.audit.models import AuditEntry, record
from kasam.core import export
from kasam.core.export import rounded
from kasam.org.models import Unit
from kasam.pulse import results
from kasam.pulse.dimensions import dimension_name
from kasam.pulse.models import Round

FORMATS = ("csv", "xlsx")

UNIT_ID = gettext_lazy("Unit id")
UNIT = gettext_lazy("Unit")
PARENT_ID = gettext_lazy("Parent unit id")
SHOWN = gettext_lazy("Shown")
RESPONDENTS = gettext_lazy("Respondents")
RESPONSE_RATE = gettext_lazy("Response rate (%)")
INDEX = gettext_lazy("%(dimension)s: index (0–100)")
FAVOURABLE = gettext_lazy("%(dimension)s: favourable (%%)")
YES = gettext_lazy("Yes")
NO = gettext_lazy("No")
SHEET = gettext_lazy("Pulse")


def round_dimensions(round: Round) -> list[str]:
    """The dimensions the round asked about, in the pages' order."""
    asked = set(results.question_dimensions(round.statement_ids).values())
    return [d for d in results.DIMENSION_ORDER if d in asked]


def header(dimensions: list[str]) -> list[str]:
    columns = [str(UNIT_ID), str(UNIT), str(PARENT_ID), str(SHOWN), str(RESPONDENTS), str(RESPONSE_RATE)]
    for d in dimensions:
        name = dimension_name(d)
        columns += [str(INDEX) % {"dimension": name}, str(FAVOURABLE) % {"dimension": name}]
    return columns


def table_rows(nodes: list[results.NodeView], names: dict[str, str], dimensions: list[str]) -> list[list]:
    """One row per node; a hidden node's figures are empty."""
    rows = []
    for node in nodes:
        row = [
            node.unit,
            names.get(node.unit, node.unit),
            node.parent,
            str(YES) if node.shown else str(NO),
            node.respondents if node.shown else None,
            node.response_rate if node.shown else None,
        ]
        for d in dimensions:
            result = node.dimensions.get(d) if node.shown else None
            row += [
                rounded(result.index) if result else None,
                rounded(result.favourable_pct) if result else None,
            ]
        rows.append(row)
    return rows


def filename(round: Round) -> str:
    return f"puls-{round.closes_on.isoformat()}-omgang-{round.pk}"


@login_required
@require_GET
def export_round(request, round_id: str, fmt: str):
    """The viewer's part of a closed round as a file: what the overview shows, row for row."""
    if fmt not in FORMATS:
        raise Http404
    viewer = request.viewer
    round = Round.objects.filter(pk=int(round_id), status=Round.Status.CLOSED).first()
    if round is None or not viewer.pulse_scope.intersection(round.tree or {}):
        raise Http404
    nodes = viewer.pulse_nodes(results.load_round(round, nodes=viewer.pulse_scope))
    names = dict(Unit.objects.filter(pk__in=[n.unit for n in nodes]).values_list("pk", "name"))
    dimensions = round_dimensions(round)
    columns = header(dimensions)
    rows = table_rows(nodes, names, dimensions)
    unit = round.programme.root_unit_id
    record(request.user, AuditEntry.Action.EXPORT_PULSE, unit, round=round.pk, format=fmt)
    if fmt == "csv":
        return export.csv_response(filename(round), columns, rows)
    return export.xlsx_response(filename(round), columns, rows, sheet_title=str(SHEET))

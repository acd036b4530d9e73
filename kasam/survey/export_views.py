"""A survey's figures as a CSV or XLSX download, through the disclosure gate: exactly what the survey
page shows the same viewer, and the gender splits the unit pages show.

Rows: the whole organisation, then every unit of the viewer's scope in tree order (as the page);
after each node whose split the survey's split gate shows, one row per group (women, men, other or
not stated when anyone). A hidden node's row holds its id, name, parent and "no": no respondents and
no figures (kasam.survey.results: hidden respondent counts are not shown anywhere). A node whose split
is suppressed has no group rows at all. Figures to one decimal, half up, as the pages round. Access
is the page's (Capability.VIEW_SURVEY over the scope); a survey that does not exist is "not found",
and so is every survey for a login without that capability (no role: not even the organisation's row)."""

from dataclasses import replace

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET

from kasam.audit.models import AuditEntry, record
from kasam.core import export
from kasam.core.export import rounded  # one decimal, half up: the same rounding for both
from kasam.org import access
from kasam.org.roles import Capability
from kasam.survey import results
from kasam.survey.items import SUBINDEX_LABELS
from kasam.survey.models import Survey

FORMATS = ("csv", "xlsx")
ALL = gettext_lazy("All")
YES, NO = gettext_lazy("Yes"), gettext_lazy("No")


def header() -> list[str]:
    columns = [
        gettext_lazy("Unit id"),
        gettext_lazy("Unit"),
        gettext_lazy("Parent unit id"),
        gettext_lazy("Group"),
        gettext_lazy("Shown"),
        gettext_lazy("Respondents"),
        gettext_lazy("HME, total index"),
        *(f"HME, {label}" for label in SUBINDEX_LABELS.values()),
        "NMI",
        "eNPS",
    ]
    return [str(column) for column in columns]


def _line(row: results.Row, parent: str | None, group: str) -> list:
    figures = [row.total, *(value for _name, value in row.subindices), row.nmi, row.enps]
    return [
        row.unit_id,
        row.name,
        parent or "",
        group,
        str(YES) if row.shown else str(NO),
        row.respondents if row.shown else None,
        *(rounded(value) if row.shown else None for value in figures),
    ]


def table_rows(loaded: results.LoadedSurvey, scope: set[str]) -> list[list]:
    organisation = loaded.organisation_row()
    lines = []
    for row, parent in [
        (organisation, None),
        *((r, loaded.parent_of.get(r.unit_id)) for r in loaded.rows(scope)),
    ]:
        lines.append(_line(row, parent, str(ALL)))
        split = loaded.gender_split(row.unit_id) if row.shown else None
        for figures in (split or {}).values():
            lines.append(_line(replace(figures, name=row.name), parent, figures.name))
    return lines


@login_required
@require_GET
def export_survey(request, survey_id: str, fmt: str):
    if fmt not in FORMATS:
        raise Http404
    survey = Survey.objects.filter(pk=int(survey_id)).first()
    if survey is None or not access.can(request.user, Capability.VIEW_SURVEY):
        raise Http404
    loaded = results.load_survey(survey)
    rows = table_rows(loaded, set(request.viewer.survey_scope))
    name = f"medarbetarenkat-{survey.year}-{survey.pk}"
    # Every file that leaves Kasam is in the audit log.
    record(request.user, AuditEntry.Action.EXPORT_SURVEY, survey=survey.pk, format=fmt)
    if fmt == "csv":
        return export.csv_response(name, header(), rows)
    return export.xlsx_response(name, header(), rows, sheet_title=str(gettext_lazy("Employee survey")))

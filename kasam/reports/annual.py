"""The annual report's personnel section (personalredovisning) for a calendar year, as the committee
and the public may read it:

- the seven statutory sick-leave figures (LKBR 11 kap.) from kasam.metrics.sickleave.statutory_report
  – the very function behind `kasam sickleave report --format json`, so the numbers are the same –
  with its suppression of the gender and age groups (the organisation's total is always shown);
- healthy attendance and sick-leave occasions from the same report;
- staff turnover (kasam.metrics.turnover);
- sick leave per area from the stored series, through the sick-leave disclosure gate for the year;
- the organisation's sick leave month by month (a chart with its table).
"""

from datetime import date

from django.utils import dateformat
from django.utils.translation import gettext as _

from kasam.absence import figures as sick_figures
from kasam.absence.conf import sick_leave_settings
from kasam.absence.frames import load_frames
from kasam.core import charts
from kasam.core.dates import today
from kasam.metrics.sickleave import statutory_report
from kasam.metrics.turnover import turnover
from kasam.org.models import Unit
from kasam.reports.committee import root
from kasam.reports.document import Document, Figure, Paragraph, Section, Table


def organisation_name() -> str:
    from django.conf import settings

    return settings.KASAM_ORGANISATION_NAME


def period_text(start: date, end: date) -> str:
    return f"{dateformat.format(start, 'j F Y')} – {dateformat.format(end, 'j F Y')}"


def year_period(year: int) -> tuple[date, date]:
    """The calendar year, or up to today when it is the current year."""
    return date(year, 1, 1), min(date(year, 12, 31), today())


def statutory_section(report: dict) -> Section:
    labels = {"K": _("Women"), "M": _("Men"), "-29": _("29 years or younger"), "30-49": _("30–49 years")}
    labels["50-"] = _("50 years or older")
    rows = [
        [_("Sick leave, total"), report["sick_leave_pct"], report["persons"]],
        [
            _("Share of sick leave in cases of %(days)s days or more")
            % {"days": report["definition"]["long_case_days"]},
            report["long_term_share_pct"],
            None,
        ],
    ]
    suppressed = False
    for split in ("by_gender", "by_age"):
        for key, group in report[split].items():
            suppressed = suppressed or group["suppressed"]
            rows.append(
                [labels[key], None if group["suppressed"] else group["sick_leave_pct"], group["persons"]]
            )
    note = _("An empty figure is not shown: the group is too small or one person's sick leave is most of it.")
    table = Table(
        caption=_("The statutory sick-leave figures"),
        headers=[_("Figure"), _("Per cent"), _("Persons")],
        rows=rows,
        decimals=[None, 2, 0],
        unit="%",
        note=note if suppressed else "",
    )
    return Section(
        _("Sick leave"),
        [
            Paragraph(
                _(
                    "Sick leave is sick hours as a share of ordinary "
                    "working time. The figures for groups are "
                    "shown only when the group has more than ten persons "
                    "and no one's sick leave is most of it."
                )
            ),
            table,
        ],
    )


def attendance_section(report: dict, staff_turnover) -> Section:
    rows = [
        [_("Healthy attendance: at most %(days)s sick days") % {"days": days}, share]
        for days, share in report["healthy_attendance_pct"].items()
    ]
    rows.append([_("Staff turnover"), staff_turnover.turnover_pct])
    table = Table(_("Healthy attendance and turnover"), [_("Figure"), _("Per cent")], rows, [None, 2], "%")
    counts = Table(
        _("Counts"),
        [_("Figure"), _("Number")],
        [
            [_("Sick-leave occasions"), report["occasions"]],
            [_("Persons who left the organisation"), staff_turnover.leavers],
            [_("Monthly-paid employees on 1 January"), staff_turnover.headcount_start],
        ],
        [None, 0],
    )
    return Section(_("Healthy attendance and turnover"), [table, counts])


def areas_section(start: date, end: date) -> Section | None:
    """Sick leave of the areas (units of kind område) through the gate for the period."""
    stored = sick_figures.period_rows(start, end)
    if not stored:
        return None
    hidden = sick_figures.hidden_units(start, end)
    rows = []
    for unit in Unit.objects.filter(kind=Unit.Kind.AREA).order_by("path"):
        row = stored.get(unit.pk)
        if row is None:
            continue
        shown = unit.pk not in hidden
        rows.append([unit.name, sick_figures.pct(row.sick_hours, row.ordinary_hours) if shown else None])
    if not rows:
        return None
    note = _("An empty figure is not shown, so that no one's sick leave can be worked out.")
    table = Table(
        _("Sick leave per area"),
        [_("Area"), _("Sick leave")],
        rows,
        [None, 2],
        "%",
        note if any(r[1] is None for r in rows) else "",
    )
    return Section(_("Sick leave per area"), [table])


def monthly_figure(start: date, end: date) -> Figure | None:
    rows = sick_figures.series(root(), start.replace(day=1), end)
    if not rows:
        return None
    data = [{"month": row["month"], "pct": row["sick_leave_pct"]} for row in rows]
    title = _("Sick leave month by month, the whole organisation")
    chart = charts.line_chart(
        data, x="month", y="pct", title=title, y_title=_("Sick leave (%)"), x_title=_("Month")
    )
    values = [row["pct"] for row in data if row["pct"] is not None]
    alt = _(
        "A line of the sick leave each month from %(first)s to "
        "%(last)s, between %(low)s and %(high)s per cent."
    ) % {
        "first": dateformat.format(rows[0]["month"], "F Y"),
        "last": dateformat.format(rows[-1]["month"], "F Y"),
        "low": f"{min(values):.1f}".replace(".", ",") if values else "–",
        "high": f"{max(values):.1f}".replace(".", ",") if values else "–",
    }
    table = Table(
        title,
        [_("Month"), _("Sick leave")],
        [[dateformat.format(row["month"], "F Y"), row["sick_leave_pct"]] for row in rows],
        [None, 2],
        "%",
    )
    return Figure(title, str(chart.svg), alt, table)


def build_annual(year: int, language: str = "sv") -> Document:
    start, end = year_period(year)
    frames = load_frames(sick_only=True)
    settings = sick_leave_settings()
    report = statutory_report(frames, start, end, None, settings)
    sections = [statutory_section(report), attendance_section(report, turnover(frames.employments, year))]
    areas = areas_section(start, end)
    if areas:
        sections.append(areas)
    figure = monthly_figure(start, end)
    if figure:
        sections[0].blocks.append(figure)
    definitions = [
        _(
            "Sick leave: sick hours as a share of ordinary working time "
            "(weekly hours × rate, spread over 7 days)."
        ),
        _(
            "A sick case joins sick periods less than 6 days apart; the long-term share "
            "counts cases of %(days)s days or more, all of their days."
        )
        % {"days": report["definition"]["long_case_days"]},
        _(
            "Groups with ten persons or fewer, or where one person's "
            "sick hours are more than half, are not shown."
        ),
        _(
            "Healthy attendance: the share of employees, among those employed at "
            "least half the period, with at most 0 or 5 sick days."
        ),
        _(
            "Staff turnover: of the persons with a monthly-paid employment on 1 January, the share "
            "whose every employment, hourly ones included, has ended by 31 December. Persons hired "
            "during the year are not in it."
        ),
        _("Definition of the sick-leave figures: %(version)s.")
        % {"version": report["definition"]["version"]},
    ]
    return Document(
        title=_("Personnel section of the annual report %(year)s") % {"year": year},
        organisation=organisation_name(),
        period=period_text(start, end),
        generated_on=today(),
        language=language,
        sections=sections,
        definitions=definitions,
        audience=_("For the annual report: aggregated figures only, small groups not shown."),
    )

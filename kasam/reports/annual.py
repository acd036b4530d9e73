"""The annual report's personnel section (personalredovisning) for a calendar year, as the committee
and the public may read it. Every sick-leave figure is the year's release (kasam.reports.released;
docs/anonymity.md "Sick leave"), so the report needs one and says which:

- the seven statutory sick-leave figures (LKBR 11 kap.) of the organisation, as the release holds
  them: the figures of `kasam sickleave report --format json` for the year, with its suppression of
  the gender and age groups (the organisation's total is always shown);
- healthy attendance and sick-leave occasions from the same release;
- staff turnover (kasam.metrics.turnover: employments, not sick leave);
- sick leave per area, the areas the release shows.

No monthly series: a release holds none, and a live one could be set against the release.
"""

from datetime import date

from django.utils import dateformat
from django.utils.translation import gettext as _

from kasam.absence.frames import load_frames
from kasam.absence.released import SickLeaveRelease
from kasam.core.dates import today
from kasam.core.document import Document, Paragraph, Section, Table
from kasam.metrics.turnover import turnover
from kasam.org.models import Unit
from kasam.reports.committee import root
from kasam.reports.released import release_of, source_text, statutory_figures


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


def areas_section(release: SickLeaveRelease) -> Section | None:
    """Sick leave of the areas (units of kind område) as the release shows them."""
    rows = []
    for unit in Unit.objects.filter(kind=Unit.Kind.AREA).order_by("path"):
        figure = release.figure(unit.pk)
        rows.append([unit.name, None if figure.hidden else figure.sick_leave_pct])
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


def build_annual(year: int, language: str = "sv") -> Document:
    release = release_of(year)
    start, end = year_period(year)
    frames = load_frames(sick_only=True)
    report = statutory_figures(release, root().pk)
    sections = [statutory_section(report), attendance_section(report, turnover(frames.employments, year))]
    areas = areas_section(release)
    if areas:
        sections.append(areas)
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
        source=source_text(release),
    )

"""A health plan as PDF, built from the very context the plan page uses for the viewer
(kasam.plans.plan_views.plan_context), so the file never holds more than the page shows the same person.

The plan becomes a report Document (kasam.core.document) and goes through the same tagged PDF/UA
renderer as the committee's reports (kasam.core.document.pdf): headings, paragraphs, labelled facts and tables
with header cells, in the viewer's language.

Choices:
- Charts are not drawn: each tracked statement's trend is the chart's own data table.
- The date the file was made is among the facts under the title; the footer names the plan and the page.
- Text keeps to letters every font of the renderer has (a narrow no-break space becomes a no-break
  space, the minus sign a hyphen), so the bundled font, used when the system has none of SYSTEM_FONTS,
  shows it too.
"""

from django.utils import translation
from django.utils.translation import gettext

from kasam.core.dates import today
from kasam.core.document import Document, Facts, Heading, Paragraph, Section, Table
from kasam.core.document.pdf import SYSTEM_FONTS, render_pdf
from kasam.core.formatting import format_date, format_number, format_percent

__all__ = ["SYSTEM_FONTS", "plan_document", "plan_pdf"]


def _text(value) -> str:
    """Plain text with spaces and signs every font has."""
    text = str(value if value is not None else "")
    return text.replace("\u202f", "\u00a0").replace("\u2212", "-")


def _table(headers: list[str], rows: list[list]) -> Table:
    return Table("", [_text(h) for h in headers], [[_text(v) for v in row] for row in rows])


def _facts(pairs: list[tuple[str, object]]) -> Facts:
    return Facts([(_text(label), _text(value)) for label, value in pairs])


def _sick_leave(sick) -> list:
    if sick is None:
        return [Paragraph(gettext("There were no sick-leave figures yet."))]
    if sick.hidden:
        return [Paragraph(gettext("Too few people to show sick-leave figures."))]
    label = gettext("Sick leave") if sick.label else gettext("Sick leave, last 12 months")
    blocks: list = [
        _facts(
            [
                (
                    gettext("Period"),
                    f"{format_date(sick.period_start)} \u2013 {format_date(sick.period_end)}",
                ),
                (label, format_percent(sick.sick_leave_pct)),
                (gettext("Healthy attendance (no sick day)"), format_percent(sick.healthy_attendance_pct)),
            ]
        )
    ]
    if sick.label:
        blocks.append(Paragraph(_text(gettext("From the published %(label)s.") % {"label": sick.label})))
    return blocks


def _sick_leave_now(snap) -> list:
    """Today's figure beside the plan's, as on the page (templates/plans/_snapshot.html)."""
    if not snap.sick_leave_moved:
        return []
    now = snap.sick_leave_now
    period = {"start": format_date(now.period_start), "end": format_date(now.period_end)}
    if now.hidden:
        text = gettext("Today's figure, for %(start)s – %(end)s, is not shown: too few people.") % period
    else:
        text = gettext("Today the sick leave is %(pct)s, for %(start)s – %(end)s.") % {
            **period,
            "pct": format_percent(now.sick_leave_pct),
        }
    why = gettext(
        "The plan keeps the figure of the day it was made, so that you can see where you started: the two "
        "differ because they are from different periods or because the data has changed since."
    )
    return [Paragraph(_text(f"{text} {why}"))]


def _pulse(pulse) -> list:
    if pulse is None:
        return [Paragraph(gettext("There were no pulse results yet."))]
    closed = {"date": format_date(pulse.closes_on)}
    if not pulse.shown:
        return [Paragraph(gettext("The round that closed %(date)s had too few answers to show.") % closed)]
    return [
        Paragraph(gettext("The round that closed %(date)s.") % closed),
        _table(
            [gettext("Dimension"), gettext("Index (0–100)"), gettext("Favourable")],
            [
                [name, format_number(index, 0), format_percent(fav, 0)]
                for name, index, fav in pulse.dimensions
            ],
        ),
    ]


def _factors(snap) -> list:
    if not snap.factors:
        return [Paragraph(gettext("The unit had not rated its health factors yet."))]
    from kasam.plans.display import choice_label

    return [
        Paragraph(gettext("Our rating of %(date)s.") % {"date": format_date(snap.factors_rated_on)}),
        _table(
            [gettext("Health factor"), gettext("Score (1–5)"), gettext("Our choice"), gettext("Our note")],
            [[f.label, str(f.score), choice_label(f.choice), f.note] for f in snap.factors],
        ),
    ]


def _survey(survey) -> list:
    if not survey:
        return [Paragraph(gettext("There were no survey figures for the plan."))]
    rows = [
        [row.get("label", ""), format_number(row.get("unit"), 1), format_number(row.get("organisation"), 1)]
        for row in survey.get("rows", [])
    ]
    return [
        Paragraph(_text(survey.get("title", ""))),
        _table(["", gettext("Our unit"), gettext("The organisation")], rows),
    ]


def _snapshot(snap) -> Section:
    blocks: list = [
        Paragraph(gettext("The figures as they were when the plan was made. They do not change afterwards.")),
        Heading(gettext("Sick leave")),
        *_sick_leave(snap.sick_leave),
        *_sick_leave_now(snap),
        Heading(gettext("Pulse")),
        *_pulse(snap.pulse),
        Heading(gettext("Health factors")),
        *_factors(snap),
        Heading(gettext("Employee survey")),
        *_survey(snap.survey),
    ]
    return Section(gettext("Our figures on %(date)s") % {"date": format_date(snap.taken_on)}, blocks)


def _areas(title: str, areas, source_label=None) -> Section:
    blocks = []
    for area in areas or []:
        line = f"• {area.title}" + (f" – {area.note}" if area.note else "")
        source = source_label(area) if source_label else ""
        blocks.append(Paragraph(_text(line + (f" ({source})" if source else ""))))
    return Section(title, blocks or [Paragraph(gettext("None written yet."))])


def _activity(view) -> list:
    a = view.activity
    status = a.get_status_display() + (f" – {gettext('overdue')}" if view.overdue else "")
    pairs = [
        (gettext("How"), a.how),
        (gettext("Why"), a.why),
        (gettext("Who"), a.who),
        (gettext("When"), a.when),
        (gettext("How it is followed up"), a.follow_up),
        (gettext("Follow-up date"), format_date(a.follow_up_on)),
        (gettext("Status"), status),
    ]
    if a.area:
        pairs.append((gettext("Part of the plan"), a.area.title))
    if a.followed_up_on:
        pairs.append((gettext("Followed up on"), format_date(a.followed_up_on)))
    if a.reflection:
        pairs.append((gettext("Our reflection"), a.reflection))
    if view.tracked_text:
        pairs.append((gettext("Pulse statement we follow"), view.tracked_text))
    blocks: list = [Heading(_text(a.what)), _facts(pairs)]
    if view.trend_chart is not None:
        blocks.append(_table(view.trend_chart.table.headers, view.trend_chart.table.rows))
    return blocks


def plan_document(context: dict) -> Document:
    """The plan in `context` (plan_views.plan_context) as a report Document, in the active language."""
    from kasam.plans.display import source_label

    unit, year = context["unit"], context["year"]
    title = _text(gettext("Health plan %(year)s – %(unit)s") % {"year": year, "unit": unit.name})
    activities = [block for view in context["activities"] for block in _activity(view)]
    return Document(
        title=title,
        organisation="",
        period="",
        generated_on=today(),
        language=(translation.get_language() or "sv").split("-")[0],
        sections=[
            _snapshot(context["snapshot"]),
            _areas(gettext("Strengths we keep"), context["keep"]),
            _areas(gettext("Areas we strengthen"), context["strengthen"], source_label),
            Section(gettext("Activities"), activities or [Paragraph(gettext("No activities yet."))]),
        ],
        definitions=[],
        footer=title,
    )


def plan_pdf(context: dict) -> bytes:
    """The plan in `context` (plan_views.plan_context) as PDF bytes."""
    return render_pdf(plan_document(context), system_fonts=SYSTEM_FONTS)

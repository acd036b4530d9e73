"""A health plan as PDF, drawn with ReportLab from the very context the plan page
uses for the viewer (kasam.plans.plan_views.plan_context), so the file never holds more than the page
shows the same person.

Choices:
- ReportLab (pure Python, BSD; no system libraries) lays out flowing text and tables over pages.
- The font is embedded (subset) so that å, ä, ö and the Sami letters of Swedish names render on every
  reader: DejaVu Sans when the system has it (fonts-dejavu-core, in Debian's base images), otherwise
  Bitstream Vera, which ships inside ReportLab (Latin-1 and the Windows-1252 letters, no Sami
  letters). Both carry a Unicode map, so the text can be searched and copied.
- Charts are not drawn: each tracked statement's trend is the chart's own data table.
- The footer names the date the file was made and the page number.
"""

import io
import os
from xml.sax.saxutils import escape

from django.utils import formats
from django.utils.translation import gettext

from kasam.core.dates import today
from kasam.core.formatting import format_number, format_percent

SYSTEM_FONTS = [
    (
        "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
        "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf",
    ),
]


def _font_files() -> tuple[str, str]:
    for regular, bold in SYSTEM_FONTS:
        if os.path.exists(regular) and os.path.exists(bold):
            return regular, bold
    import reportlab

    folder = os.path.join(os.path.dirname(reportlab.__file__), "fonts")
    return os.path.join(folder, "Vera.ttf"), os.path.join(folder, "VeraBd.ttf")


def _fonts() -> tuple[str, str]:
    """The registered names of the regular and bold font (ReportLab keeps the first font registered
    under a name, so each file gets its own name)."""
    from reportlab.lib.fonts import addMapping
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    regular_file, bold_file = _font_files()
    regular = "Kasam-" + os.path.splitext(os.path.basename(regular_file))[0]
    bold = "Kasam-" + os.path.splitext(os.path.basename(bold_file))[0]
    if regular not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont(regular, regular_file))
        pdfmetrics.registerFont(TTFont(bold, bold_file))
        for bold_flag, italic_flag in ((0, 0), (1, 0), (0, 1), (1, 1)):
            addMapping(regular, bold_flag, italic_flag, bold if bold_flag else regular)
    return regular, bold


def _text(value) -> str:
    """Plain text for a Paragraph: markup escaped, line breaks kept, spaces every font has."""
    text = str(value if value is not None else "")
    text = text.replace("\u202f", "\u00a0").replace("\u2212", "-")
    return escape(text).replace("\r\n", "\n").replace("\n", "<br/>")


def _date(value) -> str:
    return formats.date_format(value, "Y-m-d") if value else "\u2013"


class _Writer:
    def __init__(self, font: str, bold: str):
        from reportlab.lib import colors
        from reportlab.lib.styles import ParagraphStyle

        self.font = font
        self.colors = colors
        self.story: list = []
        self.body = ParagraphStyle("body", fontName=font, fontSize=10, leading=13.5, spaceAfter=4)
        self.small = ParagraphStyle("small", parent=self.body, fontSize=8.5, leading=11, textColor="#4a5753")
        self.h1 = ParagraphStyle("h1", fontName=bold, fontSize=18, leading=22, spaceAfter=8)
        self.h2 = ParagraphStyle("h2", fontName=bold, fontSize=13, leading=16, spaceBefore=12, spaceAfter=6)
        self.h3 = ParagraphStyle("h3", fontName=bold, fontSize=11, leading=14, spaceBefore=8, spaceAfter=4)
        self.cell = ParagraphStyle("cell", parent=self.body, spaceAfter=0)

    def p(self, text, style=None):
        from reportlab.platypus import Paragraph

        self.story.append(Paragraph(_text(text), style or self.body))

    def heading(self, text, level=2):
        self.p(text, {1: self.h1, 2: self.h2, 3: self.h3}[level])

    def table(self, header: list[str], rows: list[list], widths=None):
        from reportlab.platypus import Paragraph, Table, TableStyle

        def cell(value, bold=False):
            style = self.cell if not bold else self.h3.clone("th", spaceBefore=0, spaceAfter=0, fontSize=10)
            return Paragraph(_text(value), style)

        data = [[cell(h, bold=True) for h in header]] + [[cell(v) for v in row] for row in rows]
        table = Table(data, colWidths=widths, repeatRows=1, hAlign="LEFT")
        table.setStyle(
            TableStyle(
                [
                    ("BACKGROUND", (0, 0), (-1, 0), self.colors.HexColor("#f3f6f4")),
                    ("LINEBELOW", (0, 0), (-1, -1), 0.5, self.colors.HexColor("#c9d3cf")),
                    ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ]
            )
        )
        self.story.append(table)

    def facts(self, pairs: list[tuple[str, str]]):
        from reportlab.platypus import Paragraph, Table, TableStyle

        data = [[Paragraph(_text(k), self.small), Paragraph(_text(v), self.cell)] for k, v in pairs]
        table = Table(data, colWidths=[150, None], hAlign="LEFT")
        table.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP")]))
        self.story.append(table)


def _snapshot(w: _Writer, snap) -> None:
    w.heading(gettext("Our figures on %(date)s") % {"date": _date(snap.taken_on)})
    w.p(gettext("The figures as they were when the plan was made. They do not change afterwards."), w.small)
    w.heading(gettext("Sick leave"), 3)
    sick = snap.sick_leave
    if sick is None:
        w.p(gettext("There were no sick-leave figures yet."))
    elif sick.hidden:
        w.p(gettext("Too few people to show sick-leave figures."))
    else:
        w.facts(
            [
                (gettext("Period"), f"{_date(sick.period_start)} \u2013 {_date(sick.period_end)}"),
                (
                    gettext("Sick leave") if sick.label else gettext("Sick leave, last 12 months"),
                    format_percent(sick.sick_leave_pct),
                ),
                (gettext("Healthy attendance (no sick day)"), format_percent(sick.healthy_attendance_pct)),
            ]
        )
        if sick.label:
            w.p(gettext("From the published %(label)s.") % {"label": sick.label}, w.small)
    w.heading(gettext("Pulse"), 3)
    pulse = snap.pulse
    if pulse is None:
        w.p(gettext("There were no pulse results yet."))
    elif not pulse.shown:
        w.p(
            gettext("The round that closed %(date)s had too few answers to show.")
            % {"date": _date(pulse.closes_on)}
        )
    else:
        w.p(gettext("The round that closed %(date)s.") % {"date": _date(pulse.closes_on)})
        w.table(
            [gettext("Dimension"), gettext("Index (0–100)"), gettext("Favourable")],
            [
                [name, format_number(index, 0), format_percent(fav, 0)]
                for name, index, fav in pulse.dimensions
            ],
            widths=[200, 100, 100],
        )
    w.heading(gettext("Health factors"), 3)
    if not snap.factors:
        w.p(gettext("The unit had not rated its health factors yet."))
    else:
        from kasam.plans.display import choice_label

        w.p(gettext("Our rating of %(date)s.") % {"date": _date(snap.factors_rated_on)})
        w.table(
            [gettext("Health factor"), gettext("Score (1–5)"), gettext("Our choice"), gettext("Our note")],
            [[f.label, str(f.score), choice_label(f.choice), f.note] for f in snap.factors],
            widths=[170, 55, 90, 165],
        )
    w.heading(gettext("Employee survey"), 3)
    survey = snap.survey
    if not survey:
        w.p(gettext("There were no survey figures for the plan."))
    else:
        w.p(survey.get("title", ""))
        w.table(
            ["", gettext("Our unit"), gettext("The organisation")],
            [
                [
                    row.get("label", ""),
                    format_number(row.get("unit"), 1),
                    format_number(row.get("organisation"), 1),
                ]
                for row in survey.get("rows", [])
            ],
            widths=[250, 100, 100],
        )


def plan_pdf(context: dict) -> bytes:
    """The plan in `context` (plan_views.plan_context) as PDF bytes."""
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.units import mm
    from reportlab.platypus import SimpleDocTemplate

    from kasam.plans.display import source_label

    unit, year = context["unit"], context["year"]
    w = _Writer(*_fonts())
    title = gettext("Health plan %(year)s – %(unit)s") % {"year": year, "unit": unit.name}
    w.heading(title, 1)
    _snapshot(w, context["snapshot"])

    w.heading(gettext("Strengths we keep"))
    for area in context["keep"] or []:
        w.p(f"• {area.title}" + (f" – {area.note}" if area.note else ""))
    if not context["keep"]:
        w.p(gettext("None written yet."))
    w.heading(gettext("Areas we strengthen"))
    for area in context["strengthen"] or []:
        line = f"• {area.title}" + (f" – {area.note}" if area.note else "")
        source = source_label(area)
        w.p(line + (f" ({source})" if source else ""))
    if not context["strengthen"]:
        w.p(gettext("None written yet."))

    w.heading(gettext("Activities"))
    if not context["activities"]:
        w.p(gettext("No activities yet."))
    for view in context["activities"]:
        a = view.activity
        w.heading(a.what, 3)
        pairs = [
            (gettext("How"), a.how),
            (gettext("Why"), a.why),
            (gettext("Who"), a.who),
            (gettext("When"), a.when),
            (gettext("How it is followed up"), a.follow_up),
            (gettext("Follow-up date"), _date(a.follow_up_on)),
            (
                gettext("Status"),
                a.get_status_display() + (f" – {gettext('overdue')}" if view.overdue else ""),
            ),
        ]
        if a.area:
            pairs.append((gettext("Part of the plan"), a.area.title))
        if a.followed_up_on:
            pairs.append((gettext("Followed up on"), _date(a.followed_up_on)))
        if a.reflection:
            pairs.append((gettext("Our reflection"), a.reflection))
        if view.tracked_text:
            pairs.append((gettext("Pulse statement we follow"), view.tracked_text))
        w.facts(pairs)
        if view.trend_chart is not None:
            table = view.trend_chart.table
            w.table(table.headers, table.rows, widths=[150, 100])

    made = gettext("Made in Kasam on %(date)s") % {"date": _date(today())}

    def footer(canvas, doc):
        canvas.saveState()
        canvas.setFont(w.font, 8)
        canvas.drawString(18 * mm, 10 * mm, f"{title} · {made}")
        canvas.drawRightString(A4[0] - 18 * mm, 10 * mm, gettext("Page %(page)d") % {"page": doc.page})
        canvas.restoreState()

    buffer = io.BytesIO()
    doc = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=18 * mm,
        rightMargin=18 * mm,
        topMargin=18 * mm,
        bottomMargin=18 * mm,
        title=title,
        author="Kasam",
    )
    doc.build(w.story, onFirstPage=footer, onLaterPages=footer)
    return buffer.getvalue()

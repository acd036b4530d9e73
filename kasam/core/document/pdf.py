"""A report Document as a tagged, accessible PDF (PDF/UA-1) drawn by WeasyPrint from HTML.

    render_pdf(document) -> bytes

Choices:
- WeasyPrint lays out HTML and CSS over pages and, with the "pdf/ua-1" variant, writes the structure
  tree (headings, paragraphs, lists, tables with their header cells, figures), marks the PDF as
  tagged, sets the document language from <html lang> and the title from <title> (shown by the
  reader instead of the file name). Page numbers in the footer are artifacts outside the tree.
- The HTML is built here as escaped strings (every text of the document goes through
  `html.escape`); no template engine, no Django settings needed.
- A chart is an <img> whose source is the chart's SVG as a data URI and whose `alt` is the figure's
  text alternative: WeasyPrint tags it as a Figure with that /Alt (an inline <svg> would get its
  <title> instead, which names the chart rather than describing it). Its figures follow as a table.
- Tables: a <caption> (with the unit), column headers <th scope="col">, the first cell of each row
  as <th scope="row">; numbers right-aligned in Swedish format (decimal comma, narrow no-break space
  between thousands, kasam.core.formatting.format_number, as the pages show them), "–" for no figure.
- Nothing is fetched: the URL fetcher allows data: URIs only, so no text of a report (unit names come
  from imports) can make the renderer reach a file or the network. Fonts are the system's through
  fontconfig: Liberation Sans (fonts-liberation), DejaVu Sans as the fallback. A system with neither
  (none of SYSTEM_FONTS) gets Bitstream Vera, which ships inside ReportLab, embedded as a data URI
  (Latin-1 and the Windows-1252 letters, so å, ä and ö but no Sami letters); that file is written
  without compression, so the font it carries can be read from its bytes.
- The same renderer draws the committee's reports and a unit's health plan (kasam.plans.pdf).
- The few fixed words (Period, Definitions, Page n of m) come from LABELS by `document.language`, so
  the file is in the document's language whatever the process's active language is.
"""

import base64
import html
import os
import re
from decimal import Decimal

from django.utils import translation

from kasam.core.document import Cell, Document, Facts, Figure, Heading, Paragraph, Section, Table
from kasam.core.formatting import MISSING, format_date, format_number

LABELS = {
    "sv": {
        "organisation": "Organisation",
        "period": "Period",
        "audience": "Målgrupp",
        "source": "Sjukfrånvaron från",
        "generated": "Framtagen",
        "definitions": "Definitioner och inställningar",
        "page": "Sida",
        "of": "av",
    },
    "en": {
        "organisation": "Organisation",
        "period": "Period",
        "audience": "Audience",
        "source": "Sick leave from",
        "generated": "Produced",
        "definitions": "Definitions and settings",
        "page": "Page",
        "of": "of",
    },
}

FONT_STACK = '"Liberation Sans", "DejaVu Sans", Arial, sans-serif'
SYSTEM_FONTS = [  # the fonts of FONT_STACK as Debian installs them
    "/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf",
    "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
]
BUNDLED_FAMILY = "BitstreamVeraSans"
MAX_DECIMALS = 6
_SVG_START = re.compile(r"<svg\b[^>]*>")  # a float shown "as it is" never gets more decimals than this


def render_pdf(document: Document, system_fonts: list[str] | None = None) -> bytes:
    """The PDF/UA-1 file of `document`; `system_fonts` (default SYSTEM_FONTS): the font files whose
    presence means fontconfig serves FONT_STACK, otherwise the bundled font is embedded."""
    from weasyprint import HTML
    from weasyprint.urls import URLFetcher

    paths = SYSTEM_FONTS if system_fonts is None else system_fonts
    bundled = not any(os.path.exists(path) for path in paths)
    fetcher = URLFetcher(allowed_protocols={"data"})
    page = HTML(string=document_html(document, bundled), url_fetcher=fetcher, base_url="data:,")
    return page.write_pdf(pdf_variant="pdf/ua-1", uncompressed_pdf=bundled)


def document_html(document: Document, bundled_font: bool = False) -> str:
    """The HTML that render_pdf lays out (all text escaped)."""
    labels = LABELS.get(document.language, LABELS["en"])
    e = _escape
    parts = [
        "<!DOCTYPE html>",
        f'<html lang="{e(document.language)}"><head><meta charset="utf-8">',
        f"<title>{e(document.title)}</title>",
        f'<meta name="author" content="{e(document.organisation)}">',
        f'<meta name="dcterms.created" content="{document.generated_on.isoformat()}">',
        '<meta name="generator" content="Kasam">',
        f"<style>{_font_faces() if bundled_font else ''}{_css(document, labels, bundled_font)}</style>",
        "</head><body>",
        f"<h1>{e(document.title)}</h1>",
        '<div class="facts">',
    ]
    if document.organisation:
        parts.append(_fact(labels["organisation"], document.organisation))
    if document.period:
        parts.append(_fact(labels["period"], document.period))
    if document.audience:
        parts.append(_fact(labels["audience"], document.audience))
    if document.source:
        parts.append(_fact(labels["source"], document.source))
    with translation.override(document.language):  # "25 november 2026" in the document's language
        parts.append(_fact(labels["generated"], format_date(document.generated_on)))
    parts.append("</div>")
    for section in document.sections:
        parts.append(_section(section))
    if document.definitions:
        parts.append(f'<section class="definitions"><h2>{e(labels["definitions"])}</h2><ul>')
        parts.extend(f"<li>{e(text)}</li>" for text in document.definitions)
        parts.append("</ul></section>")
    parts.append("</body></html>")
    return "\n".join(parts)


def _escape(text) -> str:
    return html.escape(str(text), quote=True)


def _lines(text) -> str:
    """Escaped, its line breaks kept."""
    return _escape(text).replace("\r\n", "\n").replace("\n", "<br>")


def _fact(label: str, value: str) -> str:
    return f'<p><span class="label">{_escape(label)}:</span> {_escape(value)}</p>'


def _facts(facts: Facts) -> str:
    rows = "".join(
        f'<tr><th scope="row">{_escape(label)}</th><td>{_lines(value)}</td></tr>'
        for label, value in facts.pairs
    )
    return f'<table class="pairs"><tbody>{rows}</tbody></table>'


def _section(section: Section) -> str:
    parts = [f"<section><h2>{_escape(section.title)}</h2>"]
    for block in section.blocks:
        if isinstance(block, Paragraph):
            parts.append(f"<p>{_lines(block.text)}</p>")
        elif isinstance(block, Heading):
            parts.append(f"<h3>{_escape(block.text)}</h3>")
        elif isinstance(block, Facts):
            parts.append(_facts(block))
        elif isinstance(block, Table):
            parts.append(_table(block))
        elif isinstance(block, Figure):
            parts.append(_figure(block))
    parts.append("</section>")
    return "".join(parts)


def _figure(figure: Figure) -> str:
    source = "data:image/svg+xml;base64," + base64.b64encode(_standalone_svg(figure.svg).encode()).decode()
    return (
        f'<div class="figure"><h3>{_escape(figure.title)}</h3>'
        f'<img src="{source}" alt="{_escape(figure.alt)}">'
        f"{_table(figure.table)}</div>"
    )


def _standalone_svg(svg: str) -> str:
    """The SVG as a file of its own needs its namespace (markup inlined in HTML may omit it)."""
    start = _SVG_START.search(svg)
    if start is None or "xmlns=" in start.group():
        return svg
    return f'{svg[: start.start()]}<svg xmlns="http://www.w3.org/2000/svg"{svg[start.start() + 4 :]}'


def _table(table: Table) -> str:
    e = _escape
    caption = table.caption + (f" ({table.unit})" if table.unit else "")
    numeric = [_numeric_column(table, index) for index in range(len(table.headers))]
    parts = ["<table>" + (f"<caption>{e(caption)}</caption>" if caption else "") + "<thead><tr>"]
    for index, header in enumerate(table.headers):
        css = ' class="num"' if numeric[index] else ""
        parts.append(f'<th scope="col"{css}>{e(header)}</th>')
    parts.append("</tr></thead><tbody>")
    for row in table.rows:
        parts.append("<tr>")
        for index, value in enumerate(row):
            decimals = table.decimals[index] if index < len(table.decimals) else None
            text = e(format_cell(value, decimals))
            # Numbers right-aligned; an empty cell too when its column holds numbers.
            in_numeric = numeric[index] if index < len(numeric) else False
            is_number = isinstance(value, int | float) and not isinstance(value, bool)
            css = ' class="num"' if is_number or (value is None and in_numeric) else ""
            if index == 0 and len(row) > 1:
                parts.append(f'<th scope="row"{css}>{text}</th>')
            else:
                parts.append(f"<td{css}>{text}</td>")
        parts.append("</tr>")
    parts.append("</tbody></table>")
    if table.note:
        parts.append(f'<p class="note">{e(table.note)}</p>')
    return "".join(parts)


def _numeric_column(table: Table, index: int) -> bool:
    """A column whose cells are all numbers or empty (and at least one a number)."""
    values = [row[index] for row in table.rows if index < len(row)]
    has_number = any(isinstance(v, int | float) and not isinstance(v, bool) for v in values)
    return has_number and all(v is None or isinstance(v, int | float) for v in values)


def format_cell(value: Cell, decimals: int | None = None) -> str:
    """A cell as the PDF prints it: numbers Swedish style with `decimals` decimals (None: an int
    as it is, a float with the decimals it has, at most MAX_DECIMALS), None as "–", text as it is."""
    if value is None:
        return MISSING
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, int | float):
        if decimals is None:
            decimals = 0 if isinstance(value, int) else _decimals_of(value)
        return format_number(value, decimals)
    return str(value)


def _decimals_of(value: float) -> int:
    try:
        exponent = Decimal(repr(value)).as_tuple().exponent
    except ArithmeticError:
        return 0
    return min(max(-exponent, 0), MAX_DECIMALS) if isinstance(exponent, int) else 0


def _font_faces() -> str:
    """The bundled font (Bitstream Vera, inside ReportLab) as @font-face rules with data URIs."""
    import reportlab

    folder = os.path.join(os.path.dirname(reportlab.__file__), "fonts")
    rules = []
    for weight, name in (("normal", "Vera.ttf"), ("bold", "VeraBd.ttf")):
        with open(os.path.join(folder, name), "rb") as file:
            source = "data:font/ttf;base64," + base64.b64encode(file.read()).decode()
        rules.append(
            f'@font-face {{ font-family: "{BUNDLED_FAMILY}"; font-weight: {weight}; src: url({source}); }}'
        )
    return "\n".join(rules)


def _css(document: Document, labels: dict[str, str], bundled_font: bool = False) -> str:
    footer = _css_string(document.footer or f"{document.organisation} · {document.title}")
    fonts = f'"{BUNDLED_FAMILY}", {FONT_STACK}' if bundled_font else FONT_STACK
    page = _css_string(labels["page"] + " ")
    of = _css_string(" " + labels["of"] + " ")
    return f"""
@page {{
  size: A4;
  margin: 20mm 18mm 22mm 18mm;
  @bottom-left {{ content: {footer}; font: 8pt {fonts}; color: #444; }}
  @bottom-right {{ content: {page} counter(page) {of} counter(pages); font: 8pt {fonts}; color: #444; }}
}}
html {{ font-family: {fonts}; font-size: 10pt; line-height: 1.4; color: #111; }}
h1 {{ font-size: 20pt; margin: 0 0 6mm; }}
h2 {{ font-size: 14pt; margin: 8mm 0 3mm; break-after: avoid; }}
h3 {{ font-size: 11pt; margin: 5mm 0 2mm; break-after: avoid; }}
.facts {{ margin: 0 0 6mm; }}
.facts p {{ margin: 0 0 1mm; }}
.facts .label {{ display: inline-block; min-width: 28mm; font-weight: bold; }}
p {{ margin: 0 0 3mm; }}
p.note {{ font-size: 9pt; color: #333; }}
table {{ border-collapse: collapse; width: 100%; margin: 0 0 4mm; font-size: 9pt; }}
caption {{ text-align: left; font-weight: bold; padding: 0 0 1.5mm; }}
th, td {{ border-bottom: 0.5pt solid #999; padding: 1mm 2mm; text-align: left; vertical-align: top; }}
thead th {{ border-bottom: 1pt solid #111; }}
tbody th {{ font-weight: normal; }}
.num {{ text-align: right; white-space: nowrap; }}
tr {{ break-inside: avoid; }}
.figure img {{ display: block; max-width: 100%; height: auto; margin: 0 0 3mm; }}
.definitions li {{ margin: 0 0 1.5mm; }}
table.pairs th {{ width: 45mm; font-weight: bold; }}
"""


def _css_string(text: str) -> str:
    """`text` as a CSS string literal."""
    escaped = "".join(c if c.isalnum() or c in " ·,.-–()" else f"\\{ord(c):x} " for c in text)
    return f'"{escaped}"'

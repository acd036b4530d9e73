"""A report Document as an Excel workbook (openpyxl, write-only).

    render_xlsx(document) -> bytes

- The first sheet holds the title, organisation, period, audience, the date it was produced and the
  definitions; then one sheet per section, named after it (at most 31 characters, none of []:*?/\\,
  unique regardless of case, as Excel requires).
- A section's sheet holds its paragraphs as text rows and each table as a bold caption row (with
  its unit), a bold header row and the rows; a figure as its title (bold) and its table. A blank row
  between blocks.
- Numbers are numeric cells with a number format from the table's `decimals` ("0", "0.0", …; no
  decimals given: Excel's General), so they can be summed and charted; None is an empty cell.
- Text goes through kasam.core.export's cell guard (the one every Kasam export uses): a text cell
  beginning with =, +, -, @, a tab or a carriage return gets a leading apostrophe and is stored as a
  string, never as a formula; characters XLSX cannot hold are dropped.
"""

import io
import re

from kasam.core.document import Document, Facts, Figure, Heading, Paragraph, Section, Table
from kasam.core.export import _xlsx_cell

LABELS = {
    "sv": {
        "sheet": "Rapport",
        "organisation": "Organisation",
        "period": "Period",
        "audience": "Målgrupp",
        "source": "Sjukfrånvaron från",
        "generated": "Framtagen",
        "definitions": "Definitioner och inställningar",
    },
    "en": {
        "sheet": "Report",
        "organisation": "Organisation",
        "period": "Period",
        "audience": "Audience",
        "source": "Sick leave from",
        "generated": "Produced",
        "definitions": "Definitions and settings",
    },
}
SHEET_TITLE_LENGTH = 31
_SHEET_FORBIDDEN = re.compile(r"[\[\]:*?/\\]")
_RESERVED_SHEET_TITLES = {"history"}  # Excel keeps "History" for itself
MIN_WIDTH, MAX_WIDTH = 8, 60


def render_xlsx(document: Document) -> bytes:
    """The XLSX file of `document`."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    labels = LABELS.get(document.language, LABELS["en"])
    bold = Font(bold=True)
    title_font = Font(bold=True, size=14)
    workbook = Workbook(write_only=True)
    titles = sheet_titles([labels["sheet"], *(section.title for section in document.sections)])

    rows: list[list] = [
        [_Styled(document.title, title_font)],
        [],
        [_Styled(labels["organisation"], bold), document.organisation],
        [_Styled(labels["period"], bold), document.period],
    ]
    if document.audience:
        rows.append([_Styled(labels["audience"], bold), document.audience])
    if document.source:
        rows.append([_Styled(labels["source"], bold), document.source])
    rows.append([_Styled(labels["generated"], bold), document.generated_on])
    if document.definitions:
        rows += [[], [_Styled(labels["definitions"], bold)]]
        rows += [[text] for text in document.definitions]
    _write_sheet(workbook, titles[0], rows, widths=[22, 100])

    for title, section in zip(titles[1:], document.sections, strict=True):
        rows = _section_rows(section, bold)
        _write_sheet(workbook, title, rows)

    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _section_rows(section: Section, bold) -> list[list]:
    """A section's blocks as sheet rows, an empty row between two blocks."""
    rows: list[list] = []
    for block in section.blocks:
        if rows:
            rows.append([])
        if isinstance(block, Paragraph):
            rows.append([block.text])
        elif isinstance(block, Heading):
            rows.append([_Styled(block.text, bold)])
        elif isinstance(block, Facts):
            rows += [[_Styled(label, bold), value] for label, value in block.pairs]
        elif isinstance(block, Table):
            rows += _table_rows(block, bold)
        elif isinstance(block, Figure):
            # The figure's title, then its table (whose caption is left out when it only repeats it).
            rows.append([_Styled(block.title, bold)])
            rows += _table_rows(block.table, bold, caption=block.table.caption != block.title)
    return rows


def sheet_titles(names: list[str]) -> list[str]:
    """Valid, unique sheet titles for `names`, in order: forbidden characters become "-", at most 31
    characters, no leading or trailing apostrophe, a clash (Excel ignores case) gets " (2)", " (3)"…"""
    titles: list[str] = []
    taken: set[str] = set()
    for name in names:
        base = _SHEET_FORBIDDEN.sub("-", " ".join(str(name).split())).strip("'")[:SHEET_TITLE_LENGTH]
        base = base.strip().strip("'") or "Blad"
        title, number = base, 1
        while title.casefold() in taken or title.casefold() in _RESERVED_SHEET_TITLES:
            number += 1
            suffix = f" ({number})"
            title = base[: SHEET_TITLE_LENGTH - len(suffix)].rstrip().rstrip("'") + suffix
        taken.add(title.casefold())
        titles.append(title)
    return titles


def number_format(decimals: int | None) -> str | None:
    """The Excel number format for `decimals` decimals ("0", "0.0", "0.00", …); None: General."""
    if decimals is None:
        return None
    decimals = max(int(decimals), 0)
    return "0." + "0" * decimals if decimals else "0"


class _Styled:
    """A value with a font, written as a styled cell."""

    def __init__(self, value, font):
        self.value, self.font = value, font


class _Number:
    def __init__(self, value, fmt: str | None):
        self.value, self.fmt = value, fmt


def _table_rows(table: Table, bold, caption: bool = True) -> list[list]:
    text = table.caption if caption else ""
    text = f"{text} ({table.unit})".strip() if table.unit else text
    rows: list[list] = [[_Styled(text, bold)]] if text else []
    rows.append([_Styled(header, bold) for header in table.headers])
    formats = [number_format(d) for d in table.decimals]
    for row in table.rows:
        rows.append(
            [
                _Number(value, formats[index] if index < len(formats) else None)
                if isinstance(value, int | float) and not isinstance(value, bool)
                else value
                for index, value in enumerate(row)
            ]
        )
    if table.note:
        rows.append([table.note])
    return rows


def _write_sheet(workbook, title: str, rows: list[list], widths: list[int] | None = None) -> None:
    from openpyxl.utils import get_column_letter

    sheet = workbook.create_sheet(title=title)
    if widths is None:
        widths = _widths(rows)
    for index, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    for row in rows:
        sheet.append([_cell(sheet, value) for value in row])


def _cell(sheet, value):
    if isinstance(value, _Styled):
        cell = _cell(sheet, value.value)
        cell.font = value.font
        return cell
    if isinstance(value, _Number):
        cell = _xlsx_cell(sheet, value.value)
        if value.fmt and cell.value is not None:
            cell.number_format = value.fmt
        return cell
    return _xlsx_cell(sheet, value)


def _widths(rows: list[list]) -> list[int]:
    """Column widths from the longest value in each column; a row of one cell (a caption, a
    paragraph) may run over the columns to its right and is not counted."""
    widths: list[int] = []
    for row in rows:
        if len(row) < 2:
            continue
        for index, value in enumerate(row):
            raw = value.value if isinstance(value, _Styled | _Number) else value
            length = len(str(raw)) if raw is not None else 0
            if isinstance(raw, float):
                length = min(length, 10)
            if index >= len(widths):
                widths.append(MIN_WIDTH)
            widths[index] = min(max(widths[index], length + 2), MAX_WIDTH)
    return widths or [MAX_WIDTH]

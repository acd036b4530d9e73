"""Tables as downloads: a header row and data rows → a CSV or XLSX attachment.

Generic and free of any app's rules: the caller decides what may be in the rows. Every app's export
builds its rows from the same functions its pages use (for the pulse, the disclosure gate in
kasam.pulse.results), so a file never holds more than the page shows.

Choices:
- CSV is written for Swedish Excel, which is what the municipalities open it with: UTF-8 with a byte
  order mark (without it Excel reads the file as Windows-1252 and breaks å, ä, ö), semicolon as the
  separator (Swedish Excel's list separator; a comma would also clash with the decimal comma) and the
  decimal comma in numbers (3,5), so that Excel reads them as numbers. No thousands separator, so that
  the numbers stay machine-readable; other programs read the file with `sep=";", decimal=","`.
- XLSX writes numbers as numbers (the spreadsheet formats them by its own locale) and dates as dates.
- Formula injection (OWASP "CSV injection"): a text cell that begins with =, +, -, @, a tab or a
  carriage return would be run as a formula by a spreadsheet, and text such as unit names comes from
  imports. Such a cell gets a leading apostrophe in both formats; numbers are never touched. In XLSX
  such text is then stored as a string cell, never as a formula.
- The file name is reduced to ASCII letters, digits, dot, hyphen and underscore, so that the
  Content-Disposition header needs no encoding and no browser or file system trips over it.

Cell values: None (empty), str (or a lazy translation), int, float, Decimal, date, datetime, bool
(written as 1/0 in CSV and TRUE/FALSE in XLSX – callers showing yes/no should pass translated text).
"""

import csv
import io
import math
import re
import unicodedata
from collections.abc import Iterable, Sequence
from datetime import date, datetime
from decimal import ROUND_HALF_UP, Decimal

from django.http import HttpResponse

CSV_CONTENT_TYPE = "text/csv; charset=utf-8"
XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
BOM = "\ufeff"
SEPARATOR = ";"
DECIMAL = ","
# Characters that make a spreadsheet read a text cell as a formula (OWASP's list).
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
_UNSAFE_FILENAME = re.compile(r"[^A-Za-z0-9._-]+")
_SHEET_TITLE_FORBIDDEN = re.compile(r"[\[\]:*?/\\]")


def neutralise(text: str) -> str:
    """A text cell that a spreadsheet would run as a formula, with a leading apostrophe."""
    return "'" + text if text.startswith(FORMULA_PREFIXES) else text


def safe_filename(filename: str, extension: str) -> str:
    """`filename` in plain ASCII (å → a, spaces and other signs → -), ending in `.extension`."""
    stem = filename[: -len(extension) - 1] if filename.lower().endswith("." + extension) else filename
    ascii_stem = unicodedata.normalize("NFKD", stem).encode("ascii", "ignore").decode("ascii")
    ascii_stem = _UNSAFE_FILENAME.sub("-", ascii_stem).strip(".-_")[:100] or "export"
    return f"{ascii_stem}.{extension}"


def _attachment(content: bytes | str, content_type: str, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    # A download of figures is not for shared caches; each viewer's file is cut to their scope.
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response


def _csv_number(value: int | float | Decimal) -> str:
    if isinstance(value, int):
        return str(value)
    number = value if isinstance(value, Decimal) else Decimal(repr(float(value)))
    if not number.is_finite():
        return ""
    text = f"{number:f}"
    return text.replace(".", DECIMAL)


def _csv_cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, int | float | Decimal):
        return _csv_number(value)
    if isinstance(value, datetime | date):
        return value.isoformat()
    return neutralise(str(value))


def csv_rows(header: Sequence, rows: Iterable[Sequence]) -> str:
    """The CSV text (without the byte order mark) of a header row and data rows."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=SEPARATOR, lineterminator="\r\n")
    writer.writerow([_csv_cell(str(cell)) for cell in header])
    for row in rows:
        writer.writerow([_csv_cell(cell) for cell in row])
    return buffer.getvalue()


def csv_response(filename: str, header: Sequence, rows: Iterable[Sequence]) -> HttpResponse:
    """A CSV download for Swedish Excel: UTF-8 with BOM, `;` between cells, decimal comma."""
    content = (BOM + csv_rows(header, rows)).encode("utf-8")
    return _attachment(content, CSV_CONTENT_TYPE, safe_filename(filename, "csv"))


def _xlsx_cell(sheet, value):
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    if isinstance(value, float) and not math.isfinite(value):
        value = None
    if value is None or isinstance(value, bool | int | float | datetime | date):
        cell = WriteOnlyCell(sheet, value=value)
        if isinstance(value, datetime):
            cell.number_format = "yyyy-mm-dd hh:mm"
        elif isinstance(value, date):
            cell.number_format = "yyyy-mm-dd"
        return cell
    if isinstance(value, Decimal):
        return WriteOnlyCell(sheet, value=float(value))
    # Control characters XLSX cannot hold are dropped. After `neutralise` no text starts with "=", so
    # openpyxl stores it as a string, never as a formula.
    return WriteOnlyCell(sheet, value=neutralise(ILLEGAL_CHARACTERS_RE.sub("", str(value))))


def xlsx_bytes(header: Sequence, rows: Iterable[Sequence], sheet_title: str = "Export") -> bytes:
    """The XLSX file of a header row (bold, frozen) and data rows on one sheet."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    workbook = Workbook(write_only=True)
    title = _SHEET_TITLE_FORBIDDEN.sub("-", str(sheet_title)).strip("'")[:31] or "Export"
    sheet = workbook.create_sheet(title=title)
    sheet.freeze_panes = "A2"
    bold = Font(bold=True)
    header_cells = []
    for text in header:
        cell = _xlsx_cell(sheet, str(text))
        cell.font = bold
        header_cells.append(cell)
    sheet.append(header_cells)
    for row in rows:
        sheet.append([_xlsx_cell(sheet, value) for value in row])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def xlsx_response(
    filename: str, header: Sequence, rows: Iterable[Sequence], sheet_title: str = "Export"
) -> HttpResponse:
    """An XLSX download: numbers as numbers, text cells guarded against formula injection."""
    content = xlsx_bytes(header, rows, sheet_title)
    return _attachment(content, XLSX_CONTENT_TYPE, safe_filename(filename, "xlsx"))


# One decimal, as the pages show figures: the pulse's and the survey's exports round alike.
ROUNDED_DECIMALS = 1


def rounded(value: float | None) -> float | None:
    """One decimal, half up on the value as written (as the pages' number filters round)."""
    if value is None:
        return None
    return float(
        Decimal(repr(float(value))).quantize(Decimal(1).scaleb(-ROUNDED_DECIMALS), rounding=ROUND_HALF_UP)
    )

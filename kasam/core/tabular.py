"""Reading an import file into an all-string Polars frame with the file's line numbers.

CSV (UTF-8 with or without BOM; comma or semicolon, detected from the header; quoted fields) or XLSX.
The result has a `_line` column (the header is line 1) and one column per known header name, matched
case-insensitively in any order; values are stripped strings, "" when empty. Typing and range checks
happen later, vectorised, in the import modules. Problems go into a `Problems` collector; a reader
returns None when the file cannot be checked any further."""

import csv
import io
import zipfile
from datetime import date, datetime

import openpyxl
import polars as pl
from django.utils.translation import gettext as _

from kasam.core.validation import LINE, Problems

BOM = b"\xef\xbb\xbf"
ZIP_MAGIC = b"PK\x03\x04"  # .xlsx is a zip archive
OLE_MAGIC = b"\xd0\xcf\x11\xe0"  # the old binary .xls format
NUL = "\x00"
REPLACEMENT = "\ufffd"

# An XLSX file is a zip archive that may unpack to a thousand times its size. Before openpyxl opens it,
# the sizes its directory declares are checked (Python's zipfile never unpacks more than a member's
# declared size). Excel itself stops at 1,048,576 rows. docs/import-formats.md lists these limits.
MB = 1024 * 1024
XLSX_MAX_UNPACKED = 512 * MB  # all parts of the file together
XLSX_MAX_SHARED_STRINGS = 64 * MB  # xl/sharedStrings.xml, which openpyxl holds in memory whole
XLSX_MAX_RATIO = 100  # unpacked ÷ packed size of one part larger than XLSX_RATIO_FROM
XLSX_RATIO_FROM = 1 * MB
XLSX_MAX_ROWS = 1_048_576
XLSX_MAX_CELL_BYTES = 512 * MB  # the cells' text kept, plus 16 bytes a cell
SHARED_STRINGS = "xl/sharedStrings.xml"
CHUNK_CELLS = 1_000_000  # cells read row by row (Python's csv, openpyxl) held as Python strings at most

Raw = tuple[list[str], pl.DataFrame]  # header names as written, frame with columns c0…cN and _line


def read_table(
    data: bytes, problems: Problems, required: tuple[str, ...], optional: tuple[str, ...] = ()
) -> pl.DataFrame | None:
    """The file's rows under the known columns, or None after reporting why it cannot be used."""
    if data.startswith(OLE_MAGIC):
        text = _("This is an old Excel file (.xls). Save it as .xlsx or as CSV UTF-8 and try again.")
        problems.error(1, required[0], text)
        return None
    raw = _read_xlsx(data, problems, required[0]) if data.startswith(ZIP_MAGIC) else _read_csv(data, problems)
    if raw is None:
        return None
    header, frame = raw
    if not any(name.strip() for name in header):
        text = _("The file is empty. It should start with a header row: %(columns)s.")
        problems.error(1, required[0], text % {"columns": ", ".join(required)})
        return None
    return _match_columns(header, frame, problems, required, optional)


def _match_columns(
    header: list[str],
    frame: pl.DataFrame,
    problems: Problems,
    required: tuple[str, ...],
    optional: tuple[str, ...],
) -> pl.DataFrame | None:
    known = set(required) | set(optional)
    positions: dict[str, int] = {}
    fatal = False
    for index, written in enumerate(header):
        if NUL in written:
            fatal = True
            written = written.replace(NUL, "")
            problems.error(1, written.strip(), _nul_text())
        name = written.strip().lower()
        if not name:
            continue  # trailing separators in the header: nothing to say
        if name not in known:
            text = _("The column %(column)s is not used by this import and was ignored.")
            problems.warn(1, written.strip(), text % {"column": written.strip()})
        elif name in positions:
            fatal = True
            text = _("The column %(column)s appears twice in the header row.")
            problems.error(1, name, text % {"column": name})
        else:
            positions[name] = index
    for name in required:
        if name not in positions:
            fatal = True
            text = _("The column %(column)s is missing from the header row.")
            problems.error(1, name, text % {"column": name})
    if fatal:
        return None
    columns = [pl.col(f"c{i}").fill_null("").str.strip_chars().alias(name) for name, i in positions.items()]
    frame = frame.select(pl.col(LINE).cast(pl.Int64), *columns)
    # Blank lines (and rows of empty cells, common at the end of a spreadsheet) are not rows.
    frame = frame.filter(pl.any_horizontal([pl.col(name) != "" for name in positions]))
    if frame.height == 0:
        problems.error(1, required[0], _("The file has a header row but no data rows below it."))
        return None
    return _without_nul(frame, problems, list(positions))


def _nul_text() -> str:
    return _(
        "This cell holds a NUL character (a zero byte), which Kasam cannot store. The file may be "
        "damaged or saved in the wrong format: save it again as CSV UTF-8 or as .xlsx."
    )


def _without_nul(frame: pl.DataFrame, problems: Problems, names: list[str]) -> pl.DataFrame:
    """An error on every cell holding a NUL character, which PostgreSQL refuses in text (the write
    would fail after a dry run said the file was fine) and SQLite would store unseen. The cells then
    hold U+FFFD instead, so that later messages quoting them show where the character was."""
    text = _nul_text()
    for name in names:
        problems.flag(frame, pl.col(name).str.contains(NUL, literal=True), name, lambda row: text)
    return frame.with_columns(pl.col(name).str.replace_all(NUL, REPLACEMENT, literal=True) for name in names)


def _read_csv(data: bytes, problems: Problems) -> Raw | None:
    if data.startswith(BOM):
        data = data[len(BOM) :]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        _report_encoding(data, error.start, problems)
        return None
    first_line = text.partition("\n")[0].rstrip("\r")
    separator = _separator(first_line)
    header = next(csv.reader([first_line], delimiter=separator), [])
    if not any(name.strip() for name in header):
        return header, _frame([], [])
    frame = _polars_csv(data, text, header, separator)
    if frame is None:
        frame = _python_csv(text, header, separator, problems)
    return header, frame


def _separator(header_line: str) -> str:
    return ";" if header_line.count(";") > header_line.count(",") else ","


def _polars_csv(data: bytes, text: str, header: list[str], separator: str) -> pl.DataFrame | None:
    """The fast path. Its line numbers are row index + 2, which holds only when every record is one
    line; any doubt (a quoted line break, ragged rows, trailing blank lines) falls back to Python."""
    try:
        frame = pl.read_csv(data, separator=separator, infer_schema=False, raise_if_empty=False)
    except pl.exceptions.PolarsError:
        return None
    lines = text.count("\n") + (0 if text.endswith("\n") else 1)
    if frame.width != len(header) or frame.height != lines - 1:
        return None
    # Belt and braces: a quoted line break and a dropped blank line could make the counts agree.
    if frame.select(pl.any_horizontal(pl.all().str.contains("\n", literal=True)).any()).item():
        return None
    frame.columns = [f"c{index}" for index in range(frame.width)]
    return frame.with_row_index(LINE, offset=2)


def _python_csv(text: str, header: list[str], separator: str, problems: Problems) -> pl.DataFrame:
    """The exact path: the csv module knows on which line each record starts."""
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=separator)
    next(reader, None)
    width = len(header)
    columns: list[list[str]] = [[] for _ in range(width)]
    lines: list[int] = []
    frames: list[pl.DataFrame] = []
    next_line = reader.line_num + 1
    try:
        for record in reader:
            line, next_line = next_line, reader.line_num + 1
            _append_record(record, line, header, columns, lines, problems)
            _spill(frames, columns, lines)
    except csv.Error:
        problems.error(next_line, header[0] if header else "", _("This line could not be read as CSV."))
    return _collected(frames, columns, lines)


def _append_record(
    record: list, line: int, header: list[str], columns: list[list[str]], lines: list[int], problems: Problems
) -> None:
    width = len(header)
    if not any(value not in ("", None) for value in record):
        return
    if any(str(value).strip() for value in record[width:] if value is not None):
        text = _("This row has %(count)s values, but the header row has only %(columns)s columns.")
        problems.error(line, header[-1].strip(), text % {"count": len(record), "columns": width})
        return
    for index in range(width):
        columns[index].append(record[index] if index < len(record) else "")
    lines.append(line)


def _spill(frames: list[pl.DataFrame], columns: list[list[str]], lines: list[int]) -> None:
    """Move the rows collected so far into a Polars frame once they hold CHUNK_CELLS cells: a short text
    costs Python about 60 bytes, Polars a few beside its characters. A 20 MB file of short cells read
    by the exact path grew to 950 MB held as Python strings."""
    if len(lines) * len(columns) >= CHUNK_CELLS:
        frames.append(_frame(columns, lines))
        for values in columns:
            values.clear()
        lines.clear()


def _collected(frames: list[pl.DataFrame], columns: list[list[str]], lines: list[int]) -> pl.DataFrame:
    frames.append(_frame(columns, lines))
    return pl.concat(frames, rechunk=False) if len(frames) > 1 else frames[0]


def _frame(columns: list[list[str]], lines: list[int]) -> pl.DataFrame:
    data = {f"c{index}": pl.Series(values, dtype=pl.String) for index, values in enumerate(columns)}
    return pl.DataFrame({LINE: pl.Series(lines, dtype=pl.Int64), **data})


def _report_encoding(data: bytes, position: int, problems: Problems) -> None:
    """One message at the first byte that is not UTF-8, in the column it falls in."""
    line = data.count(b"\n", 0, position) + 1
    first_line = data.partition(b"\n")[0].decode("utf-8", "replace").rstrip("\r")
    separator = _separator(first_line)
    header = next(csv.reader([first_line], delimiter=separator), [""])
    line_start = data.rfind(b"\n", 0, position) + 1
    before = data[line_start:position].decode("utf-8", "replace")
    index = max(len(next(csv.reader([before], delimiter=separator), [""])) - 1, 0)
    column = header[index].strip() if index < len(header) else str(index + 1)
    text = _(
        "The file is not saved as UTF-8, so this line cannot be read. "
        "Save the file as “CSV UTF-8” and try again."
    )
    problems.error(line, column, text)


def _read_xlsx(data: bytes, problems: Problems, first_column: str) -> Raw | None:
    if (too_large := _xlsx_too_large(data)) is not None:
        problems.error(1, first_column, too_large)
        return None
    try:
        workbook = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception:  # a damaged or foreign zip: openpyxl raises many kinds
        problems.error(1, first_column, _("The file could not be read as an Excel file (.xlsx)."))
        return None
    try:
        rows = workbook.worksheets[0].iter_rows()
        header = [_cell_text(cell) for cell in next(rows, ())]
        columns: list[list[str]] = [[] for _ in header]
        lines: list[int] = []
        frames: list[pl.DataFrame] = []
        # read_only mode yields empty tuples for empty rows, so enumerate gives the sheet's row number.
        budget = XLSX_MAX_CELL_BYTES
        for line, cells in enumerate(rows, start=2):
            record = [_cell_text(cell) for cell in cells]
            budget -= sum(len(text) + 16 for text in record[: len(header)])
            if line > XLSX_MAX_ROWS or budget < 0:
                text = _(
                    "The Excel file holds more than Kasam reads in one import (at most %(rows)s rows and "
                    "%(size)s MB of text). Split it into smaller files and import them one by one."
                )
                problems.error(
                    line, first_column, text % {"rows": XLSX_MAX_ROWS, "size": XLSX_MAX_CELL_BYTES // MB}
                )
                return None
            _append_record(record, line, header, columns, lines, problems)
            _spill(frames, columns, lines)
    finally:
        workbook.close()
    if not header:
        return header, _frame([], [])
    return header, _collected(frames, columns, lines)


def _xlsx_too_large(data: bytes) -> str | None:
    """Why the zip archive would unpack to more than Kasam reads, or None. A damaged zip passes here
    and is reported by openpyxl's failure to open it."""
    try:
        parts = zipfile.ZipFile(io.BytesIO(data)).infolist()
    except (zipfile.BadZipFile, ValueError, OSError):
        return None
    unpacked = sum(part.file_size for part in parts)
    if unpacked > XLSX_MAX_UNPACKED:
        text = _(
            "The Excel file unpacks to %(size)s MB, more than the %(limit)s MB Kasam reads. "
            "Split it into smaller files, or save it as CSV UTF-8, and try again."
        )
        return text % {"size": _mb(unpacked), "limit": XLSX_MAX_UNPACKED // MB}
    for part in parts:
        ratio = part.file_size / max(part.compress_size, 1)
        if part.file_size > XLSX_RATIO_FROM and ratio > XLSX_MAX_RATIO:
            text = _(
                "The part %(part)s of the Excel file grows %(ratio)s times when unpacked; Kasam accepts at "
                "most %(limit)s times. Such a file is damaged or made to overload the server. Open it in "
                "Excel and save it again, or save it as CSV UTF-8, and try again."
            )
            return text % {"part": part.filename, "ratio": int(ratio), "limit": XLSX_MAX_RATIO}
        if part.filename == SHARED_STRINGS and part.file_size > XLSX_MAX_SHARED_STRINGS:
            text = _(
                "The Excel file's table of texts (%(part)s) unpacks to %(size)s MB, more than the "
                "%(limit)s MB Kasam reads. Save the file as CSV UTF-8 and try again."
            )
            return text % {
                "part": part.filename,
                "size": _mb(part.file_size),
                "limit": XLSX_MAX_SHARED_STRINGS // MB,
            }
    return None


def _mb(size: int) -> int:
    """Whole megabytes, rounded up: a file just over a limit is not said to be at it."""
    return -(-size // MB)


def _cell_text(cell) -> str:
    """A cell as the text a CSV export would have: date cells as ISO dates, 1001.0 as "1001", and a
    percentage cell as its percent (a rate shown as 62.5 % is stored as 0.625)."""
    value = cell.value
    if isinstance(value, int | float) and "%" in (getattr(cell, "number_format", "") or ""):
        value = round(value * 100, 9)
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == datetime.min.time() else value.isoformat(" ")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)

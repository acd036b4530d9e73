"""The report workbook (kasam.core.document.xlsx): numbers as numbers with their format, None empty, text
guarded against formula injection, valid and unique sheet names."""

import io
import re
from datetime import date

from openpyxl import load_workbook

from kasam.core.document import Document, Figure, Paragraph, Section, Table
from kasam.core.document.xlsx import number_format, render_xlsx, sheet_titles

SVG = '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><rect width="5" height="5"/></svg>'


def document() -> Document:
    units = Table(
        "Sjukfrånvaro per enhet",
        ["Enhet", "Sjukfrånvaro", "Anställda", "Kvot"],
        [["Hemtjänst", 12.34, 1234, 0.5], ["=SUM(A1)", None, 8, 2], ["-1 kl", 3.0, 0, None]],
        [None, 1, 0],
        "%",
        "Tomma celler: för få personer.",
    )
    figure = Figure(
        "Per månad", SVG, "En linje", Table("Per månad", ["Månad", "Andel"], [["jan", 5.25]], [None, 2])
    )
    return Document(
        title="Hälsobokslut 2025",
        organisation="@Kommun",
        period="1 januari – 31 december 2025",
        generated_on=date(2026, 1, 15),
        language="sv",
        sections=[
            Section("Sjukfrånvaro: per enhet [2025]", [Paragraph("+ en mening"), units, figure]),
            Section("Sjukfrånvaro: per enhet [2025]", [Paragraph("Samma namn igen.")]),
            Section("Ett mycket långt avsnittsnamn som inte får plats", []),
        ],
        definitions=['=HYPERLINK("http://example.invalid")', "Sjukfrånvaro: sjuktimmar / ordinarie."],
        audience="För nämnden",
    )


def workbook():
    return load_workbook(io.BytesIO(render_xlsx(document())))


def cells(sheet) -> dict:
    return {cell.coordinate: cell for row in sheet.iter_rows() for cell in row if cell.value is not None}


def find(sheet, value):
    return next(cell for cell in cells(sheet).values() if cell.value == value)


def test_the_first_sheet_has_the_title_period_audience_and_definitions():
    front = workbook().worksheets[0]
    values = [cell.value for cell in cells(front).values()]
    assert front.title == "Rapport"
    assert front["A1"].value == "Hälsobokslut 2025" and front["A1"].font.b
    assert "1 januari – 31 december 2025" in values
    assert "För nämnden" in values
    assert "'@Kommun" in values
    assert "Sjukfrånvaro: sjuktimmar / ordinarie." in values
    assert '\'=HYPERLINK("http://example.invalid")' in values
    produced = find(front, "Framtagen").offset(column=1)
    assert produced.value.date() == date(2026, 1, 15) and produced.number_format == "yyyy-mm-dd"


def test_numbers_are_numeric_cells_with_the_number_format_and_none_is_empty():
    sheet = workbook().worksheets[1]
    row = find(sheet, "Hemtjänst").row
    share, staff, ratio = (sheet.cell(row, column) for column in (2, 3, 4))
    assert share.data_type == "n" and share.value == 12.34 and share.number_format == "0.0"
    assert staff.data_type == "n" and staff.value == 1234 and staff.number_format == "0"
    assert ratio.data_type == "n" and ratio.value == 0.5 and ratio.number_format == "General"
    injected = find(sheet, "'=SUM(A1)")
    assert injected.data_type == "s"
    assert sheet.cell(injected.row, 2).value is None
    assert sheet.cell(injected.row, 3).value == 8
    minus = find(sheet, "'-1 kl")
    assert sheet.cell(minus.row, 2).value == 3.0 and sheet.cell(minus.row, 4).value is None
    assert find(sheet, "Per månad").offset(row=2, column=1).number_format == "0.00"


def test_no_cell_is_a_formula():
    for sheet in workbook().worksheets:
        for cell in cells(sheet).values():
            assert cell.data_type != "f"
            text = cell.value if isinstance(cell.value, str) else ""
            assert not text.startswith(("=", "+", "-", "@", "\t", "\r"))


def test_tables_have_a_bold_caption_and_bold_headers_then_the_rows():
    sheet = workbook().worksheets[1]
    caption = find(sheet, "Sjukfrånvaro per enhet (%)")
    assert caption.font.b
    headers = [sheet.cell(caption.row + 1, column) for column in range(1, 5)]
    assert [cell.value for cell in headers] == ["Enhet", "Sjukfrånvaro", "Anställda", "Kvot"]
    assert all(cell.font.b for cell in headers)
    assert sheet.cell(caption.row + 2, 1).value == "Hemtjänst"
    assert find(sheet, "Tomma celler: för få personer.").row == caption.row + 5
    assert find(sheet, "'+ en mening").row == 1
    # The figure: its title once (the table's caption only repeated it), then its table.
    title = find(sheet, "Per månad")
    assert title.font.b and sheet.cell(title.row + 1, 1).value == "Månad"


def test_sheet_names_are_valid_and_unique():
    names = workbook().sheetnames
    assert names == ["Rapport", "Sjukfrånvaro- per enhet -2025-", "Sjukfrånvaro- per enhet -20 (2)", names[3]]
    assert len(names[3]) <= 31 and names[3].startswith("Ett mycket långt")
    for name in names:
        assert 0 < len(name) <= 31 and not re.search(r"[\[\]:*?/\\]", name)
    assert len({name.casefold() for name in names}) == len(names)


def test_sheet_titles_clash_without_regard_to_case_and_avoid_reserved_names():
    assert sheet_titles(["Rapport", "rapport", "RAPPORT", "History", "'Citat'", "", "a/b"]) == [
        "Rapport",
        "rapport (2)",
        "RAPPORT (3)",
        "History (2)",
        "Citat",
        "Blad",
        "a-b",
    ]


def test_number_formats_follow_the_decimals():
    assert [number_format(d) for d in (None, 0, 1, 3)] == [None, "0", "0.0", "0.000"]

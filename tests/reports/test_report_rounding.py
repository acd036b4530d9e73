"""A report's numbers are rounded once, when shown (kasam.reports.build.rounded): a column with its
decimals keeps full precision for the PDF and Excel to round; JSON gives every number to 2 decimals."""

from datetime import date

from kasam.core.document import Document, Section, Table
from kasam.core.document.pdf import format_cell
from kasam.reports.build import rounded


def survey_document(nmi: float) -> Document:
    rows = [["Hela organisationen", nmi, 3.14159]]
    table = Table("Medarbetarenkät 2025", ["Enhet", "NMI", "Kvot"], rows, [None, 1])  # "Kvot": as it is
    return Document(
        title="Hälsobokslut 2025",
        organisation="Exempelkommun",
        period="1 januari – 31 december 2025",
        generated_on=date(2026, 1, 15),
        language="sv",
        sections=[Section("Medarbetarenkät", [table])],
        definitions=[],
    )


def cells(document: Document) -> list:
    return document.sections[0].blocks[0].rows[0]


def test_a_figure_with_its_decimals_is_rounded_once_when_shown():
    """NMI 63.648 in a column shown with one decimal prints as 63,6. The old code rounded every
    number to 2 decimals first (63.65), so the PDF printed 63,7."""
    shown = cells(rounded(survey_document(63.648)))
    assert shown[1] == 63.648 and format_cell(shown[1], 1) == "63,6"
    assert shown[2] == 3.14  # a column shown as it is: 2 decimals, as every figure Kasam gives


def test_json_gives_every_number_to_2_decimals():
    assert cells(rounded(survey_document(63.648), every_column=True))[1:] == [63.65, 3.14]

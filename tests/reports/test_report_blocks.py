"""The blocks a health plan needs besides the committee's (kasam.core.document Heading and Facts, a
table without caption, a document without organisation and period lines, its own footer), in the PDF's
HTML and in the Excel workbook."""

import io
from datetime import date

from openpyxl import load_workbook

from kasam.core.document import Document, Facts, Heading, Paragraph, Section, Table
from kasam.core.document.pdf import document_html
from kasam.core.document.xlsx import render_xlsx


def plan_like() -> Document:
    return Document(
        title="Hälsoplan 2026 – Hemtjänst Norr",
        organisation="",
        period="",
        generated_on=date(2026, 11, 25),
        language="sv",
        sections=[
            Section(
                "Aktiviteter",
                [
                    Heading("Återhämtningspaus <b>"),
                    Facts([("Status", "Klar"), ("Vår reflektion", "Pausen gav ro.\nNästa gång: kortare.")]),
                    Table("", ["Omgång", "Index"], [["2026-10-01", "71"]]),
                    Paragraph("• Vi hjälper varandra"),
                ],
            )
        ],
        definitions=[],
        footer="Hälsoplan 2026 – Hemtjänst Norr",
    )


def test_heading_facts_and_a_table_without_caption_in_the_pdf_html():
    html = document_html(plan_like())
    assert "<h3>Återhämtningspaus &lt;b&gt;</h3>" in html
    assert '<th scope="row">Vår reflektion</th><td>Pausen gav ro.<br>Nästa gång: kortare.</td>' in html
    assert "<caption>" not in html
    assert "Organisation:" not in html and "Period:" not in html
    assert "Framtagen:</span> 25 november 2026" in html
    # The footer is the document's own, not "organisation · title" with an empty organisation.
    assert '@bottom-left { content: "Hälsoplan 2026 – Hemtjänst Norr";' in html


def test_heading_and_facts_in_the_workbook():
    sheet = load_workbook(io.BytesIO(render_xlsx(plan_like())))["Aktiviteter"]
    rows = [[cell for cell in row if cell is not None] for row in sheet.iter_rows(values_only=True)]
    assert ["Återhämtningspaus <b>"] in rows
    assert ["Status", "Klar"] in rows
    assert ["Vår reflektion", "Pausen gav ro.\nNästa gång: kortare."] in rows

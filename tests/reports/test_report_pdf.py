"""The report PDF (kasam.core.document.pdf): tagged PDF/UA-1 with language, title, headings, tables with
header cells, figures with their text alternative; numbers in Swedish format."""

import io
import logging
import re
import shutil
import subprocess
from datetime import date
from pathlib import Path

import pytest
from django.utils import translation
from pypdf import PdfReader

from kasam.core import charts
from kasam.core.document import Document, Figure, Paragraph, Section, Table
from kasam.core.document.pdf import document_html, format_cell, render_pdf

ALT = "En linje över sjukfrånvaron: från 5,1 procent i januari till 7,4 procent i december."
DEFINITION = "Sjukfrånvaro: sjuktimmar i procent av ordinarie arbetstid (LKBR 11 kap.)."


def small_document() -> Document:
    with translation.override("sv"):
        chart = charts.line_chart(
            [{"month": date(2025, m, 1), "pct": 5.1 + 0.2 * (m - 1)} for m in range(1, 13)],
            x="month",
            y="pct",
            title="Sjukfrånvaro per månad",
            y_title="Procent",
        )
    units = Table(
        "Sjukfrånvaro per enhet",
        ["Enhet", "Sjukfrånvaro", "Anställda"],
        [["Hemtjänst <Norr> & Syd", 12.34, 1234], ["=SUM(A1)", None, 8]],
        [None, 1, 0],
        "%",
        "Tomma celler: för få personer för att visa.",
    )
    figure_table = Table(
        "Sjukfrånvaro per månad",
        ["Månad", "Sjukfrånvaro"],
        [["januari 2025", 5.1], ["december 2025", 7.3]],
        [None, 1],
    )
    return Document(
        title="Hälsobokslut 2025",
        organisation="Exempelkommun",
        period="1 januari – 31 december 2025",
        generated_on=date(2026, 1, 15),
        language="sv",
        sections=[
            Section(
                "Sjukfrånvaro",
                [
                    Paragraph("Sjukfrånvaron steg under året."),
                    units,
                    Figure("Sjukfrånvaro per månad", str(chart.svg), ALT, figure_table),
                ],
            )
        ],
        definitions=[DEFINITION],
        audience="För nämnden: bara sammanställda uppgifter",
    )


@pytest.fixture(scope="module")
def pdf_bytes() -> bytes:
    return render_pdf(small_document())


def struct_elements(reader: PdfReader) -> list[dict]:
    """Every structure element of the tree, depth first."""
    found = []

    def walk(node):
        node = node.get_object()
        if not hasattr(node, "get"):
            return
        if "/S" in node:
            found.append(node)
        kids = node.get("/K")
        if kids is None:
            return
        for kid in kids if isinstance(kids, list) else [kids]:
            if hasattr(kid, "get_object"):
                walk(kid)

    walk(reader.trailer["/Root"]["/StructTreeRoot"])
    return found


def test_the_pdf_opens_and_is_tagged_with_language_and_title(pdf_bytes):
    reader = PdfReader(io.BytesIO(pdf_bytes))
    assert len(reader.pages) >= 1
    catalog = reader.trailer["/Root"]
    assert catalog["/MarkInfo"]["/Marked"].value is True
    assert "/StructTreeRoot" in catalog
    assert catalog["/Lang"] == "sv"
    assert catalog["/ViewerPreferences"]["/DisplayDocTitle"].value is True
    assert reader.metadata.title == "Hälsobokslut 2025"
    # PDF/UA-1: the identification in the XMP metadata.
    xmp = catalog["/Metadata"].get_object().get_data()
    assert b"pdfuaid" in xmp


def test_the_structure_tree_has_headings_tables_and_the_figure_with_its_alt_text(pdf_bytes):
    elements = struct_elements(PdfReader(io.BytesIO(pdf_bytes)))
    kinds = [str(element["/S"]) for element in elements]
    assert kinds.count("/H1") == 1
    assert "/H2" in kinds
    for kind in ("/Table", "/Caption", "/TH", "/TD", "/TR"):
        assert kind in kinds, kind
    figures = [element for element in elements if element["/S"] == "/Figure"]
    assert len(figures) == 1
    assert figures[0]["/Alt"] == ALT
    # Data cells are linked to their column and row headers.
    cells = [element for element in elements if element["/S"] == "/TD"]
    assert all(len(cell["/A"]["/Headers"]) == 2 for cell in cells)


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils is not installed")
def test_the_text_has_swedish_numbers_the_dash_the_period_and_the_definitions(pdf_bytes, tmp_path):
    path = tmp_path / "report.pdf"
    path.write_bytes(pdf_bytes)
    text = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert "12,3" in text
    # The narrow no-break space is drawn as a gap (Liberation Sans has no glyph for it; Pango spaces
    # it), which text extraction reads as a space or nothing.
    assert re.search(r"\b1\s?234\b", text)
    assert "\u2013" in text  # None as an en dash
    assert "=SUM(A1)" in text  # text is text in a PDF: shown as it is
    assert "Hemtjänst <Norr> & Syd" in text
    assert "1 januari – 31 december 2025" in text
    assert "För nämnden: bara sammanställda uppgifter" in text
    assert DEFINITION in text
    assert "Tomma celler: för få personer för att visa." in text
    assert "Sida 1 av 1" in text


def test_all_text_is_escaped_in_the_html():
    markup = document_html(small_document())
    assert "Hemtjänst &lt;Norr&gt; &amp; Syd" in markup
    assert "<Norr>" not in markup
    assert '<html lang="sv">' in markup
    assert '<th scope="col" class="num">Sjukfrånvaro</th>' in markup
    assert '<th scope="row">Hemtjänst &lt;Norr&gt; &amp; Syd</th><td class="num">12,3</td>' in markup


def test_cells_are_formatted_the_swedish_way():
    assert format_cell(12.34, 1) == "12,3"
    assert format_cell(2.25, 1) == "2,3"
    assert format_cell(1234567, 0) == "1\u202f234\u202f567"
    assert format_cell(-0.5, 1) == "\u22120,5"
    assert format_cell(None, 1) == "\u2013"
    assert format_cell(3.75) == "3,75"  # no decimals given: as it is
    assert format_cell(12) == "12"
    assert format_cell("=SUM(A1)", 1) == "=SUM(A1)"


def test_nothing_outside_the_document_is_fetched(tmp_path, caplog):
    secret = tmp_path / "secret.svg"
    secret.write_text('<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"></svg>')
    document = small_document()
    figure = Figure(
        "Bild",
        f'<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="20" '
        f'height="20"><image href="file://{secret}" width="10" height="10"/></svg>',
        "En bild",
        Table("Bild", ["A", "B"], [["x", 1]]),
    )
    document.sections[0].blocks.append(figure)
    with caplog.at_level(logging.WARNING, logger="weasyprint"):
        assert render_pdf(document).startswith(b"%PDF-")
    assert "disallowed protocol" in caplog.text


@pytest.mark.skipif(
    not Path("/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf").exists(),
    reason="fonts-liberation is not installed",
)
def test_the_text_is_set_in_liberation_sans(pdf_bytes):
    page = PdfReader(io.BytesIO(pdf_bytes)).pages[0]
    fonts = {str(font.get_object()["/BaseFont"]) for font in page["/Resources"]["/Font"].values()}
    assert fonts and all("Liberation-Sans" in font for font in fonts), fonts

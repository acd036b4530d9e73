"""Making a report: the content (kasam.reports.annual or .health, always the committee's view) in
the report's language, rendered as PDF or Excel."""

from dataclasses import replace

from django.utils import translation

from kasam.core.document import Document, Figure, Section, Table

CONTENT_TYPES = {
    "pdf": "application/pdf",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def _rounded_table(table: Table, every_column: bool = False) -> Table:
    """Numbers to 2 decimals, as every figure Kasam gives (docs/definitions.md) – only in the columns shown
    "as they are" (no decimals given), unless `every_column` (JSON). A column with its decimals keeps full
    precision, so the PDF and Excel round it once, when shown: rounding it here too made NMI 63.648
    63.65 and the PDF's one decimal then "63,7"."""

    def shown_as_is(index: int) -> bool:
        return every_column or index >= len(table.decimals) or table.decimals[index] is None

    rows = [
        [
            round(cell, 2) if isinstance(cell, float) and shown_as_is(index) else cell
            for index, cell in enumerate(row)
        ]
        for row in table.rows
    ]
    return replace(table, rows=rows)


def rounded(document: Document, every_column: bool = False) -> Document:
    """The document with its numbers to 2 decimals: the columns shown as they are, or, for JSON
    (`every_column`), every number."""
    sections = []
    for section in document.sections:
        blocks = []
        for block in section.blocks:
            if isinstance(block, Table):
                block = _rounded_table(block, every_column)
            elif isinstance(block, Figure):
                block = replace(block, table=_rounded_table(block.table, every_column))
            blocks.append(block)
        sections.append(Section(section.title, blocks))
    return replace(document, sections=sections)


def build_document(kind: str, year: int, language: str = "sv") -> Document:
    with translation.override(language):
        if kind == "annual":
            from kasam.reports.annual import build_annual

            return rounded(build_annual(year, language))
        if kind == "health":
            from kasam.reports.health import build_health

            return rounded(build_health(year, language))
    raise ValueError(f"unknown report {kind!r}; expected annual or health")


def render(document: Document, fmt: str) -> bytes:
    if fmt == "pdf":
        from kasam.core.document.pdf import render_pdf

        return render_pdf(document)
    if fmt == "xlsx":
        from kasam.core.document.xlsx import render_xlsx

        return render_xlsx(document)
    raise ValueError(f"unknown format {fmt!r}; expected pdf or xlsx")


def make_report(kind: str, year: int, fmt: str, language: str = "sv") -> bytes:
    return render(build_document(kind, year, language), fmt)

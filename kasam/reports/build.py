"""Making a report: the content (kasam.reports.annual or .health, always the committee's view) in
the report's language, rendered as PDF or Excel."""

from dataclasses import replace

from django.utils import translation

from kasam.reports.document import Document, Figure, Section, Table

CONTENT_TYPES = {
    "pdf": "application/pdf",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def _rounded_table(table: Table) -> Table:
    """Numbers to 2 decimals, as every figure Kasam gives (DOMAIN.md); the shown decimals stay."""
    rows = [[round(cell, 2) if isinstance(cell, float) else cell for cell in row] for row in table.rows]
    return replace(table, rows=rows)


def _rounded(document: Document) -> Document:
    sections = []
    for section in document.sections:
        blocks = []
        for block in section.blocks:
            if isinstance(block, Table):
                block = _rounded_table(block)
            elif isinstance(block, Figure):
                block = replace(block, table=_rounded_table(block.table))
            blocks.append(block)
        sections.append(Section(section.title, blocks))
    return replace(document, sections=sections)


def build_document(kind: str, year: int, language: str = "sv") -> Document:
    with translation.override(language):
        if kind == "annual":
            from kasam.reports.annual import build_annual

            return _rounded(build_annual(year, language))
        if kind == "health":
            from kasam.reports.health import build_health

            return _rounded(build_health(year, language))
    raise ValueError(f"unknown report {kind!r}; expected annual or health")


def render(document: Document, fmt: str) -> bytes:
    if fmt == "pdf":
        from kasam.reports.pdf import render_pdf

        return render_pdf(document)
    if fmt == "xlsx":
        from kasam.reports.xlsx import render_xlsx

        return render_xlsx(document)
    raise ValueError(f"unknown format {fmt!r}; expected pdf or xlsx")


def make_report(kind: str, year: int, fmt: str, language: str = "sv") -> bytes:
    return render(build_document(kind, year, language), fmt)

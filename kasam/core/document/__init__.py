"""A document as plain data, independent of its format – the committee's reports (kasam.reports) and a
unit's health plan (kasam.plans.pdf) are built as one. The content builders
fill it from Kasam's gated figures, and the renderers turn the same document into a tagged PDF
(kasam.core.document.pdf) and an Excel workbook (kasam.core.document.xlsx). Pure: no Django.

Cells hold numbers as numbers (int or float; None for "no figure": suppressed or not known) and text
as str; a table's `decimals` says how a number column is shown (None: as it is). Every chart is SVG
with a text alternative and the figures behind it as a table."""

from dataclasses import dataclass, field
from datetime import date

Cell = str | int | float | None


@dataclass(frozen=True)
class Table:
    caption: str  # "" for none
    headers: list[str]
    rows: list[list[Cell]]
    decimals: list[int | None] = field(default_factory=list)  # per column; missing = as it is
    unit: str = ""  # e.g. "%" or "tkr", printed after the caption
    note: str = ""  # a line under the table (e.g. why cells are empty)


@dataclass(frozen=True)
class Paragraph:
    text: str


@dataclass(frozen=True)
class Heading:
    """A heading inside a section (one level below the section's title)."""

    text: str


@dataclass(frozen=True)
class Facts:
    """Labelled values, one a line (e.g. "Status: done"); a value may hold line breaks."""

    pairs: list[tuple[str, str]]


@dataclass(frozen=True)
class Figure:
    """A chart: `svg` (a complete <svg> element), `alt` (what it shows, in words) and its `table`."""

    title: str
    svg: str
    alt: str
    table: Table


@dataclass(frozen=True)
class Section:
    title: str
    blocks: list[Paragraph | Heading | Facts | Table | Figure] = field(default_factory=list)


@dataclass(frozen=True)
class Document:
    title: str
    organisation: str  # "" to leave the line out
    period: str  # e.g. "1 januari – 31 december 2025"; "" to leave the line out
    generated_on: date
    language: str  # "sv" or "en"
    sections: list[Section]
    definitions: list[str]  # the definitions and settings used, printed at the end
    audience: str = ""  # e.g. "För nämnden: bara sammanställda uppgifter"
    source: str = ""  # the release the sick-leave figures are from, e.g. "Årsredovisning 2025, publicerad …"
    footer: str = ""  # the text at the foot of every page; "" for "organisation · title"

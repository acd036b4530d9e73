"""The yearly follow-up of the work-environment cycle as a tagged PDF (PDF/UA), through the document kit
(kasam.core.document): built from exactly what the page shows the same viewer
(kasam.sam.followup_page.Shown) – live, or from the release the committee reads."""

from django.utils import translation
from django.utils.translation import gettext

from kasam.core.dates import today
from kasam.core.document import Document, Facts, Paragraph, Section, Table
from kasam.core.document.pdf import SYSTEM_FONTS, render_pdf
from kasam.core.formatting import format_date
from kasam.metrics import sam
from kasam.sam.followup_page import HEADERS, Shown

__all__ = ["SYSTEM_FONTS", "followup_document", "followup_pdf", "text"]


def text(value) -> str:
    """Plain text with spaces and signs every font has (as kasam.plans.pdf)."""
    found = str(value if value is not None else "")
    return found.replace("\u202f", "\u00a0").replace("\u2212", "-")


def language() -> str:
    return (translation.get_language() or "sv").split("-")[0]


def of_units(done: int, units: int) -> str:
    return gettext("%(done)s of %(units)s") % {"done": done, "units": units}


def followup_blocks(found: Shown) -> list:
    """The counts and the table of the units below, as blocks of a section (also the pack's)."""
    if found.counts is None:
        return [Paragraph(gettext("Nothing is published yet."))]
    blocks: list = [
        Table(
            text(found.name),
            [gettext("What is counted"), gettext("Number")],
            [[text(label), value] for _name, label, value in found.lines],
        )
    ]
    if found.rows:
        headers = [gettext("Unit"), *(str(HEADERS[name]) for name in sam.COUNTS[1:])]
        rows = [
            [
                text(row["name"]),
                of_units(row["units_with_round"], row["units"]),
                *(row[name] for name in sam.COUNTS[2:]),
            ]
            for row in found.rows
        ]
        blocks.append(Table(gettext("The units below"), headers, rows))
    return blocks


def followup_document(found: Shown) -> Document:
    title = gettext("The yearly follow-up of the work environment")
    if found.live:
        source = gettext("Live figures as of %(day)s.") % {"day": format_date(found.as_of)}
    elif found.release is not None:
        source = gettext("From the published follow-up of %(year)s, as of %(day)s.") % {
            "year": found.year,
            "day": format_date(found.as_of),
        }
    else:
        source = ""
    facts = [(gettext("Year"), str(found.year or "–")), (gettext("Shown"), text(found.name or "–"))]
    if source:
        facts.append((gettext("Figures"), source))
    return Document(
        title=title,
        organisation="",
        period=str(found.year) if found.year else "",
        generated_on=today(),
        language=language(),
        sections=[Section(gettext("The follow-up"), [Facts(facts), *followup_blocks(found)])],
        definitions=[
            gettext(
                "A round is done when the manager and the safety representative have both signed it, and "
                "counts in the year it was signed."
            ),
            gettext(
                "A risk is dealt with when its action in the health plan is done or it is accepted with a "
                "reason; in time when that is on or before its due date."
            ),
            gettext(
                "The counts of a unit include every unit below it. They are counts of rounds, risks and "
                "tasks, never of a person."
            ),
        ],
        footer=text(f"{title} {found.year or ''}".strip()),
    )


def followup_pdf(found: Shown) -> bytes:
    return render_pdf(followup_document(found), system_fonts=SYSTEM_FONTS)

"""A version of the plan for the return to work as a tagged PDF (PDF/UA), through the same document kit
as the health plans and the reports (kasam.core.document): the title, the person, their unit, the
version and its day, every part of the plan and the measures as a table with header cells."""

from django.utils import translation
from django.utils.translation import gettext

from kasam.core.dates import today
from kasam.core.document import Document, Facts, Paragraph, Section, Table
from kasam.core.document.pdf import SYSTEM_FONTS, render_pdf
from kasam.core.formatting import format_date
from kasam.rehab.models import Case, ReturnPlan
from kasam.rehab.plans import measure_rows, saved_by_name

__all__ = ["SYSTEM_FONTS", "plan_document", "plan_pdf"]


def _text(value) -> str:
    """Plain text with spaces and signs every font has (as kasam.plans.pdf)."""
    text = str(value if value is not None else "")
    return text.replace("\u202f", "\u00a0").replace("\u2212", "-")


def _paragraphs(text: str) -> list[Paragraph]:
    lines = [line.strip() for line in (text or "").splitlines() if line.strip()]
    return [Paragraph(_text(line)) for line in lines] or [Paragraph(gettext("Nothing written."))]


def _measures(plan: ReturnPlan) -> list:
    rows = measure_rows(plan.measures)
    if not rows:
        return [Paragraph(gettext("No adjustments when this version was saved."))]
    headers = [
        gettext("Kind"),
        gettext("What"),
        gettext("Who arranges it"),
        gettext("From"),
        gettext("Until"),
        gettext("Did it help?"),
    ]
    cells = [
        [
            _text(r["kind"]),
            _text(r["description"]),
            _text(r["responsible"] or "–"),
            format_date(r["starts_on"]),
            format_date(r["ends_on"]),
            _text(r["helped"] or gettext("Not yet known")),
        ]
        for r in rows
    ]
    return [Table(gettext("The adjustments"), headers, cells)]


def plan_document(case: Case, plan: ReturnPlan) -> Document:
    """One version of the case's plan as a report Document, in the active language."""
    title = _text(gettext("Plan for the return to work"))
    name = _text(case.person)
    facts = Facts(
        [
            (gettext("Name"), name),
            (gettext("Unit"), _text(case.unit.name if case.unit else "–")),
            (gettext("Version"), str(plan.version)),
            (gettext("Saved on"), format_date(plan.saved_on)),
            (gettext("Saved by"), _text(saved_by_name(plan) or "–")),
            (
                gettext("Made together with the employee"),
                gettext("Yes") if plan.made_with_person else gettext("No"),
            ),
        ]
    )
    return Document(
        title=title,
        organisation="",
        period="",
        generated_on=today(),
        language=(translation.get_language() or "sv").split("-")[0],
        sections=[
            Section(gettext("The plan"), [facts]),
            Section(gettext("What the employee can do at work now"), _paragraphs(plan.work_ability)),
            Section(gettext("What makes the work hard now"), _paragraphs(plan.limits)),
            Section(
                gettext("Adjustments and other measures"),
                [*_measures(plan), *_paragraphs(plan.other_measures)],
            ),
            Section(
                gettext("The return"),
                [Facts([(gettext("Expected return"), format_date(plan.expected_return))])]
                + _paragraphs(plan.return_steps),
            ),
            Section(
                gettext("Follow-up"), [Facts([(gettext("Follow-up date"), format_date(plan.follow_up_on))])]
            ),
            Section(gettext("Contact persons"), _paragraphs(plan.contacts)),
        ],
        definitions=[],
        footer=_text(f"{title} – {name}, " + gettext("version %(n)s") % {"n": plan.version}),
    )


def plan_pdf(case: Case, plan: ReturnPlan) -> bytes:
    return render_pdf(plan_document(case, plan), system_fonts=SYSTEM_FONTS)

"""The inspection pack of a unit (docs/definitions.md "The yearly follow-up"): the one PDF an inspector
from Arbetsmiljöverket asks for, through the document kit (kasam.core.document, tagged PDF/UA):

- the unit: where it sits, its managers and safety representatives;
- the delegated work-environment tasks: holder, given by, the tasks and what comes with them, given,
  accepted, until, returned and why;
- the latest signed safety round: who took part, who signed when, each area's answer and note;
- the risk assessments: the risks still open and every risk found this year or last year – the risk,
  how likely × how serious in words, the level, the due date, the decision and the plan action with
  its follow-up date and status;
- the action plan: the health plan's activities those risks became, with their follow-up;
- the unit's yearly follow-up of this year, as of today (kasam.sam.followup);
- the organisation's routine documents, by title and upload date.

Choice: the routine documents' own pages are not appended. Putting pages of other PDFs into this one
needs a PDF reader and merger, and none is among Kasam's runtime dependencies (pypdf is a test tool
only); rather than add one, the pack lists them and says that they are attached separately – each is
downloaded from the routine documents' page."""

import re
from datetime import date

from django.conf import settings
from django.utils.text import capfirst
from django.utils.translation import gettext

from kasam.core.dates import today
from kasam.core.document import Document, Facts, Heading, Paragraph, Section, Table
from kasam.core.document.pdf import SYSTEM_FONTS, render_pdf
from kasam.core.formatting import format_date
from kasam.metrics import sam
from kasam.org.models import Role, RoleAssignment, Unit
from kasam.plans.models import Activity
from kasam.sam import followup
from kasam.sam.followup_page import LABELS
from kasam.sam.forms import CONSEQUENCE_WORDS, LEVEL_WORDS, LIKELIHOOD_WORDS
from kasam.sam.models import Area, AreaAnswer, Risk, RoutineDocument, SafetyRound, TaskDelegation
from kasam.sam.pdf import language, text

__all__ = ["SYSTEM_FONTS", "pack_document", "pack_pdf", "pack_filename"]


def name_of(user) -> str:
    return text(user.get_full_name() or user.get_username()) if user else "–"


def _day(value: date | None, missing: str = "–") -> str:
    return format_date(value) if value else missing


def _ancestors(unit: Unit) -> list[Unit]:
    found, current = [], unit.parent
    while current is not None:
        found.append(current)
        current = current.parent
    return list(reversed(found))


def _holders(unit: Unit, role: Role, own_only: bool) -> str:
    """The names of the users holding `role` over the unit (over it or, unless `own_only`, above it)."""
    units = [unit] if own_only else [unit, *_ancestors(unit)]
    found = RoleAssignment.objects.filter(role=role, unit__in=units).select_related("user")
    names = sorted({name_of(a.user) for a in found})
    return ", ".join(names) or "–"


def _unit_section(unit: Unit) -> Section:
    above = " › ".join(text(u.name) for u in _ancestors(unit))
    return Section(
        gettext("The unit"),
        [
            Facts(
                [
                    (gettext("Unit"), text(unit.name)),
                    (gettext("Code"), text(unit.pk)),
                    (gettext("Part of"), above or "–"),
                    (gettext("Unit manager"), _holders(unit, Role.UNIT_MANAGER, own_only=True)),
                    (gettext("Safety representative"), _holders(unit, Role.SAFETY_REPRESENTATIVE, False)),
                ]
            )
        ],
    )


def _delegations_section(unit: Unit) -> Section:
    delegations = TaskDelegation.objects.filter(unit=unit).select_related("holder", "given_by")
    blocks: list = []
    for d in delegations.order_by("-given_on", "-pk"):
        returned = _day(d.returned_on, gettext("No"))
        if d.returned_on and d.return_reason:
            returned += " – " + text(d.return_reason)
        blocks += [
            Heading(
                gettext("%(holder)s, given %(day)s") % {"holder": name_of(d.holder), "day": _day(d.given_on)}
            ),
            Facts(
                [
                    (gettext("Holder"), name_of(d.holder)),
                    (gettext("Given by"), name_of(d.given_by)),
                    (gettext("The tasks"), text(d.tasks)),
                    (gettext("Knowledge"), text(d.knowledge) or "–"),
                    (gettext("Authority"), text(d.authority) or "–"),
                    (gettext("Resources"), text(d.resources) or "–"),
                    (gettext("Given on"), _day(d.given_on)),
                    (gettext("Accepted on"), _day(d.accepted_on, gettext("Not accepted yet"))),
                    (gettext("Until"), _day(d.ends_on, gettext("Until further notice"))),
                    (gettext("Returned"), returned),
                ]
            ),
        ]
    return Section(
        gettext("Delegated work-environment tasks"),
        blocks or [Paragraph(gettext("No work-environment tasks are delegated for the unit."))],
    )


def latest_signed_round(unit: Unit) -> SafetyRound | None:
    rounds = SafetyRound.objects.filter(
        unit=unit, manager_signed_on__isnull=False, representative_signed_on__isnull=False
    ).select_related("manager_signed_by", "representative_signed_by")
    return max(rounds, key=lambda r: (r.signed_on, r.held_on, r.pk), default=None)


def _round_section(unit: Unit) -> Section:
    title = gettext("The latest signed safety round")
    held = latest_signed_round(unit)
    if held is None:
        return Section(title, [Paragraph(gettext("The unit has no signed safety round yet."))])
    answers = {a.area: a for a in AreaAnswer.objects.filter(round=held)}
    labels = dict(AreaAnswer.Answer.choices)
    rows = [
        [
            text(label),
            text(labels[answers[area].answer]) if area in answers else gettext("Not answered"),
            text(answers[area].note) if area in answers and answers[area].note else "–",
        ]
        for area, label in Area.choices
    ]

    def signed(user, day: date | None) -> str:
        return gettext("%(name)s, %(day)s") % {"name": name_of(user), "day": _day(day)}

    return Section(
        title,
        [
            Facts(
                [
                    (gettext("Held on"), _day(held.held_on)),
                    (gettext("Who took part"), text(held.participants) or "–"),
                    (
                        gettext("Signed by the manager"),
                        signed(held.manager_signed_by, held.manager_signed_on),
                    ),
                    (
                        gettext("Signed by the safety representative"),
                        signed(held.representative_signed_by, held.representative_signed_on),
                    ),
                ]
            ),
            Table(
                gettext("Each area of the round"),
                [gettext("Area"), gettext("Answer"), gettext("What we saw")],
                rows,
            ),
        ],
    )


def pack_risks(unit: Unit, day: date) -> list[Risk]:
    """The risks of the pack: those still open, and every one found this year or last year."""
    risks = Risk.objects.filter(unit=unit).select_related("activity").order_by("-found_on", "pk")
    first = date(day.year - 1, 1, 1)
    return [r for r in risks if r.closed_on is None or r.found_on >= first]


def _decision(risk: Risk) -> str:
    if risk.decision == Risk.Decision.ACCEPTED:
        return gettext("Accepted: %(reason)s") % {"reason": text(risk.accepted_reason)}
    return text(Risk.Decision(risk.decision).label)


def _risks_section(risks: list[Risk]) -> Section:
    statuses = dict(Activity.Status.choices)
    blocks: list = []
    for risk in risks:
        level = sam.level(risk.likelihood, risk.consequence)
        pairs = [
            (gettext("Area"), text(Area(risk.area).label)),
            (gettext("Found on"), _day(risk.found_on)),
            (
                gettext("How likely × how serious"),
                f"{LIKELIHOOD_WORDS[risk.likelihood]} × {str(CONSEQUENCE_WORDS[risk.consequence]).lower()}",
            ),
            (gettext("Level"), text(LEVEL_WORDS[level])),
            (gettext("To be dealt with by"), _day(risk.due_on)),
            (gettext("Decision"), _decision(risk)),
            (gettext("Closed on"), _day(risk.closed_on, gettext("Still open"))),
        ]
        if risk.activity is not None:
            pairs += [
                (gettext("The action in the health plan"), text(risk.activity.what)),
                (gettext("Follow-up date"), _day(risk.activity.follow_up_on)),
                (gettext("Status"), text(capfirst(statuses.get(risk.activity.status, risk.activity.status)))),
            ]
        blocks += [Heading(text(risk.description)), Facts(pairs)]
    return Section(
        gettext("Risk assessments"),
        blocks or [Paragraph(gettext("No open risks, and no risks found this year or last year."))],
    )


def _followed(activity: Activity) -> str:
    """How the action is followed up, and when it was, if it was."""
    found = text(activity.follow_up)
    if activity.followed_up_on:
        found += " " + gettext("Followed up on %(day)s.") % {"day": _day(activity.followed_up_on)}
    return found


def _plan_section(risks: list[Risk]) -> Section:
    statuses = dict(Activity.Status.choices)
    activities = [r.activity for r in risks if r.activity is not None]
    if not activities:
        return Section(
            gettext("The action plan"), [Paragraph(gettext("None of the risks has become an action yet."))]
        )
    headers = [
        gettext("What"),
        gettext("Who"),
        gettext("When"),
        gettext("How it is followed up"),
        gettext("Follow-up date"),
        gettext("Status"),
    ]
    rows = [
        [
            text(a.what),
            text(a.who),
            text(a.when),
            _followed(a),
            _day(a.follow_up_on),
            text(capfirst(statuses.get(a.status, a.status))),
        ]
        for a in sorted(activities, key=lambda a: (a.follow_up_on, a.pk))
    ]
    return Section(
        gettext("The action plan"),
        [
            Paragraph(gettext("The actions of the unit's health plan that came from the risks above.")),
            Table(gettext("Actions from the risks"), headers, rows),
        ],
    )


def _followup_section(unit: Unit, day: date) -> Section:
    found = followup.load(day.year, day)
    counts = found.subtree[unit.pk].as_dict()
    return Section(
        gettext("The yearly follow-up %(year)s") % {"year": day.year},
        [
            Paragraph(
                gettext("The unit and every unit below it, as of %(day)s.") % {"day": _day(found.as_of)}
            ),
            Table(
                text(unit.name),
                [gettext("What is counted"), gettext("Number")],
                [[text(LABELS[name]), counts[name]] for name in sam.COUNTS],
            ),
        ],
    )


def _documents_section() -> Section:
    documents = RoutineDocument.objects.defer("content").order_by("title", "pk")
    title = gettext("The organisation's routine documents")
    if not documents:
        return Section(title, [Paragraph(gettext("No routine documents are uploaded."))])
    return Section(
        title,
        [
            Table(
                "",
                [gettext("Title"), gettext("Uploaded on")],
                [[text(d.title), _day(d.uploaded_on)] for d in documents],
            ),
            Paragraph(gettext("The documents are attached separately.")),
        ],
    )


def pack_document(unit: Unit, day: date | None = None) -> Document:
    """The unit's inspection pack as a Document, in the active language."""
    day = day or today()
    title = gettext("Material for an inspection – %(unit)s") % {"unit": text(unit.name)}
    risks = pack_risks(unit, day)
    return Document(
        title=title,
        organisation=text(settings.KASAM_ORGANISATION_NAME),
        period="",
        generated_on=day,
        language=language(),
        audience=gettext("The Swedish Work Environment Authority's inspector, and the workplace"),
        sections=[
            _unit_section(unit),
            _delegations_section(unit),
            _round_section(unit),
            _risks_section(risks),
            _plan_section(risks),
            _followup_section(unit, day),
            _documents_section(),
        ],
        definitions=[
            gettext(
                "A risk's level comes from how likely × how serious, each 1–4: 1–3 low, 4–6 medium, 8–9 "
                "high, 12–16 very high. A very high risk is dealt with within a week, a high one within a "
                "month, a medium one within three months and a low one by the next round."
            ),
            gettext(
                "A round is done when the manager and the safety representative have both signed it, and "
                "counts in the year it was signed."
            ),
        ],
        footer=title,
    )


def pack_pdf(unit: Unit, day: date | None = None) -> bytes:
    return render_pdf(pack_document(unit, day), system_fonts=SYSTEM_FONTS)


def pack_filename(unit: Unit, day: date | None = None) -> str:
    stem = re.sub(r"[^A-Za-z0-9_-]+", "_", str(unit.pk))
    return f"inspektion-{stem}-{(day or today()).isoformat()}.pdf"

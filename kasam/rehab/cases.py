"""Opening, reading and keeping a rehabilitation case fresh (docs/definitions.md "Rehabilitation").

A case keeps the first and last day of the sick case it follows and the person's last sick day since
that case began; `refresh` renews them from the absences after every import and every day from
`kasam tick`, and closes a case by itself – or reopens one whose sick case continued. The steps are
computed on each reading by kasam.metrics.rehab."""

from dataclasses import dataclass
from datetime import date, timedelta

from django.conf import settings
from django.db import transaction

from kasam.absence.conf import sick_leave_settings
from kasam.absence.early_signals import absence_frame
from kasam.audit.models import AuditEntry, record
from kasam.metrics import rehab
from kasam.metrics.sickcases import sick_cases
from kasam.org.models import Person
from kasam.rehab.access import main_unit
from kasam.rehab.models import Case, StepDone
from kasam.rehab.notify import tell_person

# A case closed by itself is still looked at for a continued sick case this long after its closing.
REOPEN_DAYS = 90


class CaseRefused(Exception):
    """The case cannot be opened; the message says why in one sentence."""


@dataclass(frozen=True)
class SickCase:
    start: date
    end: date


def sick_cases_of(person_ids: list[str]) -> dict[str, list[SickCase]]:
    """Each person's sick cases over all their data (the re-sickness rule applied), in order."""
    found: dict[str, list[SickCase]] = {}
    for row in sick_cases(absence_frame(person_ids), sick_leave_settings()).iter_rows(named=True):
        found.setdefault(row["person_id"], []).append(SickCase(row["start_date"], row["end_date"]))
    return found


def _followed(source: str, cases: list[SickCase], day: date) -> SickCase | None:
    """The sick case a case opened on `day` follows: the one running that day, else the latest that
    began before it (for returning after long absence: the latest long one that has ended; for a case
    by hand only one running that day)."""
    started = [c for c in cases if c.start <= day]
    if source == rehab.MANUAL:
        started = [c for c in started if c.end >= day]
    if source == rehab.RETURNING:
        long = sick_leave_settings().long_case_days
        started = [c for c in started if c.end < day and (c.end - c.start).days + 1 >= long]
    return started[-1] if started else None


def _long(case: SickCase) -> bool:
    return (case.end - case.start).days + 1 >= sick_leave_settings().long_case_days


def open_case(
    person: Person, source: str, user, day: date, chosen: tuple[str, ...] = (), *, tell: bool = True
) -> Case:
    """Open a case about `person` from `source`, followed from today's sick case (see `_followed`).
    Refused while the person has an open case, for a case from sick leave without one, and for a
    case by hand without a chosen step. `tell=False` (the demo's history): the person is recorded as
    told on the opening day, and no message is sent now."""
    if source not in rehab.SOURCES:
        raise CaseRefused(f"Unknown source: {source}.")
    if Case.objects.filter(person=person, closed_on__isnull=True).exists():
        raise CaseRefused("The person already has an open case.")
    if source == rehab.MANUAL and not chosen:
        raise CaseRefused("Choose at least one step.")
    followed = _followed(source, sick_cases_of([person.pk]).get(person.pk, []), day)
    if followed is None and source in (rehab.LONG_TERM, rehab.RETURNING, rehab.REPEATED_SHORT_TERM):
        raise CaseRefused("The person has no sick case for this kind of case.")
    if followed is None and set(chosen) & {*rehab.CASE_DAY_STEPS, rehab.FOLLOW_UP}:
        raise CaseRefused("Steps that follow the sick leave need a sick case running today.")
    with transaction.atomic():
        case = Case.objects.create(
            person=person,
            source=source,
            opened_on=day,
            opened_by=user,
            sick_case_start=followed.start if followed else None,
            sick_case_end=followed.end if followed else None,
            chosen_steps=list(chosen) if source == rehab.MANUAL else [],
            unit=main_unit(person.pk, day),
            person_told_on=None if tell else day,
        )
        record(user, AuditEntry.Action.OPEN_REHAB_CASE, case.unit_id, case=case.pk, source=source)
    if tell:
        tell_person(case, day)  # once the case is stored: the message goes once (kasam.rehab.notify)
    return case


def done_steps(case: Case) -> dict[str, date]:
    return {row.step: row.done_on for row in case.steps_done.all()}


def steps(case: Case) -> tuple[rehab.Step, ...]:
    """The case's steps with their due dates and statuses (kasam.metrics.rehab.chain); a closed case's
    open follow-up is not done."""
    computed = _chain(case)
    return rehab.close(computed) if case.closed_on else computed


def _chain(case: Case) -> tuple[rehab.Step, ...]:
    """The steps as the stored fields and the steps done give them, closed or not."""
    return rehab.chain(
        case.source,
        case.sick_case_start,
        case.sick_case_end,
        opened_on=case.opened_on,
        learned_long_on=case.learned_long_on,
        chosen=case.chosen_steps,
        done=done_steps(case),
        settings=sick_leave_settings(),
    )


def last_sick_day(case: Case, cases: list[SickCase]) -> date | None:
    """The person's last sick day before the case's quiet days (kasam.metrics.rehab.quiet_from): the
    followed sick case's last day, moved on by later sick cases that start within the quiet days."""
    if case.sick_case_end is None:
        return None
    later = [(c.start, c.end) for c in cases if c.start > case.sick_case_end]
    return rehab.quiet_from(case.sick_case_end, later, settings.KASAM_REHAB_QUIET_DAYS)


def _renew(case: Case, cases: list[SickCase], day: date) -> list[str]:
    """Renew the followed sick case, the unit and `learned_long_on`; the fields changed."""
    changed = []
    if case.sick_case_start is not None:
        if case.source == rehab.REPEATED_SHORT_TERM:
            later = [c for c in cases if c.start >= case.sick_case_start]
            followed = SickCase(case.sick_case_start, max(c.end for c in later)) if later else None
        else:
            followed = next(
                (c for c in cases if c.start <= case.sick_case_end and c.end >= case.sick_case_start), None
            )
        if followed is not None:
            was_long = _long(SickCase(case.sick_case_start, case.sick_case_end))
            if (followed.start, followed.end) != (case.sick_case_start, case.sick_case_end):
                case.sick_case_start, case.sick_case_end = followed.start, followed.end
                changed += ["sick_case_start", "sick_case_end"]
            if not was_long and _long(followed) and case.learned_long_on is None:
                case.learned_long_on = day
                changed.append("learned_long_on")
    unit = main_unit(case.person_id, day)
    if unit is not None and unit.pk != case.unit_id:
        case.unit = unit
        changed.append("unit")
    return changed


def closes_itself(case: Case, computed: tuple[rehab.Step, ...], last_day: date | None, day: date) -> bool:
    if last_day is None:  # a case by hand without sick leave: closed by HR only
        return False
    return rehab.closes_itself(last_day, day, computed, settings.KASAM_REHAB_QUIET_DAYS)


def refresh(day: date, person_ids: list[str] | None = None) -> dict[str, int]:
    """Renew the open cases (and those closed by itself in the last REOPEN_DAYS days) of
    `person_ids`, or of everyone; close those that closed by themselves and reopen those whose
    sick case continued. Returns how many were closed and reopened."""
    candidates = Case.objects.filter(closed_on__isnull=True) | Case.objects.filter(
        closing=Case.Closing.BY_ITSELF, closed_on__gte=day - timedelta(days=REOPEN_DAYS)
    )
    if person_ids is not None:
        candidates = candidates.filter(person_id__in=person_ids)
    candidates = list(candidates.prefetch_related("steps_done"))
    sick = sick_cases_of(sorted({c.person_id for c in candidates}))
    counts = {"closed": 0, "reopened": 0}
    for case in candidates:
        person_cases = sick.get(case.person_id, [])
        changed = _renew(case, person_cases, day)
        last_day = last_sick_day(case, person_cases)
        open_steps = _chain(case)
        closed = closes_itself(case, open_steps, last_day, day)
        if case.closed_on is None and closed:
            case.closed_on = last_day + timedelta(days=settings.KASAM_REHAB_QUIET_DAYS + 1)
            case.closed_on = max(case.closed_on, _follow_up_due(open_steps) or case.closed_on)
            case.closing = Case.Closing.BY_ITSELF
            changed += ["closed_on", "closing"]
            counts["closed"] += 1
        elif case.closed_on is not None and not closed:
            case.closed_on, case.closing = None, ""
            changed += ["closed_on", "closing"]
            counts["reopened"] += 1
        if changed:
            case.save(update_fields=sorted(set(changed)))
    return counts


def _follow_up_due(computed: tuple[rehab.Step, ...]) -> date | None:
    """The day after an open follow-up's due date: a case waiting for it closes then."""
    for step in computed:
        if step.step == rehab.FOLLOW_UP and step.status == rehab.OPEN and step.due is not None:
            return step.due + timedelta(days=1)
    return None


def mark_done(case: Case, step: str, done_on: date, user, note: str = "") -> StepDone:
    """Record a step as done (or correct its day and note)."""
    if step not in {s.step for s in steps(case)}:
        raise CaseRefused("The case has no such step.")
    row, _ = StepDone.objects.update_or_create(
        case=case, step=step, defaults={"done_on": done_on, "done_by": user, "note": note}
    )
    record(user, AuditEntry.Action.CHANGE_REHAB_CASE, case.unit_id, case=case.pk, step=step)
    return row


def close_by_hand(case: Case, user, reason: str, day: date) -> None:
    """HR closes a case by hand, with a reason."""
    case.closed_on, case.closing, case.closed_by, case.close_reason = day, Case.Closing.BY_HAND, user, reason
    case.save(update_fields=["closed_on", "closing", "closed_by", "close_reason"])
    record(user, AuditEntry.Action.CHANGE_REHAB_CASE, case.unit_id, case=case.pk, closed=True)

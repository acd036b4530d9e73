"""The retention job (`kasam gdpr purge`, daily from `kasam tick`): delete exactly what is past the
retention of its class of data (settings.KASAM_RETENTION_MONTHS, docs/gdpr/lagring.md), report how
many rows of which table it deleted, and write the counts to the audit log.

The classes and their cutoffs, for the reference date `today` and N months of retention (0 keeps a
class for ever):
- pulse_answers: the Answer rows (and any buffered Submission) of rounds closed before today − N
  months. The round keeps what was decided and frozen at close – the shown units and the counts
  invited and answered per unit – and, first, its answers counted per reporting node, statement and
  value (`Round.answer_counts`), from which the results read every figure as before.
- pulse_free_text: the FreeText rows of rounds closed before today − N months.
- pulse_participation: the Invitation and Participation rows (who was invited, who answered, the
  link hashes) of rounds closed before today − N months. A closed round whose counts were not frozen
  at close gets them frozen from these rows first, so its response rates do not change.
- absences: absence records that ended before the cutoff, a 1 January: that of the year of today − N
  months, and never later than 1 January of last year (the rolling 12 months, the current year's
  repeated short-term absence and last year's annual report need the whole of last year). A sick
  record goes only with its whole sick case (joined by the re-sickness rule), when the case ended
  before the cutoff, so that no case that reaches the cutoff or beyond loses a spell and every figure
  from the cutoff on is computed from the same records as before. The cutoff is stored as the floor
  of the stored series (kasam.gdpr.horizons): the months and calendar years before it stay as stored
  and no refill rewrites them (kasam.absence.series). Before it deletes anything the job refills the
  series once on the complete records, so the months it freezes are up to date.
- audit_log: entries written before today − N months (kasam.audit.models.purge_before).
- reports: Report rows (with their files) asked for before today − N months.
- rehab_cases: rehabilitation cases closed before today − N months, with everything under them
  (steps done, meetings, adjustments, plan versions, delegations: whatever refers to the case). An open
  case is never deleted, and neither is one closed in the last REOPEN_DAYS days
  (kasam.rehab.cases.REOPEN_DAYS), which may still reopen when its sick case continues: the cutoff is
  never later than today − REOPEN_DAYS days.

A cutoff is exclusive: a row exactly N months old today is kept, one a day older is deleted.
"""

import calendar
import logging
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

import polars as pl
from django.conf import settings
from django.db import connection, models, transaction
from django.db.models import Min
from django.utils import timezone

from kasam.absence.models import Absence
from kasam.absence.series import history_start, refill_series
from kasam.audit.models import AuditEntry, purge_before, record
from kasam.core import generations
from kasam.core.dates import today
from kasam.gdpr.horizons import ABSENCES, absence_floor
from kasam.gdpr.models import Horizon, PurgeRun
from kasam.metrics.definitions import REPEATED_SHORT_TERM_PRESETS
from kasam.metrics.intervals import SICK_KIND, assign_sick_cases
from kasam.pulse.actions import frozen_counts
from kasam.pulse.models import Answer, FreeText, Invitation, Participation, Round, Submission
from kasam.pulse.results import answer_counts_to_keep
from kasam.rehab.cases import REOPEN_DAYS
from kasam.rehab.models import Case
from kasam.releases.models import SickLeaveBasis
from kasam.reports.models import Report

logger = logging.getLogger(__name__)

PULSE_ANSWERS = "pulse_answers"
PULSE_FREE_TEXT = "pulse_free_text"
PULSE_PARTICIPATION = "pulse_participation"
AUDIT_LOG = "audit_log"
REPORTS = "reports"
REHAB_CASES = "rehab_cases"
DATA_CLASSES = (
    PULSE_ANSWERS,
    PULSE_FREE_TEXT,
    PULSE_PARTICIPATION,
    ABSENCES,
    AUDIT_LOG,
    REPORTS,
    REHAB_CASES,
)
# In the one-line summary.
CLASS_NAMES = {
    PULSE_ANSWERS: "pulse answers",
    PULSE_FREE_TEXT: "pulse comments",
    PULSE_PARTICIPATION: "pulse invitations and participations",
    ABSENCES: "absences",
    AUDIT_LOG: "audit entries",
    REPORTS: "reports",
    REHAB_CASES: "closed rehabilitation cases",
}
# Rows are deleted by id in chunks of this many (the absences).
CHUNK = 5_000
# A sick case is joined over the longest re-sickness gap of any preset, so that a later change of
# preset cannot join a kept spell to a deleted one.
RESICKNESS_GAP = max(preset.resickness_gap_days for preset in REPEATED_SHORT_TERM_PRESETS.values())


class PurgeError(Exception):
    """A class of data could not be purged; the others were, and the audit entry says which."""

    def __init__(self, message: str, result: "PurgeResult"):
        super().__init__(message)
        self.result = result


@dataclass
class ClassResult:
    data_class: str
    months: int
    cutoff: date | None  # None: kept for ever (0 months)
    deleted: dict[str, int] = field(default_factory=dict)  # "app.Model" → rows
    error: str = ""

    @property
    def total(self) -> int:
        return sum(self.deleted.values())

    def as_json(self) -> dict:
        found = {
            "months": self.months,
            "cutoff": self.cutoff.isoformat() if self.cutoff else None,
            "deleted": self.deleted,
            "total": self.total,
        }
        return found | ({"error": self.error} if self.error else {})


@dataclass
class PurgeResult:
    day: date
    dry_run: bool
    classes: list[ClassResult]

    @property
    def total(self) -> int:
        return sum(c.total for c in self.classes)

    @property
    def errors(self) -> dict[str, str]:
        return {c.data_class: c.error for c in self.classes if c.error}

    def counts(self) -> dict[str, int]:
        return {c.data_class: c.total for c in self.classes}

    def as_json(self) -> dict:
        return {
            "today": self.day.isoformat(),
            "dry_run": self.dry_run,
            "classes": {c.data_class: c.as_json() for c in self.classes},
            "total": self.total,
        }

    def summary(self) -> str:
        """One line: what was (or, in a dry run, would be) deleted per class."""
        verb = "Would delete" if self.dry_run else "Deleted"
        parts = []
        for c in self.classes:
            amount = str(c.total) if c.cutoff else "kept"
            parts.append(f"{CLASS_NAMES[c.data_class]} {amount}" + (" (failed)" if c.error else ""))
        return f"{verb} past retention: {', '.join(parts)}."


# ------------------------------------------------------------------------------------------ cutoffs


def months_before(day: date, months: int) -> date:
    """The same day `months` months earlier (the month's last day when it is shorter)."""
    index = day.year * 12 + day.month - 1 - months
    year, month = divmod(index, 12)
    return date(year, month + 1, min(day.day, calendar.monthrange(year, month + 1)[1]))


def absence_cutoff(day: date, months: int) -> date:
    """1 January of the year of `day` − `months`, never later than 1 January of last year."""
    return min(date(months_before(day, months).year, 1, 1), date(day.year - 1, 1, 1))


def rehab_cutoff(day: date, months: int) -> date:
    """today − `months`, never later than today − REOPEN_DAYS (a case closed by itself since then may
    still reopen)."""
    return min(months_before(day, months), day - timedelta(days=REOPEN_DAYS))


def cutoffs(day: date | None = None) -> dict[str, date | None]:
    """Each class's cutoff for the reference date (None: kept for ever)."""
    day = day or today()
    found: dict[str, date | None] = {}
    for data_class in DATA_CLASSES:
        months = settings.KASAM_RETENTION_MONTHS[data_class]
        if not months:
            found[data_class] = None
        elif data_class == ABSENCES:
            found[data_class] = absence_cutoff(day, months)
        elif data_class == REHAB_CASES:
            found[data_class] = rehab_cutoff(day, months)
        else:
            found[data_class] = months_before(day, months)
    return found


def _moment(day: date) -> datetime:
    """The start of `day` in local time, for the classes stamped with a time."""
    return timezone.make_aware(datetime.combine(day, time.min))


# --------------------------------------------------------------------------------- what is past it


def _closed_before(cutoff: date):
    return Round.objects.filter(status=Round.Status.CLOSED, closes_on__lt=cutoff)


def _past(data_class: str, cutoff: date) -> dict[str, object]:
    """{"app.Model": queryset} of the rows past retention (not absences: see `absence_ids_past`)."""
    rounds = _closed_before(cutoff)
    if data_class == PULSE_ANSWERS:
        return {
            "pulse.Answer": Answer.objects.filter(round__in=rounds),
            "pulse.Submission": Submission.objects.filter(round__in=rounds),
        }
    if data_class == PULSE_FREE_TEXT:
        return {"pulse.FreeText": FreeText.objects.filter(round__in=rounds)}
    if data_class == PULSE_PARTICIPATION:
        return {
            "pulse.Invitation": Invitation.objects.filter(round__in=rounds),
            "pulse.Participation": Participation.objects.filter(round__in=rounds),
        }
    if data_class == AUDIT_LOG:
        return {"audit.AuditEntry": AuditEntry.objects.filter(at__lt=_moment(cutoff))}
    if data_class == REPORTS:
        return {"reports.Report": Report.objects.filter(requested_at__lt=_moment(cutoff))}
    if data_class == REHAB_CASES:
        return rehab_cases_past(cutoff)
    raise ValueError(data_class)


def _under_case() -> list[tuple[type, str]]:
    """(model, field) of every table whose rows go with their case (a foreign key to Case that
    cascades): the steps done, meetings, adjustments, plan versions and delegations, and whatever
    another app hangs on a case."""
    found = [
        (relation.related_model, relation.field.name)
        for relation in Case._meta.related_objects
        if relation.on_delete is models.CASCADE
    ]
    return sorted(found, key=lambda pair: pair[0]._meta.label)


def rehab_cases_past(cutoff: date, **narrower) -> dict[str, object]:
    """{"app.Model": queryset}: the cases closed before `cutoff` (open cases never), narrowed by
    `narrower` (e.g. person=…), and the rows under them."""
    cases = Case.objects.filter(closed_on__isnull=False, closed_on__lt=cutoff, **narrower)
    found: dict[str, object] = {"rehab.Case": cases}
    for model, name in _under_case():
        found[model._meta.label] = model.objects.filter(**{f"{name}__in": cases.values("pk")})
    return found


def delete_rehab_cases(past: dict[str, object]) -> dict[str, int]:
    """Delete the cases of `past` (rehab_cases_past) with everything under them; rows per table."""
    deleted = dict.fromkeys(past, 0)
    _, per_model = past["rehab.Case"].delete()
    for label, n in per_model.items():
        deleted[label] = deleted.get(label, 0) + n
    return deleted


def absence_ids_past(cutoff: date) -> list[int]:
    """Ids of the absence records past retention: records of other kinds that ended before `cutoff`,
    and sick records whose whole sick case ended before it.

    Only records starting on or before cutoff + the re-sickness gap are read: a case that reaches the
    cutoff has a first record ending on or after it, which starts at most the gap after the case's
    earlier records – all of which end before the cutoff – so it is among them."""
    rows = Absence.objects.filter(start_date__lte=cutoff + timedelta(days=RESICKNESS_GAP)).values_list(
        "id", "person_id", "start_date", "end_date", "kind"
    )
    schema = {
        "id": pl.Int64,
        "person_id": pl.String,
        "start_date": pl.Date,
        "end_date": pl.Date,
        "kind": pl.String,
    }
    frame = pl.DataFrame(list(rows.iterator(chunk_size=CHUNK)), schema=schema, orient="row")
    if not frame.height:
        return []
    # As kasam.metrics.intervals.sick_records decides: kind `sjuk` in any case, or empty.
    kind = pl.col("kind").fill_null("").str.strip_chars().str.to_lowercase()
    is_sick = kind.is_in(["", SICK_KIND])
    cases = assign_sick_cases(frame.filter(is_sick), RESICKNESS_GAP)
    sick = cases.filter(pl.col("case_end") < cutoff)["id"].to_list()
    other = frame.filter(~is_sick & (pl.col("end_date") < cutoff))["id"].to_list()
    return sorted(sick + other)


def anything_past_retention(day: date | None = None) -> bool:
    """Cheap checks whether the job has anything to do (absences: any record ended before the cutoff,
    though its case may still run on – then the job finds nothing and waits for the next day)."""
    for data_class, cutoff in cutoffs(day).items():
        if cutoff is None:
            continue
        if data_class == ABSENCES:
            if Absence.objects.filter(end_date__lt=cutoff).exists():
                return True
        elif any(queryset.exists() for queryset in _past(data_class, cutoff).values()):
            return True
    return False


# ----------------------------------------------------------------------------------- the deletion


def secure_delete() -> None:
    """SQLite overwrites deleted rows with zeros (as the pulse does, ADR 008); PostgreSQL's VACUUM
    reclaims them."""
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA secure_delete = ON")


def _delete_pulse(data_class: str, cutoff: date) -> dict[str, int]:
    with transaction.atomic():
        if data_class == PULSE_ANSWERS:
            # Every figure of a round is computed from its answers counted per reporting node,
            # statement and value: keep those counts, so that no figure changes when the rows go.
            for round in _closed_before(cutoff).filter(answer_counts__isnull=True):
                round.answer_counts = answer_counts_to_keep(round)
                round.save(update_fields=["answer_counts"])
        if data_class == PULSE_PARTICIPATION:
            # Response rates of a closed round are read from its frozen counts; freeze any missing
            # from the very rows about to go.
            for round in _closed_before(cutoff).filter(counts__isnull=True):
                round.counts = frozen_counts(round)
                round.save(update_fields=["counts"])
        secure_delete()
        deleted = {label: queryset.delete()[0] for label, queryset in _past(data_class, cutoff).items()}
        if any(deleted.values()):
            # The figures are read from the stored results (kasam.pulse.stored), which stay; cached
            # values computed from the deleted rows go (docs/architecture.md "Caches").
            generations.bump("pulse")
        return deleted


def _delete_absences(cutoff: date) -> dict[str, int]:
    ids = absence_ids_past(cutoff)
    if not ids:
        return {"absence.Absence": 0, "releases.SickLeaveBasis": _delete_basis(cutoff)}
    # The stored series must hold the complete records' figures before the months before the cutoff
    # become final: one refill on everything first (the refill does not delete before an older floor).
    refill_series()
    with transaction.atomic():
        # The floor never moves back; on the first purge it is not before the stored history's start
        # (months before that were never stored, and a refill must not add them now).
        floor = absence_floor()
        if floor is None:
            earliest = Absence.objects.aggregate(first=Min("start_date"))["first"]
            floor = history_start(earliest, today())
        Horizon.objects.update_or_create(data_class=ABSENCES, defaults={"cutoff": max(cutoff, floor)})
        secure_delete()
        deleted = 0
        for start in range(0, len(ids), CHUNK):
            deleted += Absence.objects.filter(pk__in=ids[start : start + CHUNK]).delete()[0]
        basis = _delete_basis(cutoff)
    return {"absence.Absence": deleted, "releases.SickLeaveBasis": basis}


def _delete_basis(cutoff: date) -> int:
    """The hours a release was made from are person-level like the absences: a release of a period
    that ended before the cutoff keeps only its ledger, which the audit then reads (docs/anonymity.md)."""
    return SickLeaveBasis.objects.filter(release__end__lt=cutoff).delete()[0]


def _count(data_class: str, cutoff: date) -> dict[str, int]:
    if data_class == ABSENCES:
        return {"absence.Absence": len(absence_ids_past(cutoff))}
    return {label: queryset.count() for label, queryset in _past(data_class, cutoff).items()}


def _delete(data_class: str, cutoff: date) -> dict[str, int]:
    if data_class == ABSENCES:
        return _delete_absences(cutoff)
    if data_class == AUDIT_LOG:
        with transaction.atomic():
            secure_delete()
            return {"audit.AuditEntry": purge_before(_moment(cutoff))}
    if data_class == REPORTS:
        with transaction.atomic():
            secure_delete()
            return {"reports.Report": _past(REPORTS, cutoff)["reports.Report"].delete()[0]}
    if data_class == REHAB_CASES:
        with transaction.atomic():
            secure_delete()
            return delete_rehab_cases(_past(REHAB_CASES, cutoff))
    return _delete_pulse(data_class, cutoff)


def purge(dry_run: bool = False, day: date | None = None, user=None) -> PurgeResult:
    """Delete (or with `dry_run` only count) every row past retention, class by class, and – unless a
    dry run – write one audit entry with the counts (by `user`, or "system"). A class that fails is
    reported in its result and the audit entry, the others are still purged; then PurgeError is raised."""
    day = day or today()
    result = PurgeResult(day, dry_run, [])
    for data_class, cutoff in cutoffs(day).items():
        found = ClassResult(data_class, settings.KASAM_RETENTION_MONTHS[data_class], cutoff)
        result.classes.append(found)
        if cutoff is None:
            continue
        try:
            found.deleted = _count(data_class, cutoff) if dry_run else _delete(data_class, cutoff)
        except Exception as error:
            logger.exception("The retention job failed on %s", data_class)
            found.error = f"{type(error).__name__}: {error}"
    if not dry_run:
        record(
            user,
            AuditEntry.Action.RETENTION_PURGE,
            counts=result.counts(),
            cutoffs={c.data_class: c.cutoff.isoformat() for c in result.classes if c.cutoff},
            **({"errors": result.errors} if result.errors else {}),
        )
    if result.errors:
        raise PurgeError("; ".join(f"{name}: {error}" for name, error in result.errors.items()), result)
    return result


def run_purge(user=None) -> PurgeRun:
    """`purge` recorded as a PurgeRun (what the daily task and `kasam gdpr purge` run); on an error the
    run is recorded as failed, with what was deleted before it, and the error raised again."""
    run = PurgeRun.objects.create(started_at=timezone.now())
    try:
        result = purge(user=user)
    except Exception as error:
        run.status, run.finished_at = PurgeRun.Status.FAILED, timezone.now()
        run.error = str(error) if isinstance(error, PurgeError) else f"{type(error).__name__}: {error}"
        run.result = error.result.as_json() if isinstance(error, PurgeError) else {}
        run.save(update_fields=["status", "finished_at", "error", "result"])
        raise
    run.status, run.finished_at, run.result = PurgeRun.Status.FINISHED, timezone.now(), result.as_json()
    run.save(update_fields=["status", "finished_at", "result"])
    return run

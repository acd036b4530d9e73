"""Early signals that are worked, not just read: each signal of a person has a follow-up – new,
contacted or handled, with a short note and the day – and a signal that no longer holds closes by
itself (docs/definitions.md "Following up early signals"). The signals themselves are computed on each view
(kasam.absence.early_signals); only what was done about them is stored."""

from dataclasses import dataclass
from datetime import date, timedelta

from django.db import transaction

from kasam.absence.models import SignalFollowUp

Kind, Status = SignalFollowUp.Kind, SignalFollowUp.Status
# How long a signal that closed by itself is still named on the page.
ENDED_SHOWN_DAYS = 30
CHUNK = 900  # ids a query


@dataclass(frozen=True)
class Signal:
    person_id: str
    kind: str
    key: str  # the day its sick case started or the person came back; "repeated"


def signals_of(people) -> list[Signal]:
    """The current signals of the early-signals list's people (kasam.absence.early_signals)."""
    found = []
    for item in people:
        pk = item.person.pk
        if item.repeated or item.high_risk:
            found.append(Signal(pk, Kind.REPEATED, Kind.REPEATED))
        if item.open_case:
            found.append(Signal(pk, Kind.OPEN_CASE, item.open_case["start_date"].isoformat()))
        if item.returning:
            found.append(Signal(pk, Kind.RETURNING, item.returning["back_from"].isoformat()))
    return found


@transaction.atomic
def settle(
    person_ids: list[str], signals: list[Signal], day: date
) -> dict[tuple[str, str, str], SignalFollowUp]:
    """The follow-ups of these persons' current signals, by (person, kind, key). A follow-up whose
    signal no longer holds is ended on `day`; one whose signal holds again starts over as new."""
    current = {(s.person_id, s.kind, s.key) for s in signals}
    found, ended = {}, []
    for row in _of_persons(person_ids):
        key = (row.person_id, row.kind, row.key)
        if key in current:
            if row.ended_on is not None:
                row.status, row.note, row.ended_on, row.updated_on = Status.NEW, "", None, day
                row.save(update_fields=["status", "note", "ended_on", "updated_on"])
            found[key] = row
        elif row.ended_on is None:
            ended.append(row.pk)
    for start in range(0, len(ended), CHUNK):
        SignalFollowUp.objects.filter(pk__in=ended[start : start + CHUNK]).update(ended_on=day)
    return found


def _of_persons(person_ids: list[str]) -> list[SignalFollowUp]:
    """The follow-ups of these persons, read in chunks (a list over a whole organisation holds tens
    of thousands of ids)."""
    return [
        row
        for start in range(0, len(person_ids), CHUNK)
        for row in SignalFollowUp.objects.filter(
            person_id__in=person_ids[start : start + CHUNK]
        ).select_related("person")
    ]


def recently_ended(person_ids: list[str], day: date) -> list[SignalFollowUp]:
    """The follow-ups whose signal closed by itself in the last ENDED_SHOWN_DAYS days, latest first."""
    since = day - timedelta(days=ENDED_SHOWN_DAYS)
    ended = [row for row in _of_persons(person_ids) if row.ended_on is not None and row.ended_on >= since]
    return sorted(ended, key=lambda row: (-row.ended_on.toordinal(), row.person.last_name))


def follow_up(signal: Signal, status: str, note: str, user, day: date) -> SignalFollowUp:
    row, _created = SignalFollowUp.objects.update_or_create(
        person_id=signal.person_id,
        kind=signal.kind,
        key=signal.key,
        defaults={"status": status, "note": note, "updated_on": day, "updated_by": user, "ended_on": None},
    )
    return row


def waiting(signals: list[Signal]) -> int:
    """How many of these current signals nobody has followed up yet: those the list shows as new (no
    follow-up, one marked new, or one whose signal ended before and holds again – the list starts it
    over as new). Reads only; the list itself settles the follow-ups."""
    stored = {(row.person_id, row.kind, row.key): row for row in _of_persons([s.person_id for s in signals])}
    count = 0
    for signal in signals:
        row = stored.get((signal.person_id, signal.kind, signal.key))
        count += row is None or row.status == Status.NEW or row.ended_on is not None
    return count

"""Every write of the pulse's tables (ADR 008; docs/definitions.md "Anonymity rules" 1 and 6): open, invite,
submit, close.

The answer side never learns who answered: `submit` writes the submission, sealed and padded, into a
buffer (no person, no token, no time) and, in the same transaction, the fact that the person answered
(a date only) into Participation. Nothing moves before close. `close_round` re-pools the reporting
nodes by respondents, moves every answer into Answer/FreeText in one random order in one transaction
(or deletes them all when fewer than k answered), and replaces the participation rows and link hashes
by counts per reporting node – after close no table tells who answered.
"""

import logging
import secrets
import time
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date

from django.conf import settings
from django.db import OperationalError, connection, transaction
from django.db.models import Count, Q

from kasam.core import bulk, generations
from kasam.core.dates import today
from kasam.metrics import anonymity
from kasam.org.models import Employment, Person, Unit
from kasam.pulse import rotation, sealing, spool, stored, tokens
from kasam.pulse.models import (
    OPEN_TEXT_MAX,
    SCALE_MAX,
    SCALE_MIN,
    Answer,
    FreeText,
    Invitation,
    Participation,
    Programme,
    Round,
    Submission,
)

logger = logging.getLogger(__name__)

# The shuffle of every flush. A CSPRNG, so that the order cannot be predicted from earlier orders;
# tests replace it with a seeded random.Random to make the order reproducible.
rng: secrets.SystemRandom = secrets.SystemRandom()

OPEN_KEY = "open"
DELETE_CHUNK = 500
# Ids or hashes per `IN (…)` of submit_many: well below SQLite's 32,766 parameters.
LOOKUP_CHUNK = 5000

# Outcomes of submit(); plain strings, for the answer page to word.
STORED = "stored"
ALREADY_ANSWERED = "already_answered"
EXPIRED = "expired"
NOT_OPEN = "not_open"
UNKNOWN_TOKEN = "unknown_token"  # noqa: S105 (an outcome, not a secret)
INVALID = "invalid"

# Error codes of an invalid submission, per field (a statement id, "open" or "idempotency_key").
MISSING = "missing"
OUT_OF_SCALE = "out_of_scale"
UNKNOWN_STATEMENT = "unknown_statement"
TOO_LONG = "too_long"
NOT_TEXT = "not_text"
MALFORMED = "malformed"


class RoundStateError(ValueError):
    """The round is not in the state the action needs (e.g. opening an open round)."""


@dataclass(frozen=True)
class SubmitResult:
    outcome: str
    # Invalid: {field: error code}; a field is a statement id, "open" or "idempotency_key".
    errors: dict[str, str] = field(default_factory=dict)
    # True when the outcome is "stored" because this very submission had been stored before (a retry).
    repeated: bool = False

    @property
    def stored(self) -> bool:
        return self.outcome == STORED


def pulse_k() -> int:
    return anonymity.check_k(int(settings.KASAM_PULSE_K))


# ------------------------------------------------------------------------------------ opening a round


def tree_of(programme: Programme) -> dict[str, str | None]:
    """The programme's part of the organisation as {unit_id: parent_id}, its root's parent None."""
    root = programme.root_unit
    units = Unit.objects.filter(path__startswith=root.path).values_list("id", "parent_id")
    return {unit_id: (None if unit_id == root.pk else parent_id) for unit_id, parent_id in units}


def select_invitees(programme: Programme, day: date) -> list[tuple[str, str]]:
    """(person id, unit id) of everyone to invite on `day`: each person through the employment with the
    highest rate on that day (tie: the earliest start, then the lowest unit id), hourly paid ones only
    when the programme invites them; kept when that unit lies in the programme's part of the tree."""
    employments = Employment.objects.filter(start_date__lte=day).filter(
        Q(end_date__isnull=True) | Q(end_date__gte=day)
    )
    if not programme.include_hourly:
        employments = employments.exclude(pay=Employment.Pay.HOURLY)
    best: dict[str, tuple] = {}
    for person_id, unit_id, rate, start in employments.values_list(
        "person_id", "unit_id", "rate", "start_date"
    ):
        key = (-rate, start, unit_id)
        if person_id not in best or key < best[person_id]:
            best[person_id] = key
    inside = set(tree_of(programme))
    return sorted((person_id, key[2]) for person_id, key in best.items() if key[2] in inside)


# Who adds statements to a round as it opens: kasam.plans.tracking.tracked_statements (root unit, day,
# already= the round's statements) → statement ids, registered by the plans app's AppConfig.ready. The
# plans app sits above the pulse; the pulse never imports it.
TRACKED_STATEMENTS: list[Callable[..., list[str]]] = []


@transaction.atomic
def open_round(round: Round, day: date | None = None) -> list[tuple[Invitation, str]]:
    """Open a planned round: freeze k, the tree and the statements (the rotation's, plus those tracked
    by health-plan activities running in the programme's units: TRACKED_STATEMENTS), invite everyone
    due (select_invitees) and return the invitations with their raw tokens – the only moment the
    tokens exist; send them from this process, never through a stored queue."""
    locked = Round.objects.select_for_update().select_related("programme__root_unit").get(pk=round.pk)
    if locked.status != Round.Status.PLANNED:
        raise RoundStateError(f"round {locked.pk} is {locked.status}, not planned")
    if not locked.statement_ids:
        raise RoundStateError(f"round {locked.pk} has no statements")
    locked.k = pulse_k()
    locked.tree = tree_of(locked.programme)
    tracked = [
        statement
        for tracked_statements in TRACKED_STATEMENTS
        for statement in tracked_statements(
            locked.programme.root_unit, day or today(), already=locked.statement_ids
        )
    ]
    locked.statement_ids = rotation.add_tracking(locked.statement_ids, tracked)
    invitees = select_invitees(locked.programme, day or today())
    if len(invitees) < locked.k:
        raise RoundStateError(f"round {locked.pk} would invite {len(invitees)}, fewer than k = {locked.k}")
    locked.status = Round.Status.OPEN
    locked.save(update_fields=["k", "tree", "statement_ids", "status"])
    generations.bump("pulse")  # a new open round (docs/architecture.md "Caches")
    _copy_state(locked, round)
    return invite(locked, invitees, locked.k)


@transaction.atomic
def invite(
    round: Round, persons_with_units: Iterable[tuple[Person | str, str]], k: int
) -> list[tuple[Invitation, str]]:
    """Invite persons, each through one unit, to a round that has none yet. Every person's reporting node
    is fixed here, pooled bottom-up so that each holds at least k invited of its own
    (kasam.metrics.anonymity.assign_reporting_nodes, over the round's frozen tree); fewer than k in all
    is a ValueError. Only the tokens' keyed hashes are stored; the raw tokens are returned once."""
    if round.status == Round.Status.CLOSED:
        raise RoundStateError(f"round {round.pk} is closed")
    if Invitation.objects.filter(round=round).exists():
        raise RoundStateError(f"round {round.pk} has invited already")
    pairs = [
        (person.pk if isinstance(person, Person) else person, unit_id)
        for person, unit_id in persons_with_units
    ]
    persons = [person_id for person_id, _ in pairs]
    if len(set(persons)) != len(persons):
        raise ValueError("a person is invited once per round")
    outside = sorted({unit_id for _, unit_id in pairs} - set(round.tree))
    if outside:
        raise ValueError(f"units outside the round's tree: {', '.join(outside)}")
    nodes = anonymity.assign_reporting_nodes(round.tree, Counter(unit_id for _, unit_id in pairs), k)
    key = tokens.token_key()
    raw = [tokens.new_token() for _ in pairs]
    rows = [
        (round.pk, person_id, nodes[unit_id], tokens.invitation_hash(token, key))
        for (person_id, unit_id), token in zip(pairs, raw, strict=True)
    ]
    # Straight into the table (a large organisation's round invites tens of thousands), then each
    # invitation is made as if loaded, with the id it was given.
    fields = ["round_id", "person_id", "reporting_node", "token_hash"]
    bulk.insert_rows(Invitation, fields, rows, ready=True)
    ids = dict(Invitation.objects.filter(round=round).values_list("person_id", "id"))
    loaded = ["id", *fields, "sent_at", "reminded_at"]
    return [
        (Invitation.from_db(Invitation.objects.db, loaded, (ids[row[1]], *row, None, None)), token)
        for row, token in zip(rows, raw, strict=True)
    ]


@transaction.atomic
def reissue_token(invitation: Invitation) -> str | None:
    """A new link for an invitation not yet answered (a reminder needs one: the old token is not
    stored); the old link stops working. None when the person has answered or the round is closed."""
    locked = Invitation.objects.select_for_update().select_related("round").get(pk=invitation.pk)
    if locked.token_hash is None or locked.round.status == Round.Status.CLOSED:
        return None
    token = tokens.new_token()
    locked.token_hash = tokens.invitation_hash(token)
    locked.save(update_fields=["token_hash"])
    invitation.token_hash = locked.token_hash
    return token


# ---------------------------------------------------------------------------------------- answering


def submit(
    raw_token: str,
    answers: Mapping[str, object],
    open_text: str | None,
    idempotency_key: str,
    day: date | None = None,
) -> SubmitResult:
    """Store one person's answers to a round, at most once.

    The link is found by its keyed hash (tokens). A retry of a stored submission – the same link and
    idempotency key – is "stored" again without a second row; any other submission over a used link is
    "already_answered". On success one sealed buffer row and one Participation row (the date only) are
    written in one transaction and the link's hash is cleared; the buffer row waits until close.
    Open text is kept as the text it is: HTML in it is stored as characters and escaped when shown.

    A submitted answer is never dropped: while SQLite reports the database locked the write is tried
    again, and an answer that still meets the lock after KASAM_PULSE_WRITE_WAIT_SECONDS waits sealed in
    the spool (kasam.pulse.spool) and is "stored" for the person; the next stored answer, `kasam tick` or
    the round's close moves it into the tables, exactly once.
    """
    if not tokens.is_well_formed(raw_token):
        return SubmitResult(UNKNOWN_TOKEN)
    if not tokens.is_valid_idempotency_key(idempotency_key):
        return SubmitResult(INVALID, {"idempotency_key": MALFORMED})
    day = day or today()
    hashes = _link_hashes(raw_token, idempotency_key)
    waiting = _spooled_result(hashes)
    if waiting is not None:
        return waiting
    try:
        result = _write_retrying(
            lambda: _submit_now(raw_token, answers, open_text, idempotency_key, day, hashes)
        )
    except OperationalError as error:
        if not spool.is_locked(error):
            raise
        return _keep_in_spool(raw_token, answers, open_text, idempotency_key, day, hashes)
    if result.stored and not result.repeated:
        spool.drain_quietly()  # the database takes writes again: store what waited
    return result


@dataclass(frozen=True)
class _LinkHashes:
    link: str  # Participation.link_hash
    participation_retry: str  # Participation.idempotency_hash
    buffer_retry: str  # Submission.idempotency_hash


def _link_hashes(raw_token: str, idempotency_key: str, key: bytes | None = None) -> _LinkHashes:
    return _LinkHashes(
        tokens.keyed_hash(tokens.USED_LINK, raw_token, key=key),
        tokens.keyed_hash(tokens.PARTICIPATION_RETRY, raw_token, idempotency_key, key=key),
        tokens.keyed_hash(tokens.BUFFER_RETRY, raw_token, idempotency_key, key=key),
    )


def _submit_now(
    raw_token: str,
    answers: Mapping[str, object],
    open_text: str | None,
    idempotency_key: str,
    day: date,
    hashes: _LinkHashes,
) -> SubmitResult:
    with transaction.atomic():
        invitation = (
            Invitation.objects.select_for_update(of=("self",))
            .filter(token_hash=tokens.invitation_hash(raw_token))
            .first()
        )
        if invitation is None:
            return _after_use(raw_token, idempotency_key)
        status, opens_on, closes_on = _round_state_shared(invitation.round_id)
        if status == Round.Status.CLOSED or day > closes_on:
            return SubmitResult(EXPIRED)
        if status == Round.Status.PLANNED or day < opens_on:
            return SubmitResult(NOT_OPEN)
        statement_ids = Round.objects.values_list("statement_ids", flat=True).get(pk=invitation.round_id)
        payload, errors = validate(statement_ids, answers, open_text)
        if errors:
            return SubmitResult(INVALID, errors)
        _store(invitation, payload, day, hashes)
    return SubmitResult(STORED)


def _store(invitation: Invitation, payload: dict, day: date, hashes: _LinkHashes) -> None:
    """The writes of a submission, in the caller's transaction: the sealed buffer row, the fact that the
    person answered (the date only), the link used up."""
    sealed, key_id = sealing.seal(payload, invitation.round_id, invitation.reporting_node)
    Submission.objects.create(
        round_id=invitation.round_id,
        reporting_node=invitation.reporting_node,
        sealed_payload=sealed,
        key_id=key_id,
        idempotency_hash=hashes.buffer_retry,
    )
    Participation.objects.create(
        round_id=invitation.round_id,
        person_id=invitation.person_id,
        answered_on=day,
        link_hash=hashes.link,
        idempotency_hash=hashes.participation_retry,
    )
    invitation.token_hash = None
    invitation.save(update_fields=["token_hash"])


def _write_retrying(write: Callable[[], SubmitResult | str]):
    """Run a write; while SQLite reports the database locked, try again after a growing pause until
    KASAM_PULSE_WRITE_WAIT_SECONDS have passed, each try waiting at most a third of that for the lock
    (SQLite's busy timeout). Then the OperationalError is raised. Inside a transaction (the close) the
    lock is held already and the write runs once."""
    if connection.vendor != "sqlite" or connection.in_atomic_block:
        return write()
    wait = float(settings.KASAM_PULSE_WRITE_WAIT_SECONDS)
    deadline = time.monotonic() + wait
    pause = 0.05
    with _busy_timeout(wait / 3):
        while True:
            try:
                return write()
            except OperationalError as error:
                if not spool.is_locked(error) or time.monotonic() + pause >= deadline:
                    raise
            time.sleep(pause)
            pause = min(pause * 2, 1.0)


@contextmanager
def _busy_timeout(seconds: float):
    """SQLite's busy timeout for this connection, for the block; the configured one afterwards."""
    configured = float(connection.settings_dict.get("OPTIONS", {}).get("timeout", 5))
    with connection.cursor() as cursor:
        cursor.execute(f"PRAGMA busy_timeout = {int(seconds * 1000)}")
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            cursor.execute(f"PRAGMA busy_timeout = {int(configured * 1000)}")


def _keep_in_spool(
    raw_token: str,
    answers: Mapping[str, object],
    open_text: str | None,
    idempotency_key: str,
    day: date,
    hashes: _LinkHashes,
) -> SubmitResult:
    """The database stayed locked: check the submission as _submit_now does, reading only (SQLite lets
    readers through a writer's lock), and keep it sealed in the spool."""
    invitation = Invitation.objects.filter(token_hash=tokens.invitation_hash(raw_token)).first()
    if invitation is None:
        return _after_use(raw_token, idempotency_key)
    round = Round.objects.only("status", "opens_on", "closes_on", "statement_ids").get(pk=invitation.round_id)
    if round.status == Round.Status.CLOSED or day > round.closes_on:
        return SubmitResult(EXPIRED)
    if round.status == Round.Status.PLANNED or day < round.opens_on:
        return SubmitResult(NOT_OPEN)
    payload, errors = validate(round.statement_ids, answers, open_text)
    if errors:
        return SubmitResult(INVALID, errors)
    entry = spool.Entry(
        invitation_id=invitation.pk,
        round_id=invitation.round_id,
        day=day.isoformat(),
        payload=payload,
        link_hash=hashes.link,
        participation_retry=hashes.participation_retry,
        buffer_retry=hashes.buffer_retry,
    )
    if not spool.keep(entry):  # another press of the same link was quicker
        return _spooled_result(hashes) or SubmitResult(ALREADY_ANSWERED)
    logger.warning("The database stayed locked: a pulse answer waits sealed in the spool")
    return SubmitResult(STORED)


def _spooled_result(hashes: _LinkHashes) -> SubmitResult | None:
    """None when no answer of this link waits in the spool (or it could be stored just now, so that
    the link is used in the tables); else the outcome of a submission over a used link."""
    path = spool.waiting(hashes.link)
    if path is None or spool.drain_paths([path]) == 1:
        return None
    try:
        same = secrets.compare_digest(spool.read(path).participation_retry, hashes.participation_retry)
    except (sealing.SealError, OSError):  # drained meanwhile, or damaged: the link has answered
        same = False
    return SubmitResult(STORED, repeated=True) if same else SubmitResult(ALREADY_ANSWERED)


def store_spooled(entry: spool.Entry) -> str:
    """Store an answer that waited in the spool, unless its link has been used meanwhile: "stored",
    "already" (stored before – by this entry or another submission of the person) or "rejected" (its
    invitation is gone or its round closed without it). Raises OperationalError while locked."""

    def write() -> str:
        with transaction.atomic():
            invitation = (
                Invitation.objects.select_for_update(of=("self",)).filter(pk=entry.invitation_id).first()
            )
            if Participation.objects.filter(link_hash=entry.link_hash).exists():
                return "already"
            if invitation is None:
                return "rejected"
            answered = Participation.objects.filter(
                round_id=invitation.round_id, person_id=invitation.person_id
            )
            if invitation.token_hash is None or answered.exists():
                return "already"  # through another link of the same invitation (a reminder's)
            status, _opens_on, _closes_on = _round_state_shared(invitation.round_id)
            if status != Round.Status.OPEN:
                return "rejected"
            hashes = _LinkHashes(entry.link_hash, entry.participation_retry, entry.buffer_retry)
            _store(invitation, entry.payload, entry.answered_on, hashes)
        return "stored"

    return _write_retrying(write)


@dataclass(frozen=True)
class Submitted:
    """One person's submission for submit_many: what submit() takes."""

    raw_token: str
    answers: Mapping[str, object]
    open_text: str | None
    idempotency_key: str
    day: date


def submit_many(
    submissions: Sequence[Submitted], handed: list[tuple[int, str, dict]] | None = None
) -> list[SubmitResult]:
    """Store many persons' answers at once – the demo and the load tests, where submit() one by one takes
    half an hour for a large organisation's year (docs/performance.md). Each submission is checked and
    stored exactly as submit() would store it (the same validation, the sealed and padded buffer row, the
    Participation row with the date only, the link used up), in one transaction for all; the buffer rows
    go in a random order of their own, so that their order does not pair them with the participations.
    A link used twice in the batch is answered once; a link whose answer waits in the spool, a used or
    unknown link, goes through submit() one by one. Returns the outcomes in the order given.

    `handed`, for a round closed in the same transaction (the demo's past rounds): the checked payloads
    are appended to it as (round id, reporting node, payload) instead of being sealed into the buffer,
    which would be written, opened and emptied before any other connection could read it;
    `close_round(round, handed=…)` stores them as it stores the buffer's."""
    results: list[SubmitResult | None] = [None] * len(submissions)
    one_by_one: list[int] = []
    checked: list[tuple[int, str, _LinkHashes]] = []
    key, spooled = tokens.token_key(), spool.waiting_links()
    for index, submission in enumerate(submissions):
        if not tokens.is_well_formed(submission.raw_token):
            results[index] = SubmitResult(UNKNOWN_TOKEN)
        elif not tokens.is_valid_idempotency_key(submission.idempotency_key):
            results[index] = SubmitResult(INVALID, {"idempotency_key": MALFORMED})
        else:
            hashes = _link_hashes(submission.raw_token, submission.idempotency_key, key)
            if hashes.link in spooled:
                one_by_one.append(index)
            else:
                checked.append((index, tokens.invitation_hash(submission.raw_token, key), hashes))
    with transaction.atomic():
        invitations = _invitations_by_hash(sorted({invitation_hash for _, invitation_hash, _ in checked}))
        states: dict[int, tuple[str, date, date, list[str]]] = {}
        buffered, participations, used = [], [], []
        for index, invitation_hash, hashes in checked:
            submission = submissions[index]
            invitation = invitations.pop(invitation_hash, None)  # a second use in the batch finds it used
            if invitation is None:
                one_by_one.append(index)
                continue
            invitation_id, round_id, person_id, node = invitation
            payload, refused = _checked_in_bulk(submission, round_id, states)
            if refused is not None:
                results[index] = refused
                invitations[invitation_hash] = invitation
                continue
            if handed is not None:
                handed.append((round_id, node, payload))
            else:
                sealed, key_id = sealing.seal(payload, round_id, node)
                buffered.append((round_id, node, sealed, key_id, hashes.buffer_retry))
            day = submission.day.isoformat()
            participations.append((round_id, person_id, day, hashes.link, hashes.participation_retry))
            used.append(invitation_id)
            results[index] = SubmitResult(STORED)
        rng.shuffle(buffered)
        buffered = [(key, *row) for key, row in zip(bulk.uuid4_hex(len(buffered)), buffered, strict=True)]
        participations = [
            (key, *row) for key, row in zip(bulk.uuid4_hex(len(participations)), participations, strict=True)
        ]
        bulk.insert_rows(
            Submission,
            ["id", "round_id", "reporting_node", "sealed_payload", "key_id", "idempotency_hash"],
            buffered,
            ready=True,
        )
        bulk.insert_rows(
            Participation,
            ["id", "round_id", "person_id", "answered_on", "link_hash", "idempotency_hash"],
            participations,
            ready=True,
        )
        for start in range(0, len(used), LOOKUP_CHUNK):
            Invitation.objects.filter(pk__in=used[start : start + LOOKUP_CHUNK]).update(token_hash=None)
    for index in sorted(one_by_one):
        submission = submissions[index]
        results[index] = submit(
            submission.raw_token,
            submission.answers,
            submission.open_text,
            submission.idempotency_key,
            day=submission.day,
        )
    return results


def _invitations_by_hash(hashes: list[str]) -> dict[str, tuple[int, int, str, str]]:
    """The open invitations of these link hashes, locked as _submit_now locks one: {link hash: (id,
    round id, person id, reporting node)}."""
    found: dict[str, tuple[int, int, str, str]] = {}
    for start in range(0, len(hashes), LOOKUP_CHUNK):
        invitations = (
            Invitation.objects.select_for_update(of=("self",))
            .filter(token_hash__in=hashes[start : start + LOOKUP_CHUNK])
            .values_list("token_hash", "id", "round_id", "person_id", "reporting_node")
        )
        found.update((token_hash, rest) for token_hash, *rest in invitations)
    return found


def _checked_in_bulk(
    submission: Submitted, round_id: int, states: dict[int, tuple[str, date, date, list[str]]]
) -> tuple[dict[str, object], SubmitResult | None]:
    """_submit_now's checks for submit_many: the payload, or the outcome that refuses it. `states` keeps
    each round's state, read once per batch."""
    if round_id not in states:
        status, opens_on, closes_on = _round_state_shared(round_id)
        statement_ids = Round.objects.values_list("statement_ids", flat=True).get(pk=round_id)
        states[round_id] = (status, opens_on, closes_on, statement_ids)
    status, opens_on, closes_on, statement_ids = states[round_id]
    if status == Round.Status.CLOSED or submission.day > closes_on:
        return {}, SubmitResult(EXPIRED)
    if status == Round.Status.PLANNED or submission.day < opens_on:
        return {}, SubmitResult(NOT_OPEN)
    payload, errors = validate(statement_ids, submission.answers, submission.open_text)
    return payload, (SubmitResult(INVALID, errors) if errors else None)


def _after_use(raw_token: str, idempotency_key: str) -> SubmitResult:
    """A token that opens no invitation: a used link (a retry, or a second submission) or unknown."""
    participation = (
        Participation.objects.filter(link_hash=tokens.keyed_hash(tokens.USED_LINK, raw_token))
        .only("idempotency_hash")
        .first()
    )
    if participation is None:
        return SubmitResult(UNKNOWN_TOKEN)
    retry = tokens.keyed_hash(tokens.PARTICIPATION_RETRY, raw_token, idempotency_key)
    if secrets.compare_digest(participation.idempotency_hash, retry):
        return SubmitResult(STORED, repeated=True)
    return SubmitResult(ALREADY_ANSWERED)


def _round_state_shared(round_id: int) -> tuple[str, date, date]:
    """The round's status and dates as committed now, under a shared lock on PostgreSQL: submissions
    do not block each other, but close_round (FOR UPDATE) waits for those in flight, and those after it
    see it closed – so no submission lands in the buffer of a closed round. SQLite serialises writing
    transactions anyway."""
    table = connection.ops.quote_name(Round._meta.db_table)
    lock = " FOR SHARE" if connection.vendor == "postgresql" else ""
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT status, opens_on, closes_on FROM {table} WHERE id = %s{lock}", [round_id])  # noqa: S608
        status, opens_on, closes_on = cursor.fetchone()
    if isinstance(opens_on, str):  # SQLite's raw cursor
        opens_on, closes_on = date.fromisoformat(opens_on), date.fromisoformat(closes_on)
    return status, opens_on, closes_on


def validate(
    statement_ids: list[str], answers: Mapping[str, object], open_text: object
) -> tuple[dict[str, object], dict[str, str]]:
    """The buffer payload {statement_id: value, "open": text} and the errors {field: code}: every
    statement of the round answered on the scale, no other statement, open text at most OPEN_TEXT_MAX
    characters (line breaks count once; NUL characters, which PostgreSQL cannot store, are dropped)."""
    errors: dict[str, str] = {}
    payload: dict[str, object] = {}
    if not isinstance(answers, Mapping):
        answers = {}
    for key in answers:
        if key not in statement_ids:
            errors[str(key)[:64]] = UNKNOWN_STATEMENT
    for statement_id in statement_ids:
        if statement_id not in answers:
            errors[statement_id] = MISSING
            continue
        value = _scale_value(answers[statement_id])
        if value is None:
            errors[statement_id] = OUT_OF_SCALE
        else:
            payload[statement_id] = value
    if open_text is not None:
        if not isinstance(open_text, str):
            errors[OPEN_KEY] = NOT_TEXT
        else:
            text = open_text.replace("\r\n", "\n").replace("\r", "\n").replace("\0", "").strip()
            if len(text) > OPEN_TEXT_MAX:
                errors[OPEN_KEY] = TOO_LONG
            elif text:
                payload[OPEN_KEY] = text
    return payload, errors


def _scale_value(value: object) -> int | None:
    """An integer on the scale, given as int or as its decimal digits (form fields); else None."""
    if isinstance(value, bool):
        return None
    if isinstance(value, str) and value.strip().isdecimal() and len(value.strip()) == 1:
        value = int(value.strip())
    if isinstance(value, int) and SCALE_MIN <= value <= SCALE_MAX:
        return value
    return None


# ------------------------------------------------------------------------------------------- closing


def _insert_shuffled(answers: list[tuple], texts: list[tuple]) -> None:
    """Answer rows (id, round, node, statement, value) and free texts (id, round, node, text), each in
    one random order, straight into their tables (kasam.core.bulk: a large close stores millions)."""
    rng.shuffle(answers)
    rng.shuffle(texts)
    bulk.insert_rows(
        Answer, ["id", "round_id", "reporting_node", "statement_id", "value"], answers, ready=True
    )
    bulk.insert_rows(FreeText, ["id", "round_id", "reporting_node", "text"], texts, ready=True)


def _secure_delete() -> None:
    """SQLite overwrites deleted content with zeros instead of leaving it in free pages (the WAL keeps
    its copies until a checkpoint: ADR 008). PostgreSQL has no such switch; VACUUM reclaims."""
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA secure_delete = ON")


def respondents_per_node(round: Round) -> dict[str, int]:
    """Respondents of an open round per reporting node (every node of the frozen tree, 0 when none):
    the participations counted by their invitations' reporting nodes."""
    answered = Participation.objects.filter(round=round).values("person_id")
    counts = dict(
        Invitation.objects.filter(round=round, person_id__in=answered)
        .values_list("reporting_node")
        .annotate(n=Count("id"))
        .order_by()
    )
    return {node: counts.get(node, 0) for node in round.tree} | counts


def frozen_counts(round: Round) -> dict[str, list[int]]:
    """{reporting node: [invited, answered]} counted from the invitation and participation rows – for a
    round closed by an earlier version before it froze its counts (kasam.gdpr)."""
    from kasam.pulse.results import per_node_counts

    answered, invited = per_node_counts([round.pk]).get(round.pk, ({}, {}))
    return {node: [n, answered.get(node, 0)] for node, n in invited.items()}


def invited_per_node(round: Round) -> dict[str, int]:
    return dict(
        Invitation.objects.filter(round=round)
        .values_list("reporting_node")
        .annotate(n=Count("id"))
        .order_by()
    )


def _waiting_rows(round: Round) -> tuple[list[tuple[str, str, int]], list[tuple[str, str]]]:
    """Every answer of the round not yet in its final place: the sealed buffer, and answer rows an
    earlier version flushed during the round. (reporting node, statement, value), (node, text)."""
    answers: list[tuple[str, str, int]] = list(
        Answer.objects.filter(round=round).values_list("reporting_node", "statement_id", "value")
    )
    texts: list[tuple[str, str]] = list(
        FreeText.objects.filter(round=round).values_list("reporting_node", "text")
    )
    for node, sealed, key_id in Submission.objects.filter(round=round).values_list(
        "reporting_node", "sealed_payload", "key_id"
    ):
        _unpack(node, sealing.unseal(sealed, round.pk, node, key_id), answers, texts)
    return answers, texts


def _unpack(node: str, payload: dict, answers: list, texts: list) -> None:
    """A submission's payload as answer rows (node, statement, value) and its free text (node, text)."""
    for key, value in payload.items():
        if key == OPEN_KEY:
            texts.append((node, value))
        else:
            answers.append((node, key, value))


def store_repooled(
    round: Round, answers: list[tuple[str, str, int]], texts: list[tuple[str, str]], stored_at: Mapping | None
) -> None:
    """Replace the round's answer rows, in the current transaction: each answer stored against
    `stored_at[its reporting node]` (itself when not there), all rows in one random order with new
    keys, random within the round (kasam.core.bulk.uuid7_hex); nothing when `stored_at` is None (fewer
    than k answered). The buffer is emptied."""
    _secure_delete()
    Answer.objects.filter(round=round).delete()
    FreeText.objects.filter(round=round).delete()
    Submission.objects.filter(round=round).delete()
    if stored_at is None:
        return
    _insert_shuffled(
        [
            (key, round.pk, stored_at.get(node, node), s, v)
            for key, (node, s, v) in zip(bulk.uuid7_hex(len(answers)), answers, strict=True)
        ],
        [
            (key, round.pk, stored_at.get(node, node), text)
            for key, (node, text) in zip(bulk.uuid7_hex(len(texts)), texts, strict=True)
        ],
    )


def counts_after_repooling(
    invited: Mapping[str, int], answered: Mapping[str, int], stored_at: Mapping | None
) -> dict[str, list[int]]:
    """{stored group: [invited, answered]}: the reporting nodes' counts added up where they were
    re-pooled. When every answer was deleted, the counts stay per reporting node (response rates)."""
    counts: dict[str, list[int]] = {}
    for node in sorted(invited.keys() | {n for n, c in answered.items() if c}):
        target = node if stored_at is None else stored_at.get(node, node)
        pair = counts.setdefault(target, [0, 0])
        pair[0] += invited.get(node, 0)
        pair[1] += answered.get(node, 0)
    return counts


def forget_who_answered(round: Round, stored_at: Mapping | None) -> None:
    """After close no table tells who answered: the participation rows go, and with them the used links'
    hashes; every invitation's link hash goes (a cleared one told who had answered), and so does the
    reminder time (it told who had not answered by then). An invitation names its person's stored
    group, for the employee's own results."""
    _secure_delete()
    Participation.objects.filter(round=round).delete()
    # Only the rows that hold either (an answered link's hash went as it was used).
    Invitation.objects.filter(round=round).filter(
        Q(token_hash__isnull=False) | Q(reminded_at__isnull=False)
    ).update(token_hash=None, reminded_at=None)
    for node, target in (stored_at or {}).items():
        if node != target:
            Invitation.objects.filter(round=round, reporting_node=node).update(reporting_node=target)


def hidden_in_earlier_rounds(round: Round) -> dict[str, int]:
    """Rule 3's tie-break: per node, in how many of the programme's earlier closed rounds it was hidden."""
    earlier = Round.objects.filter(
        programme_id=round.programme_id, status=Round.Status.CLOSED, number__lt=round.number
    ).values_list("tree", "counts", "shown_nodes", "k")
    return anonymity.times_hidden(
        (tree, {node: pair[1] for node, pair in counts.items()}, shown, k)
        for tree, counts, shown, k in earlier
        if tree and counts is not None and shown is not None and k
    )


@transaction.atomic
def close_round(
    round: Round,
    shown_nodes_fn: Callable[[Mapping, Mapping, int], Iterable[str]] | None = None,
    handed: Sequence[tuple[int, str, dict]] = (),
) -> Round:
    """Close an open round (docs/definitions.md "Anonymity rules" 6 and 4), in one transaction:

    1. re-pool the reporting nodes by respondents (kasam.metrics.anonymity.repool_by_respondents), so
       that every stored group has at least k respondents or is empty;
    2. open the sealed buffer and store every answer against its re-pooled node, in one random order –
       or delete them all when fewer than k answered in the whole round;
    3. replace the participation rows and link hashes by counts per stored group (`Round.counts`);
    4. decide once which nodes are shown (rules 2–3, with `shown_nodes_fn` if given, else
       kasam.metrics.anonymity.decide_shown_nodes with the tie-break of earlier hidden rounds);
    5. store the shown nodes' gated results (kasam.pulse.stored) and mark the pulse data changed for
       every worker's cache (kasam.core.generations).

    A closed round is returned as it is: never recomputed. A buffer that cannot be opened (SealError)
    fails the close and keeps every row. `handed`: answers submit_many kept out of the buffer in this
    transaction, stored with the buffer's."""
    locked = Round.objects.select_for_update().get(pk=round.pk)
    if locked.status == Round.Status.CLOSED:
        _copy_state(locked, round)
        return round
    if locked.status != Round.Status.OPEN:
        raise RoundStateError(f"round {locked.pk} is {locked.status}, not open")
    spool.drain(locked.pk, strict=True)  # answers that met a locked database are the round's too
    answered = {node: n for node, n in respondents_per_node(locked).items() if n}
    invited = invited_per_node(locked)
    stored_at = anonymity.repool_by_respondents(locked.tree, answered, locked.k)
    answers, texts = _waiting_rows(locked)
    for round_id, node, payload in handed:
        if round_id != locked.pk:
            raise ValueError(f"an answer handed to round {locked.pk} belongs to round {round_id}")
        _unpack(node, payload, answers, texts)
    store_repooled(locked, answers, texts, stored_at)
    forget_who_answered(locked, stored_at)
    locked.counts = counts_after_repooling(invited, answered, stored_at)
    respondents = {node: pair[1] for node, pair in locked.counts.items() if stored_at is not None}
    if shown_nodes_fn is not None:
        shown = shown_nodes_fn(locked.tree, respondents, locked.k)
    else:
        shown = anonymity.decide_shown_nodes(
            locked.tree, respondents, locked.k, hidden_before=hidden_in_earlier_rounds(locked)
        )
    locked.shown_nodes = sorted(shown)
    locked.status = Round.Status.CLOSED
    locked.save(update_fields=["shown_nodes", "counts", "status"])
    stored.store_round_results(locked)
    generations.bump("pulse")
    _copy_state(locked, round)
    return round


def _copy_state(source: Round, target: Round) -> None:
    for name in ("k", "tree", "statement_ids", "status", "shown_nodes", "counts", "results_stored"):
        setattr(target, name, getattr(source, name))

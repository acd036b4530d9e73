"""Every write of the pulse's tables (ADR 008): open, invite, submit, flush, close.

The answer side never learns who answered: `submit` writes the submission into a buffer (no person,
no token, no time) and, in the same transaction, the fact that the person answered (a date only) into
Participation. `flush_buffer` moves waiting submissions into Answer/FreeText once at least k wait (or
at close, all), one row per answer, in a random order, in one transaction, and deletes them from the
buffer – so no row's position, key or transaction tells which submission it came from. At close the
round's answers are written once more, all in one transaction and one random order, so that not even
the batches of the round remain visible.
"""

import secrets
from collections import Counter
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date

from django.conf import settings
from django.db import connection, transaction
from django.db.models import Count, Q

from kasam.core.dates import today
from kasam.metrics import anonymity
from kasam.org.models import Employment, Person, Unit
from kasam.pulse import rotation, sealing, tokens
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

# The shuffle of every flush. A CSPRNG, so that the order cannot be predicted from earlier orders;
# tests replace it with a seeded random.Random to make the order reproducible.
rng: secrets.SystemRandom = secrets.SystemRandom()

OPEN_KEY = "open"
BATCH_SIZE = 2000
DELETE_CHUNK = 500

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


@transaction.atomic
def open_round(round: Round, day: date | None = None) -> list[tuple[Invitation, str]]:
    """Open a planned round: freeze k, the tree and the statements (the rotation's, plus those tracked
    by health-plan activities running in the programme's units: kasam.plans.tracking), invite everyone
    due (select_invitees) and return the invitations with their raw tokens – the only moment the
    tokens exist; send them from this process, never through a stored queue."""
    from kasam.plans.tracking import tracked_statements

    locked = Round.objects.select_for_update().select_related("programme__root_unit").get(pk=round.pk)
    if locked.status != Round.Status.PLANNED:
        raise RoundStateError(f"round {locked.pk} is {locked.status}, not planned")
    if not locked.statement_ids:
        raise RoundStateError(f"round {locked.pk} has no statements")
    locked.k = pulse_k()
    locked.tree = tree_of(locked.programme)
    tracked = tracked_statements(locked.programme.root_unit, day or today(), already=locked.statement_ids)
    locked.statement_ids = rotation.add_tracking(locked.statement_ids, tracked)
    locked.status = Round.Status.OPEN
    locked.save(update_fields=["k", "tree", "statement_ids", "status"])
    _copy_state(locked, round)
    return invite(locked, select_invitees(locked.programme, day or today()), locked.k)


@transaction.atomic
def invite(
    round: Round, persons_with_units: Iterable[tuple[Person | str, str]], k: int
) -> list[tuple[Invitation, str]]:
    """Invite persons, each through one unit, to a round that has none yet. Every person's reporting node
    is fixed here: the nearest ancestor-or-self of the unit whose subtree has at least k invited
    (kasam.metrics.anonymity.assign_reporting_nodes, over the round's frozen tree). Only the tokens'
    keyed hashes are stored; the raw tokens are returned once."""
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
    issued = []
    for person_id, unit_id in pairs:
        token = tokens.new_token()
        invitation = Invitation(
            round=round,
            person_id=person_id,
            reporting_node=nodes[unit_id],
            token_hash=tokens.invitation_hash(token),
        )
        issued.append((invitation, token))
    Invitation.objects.bulk_create([invitation for invitation, _ in issued], batch_size=BATCH_SIZE)
    return issued


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
    "already_answered". On success one buffer row and one Participation row (the date only) are written
    in one transaction, the link's hash is cleared, and a flush is enqueued once it has committed.
    Open text is kept as the text it is: HTML in it is stored as characters and escaped when shown.
    """
    if not tokens.is_well_formed(raw_token):
        return SubmitResult(UNKNOWN_TOKEN)
    if not tokens.is_valid_idempotency_key(idempotency_key):
        return SubmitResult(INVALID, {"idempotency_key": MALFORMED})
    day = day or today()
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
        Submission.objects.create(
            round_id=invitation.round_id,
            reporting_node=invitation.reporting_node,
            sealed_payload=sealing.seal(payload, invitation.round_id, invitation.reporting_node),
            idempotency_hash=tokens.keyed_hash(tokens.BUFFER_RETRY, raw_token, idempotency_key),
        )
        Participation.objects.create(
            round_id=invitation.round_id,
            person_id=invitation.person_id,
            answered_on=day,
            link_hash=tokens.keyed_hash(tokens.USED_LINK, raw_token),
            idempotency_hash=tokens.keyed_hash(tokens.PARTICIPATION_RETRY, raw_token, idempotency_key),
        )
        invitation.token_hash = None
        invitation.save(update_fields=["token_hash"])
        from kasam.pulse.tasks import enqueue_flush

        enqueue_flush(invitation.round_id)
    return SubmitResult(STORED)


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


# ----------------------------------------------------------------------------------- the buffer


def flush_buffer(round: Round, k: int, at_close: bool = False) -> int:
    """Move the round's waiting submissions into Answer and FreeText when at least k wait (at close:
    all), and return how many moved (0 when they keep waiting).

    Every answer becomes its own row, and all rows of the batch – of every submission and statement –
    are inserted in one random order (`rng`), with random keys, in one transaction that also deletes
    the buffer rows. Flushes of one round are serialised by a lock on the round."""
    waiting = Submission.objects.filter(round_id=round.pk)
    if not at_close and waiting.count() < k:
        return 0
    with transaction.atomic():
        list(Round.objects.select_for_update().filter(pk=round.pk).values_list("pk", flat=True))
        batch = list(waiting.values_list("id", "reporting_node", "sealed_payload"))
        if not batch or (not at_close and len(batch) < k):
            return 0
        answers, texts = [], []
        for _id, reporting_node, sealed in batch:
            for key, value in sealing.unseal(sealed, round.pk, reporting_node).items():
                if key == OPEN_KEY:
                    texts.append(FreeText(round_id=round.pk, reporting_node=reporting_node, text=value))
                else:
                    answers.append(
                        Answer(
                            round_id=round.pk, reporting_node=reporting_node, statement_id=key, value=value
                        )
                    )
        _insert_shuffled(answers, texts)
        _secure_delete()
        ids = [row[0] for row in batch]
        for start in range(0, len(ids), DELETE_CHUNK):
            Submission.objects.filter(id__in=ids[start : start + DELETE_CHUNK]).delete()
    return len(batch)


def _insert_shuffled(answers: list[Answer], texts: list[FreeText]) -> None:
    rng.shuffle(answers)
    rng.shuffle(texts)
    Answer.objects.bulk_create(answers, batch_size=BATCH_SIZE)
    FreeText.objects.bulk_create(texts, batch_size=BATCH_SIZE)


def _secure_delete() -> None:
    """SQLite overwrites deleted content with zeros instead of leaving it in free pages (the WAL keeps
    its copies until a checkpoint: ADR 008). PostgreSQL has no such switch; VACUUM reclaims."""
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA secure_delete = ON")


def _rewrite_round(round: Round) -> None:
    """Write all the round's answers and comments again, in one new random order with new keys, in the
    current transaction: after close no trace of the round's flush batches remains in the rows' order,
    keys or transaction ids."""
    answers = [
        Answer(round_id=round.pk, reporting_node=node, statement_id=statement_id, value=value)
        for node, statement_id, value in Answer.objects.filter(round=round).values_list(
            "reporting_node", "statement_id", "value"
        )
    ]
    texts = [
        FreeText(round_id=round.pk, reporting_node=node, text=text)
        for node, text in FreeText.objects.filter(round=round).values_list("reporting_node", "text")
    ]
    _secure_delete()
    Answer.objects.filter(round=round).delete()
    FreeText.objects.filter(round=round).delete()
    _insert_shuffled(answers, texts)


# ------------------------------------------------------------------------------------------- closing


def respondents_per_node(round: Round) -> dict[str, int]:
    """Respondents of the round per reporting node (every node of the frozen tree, 0 when none): the
    participations counted by their invitations' reporting nodes."""
    answered = Participation.objects.filter(round=round).values("person_id")
    counts = dict(
        Invitation.objects.filter(round=round, person_id__in=answered)
        .values_list("reporting_node")
        .annotate(n=Count("id"))
        .order_by()
    )
    return {node: counts.get(node, 0) for node in round.tree} | counts


def frozen_counts(round: Round) -> dict[str, list[int]]:
    """{reporting node: [invited, answered]} of the round, as stored at close."""
    from kasam.pulse.results import per_node_counts

    answered, invited = per_node_counts([round.pk]).get(round.pk, ({}, {}))
    return {node: [n, answered.get(node, 0)] for node, n in invited.items()}


@transaction.atomic
def close_round(
    round: Round, shown_nodes_fn: Callable[[Mapping, Mapping, int], Iterable[str]] | None = None
) -> Round:
    """Close an open round: flush every waiting submission, rewrite the round's answers in one random
    order, and decide once which nodes are shown (DOMAIN.md "Anonymity" 4) with `shown_nodes_fn`
    (default kasam.metrics.anonymity.decide_shown_nodes) over the frozen tree, the respondents per
    reporting node and the frozen k. A closed round is returned as it is: never recomputed."""
    locked = Round.objects.select_for_update().get(pk=round.pk)
    if locked.status == Round.Status.CLOSED:
        _copy_state(locked, round)
        return round
    if locked.status != Round.Status.OPEN:
        raise RoundStateError(f"round {locked.pk} is {locked.status}, not open")
    decide = shown_nodes_fn or getattr(anonymity, "decide_shown_nodes", None)
    if decide is None:
        raise RoundStateError("no function decides the shown nodes")
    flush_buffer(locked, locked.k, at_close=True)
    _rewrite_round(locked)
    locked.shown_nodes = sorted(decide(locked.tree, respondents_per_node(locked), locked.k))
    locked.counts = frozen_counts(locked)
    locked.status = Round.Status.CLOSED
    locked.save(update_fields=["shown_nodes", "counts", "status"])
    _copy_state(locked, round)
    return round


def _copy_state(source: Round, target: Round) -> None:
    for name in ("k", "tree", "statement_ids", "status", "shown_nodes", "counts"):
        setattr(target, name, getattr(source, name))

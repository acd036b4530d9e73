"""Submitting a pulse at the storage level (what it must store, and bad input; ADR 008): each outcome
of kasam.pulse.actions.submit, and that nothing is stored twice and nothing lost."""

import hashlib
import hmac
import threading
from datetime import date

import pytest
from django.db import connection

from kasam.org.models import Employment, Person, Unit
from kasam.org.tree import compute_paths
from kasam.pulse import actions, tokens
from kasam.pulse.models import Answer, FreeText, Invitation, Participation, Programme, Round, Submission

K = 5
STATEMENTS = ["s1", "s2", "s3"]
OPENS, CLOSES = date(2026, 11, 23), date(2026, 11, 29)  # the test "today" is 2026-11-25
UNITS = {"R": None, "A": "R", "B": "R", "B1": "B"}
STAFF = {"A": 8, "B": 4, "B1": 3}
GOOD = {"s1": 4, "s2": 5, "s3": 3}


@pytest.fixture(autouse=True)
def _pulse_settings(settings):
    settings.KASAM_PULSE_K = K
    settings.KASAM_TOKEN_KEY = "test-token-key"


def build_round(statements=STATEMENTS):
    """An open round over R (A: 8 staff, B: 4, B1: 3); returns it and {person id: raw token}."""
    paths = compute_paths(UNITS)
    for unit_id, parent in UNITS.items():
        Unit.objects.create(id=unit_id, parent_id=parent, name=unit_id, kind="unit", path=paths[unit_id])
    number = 0
    for unit_id, count in STAFF.items():
        for _ in range(count):
            number += 1
            person = Person.objects.create(id=f"X{number:03d}", birth_year=1980)
            Employment.objects.create(
                person=person, unit_id=unit_id, start_date=date(2020, 1, 1), rate=100, pay="monthly"
            )
    programme = Programme.objects.create(name="Puls", root_unit_id="R")
    round = Round.objects.create(
        programme=programme, number=1, opens_on=OPENS, closes_on=CLOSES, statement_ids=statements
    )
    issued = actions.open_round(round)
    return round, {invitation.person_id: token for invitation, token in issued}


def counts():
    return {
        "buffer": Submission.objects.count(),
        "participations": Participation.objects.count(),
        "answers": Answer.objects.count(),
        "texts": FreeText.objects.count(),
    }


NOTHING = {"buffer": 0, "participations": 0, "answers": 0, "texts": 0}


@pytest.fixture
def pulse(db):
    return build_round()


def test_a_submission_is_buffered_with_a_participation_of_the_date_only(pulse):
    round, links = pulse
    token = links["X001"]
    result = actions.submit(token, GOOD, "Bra kollegor", "key-00000001")
    assert result.outcome == actions.STORED and not result.repeated
    assert counts() == {"buffer": 1, "participations": 1, "answers": 0, "texts": 0}
    participation = Participation.objects.get()
    assert (participation.person_id, participation.answered_on) == ("X001", date(2026, 11, 25))
    buffered = Submission.objects.get()
    assert buffered.payload == {"s1": 4, "s2": 5, "s3": 3, "open": "Bra kollegor"}
    assert buffered.reporting_node == "A"
    # The used link's hash is cleared: it can never open the invitation again.
    assert Invitation.objects.get(person_id="X001").token_hash is None


def test_the_same_submission_twice_is_stored_once(pulse):
    round, links = pulse
    first = actions.submit(links["X001"], GOOD, "Hej", "retry-key-1")
    again = actions.submit(links["X001"], GOOD, "Hej", "retry-key-1")
    assert first.outcome == again.outcome == actions.STORED
    assert again.repeated
    assert counts() == {"buffer": 1, "participations": 1, "answers": 0, "texts": 0}
    actions.close_round(round, lambda *args: [])
    # One respondent, fewer than k: the round's answers are deleted at close, the participation too.
    assert counts() == NOTHING


def test_a_used_link_says_already_answered_and_stores_nothing(pulse):
    _round, links = pulse
    actions.submit(links["X001"], GOOD, None, "first-submission")
    before = counts()
    result = actions.submit(links["X001"], {"s1": 1, "s2": 1, "s3": 1}, "andra", "second-submission")
    assert result.outcome == actions.ALREADY_ANSWERED
    assert counts() == before
    assert Submission.objects.get().payload == GOOD


def test_an_expired_link_and_an_answer_after_close(pulse):
    round, links = pulse
    assert actions.submit(links["X001"], GOOD, None, "late-key-01", day=date(2026, 11, 30)).outcome == (
        actions.EXPIRED
    )
    assert Invitation.objects.get(person_id="X003").token_hash == tokens.invitation_hash(links["X003"])
    actions.close_round(round, lambda *args: [])
    # At close every link's hash goes (a cleared one told who had answered): the link is unknown.
    assert actions.submit(links["X002"], GOOD, None, "after-close").outcome == actions.UNKNOWN_TOKEN
    assert counts() == NOTHING
    assert not Invitation.objects.filter(token_hash__isnull=False).exists()


def test_a_link_before_its_round_opens(db):
    round, links = build_round()
    result = actions.submit(links["X001"], GOOD, None, "early-key-1", day=date(2026, 11, 22))
    assert result.outcome == actions.NOT_OPEN
    assert counts() == NOTHING
    assert actions.submit(links["X001"], GOOD, None, "early-key-1").outcome == actions.STORED


@pytest.mark.parametrize(
    "token",
    [
        "Zm9yZ2VkLXRva2VuLXRoYXQtd2FzLW5ldmVyLWlzc3V",  # forged: well formed, never issued
        "",
        "short",
        "a" * 42,
        "a" * 44,
        "a" * 10_000,
        "../../etc/passwd" + "a" * 27,
        "' OR 1=1 --" + "a" * 32,
        None,
        12345,
    ],
    ids=["forged", "empty", "short", "42", "44", "huge", "path", "sql", "none", "number"],
)
def test_forged_and_malformed_tokens_are_unknown(pulse, token):
    assert actions.submit(token, GOOD, None, "some-key-1").outcome == actions.UNKNOWN_TOKEN
    assert counts() == NOTHING


def test_a_foreign_token_is_unknown(pulse, settings):
    """A token whose hash was made under another key (another installation) opens nothing here."""
    _round, links = pulse
    settings.KASAM_TOKEN_KEY = "another-installation"
    assert actions.submit(links["X001"], GOOD, None, "foreign-key").outcome == actions.UNKNOWN_TOKEN
    assert counts() == NOTHING


@pytest.mark.parametrize(
    ("answers", "errors"),
    [
        ({"s1": 0, "s2": 5, "s3": 3}, {"s1": actions.OUT_OF_SCALE}),
        ({"s1": 6, "s2": 5, "s3": 3}, {"s1": actions.OUT_OF_SCALE}),
        (
            {"s1": -1, "s2": "6", "s3": 3.5},
            {"s1": "out_of_scale", "s2": "out_of_scale", "s3": "out_of_scale"},
        ),
        ({"s1": True, "s2": None, "s3": "3"}, {"s1": "out_of_scale", "s2": "out_of_scale"}),
        ({"s1": 4, "s2": 5, "s3": 3, "s9": 2}, {"s9": actions.UNKNOWN_STATEMENT}),
        ({"s1": 4, "s2": 5}, {"s3": actions.MISSING}),
        ({}, {"s1": "missing", "s2": "missing", "s3": "missing"}),
    ],
)
def test_bad_answers_are_refused_with_field_errors_and_nothing_stored(pulse, answers, errors):
    _round, links = pulse
    result = actions.submit(links["X001"], answers, None, "bad-answers")
    assert result.outcome == actions.INVALID
    assert result.errors == errors
    assert counts() == NOTHING
    # The link still works for a corrected submission.
    assert actions.submit(links["X001"], GOOD, None, "bad-answers").outcome == actions.STORED


def test_open_text_is_limited_to_1000_characters(pulse):
    _round, links = pulse
    result = actions.submit(links["X001"], GOOD, "x" * 1001, "long-text-1")
    assert (result.outcome, result.errors) == (actions.INVALID, {"open": actions.TOO_LONG})
    assert counts() == NOTHING
    # Line breaks count once, as the browser counts them; NUL characters are dropped.
    text = "x" * 998 + "\r\n" + "y\0"
    assert actions.submit(links["X001"], GOOD, text, "long-text-1").outcome == actions.STORED
    assert Submission.objects.get().payload["open"] == "x" * 998 + "\ny"


def test_a_malformed_idempotency_key_is_invalid(pulse):
    _round, links = pulse
    for key in ["", "short", "x" * 101, "spaces are not allowed", None]:
        result = actions.submit(links["X001"], GOOD, None, key)
        assert (result.outcome, result.errors) == (actions.INVALID, {"idempotency_key": actions.MALFORMED})
    assert counts() == NOTHING


def test_html_in_open_text_is_stored_as_text(pulse):
    """Stored as the characters written; templates escape it when shown (never marked safe)."""
    round, links = pulse
    script = '<script>alert("x")</script><b>bra</b>'
    assert actions.submit(links["X001"], GOOD, script, "html-text-1").outcome == actions.STORED
    for person in ("X002", "X003", "X004", "X005"):  # k respondents, so that the answers are kept
        assert actions.submit(links[person], GOOD, None, f"html-text-{person}").outcome == actions.STORED
    actions.close_round(round, lambda *args: [])
    assert FreeText.objects.get().text == script


def test_none_stored_twice_none_lost(pulse):
    """A mix of good, repeated, refused and late submissions: after close exactly one set of answers
    per person who answered, and one comment per non-empty open answer."""
    round, links = pulse
    people = sorted(links)
    answered = []
    for number, person in enumerate(people[:12]):
        values = {"s1": number % 5 + 1, "s2": (number + 1) % 5 + 1, "s3": (number + 2) % 5 + 1}
        text = f"kommentar {number}" if number % 3 else ""
        key = f"key-{person}"
        actions.submit(links[person], {**values, "s1": 7}, text, key)  # refused
        assert actions.submit(links[person], values, text, key).outcome == actions.STORED
        assert actions.submit(links[person], values, text, key).outcome == actions.STORED  # retry
        assert actions.submit(links[person], values, text, key + "-2").outcome == actions.ALREADY_ANSWERED
        answered.append((values, text))
    late = people[12]
    assert (
        actions.submit(links[late], GOOD, None, "late-one", day=date(2026, 12, 1)).outcome == actions.EXPIRED
    )
    actions.close_round(round, lambda *args: [])
    assert counts() == {"buffer": 0, "participations": 0, "answers": 36, "texts": 8}
    for statement in STATEMENTS:
        stored = sorted(Answer.objects.filter(statement_id=statement).values_list("value", flat=True))
        assert stored == sorted(values[statement] for values, _ in answered)
    assert sorted(FreeText.objects.values_list("text", flat=True)) == sorted(t for _, t in answered if t)


def test_the_token_hash_is_keyed_and_the_token_is_never_stored(pulse, settings):
    round, links = pulse
    token = links["X001"]
    stored = Invitation.objects.get(person_id="X001").token_hash
    assert stored != hashlib.sha256(token.encode()).hexdigest()
    key = b"test-token-key"
    assert stored == hmac.new(key, f"invitation\0{token}".encode(), hashlib.sha256).hexdigest()
    # Another key: every outstanding link becomes unknown.
    settings.KASAM_TOKEN_KEY = "rotated"
    assert actions.submit(token, GOOD, None, "rotated-key").outcome == actions.UNKNOWN_TOKEN
    settings.KASAM_TOKEN_KEY = "test-token-key"
    assert actions.submit(token, GOOD, None, "rotated-key").outcome == actions.STORED


def test_without_a_configured_key_the_key_derives_from_the_secret_key(pulse, settings):
    _round, links = pulse
    settings.KASAM_TOKEN_KEY = ""
    derived = tokens.invitation_hash(links["X001"])
    settings.SECRET_KEY = "another-secret-key-" + "x" * 40
    assert tokens.invitation_hash(links["X001"]) != derived
    assert derived != Invitation.objects.get(person_id="X001").token_hash


def test_a_reissued_link_replaces_the_old_one(pulse):
    _round, links = pulse
    invitation = Invitation.objects.get(person_id="X001")
    new = actions.reissue_token(invitation)
    assert new and new != links["X001"]
    assert actions.submit(links["X001"], GOOD, None, "old-link-1").outcome == actions.UNKNOWN_TOKEN
    assert actions.submit(new, GOOD, None, "new-link-1").outcome == actions.STORED
    assert actions.reissue_token(invitation) is None  # answered: no new link


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif("connection.vendor != 'postgresql'", reason="concurrent writers need PostgreSQL")
def test_concurrent_double_submissions_store_one_set():
    """The same link submitted from eight threads at once – half a retry of one submission, half
    others – stores exactly one set of answers."""
    round, links = build_round()
    token = links["X001"]
    barrier = threading.Barrier(8)
    outcomes = []

    def send(number):
        try:
            barrier.wait()
            key = "same-key-1" if number % 2 == 0 else f"other-key-{number}"
            outcomes.append((key, actions.submit(token, GOOD, None, key).outcome))
        finally:
            connection.close()

    threads = [threading.Thread(target=send, args=(n,)) for n in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert counts() == {"buffer": 1, "participations": 1, "answers": 0, "texts": 0}
    stored = [key for key, outcome in outcomes if outcome == actions.STORED]
    assert len(set(stored)) == 1 and len(outcomes) == 8
    assert all(outcome in {actions.STORED, actions.ALREADY_ANSWERED} for _, outcome in outcomes)


# ---------------------------------------------------------------------- many at once (submit_many)


def test_many_at_once_are_stored_as_one_by_one(pulse):
    round, links = pulse
    day = date(2026, 11, 24)
    batch = [
        actions.Submitted(
            links[person], GOOD, "Bra kollegor" if person == "X001" else None, f"key-{person}", day
        )
        for person in ("X001", "X002", "X009", "X013")
    ]
    results = actions.submit_many(batch)
    assert [result.outcome for result in results] == [actions.STORED] * 4
    assert counts() == {"buffer": 4, "participations": 4, "answers": 0, "texts": 0}
    # As submit stores them: sealed and padded in the buffer, the date only, the links used up.
    assert {row.payload["s1"] for row in Submission.objects.all()} == {4}
    assert {len(row.sealed_payload) for row in Submission.objects.all()} == {
        len(Submission.objects.first().sealed_payload)
    }
    assert sorted(Submission.objects.values_list("reporting_node", flat=True)) == ["A", "A", "B", "B"]
    assert set(Participation.objects.values_list("person_id", "answered_on")) == {
        ("X001", day),
        ("X002", day),
        ("X009", day),
        ("X013", day),
    }
    assert Invitation.objects.filter(token_hash__isnull=True).count() == 4
    # A retry of a stored submission is "stored" again, another one over a used link is refused.
    again = actions.submit_many([batch[0], actions.Submitted(links["X002"], GOOD, None, "other-key", day)])
    assert [(result.outcome, result.repeated) for result in again] == [
        (actions.STORED, True),
        (actions.ALREADY_ANSWERED, False),
    ]
    assert counts()["buffer"] == 4


def test_many_at_once_refuse_what_one_by_one_refuses(pulse):
    round, links = pulse
    results = actions.submit_many(
        [
            actions.Submitted("not-a-token", GOOD, None, "key-00000001", date(2026, 11, 24)),
            actions.Submitted(links["X001"], GOOD, None, "bad key", date(2026, 11, 24)),
            actions.Submitted(links["X002"], {"s1": 9}, None, "key-00000002", date(2026, 11, 24)),
            actions.Submitted(links["X003"], GOOD, None, "key-00000003", date(2026, 11, 30)),
            actions.Submitted(links["X004"], GOOD, None, "key-00000004", date(2026, 11, 22)),
            actions.Submitted(links["X005"], GOOD, None, "key-00000005", date(2026, 11, 24)),
            actions.Submitted(links["X005"], GOOD, None, "key-00000006", date(2026, 11, 24)),
        ]
    )
    assert [result.outcome for result in results] == [
        actions.UNKNOWN_TOKEN,
        actions.INVALID,
        actions.INVALID,
        actions.EXPIRED,
        actions.NOT_OPEN,
        actions.STORED,
        actions.ALREADY_ANSWERED,  # the same link twice in the batch: answered once
    ]
    assert counts() == {"buffer": 1, "participations": 1, "answers": 0, "texts": 0}
    # The refused links still work.
    assert actions.submit(links["X002"], GOOD, None, "key-00000007").outcome == actions.STORED


def test_many_at_once_go_through_the_close_as_one_by_one(pulse):
    round, links = pulse
    day = date(2026, 11, 24)
    actions.submit_many(
        [actions.Submitted(token, GOOD, "Tack!", f"key-{person}", day) for person, token in links.items()]
    )
    actions.close_round(round)
    # The close opens the buffer, re-pools and forgets who answered (ADR 008), as after submit().
    assert counts() == {"buffer": 0, "participations": 0, "answers": 3 * len(links), "texts": len(links)}
    round.refresh_from_db()
    assert round.status == Round.Status.CLOSED and round.counts == {"A": [8, 8], "B": [7, 7]}
    assert sorted(Answer.objects.values_list("value", flat=True).distinct()) == [3, 4, 5]


def test_answers_handed_to_the_close_are_stored_as_the_buffers(pulse):
    """A round answered and closed in one transaction (the demo's past rounds): the payloads go from
    submit_many to close_round without the buffer, and the close stores what it stores from the buffer."""
    round, links = pulse
    day = date(2026, 11, 24)
    batch = [
        actions.Submitted(token, {"s1": 4, "s2": 5, "s3": n % 5 + 1}, f"Text {n}", f"key-{person}", day)
        for n, (person, token) in enumerate(sorted(links.items()))
    ]
    handed = []
    assert {r.outcome for r in actions.submit_many(batch, handed=handed)} == {actions.STORED}
    assert counts() == {"buffer": 0, "participations": len(links), "answers": 0, "texts": 0}
    assert len(handed) == len(links) and {round_id for round_id, _, _ in handed} == {round.pk}
    with pytest.raises(ValueError, match="belongs to round"):
        actions.close_round(round, handed=[(round.pk + 1, "A", {"s1": 4})])
    actions.close_round(round, handed=handed)
    assert counts() == {"buffer": 0, "participations": 0, "answers": 3 * len(links), "texts": len(links)}
    round.refresh_from_db()
    assert round.counts == {"A": [8, 8], "B": [7, 7]}
    assert sorted(Answer.objects.values_list("reporting_node", "statement_id", "value")) == sorted(
        (node, statement, value)
        for _, node, payload in handed
        for statement, value in payload.items()
        if statement != "open"
    )
    assert sorted(FreeText.objects.values_list("text", flat=True)) == sorted(f"Text {n}" for n in range(15))

"""Buffered submissions are sealed: a reader of the database cannot read what waits in the buffer, a
sealed payload cannot be moved to another row, and a changed key fails loudly instead of losing answers."""

import base64

import pytest
from test_submission import GOOD, pulse  # noqa: F401 - the fixture

from kasam.pulse import actions, sealing
from kasam.pulse.models import Answer, Round, Submission


def test_seal_and_unseal_round_trip_with_fresh_nonces(settings):
    settings.KASAM_TOKEN_KEY = "k1"
    payload = {"s1": 4, "open": "Bra kollegor, tack Åsa"}
    (first, key_id), (second, _) = sealing.seal(payload, 7, "A"), sealing.seal(payload, 7, "A")
    assert first != second  # a fresh nonce each time: equal answers give unequal rows
    assert sealing.unseal(first, 7, "A", key_id) == payload == sealing.unseal(second, 7, "A", key_id)


def test_every_sealed_payload_has_one_size_and_names_its_key(settings):
    settings.KASAM_TOKEN_KEY = "k1"
    short, key_id = sealing.seal({"s1": 4}, 7, "A")
    long, _ = sealing.seal({"s1": 4, "open": "å" * 1000}, 7, "A")
    assert len(short) == len(long)
    assert key_id == sealing.current_key_id() and len(key_id) == sealing.KEY_ID_CHARS
    settings.KASAM_TOKEN_KEY = "k2"
    assert sealing.current_key_id() != key_id
    with pytest.raises(sealing.SealError):
        sealing.unseal(short, 7, "A", key_id)


def test_the_key_can_come_from_a_file_outside_the_database(settings, tmp_path):
    settings.KASAM_TOKEN_KEY = "k1"
    derived = sealing.current_key_id()
    key_file = tmp_path / "pulse-seal.key"
    key_file.write_text("0123456789abcdef" * 4)
    settings.KASAM_PULSE_SEAL_KEY_FILE = str(key_file)
    sealed, key_id = sealing.seal({"s1": 2}, 7, "A")
    assert key_id != derived
    settings.KASAM_TOKEN_KEY = "changed"  # the token key no longer matters
    assert sealing.unseal(sealed, 7, "A", key_id) == {"s1": 2}


@pytest.mark.parametrize(("round_id", "node"), [(8, "A"), (7, "B")])
def test_a_sealed_payload_opens_only_in_its_own_row(settings, round_id, node):
    settings.KASAM_TOKEN_KEY = "k1"
    sealed, key_id = sealing.seal({"s1": 4}, 7, "A")
    with pytest.raises(sealing.SealError):
        sealing.unseal(sealed, round_id, node, key_id)


def test_a_tampered_or_garbled_payload_does_not_open(settings):
    settings.KASAM_TOKEN_KEY = "k1"
    sealed, key_id = sealing.seal({"s1": 4}, 7, "A")
    flipped = sealed[:20] + ("A" if sealed[20] != "A" else "B") + sealed[21:]
    for bad in (flipped, "not base64!", ""):
        with pytest.raises(sealing.SealError):
            sealing.unseal(bad, 7, "A", key_id)


def test_the_buffer_holds_no_readable_answer(pulse):  # noqa: F811
    _round, links = pulse
    comment = "Bra kollegor och god stämning"
    assert actions.submit(links["X001"], GOOD, comment, "key-00000001").outcome == actions.STORED
    row = Submission.objects.values().get()
    raw = base64.urlsafe_b64decode(row["sealed_payload"])
    assert b"kollegor" not in raw and b'"s1"' not in raw
    assert "kollegor" not in " ".join(str(value) for value in row.values())
    assert Submission.objects.get().payload == {**GOOD, "open": comment}


def test_a_changed_key_fails_the_close_and_keeps_every_submission(pulse, settings):  # noqa: F811
    round, links = pulse
    assert actions.submit(links["X001"], GOOD, "", "key-00000001").outcome == actions.STORED
    key = settings.KASAM_TOKEN_KEY
    settings.KASAM_TOKEN_KEY = "another-key"
    with pytest.raises(sealing.SealError):
        actions.close_round(round)
    assert Submission.objects.count() == 1 and Answer.objects.count() == 0
    assert Round.objects.get(pk=round.pk).status == Round.Status.OPEN
    settings.KASAM_TOKEN_KEY = key
    actions.close_round(round)
    # Opened and moved: one respondent is fewer than k, so the answers are then deleted, not lost.
    assert Answer.objects.count() == 0 and Submission.objects.count() == 0

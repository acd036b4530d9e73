"""Buffered submissions are sealed: a reader of the database cannot read what waits in the buffer, a
sealed payload cannot be moved to another row, and a changed key fails loudly instead of losing answers."""

import pytest
from test_submission import GOOD, pulse  # noqa: F401 - the fixture

from kasam.pulse import actions, sealing
from kasam.pulse.models import Answer, Round, Submission


def test_seal_and_unseal_round_trip_with_fresh_nonces(settings):
    settings.KASAM_TOKEN_KEY = "k1"
    payload = {"s1": 4, "open": "Bra kollegor, tack Åsa"}
    first, second = sealing.seal(payload, 7, "A"), sealing.seal(payload, 7, "A")
    assert first != second  # a fresh nonce each time: equal answers give unequal rows
    assert sealing.unseal(first, 7, "A") == payload == sealing.unseal(second, 7, "A")


@pytest.mark.parametrize(("round_id", "node"), [(8, "A"), (7, "B")])
def test_a_sealed_payload_opens_only_in_its_own_row(settings, round_id, node):
    settings.KASAM_TOKEN_KEY = "k1"
    sealed = sealing.seal({"s1": 4}, 7, "A")
    with pytest.raises(sealing.SealError):
        sealing.unseal(sealed, round_id, node)


def test_a_tampered_or_garbled_payload_does_not_open(settings):
    settings.KASAM_TOKEN_KEY = "k1"
    sealed = sealing.seal({"s1": 4}, 7, "A")
    flipped = sealed[:20] + ("A" if sealed[20] != "A" else "B") + sealed[21:]
    for bad in (flipped, "not base64!", ""):
        with pytest.raises(sealing.SealError):
            sealing.unseal(bad, 7, "A")


def test_the_buffer_holds_no_readable_answer(pulse):  # noqa: F811
    _round, links = pulse
    comment = "Bra kollegor och god stämning"
    assert actions.submit(links["X001"], GOOD, comment, "key-00000001").outcome == actions.STORED
    row = Submission.objects.values().get()
    stored = " ".join(str(value) for value in row.values())
    assert "kollegor" not in stored and '"s1"' not in stored and "s1" not in stored
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
    assert Answer.objects.count() == len(GOOD) and Submission.objects.count() == 0

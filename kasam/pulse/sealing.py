"""Sealing a buffered submission's answers (ADR 008, "the buffer while it waits").

A submission waits in the buffer in the same transaction as its participation row, so a reader of the
database who catches the buffer non-empty could pair the two by transaction id or insertion order. The
answers are therefore stored sealed: AES-256-GCM (`cryptography`) under a key derived from the token
key for this one purpose, which lives in the application's settings, not in the database. The round and
reporting node are bound in as associated data, so a sealed payload cannot be moved to another row.

A payload that cannot be opened (the key was changed while submissions waited) raises: the flush or
the close fails loudly and keeps the rows, rather than dropping answers. Change KASAM_TOKEN_KEY (or
SECRET_KEY while it is empty) only when no round is open."""

import base64
import hashlib
import hmac
import json
import os

from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from kasam.pulse.tokens import token_key

NONCE_BYTES = 12


class SealError(Exception):
    """A buffered payload could not be opened with the current key."""


def _aead() -> AESGCM:
    return AESGCM(hmac.new(token_key(), b"kasam.pulse.buffer-seal", hashlib.sha256).digest())


def _bound(round_id: int, reporting_node: str) -> bytes:
    return f"{round_id}\0{reporting_node}".encode()


def seal(payload: dict, round_id: int, reporting_node: str) -> str:
    """The payload as URL-safe base64 of nonce ‖ ciphertext ‖ tag."""
    nonce = os.urandom(NONCE_BYTES)
    plain = json.dumps(payload, ensure_ascii=False, separators=(",", ":")).encode()
    sealed = _aead().encrypt(nonce, plain, _bound(round_id, reporting_node))
    return base64.urlsafe_b64encode(nonce + sealed).decode()


def unseal(sealed: str, round_id: int, reporting_node: str) -> dict:
    """The payload back; SealError when the key or the row does not match."""
    try:
        raw = base64.urlsafe_b64decode(sealed.encode())
        plain = _aead().decrypt(raw[:NONCE_BYTES], raw[NONCE_BYTES:], _bound(round_id, reporting_node))
    except Exception as error:  # InvalidTag, bad base64, truncated data: all mean "cannot open"
        raise SealError(f"a buffered submission of round {round_id} cannot be opened") from error
    return json.loads(plain)

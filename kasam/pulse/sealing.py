"""Sealing a buffered submission's answers (docs/definitions.md "Anonymity rules" 6; ADR 008).

A submission waits in the buffer until its round closes, written in the same transaction as its
participation row, so a reader of the database can pair the two by transaction id or insertion order.
The answers are therefore stored sealed: AES-256-GCM (`cryptography`) under a key that is not in the
database, with the round and reporting node bound in as associated data (a sealed payload cannot be
moved to another row). Every payload is padded to one fixed size before sealing, so that the length of
a sealed row says nothing about its free text; every row names its key id, so that keys can be rotated
(a row names the key it needs; a key that is not configured any more fails loudly).

The key: the file named by `KASAM_PULSE_SEAL_KEY_FILE` (a setting, or the environment variable of that
name) – created at install outside the database and its data directory, readable only by the service
user, backed up apart from the database; its content is at least 32 bytes of secret (e.g. 64 hex
digits from `openssl rand -hex 32`), and the AES key is derived from it with HMAC-SHA256 for this one
purpose. Without the file the key is derived from the token key (`KASAM_TOKEN_KEY`, else SECRET_KEY),
which also lives outside the database, in the service's settings.

A payload that cannot be opened raises: the close fails loudly and keeps the rows, rather than dropping
answers. Keep the old key file until every round that was open under it has closed.
"""

import base64
import functools
import hashlib
import hmac
import json
import os
from pathlib import Path

from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from django.conf import settings

from kasam.pulse.tokens import token_key

NONCE_BYTES = 12
# The padded plaintext: a 4-byte length, the JSON, zeros. 8 KiB holds 20 statements and an open text of
# 1,000 characters even if every one of them is escaped in JSON (6 bytes each).
PADDED_BYTES = 8192
LENGTH_BYTES = 4
KEY_ID_CHARS = 16
PURPOSE = b"kasam.pulse.buffer-seal"
# The spool (kasam.pulse.spool) holds a submission with its hashes: twice the buffer's room.
SPOOL_PADDED_BYTES = 16384
SPOOL_PURPOSE = b"kasam.pulse.spool"


class SealError(Exception):
    """A buffered payload could not be opened with the configured key."""


def key_file() -> str:
    return getattr(settings, "KASAM_PULSE_SEAL_KEY_FILE", "") or os.environ.get(
        "KASAM_PULSE_SEAL_KEY_FILE", ""
    )


def _secret() -> bytes:
    path = key_file()
    if not path:
        return token_key()
    secret = Path(path).read_bytes().strip()
    if len(secret) < 32:
        raise SealError(f"the seal key file {path} holds fewer than 32 bytes")
    return secret


def _key() -> bytes:
    return _derived(_secret())[0]


@functools.lru_cache(maxsize=4)
def _derived(secret: bytes) -> tuple[bytes, str, AESGCM]:
    """The AES key, its id and its cipher for a secret: derived once per secret, not per row (a large
    close opens tens of thousands of rows); a changed key file is read and derived anew."""
    key = hmac.new(secret, PURPOSE, hashlib.sha256).digest()
    return key, hmac.new(key, b"key-id", hashlib.sha256).hexdigest()[:KEY_ID_CHARS], AESGCM(key)


def current_key_id() -> str:
    """A name of the key that does not reveal it: a hash of the key under its own purpose."""
    return _derived(_secret())[1]


def _bound(round_id: int, reporting_node: str) -> bytes:
    return f"{round_id}\0{reporting_node}".encode()


def seal(payload: dict, round_id: int, reporting_node: str) -> tuple[str, str]:
    """(sealed payload, key id): URL-safe base64 of nonce ‖ ciphertext ‖ tag of the padded JSON."""
    plain = json.dumps(payload, ensure_ascii=False, separators=(",", ":")).encode()
    if len(plain) > PADDED_BYTES - LENGTH_BYTES:
        raise ValueError("a pulse submission is larger than the sealed size")
    padded = len(plain).to_bytes(LENGTH_BYTES, "big") + plain
    padded += bytes(PADDED_BYTES - len(padded))
    nonce = os.urandom(NONCE_BYTES)
    _, key_id, cipher = _derived(_secret())
    sealed = cipher.encrypt(nonce, padded, _bound(round_id, reporting_node))
    return base64.urlsafe_b64encode(nonce + sealed).decode(), key_id


def seal_spooled(entry: dict) -> str:
    """An answer waiting in the spool (kasam.pulse.spool), sealed under the same key, padded to
    SPOOL_PADDED_BYTES and bound to the spool's purpose: "key id:payload"."""
    plain = json.dumps(entry, ensure_ascii=False, separators=(",", ":")).encode()
    if len(plain) > SPOOL_PADDED_BYTES - LENGTH_BYTES:
        raise ValueError("a spooled pulse submission is larger than the sealed size")
    padded = len(plain).to_bytes(LENGTH_BYTES, "big") + plain
    padded += bytes(SPOOL_PADDED_BYTES - len(padded))
    nonce = os.urandom(NONCE_BYTES)
    sealed = AESGCM(_key()).encrypt(nonce, padded, SPOOL_PURPOSE)
    return f"{current_key_id()}:{base64.urlsafe_b64encode(nonce + sealed).decode()}"


def unseal_spooled(text: str) -> dict:
    """A spooled entry back; SealError when the key does not match or the file is damaged."""
    try:
        key_id, sealed = text.strip().split(":", 1)
        if key_id != current_key_id():
            raise SealError(f"key {key_id} is not the configured key")
        raw = base64.urlsafe_b64decode(sealed.encode())
        padded = AESGCM(_key()).decrypt(raw[:NONCE_BYTES], raw[NONCE_BYTES:], SPOOL_PURPOSE)
        length = int.from_bytes(padded[:LENGTH_BYTES], "big")
        return json.loads(padded[LENGTH_BYTES : LENGTH_BYTES + length])
    except Exception as error:
        raise SealError("a spooled pulse submission cannot be opened") from error


def unseal(sealed: str, round_id: int, reporting_node: str, key_id: str = "") -> dict:
    """The payload back; SealError when the key or the row does not match. A row without a key id was
    sealed before padding and key ids existed, under the key derived from the token key."""
    try:
        raw = base64.urlsafe_b64decode(sealed.encode())
        if not key_id:
            legacy = hmac.new(token_key(), PURPOSE, hashlib.sha256).digest()
            plain = AESGCM(legacy).decrypt(
                raw[:NONCE_BYTES], raw[NONCE_BYTES:], _bound(round_id, reporting_node)
            )
            return json.loads(plain)
        _, current, cipher = _derived(_secret())
        if key_id != current:
            raise SealError(f"key {key_id} is not the configured key")
        padded = cipher.decrypt(raw[:NONCE_BYTES], raw[NONCE_BYTES:], _bound(round_id, reporting_node))
        length = int.from_bytes(padded[:LENGTH_BYTES], "big")
        return json.loads(padded[LENGTH_BYTES : LENGTH_BYTES + length])
    except Exception as error:  # InvalidTag, bad base64, a foreign key: all mean "cannot open"
        raise SealError(f"a buffered submission of round {round_id} cannot be opened") from error

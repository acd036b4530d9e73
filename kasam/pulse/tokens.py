"""One-time link tokens (ADR 008).

A token is `secrets.token_urlsafe(32)` (256 random bits). The database holds only keyed hashes of it –
HMAC-SHA256 under `KASAM_TOKEN_KEY`, or when that is empty a key derived from SECRET_KEY for this one
purpose – so a reader of the database can neither use a link nor test a guess without the key. Each
use of a token gets its own purpose string, so that the hashes stored in different tables cannot be
joined with each other.

Lookups go by hash: the attacker-controlled token is hashed with a secret key before the database
compares anything, so the comparison's timing tells nothing about a stored value.
"""

import functools
import hashlib
import hmac
import re
import secrets

from django.conf import settings

TOKEN_BYTES = 32
# token_urlsafe(32): 43 characters of the URL-safe base64 alphabet, no padding.
TOKEN_RE = re.compile(r"[A-Za-z0-9_-]{43}")
IDEMPOTENCY_KEY_RE = re.compile(r"[A-Za-z0-9_.:-]{8,100}")

# Purposes: one per stored hash, so that no two tables share a value.
INVITATION = "invitation"
USED_LINK = "used-link"
PARTICIPATION_RETRY = "participation-retry"
BUFFER_RETRY = "buffer-retry"


def new_token() -> str:
    return secrets.token_urlsafe(TOKEN_BYTES)


def is_well_formed(token: object) -> bool:
    return isinstance(token, str) and TOKEN_RE.fullmatch(token) is not None


def is_valid_idempotency_key(key: object) -> bool:
    return isinstance(key, str) and IDEMPOTENCY_KEY_RE.fullmatch(key) is not None


def token_key() -> bytes:
    """The hashing key: KASAM_TOKEN_KEY, else derived from SECRET_KEY (changing either makes every
    outstanding link unknown)."""
    configured = getattr(settings, "KASAM_TOKEN_KEY", "")
    if configured:
        return configured.encode()
    return _derived(settings.SECRET_KEY)


@functools.lru_cache(maxsize=4)
def _derived(secret_key: str) -> bytes:
    # Derived once per SECRET_KEY, not per hash (a large round hashes every link several times).
    return hmac.new(secret_key.encode(), b"kasam.pulse.tokens", hashlib.sha256).digest()


def keyed_hash(purpose: str, *parts: str, key: bytes | None = None) -> str:
    """HMAC-SHA256 (hex) of the parts under the token key (`key`: token_key() read once by a caller
    that hashes many), separated by NUL and prefixed by the purpose."""
    message = "\0".join([purpose, *parts]).encode()
    return hmac.digest(key or token_key(), message, "sha256").hex()


def invitation_hash(token: str, key: bytes | None = None) -> str:
    return keyed_hash(INVITATION, token, key=key)

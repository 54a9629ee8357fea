"""Token secrets: 32 lowercase hex characters, stored only as a SHA-256 digest.

A token carries 128 random bits, so a fast unsalted digest is enough to make the stored
value useless to whoever reads the database, and lets a lookup be one indexed query.
"""

from __future__ import annotations

import hashlib
import re
import secrets

_TOKEN_RE = re.compile(r"^[0-9a-f]{32}$")


def generate_secret() -> str:
    return secrets.token_hex(16)


def hash_secret(secret: str) -> str:
    return hashlib.sha256(secret.encode("ascii")).hexdigest()


def is_well_formed(secret: str) -> bool:
    return bool(_TOKEN_RE.match(secret))

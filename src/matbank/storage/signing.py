"""Signed, time-limited download links that matbank serves itself (``GET /downloads/{token}``).

A token is ``<payload>.<signature>``: the payload names the storage key, the expiry (whole
seconds since the epoch) and optionally the file name to offer; the signature is
HMAC-SHA256 over the payload with the server's download secret. Nothing is stored: any
server holding the secret can check a link, and a link cannot be altered or extended.
"""

from __future__ import annotations

import base64
import binascii
import hmac
import json
import os
import secrets
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime
from hashlib import sha256
from pathlib import Path
from urllib.parse import quote

from matbank.config import DEFAULT_VAR_DIR, Settings
from matbank.db import utcnow
from matbank.errors import MatbankError, NotFound

_CONTEXT = b"matbank-download-v1."
_TEST_SECRET = secrets.token_bytes(32)
SECRET_FILE = DEFAULT_VAR_DIR / "download_secret"


class InvalidDownloadLink(NotFound):
    code = "invalid_download_link"
    title = "The download link is not valid."


class DownloadExpired(MatbankError):
    status, code, title = 410, "download_expired", "The download link has expired."


@dataclass(frozen=True)
class DownloadGrant:
    key: str
    expires_at: datetime
    filename: str | None


def sign_download(
    key: str, expires_at: datetime, secret: bytes | str, *, filename: str | None = None
) -> str:
    """A token granting the download of ``key`` until ``expires_at`` (whole seconds)."""
    body = {"k": key, "e": int(expires_at.timestamp()), "n": filename}
    payload = _b64encode(json.dumps(body, separators=(",", ":")).encode())
    return f"{payload}.{_b64encode(_mac(payload, secret))}"


def verify_download(
    token: str, secret: bytes | str, *, now: datetime | None = None
) -> DownloadGrant:
    """The grant in ``token``; ``InvalidDownloadLink`` if it was not signed with ``secret``
    (or was altered), ``DownloadExpired`` once its expiry has passed."""
    grant = _decode(token, secret)
    if grant is None:
        raise InvalidDownloadLink("the download link is unknown or was altered")
    if (now or utcnow()) >= grant.expires_at:
        raise DownloadExpired(f"the link expired at {grant.expires_at.isoformat()}")
    return grant


def _decode(token: str, secret: bytes | str) -> DownloadGrant | None:
    payload, _, signature = token.partition(".")
    try:
        if not hmac.compare_digest(_b64decode(signature), _mac(payload, secret)):
            return None
        body = json.loads(_b64decode(payload))
        expires_at = datetime.fromtimestamp(int(body["e"]), UTC)
        filename = body.get("n")
        return DownloadGrant(str(body["k"]), expires_at, str(filename) if filename else None)
    except (ValueError, TypeError, KeyError, OverflowError, binascii.Error):
        return None


def download_url(
    base_url: str,
    key: str,
    expires_at: datetime,
    secret: bytes | str,
    *,
    filename: str | None = None,
) -> str:
    """The absolute link for clients, e.g. ``download_url(settings.base_url, ...)``."""
    token = sign_download(key, expires_at, secret, filename=filename)
    return f"{base_url.rstrip('/')}/downloads/{quote(token, safe='.')}"


def download_secret(settings: Settings) -> bytes:
    """The key that signs download links.

    Production must set ``MATBANK_DOWNLOAD_SECRET`` (Settings refuses otherwise), so that
    every server process agrees. Development keeps a random secret in ``var/`` so links
    survive restarts; tests use one random secret per process.
    """
    if settings.download_secret is not None:
        return settings.download_secret.get_secret_value().encode()
    if settings.environment == "test":
        return _TEST_SECRET
    return _persisted_secret(SECRET_FILE)


def _persisted_secret(path: Path) -> bytes:
    """Read the secret, creating it first if needed. Creation links a complete temporary
    file into place, so concurrent first starts agree on one secret."""
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        temp = path.with_name(f".{path.name}.{uuid.uuid4().hex}")
        temp.write_text(secrets.token_urlsafe(48))
        os.chmod(temp, 0o600)
        try:
            os.link(temp, path)
        except FileExistsError:
            pass
        finally:
            temp.unlink()
    return path.read_text().strip().encode()


def _mac(payload: str, secret: bytes | str) -> bytes:
    key = secret.encode() if isinstance(secret, str) else secret
    return hmac.new(key, _CONTEXT + payload.encode(), sha256).digest()


def _b64encode(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def _b64decode(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))

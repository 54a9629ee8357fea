"""Time-based one-time passwords (RFC 6238): six digits, 30-second steps, SHA-1."""

from __future__ import annotations

import time

import pyotp

ISSUER = "matbank"
# Accept the previous and the next step too, for clocks that drift a little.
VALID_WINDOW = 1


def new_secret() -> str:
    return pyotp.random_base32()


def provisioning_uri(secret: str, email: str) -> str:
    """The otpauth:// URI authenticator apps import."""
    return pyotp.TOTP(secret).provisioning_uri(name=email, issuer_name=ISSUER)


def matching_step(secret: str, code: str, *, now: float | None = None) -> int | None:
    """The time step whose code equals ``code`` (within the window), or None."""
    code = code.strip().replace(" ", "")
    if len(code) != 6 or not code.isdigit():
        return None
    totp = pyotp.TOTP(secret)
    moment = time.time() if now is None else now
    current = int(moment // totp.interval)
    for step in range(current - VALID_WINDOW, current + VALID_WINDOW + 1):
        if pyotp.utils.strings_equal(totp.generate_otp(step), code):
            return step
    return None


def code_at(secret: str, moment: float) -> str:
    """The code an authenticator shows at ``moment`` (tests and the setup page use it)."""
    return pyotp.TOTP(secret).at(moment)

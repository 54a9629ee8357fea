"""One validated settings object for the whole service (environment prefix ``MATBANK_``)."""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from pydantic import Field, SecretStr, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

DEFAULT_VAR_DIR = Path("var")


class Settings(BaseSettings):
    """Runtime configuration.

    Every value can be set through an environment variable named ``MATBANK_<FIELD>``
    (for example ``MATBANK_DATABASE_URL``). Settings are validated once and passed to
    ``create_app``; nothing reads the environment after that.
    """

    model_config = SettingsConfigDict(env_prefix="MATBANK_", extra="ignore")

    environment: Literal["development", "test", "production"] = "development"
    database_url: str = Field(
        default=f"sqlite:///{DEFAULT_VAR_DIR / 'matbank.db'}",
        description="SQLAlchemy URL; SQLite file under ./var by default, postgresql:// for scale.",
    )
    storage_url: str = Field(
        default=f"file://{DEFAULT_VAR_DIR / 'storage'}",
        description="Where uploaded and generated files live: file://<folder> (default).",
    )
    host: str = "127.0.0.1"
    port: int = Field(default=8000, ge=1, le=65535)
    public_base_url: str = Field(
        default="",
        description="External base URL used in download links; defaults to http://<host>:<port>.",
    )
    max_body_bytes: int = Field(default=5 * 1024 * 1024, ge=1024)
    max_upload_bytes: int = Field(default=2 * 1024 * 1024 * 1024, ge=1024)
    rate_limit_per_minute: int = Field(
        default=600,
        ge=0,
        description="Requests per minute per API key in one server process (0: no limit). "
        "Every process keeps its own buckets: with N processes a key can reach N times this.",
    )
    rate_limit_burst: int = Field(
        default=120, ge=1, description="Requests per API key allowed at once before pacing."
    )
    request_timeout_seconds: float = Field(
        default=60.0,
        ge=0,
        description="An API request that has not started answering after this long gets "
        "503 (0: no budget). Raw file uploads are exempt.",
    )
    audit_log: bool = Field(
        default=True, description="Record every authenticated write in the audit log."
    )
    token_last_used_resolution_seconds: int = Field(default=60, ge=0)
    token_cache_seconds: float = Field(
        default=5.0,
        ge=0,
        description="How long a process may reuse a token check; a token revoked elsewhere "
        "keeps working here for at most this long. 0 disables the cache.",
    )
    sql_echo: bool = False
    in_process_worker: bool = Field(
        default=True,
        description="Whether `matbank serve` also runs a job worker thread in the server process.",
    )
    download_secret: SecretStr | None = Field(
        default=None,
        min_length=32,
        description="Key that signs download links; required in production. Development "
        "keeps a random one in var/download_secret.",
    )
    download_link_seconds: int = Field(default=3600, ge=60, le=7 * 24 * 3600)
    session_idle_seconds: int = Field(
        default=3600, ge=60, description="A web sign-in ends after this long without a request."
    )
    session_absolute_seconds: int = Field(
        default=12 * 3600, ge=300, description="A web sign-in ends this long after it began."
    )
    sign_in_max_failures: int = Field(
        default=5, ge=1, description="Failed web sign-ins in a row that lock an account."
    )
    sign_in_lock_seconds: int = Field(
        default=15 * 60, ge=1, description="How long a locked account refuses every sign-in."
    )
    session_cookie_secure: bool | None = Field(
        default=None,
        description="Mark the session cookie Secure; unset: when the request came over HTTPS, "
        "and always in production.",
    )

    @model_validator(mode="after")
    def _refuse_unsafe_production_defaults(self) -> Settings:
        if self.environment == "production" and ":memory:" in self.database_url:
            raise ValueError("an in-memory database cannot be used in production")
        if self.environment == "production" and self.host == "0.0.0.0" and not self.public_base_url:
            raise ValueError("set MATBANK_PUBLIC_BASE_URL when serving on all interfaces")
        if self.environment == "production" and self.download_secret is None:
            raise ValueError("set MATBANK_DOWNLOAD_SECRET (32+ random characters) in production")
        if self.environment == "production" and self.session_cookie_secure is False:
            raise ValueError("session cookies must be Secure in production")
        return self

    @property
    def base_url(self) -> str:
        """The URL clients use to reach this server, without a trailing slash."""
        if self.public_base_url:
            return self.public_base_url.rstrip("/")
        return f"http://{self.host}:{self.port}"

    @property
    def sqlalchemy_url(self) -> str:
        """The database URL with the psycopg 3 driver chosen for plain postgresql:// URLs."""
        return normalise_database_url(self.database_url)


def normalise_database_url(url: str) -> str:
    """Pick the psycopg 3 driver for ``postgres://`` and ``postgresql://`` URLs."""
    for prefix in ("postgres://", "postgresql://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix) :]
    return url

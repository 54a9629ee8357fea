"""Signed download links and ``GET /downloads/{token}``."""

from __future__ import annotations

import stat
from datetime import timedelta

import pytest
from fastapi.testclient import TestClient
from pydantic import ValidationError

from matbank.api.openapi import version_openapi
from matbank.app import create_app
from matbank.config import Settings
from matbank.db import utcnow
from matbank.storage import (
    DownloadExpired,
    InvalidDownloadLink,
    download_url,
    sign_download,
    verify_download,
)
from matbank.storage.signing import _b64decode, _b64encode, _persisted_secret

SECRET = b"s" * 32


@pytest.fixture
def app(tmp_path):
    settings = Settings(
        environment="test",
        storage_url=f"file://{tmp_path / 'storage'}",
        download_secret="d" * 40,
        public_base_url="https://matbank.example",
    )
    return create_app(settings)


@pytest.fixture
def http(app) -> TestClient:
    # No lifespan: these routes need neither the database nor a worker.
    return TestClient(app, raise_server_exceptions=False)


def _link(app, key: str, *, seconds: int = 60, filename: str | None = None) -> str:
    expires = utcnow() + timedelta(seconds=seconds)
    url = download_url(
        app.state.settings.base_url, key, expires, app.state.download_secret, filename=filename
    )
    return url.removeprefix("https://matbank.example")


def test_a_signed_link_verifies_until_it_expires():
    expires = utcnow() + timedelta(minutes=5)
    token = sign_download("files/1/original.ifc", expires, SECRET, filename="tower.ifc")
    grant = verify_download(token, SECRET)
    assert (grant.key, grant.filename) == ("files/1/original.ifc", "tower.ifc")
    assert grant.expires_at == expires.replace(microsecond=0)
    with pytest.raises(DownloadExpired):
        verify_download(token, SECRET, now=expires + timedelta(seconds=1))


def test_an_altered_or_foreign_link_is_refused():
    token = sign_download("files/1/a.ifc", utcnow() + timedelta(minutes=5), SECRET)
    payload, signature = token.split(".")
    forged = _b64encode(_b64decode(payload).replace(b"files/1", b"files/2"))
    for bad in (f"{forged}.{signature}", token[:-2], "nonsense", "", f"{payload}."):
        with pytest.raises(InvalidDownloadLink):
            verify_download(bad, SECRET)
    with pytest.raises(InvalidDownloadLink):
        verify_download(token, b"another secret of thirty-two bytes")


def test_the_download_route_streams_the_file_with_its_type_and_name(app, http):
    data = b"%PDF-1.7\n" + b"0" * 300_000
    app.state.storage.write_bytes("passports/b1/passport.pdf", data)
    response = http.get(_link(app, "passports/b1/passport.pdf", filename="Passport Tower A.pdf"))
    assert response.status_code == 200
    assert response.content == data
    assert response.headers["content-type"] == "application/pdf"
    assert response.headers["content-length"] == str(len(data))
    assert response.headers["content-disposition"] == (
        "attachment; filename=\"Passport Tower A.pdf\"; filename*=UTF-8''Passport%20Tower%20A.pdf"
    )


def test_a_non_ascii_name_has_an_ascii_fallback(app, http):
    app.state.storage.write_bytes("files/x/original", b"data")
    response = http.get(_link(app, "files/x/original", filename='Gebäude "Ost".ifc'))
    disposition = response.headers["content-disposition"]
    assert disposition.startswith('attachment; filename="Geb_ude _Ost_.ifc"')
    assert disposition.endswith("filename*=UTF-8''Geb%C3%A4ude%20%22Ost%22.ifc")
    assert response.headers["content-type"] == "application/p21"
    unnamed = http.get(_link(app, "files/x/original"))
    assert unnamed.headers["content-type"] == "application/octet-stream"
    assert unnamed.headers["content-disposition"].startswith('attachment; filename="original"')


def test_expired_unknown_and_tampered_links_are_problem_details(app, http):
    app.state.storage.write_bytes("files/y/original.ifc", b"data")
    expired = http.get(_link(app, "files/y/original.ifc", seconds=-1))
    assert (expired.status_code, expired.json()["code"]) == (410, "download_expired")
    missing = http.get(_link(app, "files/y/gone.ifc"))
    assert (missing.status_code, missing.json()["code"]) == (404, "object_not_found")
    assert missing.headers["content-type"] == "application/json"
    tampered = http.get(_link(app, "files/y/original.ifc")[:-3] + "AAA")
    assert (tampered.status_code, tampered.json()["code"]) == (404, "invalid_download_link")


def test_the_download_route_is_not_in_the_api_documents(app):
    for version in ("v3.0", "v4.0"):
        assert not any(
            path.startswith("/downloads") for path in version_openapi(app, version)["paths"]
        )


def test_production_requires_an_explicit_long_download_secret():
    with pytest.raises(ValidationError, match="MATBANK_DOWNLOAD_SECRET"):
        Settings(environment="production")
    with pytest.raises(ValidationError):
        Settings(environment="production", download_secret="short")
    assert Settings(environment="production", download_secret="p" * 32).download_secret


def test_development_keeps_one_random_secret_in_var(tmp_path):
    path = tmp_path / "var" / "download_secret"
    first = _persisted_secret(path)
    assert len(first) >= 32 and _persisted_secret(path) == first
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert [p.name for p in path.parent.iterdir()] == ["download_secret"]

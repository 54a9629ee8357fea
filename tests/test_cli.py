"""The command line: migrate, init, and the token commands, on a fresh SQLite file."""

from __future__ import annotations

import re

import pytest
from typer.testing import CliRunner

from matbank.cli import app

runner = CliRunner()


@pytest.fixture
def fresh_db(tmp_path, monkeypatch):
    monkeypatch.setenv("MATBANK_DATABASE_URL", f"sqlite:///{tmp_path / 'cli.db'}")
    result = runner.invoke(app, ["migrate"])
    assert result.exit_code == 0, result.output
    return tmp_path


def _secret(output: str) -> str:
    return re.findall(r"\b[0-9a-f]{32}\b", output)[0]


def test_init_prints_a_working_token_once(fresh_db):
    first = runner.invoke(app, ["init", "--if-needed"])
    assert first.exit_code == 0, first.output
    assert "/api/v3.0/account" in first.output
    _secret(first.output)
    again = runner.invoke(app, ["init", "--if-needed"])
    assert again.exit_code == 0 and "exists already" in again.output
    assert not re.findall(r"\b[0-9a-f]{32}\b", again.output)


def test_token_create_list_and_revoke(fresh_db):
    init = runner.invoke(app, ["init"])
    account_id = re.search(r"\(([0-9a-f-]{36})\)", init.output).group(1)
    created = runner.invoke(
        app,
        [
            "token",
            "create",
            "--scope",
            "account",
            "--id",
            account_id,
            "--permission",
            "manager-contributor",
            "--lifespan",
            "two-years",
            "--name",
            "ci",
        ],
    )
    assert created.exit_code == 0, created.output
    secret = _secret(created.output)
    token_id = re.search(r"token id: ([0-9a-f-]{36})", created.output).group(1)
    listed = runner.invoke(app, ["token", "list"], env={"COLUMNS": "250"})
    assert "ci" in listed.output and secret not in listed.output and secret[-4:] in listed.output
    revoked = runner.invoke(app, ["token", "revoke", token_id])
    assert revoked.exit_code == 0 and "revoked" in revoked.output


def test_token_create_rejects_unknown_scope_objects_and_levels(fresh_db):
    runner.invoke(app, ["init"])
    missing = runner.invoke(
        app,
        ["token", "create", "--scope", "building", "--id", "00000000-0000-0000-0000-000000000001"],
    )
    assert missing.exit_code == 2 and "No building" in missing.output
    bad_level = runner.invoke(
        app,
        [
            "token",
            "create",
            "--scope",
            "account",
            "--id",
            "00000000-0000-0000-0000-000000000001",
            "--permission",
            "god",
        ],
    )
    assert bad_level.exit_code != 0

"""`matbank init` also creates the first Administrator user."""

from __future__ import annotations

import re

from typer.testing import CliRunner

from matbank.cli import app
from matbank.config import Settings
from matbank.db import build_engine, build_sessionmaker, session_scope
from matbank.users.service import check_password, find_user

runner = CliRunner()


def _user(url: str, email: str, password: str):  # noqa: ANN202
    engine = build_engine(url)
    with session_scope(build_sessionmaker(engine)) as session:
        user = find_user(session, email)
        result = (user.must_change_password, check_password(session, email, password) is not None)
    engine.dispose()
    return result


def test_unattended_init_prints_a_one_time_password(tmp_path, monkeypatch):
    url = f"sqlite:///{tmp_path / 'cli.db'}"
    monkeypatch.setenv("MATBANK_DATABASE_URL", url)
    assert runner.invoke(app, ["migrate"]).exit_code == 0
    first = runner.invoke(app, ["init", "--if-needed"])
    assert first.exit_code == 0, first.output
    password = re.search(r"one-time password .*: (\S+)", first.output).group(1)
    assert _user(Settings().sqlalchemy_url, "admin@example.org", password) == (True, True)
    again = runner.invoke(app, ["init", "--if-needed"])
    assert "one-time password" not in again.output


def test_init_with_email_and_password(tmp_path, monkeypatch):
    url = f"sqlite:///{tmp_path / 'cli.db'}"
    monkeypatch.setenv("MATBANK_DATABASE_URL", url)
    runner.invoke(app, ["migrate"])
    short = runner.invoke(app, ["init", "--email", "x@example.org", "--password", "short"])
    assert short.exit_code != 0 and "API token" not in short.output
    chosen = "an administrator password"
    done = runner.invoke(app, ["init", "--email", "Boss@Example.org", "--password", chosen])
    assert done.exit_code == 0, done.output
    assert "one-time password" not in done.output and chosen not in done.output
    assert _user(url, "boss@example.org", chosen) == (False, True)

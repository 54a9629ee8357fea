"""The ``matbank`` command line: thin wrappers over the services."""

from __future__ import annotations

import sys
import uuid
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table
from sqlalchemy.orm import Session

from matbank.accounts.models import Account
from matbank.accounts.repository import AccountRepository
from matbank.accounts.schemas import AccountType
from matbank.accounts.service import create_account
from matbank.auth.permissions import Lifespan, PermissionLevel, ScopeKind, parse_level
from matbank.auth.scopes import owning_account
from matbank.auth.service import issue_token, list_tokens, revoke_token
from matbank.config import Settings
from matbank.databases.cli import db_app, install_generic_database
from matbank.db import build_engine, build_sessionmaker, session_scope
from matbank.errors import MatbankError
from matbank.ops_cli import audit_command, backup_command, restore_command
from matbank.users.passwords import one_time_password
from matbank.users.schemas import MIN_PASSWORD_LENGTH, UserLevel
from matbank.users.service import any_user_exists, create_user, find_user, grant

app = typer.Typer(
    help="matbank: materials passports for buildings, Madaster-API compatible.",
    no_args_is_help=True,
)
token_app = typer.Typer(help="Create, list and revoke API tokens.", no_args_is_help=True)
app.add_typer(token_app, name="token")
app.add_typer(db_app, name="db")
app.command("backup")(backup_command)
app.command("restore")(restore_command)
app.command("audit")(audit_command)
console = Console()
DEFAULT_ADMIN_EMAIL = "admin@example.org"


def _sessions(settings: Settings):  # noqa: ANN202 - a sessionmaker
    return build_sessionmaker(build_engine(settings.sqlalchemy_url))


def _fail(error: MatbankError) -> None:
    console.print(f"[red]error:[/red] {error.detail}")
    raise typer.Exit(code=2)


@app.command()
def migrate() -> None:
    """Create or upgrade the database schema."""
    from matbank.migrate import upgrade

    settings = Settings()
    _ensure_sqlite_folder(settings)
    upgrade(settings.sqlalchemy_url)
    console.print("database is up to date")


@app.command()
def init(
    name: Annotated[str, typer.Option(help="Name of the first account.")] = "Demo account",
    if_needed: Annotated[
        bool, typer.Option("--if-needed", help="Do nothing when an account exists already.")
    ] = False,
    email: Annotated[
        str | None,
        typer.Option(help="Email of the first Administrator user (asked when interactive)."),
    ] = None,
    password: Annotated[
        str | None,
        typer.Option(
            envvar="MATBANK_ADMIN_PASSWORD",
            help="Their password; without one a one-time password is printed.",
        ),
    ] = None,
) -> None:
    """Create an account, an Administrator API token (shown once) and the first
    Administrator user for the web interface."""
    settings = Settings()
    sessions = _sessions(settings)
    with session_scope(sessions, write=False) as session:
        needs_user = not any_user_exists(session)
    if needs_user or email:
        email, password = _admin_credentials(email, password)
    with session_scope(sessions) as session:
        install_generic_database(session)
        existing = AccountRepository(session).first()
        if existing is not None and if_needed:
            typer.echo(
                f"account '{existing.name}' ({existing.id}) exists already; its first "
                "token was printed when it was created. Make another with:\n"
                f"  .venv/bin/matbank token create --scope account --id {existing.id} "
                "--permission administrator --name 'my token'"
            )
            if needs_user:
                _first_user(session, existing.id, email, password, settings)
            return
        account = _account_with_token(session, name, settings)
        if needs_user or email:
            _first_user(session, account.id, email, password, settings)


def _account_with_token(session: Session, name: str, settings: Settings) -> Account:
    """A new account and its first Administrator token, printed once."""
    account = create_account(session, name, AccountType.GENERAL)
    issued = issue_token(
        session,
        account_id=account.id,
        scope_kind=ScopeKind.ACCOUNT,
        scope_id=account.id,
        permission=PermissionLevel.ADMINISTRATOR,
        lifespan=Lifespan.ONE_YEAR,
        name="initial administrator token",
        created_by="matbank init",
    )
    typer.echo(f"account:  {account.name} ({account.id})")
    typer.echo(
        f"API token (Administrator, account scope, one year; shown only now):\n  {issued.secret}"
    )
    typer.echo(f"try:  curl -H 'X-API-Key: {issued.secret}' {settings.base_url}/api/v3.0/account")
    return account


def _admin_credentials(email: str | None, password: str | None) -> tuple[str, str | None]:
    """The first Administrator's email and password: asked for when a person runs the
    command, else the options (no password: a one-time password is printed)."""
    if sys.stdin.isatty() and email is None:
        email = typer.prompt("administrator email", default=DEFAULT_ADMIN_EMAIL)
        password = typer.prompt(
            "password (empty: print a one-time password)",
            default="",
            hide_input=True,
            confirmation_prompt=True,
            show_default=False,
        )
    if password and len(password) < MIN_PASSWORD_LENGTH:
        raise typer.BadParameter(f"use a password of at least {MIN_PASSWORD_LENGTH} characters")
    return email or DEFAULT_ADMIN_EMAIL, password or None


def _first_user(
    session: Session,
    account_id: uuid.UUID,
    email: str | None,
    password: str | None,
    settings: Settings,
) -> None:
    """Make the user an Administrator of the account, creating them when they are new
    (with a one-time password, changed at first sign-in, when none was given)."""
    email = email or DEFAULT_ADMIN_EMAIL
    user = find_user(session, email)
    one_time = None
    if user is None:
        one_time = None if password else one_time_password()
        user = create_user(
            session, email, password or one_time or "", must_change_password=not password
        )
    grant(session, user, account_id, (ScopeKind.ACCOUNT, account_id), UserLevel.ADMINISTRATOR)
    typer.echo(f"web sign-in: {settings.base_url}/  as {user.email} (Administrator)")
    if one_time:
        typer.echo(f"one-time password (shown only now; choose your own at sign-in): {one_time}")


@app.command()
def serve(
    host: Annotated[str | None, typer.Option(help="Bind address.")] = None,
    port: Annotated[int | None, typer.Option(help="Port.")] = None,
    no_worker: Annotated[
        bool, typer.Option("--no-worker", help="Do not run a job worker in this process.")
    ] = False,
) -> None:
    """Serve the API (and its Swagger UI at /swagger), with one job worker thread."""
    import uvicorn

    from matbank.app import create_app

    overrides: dict[str, object] = {
        k: v for k, v in (("host", host), ("port", port)) if v is not None
    }
    if no_worker:
        overrides["in_process_worker"] = False
    settings = Settings(**overrides)
    typer.echo(f"matbank serving on {settings.base_url}  (API docs: {settings.base_url}/swagger)")
    uvicorn.run(
        create_app(settings),
        host=settings.host,
        port=settings.port,
        log_level="info",
        proxy_headers=True,
    )


@app.command()
def worker(
    concurrency: Annotated[int, typer.Option(min=1, max=64, help="Worker threads.")] = 1,
    kinds: Annotated[
        str | None, typer.Option(help="Only these job kinds, comma-separated (e.g. files.refine).")
    ] = None,
) -> None:
    """Run background jobs until SIGTERM or Ctrl-C (the jobs in hand are finished first)."""
    import logging
    import signal
    import threading

    from matbank.jobs import start_workers
    from matbank.storage import storage_from_url

    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(message)s")
    settings = Settings()
    wanted = [k.strip() for k in kinds.split(",") if k.strip()] if kinds else None
    stop = threading.Event()
    for signum in (signal.SIGTERM, signal.SIGINT):
        signal.signal(signum, lambda *_: stop.set())
    try:
        handle = start_workers(
            settings,
            _sessions(settings),
            storage_from_url(settings.storage_url),
            concurrency=concurrency,
            kinds=wanted,
        )
    except ValueError as exc:
        raise typer.BadParameter(str(exc)) from exc
    typer.echo(f"matbank worker: {concurrency} thread(s); stop with Ctrl-C or SIGTERM")
    while not stop.wait(0.5) and handle.is_alive():
        pass
    typer.echo("stopping: finishing the jobs in hand")
    handle.stop(timeout=None)


@token_app.command("create")
def token_create(
    scope: Annotated[ScopeKind, typer.Option(help="What the token is scoped to.")],
    id: Annotated[
        uuid.UUID, typer.Option("--id", help="Id of the account/folder/building/database.")
    ],
    permission: Annotated[
        str, typer.Option(help="administrator, manager-contributor, manager or reader.")
    ] = "reader",
    lifespan: Annotated[
        Lifespan, typer.Option(help="How long the token works.")
    ] = Lifespan.ONE_YEAR,
    name: Annotated[str, typer.Option(help="A name to recognise the token by.")] = "API token",
) -> None:
    """Create an API token and print it (it is shown only this once)."""
    try:
        level = parse_level(permission)
    except ValueError as exc:
        raise typer.BadParameter(str(exc)) from exc
    try:
        with session_scope(_sessions(Settings())) as session:
            account_id = owning_account(session, scope, id)
            issued = issue_token(
                session,
                account_id=account_id,
                scope_kind=scope,
                scope_id=id,
                permission=level,
                lifespan=lifespan,
                name=name,
                created_by="matbank token create",
            )
    except MatbankError as error:
        _fail(error)
        return
    expiry = issued.token.expires_at.isoformat() if issued.token.expires_at else "never"
    console.print(
        f"token id: {issued.token.id}  ({level.value}, {scope.value} {id}, expires {expiry})"
    )
    print(issued.secret)


@token_app.command("list")
def token_list(
    account: Annotated[uuid.UUID | None, typer.Option(help="Only this account's tokens.")] = None,
) -> None:
    """List tokens (never their secrets: only the last four characters)."""
    table = Table("id", "name", "level", "scope", "expires", "last used", "…last four", "state")
    with session_scope(_sessions(Settings())) as session:
        for t in list_tokens(session, account):
            state = "revoked" if t.revoked_at else "active"
            table.add_row(
                str(t.id),
                t.name,
                t.permission,
                f"{t.scope_kind} {t.scope_id}",
                t.expires_at.date().isoformat() if t.expires_at else "never",
                t.last_used_at.isoformat(timespec="seconds") if t.last_used_at else "-",
                t.last_four,
                state,
            )
    console.print(table)


@token_app.command("revoke")
def token_revoke(token_id: Annotated[uuid.UUID, typer.Argument(help="The token's id.")]) -> None:
    """Revoke a token; requests with it get 401 from now on."""
    try:
        with session_scope(_sessions(Settings())) as session:
            token = revoke_token(session, token_id)
            console.print(f"revoked {token.name} ({token.id})")
    except MatbankError as error:
        _fail(error)


def _ensure_sqlite_folder(settings: Settings) -> None:
    from pathlib import Path

    url = settings.sqlalchemy_url
    if url.startswith("sqlite:///") and ":memory:" not in url:
        Path(url.removeprefix("sqlite:///")).parent.mkdir(parents=True, exist_ok=True)


def main() -> None:
    app()

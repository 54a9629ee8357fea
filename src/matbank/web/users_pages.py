"""The Users tab of an account, folder, building or database: the people holding a role
there, invitations, and the API tokens scoped to it (add, with the key shown once; edit;
revoke). Only Administrators of the resource's own account reach it."""

from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import APIRouter, Form, Request, Response
from sqlalchemy.orm import Session

from matbank.auth.dependencies import SessionDep
from matbank.auth.permissions import Lifespan, PermissionLevel, ScopeKind
from matbank.errors import Forbidden, InvalidRequest
from matbank.users import service, tokens
from matbank.users.schemas import InviteForm, TokenEditForm, TokenForm, UserLevel
from matbank.web.access import Access, access, scope_kind
from matbank.web.context import CsrfDep, SignedInDep, Visitor, user_of
from matbank.web.forms import parse_form
from matbank.web.render import WebRoute, page, see_other

router = APIRouter(route_class=WebRoute, include_in_schema=False)
BASE = "/{collection}/{resource_id}/users"


def _admin(session: Session, visitor: Visitor, collection: str, resource_id: uuid.UUID) -> Access:
    seen = access(session, user_of(visitor), scope_kind(collection), resource_id)
    if not seen.manages_users:
        raise Forbidden(
            "Only an Administrator of this resource manages its users and API tokens.",
            title="Administrators only.",
        )
    return seen


def _users_page(
    request: Request, session: Session, seen: Access, status: int = 200, **extra: object
) -> Response:
    members = service.members_at(session, seen.kind, seen.resource.id)
    return page(
        request,
        "users.html",
        status,
        access=seen,
        members=members if seen.kind is not ScopeKind.DATABASE else None,
        tokens=tokens.tokens_at(session, seen.kind, seen.resource.id),
        levels=list(UserLevel),
        tab="users",
        **extra,
    )


@router.get(BASE)
def users_tab(
    request: Request,
    session: SessionDep,
    visitor: SignedInDep,
    collection: str,
    resource_id: uuid.UUID,
) -> Response:
    return _users_page(request, session, _admin(session, visitor, collection, resource_id))


@router.post(BASE + "/invite")
def invite(
    request: Request,
    session: SessionDep,
    visitor: SignedInDep,
    _: CsrfDep,
    collection: str,
    resource_id: uuid.UUID,
    email: Annotated[str, Form(max_length=320)] = "",
    level: Annotated[str, Form(max_length=40)] = "",
) -> Response:
    """Grant a role; a new person's one-time password is shown on this response only."""
    seen = _admin(session, visitor, collection, resource_id)
    if seen.kind is ScopeKind.DATABASE:
        raise InvalidRequest("Roles are granted on an account, a folder or a building.")
    form = parse_form(InviteForm, email=email, level=level)
    scope = (seen.kind, seen.resource.id)
    invitation = service.invite(session, user_of(visitor), seen.account_id, scope, form)
    return _users_page(request, session, seen, invitation=invitation)


@router.post(BASE + "/{membership_id}/remove")
def remove(
    session: SessionDep,
    visitor: SignedInDep,
    _: CsrfDep,
    collection: str,
    resource_id: uuid.UUID,
    membership_id: uuid.UUID,
) -> Response:
    seen = _admin(session, visitor, collection, resource_id)
    if membership_id == seen.grant.membership.id:
        raise InvalidRequest("You cannot remove your own role; ask another Administrator.")
    service.remove_member(session, seen.kind, seen.resource.id, membership_id)
    return see_other(f"{seen.url}/users")


@router.get(BASE + "/tokens/new")
def token_form(
    request: Request,
    session: SessionDep,
    visitor: SignedInDep,
    collection: str,
    resource_id: uuid.UUID,
) -> Response:
    seen = _admin(session, visitor, collection, resource_id)
    return page(
        request,
        "token_form.html",
        access=seen,
        levels=list(PermissionLevel),
        lifespans=list(Lifespan),
        tab="users",
    )


@router.post(BASE + "/tokens")
def add_token(
    request: Request,
    session: SessionDep,
    visitor: SignedInDep,
    _: CsrfDep,
    collection: str,
    resource_id: uuid.UUID,
    name: Annotated[str, Form(max_length=200)] = "",
    level: Annotated[str, Form(max_length=40)] = "",
    lifespan: Annotated[str, Form(max_length=16)] = "",
) -> Response:
    """Create the token and show its key: the only time it can be seen."""
    seen = _admin(session, visitor, collection, resource_id)
    form = parse_form(TokenForm, name=name, level=level, lifespan=lifespan)
    scope = (seen.kind, seen.resource.id)
    created_by = f"user {user_of(visitor).email}"
    issued = tokens.add_token(session, seen.account_id, scope, form, created_by)
    return page(request, "token_created.html", access=seen, issued=issued, tab="users")


@router.get(BASE + "/tokens/{token_id}/edit")
def token_edit_form(
    request: Request,
    session: SessionDep,
    visitor: SignedInDep,
    collection: str,
    resource_id: uuid.UUID,
    token_id: uuid.UUID,
) -> Response:
    seen = _admin(session, visitor, collection, resource_id)
    token = tokens.token_at(session, seen.kind, seen.resource.id, token_id)
    return page(
        request,
        "token_edit.html",
        access=seen,
        token=token,
        levels=list(PermissionLevel),
        tab="users",
    )


@router.post(BASE + "/tokens/{token_id}/edit")
def edit_token(
    request: Request,
    session: SessionDep,
    visitor: SignedInDep,
    _: CsrfDep,
    collection: str,
    resource_id: uuid.UUID,
    token_id: uuid.UUID,
    name: Annotated[str, Form(max_length=200)] = "",
    level: Annotated[str, Form(max_length=40)] = "",
) -> Response:
    seen = _admin(session, visitor, collection, resource_id)
    form = parse_form(TokenEditForm, name=name, level=level)
    tokens.edit_token(session, seen.kind, seen.resource.id, token_id, form)
    request.app.state.principal_cache.clear()
    return see_other(f"{seen.url}/users")


@router.post(BASE + "/tokens/{token_id}/revoke")
def revoke_token(
    request: Request,
    session: SessionDep,
    visitor: SignedInDep,
    _: CsrfDep,
    collection: str,
    resource_id: uuid.UUID,
    token_id: uuid.UUID,
) -> Response:
    seen = _admin(session, visitor, collection, resource_id)
    tokens.revoke(session, seen.kind, seen.resource.id, token_id)
    request.app.state.principal_cache.clear()
    return see_other(f"{seen.url}/users")

"""Use-cases of the data attached to a commodity: LCAs per country and compliance, financial
settings per country, dossier files, images and matching terms."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from typing import Any

from sqlalchemy.orm import Session

from matbank.auth.principal import Principal
from matbank.commodities.models import (
    CommodityFinancial,
    CommodityLca,
    MatchingTerm,
    compliance_key,
)
from matbank.commodities.repository import CommodityRepository
from matbank.commodities.schemas import (
    FinancialMode,
    FinancialSetting,
    LifeCycleAssessment,
)
from matbank.commodities.schemas import MatchingTerm as MatchingTermBody
from matbank.commodities.service import get_commodity, get_writable
from matbank.databases.catalogue import price_set_ids
from matbank.errors import Conflict, InvalidRequest, NotFound

MAX_IMAGE_BYTES = 5 * 1024 * 1024
_IMAGE_SIGNATURES = {b"\x89PNG\r\n\x1a\n": "image/png", b"\xff\xd8\xff": "image/jpeg"}


# --- LCA -------------------------------------------------------------------------------------


def list_lcas(
    session: Session, principal: Principal, commodity_id: uuid.UUID
) -> Sequence[CommodityLca]:
    commodity = get_commodity(session, principal, commodity_id)
    return CommodityRepository(session).lcas(commodity.id)


def _dump_lca(body: LifeCycleAssessment) -> dict[str, Any]:
    return body.model_dump(by_alias=True, exclude_none=True, mode="json")


def _matching_lca(
    lcas: Sequence[CommodityLca], iso: str, compliance: Sequence[str] | None
) -> CommodityLca | None:
    """The LCA of that country with the same compliances, or sharing one of them."""
    key, names = compliance_key(compliance), set(compliance or [])
    same_country = [lca for lca in lcas if lca.iso_code == iso]
    exact = next((lca for lca in same_country if lca.compliance_key == key), None)
    if exact is not None or not names:
        return exact
    return next((lca for lca in same_country if names & set(lca.compliance_key.split("|"))), None)


def create_lca(
    session: Session, principal: Principal, commodity_id: uuid.UUID, body: LifeCycleAssessment
) -> CommodityLca:
    commodity, _ = get_writable(session, principal, commodity_id)
    repo = CommodityRepository(session)
    if _matching_lca(repo.lcas(commodity.id), body.iso_code, body.compliance) is not None:
        raise Conflict(
            f"Commodity {commodity.id} already has an LCA for '{body.iso_code}' with "
            f"compliance {compliance_key(body.compliance) or '(none)'}; update it with PUT."
        )
    row = CommodityLca(
        commodity_id=commodity.id,
        iso_code=body.iso_code,
        compliance_key=compliance_key(body.compliance),
        body=_dump_lca(body),
    )
    return repo.add(row)


def update_lca(
    session: Session, principal: Principal, commodity_id: uuid.UUID, body: LifeCycleAssessment
) -> CommodityLca:
    commodity, _ = get_writable(session, principal, commodity_id)
    row = _matching_lca(
        CommodityRepository(session).lcas(commodity.id), body.iso_code, body.compliance
    )
    if row is None:
        raise NotFound(f"Commodity {commodity.id} has no LCA for '{body.iso_code}' to replace.")
    row.compliance_key = compliance_key(body.compliance)
    row.body = _dump_lca(body)
    session.flush()
    return row


def get_lca(
    session: Session, principal: Principal, commodity_id: uuid.UUID, iso: str, compliance: str
) -> CommodityLca:
    commodity = get_commodity(session, principal, commodity_id)
    row = _matching_lca(CommodityRepository(session).lcas(commodity.id), iso.lower(), [compliance])
    if row is None:
        raise NotFound(f"Commodity {commodity.id} has no '{compliance}' LCA for '{iso}'.")
    return row


def delete_lcas(session: Session, principal: Principal, commodity_id: uuid.UUID, iso: str) -> None:
    """Delete every LCA of the commodity for that country."""
    commodity, _ = get_writable(session, principal, commodity_id)
    repo = CommodityRepository(session)
    rows = [lca for lca in repo.lcas(commodity.id) if lca.iso_code == iso.lower()]
    if not rows:
        raise NotFound(f"Commodity {commodity.id} has no LCA for '{iso}'.")
    for row in rows:
        repo.delete(row)


# --- financial settings ----------------------------------------------------------------------


def _check_price_set(body: FinancialSetting) -> None:
    if body.mode is FinancialMode.PRICE_SET and body.price_set not in price_set_ids():
        raise InvalidRequest(
            f"priceSet '{body.price_set}' is not a known price set; see GET /system/pricesets."
        )


def list_financials(
    session: Session, principal: Principal, commodity_id: uuid.UUID
) -> Sequence[CommodityFinancial]:
    commodity = get_commodity(session, principal, commodity_id)
    return CommodityRepository(session).financials(commodity.id)


def save_financial(
    session: Session,
    principal: Principal,
    commodity_id: uuid.UUID,
    body: FinancialSetting,
    *,
    create: bool,
) -> CommodityFinancial:
    """Create (409 when the country has one) or replace (404 when it has none) a setting."""
    commodity, _ = get_writable(session, principal, commodity_id)
    _check_price_set(body)
    repo = CommodityRepository(session)
    row = next((f for f in repo.financials(commodity.id) if f.iso_code == body.iso_code), None)
    data = body.model_dump(by_alias=True, exclude_none=True, mode="json")
    if create and row is not None:
        raise Conflict(
            f"Commodity {commodity.id} already has a financial setting for '{body.iso_code}'."
        )
    if not create and row is None:
        raise NotFound(f"Commodity {commodity.id} has no financial setting for '{body.iso_code}'.")
    if row is None:
        return repo.add(
            CommodityFinancial(commodity_id=commodity.id, iso_code=body.iso_code, body=data)
        )
    row.body = data
    session.flush()
    return row


def delete_financial(
    session: Session, principal: Principal, commodity_id: uuid.UUID, iso: str
) -> None:
    commodity, _ = get_writable(session, principal, commodity_id)
    repo = CommodityRepository(session)
    row = next((f for f in repo.financials(commodity.id) if f.iso_code == iso.lower()), None)
    if row is None:
        raise NotFound(f"Commodity {commodity.id} has no financial setting for '{iso}'.")
    repo.delete(row)


# --- matching terms --------------------------------------------------------------------------


def list_terms(
    session: Session, principal: Principal, commodity_id: uuid.UUID
) -> Sequence[MatchingTerm]:
    commodity = get_commodity(session, principal, commodity_id)
    return CommodityRepository(session).terms(commodity.id)


def get_term(
    session: Session, principal: Principal, commodity_id: uuid.UUID, term_id: uuid.UUID
) -> MatchingTerm:
    commodity = get_commodity(session, principal, commodity_id)
    term = next(
        (t for t in CommodityRepository(session).terms(commodity.id) if t.id == term_id), None
    )
    if term is None:
        raise NotFound(f"Commodity {commodity.id} has no matching term {term_id}.")
    return term


def _term_values(body: MatchingTermBody) -> dict[str, Any]:
    value = (body.value or "").strip()
    if not value:
        raise InvalidRequest("value: a matching term needs a value.")
    return {
        "value": value,
        "match_type": body.match_type.value,
        "language": body.language,
        "language_key": body.language or "",
        "match_on_type_name": body.match_on_type_name,
    }


def save_term(
    session: Session,
    principal: Principal,
    commodity_id: uuid.UUID,
    body: MatchingTermBody,
    *,
    term_id: uuid.UUID | None = None,
) -> MatchingTerm:
    """Create a term, or replace term ``term_id``; (value, type, language) is unique per
    database."""
    commodity, database = get_writable(session, principal, commodity_id)
    values = _term_values(body)
    repo = CommodityRepository(session)
    clash = repo.term_clash(
        database.id, values["match_type"], values["language_key"], values["value"], term_id
    )
    if clash is not None:
        raise Conflict(
            f"Database {database.id} already has the {values['match_type']} term "
            f"'{values['value']}' (language {values['language'] or 'any'}) on commodity "
            f"{clash.commodity_id}."
        )
    if term_id is None:
        return repo.add(MatchingTerm(commodity_id=commodity.id, database_id=database.id, **values))
    term = get_term(session, principal, commodity.id, term_id)
    for key, value in values.items():
        setattr(term, key, value)
    session.flush()
    return term


def delete_term(
    session: Session, principal: Principal, commodity_id: uuid.UUID, term_id: uuid.UUID
) -> None:
    get_writable(session, principal, commodity_id)
    CommodityRepository(session).delete(get_term(session, principal, commodity_id, term_id))

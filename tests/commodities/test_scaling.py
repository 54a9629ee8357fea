"""Scaling rules of scalable products (domain §4.1) through the commodity body and the
service helper that later calculations use."""

from __future__ import annotations

import uuid

import pytest
from tests.factories import V4, create_commodity, product_body, world

from matbank.commodities.calculated import mass_per_unit_at_size, resolve
from matbank.commodities.models import Commodity


def test_scaling_rule_round_trips_and_scales_the_mass(client, session):
    """The documented example: 20 kg/m² at a reference thickness of 20 cm with
    g(x) = 0.5·x + 10 gives f(10) = 15/20 -> 15 kg/m² and f(75) = 47.5/20 -> 47.5 kg/m²;
    outside the 5..100 cm margins the nominal 20 kg/m² is kept."""
    w = world(session)
    database = client.post(
        f"{V4}/database", json={"names": {"en": "DB"}}, headers=w.headers
    ).json()["id"]
    rule = {"kind": "Linear", "a": 0.5, "c": 10, "referenceSize": 20, "minimum": 5, "maximum": 100}
    made = create_commodity(
        client,
        w.headers,
        product_body(
            database, functionalUnit="Area", density=20, doNotUseBillOfMaterials=True, scaling=rule
        ),
    )
    assert made["scaling"]["kind"] == "Linear" and made["scaling"]["referenceSize"] == 20
    commodity = session.get(Commodity, uuid.UUID(made["id"]))
    resolved = resolve(session, commodity)
    assert mass_per_unit_at_size(commodity, resolved, 20) == pytest.approx(20)
    assert mass_per_unit_at_size(commodity, resolved, 10) == pytest.approx(15)
    assert mass_per_unit_at_size(commodity, resolved, 75) == pytest.approx(47.5)
    assert mass_per_unit_at_size(commodity, resolved, 150) == pytest.approx(20)


def test_a_rule_that_is_zero_at_its_reference_is_400(client, session):
    w = world(session)
    database = client.post(
        f"{V4}/database", json={"names": {"en": "DB"}}, headers=w.headers
    ).json()["id"]
    rule = {"kind": "Linear", "a": 1, "c": -20, "referenceSize": 20}
    response = client.post(
        f"{V4}/commodity", json=product_body(database, scaling=rule), headers=w.headers
    )
    assert response.status_code == 400
    bad_kind = {"kind": "Cubic", "a": 1, "referenceSize": 1}
    assert (
        client.post(
            f"{V4}/commodity", json=product_body(database, scaling=bad_kind), headers=w.headers
        ).status_code
        == 400
    )

"""The generic database installed by ``matbank init``."""

from __future__ import annotations

import uuid

from tests.factories import V4, create_commodity, product_body, world

from matbank.databases.catalogue import GENERIC_DATABASE_ID
from matbank.databases.imports import PUBLISHED_IDS, generic_counts, install_generic


def test_install_is_idempotent_and_complete(session):
    first = install_generic(session)
    assert first.created == 203 and not first.errors
    counts = generic_counts(session)
    second = install_generic(session)
    assert second.created == 0 and second.updated == 203
    assert generic_counts(session) == counts
    commodities, lcas, terms = counts
    assert commodities == 203 and lcas >= 190 and terms > 600


def test_the_published_example_ids_resolve_to_materials(client, session):
    install_generic(session)
    w = world(session)
    for commodity_id in PUBLISHED_IDS.values():
        body = client.get(f"{V4}/commodity/{commodity_id}", headers=w.headers).json()
        assert body["commodityType"] == "Material"
        assert body["databaseId"] == str(GENERIC_DATABASE_ID)
    database = client.post(
        f"{V4}/database", json={"names": {"en": "Mine"}}, headers=w.headers
    ).json()["id"]
    product = create_commodity(client, w.headers, product_body(database, functionalUnit="Volume"))
    for commodity_id, kg in zip(PUBLISHED_IDS.values(), (100, 50), strict=True):
        added = client.post(
            f"{V4}/commodity/{product['id']}/children/weight",
            json={"commodityId": str(commodity_id), "quantity": kg},
            headers=w.headers,
        )
        assert added.status_code == 202


def test_generic_concrete_carries_its_figures(client, session):
    install_generic(session)
    w = world(session)
    ext = client.get(
        f"{V4}/commodity/{GENERIC_DATABASE_ID}/external/mb-concrete-c30-37", headers=w.headers
    ).json()
    assert ext["density"] == 2400 and ext["materialFamilies"]["madaster"] == "stone"
    lca = client.get(f"{V4}/commodity/{ext['id']}/lca/eu/EN%2015804", headers=w.headers).json()
    a1_a3 = lca["phases"][0]
    assert a1_a3["phaseId"] == "A1_A3"
    assert a1_a3["EN15804_2012_04_A1_2013"]["globalWarmingPotential"] == 0.09125
    matches = client.get(f"{V4}/commodity/{ext['id']}/matches", headers=w.headers).json()
    assert {"ContainsExactWord", "Contains"} <= {m["matchType"] for m in matches}
    assert uuid.UUID(ext["id"]) == PUBLISHED_IDS["mb-concrete-c30-37"]

"""Results that depend on the newer calculation inputs: per-module figures per m² and per
m²·year, stored documents of the previous shape, and LCAs computed from a bill of materials."""

from __future__ import annotations

import pytest
from sqlalchemy import select
from tests.factories import add_database, world
from tests.results.test_results_endpoints import A2, API, GWP, _lca, built  # noqa: F401
from tests.test_building_flow import run_jobs

from matbank.buildings.models import BuildingResults
from matbank.commodities.models import Commodity, CommodityChild
from matbank.elements.models import Element
from matbank.files.models import BuildingFile


def test_every_module_per_square_metre_and_year(client, built):  # noqa: F811
    """1000 m², 50 years: A1-A3 407 → 0.407 /m² and 0.00814 /(m²·a); B4 250 → 0.25 and
    0.005; D −128.5 → −0.1285 apart; the per-m² totals equal the totals per m²."""
    w, url, _ = built
    body = client.get(f"{url}/results/environmental", headers=w.headers).json()
    per_m2, per_year = body["perSquareMetreModules"], body["perSquareMetreYearModules"]
    assert per_m2["modules"][GWP]["A1_A3"] == pytest.approx(0.407)
    assert per_m2["modules"][GWP]["B4"] == pytest.approx(0.25)
    assert per_m2["moduleD"][GWP] == pytest.approx(-0.1285)
    assert per_m2["totals"] == pytest.approx(body["perSquareMetre"])
    assert per_year["modules"][GWP]["A1_A3"] == pytest.approx(0.407 / 50)
    assert per_year["totals"] == pytest.approx(body["perSquareMetreYear"])


def test_a_document_stored_in_the_previous_shape_is_served_with_the_new_figures(
        client, built, session):  # noqa: F811
    w, url, _ = built
    current = client.get(f"{url}/results/environmental", headers=w.headers).json()
    stored = session.scalars(select(BuildingResults)).one()
    old = dict(stored.results, schemaVersion=1)
    old["environmental"] = {k: v for k, v in old["environmental"].items()
                            if k not in ("perSquareMetreModules", "perSquareMetreYearModules")}
    stored.results = old
    session.commit()
    served = client.get(f"{url}/results/environmental", headers=w.headers).json()
    assert served["computedAt"] == current["computedAt"]
    for key in ("perSquareMetreModules", "perSquareMetreYearModules"):
        assert served[key]["modules"][GWP] == pytest.approx(current[key]["modules"][GWP])
        assert served[key]["moduleD"] == pytest.approx(current[key]["moduleD"])
        assert served[key]["totals"] == pytest.approx(current[key]["totals"])
    stored.results = dict(old, schemaVersion=99)  # a shape this version cannot read
    session.commit()
    assert client.get(f"{url}/results/environmental", headers=w.headers).json()[
        "computedAt"] is None


def _panel_with_bill_of_materials(session, account_id, from_bom: bool):
    """A precast panel per m² of 0.2 m³ concrete (2400 kg/m³, GWP A1-A3 0.1 and C3 0.01 per
    kg) and 12 kg steel (1.5 and 0.05 per kg), with an own LCA of 999 per m²."""
    database = add_database(session, account_id)
    concrete = Commodity(database_id=database.id, commodity_type="Material",
                         names={"en": "Concrete"}, density=2400.0)
    steel = Commodity(database_id=database.id, commodity_type="Material",
                      names={"en": "Steel"}, density=7850.0)
    panel = Commodity(database_id=database.id, commodity_type="Product", functional_unit="Area",
                      names={"en": "Panel"},
                      calculate_environment_values_from_bill_of_materials=from_bom)
    session.add_all([concrete, steel, panel])
    session.flush()
    session.add_all([
        CommodityChild(parent_id=panel.id, child_id=concrete.id, basis="Unit", quantity=0.2),
        CommodityChild(parent_id=panel.id, child_id=steel.id, basis="Weight", quantity=12.0,
                       position=1),
        _lca(concrete, "EN 15804+A2", A2, {"A1_A3": 0.1, "C3": 0.01}),
        _lca(steel, "EN 15804+A2", A2, {"A1_A3": 1.5, "C3": 0.05}),
        _lca(panel, "EN 15804+A2", A2, {"A1_A3": 999.0}),
    ])
    return panel


@pytest.mark.parametrize(("from_bom", "a1_a3", "c3"), [
    (True, 10 * 66.0, 10 * 5.4),   # 10 m² × (480 × 0.1 + 12 × 1.5) and × (4.8 + 0.6)
    (False, 10 * 999.0, 0.0),      # the panel's own LCA
])
def test_a_product_lca_computed_from_its_bill_of_materials(client, session, session_factory,
                                                           from_bom, a1_a3, c3):
    w = world(session)
    panel = _panel_with_bill_of_materials(session, w.account_id, from_bom)
    source = BuildingFile(account_id=w.account_id, building_id=w.building.id, name="m",
                          file_type="Source", status="Mapped", is_active=True)
    session.add(source)
    session.flush()
    session.add(Element(file_id=source.id, element_id="wall", area=10.0, layer="Skin",
                        commodity_id=panel.id, phase="New"))
    session.commit()
    url = f"{API}/building/{w.building.id}"
    assert client.post(f"{url}/process", headers=w.headers).status_code == 202
    run_jobs(client, session_factory)
    body = client.get(f"{url}/results/environmental", headers=w.headers).json()
    gwp = body["building"]["modules"][GWP]
    assert (gwp["A1_A3"], gwp["C3"]) == pytest.approx((a1_a3, c3))
    assert body["massWithLca"] == pytest.approx(4920.0)

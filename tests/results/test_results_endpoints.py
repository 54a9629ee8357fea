"""A building's stored results over HTTP, against the pure calculations for the same inputs.

The building (in Germany, 1000 m² GFA, 50-year lifespan) has three elements:

* a steel beam in Structure: 0.02 m³ of a steel material (7850 kg/m³) = 157 kg, 30 %
  recycled input and 90 % collected for recycling at E_F = E_C = 0.9, an LCA per kg with
  GWP-total A1-A3 1.0, C3 0.1 and D −0.5, and its own detachability factors;
* a timber panel in Skin: 50 m² of an Area product of 20 kg/m² = 1000 kg, fully renewable
  and sustainably produced, half available for reuse, a 25-year lifespan, an LCA per m²
  with GWP-total A1-A3 5.0 and D −1.0, and product detachability factors all scoring 1;
* a mortar screed in Space plan: 0.5 m³ of a material of 2000 kg/m³ = 1000 kg without
  circularity data and with an EN 15804 (A1) LCA only.
"""

from __future__ import annotations

import uuid

import pytest
from tests.factories import add_database, token, world
from tests.test_building_flow import run_jobs

from matbank.auth.permissions import PermissionLevel, ScopeKind
from matbank.calculations import (
    BuildingContext,
    BuildingElement,
    CommodityData,
    calculate_building,
)
from matbank.calculations.circularity import Circularity, Feedstock, Output
from matbank.calculations.detachability import DetachabilityFactors
from matbank.calculations.environmental import LcaDataset
from matbank.calculations.financial import FinancialMode, FinancialSetting
from matbank.calculations.units import ElementQuantities, FunctionalUnit
from matbank.commodities.models import Commodity, CommodityFinancial, CommodityLca
from matbank.elements.models import Element
from matbank.files.models import BuildingFile
from matbank.results.inputs import default_price_catalogue

API = "/api/v3.0"
A2, A1 = "EN15804_2012_A2_2019", "EN15804_2012_04_A1_2013"
GWP = "globalWarmingPotentialTotal"
STEEL_CIRCULARITY = {
    "feedstock": {"recycled": 0.3, "recyclingEfficiency": 0.9},
    "output": {"availableForRecycle": 0.9, "recyclingEfficiency": 0.9},
}
TIMBER_CIRCULARITY = {
    "feedstock": {"renewables": 1.0, "renewablesSustainablyProduced": 1.0},
    "output": {"availableForReuse": 0.5, "availableForRecycle": 0.0},
    "detachability": {
        "connectionType": "DryConnection",
        "accessibility": "Accessible",
        "intersection": "None",
        "productEdge": "Open",
    },
}


def _lca(
    commodity: Commodity, compliance: str, block: str, phases: dict[str, float]
) -> CommodityLca:
    indicator = GWP if block == A2 else "globalWarmingPotential"
    body = {
        "isoCode": "eu",
        "compliance": [compliance],
        "phases": [{"phaseId": p, block: {indicator: v}} for p, v in phases.items()],
    }
    return CommodityLca(
        commodity_id=commodity.id, iso_code="eu", compliance_key=compliance, body=body
    )


def _commodities(session, account_id):
    database = add_database(session, account_id)
    steel = Commodity(
        database_id=database.id,
        commodity_type="Material",
        names={"en": "Steel"},
        density=7850.0,
        lifespan=100,
        circularity=STEEL_CIRCULARITY,
        material_families={"madaster": "metal"},
    )
    timber = Commodity(
        database_id=database.id,
        commodity_type="Product",
        functional_unit="Area",
        names={"en": "Timber panel"},
        density=20.0,
        lifespan=25,
        circularity=TIMBER_CIRCULARITY,
        material_families=[{"familyId": "madaster", "values": {"wood": 1.0}}],
    )
    mortar = Commodity(
        database_id=database.id,
        commodity_type="Material",
        names={"en": "Mortar"},
        density=2000.0,
        material_families={"madaster": "stone"},
    )
    session.add_all([steel, timber, mortar])
    session.flush()
    session.add_all(
        [
            _lca(steel, "EN 15804+A2", A2, {"A1_A3": 1.0, "C3": 0.1, "D": -0.5}),
            _lca(timber, "EN 15804+A2", A2, {"A1_A3": 5.0, "D": -1.0}),
            _lca(mortar, "EN 15804", A1, {"A1_A3": 0.2}),
            CommodityFinancial(
                commodity_id=steel.id,
                iso_code="de",
                body={
                    "isoCode": "de",
                    "mode": "Manual",
                    "priceSet": None,
                    "transportCostsCurrencyPerKilo": 0.02,
                    "handlingFeedstockPercentage": 0.0,
                    "handlingFeedstockCurrencyPerKilo": 0.0,
                },
            ),
        ]
    )
    return steel, timber, mortar


def _elements(session, w, steel, timber, mortar) -> None:
    source = BuildingFile(
        account_id=w.account_id,
        building_id=w.building.id,
        name="model",
        file_type="Source",
        status="Mapped",
        is_active=True,
    )
    session.add(source)
    session.flush()
    common = {"file_id": source.id, "phase": "New"}
    session.add_all(
        [
            Element(
                element_id="beam",
                volume=0.02,
                area=0.0,
                layer="Structure",
                commodity_id=steel.id,
                connection_type="DryConnection",
                accessibility="Accessible",
                intersection="None",
                product_edge="Overlapping",
                **common,
            ),
            Element(element_id="panel", area=50.0, layer="Skin", commodity_id=timber.id, **common),
            Element(
                element_id="screed",
                volume=0.5,
                layer="Space plan",
                commodity_id=mortar.id,
                **common,
            ),
        ]
    )


@pytest.fixture
def built(client, session, session_factory):
    """The three-element building, processed by the job as a client would trigger it."""
    w = world(session)
    w.building.address_country = "Deutschland"
    steel, timber, mortar = _commodities(session, w.account_id)
    _elements(session, w, steel, timber, mortar)
    session.commit()
    url = f"{API}/building/{w.building.id}"
    assert client.post(f"{url}/process", headers=w.headers).status_code == 202
    run_jobs(client, session_factory)
    return w, url, (steel, timber, mortar)


def _expected(steel, timber, mortar):
    """The pure calculation over the same data, built by hand (not through the mapping)."""
    eu = ("EN 15804+A2",)
    steel_data = CommodityData(
        id=str(steel.id),
        functional_unit=FunctionalUnit.VOLUME,
        mass_per_unit=7850.0,
        density=7850.0,
        lifespan=100.0,
        family_shares=(("Metal", 1.0),),
        circularity=Circularity(
            Feedstock(recycled=0.3, recycling_efficiency=0.9),
            Output(recycle=0.9, recycling_efficiency=0.9),
        ),
        lca=(LcaDataset("eu", eu, True, {GWP: {"A1_A3": 1.0, "C3": 0.1, "D": -0.5}}),),
        financial=FinancialSetting(FinancialMode.MANUAL, None, None, 0.02, 0.0, 0.0),
    )
    timber_data = CommodityData(
        id=str(timber.id),
        functional_unit=FunctionalUnit.AREA,
        mass_per_unit=20.0,
        density=20.0,
        lifespan=25.0,
        family_shares=(("Wood", 1.0),),
        circularity=Circularity(Feedstock(renewable_sustainable=1.0), Output(reuse=0.5)),
        detachability=DetachabilityFactors("DryConnection", "Accessible", "None", "Open"),
        lca=(LcaDataset("eu", eu, False, {GWP: {"A1_A3": 5.0, "D": -1.0}}),),
    )
    mortar_data = CommodityData(
        id=str(mortar.id),
        functional_unit=FunctionalUnit.VOLUME,
        mass_per_unit=2000.0,
        density=2000.0,
        family_shares=(("Stone", 1.0),),
    )
    elements = [
        BuildingElement(
            "beam",
            "Structure",
            steel_data,
            ElementQuantities(volume=0.02),
            detachability=DetachabilityFactors(
                "DryConnection", "Accessible", "None", "Overlapping"
            ),
        ),
        BuildingElement("panel", "Skin", timber_data, ElementQuantities(area=50.0)),
        BuildingElement("screed", "Space plan", mortar_data, ElementQuantities(volume=0.5)),
    ]
    context = BuildingContext(
        gross_floor_area=1000.0, lifespan=50.0, country="de", compliance="EN 15804+A2"
    )
    return calculate_building(elements, context, default_price_catalogue())


def test_circular_equals_the_pure_calculation(client, built):
    """The steel beam alone in Structure, by hand: F_R = 0.3·0.9 = 0.27, V = 0.73,
    W0 = 0.1, W_C = 0.1·0.9 = 0.09, W_F = 0.1·0.27/0.9 = 0.03, W = 0.1 + 0.06 = 0.16,
    LFI = 0.89 / 1.97 = 0.452, CI = 1 − 0.9·0.452 = 0.593. The mortar (1000 of 2157 kg)
    has no circularity data, so P2 = 1157 / 2157 = 0.536; every element has a mass: P1 = 1.
    """
    w, url, (steel, timber, mortar) = built
    expected = _expected(steel, timber, mortar).circularity
    body = client.get(f"{url}/circular", headers=w.headers).json()
    assert body == pytest.approx(
        {
            "circularityConstructionPhase": expected.building.construction_score,
            "circularityUsagePhase": expected.building.use_phase_score,
            "circularityEndOfLifePhase": expected.building.end_of_life_score,
            "ciScoreBuilding": expected.building.ci,
            "correctionUnknownMaterials": expected.share_mass_with_circularity,
            "penaltyElementsWithoutMass": 1.0,
            "penaltyElementsMissingCircularityInformation": 1157 / 2157,
            "madasterCiScore": expected.madaster_ci_score,
        }
    )
    details = client.get(f"{url}/results/circularity", headers=w.headers).json()
    assert details["layers"]["Structure"]["ci"] == pytest.approx(0.5934, abs=5e-5)
    assert details["layers"]["Structure"]["lfi"] == pytest.approx(0.89 / 1.97)


def test_mass_and_flows_equal_the_pure_calculation(client, built):
    """Mass by hand: 0.02·7850 = 157 kg metal, 50·20 = 1000 kg wood, 0.5·2000 = 1000 kg stone."""
    w, url, commodities = built
    expected = _expected(*commodities)
    mass = client.get(f"{url}/results/mass", headers=w.headers).json()
    assert list(mass["matrix"]) == list(expected.mass_matrix)
    for layer, row in expected.mass_matrix.items():
        assert mass["matrix"][layer] == pytest.approx(row)
    assert mass["matrix"]["Structure"] == pytest.approx({"Metal": 157.0})
    assert mass["total"] == pytest.approx(2157.0) == pytest.approx(expected.mass)
    assert mass["perSquareMetre"] == pytest.approx(2.157)
    assert mass["families"] == pytest.approx({"Metal": 157.0, "Stone": 1000.0, "Wood": 1000.0})
    assert mass["isDirty"] is False and mass["computedAt"] and mass["country"] == "de"
    flows = client.get(f"{url}/results/flows", headers=w.headers).json()
    assert flows["total"]["inputRecycled"] == pytest.approx(expected.flows.input_recycled)
    assert flows["total"]["outputReuse"] == pytest.approx(500.0)
    for layer, f in expected.layer_flows.items():
        assert flows["layers"][layer]["outputIncineration"] == pytest.approx(f.output_incineration)


def test_detachability_equals_the_pure_calculation(client, built):
    """Beam: 4 / (1 + 1 + 1 + 1/0.4) = 0.727; panel 1.0; mass-weighted (DE):
    (157·0.727 + 1000·1) / 1157 = 0.963. The screed has no factors and no index."""
    w, url, commodities = built
    expected = _expected(*commodities).detachability
    body = client.get(f"{url}/results/detachability", headers=w.headers).json()
    assert body["weighting"] == "mass"
    assert body["building"]["index"] == pytest.approx(expected.building.index)
    assert body["building"]["index"] == pytest.approx((157 * 4 / 5.5 + 1000) / 1157)
    assert body["building"]["quality"] == pytest.approx(2 / 3)


def test_environmental_equals_the_pure_calculation(client, built):
    """GWP by hand (A2 datasets; the A1-only mortar has none): A1-A3 = 157·1 + 50·5 = 407;
    C3 = 157·0.1 = 15.7; the panel (25 y) is replaced ceil(50/25) − 1 = 1 time by the German
    rule: B4 = 250; total 672.7, per m² 0.6727; D = 157·(−0.5) + 50·(−1) = −128.5 apart."""
    w, url, commodities = built
    expected = _expected(*commodities).environmental
    body = client.get(f"{url}/results/environmental", headers=w.headers).json()
    assert body["compliance"] == "EN 15804+A2"
    assert body["building"]["totals"] == pytest.approx(expected.totals)
    assert body["building"]["totals"][GWP] == pytest.approx(672.7)
    assert body["building"]["moduleD"] == pytest.approx({GWP: -128.5})
    assert "D" not in body["building"]["modules"][GWP]
    assert body["building"]["modules"][GWP]["B4"] == pytest.approx(250.0)
    assert body["perSquareMetre"] == pytest.approx(expected.per_m2)
    assert body["perSquareMetreYear"][GWP] == pytest.approx(672.7 / 1000 / 50)
    assert body["massWithLca"] == pytest.approx(1157.0)


def test_financial_equals_the_pure_calculation(client, built):
    w, url, commodities = built
    expected = _expected(*commodities).financial
    body = client.get(f"{url}/results/financial", headers=w.headers).json()
    assert body["currentValue"] == pytest.approx(expected.current_value)
    assert body["netPresentValue"] == pytest.approx(expected.net_present_value)
    assert body["demolitionCosts"] == pytest.approx(1000.0 * 30.0)
    assert body["discountRate"] == pytest.approx(0.03)
    beam = next(m for m in body["materials"] if m["layer"] == "Structure")
    assert beam["transportCost"] == pytest.approx(157 * 0.02)
    assert {k: v["netPresentValue"] for k, v in body["layers"].items()} == pytest.approx(
        {k: v.net_present_value for k, v in expected.layers.items()}
    )


def test_a_dirty_building_serves_its_last_results(client, built, session_factory):
    w, url, _ = built
    before = client.get(f"{url}/results/mass", headers=w.headers).json()
    assert client.post(f"{url}/process", headers=w.headers).status_code == 202
    during = client.get(f"{url}/results/mass", headers=w.headers).json()
    assert during["isDirty"] is True
    assert during["computedAt"] == before["computedAt"] and during["total"] == before["total"]


def test_a_building_never_processed_answers_empty_results(client, session):
    w = world(session)
    session.commit()
    url = f"{API}/building/{w.building.id}"
    circular = client.get(f"{url}/circular", headers=w.headers).json()
    assert circular["madasterCiScore"] == 0.0 and circular["ciScoreBuilding"] == 0.0
    assert circular["penaltyElementsWithoutMass"] == 1.0
    mass = client.get(f"{url}/results/mass", headers=w.headers).json()
    assert mass["computedAt"] is None and mass["total"] == 0.0 and mass["matrix"] == {}
    assert (
        client.get(f"{url}/results/detachability", headers=w.headers).json()["building"]["index"]
        is None
    )
    financial = client.get(f"{url}/results/financial", headers=w.headers).json()
    assert financial["materials"] == [] and financial["currentValue"] == 0.0


@pytest.mark.parametrize(
    "part",
    [
        "circular",
        "results/mass",
        "results/circularity",
        "results/flows",
        "results/detachability",
        "results/environmental",
        "results/financial",
    ],
)
def test_access_follows_the_building(client, session, part):
    mine, other = world(session, "Mine"), world(session, "Other")
    reader = token(
        session, mine.account_id, ScopeKind.BUILDING, mine.building.id, PermissionLevel.READER
    )
    session.commit()
    url = f"{API}/building/{mine.building.id}/{part}"
    assert client.get(url, headers={"X-API-Key": reader}).status_code == 200
    refused = client.get(url, headers=other.headers)
    assert refused.status_code == 404 and refused.json()["status"] == 404
    assert client.get(url).status_code == 401
    missing = client.get(f"{API}/building/{uuid.uuid4()}/{part}", headers=mine.headers)
    assert missing.status_code == 404
    bad = client.get(f"{API}/building/not-a-uuid/{part}", headers=mine.headers)
    assert bad.status_code == 400 and bad.json()["status"] == 400

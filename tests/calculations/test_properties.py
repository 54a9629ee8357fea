"""Properties that must hold for any input: bounded scores, non-negative totals, order
independence, splitting invariance and conservation of mass."""

import dataclasses

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from matbank.calculations import BuildingContext, BuildingElement, CommodityData, calculate_building
from matbank.calculations.bom import BomChild, BomCommodity, ChildBasis, resolve_catalogue
from matbank.calculations.circularity import (
    Circularity,
    CircularityOptions,
    Feedstock,
    Output,
    UtilityMode,
    mci_terms,
)
from matbank.calculations.detachability import DetachabilityFactors
from matbank.calculations.environmental import MODULES, LcaDataset
from matbank.calculations.financial import PriceCatalogue, PricePoint, PriceSet, PriceUnit
from matbank.calculations.units import ElementQuantities
from matbank.calculations.units import FunctionalUnit as FU

fractions = st.floats(0.0, 1.0)
efficiencies = st.floats(0.01, 1.0)
circularities = st.builds(
    Circularity,
    st.builds(Feedstock, fractions, efficiencies, fractions, fractions, fractions),
    st.builds(Output, fractions, fractions, efficiencies, fractions),
)
LAYERS = ("Structure", "Skin", "Services", "Space plan", "Surroundings", "Stuff", "Unknown")
FACTORS = st.builds(
    DetachabilityFactors,
    st.sampled_from(["Unknown", "DryConnection", "DirectConnection", "HardChemicalConnection"]),
    st.sampled_from(["Unknown", "Accessible", "PartialWithDamage", "NotAccessible"]),
    st.sampled_from(["Unknown", "None", "Incidental", "Complete"]),
    st.sampled_from(["Unknown", "Open", "Overlapping", "Closed"]),
)
CATALOGUE = PriceCatalogue(
    price_sets={"metal": PriceSet("metal", "EUR", PriceUnit.KG, (PricePoint("2024-01", 1.0),),
                                  transport_per_kg=0.05, handling_share=0.35)},
    family_price_sets={"Metal": "metal"}, per_eur={}, inflation_rate=0.02,
    construction_cost_rate=0.025, demolition_cost_per_m2=30.0,
)


@st.composite
def commodities(draw, index):
    unit = draw(st.sampled_from([FU.VOLUME, FU.AREA, FU.LENGTH, FU.QUANTITY, FU.WEIGHT]))
    impacts = {"GWP": {m: draw(st.floats(0.0, 500.0)) for m in ("A1_A3", "A4", "A5", "C3")}}
    share = draw(fractions)
    return CommodityData(
        id=f"c{index}", functional_unit=unit, mass_per_unit=draw(st.floats(0.0, 3000.0)),
        circularity=draw(st.none() | circularities),
        family_shares=(("Metal", share), ("Stone", 1.0 - share)),
        detachability=draw(st.none() | FACTORS),
        lifespan=draw(st.none() | st.sampled_from([10, 25, 60, 120])),
        lca=(LcaDataset("de", ("EN 15804+A2",), draw(st.booleans()), impacts,
                        draw(st.floats(0.0, 50.0))),),
    )


@st.composite
def buildings(draw):
    pool = [draw(commodities(i)) for i in range(draw(st.integers(1, 4)))]
    elements = []
    for n in range(draw(st.integers(0, 12))):
        commodity = draw(st.none() | st.sampled_from(pool))
        # Sizes are 0 or at least a millimetre-scale 1e-6: halving a subnormal float would
        # round to zero and turn a real element into an empty one.
        size = draw(st.just(0.0) | st.floats(1e-6, 100.0))
        quantities = ElementQuantities(volume=size, area=size * 2, length=size * 3,
                                       weight=size * 500, count=draw(st.sampled_from([1, 2, 3])))
        elements.append(BuildingElement(
            id=f"e{n}", layer=draw(st.sampled_from(LAYERS)), commodity=commodity,
            quantities=quantities, included=draw(st.booleans()) or n == 0,
            reuse=draw(st.none() | fractions), available_for_reuse=draw(st.none() | fractions),
            detachability=draw(st.none() | FACTORS), construction_waste=draw(fractions),
        ))
    return tuple(elements)


CONTEXT = BuildingContext(gross_floor_area=500.0, lifespan=50.0, country="de")


def calculate(elements):
    return calculate_building(elements, CONTEXT, CATALOGUE)


def totals(r):
    """Every additive total and mass-weighted score of a result, flattened."""
    flows = [getattr(r.flows, f.name) for f in dataclasses.fields(r.flows)]
    matrix = [kg for layer in sorted(r.mass_matrix) for _, kg in
              sorted(r.mass_matrix[layer].items())]
    env = [r.environmental.modules[i][m] for i in sorted(r.environmental.modules) for m in MODULES]
    det = r.detachability.building.index
    return [r.mass, *matrix, *flows, *env, r.circularity.building.ci,
            r.circularity.building.construction_score, r.circularity.building.end_of_life_score,
            r.circularity.building.w, r.circularity.share_mass_with_circularity,
            r.financial.current_value, r.financial.net_present_value, -1.0 if det is None else det]


@settings(max_examples=200, deadline=None)
@given(circularities, st.floats(0.0, 1e6), st.booleans(), st.floats(1.0, 200.0))
def test_element_scores_stay_within_unit_interval(circularity, mass, emf, lifespan):
    options = CircularityOptions(utility_mode=UtilityMode.LIFESPAN,
                                 recycled_credit_includes_efficiency=not emf)
    t = mci_terms(circularity, mass, options, lifespan=lifespan, average_lifespan=50.0)
    for score in (t.ci, t.lfi, t.construction_score, t.end_of_life_score, t.use_phase_score):
        assert 0.0 <= score <= 1.0
    assert min(t.v, t.w0, t.w_c, t.w_f, t.w) >= 0.0


@settings(max_examples=60, deadline=None)
@given(buildings())
def test_building_scores_bounded_and_totals_non_negative(elements):
    r = calculate(elements)
    c = r.circularity
    for score in (c.building.ci, c.madaster_ci_score, c.share_elements_with_mass,
                  c.share_mass_with_circularity, *(s.ci for s in c.layers.values())):
        assert 0.0 <= score <= 1.0
    index = r.detachability.building.index
    assert index is None or 0.0 <= index <= 1.0 + 1e-12
    assert 0.0 <= r.detachability.building.quality <= 1.0
    assert r.mass >= 0.0
    assert all(getattr(r.flows, f.name) >= 0.0 for f in dataclasses.fields(r.flows))
    assert all(v >= 0.0 for v in r.environmental.totals.values())
    assert all(m.trend_value >= 0.0 for m in r.financial.materials)


@settings(max_examples=60, deadline=None)
@given(buildings(), st.randoms(use_true_random=False))
def test_results_do_not_depend_on_element_order(elements, rnd):
    shuffled = list(elements)
    rnd.shuffle(shuffled)
    assert totals(calculate(tuple(shuffled))) == pytest.approx(totals(calculate(elements)),
                                                               rel=1e-9, abs=1e-6)


def halves(element):
    """The element split in two identical halves (half of every measure, or of the pieces)."""
    q = element.quantities
    if element.commodity is not None and element.commodity.functional_unit is FU.QUANTITY:
        half = dataclasses.replace(q, count=q.count / 2)
    else:
        half = dataclasses.replace(q, volume=q.volume / 2, area=q.area / 2,
                                   length=q.length / 2, weight=q.weight / 2)
    return (dataclasses.replace(element, id=element.id + "a", quantities=half),
            dataclasses.replace(element, id=element.id + "b", quantities=half))


@settings(max_examples=60, deadline=None)
@given(buildings(), st.integers(0, 11))
def test_splitting_an_element_leaves_totals_unchanged(elements, pick):
    if not elements:
        return
    i = pick % len(elements)
    split = elements[:i] + halves(elements[i]) + elements[i + 1:]
    assert totals(calculate(split)) == pytest.approx(totals(calculate(elements)),
                                                     rel=1e-9, abs=1e-6)


@settings(max_examples=60, deadline=None)
@given(buildings())
def test_mass_is_conserved_across_matrix_flows_and_circularity(elements):
    r = calculate(elements)
    matrix_total = sum(sum(row.values()) for row in r.mass_matrix.values())
    for total in (matrix_total, r.flows.input_total, r.flows.output_total,
                  r.circularity.building.mass, sum(m.mass for m in r.financial.materials)):
        assert total == pytest.approx(r.mass, rel=1e-9, abs=1e-6)


@st.composite
def bills_of_materials(draw):
    leaves = [BomCommodity(f"leaf{i}", FU.VOLUME, density=draw(st.floats(0.0, 3000.0)),
                           family_shares=(("Metal", draw(fractions)),),
                           circularity=draw(st.none() | circularities)) for i in range(3)]
    products = []
    for p in range(draw(st.integers(1, 3))):
        # children only point at leaves and earlier products, so there is no cycle
        choices = [c.id for c in leaves + products]
        children = tuple(
            BomChild(draw(st.sampled_from(choices)), ChildBasis.WEIGHT, draw(st.floats(0, 50)))
            if draw(st.booleans()) else
            BomChild(draw(st.sampled_from([c.id for c in leaves])), ChildBasis.UNIT,
                     draw(st.floats(0, 5)))
            for _ in range(draw(st.integers(1, 4))))
        products.append(BomCommodity(f"p{p}", FU.QUANTITY, children=children))
    return {c.id: c for c in leaves + products}


@settings(max_examples=100, deadline=None)
@given(bills_of_materials())
def test_bill_of_materials_conserves_mass(catalogue):
    for resolved in resolve_catalogue(catalogue).values():
        if resolved.children:
            assert sum(c.weight for c in resolved.children) == pytest.approx(
                resolved.mass_per_unit)
        assert sum(kg for _, kg in resolved.family_masses) == pytest.approx(
            resolved.mass_per_unit or 0.0, abs=1e-9)
        if resolved.circularity is not None:
            assert sum(resolved.circularity.output.shares()) == pytest.approx(1.0)


"""Quantities in a product's functional unit, mass and the fit predicate (domain §4.1)."""

import pytest

from matbank.calculations.mass import (
    display_volume,
    element_mass,
    mass_by_family,
    mass_per_functional_unit,
)
from matbank.calculations.units import (
    ElementQuantities,
    FunctionalUnit,
    fits_functional_unit,
    quantity_in_functional_unit,
)


def test_quantity_multiplies_measure_count_and_building_ratio():
    """3 m² × 2 pieces × 0.5 (half in this building) = 3 m²; a default amount of 1.5 m²
    makes that 2 reference amounts."""
    q = ElementQuantities(area=3.0, count=2.0, building_number_ratio=0.5)
    assert quantity_in_functional_unit(FunctionalUnit.AREA, q) == pytest.approx(3.0)
    assert quantity_in_functional_unit(FunctionalUnit.AREA, q, default_amount=1.5) == \
        pytest.approx(2.0)


def test_quantity_product_counts_each_element_as_one_piece():
    q = ElementQuantities(count=4.0)
    assert quantity_in_functional_unit(FunctionalUnit.QUANTITY, q) == 4.0


def test_weight_only_element_fits_volume_product_with_density():
    """W = 4800 kg, ρ = 2400 kg/m³ → V = 2 m³; without density it does not fit."""
    q = ElementQuantities(weight=4800.0)
    assert quantity_in_functional_unit(FunctionalUnit.VOLUME, q, density=2400.0) == 2.0
    assert not fits_functional_unit(FunctionalUnit.VOLUME, q)
    assert fits_functional_unit(FunctionalUnit.VOLUME, q, density=2400.0)


@pytest.mark.parametrize(("unit", "quantities", "fits"), [
    (FunctionalUnit.AREA, ElementQuantities(volume=1.0), False),
    (FunctionalUnit.AREA, ElementQuantities(area=0.0), True),
    (FunctionalUnit.LENGTH, ElementQuantities(length=2.0), True),
    (FunctionalUnit.ENERGY, ElementQuantities(energy=100.0), True),
    (FunctionalUnit.OTHER_UNIT, ElementQuantities(), False),
    (FunctionalUnit.WEIGHT, ElementQuantities(weight=5.0), True),
])
def test_fit_predicate(unit, quantities, fits):
    assert fits_functional_unit(unit, quantities) is fits


@pytest.mark.parametrize(("unit", "density", "piece", "expected"), [
    (FunctionalUnit.VOLUME, 2400.0, None, 2400.0),
    (FunctionalUnit.AREA, 25.0, None, 25.0),
    (FunctionalUnit.QUANTITY, None, 12.0, 12.0),
    (FunctionalUnit.WEIGHT, None, None, 1.0),
    (FunctionalUnit.ENERGY, 5.0, None, None),
])
def test_mass_per_functional_unit(unit, density, piece, expected):
    assert mass_per_functional_unit(unit, density, piece) == expected


def test_element_mass_and_family_split():
    """2 m³ × 2400 kg/m³ = 4800 kg; 70 % Stone, 20 % Metal, the unassigned 10 % is Unknown."""
    mass = element_mass(2.0, 2400.0)
    assert mass == 4800.0
    split = mass_by_family(mass, (("Stone", 0.7), ("Metal", 0.2)))
    assert split == pytest.approx({"Stone": 3360.0, "Metal": 960.0, "Unknown": 480.0})
    assert element_mass(None, 2400.0) is None


def test_display_volume():
    """10 m² of a 0.2 m thick area product shows 2 m³; 3 pieces of 0.5 m³ show 1.5 m³."""
    assert display_volume(FunctionalUnit.AREA, ElementQuantities(area=10.0),
                          fixed_height=0.2) == pytest.approx(2.0)
    assert display_volume(FunctionalUnit.QUANTITY, ElementQuantities(count=3.0),
                          default_volume=0.5) == pytest.approx(1.5)
    assert display_volume(FunctionalUnit.ENERGY, ElementQuantities(energy=5.0)) is None

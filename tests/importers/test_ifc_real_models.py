"""The importer on public sample models (skipped when the shared data folder is absent)."""

from __future__ import annotations

import ifcopenshell
import pytest

from matbank.importers.ifc import open_ifc

# file: (schema, length unit → m, elements by our rule, with material, of which via the type)
MODELS = {
    "bsi_ifc43_wall-extruded-solid.ifc": ("IFC4X3", 0.001, 1, 1, 0),
    "hygros_Test-Modell_revit_ifc4.ifc": ("IFC4", 1.0, 30, 28, 0),
    "ifclca_simple_building.ifc": ("IFC4", 0.001, 3, 3, 0),
    "webifc_AC20-FZK-Haus_IFC4.ifc": ("IFC4", 1.0, 82, 78, 0),
    "webifc_Duplex_A_20110907.ifc": ("IFC2X3", 1.0, 218, 99, 0),
    "webifc_IfcOpenHouse_IFC4.ifc": ("IFC4", 0.001, 40, 4, 0),
    "webifc_example_revit_structural.ifc": ("IFC2X3", 0.001, 115, 113, 9),
    "webifc_tested_sample_project.ifc": ("IFC2X3", 1.0, 94, 93, 31),
}


@pytest.fixture(scope="module")
def extracted(real_models):
    """Every sample model extracted once: file name → (model, {GlobalId: element})."""
    result = {}
    for name in MODELS:
        model = open_ifc(real_models / name)
        result[name] = (model, {e.id: e for e in model.elements()})
    return result


def _ifcopenshell_count(path) -> int:
    """ifcopenshell's own count of elements under the rule: IfcElement minus feature,
    virtual and geotechnical elements."""
    model = ifcopenshell.open(str(path))
    skipped = ("IfcFeatureElement", "IfcVirtualElement", "IfcGeotechnicalElement")
    return sum(1 for e in model.by_type("IfcElement") if not any(e.is_a(c) for c in skipped))


@pytest.mark.parametrize("name", sorted(MODELS))
def test_counts_and_file_info(extracted, real_models, name):
    schema, unit, count, with_material, via_type = MODELS[name]
    model, elements = extracted[name]
    assert (model.info.schema, model.info.length_unit_to_metres) == (schema, unit)
    assert len(elements) == count == _ifcopenshell_count(real_models / name)
    assert sum(1 for e in elements.values() if e.material_names) == with_material
    assert (
        sum(1 for e in elements.values() if (e.material_source or "").startswith("type:"))
        == via_type
    )


def test_layer_split_on_the_duplex_wall(extracted):
    wall = extracted["webifc_Duplex_A_20110907.ifc"][1]["2O2Fr$t4X7Zf8NOew3FNtn"]
    assert wall.floor == "Level 1" and wall.classification_lookup == "A-WALL-MBNI"
    assert wall.quantities.volume == pytest.approx(5.67613728)
    assert [s.material_name for s in wall.sub_elements] == [
        "Masonry - Brick",
        "Misc. Air Layers - Air Space",
        "Insulation / Thermal Barriers - Rigid insulation",
        "Masonry - Concrete Block",
        "Metal - Stud Layer",
        "Plasterboard",
    ]
    assert [s.thickness for s in wall.sub_elements] == pytest.approx(
        [0.092, 0.025, 0.05, 0.193, 0.041, 0.016]
    )
    assert wall.sub_elements[0].volume == pytest.approx(1.25228928)
    assert sum(s.volume for s in wall.sub_elements) == pytest.approx(wall.quantities.volume)


def test_layer_split_in_millimetre_file(extracted):
    slab = extracted["ifclca_simple_building.ifc"][1]["3Pu5T5BoT8_PfYuYSCNahG"]
    assert slab.material_names == ("Concrete C30/37", "Steel Reinforcement")
    assert [s.volume for s in slab.sub_elements] == pytest.approx([20.0, 2.0])
    assert slab.floor == "Ground Floor"


def test_ifc4x3_wall_layers(extracted):
    wall = extracted["bsi_ifc43_wall-extruded-solid.ifc"][1]["0DWgwt6o1FOx7466fPk$jl"]
    assert [(s.material_name, s.thickness) for s in wall.sub_elements] == [
        ("Masonry - Brick - Brown", pytest.approx(0.11)),
        ("Air Infiltration Barrier", pytest.approx(0.05)),
        ("Masonry", pytest.approx(0.11)),
    ]
    # The file has no quantity sets: the body's volume (5 m × 0.27 m × 2 m extrusion) is
    # derived from the geometry and shared over the layers by thickness.
    assert wall.quantities.volume == pytest.approx(2.7)
    assert [s.volume for s in wall.sub_elements] == pytest.approx([1.1, 0.5, 1.1])


def test_geometry_volumes_can_be_switched_off(real_models):
    from matbank.importers.ifc import extract_elements
    from matbank.importers.ifc_records import ExtractionOptions

    options = ExtractionOptions(derive_missing_volume=False)
    [wall] = extract_elements(real_models / "bsi_ifc43_wall-extruded-solid.ifc", options)
    assert wall.quantities.volume is None
    assert all(s.volume is None for s in wall.sub_elements)


def test_classification_reference_on_revit_structural(extracted):
    wall = extracted["webifc_example_revit_structural.ifc"][1]["02QZndWnPCr8pqUFFegmJU"]
    assert wall.classification_lookup == "B2010"
    assert wall.material_names == ("Concrete, Cast-in-Place gray",)
    assert wall.floor == "Level 1"


def test_material_inherited_from_type(extracted):
    member = extracted["webifc_tested_sample_project.ifc"][1]["1s5utE$rDDfRKgzV6jUJUn"]
    assert (member.material_names, member.material_source) == (("<Unnamed>",), "type:IfcMaterial")
    assert member.parent_id == "1s5utE$rDDfRKgzV6jUJ1G"  # a mullion of the curtain wall


def test_constituents_without_fractions_split_by_their_shape_aspects(extracted):
    wall = extracted["hygros_Test-Modell_revit_ifc4.ifc"][1]["22FYwq6rj01QL5NU$Fg0fr"]
    assert wall.material_names == ("Dämmung - hart", "Ortbeton - bewehrt Verputzt")
    assert wall.quantities.volume == pytest.approx(12.765468)  # Qto NetVolume
    assert wall.quantities.area == pytest.approx(28.3976)  # NetSideArea
    # Revit's IFC4 Reference View export gives each constituent a shape aspect; their body
    # volumes (5.68 and 6.83 m³) share the element's NetVolume.
    insulation, concrete = wall.sub_elements
    assert (insulation.material_name, insulation.source) == ("Dämmung - hart", "material")
    assert insulation.fraction == pytest.approx(5.677968 / 12.505468, rel=1e-4)
    assert insulation.volume + concrete.volume == pytest.approx(12.765468)


def test_material_list_without_shares_is_split_equally(extracted):
    [window] = [
        e for e in extracted["webifc_tested_sample_project.ifc"][1].values()
        if e.material_names == ("Vidrio", "Madera - Castaño", "Piedra - Gris")
    ][:1]
    assert [s.material_name for s in window.sub_elements] == list(window.material_names)
    assert [s.fraction for s in window.sub_elements] == pytest.approx([1 / 3] * 3)


def test_presentation_layer_when_unclassified(extracted):
    wall = extracted["webifc_AC20-FZK-Haus_IFC4.ifc"][1]["2XPyKWY018sA1ygZKgQPtU"]
    assert wall.classification_lookup == "Innenwände"
    assert wall.material_names == ("Leichtbeton 102890359",)
    assert wall.quantities.volume == pytest.approx(2.49624)
    assert wall.floor == "Erdgeschoss"


def test_storeys_are_listed_by_elevation(extracted):
    storeys = extracted["webifc_Duplex_A_20110907.ifc"][0].info.storeys
    assert [s.name for s in storeys] == ["T/FDN", "Level 1", "Level 2", "Roof"]
    assert storeys[0].elevation == pytest.approx(-1.25)

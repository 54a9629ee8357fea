"""Sets of several materials that give no shares (layers without thickness, constituents
without fractions, material lists) become one sub-element per material (our addition, see
docs/interpretations/import.md), on small models built with ifcopenshell's API."""

from __future__ import annotations

import pytest

from matbank.importers.ifc import open_ifc
from matbank.importers.ifc_records import ExtractionOptions


def _elements(builder, path, options: ExtractionOptions | None = None):
    return {e.name: e for e in open_ifc(builder.write(path)).elements(options)}


def _parts(element) -> list[tuple[str | None, str, float | None, float | None]]:
    return [(s.material_name, s.source, s.volume, s.fraction) for s in element.sub_elements]


def test_layers_without_thickness_split_equally_by_distinct_material(model_builder, tmp_path):
    b = model_builder("IFC4", "METRE")
    wall = b.element("IfcWall", "Wall")
    layers = b.layer_set("Wall", [("Plaster", 0.0), ("Brick", 0.0), ("Plaster", 0.0)])
    b.assign_material([wall], "IfcMaterialLayerSet", layers)
    b.qto(wall, "Qto_WallBaseQuantities", {"NetVolume": 3.0, "NetSideArea": 10.0})
    element = _elements(b, tmp_path / "layers.ifc")["Wall"]
    assert element.material_names == ("Plaster", "Brick")
    assert _parts(element) == [
        ("Plaster", "material", pytest.approx(1.5), pytest.approx(0.5)),
        ("Brick", "material", pytest.approx(1.5), pytest.approx(0.5)),
    ]
    assert [s.id for s in element.sub_elements] == [f"{element.id}:1", f"{element.id}:2"]


def test_the_split_can_be_switched_off(model_builder, tmp_path):
    b = model_builder("IFC4", "METRE")
    wall = b.element("IfcWall", "Wall")
    b.assign_material([wall], "IfcMaterialLayerSet", b.layer_set("W", [("A", 0.0), ("B", 0.0)]))
    options = ExtractionOptions(split_unmeasured_materials=False)
    element = _elements(b, tmp_path / "off.ifc", options)["Wall"]
    assert element.material_names == ("A", "B") and element.sub_elements == ()


def test_one_material_listed_twice_is_not_split(model_builder, tmp_path):
    b = model_builder("IFC4", "METRE")
    window = b.element("IfcWindow", "Window")
    b.assign_material([window], "IfcMaterialList", b.material_list(["Glass", "Glass"]))
    element = _elements(b, tmp_path / "same.ifc")["Window"]
    assert element.material_names == ("Glass",) and element.sub_elements == ()


def test_constituents_share_the_volume_by_their_shape_aspects(model_builder, tmp_path):
    b = model_builder("IFC4", "MILLI")
    wall = b.element("IfcWall", "Wall")
    constituents = b.constituent_set("STB+WD", ["Dämmung - hart", "Ortbeton - bewehrt"])
    b.assign_material([wall], "IfcMaterialConstituentSet", constituents)
    b.body_with_aspects(wall, [("Dämmung - hart", 100.0), ("Ortbeton - bewehrt", 300.0)], 4000.0)
    b.qto(wall, "Qto_WallBaseQuantities", {"NetVolume": 4.0})  # the model's own (net) volume
    element = _elements(b, tmp_path / "aspects.ifc")["Wall"]
    assert _parts(element) == [
        ("Dämmung - hart", "material", pytest.approx(1.0), pytest.approx(0.25)),
        ("Ortbeton - bewehrt", "material", pytest.approx(3.0), pytest.approx(0.75)),
    ]


def test_a_missing_volume_comes_from_the_body_and_is_shared_by_aspects(model_builder, tmp_path):
    b = model_builder("IFC4", "METRE")
    roof = b.element("IfcRoof", "Roof")
    b.assign_material([roof], "IfcMaterialConstituentSet", b.constituent_set("R", ["A", "B"]))
    b.body_with_aspects(roof, [("A", 0.2), ("B", 0.2)], length=5.0)
    b.qto(roof, "Qto_RoofBaseQuantities", {"NetArea": 15.0})  # an area, but no volume
    element = _elements(b, tmp_path / "roof.ifc")["Roof"]
    assert element.quantities.volume == pytest.approx(5.0 * 3.0 * 0.4)
    assert element.quantities.area == pytest.approx(15.0)
    assert [s.volume for s in element.sub_elements] == pytest.approx([3.0, 3.0])


def test_a_material_list_without_body_keeps_equal_shares_and_no_volume(model_builder, tmp_path):
    b = model_builder("IFC2X3", "METRE")
    window = b.element("IfcWindow", "Window")
    b.assign_material([window], "IfcMaterialList", b.material_list(["Vidrio", "Pine"]))
    element = _elements(b, tmp_path / "window.ifc")["Window"]
    assert _parts(element) == [
        ("Vidrio", "material", None, pytest.approx(0.5)),
        ("Pine", "material", None, pytest.approx(0.5)),
    ]

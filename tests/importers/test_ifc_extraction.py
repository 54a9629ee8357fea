"""Extraction rules checked on small models built with ifcopenshell's API (domain §3.1)."""

from __future__ import annotations

import math

import pytest

from matbank.importers.ifc import IfcModel, extract_elements, open_ifc
from matbank.importers.ifc_records import ExtractedElement, ExtractionOptions, PropertyRef


def _by_name(model: IfcModel, options: ExtractionOptions | None = None):
    return {e.name: e for e in model.elements(options)}


def _add_wall(b, area=12.0):
    wall = b.element("IfcWall", "Wall W1")
    layers = b.layer_set("Cavity wall", [("Brick", 100.0), ("Mineral wool", 50.0),
                                         ("Concrete", 150.0)])
    b.assign_material([wall], "IfcMaterialLayerSetUsage", layers)
    b.qto(wall, "Qto_WallBaseQuantities",
          {"NetSideArea": area, "Length": 4000.0, "Width": 300.0, "NetVolume": 3.6})
    b.pset(wall, "Pset_PhaseInfo", {"Phase Created": "Bestaand"})
    opening = b.element("IfcOpeningElement", "Opening O1", contained=False)
    b.run("feature.add_feature", feature=opening, element=wall)


def _add_slab(b):
    slab = b.element("IfcSlab", "Slab S1")
    b.assign_material([slab], "IfcMaterial", b.material("Concrete C30/37"))
    b.qto(slab, "Qto_SlabBaseQuantities", {"NetVolume": 5.0, "NetArea": 25.0, "Depth": 200.0})
    b.pset(slab, "Pset_Status", {"Renovation Status": "to be demolished"})
    b.pset(slab, "CPset_Madaster", {"BuildingNumbers": "1, 2, 3, 4", "Classification": ""})
    system = b.run("classification.add_classification", classification="NL-SfB")
    b.run("classification.add_reference", products=[slab], identification="23.21",
          name="Floors", classification=system)


def _add_column(b):
    column = b.element("IfcColumn", "Column C1")
    column_type = b.run("root.create_entity", ifc_class="IfcColumnType", name="HEA 200")
    b.run("type.assign_type", related_objects=[column], relating_type=column_type)
    b.assign_material([column_type], "IfcMaterial", b.material("Steel S235"))
    b.pset(column_type, "Pset_ManufacturerTypeInformation",
           {"ArticleNumber": "87123456", "Manufacturer": "8712345000004", "ModelReference": "X"})
    context = b.run("context.add_context", context_type="Model")
    body = b.file.createIfcShapeRepresentation(context, "Body", "SweptSolid", [])
    column.Representation = b.file.createIfcProductDefinitionShape(None, None, [body])
    layer = b.run("layer.add_layer", name="S-COLS")
    b.run("layer.assign_layer", items=[body], layer=layer)


def _add_beam(b):
    beam = b.element("IfcBeam", "Beam B1")
    profiles = b.run("material.add_material_set", name="Composite",
                     set_type="IfcMaterialProfileSet")
    for material, height in (("Glulam GL24h", 300.0), ("Steel S355", 100.0)):
        shape = b.file.createIfcRectangleProfileDef("AREA", None, None, 200.0, height)
        b.run("material.add_profile", profile_set=profiles, material=b.material(material),
              profile=shape)
    b.assign_material([beam], "IfcMaterialProfileSetUsage", profiles)
    b.qto(beam, "Qto_BeamBaseQuantities", {"Length": 5000.0, "NetVolume": 0.4})


def _add_covering(b):
    covering = b.element("IfcCovering", "Covering K1")
    b.assign_material([covering], "IfcMaterial", b.material("Carpet"))
    b.qto(covering, "Qto_CoveringBaseQuantities", {"NetArea": 30.0, "GrossVolume": 0.9})
    b.pset(covering, "CPset_Madaster", {
        "MaterialOrProductName": "Linoleum; Jute backing", "MaterialOrProductRatio": "0.75;0.25",
        "Volume": 0.5, "Classification": "43.12", "Phase": "Sloop", "GTIN": "8712345678906",
        "ArticleNumberGLN": "LIN-01|8712345000004", "DetachabilityConnectionType": "DryConnection",
        "Comment": "laid loose",
    })
    b.pset(covering, "Pset_Custom", {"Gebouwnummer": "A,B"})
    system = b.run("classification.add_classification", classification="Other")
    b.run("classification.add_reference", products=[covering], identification="99.99",
          name="Ignored", classification=system)


def _add_stair_space_and_virtual(b):
    stair = b.element("IfcStair", "Stair T1")
    flight = b.element("IfcStairFlight", "Flight T1.1", contained=False)
    b.run("aggregate.assign_object", products=[flight], relating_object=stair)
    space = b.run("root.create_entity", ifc_class="IfcSpace", name="Room 1")
    b.run("aggregate.assign_object", products=[space], relating_object=b.storey)
    b.element("IfcVirtualElement", "Boundary V1")


@pytest.fixture(scope="module")
def ifc4_path(model_builder, tmp_path_factory):
    b = model_builder("IFC4", "MILLI")
    for add in (_add_wall, _add_slab, _add_column, _add_beam, _add_covering,
                _add_stair_space_and_virtual):
        add(b)
    return b.write(tmp_path_factory.mktemp("ifc4") / "model.ifc")


@pytest.fixture(scope="module")
def ifc4(ifc4_path) -> dict[str, ExtractedElement]:
    return _by_name(open_ifc(ifc4_path))


def test_only_physical_elements_are_extracted(ifc4):
    assert sorted(ifc4) == ["Beam B1", "Column C1", "Covering K1", "Flight T1.1", "Slab S1",
                            "Stair T1", "Wall W1"]


def test_layer_set_with_thickness_gives_one_child_per_layer_in_metres(ifc4):
    wall = ifc4["Wall W1"]
    assert wall.material_names == ("Brick", "Mineral wool", "Concrete")
    assert [s.material_name for s in wall.sub_elements] == ["Brick", "Mineral wool", "Concrete"]
    assert [s.thickness for s in wall.sub_elements] == pytest.approx([0.1, 0.05, 0.15])
    assert [s.volume for s in wall.sub_elements] == pytest.approx([1.2, 0.6, 1.8])
    assert [s.id for s in wall.sub_elements] == [f"{wall.id}:{n}" for n in (1, 2, 3)]
    assert wall.quantities.length == pytest.approx(4.0)
    assert wall.quantities.width == pytest.approx(0.3)
    assert wall.quantities.area == pytest.approx(12.0)


def test_element_identity_class_floor_and_phase(ifc4):
    wall = ifc4["Wall W1"]
    assert len(wall.id) == 22 and wall.element_class == "ifcwall"
    assert wall.floor == "Ground floor"
    assert (wall.phase_lookup, wall.phase) == ("Bestaand", "Preserved")


def test_single_material_quantities_classification_and_building_numbers(ifc4):
    slab = ifc4["Slab S1"]
    assert (slab.material_names, slab.material_source) == (("Concrete C30/37",), "IfcMaterial")
    assert slab.sub_elements == ()
    assert (slab.quantities.volume, slab.quantities.area) == (5.0, 25.0)
    assert slab.quantities.depth == pytest.approx(0.2)
    assert slab.classification_lookup == "23.21"  # an empty CPset value does not win
    assert slab.phase == "Demolition"
    assert [(s.building_number, s.ratio) for s in slab.building_numbers] == [
        ("1", 0.25), ("2", 0.25), ("3", 0.25), ("4", 0.25)]


def test_material_identifiers_and_layer_come_from_the_type(ifc4):
    column = ifc4["Column C1"]
    assert column.material_names == ("Steel S235",)
    assert column.material_source == "type:IfcMaterial"
    assert column.type_name == "HEA 200"
    assert column.gtin == "87123456"  # an 8-character article number is a GTIN
    assert column.article_number == "87123456|8712345000004"
    assert column.classification_lookup == "S-COLS"  # presentation layer when unclassified


def test_profile_set_splits_by_cross_section(ifc4):
    beam = ifc4["Beam B1"]
    assert [s.material_name for s in beam.sub_elements] == ["Glulam GL24h", "Steel S355"]
    assert [s.volume for s in beam.sub_elements] == pytest.approx([0.3, 0.1])
    assert [s.fraction for s in beam.sub_elements] == pytest.approx([0.75, 0.25])
    assert beam.quantities.length == pytest.approx(5.0)


def test_madaster_property_set_wins_over_ifc_data(ifc4):
    covering = ifc4["Covering K1"]
    assert covering.material_names == ("Linoleum", "Jute backing")
    assert covering.material_source == "madaster"
    assert [(s.material_name, s.source) for s in covering.sub_elements] == [
        ("Linoleum", "ratio"), ("Jute backing", "ratio")]
    assert [s.volume for s in covering.sub_elements] == pytest.approx([0.375, 0.125])
    assert covering.quantities.volume == 0.5 and covering.quantities.area == 30.0
    assert covering.classification_lookup == "43.12"
    assert (covering.phase_lookup, covering.phase) == ("Sloop", "Demolition")
    assert covering.gtin == "8712345678906"
    assert covering.article_number == "LIN-01|8712345000004"
    assert covering.detachability.connection_type == "DryConnection"
    assert ("Comment", "laid loose") in covering.extra_properties


def test_aggregated_parts_name_their_parent_and_inherit_the_floor(ifc4):
    flight, stair = ifc4["Flight T1.1"], ifc4["Stair T1"]
    assert flight.parent_id == stair.id and stair.parent_id is None
    assert flight.floor == "Ground floor"


def test_options_redirect_properties_exclude_types_and_set_the_default_phase(ifc4_path):
    options = ExtractionOptions(
        property_sources={"BuildingNumbers": PropertyRef("Gebouwnummer", "Pset_Custom")},
        excluded_types=frozenset({"IfcSlab", "IfcBuildingElementComponent"}),
        default_phase="Preserved",
    )
    elements = _by_name(open_ifc(ifc4_path), options)
    assert "Slab S1" not in elements
    assert [s.ratio for s in elements["Covering K1"].building_numbers] == [0.5, 0.5]
    assert elements["Beam B1"].phase == "Preserved"  # no phase property: the caller's default


def test_excluded_types_cover_subclasses(ifc4_path):
    model = open_ifc(ifc4_path)
    assert model.count_elements(ExtractionOptions(excluded_types=frozenset({"IfcElement"}))) == 0


def test_progress_is_reported_from_zero_to_total(ifc4_path):
    calls: list[tuple[int, int]] = []
    elements = list(extract_elements(ifc4_path, progress=lambda *call: calls.append(call)))
    assert calls[0] == (0, 7) and calls[-1] == (7, 7) and len(elements) == 7
    assert [done for done, _ in calls] == sorted(done for done, _ in calls)


def test_file_info(ifc4_path):
    info = open_ifc(ifc4_path).info
    assert info.schema == "IFC4"
    assert info.length_unit_to_metres == pytest.approx(0.001)
    assert [s.name for s in info.storeys] == ["Ground floor"]
    assert info.timestamp and info.timestamp[:2] == "20"


def test_ifc2x3_model(model_builder, tmp_path):
    b = model_builder("IFC2X3", "MILLI")
    wall = b.element("IfcWallStandardCase", "Wall 2x3")
    layers = b.layer_set("Wall", [("Brick", 100.0), ("Plaster", 20.0)])
    b.assign_material([wall], "IfcMaterialLayerSetUsage", layers)
    b.qto(wall, "BaseQuantities", {"NetSideArea": 10.0, "GrossVolume": 1.2})
    system = b.run("classification.add_classification", classification="NL-SfB")
    b.run("classification.add_reference", products=[wall], identification="21.12",
          name="Walls", classification=system)
    model = open_ifc(b.write(tmp_path / "model2x3.ifc"))
    (element,) = model.elements()
    assert model.info.schema == "IFC2X3"
    assert element.classification_lookup == "21.12"
    assert [s.volume for s in element.sub_elements] == pytest.approx([1.0, 0.2])


def test_conversion_based_units_are_converted_to_si(model_builder, tmp_path):
    b = model_builder("IFC4", "FOOT")
    wall = b.element("IfcWall", "Wall ft")
    layers = b.layer_set("Wall", [("Timber", 1.0), ("Gypsum", 0.5)])
    b.assign_material([wall], "IfcMaterialLayerSet", layers)
    b.qto(wall, "Qto_WallBaseQuantities", {"NetSideArea": 100.0, "Length": 10.0,
                                           "NetVolume": 150.0})
    model = open_ifc(b.write(tmp_path / "feet.ifc"))
    (element,) = model.elements()
    square_foot, cubic_foot = 0.3048**2, 0.3048**3
    assert model.info.length_unit_to_metres == pytest.approx(0.3048)
    assert element.quantities.length == pytest.approx(3.048)
    assert element.quantities.area == pytest.approx(100 * square_foot)
    assert element.quantities.volume == pytest.approx(150 * cubic_foot)
    assert [s.volume for s in element.sub_elements] == pytest.approx(
        [100 * square_foot * 0.3048, 100 * square_foot * 0.1524])
    assert math.isclose(sum(s.volume for s in element.sub_elements), 150 * cubic_foot)


def test_layer_set_without_thickness_is_listed_not_split_by_madasters_rule(
    model_builder, tmp_path
):
    b = model_builder("IFC4", "METRE")
    wall = b.element("IfcWall", "Wall no thickness")
    layers = b.layer_set("Wall", [("Brick", 0.0), ("Plaster", 0.0)])
    b.assign_material([wall], "IfcMaterialLayerSet", layers)
    options = ExtractionOptions(split_unmeasured_materials=False)
    (element,) = open_ifc(b.write(tmp_path / "flat.ifc")).elements(options)
    assert element.material_names == ("Brick", "Plaster") and element.sub_elements == ()


def test_ifczip_is_read_like_the_ifc_inside(ifc4_path, tmp_path):
    import zipfile

    archive = tmp_path / "model.ifczip"
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as zipped:
        zipped.write(ifc4_path, "project/model.ifc")
    assert list(open_ifc(archive).elements()) == list(open_ifc(ifc4_path).elements())

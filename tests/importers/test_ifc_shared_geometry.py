"""Volumes of elements that share a type's representation map are computed once per map and
mapping scale, and equal what the kernel gives each element on its own."""

from __future__ import annotations

import pytest

from matbank.importers.ifc_geometry import GeometryVolumes, shared_shape_key


def _mapped_furniture(builder, count: int, scales: list[float]):
    """``count`` pieces of one furniture type whose map is a 2 m × 0.5 m × 3 m box, then one
    more per entry of ``scales`` with that uniform mapping scale."""
    model = builder.run("context.add_context", context_type="Model")
    body = builder.run(
        "context.add_context",
        context_type="Model",
        context_identifier="Body",
        target_view="MODEL_VIEW",
        parent=model,
    )
    box = builder.run(
        "geometry.add_wall_representation", context=body, length=2.0, height=3.0, thickness=0.5
    )
    chair = builder.run("root.create_entity", ifc_class="IfcFurnitureType", name="Chair")
    builder.run("geometry.assign_representation", product=chair, representation=box)
    pieces = [builder.element("IfcFurniture", "Chair") for _ in range(count + len(scales))]
    for piece in pieces:
        builder.run("geometry.edit_object_placement", product=piece)
    builder.run("type.assign_type", related_objects=pieces, relating_type=chair)
    for piece, scale in zip(pieces[count:], scales, strict=True):
        item = piece.Representation.Representations[0].Items[0]
        t = item.MappingTarget
        item.MappingTarget = builder.file.createIfcCartesianTransformationOperator3D(
            t.Axis1, t.Axis2, t.LocalOrigin, scale, t.Axis3
        )
    return pieces


def test_instances_of_one_map_share_one_kernel_run(model_builder, monkeypatch):
    import ifcopenshell.geom

    builder = model_builder(length="METRE")  # kept: the entities need their file alive
    pieces = _mapped_furniture(builder, 3, [2.0])
    calls = []
    original = ifcopenshell.geom.create_shape
    monkeypatch.setattr(
        ifcopenshell.geom, "create_shape", lambda *a, **k: calls.append(a[1]) or original(*a, **k)
    )
    volumes = GeometryVolumes()
    assert [volumes.volume(p) for p in pieces] == pytest.approx([3.0, 3.0, 3.0, 24.0])
    assert calls == [pieces[0], pieces[3]]  # one run per map and scale


def test_shared_volume_equals_the_elements_own(model_builder):
    builder = model_builder(length="METRE")
    pieces = _mapped_furniture(builder, 2, [])
    shared = GeometryVolumes()
    assert [shared.volume(p) for p in pieces] == [GeometryVolumes().volume(p) for p in pieces]


def test_own_geometry_and_openings_are_not_shared(model_builder):
    builder = model_builder(length="METRE")
    piece, other = _mapped_furniture(builder, 2, [])
    opening = builder.element("IfcOpeningElement", contained=False)
    builder.run("feature.add_feature", feature=opening, element=piece)
    assert shared_shape_key(piece) is None
    assert shared_shape_key(other) is not None
    wall = builder.element("IfcWall")
    builder.body_with_aspects(wall, [("Concrete", 0.2)])
    assert shared_shape_key(wall) is None

"""Small IFC models built with ifcopenshell's own API, for tests that need real files."""

from __future__ import annotations

from pathlib import Path

import ifcopenshell
import ifcopenshell.api
import ifcopenshell.api.project


class ModelBuilder:
    """A project with one site, building and storey, in the chosen schema and length unit."""

    def __init__(self, schema: str = "IFC4", length: str = "MILLI") -> None:
        self.file = ifcopenshell.api.project.create_file(version=schema)
        if schema == "IFC2X3":  # IFC2X3 requires owner history, hence a user and application
            self._add_owner()
        self.project = self.run("root.create_entity", ifc_class="IfcProject", name="Test")
        self._assign_units(length)
        site = self.run("root.create_entity", ifc_class="IfcSite", name="Site")
        building = self.run("root.create_entity", ifc_class="IfcBuilding", name="B1")
        self.storey = self.run(
            "root.create_entity", ifc_class="IfcBuildingStorey", name="Ground floor"
        )
        self.run("aggregate.assign_object", products=[site], relating_object=self.project)
        self.run("aggregate.assign_object", products=[building], relating_object=site)
        self.run("aggregate.assign_object", products=[self.storey], relating_object=building)
        self._materials: dict[str, object] = {}

    def run(self, usecase: str, **settings):
        return ifcopenshell.api.run(usecase, self.file, **settings)

    def _add_owner(self) -> None:
        person = self.run("owner.add_person")
        organisation = self.run("owner.add_organisation")
        self.run("owner.add_person_and_organisation", person=person, organisation=organisation)
        self.run("owner.add_application")

    def _assign_units(self, length: str) -> None:
        if length == "FOOT":
            units = [
                self.run("unit.add_conversion_based_unit", name=name)
                for name in ("foot", "square foot", "cubic foot")
            ]
        else:
            prefix = None if length == "METRE" else length
            units = [
                self.run("unit.add_si_unit", unit_type="LENGTHUNIT", prefix=prefix),
                self.run("unit.add_si_unit", unit_type="AREAUNIT"),
                self.run("unit.add_si_unit", unit_type="VOLUMEUNIT"),
            ]
        self.run("unit.assign_unit", units=units)

    def element(self, ifc_class: str, name: str | None = None, contained: bool = True):
        entity = self.run("root.create_entity", ifc_class=ifc_class, name=name)
        if contained:
            self.run("spatial.assign_container", products=[entity], relating_structure=self.storey)
        return entity

    def material(self, name: str):
        if name not in self._materials:
            self._materials[name] = self.run("material.add_material", name=name)
        return self._materials[name]

    def layer_set(self, name: str, layers: list[tuple[str, float]]):
        layer_set = self.run("material.add_material_set", name=name, set_type="IfcMaterialLayerSet")
        for material_name, thickness in layers:
            layer = self.run(
                "material.add_layer", layer_set=layer_set, material=self.material(material_name)
            )
            self.run("material.edit_layer", layer=layer, attributes={"LayerThickness": thickness})
        return layer_set

    def assign_material(self, products: list, kind: str, material) -> None:
        self.run("material.assign_material", products=products, type=kind, material=material)

    def constituent_set(self, name: str, materials: list[str]):
        """A constituent set without fractions, one constituent per material name."""
        constituents = self.run(
            "material.add_material_set", name=name, set_type="IfcMaterialConstituentSet"
        )
        for material_name in materials:
            self.run(
                "material.add_constituent",
                constituent_set=constituents,
                material=self.material(material_name),
            )
        return constituents

    def material_list(self, materials: list[str]):
        return self.file.createIfcMaterialList([self.material(name) for name in materials])

    def body_with_aspects(self, product, parts: list[tuple[str, float]], length: float = 4.0):
        """A 3 m high box body of ``length`` and the parts' total thickness, with one shape
        aspect per part (name, thickness): how IFC4 Reference View exports describe the
        constituents of a wall (in the model's length unit)."""
        model = self.run("context.add_context", context_type="Model")
        body = self.run(
            "context.add_context",
            context_type="Model",
            context_identifier="Body",
            target_view="MODEL_VIEW",
            parent=model,
        )

        def box(thickness: float):
            return self.run(
                "geometry.add_wall_representation",
                context=body,
                length=length,
                height=3.0,
                thickness=thickness,
            )

        whole = box(sum(thickness for _, thickness in parts))
        shape = self.file.createIfcProductDefinitionShape(None, None, [whole])
        product.Representation = shape
        for name, thickness in parts:
            self.file.createIfcShapeAspect([box(thickness)], name, None, "UNKNOWN", shape)
        return shape

    def qto(self, product, name: str, values: dict[str, float]) -> None:
        qto = self.run("pset.add_qto", product=product, name=name)
        self.run("pset.edit_qto", qto=qto, properties=values)

    def pset(self, product, name: str, values: dict[str, object]) -> None:
        pset = self.run("pset.add_pset", product=product, name=name)
        self.run("pset.edit_pset", pset=pset, properties=values)

    def write(self, path: Path) -> Path:
        self.file.write(str(path))
        return path

"""Broken and hostile IFC and Excel source files, built in memory.

``REJECT`` files can never be imported; ``EITHER`` files are well-formed but carry extreme
values (the importer may take them, bounded, or refuse them with a message)."""

from __future__ import annotations

import io
import tempfile
from collections.abc import Callable
from pathlib import Path

import ifcopenshell.guid
from openpyxl import Workbook
from tests.ifc_models import ModelBuilder

SENTINEL = b"98765.4321"
HEADER = ["Material/Product", "Classification code", "Volume (m³)", "Description"]


def ifc_bytes(change: Callable[[ModelBuilder], None] | None = None, walls: int = 3) -> bytes:
    model = ModelBuilder()
    products = [
        model.file.create_entity("IfcWall", GlobalId=ifcopenshell.guid.new(), Name=f"Wall {n}")
        for n in range(walls)
    ]
    model.run("spatial.assign_container", products=products, relating_structure=model.storey)
    model.assign_material(products, "IfcMaterial", model.material("Concrete"))
    if change is not None:
        change(model)
    with tempfile.TemporaryDirectory() as folder:
        return model.write(Path(folder) / "model.ifc").read_bytes()


def xlsx_bytes(rows: list[list[object]]) -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.title = "New materials"
    for row in [HEADER, *rows]:
        sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _huge_names(model: ModelBuilder) -> None:
    wall = model.element("IfcWall", name="w" * 200_000)
    model.assign_material([wall], "IfcMaterial", model.material("m" * 200_000))


def _quantity(value: float) -> Callable[[ModelBuilder], None]:
    def add(model: ModelBuilder) -> None:
        wall = model.element("IfcWall", name="Measured")
        model.assign_material([wall], "IfcMaterial", model.material("Brick"))
        model.qto(wall, "Qto_WallBaseQuantities", {"NetVolume": value, "Length": value})

    return add


def _deep_assemblies(model: ModelBuilder, depth: int = 400) -> None:
    parent = model.element("IfcElementAssembly", name="level 0")
    for level in range(1, depth):
        child = model.element("IfcElementAssembly", name=f"level {level}", contained=False)
        model.run("aggregate.assign_object", products=[child], relating_object=parent)
        parent = child


def reject_files() -> dict[str, bytes]:
    good_ifc, good_xlsx = ifc_bytes(), xlsx_bytes([["Concrete", "23.1", 2.0, "slab"]])
    return {
        "truncated.ifc": good_ifc[: len(good_ifc) * 2 // 5],
        "utf16.ifc": good_ifc.decode("utf-8").encode("utf-16"),
        "garbage.ifc": bytes(range(256)) * 64,
        "empty.ifc": b"",
        "header-only.ifc": b"ISO-10303-21;\nHEADER;\n",
        "not-a-zip.ifczip": b"PK\x03\x04" + b"\x00" * 200,
        "truncated.xlsx": good_xlsx[: len(good_xlsx) // 2],
        "csv-text.xlsx": "Material/Product;Volume\nWände;1,5\n".encode("latin-1"),
        "utf16-text.xlsx": "Material/Product\tVolume\nWall\t1\n".encode("utf-16"),
        "nan.xlsx": xlsx_bytes([["Concrete", "23.1", "NaN", "nan"]]),
        "infinity.xlsx": xlsx_bytes([["Concrete", "23.1", "Infinity", "inf"]]),
        "negative.xlsx": xlsx_bytes([["Concrete", "23.1", -5.0, "negative"]]),
    }


def either_files() -> dict[str, bytes]:
    measured = ifc_bytes(_quantity(98765.4321))
    assert SENTINEL in measured
    return {
        "huge-strings.ifc": ifc_bytes(_huge_names),
        "negative-quantity.ifc": ifc_bytes(_quantity(-5.0)),
        # IFC writers refuse non-finite numbers, so they are written into the text.
        "nan-quantity.ifc": measured.replace(SENTINEL, b"NaN"),
        "infinite-quantity.ifc": measured.replace(SENTINEL, b"1.E400"),
        "deep-assemblies.ifc": ifc_bytes(_deep_assemblies),
        "huge-strings.xlsx": xlsx_bytes([["m" * 32_000, "2" * 30_000, 1.0, "d" * 32_000]]),
    }

"""Time the IFC importer against a naive ifcopenshell walk on the shared sample models.

For each model: our extraction (open + every element record) and, in the same run, a bare
``ifcopenshell.open`` followed by a walk over ``by_type("IfcElement")`` that reads
materials and quantities with ``ifcopenshell.util.element``. Each figure is the best of a
few repeats. ``open`` is the bare parse, so the columns after it show what each walk adds.
Extra model paths may be given on the command line; ``--synthetic N`` also times a generated
model of N layered walls with their own property and quantity sets, to show how both scale.

    .venv/bin/python benchmarks/ifc_extract.py [--synthetic 20000] [model.ifc ...]
"""

from __future__ import annotations

import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import ifcopenshell
import ifcopenshell.util.classification as classification_util
import ifcopenshell.util.element as element_util

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from matbank.importers.ifc import open_ifc  # noqa: E402

SAMPLES = ROOT.parent / "shared" / "data" / "ifc"
REPEATS = 5


def extract(path: Path) -> int:
    return sum(1 for _ in open_ifc(path).elements())


def naive_walk(path: Path) -> int:
    model = ifcopenshell.open(str(path))
    count = 0
    for element in model.by_type("IfcElement"):
        element_util.get_material(element, should_inherit=True)
        element_util.get_psets(element, qtos_only=True)
        count += 1
    return count


def naive_full(path: Path) -> int:
    """The same facts our extraction reads, fetched with ifcopenshell's helpers."""
    model = ifcopenshell.open(str(path))
    count = 0
    for element in model.by_type("IfcElement"):
        element_util.get_material(element, should_inherit=True)
        element_util.get_psets(element)  # every set, type sets merged in
        element_util.get_type(element)
        element_util.get_container(element)
        classification_util.get_references(element)
        count += 1
    return count


def bare_open(path: Path) -> int:
    return len(ifcopenshell.open(str(path)).by_type("IfcElement"))


def synthetic_model(walls: int, folder: Path) -> Path:
    """A model of layered walls; each has its own Pset_WallCommon and quantity set."""
    import ifcopenshell.api.project

    model = ifcopenshell.api.project.create_file(version="IFC4")
    project = model.createIfcProject(ifcopenshell.guid.new(), None, "Synthetic")
    metre = model.createIfcSIUnit(None, "LENGTHUNIT", None, "METRE")
    project.UnitsInContext = model.createIfcUnitAssignment([metre])
    storey = model.createIfcBuildingStorey(ifcopenshell.guid.new(), None, "Level 1")
    model.createIfcRelAggregates(ifcopenshell.guid.new(), None, None, None, project, [storey])
    layers = [model.createIfcMaterialLayer(model.createIfcMaterial(name), thickness)
              for name, thickness in (("Brick", 0.1), ("Insulation", 0.08), ("Concrete", 0.2))]
    usage = model.createIfcMaterialLayerSetUsage(
        model.createIfcMaterialLayerSet(layers, "Cavity wall"), "AXIS2", "POSITIVE", 0.0)
    elements = [model.createIfcWall(ifcopenshell.guid.new(), None, f"Wall {n}")
                for n in range(walls)]
    for wall in elements:
        _synthetic_sets(model, wall)
    model.createIfcRelAssociatesMaterial(ifcopenshell.guid.new(), None, None, None, elements, usage)
    model.createIfcRelContainedInSpatialStructure(
        ifcopenshell.guid.new(), None, None, None, elements, storey)
    path = folder / f"synthetic_{walls}.ifc"
    model.write(str(path))
    return path


def _synthetic_sets(model, wall) -> None:
    props = [model.createIfcPropertySingleValue(name, None, model.create_entity("IfcLabel", value))
             for name, value in (("Reference", "W1"), ("Phase Created", "New"),
                                 ("FireRating", "EI60"), ("Status", "New"), ("Remark", "x"))]
    quantities = [model.createIfcQuantityArea("NetSideArea", None, None, 10.0),
                  model.createIfcQuantityLength("Length", None, None, 4.0),
                  model.createIfcQuantityVolume("NetVolume", None, None, 3.8)]
    for definition in (
        model.createIfcPropertySet(ifcopenshell.guid.new(), None, "Pset_WallCommon", None, props),
        model.createIfcElementQuantity(ifcopenshell.guid.new(), None, "Qto_WallBaseQuantities",
                                       None, None, quantities),
    ):
        model.createIfcRelDefinesByProperties(ifcopenshell.guid.new(), None, None, None, [wall],
                                              definition)


def best_time(task: Callable[[Path], int], path: Path) -> tuple[float, int]:
    timings, result = [], 0
    for _ in range(REPEATS):
        start = time.perf_counter()
        result = task(path)
        timings.append(time.perf_counter() - start)
    return min(timings), result


def _walk_ratio(ours: float, other: float, parse: float) -> str:
    """Ratio of the time spent after parsing; meaningless when the walks are within noise."""
    if other - parse <= 0.002:
        return "n/a"
    return f"{max(ours - parse, 0.0) / (other - parse):.2f}"


def main(paths: list[Path]) -> None:
    print(f"{'model':36} {'MB':>6} {'elems':>6} {'open s':>7} {'extract s':>9} {'naive s':>8}"
          f" {'ratio':>6} {'walk':>5} {'full s':>7} {'ratio':>6} {'walk':>5}")
    for path in paths:
        parse, _ = best_time(bare_open, path)
        ours, count = best_time(extract, path)
        naive, _ = best_time(naive_walk, path)
        full, _ = best_time(naive_full, path)
        size = path.stat().st_size / 1e6
        print(f"{path.name[:36]:36} {size:6.2f} {count:6d} {parse:7.3f} {ours:9.3f} {naive:8.3f}"
              f" {ours / naive:6.2f} {_walk_ratio(ours, naive, parse):>5} {full:7.3f}"
              f" {ours / full:6.2f} {_walk_ratio(ours, full, parse):>5}")
    print("extract: open + every element record (matbank); naive: open + util.element material")
    print("and quantity sets; full: open + util helpers for materials, all psets, type,")
    print("container and classification. ratio = extract / other; walk = the same ratio")
    print("after subtracting the bare open. Below 1: matbank is faster.")


def _arguments(argv: list[str]) -> tuple[list[Path], int]:
    synthetic = 0
    if "--synthetic" in argv:
        at = argv.index("--synthetic")
        synthetic = int(argv[at + 1])
        argv = argv[:at] + argv[at + 2:]
    return [Path(p) for p in argv], synthetic


if __name__ == "__main__":
    given, synthetic = _arguments(sys.argv[1:])
    if not given and SAMPLES.is_dir():
        given = sorted(SAMPLES.glob("*.ifc"))
    elif not given and not synthetic:
        print(f"skipped: sample models not found at {SAMPLES}")
        sys.exit(0)
    with tempfile.TemporaryDirectory() as folder:
        extra = [synthetic_model(synthetic, Path(folder))] if synthetic else []
        main(given + extra)

"""How much of each sample model links automatically with only the shipped generic database.

Every model in ../shared/data/ifc is uploaded to a fresh matbank (temporary SQLite), imported
and refined by the real jobs. Per model it prints:

- names: the share of distinct material names that link. The names are those an element
  carries to matching: each layer / constituent of a split element, otherwise the element's
  own material names. A name counts as linked when at least one element part that carries
  it as its only material linked (a name seen only inside an unsplit multi-material list is
  matched as part of the combined text, and counts as linked only if that element links).
- elements: the share of elements with a material that link. An element links when it is
  linked itself or, for a split element, when every part with a material is linked.

Both rates are printed twice: over every name, and over the names that carry material
information only. A name such as "<Unnamed>", "Solid" (an ArchiCAD fill) or a tool's default
material ("Suelos por defecto") says nothing about the material, so no database term should
link it; the rule is ``matbank.refinement.interpretations.names_no_material``. An element
whose every material name is such a placeholder leaves the second element rate; a part that
carries one is left out of its element's "every part linked" test there.

Then it lists the names that miss, with the number of element parts carrying them.

    .venv/bin/python benchmarks/match_rate.py [model.ifc ...]
"""

from __future__ import annotations

import sys
import tempfile
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from platform_harness import SAMPLES, Platform  # noqa: E402

from matbank.refinement.interpretations import names_no_material  # noqa: E402

TARGET = 0.80


@dataclass
class Rates:
    names: dict[str, bool] = field(default_factory=dict)
    carriers: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    elements: list[bool] = field(default_factory=list)

    def name_rate(self) -> float:
        return sum(self.names.values()) / max(len(self.names), 1)

    def element_rate(self) -> float:
        return sum(self.elements) / max(len(self.elements), 1)


def _names(part) -> list[str]:
    return part.material_names or [part.material_name]


def rates_of(rows: list, material_names_only: bool = False) -> Rates:
    """The rates over all names, or (``material_names_only``) without placeholder names."""

    def counted(part) -> bool:
        return not material_names_only or not all(names_no_material(n) for n in _names(part))

    parts: dict[str, list] = defaultdict(list)
    for row in rows:
        if ":" in row.element_id and row.parent_element_id:
            parts[row.parent_element_id].append(row)
    rates = Rates()
    for row in rows:
        if ":" in row.element_id:
            continue
        carriers = [p for p in parts.get(row.element_id, []) if p.material_name] or (
            [row] if row.material_name else []
        )
        carriers = [p for p in carriers if counted(p)]
        if not carriers:
            continue
        linked = row.commodity_id is not None or all(p.commodity_id for p in carriers)
        rates.elements.append(linked)
        for part in carriers:
            for name in _names(part):
                if material_names_only and names_no_material(name):
                    continue
                rates.names[name] = rates.names.get(name, False) or part.commodity_id is not None
                rates.carriers[name] += 1
    return rates


@dataclass
class Measured:
    default: Rates  # default rule, every name
    named: Rates  # default rule, names with material information only
    by_name: Rates  # functional-unit mismatches allowed, every name
    status: str


def measure(platform: Platform, path: Path) -> Measured:
    """Rates under the default rule, then again with functional-unit mismatches allowed."""
    file_id = platform.upload(path)
    platform.run_jobs()
    status = platform.status(file_id)["status"]
    rows = platform.elements(file_id)
    default, named = rates_of(rows), rates_of(rows, material_names_only=True)
    platform.set_account_presets({"allowFunctionalUnitMismatch": True})
    platform.restart_refinement(file_id)
    platform.run_jobs()
    by_name = rates_of(platform.elements(file_id))
    platform.set_account_presets({})
    return Measured(default, named, by_name, status)


def _cell(rates: Rates) -> str:
    names, elements = sum(rates.names.values()), sum(rates.elements)
    return (
        f"{names:3d}/{len(rates.names):<3d} {rates.name_rate():4.0%} "
        f"{elements:4d}/{len(rates.elements):<4d} {rates.element_rate():4.0%}"
    )


def _below(rates: Rates) -> bool:
    return min(rates.name_rate(), rates.element_rate()) < TARGET


def main(paths: list[Path]) -> int:
    below = {"all": False, "named": False}
    misses: dict[str, list[str]] = {}
    with tempfile.TemporaryDirectory() as folder:
        platform = Platform(Path(folder))
        print(
            f"{'':34} {'default rule: names, elements':>30} {'material names only':>30} "
            f"{'any unit: names, elements':>30}"
        )
        for path in paths:
            m = measure(platform, path)
            print(
                f"{path.name[:34]:34} {_cell(m.default):>30} {_cell(m.named):>30} "
                f"{_cell(m.by_name):>30}  {m.status}"
            )
            below["all"] |= _below(m.default)
            below["named"] |= _below(m.named)
            misses[path.name] = [
                f"{name!r} ({m.default.carriers[name]}"
                f"{'' if m.by_name.names[name] else ', no term'}"
                f"{', placeholder' if names_no_material(name) else ''})"
                for name, linked in sorted(m.default.names.items())
                if not linked
            ]
        platform.close()
    print(f"target: at least {TARGET:.0%} of names and of elements on every model (default rule)")
    for key, label in (("all", "every name"), ("named", "material names only")):
        print(f"  {label}: {'missed on some model' if below[key] else 'met on every model'}")
    print("material names only: without names that carry no material information (placeholder)")
    print("any unit: the same with allowFunctionalUnitMismatch, i.e. the names matching recognises")
    for name, missed in misses.items():
        if missed:
            print(f"- {name}: not linked (parts; 'no term' = not recognised): {', '.join(missed)}")
    return 1 if below["all"] else 0


if __name__ == "__main__":
    given = [Path(p) for p in sys.argv[1:]]
    if not given:
        if not SAMPLES.is_dir():
            print(f"skipped: sample models not found at {SAMPLES}")
            sys.exit(0)
        given = sorted(SAMPLES.glob("*.ifc"))
    sys.exit(main(given))

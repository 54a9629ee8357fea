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


def rates_of(rows: list) -> Rates:
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
        if not carriers:
            continue
        linked = row.commodity_id is not None or all(p.commodity_id for p in carriers)
        rates.elements.append(linked)
        for part in carriers:
            for name in part.material_names or [part.material_name]:
                rates.names[name] = rates.names.get(name, False) or part.commodity_id is not None
                rates.carriers[name] += 1
    return rates


def measure(platform: Platform, path: Path) -> tuple[Rates, Rates, str]:
    """Rates under the default rule, then again with functional-unit mismatches allowed."""
    file_id = platform.upload(path)
    platform.run_jobs()
    status = platform.status(file_id)["status"]
    default = rates_of(platform.elements(file_id))
    platform.set_account_presets({"allowFunctionalUnitMismatch": True})
    platform.restart_refinement(file_id)
    platform.run_jobs()
    by_name = rates_of(platform.elements(file_id))
    platform.set_account_presets({})
    return default, by_name, status


def _cell(rates: Rates) -> str:
    names, elements = sum(rates.names.values()), sum(rates.elements)
    return (
        f"{names:3d}/{len(rates.names):<3d} {rates.name_rate():4.0%} "
        f"{elements:4d}/{len(rates.elements):<4d} {rates.element_rate():4.0%}"
    )


def main(paths: list[Path]) -> int:
    missed_target = False
    misses: dict[str, list[str]] = {}
    with tempfile.TemporaryDirectory() as folder:
        platform = Platform(Path(folder))
        print(f"{'':36} {'default rule: names, elements':>30}   {'any unit: names, elements':>30}")
        for path in paths:
            default, by_name, status = measure(platform, path)
            print(f"{path.name[:36]:36} {_cell(default):>30}   {_cell(by_name):>30}  {status}")
            missed_target |= min(default.name_rate(), default.element_rate()) < TARGET
            misses[path.name] = [
                f"{name!r} ({default.carriers[name]}{'' if by_name.names[name] else ', no term'})"
                for name, linked in sorted(default.names.items())
                if not linked
            ]
        platform.close()
    print(f"target: at least {TARGET:.0%} of names and of elements on every model (default rule)")
    print("any unit: the same with allowFunctionalUnitMismatch, i.e. the names matching recognises")
    for name, missed in misses.items():
        if missed:
            print(f"- {name}: not linked (parts; 'no term' = not recognised): {', '.join(missed)}")
    return 1 if missed_target else 0


if __name__ == "__main__":
    given = [Path(p) for p in sys.argv[1:]]
    if not given:
        if not SAMPLES.is_dir():
            print(f"skipped: sample models not found at {SAMPLES}")
            sys.exit(0)
        given = sorted(SAMPLES.glob("*.ifc"))
    sys.exit(main(given))

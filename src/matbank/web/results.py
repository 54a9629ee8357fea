"""A building's stored results shaped for the page: headline figures, bar charts (mass per
layer, MCI per layer, material flows, GWP per life-cycle module, value per family) and the
mass matrix as a table.

Results are read, never computed here: building processing stores them as one document with
a part per results endpoint (``mass``, ``circularity``, ``flows``, ``environmental``,
``financial``). Parts that are missing are skipped; a document of another shape is shown
generically (numbers as figures, flat mappings as charts, nested ones as tables).
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from numbers import Real
from typing import Any

from sqlalchemy.orm import Session

from matbank.web.repository import PageRepository

Figure = tuple[str, float, str]


@dataclass(frozen=True)
class Bar:
    label: str
    value: float
    percent: float


@dataclass
class Chart:
    title: str
    bars: list[Bar]


@dataclass
class Matrix:
    title: str
    columns: list[str]
    rows: list[tuple[str, list[float | None]]]


@dataclass
class Section:
    title: str
    figures: list[Figure] = field(default_factory=list)
    charts: list[Chart] = field(default_factory=list)
    matrices: list[Matrix] = field(default_factory=list)


@dataclass
class ResultsView:
    computed_at: datetime
    sections: list[Section]


def title(key: str) -> str:
    """``massPerLayer`` -> ``Mass per layer``."""
    words = re.sub(r"(?<=[a-z0-9])(?=[A-Z])", " ", key).split()
    text = " ".join(w if w.isupper() else w.lower() for w in words)
    return text[:1].upper() + text[1:]


def _is_number(value: Any) -> bool:
    return isinstance(value, Real) and not isinstance(value, bool)


def _numbers(value: Any) -> dict[str, float]:
    if not isinstance(value, dict):
        return {}
    return {str(k): float(v) for k, v in value.items() if _is_number(v)}


def chart(name: str, values: dict[str, float]) -> Chart:
    biggest = max((abs(v) for v in values.values()), default=0.0) or 1.0
    return Chart(name, [Bar(k, v, 100.0 * abs(v) / biggest) for k, v in values.items()])


def matrix(name: str, values: dict[str, dict[str, Any]]) -> Matrix:
    columns = sorted({c for row in values.values() for c in row})
    rows = [(str(r), [row.get(c) for c in columns]) for r, row in values.items()]
    return Matrix(name, columns, rows)


def _mass(part: dict[str, Any]) -> Section:
    section = Section("Mass")
    section.figures = [
        ("Total mass", part.get("total", 0.0), "kg"),
        ("Mass per m²", part.get("perSquareMetre", 0.0), "kg/m²"),
    ]
    section.charts = [
        chart("Mass per layer (kg)", _numbers(part.get("layers"))),
        chart("Mass per material family (kg)", _numbers(part.get("families"))),
    ]
    if part.get("matrix"):
        section.matrices = [matrix("Mass matrix: layer × material family (kg)", part["matrix"])]
    return section


def _circularity(part: dict[str, Any]) -> Section:
    building = part.get("building") or {}
    per_layer = {k: (v or {}).get("ci", 0.0) for k, v in (part.get("layers") or {}).items()}
    return Section(
        "Circularity",
        figures=[
            ("Material circularity indicator (MCI)", building.get("ci", 0.0), ""),
            ("Madaster circularity score", part.get("madasterCiScore", 0.0), ""),
        ],
        charts=[chart("MCI per layer", per_layer)],
    )


def _flows(part: dict[str, Any]) -> Section:
    totals = {title(k): v for k, v in _numbers(part.get("total")).items()}
    return Section("Material flows", charts=[chart("Flows (kg)", totals)])


def _environmental(part: dict[str, Any]) -> Section:
    modules = (part.get("building") or {}).get("modules") or {}
    gwp = next((k for k in sorted(modules, key=len) if k.lower().startswith("gwp")), None)
    section = Section("Environmental impact")
    if gwp is not None:
        section.charts = [chart(f"{gwp} per life-cycle module", _numbers(modules[gwp]))]
    totals = _numbers(part.get("perSquareMetre"))
    section.figures = [(f"{k} per m²", v, "") for k, v in totals.items() if k == gwp]
    return section


def _financial(part: dict[str, Any]) -> Section:
    currency = part.get("currency", "")
    return Section(
        "Value",
        figures=[
            ("Current value", part.get("currentValue", 0.0), currency),
            ("Net present value", part.get("netPresentValue", 0.0), currency),
        ],
        charts=[
            chart(f"Current value per material family ({currency})", _numbers(part.get("families")))
        ],
    )


_PARTS: dict[str, Callable[[dict[str, Any]], Section]] = {
    "mass": _mass,
    "circularity": _circularity,
    "flows": _flows,
    "environmental": _environmental,
    "financial": _financial,
}


def _generic(results: dict[str, Any]) -> Section:
    section = Section("Results")
    for key, value in results.items():
        if _is_number(value):
            section.figures.append((title(key), float(value), ""))
        elif _numbers(value) and len(_numbers(value)) == len(value):
            section.charts.append(chart(title(key), _numbers(value)))
        elif isinstance(value, dict) and value and all(isinstance(v, dict) for v in value.values()):
            section.matrices.append(matrix(title(key), value))
    return section


def shape(results: dict[str, Any], computed_at: datetime) -> ResultsView:
    if isinstance(results.get("mass"), dict):
        sections = [
            build(results[name])
            for name, build in _PARTS.items()
            if isinstance(results.get(name), dict)
        ]
    else:
        sections = [_generic(results)]
    for section in sections:
        section.charts = [c for c in section.charts if c.bars]
    return ResultsView(computed_at=computed_at, sections=sections)


def building_results(session: Session, building_id: uuid.UUID) -> ResultsView | None:
    """The stored results of a building the caller may see, or None before the first run."""
    stored = PageRepository(session).stored_results(building_id)
    if stored is None or not stored.results:
        return None
    return shape(stored.results, stored.computed_at)

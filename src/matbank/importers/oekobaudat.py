"""ÖKOBAUDAT CSV export (cp1252, ``;``-separated, one row per dataset and module) as records.

One commodity per dataset UUID: a Product in the dataset's declared unit (m³, m², m, piece,
kg, MJ) with its density per unit and one LCA holding a phase per module. Values are
normalised to one declared unit when the reference quantity is not 1.
"""

from __future__ import annotations

import csv
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from itertools import chain, compress
from operator import itemgetter
from typing import IO, Any

from matbank.importers.commodity_records import CommodityRecord, RowError, number

ENCODING = "cp1252"
UNITS = {
    "m3": "Volume",
    "qm": "Area",
    "m2": "Area",
    "m": "Length",
    "pcs.": "Quantity",
    "kg": "Weight",
    "MJ": "Energy",
    "kWh": "Energy",
}
MODULES = {
    "A1-A3": "A1_A3",
    "A4": "A4",
    "A5": "A5",
    "B1": "B1",
    "B2": "B2",
    "B3": "B3",
    "B4": "B4",
    "B5": "B5",
    "B6": "B6",
    "B7": "B7",
    "C1": "C1",
    "C2": "C2",
    "C3": "C3",
    "C4": "C4",
    "D": "D",
}
SPLIT_MODULES = ("A1", "A2", "A3")
#: The phase a ``Modul`` cell names: the EN 15804 modules, and A1, A2, A3 until they are summed.
PHASES = {**MODULES, **{module: module for module in SPLIT_MODULES}}
FLOWS = {
    "PERE": "pere",
    "PERM": "perm",
    "PERT": "pert",
    "PENRE": "penre",
    "PENRM": "penrm",
    "PENRT": "penrt",
    "SM": "sm",
    "RSF": "rsf",
    "NRSF": "nrsf",
    "FW": "fw",
    "HWD": "hwd",
    "NHWD": "nhwd",
    "RWD": "rwd",
    "MFR": "mfr",
    "MER": "mer",
    "EEE": "eee",
    "EET": "ete",
}
A1_INDICATORS = {
    "GWP": "globalWarmingPotential",
    "ODP": "ozoneDeplationPotential",
    "POCP": "photoChemicalOxydantFormation",
    "AP": "acidificationPotentialOfLandAndWater",
    "EP": "eutrophicationPotential",
    "ADPE": "abioticDeplationNonFossile",
    "ADPF": "abioticDeplationFossile",
    **FLOWS,
}
A2_INDICATORS = {
    "GWPtotal (A2)": "globalWarmingPotentialTotal",
    "GWPfossil (A2)": "globalWarmingPotentialFossil",
    "GWPbiogenic (A2)": "globalWarmingPotentialBiogenic",
    "GWPluluc (A2)": "globalWarmingPotentialLuluc",
    "ODP (A2)": "ozoneDeplationPotential",
    "AP (A2)": "acidificationPotentialAccumulatedExceedance",
    "EPfreshwater (A2)": "eutrophicationPotentialFreshWater",
    "EPmarine (A2)": "eutrophicationPotentialMarineWater",
    "EPterrestrial (A2)": "eutrophicationTerrestrial",
    "POCP (A2)": "photoOxidantCreationPotential",
    "ADPE (A2)": "abioticDeplationNonFossile",
    "ADPF (A2)": "abioticDeplationFossile",
    "WDP (A2)": "waterUseDeprivationPotential",
    "PM (A2)": "potentialIncidenceOfDiseaseDueToPMEmissions",
    "IRP (A2)": "potentialHumanExposureEfficiencyRelativeToU235",
    "ETPfw (A2)": "ecoTox",
    "HTPc (A2)": "humanToxCancer",
    "HTPnc (A2)": "humanToxNonCancer",
    "SOP (A2)": "potentialSoilQualityIndex",
}
A1_BLOCK, A2_BLOCK = "EN15804_2012_04_A1_2013", "EN15804_2012_A2_2019"
#: Country of datasets declared for a region (RER, EU-27, GLO): the database's own country.
DEFAULT_COUNTRY = "de"
REQUIRED = ("UUID", "Name (de)", "Bezugsgroesse", "Bezugseinheit", "Modul", "GWP")
#: The columns ``_start``, ``_meta`` and ``_mass`` read from a dataset's first row (only
#: these are looked up: a column they read must be listed here).
DESCRIPTIVE = (
    "UUID",
    "Version",
    "Name (de)",
    "Name (en)",
    "Kategorie (original)",
    "Kategorie (en)",
    "Laenderkennung",
    "Typ",
    "Referenzjahr",
    "Gueltig bis",
    "Declaration owner",
    "Registrierungsnummer",
    "Bezugsgroesse",
    "Bezugseinheit",
    "Schuettdichte (kg/m3)",
    "Flaechengewicht (kg/m2)",
    "Rohdichte (kg/m3)",
    "Schichtdicke (m)",
    "Laengengewicht (kg/m)",
    "Umrechungsfaktor auf 1kg",
)
#: A phase's position in an LCA's list of phases.
ORDER = {phase: position for position, phase in enumerate(MODULES.values())}


@dataclass
class _Dataset:
    record: CommodityRecord
    scale: float
    meta: dict[str, Any] = field(default_factory=dict)
    phases: dict[str, dict[str, dict[str, float]]] = field(default_factory=dict)


def read(stream: IO[str]) -> Iterator[CommodityRecord | RowError]:
    """Records of an ÖKOBAUDAT export; rows of one dataset are consecutive in the export."""
    reader = _rows(stream)
    header = [h.strip().lstrip("\ufeff") for h in next(reader, [])]
    missing = [name for name in REQUIRED if name not in header]
    if missing:
        yield RowError(1, f"not an ÖKOBAUDAT export: column(s) {', '.join(missing)} missing")
        return
    columns = _Columns(header)
    width, at = len(header), columns.uuid
    current: _Dataset | None = None
    for index, cells in enumerate(reader, start=2):
        if len(cells) < width:
            cells = cells + [""] * (width - len(cells))
        uuid = cells[at].strip()
        if not uuid and not any(c.strip() for c in cells):
            continue
        if current is not None and uuid != current.record.external_id:
            yield _finish(current)
            current = None
        try:
            if current is None:
                current = _start(index, columns.descriptive(cells))
            _add_module(current, cells, columns)
        except ValueError as exc:
            yield RowError(index, str(exc))
    if current is not None:
        yield _finish(current)


def _rows(stream: IO[str]) -> Iterator[list[str]]:
    """The export's rows, as ``csv.reader`` with ``;`` gives them. ÖKOBAUDAT quotes nothing,
    and a line without a quote character is simply split, at two thirds of the csv module's
    cost; from the first line that holds one, the csv module reads the rest."""
    for line in stream:
        if '"' in line or "\0" in line:
            yield from csv.reader(chain([line], stream), delimiter=";")
            return
        line = line.rstrip("\r\n")
        yield line.split(";") if line else []


@dataclass(frozen=True, slots=True)
class _Block:
    """The indicator columns of one EN 15804 block: a getter of their cells (one C call per
    row), the indicators' wire names and the file's column names, in the same order."""

    name: str
    cells: Callable[[list[str]], tuple[str, ...]]
    targets: tuple[str, ...]
    sources: tuple[str, ...]


class _Columns:
    """Column positions, looked up once per file."""

    def __init__(self, header: list[str]) -> None:
        position = {name: i for i, name in enumerate(header)}
        self.uuid = position["UUID"]
        self.module = position["Modul"]
        names = [name for name in DESCRIPTIVE if name in position]
        cells = _getter([position[name] for name in names])
        self.descriptive = lambda row: dict(zip(names, cells(row), strict=True))
        self.blocks = []
        for block, indicators in ((A1_BLOCK, A1_INDICATORS), (A2_BLOCK, A2_INDICATORS)):
            found = [(s, t) for s, t in indicators.items() if s in position]
            if found:
                self.blocks.append(
                    _Block(
                        block,
                        _getter([position[s] for s, _ in found]),
                        tuple(t for _, t in found),
                        tuple(s for s, _ in found),
                    )
                )


def _getter(positions: list[int]) -> Callable[[list[str]], tuple[str, ...]]:
    if len(positions) == 1:
        (only,) = positions
        return lambda cells: (cells[only],)
    return itemgetter(*positions)


def _start(index: int, row: dict[str, str]) -> _Dataset:
    uuid = row["UUID"].strip()
    if not uuid:
        raise ValueError("UUID is empty")
    names = {"de": row["Name (de)"].strip(), "en": row.get("Name (en)", "").strip()}
    names = {k: v for k, v in names.items() if v}
    if not names:
        raise ValueError("the dataset has no name")
    size = number(row["Bezugsgroesse"], name="Bezugsgroesse")
    if size is None or size <= 0:
        raise ValueError(f"Bezugsgroesse '{row['Bezugsgroesse']}' is not a positive number")
    unit = UNITS.get(row["Bezugseinheit"].strip(), "OtherUnit")
    record = CommodityRecord(
        row=index,
        external_id=uuid,
        commodity_type="Product",
        names=names,
        functional_unit=unit,
        default_amount=1.0,
        do_not_use_bill_of_materials=True,
        descriptions={
            k: v.strip()
            for k, v in (
                ("de", row.get("Kategorie (original)", "")),
                ("en", row.get("Kategorie (en)", "")),
            )
            if v.strip()
        },
    )
    _mass(record, row)
    source = f"ÖKOBAUDAT dataset {uuid} version {row.get('Version', '').strip()}"
    record.sources = {"density": source, "lca": source}
    return _Dataset(record=record, scale=1.0 / size, meta=_meta(row, uuid))


def _meta(row: dict[str, str], uuid: str) -> dict[str, Any]:
    """The LCA's descriptive fields from the dataset's first row."""
    country = row.get("Laenderkennung", "").strip().lower()
    meta: dict[str, Any] = {
        "isoCode": country if len(country) == 2 and country.isalpha() else DEFAULT_COUNTRY,
        "owner": row.get("Declaration owner", "").strip()[:400] or None,
        "referenceYear": _year(row.get("Referenzjahr", "")),
        "validUntilYear": _year(row.get("Gueltig bis", "")),
        "datasetType": row.get("Typ", "").strip()[:400] or None,
        "UUID": uuid,
        "registrationNumber": row.get("Registrierungsnummer", "").strip()[:400] or None,
        "version": row.get("Version", "").strip()[:400] or None,
    }
    return {k: v for k, v in meta.items() if v is not None}


def _year(text: str) -> int | None:
    text = text.strip()
    return int(text) if text.isdigit() and 1900 <= int(text) <= 2200 else None


def _mass(record: CommodityRecord, row: dict[str, str]) -> None:
    def value(name: str) -> float | None:
        return number(row.get(name, ""), name=name)

    if record.functional_unit == "Volume":
        record.density = value("Rohdichte (kg/m3)") or value("Schuettdichte (kg/m3)")
    elif record.functional_unit == "Area":
        record.density = value("Flaechengewicht (kg/m2)")
        thickness = value("Schichtdicke (m)")
        if thickness:
            record.dimensions = {"fixedHeight": thickness}
    elif record.functional_unit == "Length":
        record.density = value("Laengengewicht (kg/m)")
    elif record.functional_unit == "Quantity":
        factor = value("Umrechungsfaktor auf 1kg")
        record.weight = 1.0 / factor if factor else None


def _add_module(dataset: _Dataset, cells: list[str], columns: _Columns) -> None:
    module = cells[columns.module]
    phase = PHASES.get(module) or PHASES.get(module.strip())
    if phase is None:
        raise ValueError(f"Modul '{module.strip()}' is not an EN 15804 module")
    if phase in dataset.phases:
        return  # a further scenario of the same module: the first one is kept
    blocks: dict[str, dict[str, float]] = {}
    for block in columns.blocks:
        texts = block.cells(cells)
        if any(texts):
            blocks[block.name] = _figures(block, texts, dataset.scale)
    if blocks:
        dataset.phases[phase] = blocks


def _figures(block: _Block, texts: tuple[str, ...], scale: float) -> dict[str, float]:
    """The block's non-empty cells as numbers per declared unit. The cells are parsed by one
    ``map(float, ...)``; only a row holding a bad or non-finite figure is walked cell by cell,
    to name the column."""
    try:
        amounts = list(map(float, filter(None, texts)))
        total = sum(amounts)
        finite = total - total == 0  # false when a figure is NaN or infinite (or they overflow)
    except ValueError:
        finite = False
    if not finite:
        pairs = zip(texts, block.sources, strict=True)
        amounts = [_figure(text, source) for text, source in pairs if text]
    if scale != 1.0:
        amounts = [amount * scale for amount in amounts]
    return dict(zip(compress(block.targets, texts), amounts, strict=True))


def _figure(text: str, source: str) -> float:
    try:
        amount = float(text)
    except ValueError:
        raise ValueError(f"{source}: '{text}' is not a number") from None
    if amount - amount != 0:
        raise ValueError(f"{source}: '{text}' is not a finite number")
    return amount


def _finish(dataset: _Dataset) -> CommodityRecord:
    record, phases = dataset.record, dataset.phases
    if "A1_A3" not in phases and all(m in phases for m in SPLIT_MODULES):
        phases["A1_A3"] = _sum(phases[m] for m in SPLIT_MODULES)
    for module in SPLIT_MODULES:
        phases.pop(module, None)
    if phases:
        record.lcas = [_lca(dataset.meta, phases)]
    return record


def _sum(parts: Any) -> dict[str, dict[str, float]]:
    parts = list(parts)
    total: dict[str, dict[str, float]] = {}
    for block in {b for part in parts for b in part}:
        keys = set.intersection(*(set(part.get(block, {})) for part in parts))
        total[block] = {k: sum(part[block][k] for part in parts) for k in keys}
    return {b: v for b, v in total.items() if v}


def _lca(meta: dict[str, Any], phases: dict[str, dict[str, dict[str, float]]]) -> dict[str, Any]:
    blocks = {b for p in phases.values() for b in p}
    compliance = [
        name
        for name, block in (("EN 15804", A1_BLOCK), ("EN 15804+A2", A2_BLOCK))
        if block in blocks
    ]
    return {
        **meta,
        "compliance": compliance,
        "phases": [{"phaseId": p, **phases[p]} for p in sorted(phases, key=ORDER.__getitem__)],
    }

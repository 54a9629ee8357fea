"""The passport's content as plain tables, shared by the PDF and the Excel renderer so both
print the same figures. Cells hold raw numbers; each renderer formats them."""

from __future__ import annotations

from dataclasses import dataclass

from matbank.calculations.environmental import MODULES
from matbank.passports.data import GWP_INDICATORS, ElementLine, PassportData
from matbank.passports.presets import Preset
from matbank.passports.schemas import DEFAULT_PRESET_ID
from matbank.schemas import localise
from matbank.system.catalogue import building_usages
from matbank.system.countries import local_name

Cell = str | float | int | None


class Share(float):
    """A fraction of a whole, printed as a percentage (the Excel sheet keeps the fraction)."""


@dataclass(frozen=True)
class Table:
    title: str
    header: tuple[str, ...]
    rows: list[tuple[Cell, ...]]


def usage_label(key: str, language: str) -> str:
    """The building usage in the passport's language (its key when it is not a known one)."""
    usage = building_usages().get(key)
    return localise(usage.names, language) if usage else key


def country_label(country: str | None, t: dict[str, str]) -> str | None:
    """The building's country in the passport's language, or as entered when unknown."""
    return local_name(country, t.get("_language", "en")) or country


def general(data: PassportData, t: dict[str, str], passport_type: str) -> Table:
    b = data.building
    street = " ".join(
        p for p in (b.address_street, b.address_housenumber, b.address_housenumber_addition) if p
    )
    address = ", ".join(p for p in (street, b.address_zipcode, b.address_city) if p)
    rows: list[tuple[Cell, ...]] = [
        (t["building"], b.name),
        (t["address"], address or t["not_available"]),
        (t["country"], country_label(b.address_country, t) or t["not_available"]),
        (t["phase"], t.get(f"phase_{b.phase}", b.phase)),
        (t["usage"], usage_label(b.building_usage, t.get("_language", "en"))),
        (t["completion"], b.completion_date.date().isoformat()),
        (t["gfa"], data.context.get("grossFloorArea", 0.0)),
        (t["passport_type"], t.get(f"type_{passport_type}", passport_type)),
    ]
    return Table(t["general"], (t["figure"], t["value"]), rows)


def key_figures(data: PassportData, t: dict[str, str]) -> Table:
    currency = data.financial.currency
    rows: list[tuple[Cell, ...]] = [
        (t["mass"], data.mass.total),
        (t["mass_per_m2"], data.mass.per_square_metre),
        (t["mci"], data.circularity.madaster_ci_score),
        (t["gwp"], data.gwp),
        (f"{t['current_value']} ({currency})", data.financial.current_value),
        (f"{t['npv']} ({currency})", data.financial.net_present_value),
        (t["elements"], data.context.get("elementCount", 0)),
        (t["included_elements"], data.context.get("includedElementCount", 0)),
    ]
    return Table(t["key_figures"], (t["figure"], t["value"]), rows)


def mass(data: PassportData, t: dict[str, str]) -> Table:
    families = list(data.mass.families)
    rows: list[tuple[Cell, ...]] = [
        (layer, *(data.mass.matrix.get(layer, {}).get(f, 0.0) for f in families), kg)
        for layer, kg in data.mass.layers.items()
    ]
    rows.append((t["total"], *data.mass.families.values(), data.mass.total))
    return Table(t["section_mass"], (t["layer"], *families, t["total"]), rows)


def circularity(data: PassportData, t: dict[str, str]) -> Table:
    scores = {**data.circularity.layers, t["total"]: data.circularity.building}
    rows: list[tuple[Cell, ...]] = [(name, s.mass, s.ci) for name, s in scores.items()]
    return Table(t["section_circularity"], (t["layer"], t["mass"], t["mci"]), rows)


def flows(data: PassportData, t: dict[str, str]) -> Table:
    kg = data.flows.total.model_dump()
    shares = data.flows.shares.model_dump()
    rows: list[tuple[Cell, ...]] = [
        (t.get(f"flow_{name}", name), kg[name], Share(shares[name])) for name in kg
    ]
    return Table(t["section_flows"], (t["flow"], t["mass"], t["share"]), rows)


def detachability(data: PassportData, t: dict[str, str]) -> Table:
    scores = {**data.detachability.layers, t["total"]: data.detachability.building}
    rows: list[tuple[Cell, ...]] = [(n, s.index, Share(s.quality)) for n, s in scores.items()]
    return Table(t["section_detachability"], (t["layer"], t["index"], t["quality"]), rows)


def _selected_indicators(data: PassportData, preset: Preset) -> list[str]:
    """The preset's indicators the results have; without a selection, every indicator."""
    stored = list(data.environmental.building.modules)
    if preset.environmental is None:
        return stored
    return [name for name in preset.environmental.indicators if name in stored]


def _selected_modules(data: PassportData, preset: Preset) -> list[str]:
    if preset.environmental is not None:
        return [m for m in MODULES if m in preset.environmental.modules]
    return list(MODULES)


def environmental_selection(
    data: PassportData, preset: Preset
) -> tuple[str | None, dict[str, float]]:
    """The indicator a chart shows (the preset's first, else global warming potential) and
    its value per selected module, module D last."""
    indicators = _selected_indicators(data, preset)
    if preset.environmental is None:
        indicators = [name for name in GWP_INDICATORS if name in indicators] or indicators
    if not indicators:
        return None, {}
    indicator = indicators[0]
    modules = _selected_modules(data, preset)
    values = {module: _impact(data, indicator, module) for module in modules}
    return indicator, values


def _impact(data: PassportData, indicator: str, module: str) -> float:
    impacts = data.environmental.building
    if module == "D":
        return impacts.module_d.get(indicator, 0.0)
    return impacts.modules[indicator].get(module, 0.0)


def environmental(data: PassportData, t: dict[str, str], preset: Preset | None = None) -> Table:
    """[INTERP] Each selected indicator per selected module (without a selection, the modules
    with an impact); a preset asking for another compliance than the results were computed
    with shows the results' compliance in the title."""
    preset = preset or Preset(DEFAULT_PRESET_ID, "", ())
    explicit = preset.environmental is not None
    rows: list[tuple[Cell, ...]] = []
    for indicator in _selected_indicators(data, preset):
        for module in _selected_modules(data, preset):
            value = _impact(data, indicator, module)
            if value or explicit:
                rows.append((indicator, module, value))
    header = (t["indicator"], t["module"], t["value"])
    return Table(f"{t['section_environmental']} ({data.environmental.compliance})", header, rows)


def financial(data: PassportData, t: dict[str, str]) -> Table:
    rows: list[tuple[Cell, ...]] = list(data.financial.families.items())
    rows.append((t["total"], data.financial.current_value))
    header = (t["family"], f"{t['current_value']} ({data.financial.currency})")
    return Table(t["section_financial"], header, rows)


SECTIONS = {
    "mass": mass,
    "circularity": circularity,
    "flows": flows,
    "detachability": detachability,
    "financial": financial,
}


def section_table(section: str, data: PassportData, t: dict[str, str], preset: Preset) -> Table:
    """The table of one result section as the preset selects it."""
    if section == "environmental":
        return environmental(data, t, preset)
    return SECTIONS[section](data, t)


def layer_elements(layer: str, lines: list[ElementLine], t: dict[str, str]) -> Table:
    header = (t["element"], t["name"], t["material"], t["product"], t["volume"], t["area"])
    rows: list[tuple[Cell, ...]] = [
        (e.element_id, e.name, e.material, e.product, e.volume, e.area, e.mass) for e in lines
    ]
    return Table(f"{t['section_elements']} {layer}", (*header, t["mass"]), rows)


def product_annex(data: PassportData, t: dict[str, str]) -> Table:
    totals: dict[str, list[float]] = {}
    for line in data.elements:
        entry = totals.setdefault(line.product or t["not_available"], [0, 0.0])
        entry[0] += 1
        entry[1] += line.mass or 0.0
    rows: list[tuple[Cell, ...]] = [
        (name, int(count), kg) for name, (count, kg) in sorted(totals.items())
    ]
    return Table(t["product_annex"], (t["product"], t["count"], t["mass"]), rows)

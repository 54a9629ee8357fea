"""Environmental values of a product computed from its bill of materials (§4.4).

A product whose commodity sets ``calculateEnvironmentValuesFromBillOfMaterials`` takes its LCA
from its children instead of its own datasets. Per reference amount of the product, for every
indicator i and module m:

    LCA_i,m = M × Σ_c s_c · e_c,i,m

* M is the product's mass per reference amount (after its bill of materials, or as entered
  when the bill of materials is not used for the mass);
* s_c = w_c / Σ w is the mass share of BoM line c, with w_c its kg per parent unit exactly as
  the mass resolution counts it (``bom.child_weight``: by weight, by pieces, or in the
  child's own unit);
* e_c,i,m is the child's impact per kilogram: its dataset's value when the dataset is
  declared per kg (materials), else the value divided by the child's mass per reference
  amount. A child that itself computes its values from its bill of materials contributes its
  own computed values.

When the product's mass comes from its bill of materials, M · s_c = w_c and the sum is the
domain's Σ child_qty × LCA_child: the impacts are the mass-weighted sum of the materials.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping

from matbank.calculations.bom import BomCommodity, ResolvedCommodity, child_weight
from matbank.calculations.environmental import LcaDataset
from matbank.calculations.errors import BillOfMaterialsCycle, BillOfMaterialsError
from matbank.calculations.interpretations import BOM_LCA_KNOWN_WHEN_ANY_CHILD_KNOWN

PerKg = tuple[dict[str, dict[str, float]], float | None]


def bill_of_materials_datasets(
    flagged: Collection[str],
    catalogue: Mapping[str, BomCommodity],
    resolved: Mapping[str, ResolvedCommodity],
    own: Mapping[str, LcaDataset | None],
    country: str,
    compliance: str,
) -> dict[str, LcaDataset]:
    """The computed dataset of every ``flagged`` commodity that has one.

    ``own`` holds each commodity's own dataset for the building's country and compliance
    (``None`` when it has none). The computed datasets are declared for ``country`` and
    ``compliance`` so that the building calculation selects them. A flagged commodity
    without usable children is left out: its own datasets keep applying.

    Worked example, a precast wall panel sold per m² with 0.2 m³ of concrete (a material of
    2 400 kg/m³, so 480 kg) and 12 kg of reinforcing steel per m²; concrete's LCA per kg has
    GWP A1-A3 0.1 and C3 0.01, steel's 1.5 and 0.05. The panel weighs 492 kg/m² and per m²

        A1-A3 = 480 × 0.1 + 12 × 1.5 = 48 + 18 = 66 kg CO2e
        C3    = 480 × 0.01 + 12 × 0.05 = 4.8 + 0.6 = 5.4 kg CO2e.
    """
    deriver = _Deriver(set(flagged), catalogue, resolved, own)
    found: dict[str, LcaDataset] = {}
    for commodity_id in sorted(flagged):
        try:
            per_kg = deriver.computed(commodity_id)
        except BillOfMaterialsCycle:
            continue  # the mass resolution refuses such a product as well
        mass = _mass(resolved, commodity_id)
        if per_kg is None or mass is None:
            continue
        impacts, cost = per_kg
        found[commodity_id] = LcaDataset(
            country=country,
            compliance=(compliance,),
            per_kg=False,
            impacts={ind: {m: v * mass for m, v in mods.items()} for ind, mods in impacts.items()},
            environmental_cost=None if cost is None else cost * mass,
        )
    return found


def _mass(resolved: Mapping[str, ResolvedCommodity], commodity_id: str) -> float | None:
    commodity = resolved.get(commodity_id)
    if commodity is None or not commodity.mass_per_unit or commodity.mass_per_unit <= 0:
        return None
    return commodity.mass_per_unit


class _Deriver:
    """Impacts per kg of commodities, computed from bills of materials where flagged."""

    __slots__ = ("_catalogue", "_done", "_flagged", "_own", "_path", "_resolved")

    def __init__(self, flagged: set[str], catalogue: Mapping[str, BomCommodity],
                 resolved: Mapping[str, ResolvedCommodity],
                 own: Mapping[str, LcaDataset | None]) -> None:
        self._flagged, self._catalogue = flagged, catalogue
        self._resolved, self._own = resolved, own
        self._done: dict[str, PerKg | None] = {}
        self._path: list[str] = []

    def per_kg(self, commodity_id: str) -> PerKg | None:
        """Impacts per kg of a commodity: computed from its BoM when flagged (and possible),
        else from its own dataset; ``None`` when it has neither."""
        if commodity_id not in self._done:
            value = self.computed(commodity_id) if commodity_id in self._flagged else None
            self._done[commodity_id] = value if value is not None else self._from_own(commodity_id)
        return self._done[commodity_id]

    def computed(self, commodity_id: str) -> PerKg | None:
        """Impacts per kg from the commodity's bill of materials alone (``None``: none)."""
        if commodity_id in self._path:
            start = self._path.index(commodity_id)
            raise BillOfMaterialsCycle((*self._path[start:], commodity_id))
        self._path.append(commodity_id)
        try:
            return self._from_children(commodity_id)
        finally:
            self._path.pop()

    def _from_own(self, commodity_id: str) -> PerKg | None:
        dataset = self._own.get(commodity_id)
        if dataset is None:
            return None
        scale = 1.0
        if not dataset.per_kg:
            mass = _mass(self._resolved, commodity_id)
            if mass is None:
                return None
            scale = 1.0 / mass
        impacts = {ind: {m: float(v or 0.0) * scale for m, v in mods.items()}
                   for ind, mods in dataset.impacts.items()}
        cost = dataset.environmental_cost
        return impacts, None if cost is None else cost * scale

    def _from_children(self, commodity_id: str) -> PerKg | None:
        lines = self._weights(commodity_id)
        total = sum(kg for _, kg in lines)
        if not lines or total <= 0:
            return None
        parts = [(kg / total, self.per_kg(child)) for child, kg in lines if kg > 0]
        if not any(p is not None for _, p in parts):
            return None
        if not BOM_LCA_KNOWN_WHEN_ANY_CHILD_KNOWN and any(p is None for _, p in parts):
            return None
        return _mix([(share, p) for share, p in parts if p is not None])

    def _weights(self, commodity_id: str) -> list[tuple[str, float]]:
        """(child id, kg per parent unit) of every BoM line; empty when one cannot be
        weighed (an unknown child, a child without mass)."""
        commodity = self._catalogue.get(commodity_id)
        if commodity is None:
            return []
        lines: list[tuple[str, float]] = []
        for child in commodity.children:
            resolved = self._resolved.get(child.commodity_id)
            known = self._catalogue.get(child.commodity_id)
            if resolved is None or known is None:
                return []
            try:
                lines.append((child.commodity_id,
                              child_weight(child, resolved, known.default_amount)))
            except BillOfMaterialsError:
                return []
        return lines


def _mix(parts: list[tuple[float, PerKg]]) -> PerKg:
    """Σ share × impacts per kg (and ECI per kg when any child has one)."""
    impacts: dict[str, dict[str, float]] = {}
    cost: float | None = None
    for share, (child_impacts, child_cost) in parts:
        for indicator, modules in child_impacts.items():
            target = impacts.setdefault(indicator, {})
            for module, value in modules.items():
                target[module] = target.get(module, 0.0) + share * value
        if child_cost is not None:
            cost = (cost or 0.0) + share * child_cost
    return impacts, cost

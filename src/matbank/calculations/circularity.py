"""Madaster Circularity Indicator (domain §4.2), after the EMF Material Circularity Indicator.

Per product of mass M the method compares the linear flow (virgin input V and unrecoverable
waste W) with a fully linear product (LFI), then CI = 1 − LFI·F(X). Every intermediate term is
kept in :class:`MciTerms` so that a score can be explained line by line.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from enum import StrEnum

from matbank.calculations.interpretations import (
    RECYCLED_CREDIT_INCLUDES_EFFICIENCY,
    madaster_ci_score,
    normalise_shares,
    rescale_remainder,
    use_phase_score,
)

#: Documented default efficiency of both feedstock (E_F) and end-of-life (E_C) recycling.
DEFAULT_RECYCLING_EFFICIENCY = 0.75
#: Documented constant utility F(X) used while no average lifespans exist.
CONSTANT_UTILITY = 0.9


#: Rounding slack accepted on fractions computed by mixing (e.g. 1.0000000000000002).
FRACTION_TOLERANCE = 1e-9


def _check_fraction(name: str, value: float) -> None:
    if not -FRACTION_TOLERANCE <= value <= 1.0 + FRACTION_TOLERANCE:
        raise ValueError(f"{name} must be a fraction in [0, 1], got {value}")


def _clamp_fractions(instance: object, names: tuple[str, ...]) -> None:
    """Validate, then pin values within rounding slack of 0 or 1 to the interval."""
    for name in names:
        value = getattr(instance, name)
        _check_fraction(name, value)
        if not 0.0 <= value <= 1.0:
            object.__setattr__(instance, name, min(1.0, max(0.0, value)))


def _check_efficiency(name: str, value: float) -> None:
    # An efficiency of 0 would make W_F infinite; importers treat 0 as "not given".
    if not 0.0 < value <= 1.0:
        raise ValueError(f"{name} must be in (0, 1], got {value}")


@dataclass(frozen=True, slots=True)
class Feedstock:
    """Input shares of a product (fractions of its mass). The unlisted rest is virgin
    non-renewable; no data at all therefore means 100 % virgin, as documented."""

    recycled: float = 0.0
    recycling_efficiency: float = DEFAULT_RECYCLING_EFFICIENCY
    reused: float = 0.0
    renewable_sustainable: float = 0.0
    renewable_other: float = 0.0

    def __post_init__(self) -> None:
        _clamp_fractions(self, ("recycled", "reused", "renewable_sustainable", "renewable_other"))
        _check_efficiency("recycling_efficiency", self.recycling_efficiency)

    def shares(self) -> tuple[float, float, float, float]:
        """(recycled, reused, renewable sustainable, renewable other), summing to at most 1."""
        r, u, rs, ro = normalise_shares(
            (self.recycled, self.reused, self.renewable_sustainable, self.renewable_other))
        return r, u, rs, ro


@dataclass(frozen=True, slots=True)
class Output:
    """End-of-life shares of a product. Incineration is the remainder, so no data at all means
    100 % incineration, as documented."""

    reuse: float = 0.0
    recycle: float = 0.0
    recycling_efficiency: float = DEFAULT_RECYCLING_EFFICIENCY
    landfill: float = 0.0

    def __post_init__(self) -> None:
        _clamp_fractions(self, ("reuse", "recycle", "landfill"))
        _check_efficiency("recycling_efficiency", self.recycling_efficiency)

    def shares(self) -> tuple[float, float, float, float]:
        """(reuse, recycle, landfill, incineration), summing to exactly 1."""
        u, r, lf = normalise_shares((self.reuse, self.recycle, self.landfill))
        return u, r, lf, max(0.0, 1.0 - u - r - lf)


@dataclass(frozen=True, slots=True)
class Circularity:
    """Circularity data of a commodity (or of a BoM child override)."""

    feedstock: Feedstock = field(default_factory=Feedstock)
    output: Output = field(default_factory=Output)


#: What a product without any circularity data is taken to be.
NO_CIRCULARITY_DATA = Circularity()


class UtilityMode(StrEnum):
    """How F(X) is chosen: the documented constant, or the older lifespan-based form."""

    CONSTANT = "constant"
    LIFESPAN = "lifespan"


@dataclass(frozen=True, slots=True)
class CircularityOptions:
    """Switches of the MCI method; the defaults follow the current Madaster docs."""

    utility_mode: UtilityMode = UtilityMode.CONSTANT
    recycled_credit_includes_efficiency: bool = RECYCLED_CREDIT_INCLUDES_EFFICIENCY


DEFAULT_CIRCULARITY_OPTIONS = CircularityOptions()


def effective_circularity(circularity: Circularity | None, reuse: float | None = None,
                          available_for_reuse: float | None = None) -> Circularity:
    """An element's circularity: the product's data with the element's reuse overrides.

    The element's reuse % becomes F_U and its "available for reuse %" becomes C_U; the rest of
    the mass keeps the product's split (see ``interpretations.rescale_remainder``).
    """
    base = circularity if circularity is not None else NO_CIRCULARITY_DATA
    fs, out = base.feedstock, base.output
    if reuse is not None:
        r, u, rs, ro = fs.shares()
        r, rs, ro = rescale_remainder((r, rs, ro), u, reuse)
        fs = replace(fs, recycled=r, reused=reuse, renewable_sustainable=rs, renewable_other=ro)
    if available_for_reuse is not None:
        u, r, lf, _ = out.shares()
        r, lf = rescale_remainder((r, lf), u, available_for_reuse)
        out = replace(out, reuse=available_for_reuse, recycle=r, landfill=lf)
    return Circularity(fs, out)


def utility_factor(mode: UtilityMode, lifespan: float | None = None,
                   average_lifespan: float | None = None) -> tuple[float, float]:
    """(F(X), X). Constant mode: (0.9, 1). Lifespan mode: X = L / L_av and F = 0.9 / X, falling
    back to the constant when either lifespan is unknown."""
    if mode is UtilityMode.LIFESPAN and lifespan and average_lifespan:
        x = lifespan / average_lifespan
        return CONSTANT_UTILITY / x, x
    return CONSTANT_UTILITY, 1.0


@dataclass(frozen=True, slots=True)
class MciTerms:
    """All terms of the MCI for one product or element of ``mass`` kg.

    Fractions: F_R, F_RS, F_U, C_R, C_U, E_F, E_C. Masses (kg): V, W0, W_C, W_F, W.
    Scores: LFI, F(X), X, the phase scores and the bounded CI.
    """

    mass: float
    f_r: float
    f_rs: float
    f_u: float
    c_r: float
    c_u: float
    e_f: float
    e_c: float
    v: float
    w0: float
    w_c: float
    w_f: float
    w: float
    lfi: float
    utility: float
    relative_lifespan: float
    construction_score: float
    use_phase_score: float
    end_of_life_score: float
    ci: float


def mci_terms(circularity: Circularity | None, mass: float = 1.0,
              options: CircularityOptions = DEFAULT_CIRCULARITY_OPTIONS,
              lifespan: float | None = None,
              average_lifespan: float | None = None) -> MciTerms:
    """The MCI of one product/element of ``mass`` kg (a mass of 0 still yields its scores).

    V = M(1 − F_R − F_RS − F_U); W0 = M(1 − C_R − C_U); W_C = M(1 − E_C)C_R;
    W_F = M(1 − E_F)F_R / E_F; W = W0 + (W_F + W_C)/2; LFI = (V + W) / (2M + (W_F − W_C)/2);
    CI = 1 − LFI·F(X), bounded to [0, 1].
    """
    c = circularity if circularity is not None else NO_CIRCULARITY_DATA
    recycled, f_u, f_rs, _ = c.feedstock.shares()
    e_f, e_c = c.feedstock.recycling_efficiency, c.output.recycling_efficiency
    f_r = recycled * e_f if options.recycled_credit_includes_efficiency else recycled
    c_u, c_r, _, _ = c.output.shares()
    v = max(0.0, 1.0 - f_r - f_rs - f_u)
    w0 = max(0.0, 1.0 - c_r - c_u)
    w_c = (1.0 - e_c) * c_r
    w_f = (1.0 - e_f) * f_r / e_f
    w = w0 + (w_f + w_c) / 2.0
    lfi = (v + w) / (2.0 + (w_f - w_c) / 2.0)
    utility, x = utility_factor(options.utility_mode, lifespan, average_lifespan)
    ci = min(1.0, max(0.0, 1.0 - lfi * utility))
    return MciTerms(
        mass=mass, f_r=f_r, f_rs=f_rs, f_u=f_u, c_r=c_r, c_u=c_u, e_f=e_f, e_c=e_c,
        v=v * mass, w0=w0 * mass, w_c=w_c * mass, w_f=w_f * mass, w=w * mass, lfi=lfi,
        utility=utility, relative_lifespan=x,
        construction_score=min(1.0, f_r + f_rs + f_u), use_phase_score=use_phase_score(x),
        end_of_life_score=min(1.0, c_r * e_c + c_u), ci=ci,
    )


@dataclass(frozen=True, slots=True)
class MaterialFlows:
    """Input and output flows in kg, split as in the CB'23 definitions."""

    input_renewable_sustainable: float = 0.0
    input_renewable_other: float = 0.0
    input_non_renewable: float = 0.0
    input_reused: float = 0.0
    input_recycled: float = 0.0
    output_reuse: float = 0.0
    output_recycle: float = 0.0
    output_landfill: float = 0.0
    output_incineration: float = 0.0

    @property
    def input_virgin(self) -> float:
        return self.input_renewable_sustainable + self.input_renewable_other + \
            self.input_non_renewable

    @property
    def input_secondary(self) -> float:
        return self.input_reused + self.input_recycled

    @property
    def input_total(self) -> float:
        return self.input_virgin + self.input_secondary

    @property
    def output_total(self) -> float:
        return self.output_reuse + self.output_recycle + self.output_landfill + \
            self.output_incineration

    def percentages(self) -> MaterialFlows:
        """The same flows as fractions of the total mass (all zero for no mass)."""
        total = self.input_total
        if total <= 0.0:
            return MaterialFlows()
        return MaterialFlows(*(getattr(self, n) / total for n in FLOW_FIELDS))


FLOW_FIELDS = tuple(MaterialFlows.__dataclass_fields__)


def flow_shares(circularity: Circularity | None) -> tuple[float, ...]:
    """Per-kg flows in ``FLOW_FIELDS`` order; each side sums to exactly 1."""
    c = circularity if circularity is not None else NO_CIRCULARITY_DATA
    recycled, reused, rs, ro = c.feedstock.shares()
    non_renewable = max(0.0, 1.0 - recycled - reused - rs - ro)
    out = c.output.shares()
    return (rs, ro, non_renewable, reused, recycled, *out)


def material_flows(circularity: Circularity | None, mass: float) -> MaterialFlows:
    """The flows of ``mass`` kg of a product with the given circularity."""
    return MaterialFlows(*(share * mass for share in flow_shares(circularity)))


@dataclass(frozen=True, slots=True)
class CircularityScores:
    """Mass-weighted MCI of a group of elements (a layer or the whole building).

    Scores are Σ score·M / Σ M; V, W0, W_C, W_F and W are summed in kg.
    """

    mass: float
    ci: float
    construction_score: float
    use_phase_score: float
    end_of_life_score: float
    lfi: float
    v: float
    w0: float
    w_c: float
    w_f: float
    w: float


@dataclass(frozen=True, slots=True)
class CircularityResult:
    """Building MCI with its completeness corrections (API: BuildingCircularInformation).

    ``share_elements_with_mass`` is P1 (by count), ``share_mass_with_circularity`` is P2 (by
    mass) and ``madaster_ci_score`` the corrected score.
    """

    building: CircularityScores
    layers: dict[str, CircularityScores]
    elements_counted: int
    elements_with_mass: int
    mass_with_circularity: float
    share_elements_with_mass: float
    share_mass_with_circularity: float
    madaster_ci_score: float


_SUMS = 11  # mass, ci, construction, use, end of life, lfi (all ·M), v, w0, w_c, w_f, w


class CircularityAccumulator:
    """Collects elements one by one (cheaply) and summarises them into a CircularityResult.

    Elements of unknown layer are kept in their own "Unknown" group and count in the building
    score, as the method has done since CI version 2.
    """

    __slots__ = ("_groups", "_counted", "_with_mass", "_mass_with_info")

    def __init__(self) -> None:
        self._groups: dict[str, list[float]] = {}
        self._counted = 0
        self._with_mass = 0
        self._mass_with_info = 0.0

    def add_without_mass(self) -> None:
        """An included element whose mass is unknown: it only lowers P1."""
        self._counted += 1

    def add(self, layer: str, mass: float, per_kg: MciTerms, has_information: bool) -> None:
        """An element of known ``mass`` whose per-kilogram terms are ``per_kg``."""
        self._counted += 1
        self._with_mass += 1
        if has_information:
            self._mass_with_info += mass
        s = self._groups.get(layer)
        if s is None:
            s = self._groups[layer] = [0.0] * _SUMS
        s[0] += mass
        s[1] += per_kg.ci * mass
        s[2] += per_kg.construction_score * mass
        s[3] += per_kg.use_phase_score * mass
        s[4] += per_kg.end_of_life_score * mass
        s[5] += per_kg.lfi * mass
        s[6] += per_kg.v * mass
        s[7] += per_kg.w0 * mass
        s[8] += per_kg.w_c * mass
        s[9] += per_kg.w_f * mass
        s[10] += per_kg.w * mass

    def result(self, layer_order: tuple[str, ...] = ()) -> CircularityResult:
        """Summarise; layers come in ``layer_order`` first, then alphabetically."""
        order = [k for k in layer_order if k in self._groups]
        order += sorted(k for k in self._groups if k not in order)
        layers = {k: _scores(self._groups[k]) for k in order}
        total = [sum(self._groups[k][i] for k in order) for i in range(_SUMS)]
        building = _scores(total)
        p1 = self._with_mass / self._counted if self._counted else 1.0
        p2 = min(1.0, self._mass_with_info / building.mass) if building.mass > 0 else 1.0
        return CircularityResult(
            building=building, layers=layers, elements_counted=self._counted,
            elements_with_mass=self._with_mass, mass_with_circularity=self._mass_with_info,
            share_elements_with_mass=p1, share_mass_with_circularity=p2,
            madaster_ci_score=madaster_ci_score(building.ci, p1, p2),
        )


def _scores(s: list[float]) -> CircularityScores:
    mass = s[0]

    def mean(i: int) -> float:
        return min(1.0, max(0.0, s[i] / mass)) if mass > 0 else 0.0

    return CircularityScores(
        mass=mass, ci=mean(1), construction_score=mean(2), use_phase_score=mean(3),
        end_of_life_score=mean(4), lfi=mean(5), v=s[6], w0=s[7], w_c=s[8], w_f=s[9], w=s[10],
    )

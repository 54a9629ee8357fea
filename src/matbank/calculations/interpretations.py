"""Every interpretation the calculations make where the domain sources are silent or disagree.

Each choice is a named constant or a small function so that it is made once, can be found by
name, and can be changed in one place. ``docs/interpretations/calculations.md`` lists the same
choices for readers who do not read code. Documented defaults (E_F = 0.75, F(X) = 0.9, a 3 %
discount rate...) live next to the rule they belong to; only the guesses live here.
"""

from __future__ import annotations

import math
from collections.abc import Mapping

from matbank.calculations.layers import Layer

# --- 4.1 quantities -------------------------------------------------------------------------


def counted_quantity(measure: float, count: float, building_number_ratio: float) -> float:
    """Quantity of an element: its measure times its count times its building-number ratio.

    The sources give only the element measure. An element row may stand for several identical
    pieces (``count``) and may be shared between buildings of a complex (``buildingNumbers``
    ratio); multiplying by both keeps every total additive when a building is split by
    building number.
    """
    return measure * count * building_number_ratio


# --- 4.2 circularity ------------------------------------------------------------------------

#: F_R is the recycled share *times* the feedstock recycling efficiency (F_R = M_R·E_F / M), as
#: the Madaster docs define it, rather than the plain recycled share of the EMF methodology.
#: W_F = M·(1 − E_F)·F_R / E_F then equals the scrap lost while producing the recycled input,
#: (1 − E_F)·M_R. ``CircularityOptions.recycled_credit_includes_efficiency`` switches to the
#: EMF reading (F_R = M_R / M) for comparison.
RECYCLED_CREDIT_INCLUDES_EFFICIENCY = True


def madaster_ci_score(ci_building: float, share_elements_with_mass: float,
                      share_mass_with_circularity: float) -> float:
    """The corrected Madaster CI: the building CI times both completeness shares (P1 × P2).

    The docs say the corrections "penalise" missing data without giving the combination; a
    product keeps the score in [0, 1] and lowers it in proportion to each kind of gap.
    """
    return ci_building * share_elements_with_mass * share_mass_with_circularity


#: Elements linked to an Energy or OtherUnit product have no mass by nature (they are not
#: materials), so they are left out of P1's element count instead of counting as "mass unknown".
MASSLESS_UNITS_EXCLUDED_FROM_MASS_SHARE = True


def rescale_remainder(fractions: tuple[float, ...], old_fixed: float,
                      new_fixed: float) -> tuple[float, ...]:
    """Keep a product's split of the non-overridden share when an element overrides one share.

    An element's reuse % replaces the product's F_U (and "available for reuse %" its C_U); the
    rest of the mass keeps the product's proportions: each other fraction is multiplied by
    (1 − new) / (1 − old). When the product was entirely reused there is no split to keep, and
    the remainder falls back to the documented default (virgin input, incinerated output),
    which the caller gets as all-zero fractions.
    """
    if old_fixed >= 1.0:
        return tuple(0.0 for _ in fractions)
    factor = (1.0 - new_fixed) / (1.0 - old_fixed)
    return tuple(f * factor for f in fractions)


def normalise_shares(fractions: tuple[float, ...]) -> tuple[float, ...]:
    """Shrink fractions proportionally when their sum exceeds 1.

    Databases sometimes carry feedstock or output shares that add up to more than 100 %. The
    MCI formulas assume a partition, so the shares are scaled down together instead of letting
    the virgin or incinerated remainder turn negative.
    """
    total = sum(fractions)
    if total <= 1.0:
        return fractions
    return tuple(f / total for f in fractions)


def use_phase_score(relative_lifespan: float) -> float:
    """The (deprecated) use-phase score: the relative lifespan X = L / L_av, capped to [0, 1].

    The API still reports a use-phase score but no formula is documented. The only use-phase
    quantity in the method is X, so the score is X bounded to [0, 1]; with the default constant
    utility X is 1 (a product lasting as long as average) and the score is 1.
    """
    return min(1.0, max(0.0, relative_lifespan))


def efficiency_weighted(pairs: tuple[tuple[float, float], ...], default: float) -> float:
    """Combine recycling efficiencies of BoM children, weighted by the stream they apply to.

    A product's circularity fractions are mass-weighted over its children. An efficiency is a
    ratio over the recycled stream, not over the mass, so it is weighted by each child's
    recycled (input or output) mass; without any recycled stream the default is kept.
    ``pairs`` holds (recycled kg, efficiency).
    """
    stream = sum(kg for kg, _ in pairs)
    if stream <= 0.0:
        return default
    # Shares first, then the sum: kg × efficiency of a vanishing stream could underflow to 0.
    mixed = sum(kg / stream * eff for kg, eff in pairs)
    used = [eff for kg, eff in pairs if kg > 0]
    return min(max(used), max(min(used), mixed))


#: A BoM product carries circularity information when at least one child with mass does;
#: children without data take the documented defaults (virgin input, incineration output).
BOM_CIRCULARITY_KNOWN_WHEN_ANY_CHILD_KNOWN = True

# --- 4.3 detachability ----------------------------------------------------------------------

def combine_factor_scores(scores: tuple[float, ...]) -> float:
    """An element's detachability index: the harmonic mean n / Σ(1/sᵢ) of its factor scores.

    The docs name the DGBC method without the formula; DGBC combines the factors with a
    harmonic mean, so one poor factor (a glued joint) pulls the index down more than an
    arithmetic mean would.
    """
    return len(scores) / sum(1.0 / s for s in scores)


#: Score of a direct integral connection. The platform template says 1.0, the DGBC report 0.6;
#: 0.6 is used because a direct integral connection must not score like a dry one.
DIRECT_CONNECTION_SCORE = 0.6

#: Element values win per factor: a factor set on the element replaces the product's value for
#: that factor only, so partially described elements still inherit the rest.
DETACHABILITY_MERGE_PER_FACTOR = True

#: Layer/building index weighting per country (ISO code). NL weighs by environmental cost
#: (ECI), DE by mass; every other country uses mass, the only weight every element has.
DETACHABILITY_WEIGHTING_BY_COUNTRY: Mapping[str, str] = {"nl": "environmental_cost", "de": "mass"}
DEFAULT_DETACHABILITY_WEIGHTING = "mass"

# --- 4.4 environmental ----------------------------------------------------------------------

#: The replacement factor for B4 is never negative: a product outliving the building is not
#: credited with a negative replacement.
def clamp_replacements(factor: float) -> float:
    """Bound a B4 replacement factor below by zero."""
    return max(0.0, factor)


def german_replacement_count(building_lifespan: float, product_lifespan: float) -> float:
    """German (BNB/QNG) replacements: 50 / L rounded *up*, minus the original installation.

    The German docs round up, the English page rounds down. The German page describes the
    German rule, and rounding up matches the BNB practice that a part which fails before the
    end of the reference period is replaced whole.
    """
    return math.ceil(building_lifespan / product_lifespan - 1e-9) - 1.0


#: The generic B4 formula reads (A + B1-B3 + C); the "+" lost in the docs is restored.
GENERIC_B4_INCLUDES_B1_B3 = True

#: The NL rule multiplies "A…D". Module D stays outside the totals, so the replaced share of D
#: is booked in D and the replaced share of A + B1-B3 + C in B4.
NL_B4_REPLACED_D_BOOKED_IN_D = True

#: Reuse lowers A1-A3 of the installed product only; replacements are new products and carry
#: the full A1-A3.
REPLACEMENTS_CARRY_FULL_A1_A3 = True

#: Construction waste is charged on the element's A1-A3 *after* the reuse reduction (a reused
#: piece that is wasted did not cause production impacts either).
CONSTRUCTION_WASTE_ON_REDUCED_A1_A3 = True

#: A product without any lifespan is never replaced (B4 factor 0): there is no basis for a count.
NO_LIFESPAN_MEANS_NO_REPLACEMENT = True


def service_period(building_lifespan: float, installation_offset_years: float | None,
                   product_lifespan: float | None = None) -> float:
    """Years over which an element's replacements are counted: from its installation to the
    end of the reference study period (the building lifespan counted from delivery).

    The docs say the installation date "overrides" the product lifespan in B4 without a
    formula. ``installation_offset_years`` is the installation date minus the delivery date:

    * installed later (offset > 0, e.g. a later fit-out): only the remaining years count,
      L_bldg − offset (never below 0);
    * installed earlier (offset < 0, e.g. an element kept from before): the element is
      already ``age = −offset`` years into its life at delivery, so its replacements fall
      due earlier; the period is L_bldg + age. An element past its lifespan at delivery is
      replaced at delivery: its age counts at most one product lifespan.

    Worked example (generic rule ceil(period / L) − 1, L_bldg = 50, L = 30): installed at
    delivery, period 50 and 1 replacement (year 30); installed 20 years before, period 70 and
    2 replacements (years 10 and 40); installed 40 years before, age capped at 30, period 80
    and 2 replacements (years 0 and 30); installed 10 years after, period 40 and 1.
    """
    if installation_offset_years is None or installation_offset_years == 0:
        return building_lifespan
    if installation_offset_years > 0:
        return max(0.0, building_lifespan - installation_offset_years)
    age = -installation_offset_years
    if product_lifespan and product_lifespan > 0:
        age = min(age, product_lifespan)
    return building_lifespan + age


#: Days per year when an installation date is turned into years after delivery.
DAYS_PER_YEAR = 365.25


#: A product computing its environmental values from its bill of materials has them when at
#: least one child with mass has an LCA; children without one add nothing (as for the BoM
#: circularity, ``BOM_CIRCULARITY_KNOWN_WHEN_ANY_CHILD_KNOWN``).
BOM_LCA_KNOWN_WHEN_ANY_CHILD_KNOWN = True

#: When no child of such a product has an LCA (or its bill of materials cannot be weighed),
#: the product's own LCA datasets apply, as if the option were off.
BOM_LCA_FALLS_BACK_TO_OWN_DATASETS = True


#: Country codes that stand for "no particular country" on an LCA dataset: no code at all, and
#: the European code the shipped generic database and the EN 15804 compliances use.
GENERIC_DATASET_COUNTRIES = ("", "eu")


def select_country_dataset(countries: tuple[str, ...], country: str) -> int | None:
    """Index of the LCA dataset to use for the building's country.

    The dataset for the building's own country wins; otherwise a generic dataset (no country,
    then the European ``eu`` one); otherwise the element has no environmental data.
    """
    lowered = tuple(code.lower() for code in countries)
    for wanted in (country.lower(), *GENERIC_DATASET_COUNTRIES):
        if wanted in lowered:
            return lowered.index(wanted)
    return None


def per_square_metre_year(total: float, gross_floor_area: float, lifespan: float) -> float:
    """Normalise a building total per m² GFA per year of the building's lifespan."""
    if gross_floor_area <= 0 or lifespan <= 0:
        return 0.0
    return total / (gross_floor_area * lifespan)


# --- 4.5 financial --------------------------------------------------------------------------


def discount_factor(rate: float, years: float) -> float:
    """Present-value factor 1 / (1 + d)^L; the 2021 PDF's (1 + d^t) is taken as a typo."""
    return 1.0 / (1.0 + rate) ** years


#: Lifespan (years) per layer at which its materials are valued for the NPV, when the user has
#: not edited it. Chosen inside Brand's ranges: Surroundings is "eternal" and is capped at a
#: 100-year horizon so that it can be discounted; Structure 75 (30-300); Skin 20 (≈20);
#: Services 15 (7-15); Space plan 10 (3-30); Stuff 1 (days to months, one year so the value
#: is discounted at all); Unknown takes a 50-year building lifespan.
DEFAULT_LAYER_LIFESPANS: Mapping[Layer, float] = {
    Layer.SURROUNDINGS: 100.0,
    Layer.STRUCTURE: 75.0,
    Layer.SKIN: 20.0,
    Layer.SERVICES: 15.0,
    Layer.SPACE_PLAN: 10.0,
    Layer.STUFF: 1.0,
    Layer.UNKNOWN: 50.0,
}

#: Future material prices follow general inflation (the price sets hold no forecasts), transport
#: and handling costs are indexed with inflation, demolition costs with the construction-cost
#: index, as the docs describe for the sensitivity panel.
MATERIAL_PRICES_FOLLOW_INFLATION = True

#: Legacy default transport cost per kg per km to a processor (Madaster Financial defaults).
TRANSPORT_COST_PER_KG_KM = 0.00048125

#: Distance from site to a wood processor. The platform pages say 40 km, the Financial PDF and
#: the materials sheet 50 km; 50 km is used because two of the three sources agree.
WOOD_TRANSPORT_DISTANCE_KM = 50.0

#: A manual price replaces only the price: transport and handling still come from the
#: material family's price set unless the commodity's setting gives its own.
MANUAL_PRICE_KEEPS_FAMILY_COSTS = True

#: Lowest price per kg a trend may give; a trend extrapolated below zero would make scrap
#: worth less than nothing to sell, which the costs already express.
PRICE_TREND_FLOOR = 0.0


def environmental_reuse_share(element_reuse: float | None, product_reused: float) -> float:
    """Reused share that lowers A1-A3: the element's reuse % if set, else the product's
    reused input share (the same F_U the circularity uses)."""
    return element_reuse if element_reuse is not None else product_reused

"""Pure extraction rules for IFC models: name lists, preference orders and value parsing.

Nothing here touches ifcopenshell; the functions take plain Python values so they can be
tested on their own.
"""

from __future__ import annotations

from collections.abc import Sequence

from matbank.importers.ifc_records import BuildingNumberShare, Phase

#: The element rule. An element is any IfcElement except these classes and their subclasses:
#: feature elements (openings, recesses, projections, voids, surface features) only cut or
#: decorate other elements; virtual elements are boundaries without substance; geotechnical
#: elements (IFC4X3 boreholes, strata, geomodels) describe the ground, not built material.
#: Spaces, zones, grids and annotations are not IfcElement at all, so they never qualify.
#: Furniture, distribution (MEP) elements and site elements are physical and do qualify.
NOT_BUILDING_ELEMENTS: tuple[str, ...] = (
    "IfcFeatureElement",
    "IfcVirtualElement",
    "IfcGeotechnicalElement",
)

#: Quantity names in order of preference; the first filled one wins.
VOLUME_NAMES: tuple[str, ...] = ("NetVolume", "Volume", "GrossVolume")
AREA_NAMES: tuple[str, ...] = (
    "NetArea",
    "NetSideArea",
    "NetSurfaceArea",
    "GrossSideArea",
    "TotalSurfaceArea",
    "GrossSurfaceArea",
    "OuterSurfaceArea",
    "CrossSectionArea",
    "TotalArea",
    "GrossArea",
)
WEIGHT_NAMES: tuple[str, ...] = ("NetWeight", "Weight", "GrossWeight")
#: Dimensions are read by exact property name only.
DIMENSION_NAMES: tuple[str, ...] = ("Length", "Width", "Height", "Depth", "Thickness")

MANUFACTURER_PSET = "Pset_ManufacturerTypeInformation"

#: CPset_Madaster keys copied verbatim into ``extra_properties`` when filled.
EXTRA_MADASTER_KEYS: tuple[str, ...] = (
    "Reuse",
    "AvailableForReuse",
    "LifeSpan",
    "InstallationDate",
    "SerialNumber",
    "TechnicalCondition",
    "AestheticCondition",
    "Comment",
    "WasteCodes",
    "AssumedConstructionWaste",
    "OverOrdering",
    "ElementInstanceCombinationId",
    "ElementCombinationType",
    "ElementName",
    "ElementTypeName",
    "OtherUnit",
    "OtherUnitName",
    "OtherUnitPropertyName",
)
DETACHABILITY_KEYS: tuple[str, ...] = (
    "DetachabilityConnectionType",
    "DetachabilityConnectionTypeDetail",
    "DetachabilityAccessibility",
    "DetachabilityIntersection",
    "DetachabilityProductEdge",
)

#: Every CPset_Madaster property the importer reads (upload presets may redirect each one).
MADASTER_KEYS: tuple[str, ...] = (
    "MaterialOrProductId",
    "externaldatabaseId",
    "GTIN",
    "ArticleNumberGLN",
    "MaterialOrProductName",
    "MaterialOrProductRatio",
    "Volume",
    "Area",
    "Length",
    "Width",
    "Depth",
    "Height",
    "Weight",
    "Thickness",
    "Classification",
    "Phase",
    "BuildingNumbers",
    *DETACHABILITY_KEYS,
    *EXTRA_MADASTER_KEYS,
)
MANUFACTURER_KEYS: tuple[str, ...] = (
    "GlobalTradeItemNumber",
    "ArticleNumber",
    "ModelReference",
    "Manufacturer",
)

_PHASE_WORDS: dict[Phase, tuple[str, ...]] = {
    "Demolition": ("demolition", "to be demolished", "sloop", "rückbau", "riving"),
    "New": (
        "nieuw",
        "new",
        "nieuwe materialen",
        "neue materialien",
        "virgin materials",
        "jomfruelige materialer",
        "nye",
        "einbau",
        "ny",
    ),
    "Preserved": (
        "casco",
        "leeg",
        "existing",
        "bestaand",
        "rohbau",
        "råbygg",
        "zwischenstand",
        "mellomstatus",
    ),
}
_PHASE_BY_WORD: dict[str, Phase] = {w: p for p, words in _PHASE_WORDS.items() for w in words}

_GTIN_LENGTHS = frozenset({8, 13, 14})


def phase_for(text: str | None, default: Phase) -> Phase:
    """Map a phase text to Demolition / New / Preserved, comparing the whole text without case.

    Any other text, or none, gets the caller's default phase.
    """
    if not text:
        return default
    return _PHASE_BY_WORD.get(text.strip().casefold(), default)


def building_number_shares(text: str | None) -> tuple[BuildingNumberShare, ...]:
    """Split a comma list of building numbers into equal shares (4 numbers → 0.25 each).

    Blank entries are ignored and repeated numbers count once.
    """
    if not text:
        return ()
    numbers = list(dict.fromkeys(part.strip() for part in text.split(",") if part.strip()))
    return tuple(BuildingNumberShare(n, 1.0 / len(numbers)) for n in numbers)


def gtin_from(global_trade_item_number: str | None, article_number: str | None) -> str | None:
    """The GTIN: GlobalTradeItemNumber when given, else an article number of GTIN length.

    GTINs are 8, 13 or 14 characters long; other article numbers are no GTIN.
    """
    if global_trade_item_number:
        return global_trade_item_number
    if article_number and len(article_number) in _GTIN_LENGTHS:
        return article_number
    return None


def article_number_gln(
    article_number: str | None, model_reference: str | None, manufacturer: str | None
) -> str | None:
    """``article|GLN``: the article number (or the model reference when it is empty) and the
    manufacturer; just the article when no manufacturer is known, None without an article."""
    article = article_number or model_reference
    if not article:
        return None
    return f"{article}|{manufacturer}" if manufacturer else article


def as_text(value: object) -> str | None:
    """A property value as trimmed text; None for missing or blank values."""
    if value is None:
        return None
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = str(value).strip()
    return text or None


def as_number(value: object) -> float | None:
    """A property value as a number; numeric text may use a decimal comma."""
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, int | float):
        return float(value)
    text = str(value).strip().replace(",", ".")
    try:
        return float(text)
    except ValueError:
        return None


def split_list(text: str | None) -> list[str]:
    """Entries of a ``;``-separated list (used for MaterialOrProductName / ...Ratio)."""
    return [part.strip() for part in (text or "").split(";") if part.strip()]


def layer_volumes(
    thicknesses: Sequence[float | None], area: float | None, volume: float | None
) -> list[float | None]:
    """Volume of each layer of a layered element: element area × layer thickness.

    Without an area, the element volume is shared in proportion to the thicknesses (the same
    result when volume = area × total thickness). A layer without thickness gets volume 0.
    """
    sizes = [t or 0.0 for t in thicknesses]
    if area is not None:
        return [area * t for t in sizes]
    total = sum(sizes)
    if volume is None or total <= 0:
        return [None] * len(sizes)
    return [volume * t / total for t in sizes]


def shared_volumes(shares: Sequence[float], volume: float | None) -> list[float | None]:
    """Element volume split by shares (fractions or cross-section areas), normalised to 1."""
    total = sum(shares)
    if volume is None or total <= 0:
        return [None] * len(shares)
    return [volume * s / total for s in shares]


def unique(names: Sequence[str | None]) -> tuple[str, ...]:
    """Trimmed names in first-seen order with blanks dropped and identical names collapsed."""
    return tuple(dict.fromkeys(n.strip() for n in names if n and n.strip()))

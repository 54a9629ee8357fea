"""Inputs and outputs of the pure matching core.

Everything here is a frozen value: the refinement service reads commodities, matching terms and
elements from the database, turns them into these dataclasses, and gets `Match` values back.
Enum values are the wire strings of the Madaster v4.0 API (`MatchingTermType`, functional units).
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class MatchType(StrEnum):
    """How a matching term compares with a subject; declaration order is the cascade order."""

    EQUALS_CASE_SENSITIVE = "EqualsCaseSensitive"
    EQUALS = "Equals"
    STARTWITH = "Startwith"
    CONTAINS_EXACT_WORD = "ContainsExactWord"
    CONTAINS_CASE_SENSITIVE = "ContainsCaseSensitive"
    CONTAINS = "Contains"
    ENDSWITH = "Endswith"


class FunctionalUnit(StrEnum):
    """The unit a product is quantified in; legacy materials are quantified by volume."""

    VOLUME = "Volume"
    AREA = "Area"
    LENGTH = "Length"
    QUANTITY = "Quantity"
    WEIGHT = "Weight"
    ENERGY = "Energy"
    OTHER_UNIT = "OtherUnit"


class MatchStep(StrEnum):
    """Which step of the automatic matching produced a link."""

    MADASTER_ID = "MadasterId"
    EXTERNAL_DATABASE_ID = "ExternalDatabaseId"
    GTIN = "GTIN"
    ARTICLE_NUMBER_GLN = "ArticleNumberGLN"
    TYPE_NAME = "TypeName"
    MATERIAL_NAME = "MaterialName"
    COMBINED_MATERIAL_NAMES = "CombinedMaterialNames"

    @property
    def is_identifier(self) -> bool:
        """Steps 1-4 look an identifier up; the others search matching terms."""
        return self in _IDENTIFIER_STEPS


_IDENTIFIER_STEPS = frozenset(
    {
        MatchStep.MADASTER_ID,
        MatchStep.EXTERNAL_DATABASE_ID,
        MatchStep.GTIN,
        MatchStep.ARTICLE_NUMBER_GLN,
    }
)


@dataclass(frozen=True, slots=True)
class CatalogueEntry:
    """A material or product that elements can be linked to.

    The service passes drafts, products not available in the building's country and products
    outside the compliance filter as inactive (or leaves them out): this core only sees
    `is_active`. `density_known` tells whether weight and volume can be converted into each other.
    """

    commodity_id: str
    database_id: str
    functional_unit: FunctionalUnit
    external_id: str | None = None
    gtin: str | None = None
    article_number: str | None = None
    manufacturer_gln: str | None = None
    is_active: bool = True
    density_known: bool = False


@dataclass(frozen=True, slots=True)
class MatchingTerm:
    """A search criterion attached to one commodity.

    `language` None means the term is valid in every language. A term always applies to material
    names; `match_on_type_name` makes it apply to IFC type names as well.
    """

    commodity_id: str
    database_id: str
    value: str
    match_type: MatchType
    language: str | None = None
    match_on_type_name: bool = False


@dataclass(frozen=True, slots=True)
class ElementToMatch:
    """What matching needs to know about one building-file element.

    `article_number_gln` is the element's ArticleNumberGLN text (`article|GLN`). Quantities are
    None when the element does not carry them; `count` is the number of pieces and `other_unit`
    the free quantity (OtherUnit) used by Energy and OtherUnit products. `sub_elements` are real
    or virtual children (layers, constituents, splits).
    """

    element_id: str
    material_names: tuple[str, ...] = ()
    type_name: str | None = None
    madaster_id: str | None = None
    external_database_id: str | None = None
    gtin: str | None = None
    article_number_gln: str | None = None
    volume: float | None = None
    area: float | None = None
    length: float | None = None
    count: float | None = None
    weight: float | None = None
    other_unit: float | None = None
    sub_elements: tuple[ElementToMatch, ...] = ()


@dataclass(frozen=True, slots=True)
class MatchOptions:
    """Settings of one refinement run.

    `database_ids` is the selection in priority order (first = highest). `languages` are the
    selected term languages (e.g. `("en", "nl")`); language-neutral terms are always used.
    """

    database_ids: tuple[str, ...]
    languages: tuple[str, ...] = ()
    allow_functional_unit_mismatch: bool = False


@dataclass(frozen=True, slots=True)
class Match:
    """Why an element was linked: the commodity, its database, the step and, for a search, the
    match type and the term that hit. `subject` is the element text or identifier compared."""

    commodity_id: str
    database_id: str
    step: MatchStep
    subject: str
    match_type: MatchType | None = None
    term: MatchingTerm | None = None

    @property
    def level(self) -> int | None:
        """Cascade level 1-7 of a search match (enum order); None for identifier steps."""
        if self.match_type is None:
            return None
        return list(MatchType).index(self.match_type) + 1

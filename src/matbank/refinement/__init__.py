"""Refinement: linking building-file elements to materials and products.

The pure core (no database, no I/O): build a `RefinementIndex` once per run from the selected
databases' catalogue and matching terms, then `match_elements` links a batch of elements.
"""

from matbank.refinement.index import DatabaseIndex, RefinementIndex, build_index
from matbank.refinement.matching import match_element, match_elements
from matbank.refinement.model import (
    CatalogueEntry,
    ElementToMatch,
    FunctionalUnit,
    Match,
    MatchingTerm,
    MatchOptions,
    MatchStep,
    MatchType,
)

__all__ = [
    "CatalogueEntry",
    "DatabaseIndex",
    "ElementToMatch",
    "FunctionalUnit",
    "Match",
    "MatchOptions",
    "MatchStep",
    "MatchType",
    "MatchingTerm",
    "RefinementIndex",
    "build_index",
    "match_element",
    "match_elements",
]

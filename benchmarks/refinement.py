"""Benchmark of the pure matching core (a script, not a test).

Builds one database with 10,000 matching terms over several hundred commodities and a batch of
100,000 elements that share 1,000 distinct material names, then times the index build, the
batch matching, and an un-memoized pass over the distinct names. A plain dict-lookup loop over
the same 100,000 names is timed in the same run, so the figures can be compared across machines.

Run: `.venv/bin/python benchmarks/refinement.py [--seed N]`
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from collections import Counter
from pathlib import Path

try:
    import matbank.refinement  # noqa: F401
except ModuleNotFoundError:  # running from a checkout without an installed package
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from matbank.refinement import (
    CatalogueEntry,
    ElementToMatch,
    FunctionalUnit,
    MatchingTerm,
    MatchOptions,
    MatchType,
    build_index,
    match_element,
    match_elements,
)
from matbank.refinement.fit import quantity_signature

TARGET_ELEMENTS_PER_SECOND = 50_000
DATABASE_ID = "b7f3c1d2-0000-4000-8000-000000000001"
FALLBACK_DATABASE_ID = "b7f3c1d2-0000-4000-8000-000000000002"

BASES_TEXT = """
    beton concrete gewapend reinforced staal steel hout wood timber glas glass gips gypsum
    baksteen brick kalkzandsteen sandlime mortel mortar isolatie insulation mineraalwol
    mineralwool steenwol rockwool glaswol glasswool eps xps pir pur aluminium koper copper
    zink zinc lood lead pvc pe pp bitumen epdm keramiek ceramic natuursteen stone tegel tile
    laminaat vinyl linoleum tapijt carpet verf paint kit sealant multiplex plywood osb mdf
    spaanplaat chipboard cement anhydriet screed grind gravel zand sand klei clay leem
"""
BASES = tuple(BASES_TEXT.split())
QUALIFIERS_TEXT = """
    prefab in-situ C20/25 C30/37 C35/45 S235 S355 FSC PEFC gelamineerd glulam massief solid
    geisoleerd insulated gehard tempered gelaagd laminated dubbel double triple hr++ wit white
    grijs grey zwart black rood red 100mm 150mm 200mm 12.5mm 18mm 22mm hol hollow
"""
QUALIFIERS = tuple(QUALIFIERS_TEXT.split())
LANGUAGES = (None, None, None, "en", "nl", "de")
UNITS = (FunctionalUnit.VOLUME,) * 5 + (
    FunctionalUnit.AREA,
    FunctionalUnit.AREA,
    FunctionalUnit.LENGTH,
    FunctionalUnit.QUANTITY,
    FunctionalUnit.WEIGHT,
)
TYPE_WEIGHTS = {
    MatchType.EQUALS_CASE_SENSITIVE: 10,
    MatchType.EQUALS: 30,
    MatchType.STARTWITH: 10,
    MatchType.CONTAINS_EXACT_WORD: 15,
    MatchType.CONTAINS_CASE_SENSITIVE: 5,
    MatchType.CONTAINS: 25,
    MatchType.ENDSWITH: 5,
}
QUANTITY_PATTERNS = (
    {"volume": 2.5, "area": 10.0},
    {"volume": 0.4},
    {"area": 12.0},
    {"length": 3.0, "area": 0.5},
    {"count": 4},
    {"weight": 120.0},
)


def phrase(rng: random.Random) -> str:
    """A material-like phrase: one or two base words with up to two qualifiers."""
    words = rng.sample(BASES, rng.choice((1, 1, 2))) + rng.sample(QUALIFIERS, rng.choice((0, 1, 2)))
    rng.shuffle(words)
    text = " ".join(words)
    return text.capitalize() if rng.random() < 0.5 else text


def build_catalogue(rng: random.Random, commodities: int) -> list[CatalogueEntry]:
    """Commodities of the main database plus a small fallback database."""
    return [
        CatalogueEntry(
            commodity_id=f"00000000-0000-4000-8000-{number:012d}",
            database_id=DATABASE_ID if number < commodities else FALLBACK_DATABASE_ID,
            functional_unit=rng.choice(UNITS),
            is_active=rng.random() > 0.05,
            density_known=rng.random() < 0.7,
        )
        for number in range(commodities + 50)
    ]


def build_terms(
    rng: random.Random, entries: list[CatalogueEntry], count: int
) -> list[MatchingTerm]:
    """`count` distinct terms for the main database and a few hundred for the fallback one."""
    main = [entry for entry in entries if entry.database_id == DATABASE_ID]
    fallback = [entry for entry in entries if entry.database_id == FALLBACK_DATABASE_ID]
    types, weights = zip(*TYPE_WEIGHTS.items(), strict=True)
    seen: set[tuple] = set()
    terms: list[MatchingTerm] = []
    for owners, wanted in ((main, count), (fallback, 300)):
        made = 0
        while made < wanted:
            owner = rng.choice(owners)
            term = MatchingTerm(
                owner.commodity_id,
                owner.database_id,
                phrase(rng) if rng.random() < 0.8 else f"{rng.choice(BASES)}{rng.randint(1, 999)}",
                rng.choices(types, weights)[0],
                rng.choice(LANGUAGES),
                rng.random() < 0.1,
            )
            identity = (term.value, term.match_type, term.language, term.match_on_type_name)
            if identity not in seen:
                seen.add(identity)
                terms.append(term)
                made += 1
    return terms


def build_names(rng: random.Random, terms: list[MatchingTerm], distinct: int) -> list[str]:
    """Distinct material names: some equal a term, some embed one, some match nothing."""
    names: set[str] = set()
    while len(names) < distinct:
        roll = rng.random()
        if roll < 0.3:
            names.add(rng.choice(terms).value)
        elif roll < 0.85:
            names.add(f"{phrase(rng)} {rng.choice(terms).value} {rng.randint(1, 99)}")
        else:
            names.add(f"Q{rng.randint(10_000, 99_999)}x")
    return sorted(names)


def build_elements(
    rng: random.Random, names: list[str], total: int, type_name_count: int
) -> list[ElementToMatch]:
    """Elements over the distinct names; half carry one of `type_name_count` type names and one
    in ten is a layered element with two layers."""
    type_names = [f"Basic Wall:{phrase(rng)}" for _ in range(type_name_count)]
    type_names += [None] * max(type_name_count, 1)
    elements = []
    for number in range(total):
        quantities = rng.choice(QUANTITY_PATTERNS)
        layers = ()
        if number % 10 == 0:
            layers = tuple(
                ElementToMatch(f"e{number}-{layer}", (rng.choice(names),), **quantities)
                for layer in range(2)
            )
        element = ElementToMatch(
            f"e{number}",
            (rng.choice(names),)
            if not layers
            else tuple(layer.material_names[0] for layer in layers),
            type_name=rng.choice(type_names),
            sub_elements=layers,
            **quantities,
        )
        elements.append(element)
    return elements


def timed(action):
    """Run `action` once and return (result, seconds)."""
    started = time.perf_counter()
    result = action()
    return result, time.perf_counter() - started


def dict_lookup_baseline(elements: list[ElementToMatch], names: list[str]) -> float:
    """Seconds for one dict look-up per element on its first material name."""
    table = {name: index for index, name in enumerate(names)}

    def loop() -> int:
        hits = 0
        for element in elements:
            if table.get(element.material_names[0]) is not None:
                hits += 1
        return hits

    return timed(loop)[1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=int, default=20240601)
    parser.add_argument("--elements", type=int, default=100_000)
    parser.add_argument("--names", type=int, default=1_000)
    parser.add_argument("--terms", type=int, default=10_000)
    parser.add_argument("--commodities", type=int, default=400)
    parser.add_argument("--type-names", type=int, default=30)
    arguments = parser.parse_args()
    rng = random.Random(arguments.seed)

    entries = build_catalogue(rng, arguments.commodities)
    terms = build_terms(rng, entries, arguments.terms)
    names = build_names(rng, terms, arguments.names)
    elements = build_elements(rng, names, arguments.elements, arguments.type_names)
    options = MatchOptions((DATABASE_ID, FALLBACK_DATABASE_ID), ("en", "nl"))

    index, build_seconds = timed(lambda: build_index(entries, terms))
    matches, match_seconds = timed(lambda: match_elements(index, elements, options))
    baseline_seconds = dict_lookup_baseline(elements, names)
    probes = [ElementToMatch(f"p{n}", (name,), volume=1.0) for n, name in enumerate(names)]
    _, cold_seconds = timed(lambda: [match_element(index, probe, options) for probe in probes])

    report(arguments, index, elements, matches, build_seconds, match_seconds, baseline_seconds)
    print(
        f"un-memoized cascade      : {cold_seconds / len(probes) * 1e6:10.1f} µs per distinct name"
    )


def report(arguments, index, elements, matches, build_s, match_s, baseline_s) -> None:
    """Print the figures."""
    rate = len(elements) / match_s
    levels = Counter(
        match.match_type.value if match.match_type else match.step.value
        for match in matches.values()
    )
    top_level = sum(1 for element in elements if element.element_id in matches)
    keys = {(e.type_name, e.material_names, quantity_signature(e)) for e in elements}
    print(f"terms indexed (active)   : {index.term_count:>10,} of {arguments.terms + 300:,}")
    print(f"elements / distinct names: {len(elements):>10,} / {arguments.names:,}")
    print(f"distinct deciding keys   : {len(keys):>10,} (type name, names, quantity signature)")
    print(f"index build              : {build_s * 1e3:10.1f} ms")
    print(f"matching                 : {match_s * 1e3:10.1f} ms")
    print(f"throughput               : {rate:10,.0f} elements/s")
    print(f"ratio to 50,000/s target : {rate / TARGET_ELEMENTS_PER_SECOND:10.2f} x")
    print(f"dict-lookup baseline     : {baseline_s * 1e3:10.1f} ms (same 100k names)")
    print(f"matching / baseline      : {match_s / baseline_s:10.1f} x")
    print(f"linked top-level elements: {top_level:>10,}; links incl. layers: {len(matches):,}")
    print(f"links by level or step   : {dict(sorted(levels.items()))}")


if __name__ == "__main__":
    main()

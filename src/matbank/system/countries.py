"""The countries matbank knows by name: ISO 3166 alpha-2 code and names in the five
interface languages (en, nl, de, fr, nb).

One table serves both directions: a building's ``ownerCountryId`` code is shown as the
English ``ownerCountry`` name, and the calculations read a country written as a code or as
a name in any of the languages to choose the country's rules (B4, datasets, weighting).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass


@dataclass(frozen=True)
class Country:
    code: str
    en: str
    nl: str
    de: str
    fr: str
    nb: str
    #: Further names people write for the country (short forms, older names).
    aliases: tuple[str, ...] = ()

    def names(self) -> tuple[str, ...]:
        return (self.en, self.nl, self.de, self.fr, self.nb, *self.aliases)


COUNTRIES: tuple[Country, ...] = (
    Country("nl", "Netherlands", "Nederland", "Niederlande", "Pays-Bas", "Nederland",
            ("the netherlands", "holland")),
    Country("be", "Belgium", "België", "Belgien", "Belgique", "Belgia", ("belgie",)),
    Country("de", "Germany", "Duitsland", "Deutschland", "Allemagne", "Tyskland"),
    Country("fr", "France", "Frankrijk", "Frankreich", "France", "Frankrike"),
    Country("lu", "Luxembourg", "Luxemburg", "Luxemburg", "Luxembourg", "Luxembourg"),
    Country("at", "Austria", "Oostenrijk", "Österreich", "Autriche", "Østerrike"),
    Country("ch", "Switzerland", "Zwitserland", "Schweiz", "Suisse", "Sveits"),
    Country("no", "Norway", "Noorwegen", "Norwegen", "Norvège", "Norge"),
    Country("se", "Sweden", "Zweden", "Schweden", "Suède", "Sverige"),
    Country("dk", "Denmark", "Denemarken", "Dänemark", "Danemark", "Danmark"),
    Country("fi", "Finland", "Finland", "Finnland", "Finlande", "Finland"),
    Country("gb", "United Kingdom", "Verenigd Koninkrijk", "Vereinigtes Königreich",
            "Royaume-Uni", "Storbritannia", ("uk", "great britain", "england")),
    Country("ie", "Ireland", "Ierland", "Irland", "Irlande", "Irland"),
    Country("es", "Spain", "Spanje", "Spanien", "Espagne", "Spania"),
    Country("pt", "Portugal", "Portugal", "Portugal", "Portugal", "Portugal"),
    Country("it", "Italy", "Italië", "Italien", "Italie", "Italia", ("italie",)),
    Country("pl", "Poland", "Polen", "Polen", "Pologne", "Polen"),
    Country("cz", "Czechia", "Tsjechië", "Tschechien", "Tchéquie", "Tsjekkia",
            ("czech republic",)),
    Country("us", "United States", "Verenigde Staten", "Vereinigte Staaten", "États-Unis",
            "USA", ("united states of america", "usa")),
    Country("ca", "Canada", "Canada", "Kanada", "Canada", "Canada"),
)

_LANGUAGES = ("en", "nl", "de", "fr", "nb")
_BY_CODE: Mapping[str, Country] = {country.code: country for country in COUNTRIES}
_BY_NAME: Mapping[str, str] = {
    name.lower(): country.code for country in COUNTRIES for name in country.names()
}


def english_name(code: str | None) -> str | None:
    """The English name of a known country code (any case), else ``None``."""
    country = _BY_CODE.get((code or "").strip().lower())
    return country.en if country else None


def country_code(text: str | None) -> str | None:
    """An ISO 3166 alpha-2 code (lower case) for a country code or a known name, else ``None``.

    Any two letters are taken as a code (``uk`` is read as ``gb``), so countries without a
    name here still work when written as codes.
    """
    value = (text or "").strip().lower()
    if len(value) == 2 and value.isalpha():
        return "gb" if value == "uk" else value
    return _BY_NAME.get(value)


def local_name(text: str | None, language: str) -> str | None:
    """The name, in ``language`` (en, nl, de, fr, nb; else English), of the country that
    ``text`` writes as a code or a name; ``None`` when it names no known country."""
    country = _BY_CODE.get(country_code(text) or "")
    if country is None:
        return None
    return getattr(country, language) if language in _LANGUAGES else country.en

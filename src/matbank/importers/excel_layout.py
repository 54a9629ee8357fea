"""The Madaster Excel source template layout: phase sheets and their columns (EN and DE).

A workbook holds one sheet per construction phase (Demolition, Preserved, New materials;
German Rückbau, Verbleibend, Einbau). Each sheet has one header row; columns are
recognised by their header text, so the order of columns and extra columns do not matter.
The positions below are where matbank's own template puts each column: the English
template follows the English layout, the German template the current German one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from matbank.importers.ifc_records import Phase


@dataclass(frozen=True, slots=True)
class Column:
    """One column: its record field, the headers it is known by, and its template letters."""

    key: str
    en: str
    de: str
    aliases: tuple[str, ...] = ()
    kind: str = "text"  # text | number | percent | date
    en_letter: str | None = None
    de_letter: str | None = None

    def headers(self) -> tuple[str, ...]:
        return (self.en, self.de, *self.aliases)


@dataclass(frozen=True, slots=True)
class PhaseSheet:
    phase: Phase
    en: str
    de: str
    aliases: tuple[str, ...] = ()


PHASE_SHEETS: tuple[PhaseSheet, ...] = (
    PhaseSheet("Demolition", "Demolition", "Rückbau", ("sloop", "ruckbau", "rueckbau")),
    PhaseSheet("Preserved", "Preserved", "Verbleibend", ("casco", "existing", "bestaand")),
    PhaseSheet("New", "New materials", "Einbau", ("new", "nieuw", "neue materialien")),
)

COLUMNS: tuple[Column, ...] = (
    Column("gtin", "GTIN", "GTIN", (), "text", "A", "A"),
    Column(
        "article_number",
        "Article number",
        "Artikelnummer",
        ("article number gln", "articlenumbergln"),
        "text",
        "B",
        "B",
    ),
    Column(
        "material_id",
        "Madaster id",
        "Madaster-ID",
        ("madaster identifier", "materialorproductid"),
        "text",
        "C",
        "C",
    ),
    Column(
        "external_database_id",
        "External database id",
        "Externe Datenbank-ID",
        ("external db id", "externe db-id", "externaldatabaseid"),
        "text",
        "D",
        "D",
    ),
    Column("name", "Description", "Beschreibung", ("omschrijving",), "text", "E", "E"),
    Column(
        "material_name",
        "Material/Product",
        "Material/Produkt",
        ("material or product", "material", "materiaal/product", "materialorproductname"),
        "text",
        "F",
        "F",
    ),
    Column(
        "classification",
        "Classification code",
        "Klassifizierungscode",
        ("classification", "klassifikation", "classificatiecode", "klassifikationscode"),
        "text",
        "G",
        "G",
    ),
    Column(
        "classification_name",
        "Classification name",
        "Klassifizierungsname",
        ("klassifikationsname",),
        "text",
        "H",
        "H",
    ),
    Column("floor", "Floor", "Geschoss", ("storey", "verdieping", "etage"), "text", "I", "I"),
    Column(
        "number_of_elements",
        "Number of elements",
        "Anzahl Elemente",
        ("anzahl der elemente",),
        "number",
        None,
        "J",
    ),
    Column(
        "volume", "Volume (m³)", "Volumen (m³)", ("volume m3", "volumen m3"), "number", "J", "K"
    ),
    Column(
        "area",
        "Area (m²)",
        "Fläche (m²)",
        ("area m2", "flache m2", "oppervlakte"),
        "number",
        "K",
        "L",
    ),
    Column(
        "length", "Length (m)", "Länge (m)", ("length m", "lange m", "lengte"), "number", "L", "M"
    ),
    Column(
        "count",
        "Amount (pieces)",
        "Stückzahl",
        ("amount", "pieces", "aantal", "anzahl"),
        "number",
        "M",
        None,
    ),
    Column("thickness", "Thickness (m)", "Dicke (m)", ("dikte",), "number", None, "N"),
    Column(
        "building_numbers",
        "Building numbers",
        "Objektnummern",
        ("object numbers", "gebaudenummern"),
        "text",
        None,
        "O",
    ),
    Column(
        "connection_type",
        "Connection type",
        "Verbindungstyp",
        ("verbindungsart",),
        "text",
        "N",
        "V",
    ),
    Column(
        "accessibility",
        "Accessibility of the connection",
        "Zugänglichkeit der Verbindung",
        ("connection accessibility", "accessibility", "zuganglichkeit"),
        "text",
        "Q",
        "Y",
    ),
    Column(
        "intersection",
        "Intersection",
        "Durchdringung",
        ("crossings", "kreuzungen"),
        "text",
        "S",
        "AA",
    ),
    Column("product_edge", "Product edge", "Produktkante", ("edge", "kante"), "text", "U", "AC"),
    Column("element_id", "Element id", "Element-ID", ("id",), "text", "W", "AJ"),
    # Element-level overrides of the linked product (domain §1.6, §4.2, §4.4). The German
    # template has them in AE-AG; lifespan and installation date are matbank's own columns.
    Column(
        "reuse",
        "% reused",
        "% wiederverwendet",
        ("reused", "reuse", "wiederverwendet", "hergebruikt"),
        "percent",
        "X",
        "AE",
    ),
    Column(
        "available_for_reuse",
        "% available for reuse",
        "% zur Wiederverwendung verfügbar",
        ("available for reuse", "verfugbar fur wiederverwendung", "beschikbaar voor hergebruik"),
        "percent",
        "Y",
        "AF",
    ),
    Column(
        "construction_waste",
        "Assumed construction waste",
        "Angenommener Bauabfall",
        ("construction waste", "assumed construction waste", "bauabfall", "bouwafval"),
        "percent",
        "Z",
        "AG",
    ),
    Column(
        "lifespan",
        "Lifespan (years)",
        "Lebensdauer (Jahre)",
        ("lifespan", "life span", "lebensdauer", "levensduur"),
        "number",
        "AA",
        "AK",
    ),
    Column(
        "installation_date",
        "Installation date",
        "Einbaudatum",
        ("installationdate", "installatiedatum"),
        "date",
        "AB",
        "AL",
    ),
)

#: The override columns, read into the element's override fields.
OVERRIDE_KEYS = ("reuse", "available_for_reuse", "construction_waste", "lifespan",
                 "installation_date")

QUANTITY_KEYS = ("volume", "area", "length", "count")
REQUIRED_KEYS = ("material_name", "classification")


def normalise_header(text: object) -> str:
    """Header text reduced to letters and digits: case, accents, units and marks ignored."""
    lowered = str(text or "").strip().lower()
    for accented, plain in (
        ("ä", "a"),
        ("ö", "o"),
        ("ü", "u"),
        ("ß", "ss"),
        ("³", "3"),
        ("²", "2"),
    ):
        lowered = lowered.replace(accented, plain)
    lowered = re.sub(r"\*|\(required\)|\(pflicht\)", " ", lowered)
    return " ".join(re.findall(r"[a-z0-9]+", lowered))


def _header_table() -> dict[str, Column]:
    table: dict[str, Column] = {}
    for column in COLUMNS:
        for header in column.headers():
            table.setdefault(normalise_header(header), column)
    return table


HEADERS = _header_table()


def column_for(header: object) -> Column | None:
    """The column a header cell names; units in the header are optional ("Volume" too)."""
    text = normalise_header(header)
    if text in HEADERS:
        return HEADERS[text]
    without_unit = re.sub(r" (m3|m2|m|pcs|stk)$", "", text)
    return HEADERS.get(without_unit)


def phase_of_sheet(title: str) -> Phase | None:
    """The phase a sheet holds, from its English or German name; None for other sheets."""
    text = normalise_header(title)
    for sheet in PHASE_SHEETS:
        names = (sheet.en, sheet.de, *sheet.aliases)
        if text in {normalise_header(name) for name in names}:
            return sheet.phase
    return None


def header_of(column: Column, language: str) -> str:
    return column.de if language == "de" else column.en


def letter_of(column: Column, language: str) -> str | None:
    return column.de_letter if language == "de" else column.en_letter


def sheet_title(sheet: PhaseSheet, language: str) -> str:
    return sheet.de if language == "de" else sheet.en

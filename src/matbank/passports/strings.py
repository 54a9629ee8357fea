"""Every text printed on a passport, in the five passport languages.

Each key holds one text per language in ``LANGUAGES`` order (English, Dutch, French, German,
Norwegian Bokmål), so a key cannot lack a language. Texts stay within Latin-1: the PDF's
built-in fonts print nothing else.
"""

from __future__ import annotations

from matbank.errors import InvalidRequest
from matbank.schemas import SUPPORTED_LANGUAGES

LANGUAGES = ("en", "nl", "fr", "de", "nb")

_ROWS: dict[str, tuple[str, str, str, str, str]] = {
    "title": ("Material passport", "Materialenpaspoort", "Passeport matériaux",
              "Materialpass", "Materialpass"),
    "type_OnePager": ("One-pager", "Onepager", "Fiche d'une page", "Onepager",
                      "Ensidig oversikt"),
    "type_ExecutiveSummary": ("Executive summary", "Managementsamenvatting",
                              "Résumé exécutif", "Management-Zusammenfassung", "Sammendrag"),
    "type_Full": ("Full passport", "Volledig paspoort", "Passeport complet",
                  "Vollständiger Pass", "Fullstendig pass"),
    "flow_input_renewable_sustainable": (
        "Input: renewable, sustainably produced", "Input: hernieuwbaar, duurzaam geproduceerd",
        "Entrée : renouvelable, produite durablement",
        "Input: erneuerbar, nachhaltig erzeugt", "Tilførsel: fornybar, bærekraftig produsert"),
    "flow_input_renewable_other": (
        "Input: renewable, other", "Input: hernieuwbaar, overig", "Entrée : renouvelable, autre",
        "Input: erneuerbar, sonstige", "Tilførsel: fornybar, annen"),
    "flow_input_non_renewable": (
        "Input: non-renewable", "Input: niet-hernieuwbaar", "Entrée : non renouvelable",
        "Input: nicht erneuerbar", "Tilførsel: ikke-fornybar"),
    "flow_input_reused": ("Input: reused", "Input: hergebruikt", "Entrée : réemployée",
                          "Input: wiederverwendet", "Tilførsel: ombrukt"),
    "flow_input_recycled": ("Input: recycled", "Input: gerecycled", "Entrée : recyclée",
                            "Input: recycelt", "Tilførsel: resirkulert"),
    "flow_output_reuse": ("Output: reuse", "Output: hergebruik", "Sortie : réemploi",
                          "Output: Wiederverwendung", "Utgang: ombruk"),
    "flow_output_recycle": ("Output: recycling", "Output: recycling", "Sortie : recyclage",
                            "Output: Recycling", "Utgang: resirkulering"),
    "flow_output_landfill": ("Output: landfill", "Output: storten", "Sortie : mise en décharge",
                             "Output: Deponie", "Utgang: deponi"),
    "flow_output_incineration": ("Output: incineration", "Output: verbranden",
                                 "Sortie : incinération", "Output: Verbrennung",
                                 "Utgang: forbrenning"),
    "flow_input_virgin": ("Input: virgin", "Input: primair", "Entrée : vierge",
                          "Input: primär", "Tilførsel: jomfruelig"),
    "flow_input_secondary": ("Input: secondary", "Input: secundair", "Entrée : secondaire",
                             "Input: sekundär", "Tilførsel: sekundær"),
    "flow_input_total": ("Input: total", "Input: totaal", "Entrée : total", "Input: gesamt",
                         "Tilførsel: totalt"),
    "flow_output_total": ("Output: total", "Output: totaal", "Sortie : total",
                          "Output: gesamt", "Utgang: totalt"),
    "flow_input": ("Input", "Input", "Entrée", "Input", "Tilførsel"),
    "flow_output": ("Output", "Output", "Sortie", "Output", "Utgang"),
    "general": ("General data", "Algemene gegevens", "Données générales", "Allgemeine Daten",
                "Generelle data"),
    "building": ("Building", "Gebouw", "Bâtiment", "Gebäude", "Bygning"),
    "address": ("Address", "Adres", "Adresse", "Adresse", "Adresse"),
    "contents": ("Contents", "Inhoud", "Sommaire", "Inhalt", "Innhold"),
    "online": ("Online", "Online", "En ligne", "Online", "På nett"),
    "owner": ("Owner", "Eigenaar", "Propriétaire", "Eigentümer", "Eier"),
    "phase": ("Phase", "Fase", "Phase", "Phase", "Fase"),
    "phase_New": ("New", "Nieuwbouw", "Neuf", "Neubau", "Nybygg"),
    "phase_Existing": ("Existing", "Bestaand", "Existant", "Bestand", "Eksisterende"),
    "phase_Renovation": ("Renovation", "Renovatie", "Rénovation", "Sanierung", "Rehabilitering"),
    "phase_Demolition": ("Demolition", "Sloop", "Démolition", "Rückbau", "Riving"),
    "completion": ("Completion date", "Opleverdatum", "Date d'achèvement",
                   "Fertigstellungsdatum", "Ferdigstillelsesdato"),
    "usage": ("Building usage", "Gebouwfunctie", "Usage du bâtiment", "Gebäudenutzung",
              "Bygningens bruk"),
    "gfa": ("Gross floor area (m²)", "Bruto vloeroppervlak (m²)", "Surface de plancher brute (m²)",
            "Bruttogrundfläche (m²)", "Bruttoareal (m²)"),
    "country": ("Country", "Land", "Pays", "Land", "Land"),
    "generated": ("Generated", "Gegenereerd", "Généré le", "Erstellt", "Generert"),
    "passport_type": ("Passport type", "Paspoorttype", "Type de passeport", "Passtyp",
                      "Passtype"),
    "key_figures": ("Key figures", "Kerncijfers", "Chiffres clés", "Kennzahlen", "Nøkkeltall"),
    "totals": ("Totals", "Totalen", "Totaux", "Summen", "Totaler"),
    "figure": ("Figure", "Kengetal", "Indicateur", "Kennzahl", "Nøkkeltall"),
    "value": ("Value", "Waarde", "Valeur", "Wert", "Verdi"),
    "mass": ("Mass (kg)", "Massa (kg)", "Masse (kg)", "Masse (kg)", "Masse (kg)"),
    "mass_per_m2": ("Mass per m² (kg/m²)", "Massa per m² (kg/m²)", "Masse par m² (kg/m²)",
                    "Masse pro m² (kg/m²)", "Masse per m² (kg/m²)"),
    "mci": ("Material circularity indicator", "Materiaalcirculariteitsindicator",
            "Indicateur de circularité des matériaux", "Materialzirkularitätsindikator",
            "Materialsirkularitetsindikator"),
    "gwp": ("Global warming potential (kg CO2 eq.)", "Klimaatverandering (kg CO2 eq.)",
            "Réchauffement climatique (kg CO2 éq.)", "Treibhauspotenzial (kg CO2-Äq.)",
            "Globalt oppvarmingspotensial (kg CO2-ekv.)"),
    "current_value": ("Current value", "Huidige waarde", "Valeur actuelle", "Aktueller Wert",
                      "Nåverdi av materialene"),
    "npv": ("Net present value", "Netto contante waarde", "Valeur actuelle nette",
            "Kapitalwert", "Netto nåverdi"),
    "elements": ("Elements", "Elementen", "Éléments", "Elemente", "Elementer"),
    "included_elements": ("Elements in the results", "Elementen in de resultaten",
                          "Éléments dans les résultats", "Elemente in den Ergebnissen",
                          "Elementer i resultatene"),
    "layer": ("Layer", "Laag", "Couche", "Schicht", "Lag"),
    "family": ("Material family", "Materiaalfamilie", "Famille de matériaux", "Materialfamilie",
               "Materialfamilie"),
    "section_mass": ("Mass per layer and material family", "Massa per laag en materiaalfamilie",
                     "Masse par couche et famille de matériaux",
                     "Masse je Schicht und Materialfamilie", "Masse per lag og materialfamilie"),
    "section_circularity": ("Circularity per layer", "Circulariteit per laag",
                            "Circularité par couche", "Zirkularität je Schicht",
                            "Sirkularitet per lag"),
    "section_flows": ("Material flows", "Materiaalstromen", "Flux de matériaux",
                      "Materialströme", "Materialstrømmer"),
    "section_detachability": ("Detachability", "Losmaakbaarheid", "Démontabilité",
                              "Rückbaubarkeit", "Demonterbarhet"),
    "section_environmental": ("Environmental impact per module", "Milieu-impact per module",
                              "Impact environnemental par module", "Umweltwirkung je Modul",
                              "Miljøpåvirkning per modul"),
    "section_financial": ("Residual value per material family",
                          "Restwaarde per materiaalfamilie",
                          "Valeur résiduelle par famille de matériaux",
                          "Restwert je Materialfamilie", "Restverdi per materialfamilie"),
    "section_elements": ("Elements of layer", "Elementen van laag", "Éléments de la couche",
                         "Elemente der Schicht", "Elementer i lag"),
    "flow": ("Flow", "Stroom", "Flux", "Strom", "Strøm"),
    "share": ("Share", "Aandeel", "Part", "Anteil", "Andel"),
    "index": ("Index", "Index", "Indice", "Index", "Indeks"),
    "quality": ("Quality", "Kwaliteit", "Qualité", "Qualität", "Kvalitet"),
    "module": ("Module", "Module", "Module", "Modul", "Modul"),
    "indicator": ("Indicator", "Indicator", "Indicateur", "Indikator", "Indikator"),
    "element": ("Element", "Element", "Élément", "Element", "Element"),
    "name": ("Name", "Naam", "Nom", "Name", "Navn"),
    "material": ("Material", "Materiaal", "Matériau", "Material", "Materiale"),
    "product_annex": ("Product annex", "Productbijlage", "Annexe produits", "Produktanhang",
                      "Produktvedlegg"),
    "product": ("Product", "Product", "Produit", "Produkt", "Produkt"),
    "type": ("Type", "Type", "Type", "Typ", "Type"),
    "count": ("Elements", "Elementen", "Éléments", "Elemente", "Elementer"),
    "volume": ("Volume (m³)", "Volume (m³)", "Volume (m³)", "Volumen (m³)", "Volum (m³)"),
    "area": ("Area (m²)", "Oppervlak (m²)", "Surface (m²)", "Fläche (m²)", "Areal (m²)"),
    "currency": ("Currency", "Valuta", "Devise", "Währung", "Valuta"),
    "total": ("Total", "Totaal", "Total", "Gesamt", "Totalt"),
    "not_available": ("n/a", "n.v.t.", "n.d.", "k. A.", "i.t."),
    "source_files": ("Source files", "Bronbestanden", "Fichiers sources", "Quelldateien",
                     "Kildefiler"),
    "file": ("File", "Bestand", "Fichier", "Datei", "Fil"),
    "status": ("Status", "Status", "Statut", "Status", "Status"),
    "linked": ("Linked", "Gekoppeld", "Liés", "Verknüpft", "Koblet"),
    "uploaded": ("Uploaded", "Geüpload", "Téléversé", "Hochgeladen", "Lastet opp"),
    "databases": ("Databases used", "Gebruikte databases", "Bases de données utilisées",
                  "Verwendete Datenbanken", "Databaser brukt"),
    "no_source_files": ("No active source files.", "Geen actieve bronbestanden.",
                        "Aucun fichier source actif.", "Keine aktiven Quelldateien.",
                        "Ingen aktive kildefiler."),
    "more_files": ("... and {count} more source files", "... en nog {count} bronbestanden",
                   "... et {count} autres fichiers sources", "... und {count} weitere Quelldateien",
                   "... og {count} kildefiler til"),
    "status_Uploaded": ("Uploaded", "Geüpload", "Téléversé", "Hochgeladen", "Lastet opp"),
    "status_Imported": ("Imported", "Geïmporteerd", "Importé", "Importiert", "Importert"),
    "status_Mapped": ("Mapped", "Gekoppeld", "Mis en correspondance", "Zugeordnet", "Koblet"),
    "status_Refined": ("Refined", "Verrijkt", "Enrichi", "Angereichert", "Beriket"),
    # Shearing layers (result keys are the English names).
    "layer_Surroundings": ("Surroundings", "Omgeving", "Environnement", "Umgebung", "Omgivelser"),
    "layer_Structure": ("Structure", "Constructie", "Structure", "Tragwerk", "Bæresystem"),
    "layer_Skin": ("Skin", "Gevel en dak", "Enveloppe", "Gebäudehülle", "Klimaskjerm"),
    "layer_Services": ("Services", "Installaties", "Équipements techniques", "Haustechnik",
                       "Tekniske installasjoner"),
    "layer_Space plan": ("Space plan", "Inbouw", "Aménagement intérieur", "Innenausbau",
                         "Innredning"),
    "layer_Stuff": ("Stuff", "Inventaris", "Mobilier", "Ausstattung", "Løsøre"),
    "layer_Unknown": ("Unknown", "Onbekend", "Inconnu", "Unbekannt", "Ukjent"),
    # Madaster material families (result keys are the English names).
    "family_Glass": ("Glass", "Glas", "Verre", "Glas", "Glass"),
    "family_Metal": ("Metal", "Metaal", "Métal", "Metall", "Metall"),
    "family_Organic": ("Organic", "Organisch", "Organique", "Organisch", "Organisk"),
    "family_Plastic": ("Plastic", "Kunststof", "Plastique", "Kunststoff", "Plast"),
    "family_Stone": ("Stone", "Steenachtig", "Minéral", "Mineralisch", "Stein"),
    "family_Wood": ("Wood", "Hout", "Bois", "Holz", "Tre"),
    "family_Unknown": ("Unknown", "Onbekend", "Inconnu", "Unbekannt", "Ukjent"),
}

#: Language -> key -> text.
TEXTS: dict[str, dict[str, str]] = {
    language: {key: row[index] for key, row in _ROWS.items()}
    for index, language in enumerate(LANGUAGES)
}


def check_language(language: str | None) -> str:
    """The language code to print in; ``None`` or empty means English."""
    code = (language or "en").strip().lower()
    if code not in SUPPORTED_LANGUAGES:
        raise InvalidRequest(
            f"Language {language!r} is not one of {', '.join(SUPPORTED_LANGUAGES)}.",
            title="Unsupported passport language.",
        )
    return code


def label(t: dict[str, str], kind: str, key: str) -> str:
    """A layer or family name (``kind`` ``layer`` or ``family``) in the texts' language; a
    name the passport has no translation for is printed as stored."""
    return t.get(f"{kind}_{key}", key)


def texts(language: str) -> dict[str, str]:
    """Every string in ``language`` (English for a language the passport does not know)."""
    return {**TEXTS.get(language, TEXTS["en"]), "_language": language}

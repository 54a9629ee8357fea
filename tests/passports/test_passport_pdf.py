"""What the PDF passport shows beyond the figures: vector charts, the cover (building data,
QR code, source files, databases) and the five languages."""

from __future__ import annotations

import re

import pytest
import segno
from fpdf import FPDF
from tests.passports.support import pdf_passport, text_of

from matbank.passports.charts import PALETTE
from matbank.passports.cover import draw_qr
from matbank.passports.strings import LANGUAGES, TEXTS


def _rg(colour: str) -> str:
    """The fill-colour operator fpdf2 writes for a #rrggbb colour."""
    parts = (int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5))
    return " ".join(f"{p:.4f}".rstrip("0").rstrip(".") for p in parts) + " rg"


def _content(page) -> str:
    return page.get_contents().get_data().decode("latin-1")


def test_charts_are_vector_drawings_not_images(client, built, session_factory):
    w, url = built
    reader = pdf_passport(client, w, url, session_factory, "ExecutiveSummary")
    assert all(len(page.images) == 0 for page in reader.pages)
    content = "".join(_content(page) for page in reader.pages)
    # The bars: filled paths in the chart palette (the building's total in the accent).
    assert _rg(PALETTE[0]) in content and _rg(PALETTE[3]) in content
    assert len(re.findall(r" l h f", content)) > 20
    text = text_of(reader)
    # Chart text stays text: axis labels and percentage ticks can be searched.
    assert "100%" in text and "Input" in text and "Output" in text


def test_the_one_pager_is_one_page_with_its_charts(client, built, session_factory):
    w, url = built
    reader = pdf_passport(client, w, url, session_factory, "OnePager")
    assert len(reader.pages) == 1 and len(reader.pages[0].images) == 0
    text = text_of(reader)
    assert "Mass per layer and material family" in text and "Circularity per layer" in text
    assert _rg(PALETTE[3]) in _content(reader.pages[0])


def test_the_cover_shows_the_building_sources_and_databases(client, built, session_factory):
    w, url = built
    reader = pdf_passport(client, w, url, session_factory, "Full")
    cover = reader.pages[0].extract_text()
    for expected in ("Office 1", "Hauptstraße, Köln", "Stadtwerke Köln", "New", "Offices - Small",
                     "1,000.00", "model", "Mapped", "100.0%", "Custom", "Contents"):
        assert expected in cover, expected
    building_url = f"/buildings/{w.building.id}"
    assert building_url in cover
    annotations = [a.get_object() for a in reader.pages[0]["/Annots"]]
    uris = [str(a["/A"]["/URI"]) for a in annotations if "/A" in a]
    assert [uri for uri in uris if uri.endswith(building_url)]
    # The contents list links to the sections' pages.
    assert sum("/Dest" in a for a in annotations) >= 6


def test_the_qr_code_encodes_the_building_url():
    url = "https://matbank.example/buildings/5f1c3d2e-8a4b-4c6d-9e0f-1a2b3c4d5e6f"
    pdf = FPDF(unit="pt")
    pdf.add_page()
    draw_qr(pdf, url, 0, 0, 328)
    content = bytes(pdf.pages[1].contents).decode("latin-1")
    expected = [[bool(v) for v in row] for row in segno.make(url, error="m").matrix]
    module = 328 / (len(expected) + 8)
    drawn = [[False] * len(expected) for _ in expected]
    rects = re.findall(r"(-?[\d.]+) (-?[\d.]+) (-?[\d.]+) (-?[\d.]+) re f", content)
    for x, y, width, _ in (tuple(map(float, r)) for r in rects):
        if width > 327.9:  # the white square under the code
            continue
        row, first = round((pdf.h - y) / module) - 4, round(x / module) - 4
        for column in range(first, first + round(width / module)):
            drawn[row][column] = True
    assert drawn == expected and sum(map(sum, drawn)) > 300


@pytest.mark.parametrize(
    ("language", "words"),
    [
        ("fr", ("Passeport matériaux", "Chiffres clés", "Flux de matériaux")),
        ("de", ("Materialpass", "Kennzahlen", "Materialströme")),
        ("nb", ("Materialpass", "Nøkkeltall", "Materialstrømmer")),
    ],
)
def test_french_german_and_norwegian_passports(client, built, session_factory, language, words):
    w, url = built
    text = text_of(pdf_passport(client, w, url, session_factory, "ExecutiveSummary", language))
    for word in words:
        assert word in text, word


def test_every_text_exists_in_all_five_languages():
    assert set(LANGUAGES) == set(TEXTS)
    keys = set(TEXTS["en"])
    for language in LANGUAGES:
        assert set(TEXTS[language]) == keys, language
        for key, value in TEXTS[language].items():
            assert value.strip(), (language, key)
            value.encode("latin-1")  # the PDF's built-in fonts print nothing else
            assert set(re.findall(r"{\w+}", value)) == set(re.findall(r"{\w+}", TEXTS["en"][key]))
    translated = {lang for lang in LANGUAGES if TEXTS[lang]["key_figures"] != "Key figures"}
    assert translated == {"nl", "fr", "de", "nb"}


@pytest.mark.parametrize(
    ("language", "printed", "not_printed"),
    [
        ("nl", ("Duitsland", "Constructie", "Gevel en dak", "Inbouw", "Hout"), ("Structure",)),
        ("de", ("Deutschland", "Tragwerk", "Gebäudehülle", "Innenausbau", "Holz"), ("Skin",)),
        ("en", ("Germany", "Structure", "Skin", "Space plan", "Wood"), ("Tragwerk",)),
    ],
)
def test_layers_families_and_country_in_the_passport_language(
    client, built, session_factory, language, printed, not_printed
):
    """The results name layers and families in English; the passport prints them (and the
    building's country, entered as "Deutschland") in its own language."""
    w, url = built
    text = text_of(pdf_passport(client, w, url, session_factory, "Full", language))
    for word in printed:
        assert word in text, word
    for word in not_printed:
        assert word not in text, word

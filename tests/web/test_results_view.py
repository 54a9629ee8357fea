"""Shaping a stored results document for the building page (no database)."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from matbank.web.results import shape, title

NOW = datetime(2026, 1, 1, tzinfo=UTC)


def test_the_parts_become_figures_charts_and_the_mass_matrix():
    document = {
        "schemaVersion": 3,
        "mass": {
            "total": 30.0,
            "perSquareMetre": 0.5,
            "layers": {"Structure": 20.0, "Skin": 10.0},
            "families": {"Stone": 30.0},
            "matrix": {"Structure": {"Stone": 20.0}, "Skin": {"Stone": 10.0}},
        },
        "circularity": {"building": {"ci": 0.4}, "layers": {"Structure": {"ci": 0.5}}},
        "environmental": {"building": {"modules": {"GWP-total": {"A1_A3": 12.0, "C4": -2.0}}}},
    }
    view = shape(document, NOW)
    mass, circularity, environmental = view.sections
    assert ("Total mass", 30.0, "kg") in mass.figures
    layers = mass.charts[0]
    assert [(b.label, b.percent) for b in layers.bars] == [("Structure", 100.0), ("Skin", 50.0)]
    assert mass.matrices[0].columns == ["Stone"]
    assert circularity.charts[0].bars[0].value == 0.5
    gwp = environmental.charts[0]
    assert gwp.title.startswith("GWP-total") and [b.percent for b in gwp.bars] == [
        100.0,
        pytest.approx(100 * 2 / 12),
    ]


def test_other_documents_are_shown_generically():
    view = shape({"totalMass": 5, "massPerLayer": {"Skin": 5}, "note": "x"}, NOW)
    (section,) = view.sections
    assert section.figures == [("Total mass", 5.0, "")]
    assert section.charts[0].title == "Mass per layer"
    assert title("madasterCiScore") == "Madaster ci score"

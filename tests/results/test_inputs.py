"""The mapping of stored building and commodity data onto the calculations' inputs."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from matbank.calculations.financial import FinancialMode
from matbank.results import inputs
from matbank.results.shape import empty_document


@pytest.mark.parametrize(
    ("address", "owner", "expected"),
    [
        ("NL", None, "nl"),
        ("Nederland", "de", "nl"),
        (" Deutschland ", None, "de"),
        ("Atlantis", "Belgique", "be"),
        (None, "UK", "gb"),
        ("Atlantis", None, inputs.NO_COUNTRY),
        (None, None, inputs.NO_COUNTRY),
    ],
)
def test_the_country_comes_from_the_address_then_the_owner(address, owner, expected):
    assert inputs.building_country(address, owner) == expected


def test_the_compliance_with_most_datasets_wins_and_a2_breaks_ties():
    assert inputs.choose_compliance({"EN 15804": 3, "EN 15804+A2": 1}) == "EN 15804"
    assert inputs.choose_compliance({"EN 15804": 2, "EN 15804+A2": 2}) == "EN 15804+A2"
    assert inputs.choose_compliance({}) == "EN 15804+A2"


def test_an_lca_body_becomes_a_dataset_of_its_compliance_only():
    body = {
        "isoCode": "de",
        "compliance": ["EN 15804"],
        "environmentalCostIndicator": 0.4,
        "phases": [
            {"phaseId": "NotSpecified", "EN15804_2012_04_A1_2013": {"globalWarmingPotential": 2}},
            {"phaseId": "C4", "EN15804_2012_04_A1_2013": {"globalWarmingPotential": None}},
        ],
    }
    dataset = inputs.lca_dataset(body, "EN 15804", per_kg=True)
    assert dataset is not None and dataset.country == "de" and dataset.environmental_cost == 0.4
    assert dataset.impacts == {"globalWarmingPotential": {"A1_A3": 2.0}}
    assert inputs.lca_dataset(body, "EN 15804+A2", per_kg=True) is None


def test_a_financial_body_keeps_unset_costs_unset():
    setting = inputs.financial_setting({"isoCode": "nl", "mode": "PriceSet", "priceSet": "x"})
    assert setting is not None and setting.mode is FinancialMode.PRICE_SET
    assert setting.price_set_id == "x" and setting.transport_per_kg is None
    assert inputs.financial_setting(None) is None


def test_demolished_elements_count_only_in_a_building_being_demolished():
    assert inputs.is_included("New", "Renovation")
    assert not inputs.is_included("Demolition", "Renovation")
    assert inputs.is_included("Demolition", "Demolition")


def test_unknown_detachability_factors_are_no_factors():
    row = SimpleNamespace(
        connection_type="Unknown",
        accessibility="Unknown",
        intersection="Unknown",
        product_edge="Unknown",
    )
    assert inputs.element_detachability(row) is None
    row.product_edge = "Open"
    assert inputs.element_detachability(row).product_edge == "Open"


def test_the_empty_document_has_every_part():
    document = empty_document()
    assert set(document) == {
        "schemaVersion",
        "context",
        "mass",
        "circularity",
        "flows",
        "detachability",
        "environmental",
        "financial",
    }
    assert document["mass"]["total"] == 0.0 and document["context"]["country"] is None


def test_installation_offsets_count_years_from_the_completion_date():
    """3653 days after 2020-01-01 is 10.0 years of 365.25 days; before delivery is negative."""
    from datetime import UTC, date, datetime

    completed = datetime(2020, 1, 1, 12, tzinfo=UTC)
    assert inputs.installation_offset_years(date(2030, 1, 1), completed) == \
        pytest.approx(10.0, abs=0.01)
    assert inputs.installation_offset_years(date(2010, 1, 1), completed) == \
        pytest.approx(-10.0, abs=0.01)
    assert inputs.installation_offset_years(None, completed) is None
    assert inputs.installation_offset_years(date(2030, 1, 1), None) is None

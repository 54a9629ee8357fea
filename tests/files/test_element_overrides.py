"""Element-level overrides (CPset_Madaster Reuse, AvailableForReuse, LifeSpan,
AssumedConstructionWaste) travel from an IFC model to the element and into the results."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import select
from tests.ifc_models import ModelBuilder
from tests.test_building_flow import API, new_source, run_jobs, w  # noqa: F401

from matbank.elements.models import Element
from matbank.files.import_rows import element_overrides


@pytest.mark.parametrize(("properties", "expected"), [
    ({"Reuse": "0.25", "AvailableForReuse": "60", "LifeSpan": "40",
      "AssumedConstructionWaste": "5%", "InstallationDate": "2030-01-31T08:00:00"},
     {"reuse": 0.25, "available_for_reuse": 0.6, "lifespan": 40.0, "construction_waste": 0.05,
      "installation_date": date(2030, 1, 31)}),
    ({"Reuse": "lots", "AvailableForReuse": "-1", "LifeSpan": "0",
      "AssumedConstructionWaste": "250", "InstallationDate": "next spring"},
     {"reuse": None, "available_for_reuse": None, "lifespan": None, "construction_waste": None,
      "installation_date": None}),
    ({}, {"reuse": None, "available_for_reuse": None, "lifespan": None,
          "construction_waste": None, "installation_date": None}),
])
def test_override_texts_are_read_as_fractions_and_years(properties, expected):
    assert element_overrides(properties) == expected


def test_overrides_from_an_ifc_model_reach_the_element(client, w, session_factory,  # noqa: F811
                                                        session, tmp_path):
    builder = ModelBuilder(schema="IFC4", length="METRE")
    wall = builder.element("IfcWall", "Reused wall")
    builder.assign_material([wall], "IfcMaterial", builder.material("Concrete"))
    builder.qto(wall, "Qto_WallBaseQuantities", {"NetVolume": 2.0})
    builder.pset(wall, "CPset_Madaster", {"Reuse": "0.5", "AvailableForReuse": "0.8"})
    content = builder.write(tmp_path / "reuse.ifc").read_bytes()
    created = new_source(client, w, name="reuse")
    url = f"{API}/building/{w.building.id}/files/{created['id']}"
    client.post(f"{url}/upload/reuse.ifc", content=content,
                headers={**w.headers, "content-type": "application/octet-stream"})
    run_jobs(client, session_factory)
    element = session.scalars(select(Element).where(Element.name == "Reused wall")).one()
    assert (element.reuse, element.available_for_reuse) == (0.5, 0.8)
    client.post(f"{url}/active", json=True, headers=w.headers)
    run_jobs(client, session_factory)
    circularity = client.get(f"{API}/building/{w.building.id}/results/flows",
                             headers=w.headers).json()
    assert circularity  # the results were computed with the overrides in place

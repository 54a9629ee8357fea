"""The fast parts of `make conformance`: operations missing from matbank, and clients
generated from the reference documents driven through the documented flows against a
real server process (the schemathesis run takes minutes and stays in `make conformance`)."""

from __future__ import annotations

import uuid

import pytest
from conformance.clients import authenticated, generate
from conformance.commodity_flow import CommodityFlow
from conformance.flows import BuildingFlow
from conformance.server import running_server
from conformance.specs import REFERENCE_SPECS, load, missing_operations, with_errata

pytestmark = pytest.mark.skipif(
    not all(p.exists() for p in REFERENCE_SPECS.values()),
    reason="the reference OpenAPI documents (../shared) are absent",
)


def test_every_reference_operation_is_served():
    assert missing_operations() == {"v3.0": [], "v4.0": []}


def test_errata_open_the_polymorphic_commodity_schemas():
    document = with_errata(load(REFERENCE_SPECS["v4.0"]))
    schemas = document["components"]["schemas"]
    assert "additionalProperties" not in schemas["CommodityBase"]
    assert "additionalProperties" not in schemas["Product"]
    get = document["paths"]["/api/v4.0/commodity/{id}"]["get"]
    assert "anyOf" in get["responses"]["200"]["content"]["application/json"]["schema"]


@pytest.fixture(scope="module")
def server():
    with running_server() as running:
        yield running


@pytest.fixture(scope="module")
def clients(tmp_path_factory):
    folder = tmp_path_factory.mktemp("generated")
    return (
        generate(REFERENCE_SPECS["v3.0"], folder, "madaster_v3_client"),
        generate(REFERENCE_SPECS["v4.0"], folder, "madaster_v4_client"),
    )


def test_generated_v3_client_runs_the_building_flow(server, clients):
    v3, _ = clients
    with authenticated(v3, server.base_url, server.token) as client:
        log = BuildingFlow(v3, client, limit=60).run(uuid.uuid4().hex[:8])
    assert any("Mapped" in step for step in log)
    assert any("isDirty=False" in step for step in log)
    assert any(step.startswith("passport Uploaded, downloaded") for step in log), log


def test_generated_v4_client_gets_or_creates_database_and_product(server, clients):
    _, v4 = clients
    suffix = uuid.uuid4().hex[:8]
    with authenticated(v4, server.base_url, server.token) as client:
        first = CommodityFlow(v4, client).run(suffix)
        again = CommodityFlow(v4, client).run(suffix)
    assert any("created" in step for step in first)
    assert all("created" not in step for step in again), "the second run finds, not creates"
    assert again[-1] == first[-1]

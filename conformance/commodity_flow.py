"""The v4.0 flow of the examples with the generated v4.0 client: get-or-create a database
and a product by external id, then its matching terms, an LCA and a bill of materials."""

from __future__ import annotations

from types import ModuleType
from typing import Any
from uuid import UUID

from conformance.clients import FlowFailure, expect, module
from conformance.flows import EXAMPLE_MATERIALS, ZERO

TERMS = ("beton", "concrete", "Beton C30/37", "in situ")


class CommodityFlow:
    def __init__(self, v4: ModuleType, client: Any) -> None:
        self.v4, self.client = v4, client
        self.models = module(v4, "models")
        self.log: list[str] = []

    def call(self, dotted: str, status: int, *args: Any, **kwargs: Any) -> Any:
        response = module(self.v4, f"api.{dotted}").sync_detailed(
            *args, client=self.client, **kwargs
        )
        return expect(response, status, dotted.rsplit(".", 1)[1])

    def found(self, dotted: str, *args: Any) -> Any | None:
        """The body of a lookup by external id, or None on the documented 404."""
        response = module(self.v4, f"api.{dotted}").sync_detailed(*args, client=self.client)
        if int(response.status_code) == 404:
            return None
        return expect(response, 200, dotted.rsplit(".", 1)[1])

    def names(self, text: str) -> Any:
        return self.models.LocalizedString.from_dict({"en": text, "nl": text})

    def run(self, suffix: str) -> list[str]:
        database_id = self.database(f"conformance-db-{suffix}")
        product_id, created = self.product(database_id, f"conformance-product-{suffix}")
        if created:
            self.furnish(product_id)
        self.verify(product_id)
        return self.log

    def database(self, external_id: str) -> UUID:
        existing = self.found("database.database_get_database_by_external_id", external_id)
        if existing is not None:
            self.log.append(f"database {existing.id} found by external id")
            return existing.id
        body = self.models.Database(
            id=ZERO,
            names=self.names("Conformance database"),
            initially_selected_for_enrichment=True,
            external_id=external_id,
        )
        created = self.call("database.database_create_database", 201, body=body)
        self.log.append(f"database {created.id} created")
        return created.id

    def product(self, database_id: UUID, external_id: str) -> tuple[UUID, bool]:
        lookup = "commodity.commodity_get_commodity_by_external_id"
        existing = self.found(lookup, database_id, external_id)
        if existing is not None:
            self.log.append(f"product {existing.id} found by external id")
            return existing.id, False
        body = self.models.CommodityBase(
            commodity_type="Product",
            id=ZERO,
            database_id=database_id,
            external_id=external_id,
            names=self.names("Conformance product"),
            is_active=True,
        )
        created = self.call("commodity.commodity_create_commodity", 200, body=body)
        if created.commodity_type != "Product":
            raise FlowFailure(f"created a {created.commodity_type}, not a Product")
        self.log.append(f"product {created.id} created")
        return created.id, True

    def furnish(self, product_id: UUID) -> None:
        for value in TERMS:
            term = self.models.MatchingTerm(
                id=ZERO, value=value, match_type=self.models.MatchingTermType.CONTAINS
            )
            self.call("commodity.commodity_create_match", 201, product_id, body=term)
        for material_id, kilograms in zip(EXAMPLE_MATERIALS, (100.0, 50.0), strict=True):
            child = self.models.AddProductChildRequest(commodity_id=material_id, quantity=kilograms)
            self.call(
                "commodity.commodity_add_product_child_by_weight", 202, product_id, body=child
            )
        self.call(
            "commodity.commodity_create_life_cycle_assessment", 201, product_id, body=self.lca()
        )

    def lca(self) -> Any:
        values = self.models.EN158042012A22019.from_dict({"globalWarmingPotentialTotal": 212.5})
        phase = self.models.LifeCycleAssessmentPhase(
            phase_id=self.models.LcaPhase.A1_A3, en15804_2012_a2_2019=values
        )
        return self.models.LifeCycleAssessment(iso_code="nl", reference_year=2024, phases=[phase])

    def verify(self, product_id: UUID) -> None:
        terms = self.call("commodity.commodity_get_matches", 200, product_id)
        if sorted(t.value for t in terms) != sorted(TERMS):
            raise FlowFailure(f"matching terms read back as {[t.value for t in terms]}")
        children = self.call("commodity.commodity_get_product_children", 200, product_id)
        if sorted(c.commodity_id for c in children) != sorted(EXAMPLE_MATERIALS):
            raise FlowFailure(f"bill of materials read back as {children}")
        lcas = self.call("commodity.commodity_get_life_cycle_assessments", 200, product_id)
        if [a.iso_code for a in lcas] != ["nl"] or not lcas[0].phases:
            raise FlowFailure(f"LCAs read back as {lcas}")
        self.log.append(
            f"product has {len(terms)} matching terms, {len(children)} BoM lines, LCA nl"
        )

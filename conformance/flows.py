"""The documented client flows, written against generated clients only: the building flow
(folder, building, source file fed with elements, Mapped, active, recalculated, passport)
and the v4.0 get-or-create of a database and a product with terms, LCA and bill of
materials. Nothing here knows matbank; only the base URL and the token are ours."""

from __future__ import annotations

import datetime
import time
from collections.abc import Callable
from types import ModuleType
from typing import Any
from uuid import UUID

import httpx

from conformance.clients import FlowFailure, expect, module

ZERO = UUID(int=0)
# Materials of the standard database that the official v4.0 example adds to its product.
EXAMPLE_MATERIALS = (
    UUID("b499c354-fa05-4fc5-8ee4-8df89d09da4a"),
    UUID("fafe6a22-b9c0-4062-a7bb-0c8ffce68cb2"),
)
ELEMENTS = (
    ("wall-1", "Masonry - Brick", 12.5, "21.12"),
    ("slab-1", "Concrete - Cast In Situ", 30.0, "23.12"),
    ("beam-1", "Stahl", 0.4, "28.1"),
)


def wait_until(
    read: Callable[[], Any], done: Callable[[Any], bool], what: str, limit: float
) -> Any:
    """Poll like the examples do (they never give up; we do, after ``limit`` seconds)."""
    deadline = time.monotonic() + limit
    while True:
        value = read()
        if done(value):
            return value
        if time.monotonic() > deadline:
            raise FlowFailure(f"gave up waiting for {what}; last seen: {value}")
        time.sleep(0.25)


class BuildingFlow:
    """§ "building flow" of the examples, step by step, with the v3.0 generated client."""

    def __init__(self, v3: ModuleType, client: Any, *, limit: float = 120.0) -> None:
        self.v3, self.client, self.limit = v3, client, limit
        self.models = module(v3, "models")
        self.log: list[str] = []

    def call(self, dotted: str, status: int, *args: Any, **kwargs: Any) -> Any:
        response = module(self.v3, f"api.{dotted}").sync_detailed(
            *args, client=self.client, **kwargs
        )
        return expect(response, status, dotted.rsplit(".", 1)[1])

    def run(self, suffix: str) -> list[str]:
        account = self.call("account.account_get_account", 200)
        self.log.append(f"account {account.name}")
        folder_id = self.portfolio(f"conformance-portfolio-{suffix}")
        building_id = self.building(folder_id, f"conformance-building-{suffix}")
        file_id = self.source_file(building_id)
        self.feed_and_map(building_id, file_id)
        self.activate(building_id, file_id)
        self.passport(building_id)
        return self.log

    def portfolio(self, external_id: str) -> UUID:
        found = module(self.v3, "api.folder.folder_get_folder_by_external_id").sync_detailed(
            external_id, client=self.client
        )
        if int(found.status_code) == 200:
            return found.parsed.id
        expect(found, 404, "folder_get_folder_by_external_id")
        types = self.call("account.account_get_folder_types", 200)
        portfolio = next(t for t in types if t.name.en == "Portfolio")
        request = self.models.FolderRequest(
            name="Conformance portfolio",
            parent_id=ZERO,
            foldertype_id=portfolio.id,
            external_id=external_id,
        )
        return self.call("folder.folder_add_folder", 201, body=request).id

    def building(self, folder_id: UUID, external_id: str) -> UUID:
        nl = self.models.AcceptLanguage.NL
        usages = self.call(
            "system_settings.system_settings_get_building_usages", 200, accept_language=nl
        )
        families = self.call(
            "system_settings.system_settings_get_material_classifications", 200, accept_language=nl
        )
        family = next(f for f in families if f.name == "Madaster")
        request = self.models.BuildingRequest(
            folder_id=folder_id,
            name="Conformance office",
            phase=self.models.BuildingPhase.NEW,
            completion_date=datetime.datetime(2025, 6, 30, tzinfo=datetime.UTC),
            building_usage=next(iter(usages.additional_properties)),
            gross_surface_area=None,
            material_classification_type_id=family.id,
            external_id=external_id,
        )
        building = self.call("building.building_add_building", 201, body=request)
        self.log.append(f"building {building.id} created")
        return building.id

    def source_file(self, building_id: UUID) -> UUID:
        methods = self.call("system_settings.system_settings_get_classification_methods", 200)
        nl_sfb = next(m for m in methods if m.name["iv"] == "NL-SfB")
        request = self.models.BuildingFileRequest(
            type_=self.models.BuildingRequestFileType.SOURCE,
            name="conformance elements",
            preferred_database_ids=[ZERO],
            classification_type_id=nl_sfb.id,
        )
        created = self.call("building_file.building_file_add_file", 201, building_id, body=request)
        self.log.append(f"source file {created.id}: {created.status}")
        return created.id

    def feed_and_map(self, building_id: UUID, file_id: UUID) -> None:
        self.call("building_file.building_file_set_importing", 204, building_id, file_id)
        first, *rest = (
            self.models.BuildingFileElementRequest(
                id=eid,
                name=eid,
                material_name=material,
                volume=volume,
                classification_lookup=lookup,
                element_class="ifcwall",
            )
            for eid, material, volume, lookup in ELEMENTS
        )
        elements = "building_file_element.building_file_element_"
        self.call(f"{elements}add_element", 201, building_id, file_id, body=first)
        batch = self.call(f"{elements}upsert_elements", 200, building_id, file_id, body=rest)
        if batch.failures:
            raise FlowFailure(f"batch upsert failures: {batch.failures}")
        self.call("building_file.building_file_start_refinement", 202, building_id, file_id)
        status = wait_until(
            lambda: self.call(
                "building_file.building_file_get_status_by_id", 200, building_id, file_id
            ),
            lambda s: s.status in ("Mapped", "RefineFailed", "ImportFailed", "Error"),
            "refinement",
            self.limit,
        )
        if status.status != "Mapped":
            raise FlowFailure(f"file ended as {status.status}: {status.status_message}")
        self.log.append(f"file Mapped ({status.element_processed_count}/{status.element_count})")

    def activate(self, building_id: UUID, file_id: UUID) -> None:
        files = self.call("building_file.building_file_get_files", 200, building_id)
        source = next(f for f in files if f.id == file_id and f.is_active is False)
        active = self.call(
            "building_file.building_file_set_active", 200, building_id, source.id, body=True
        )
        if active.is_active is not True:
            raise FlowFailure("the file did not become active")
        building = wait_until(
            lambda: self.call("building.building_get_building_by_id", 200, building_id),
            lambda b: b.is_dirty is False,
            "recalculation",
            self.limit,
        )
        self.log.append(f"file active, building recalculated (isDirty={building.is_dirty})")

    def passport(self, building_id: UUID) -> None:
        request = self.models.PassportRequest(
            passport_type=self.models.PassportType.FULL, language="nl", preset=ZERO
        )
        response = module(self.v3, "api.building.building_create_passport").sync_detailed(
            building_id, client=self.client, body=request
        )
        pdf = expect(response, 202, "building_create_passport")
        done = wait_until(
            lambda: self.call(
                "building_file.building_file_get_file_by_id", 200, building_id, pdf.id
            ),
            lambda f: f.status in ("Uploaded", "Error"),
            "the passport",
            self.limit,
        )
        if done.status != "Uploaded":
            raise FlowFailure(f"passport ended as {done.status}")
        link = self.call("building_file.building_file_download", 200, building_id, pdf.id)
        # The link is signed and complete: a client fetches it with a plain GET.
        content = httpx.get(str(link.url), timeout=60, follow_redirects=True)
        if content.status_code != 200 or not content.content.startswith(b"%PDF"):
            raise FlowFailure(f"the passport download gave {content.status_code}, not a PDF")
        self.log.append(
            f"passport Uploaded, downloaded {len(content.content)} bytes of PDF from "
            f"{str(link.url)[:40]}…"
        )

"""Wire shapes of the system settings endpoints."""

from __future__ import annotations

import uuid

from pydantic import ConfigDict

from matbank.schemas import ApiModel


class MultiLingualString(ApiModel):
    """A text per language code; extra keys such as ``iv`` (invariant) are allowed."""

    model_config = ConfigDict(extra="allow")
    nl: str | None = None
    en: str | None = None
    de: str | None = None
    fr: str | None = None


class ClassificationMethod(ApiModel):
    id: uuid.UUID
    name: MultiLingualString


class MaterialFamily(ApiModel):
    id: str | None = None
    name: str | None = None

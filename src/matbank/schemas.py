"""Shared building blocks for wire schemas.

Wire names are camelCase with the contract's odd spellings kept as explicit aliases.
Unknown request fields are ignored (generated .NET clients send every default value),
NaN and Infinity are refused and timestamps are normalised to UTC. (NUL characters, which
PostgreSQL cannot store, are refused for every JSON body at once by the request middleware.)
"""

from __future__ import annotations

from datetime import UTC, datetime
from enum import StrEnum
from typing import Annotated, Any

from pydantic import AfterValidator, BaseModel, ConfigDict, Field
from pydantic.alias_generators import to_camel

#: ``openapi_extra`` of an operation that is matbank's own, beyond the Madaster contract; the
#: contract tests compare every other operation with the reference documents.
OWN_ADDITION: dict[str, Any] = {"x-matbank-addition": True}

INT32_MAX = 2_147_483_647
INT32_MIN = -2_147_483_648

Int32 = Annotated[int, Field(ge=INT32_MIN, le=INT32_MAX)]
NonNegInt32 = Annotated[int, Field(ge=0, le=INT32_MAX)]
NonNegFloat = Annotated[float, Field(ge=0)]


def _to_utc(value: datetime) -> datetime:
    if value.tzinfo is None:
        return value.replace(tzinfo=UTC)
    try:
        return value.astimezone(UTC)
    except OverflowError as exc:
        raise ValueError("the timestamp is outside the supported range") from exc


UtcDateTime = Annotated[datetime, AfterValidator(_to_utc)]


class ApiModel(BaseModel):
    """Base for every request and response body."""

    model_config = ConfigDict(
        alias_generator=to_camel,
        populate_by_name=True,
        extra="ignore",
        allow_inf_nan=False,
        from_attributes=True,
        use_enum_values=False,
    )


class AcceptLanguage(StrEnum):
    EN = "en"
    NL = "nl"
    FR = "fr"
    DE = "de"
    NB = "nb"


SUPPORTED_LANGUAGES = tuple(lang.value for lang in AcceptLanguage)


def negotiate_language(header: str | None) -> str:
    """Pick the first supported language of an ``accept-language`` header, else English.

    Plain codes (``nl``) as Madaster clients send them and browser lists
    (``nl-NL,nl;q=0.9,en;q=0.8``) both work; Norwegian ``no``/``nn`` fall back to ``nb``.
    """
    if not header:
        return "en"
    ranked: list[tuple[float, int, str]] = []
    for position, part in enumerate(header.split(",")):
        tag, _, params = part.strip().partition(";")
        quality = 1.0
        if params.strip().startswith("q="):
            try:
                quality = float(params.strip()[2:])
            except ValueError:
                quality = 0.0
        primary = tag.strip().lower().split("-")[0]
        primary = "nb" if primary in ("no", "nn") else primary
        if primary in SUPPORTED_LANGUAGES:
            ranked.append((-quality, position, primary))
    return min(ranked)[2] if ranked else "en"


def localise(names: dict[str, str], language: str) -> str:
    """The name in ``language``, falling back to English, then to any name."""
    return names.get(language) or names.get("en") or next(iter(names.values()), "")


class ProblemDetails(BaseModel):
    """RFC 7807 problem document returned for every failure."""

    model_config = ConfigDict(extra="allow")
    type: str | None = None
    title: str | None = None
    status: int | None = None
    detail: str | None = None
    instance: str | None = None


PROBLEM_RESPONSES: dict[int | str, dict[str, Any]] = {
    "default": {"model": ProblemDetails, "description": "The request failed; the body says why."}
}

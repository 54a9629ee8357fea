"""Turning submitted form fields into the services' request models."""

from __future__ import annotations

from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from matbank.errors import InvalidRequest

M = TypeVar("M", bound=BaseModel)


def parse_form(model: type[M], **values: Any) -> M:
    """The form's values as ``model``; the first bad field becomes a 400 with its name."""
    try:
        return model.model_validate(values)
    except ValidationError as error:
        first = error.errors()[0]
        field = ".".join(str(p) for p in first.get("loc", ())) or "form"
        raise InvalidRequest(f"{field.replace('_', ' ')}: {first.get('msg')}") from error

"""A passport's figures with the layer and material-family names in the passport's language.

The stored results name layers and families in English (they are keys of the API's results
too); a passport prints them in its own language. Only the names change, never a figure.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Mapping
from typing import TypeVar

from matbank.passports.data import PassportData
from matbank.passports.strings import label

V = TypeVar("V")


def _keys(values: Mapping[str, V], name: Callable[[str], str]) -> dict[str, V]:
    return {name(key): value for key, value in values.items()}


def localised(data: PassportData, t: dict[str, str]) -> PassportData:
    """``data`` with every layer and family name printed in the language of ``t``."""

    def layer(key: str) -> str:
        return label(t, "layer", key)

    def family(key: str) -> str:
        return label(t, "family", key)

    mass = data.mass.model_copy(update={
        "layers": _keys(data.mass.layers, layer),
        "families": _keys(data.mass.families, family),
        "matrix": {layer(k): _keys(row, family) for k, row in data.mass.matrix.items()},
    })
    financial = data.financial.model_copy(update={
        "families": _keys(data.financial.families, family),
        "layers": _keys(data.financial.layers, layer),
    })
    return dataclasses.replace(
        data,
        mass=mass,
        financial=financial,
        circularity=data.circularity.model_copy(
            update={"layers": _keys(data.circularity.layers, layer)}),
        flows=data.flows.model_copy(update={"layers": _keys(data.flows.layers, layer)}),
        detachability=data.detachability.model_copy(
            update={"layers": _keys(data.detachability.layers, layer)}),
        elements=[dataclasses.replace(line, layer=layer(line.layer)) for line in data.elements],
    )

"""Elements as the API shows them (BuildingFileElementResponse), built straight from rows."""

from __future__ import annotations

from typing import Any

from matbank.elements.lookups import stable_id
from matbank.elements.models import Element


def element_view(element: Element, fields: list[str] | None = None) -> dict[str, Any]:
    """The response body of one element; ``fields`` is an OData ``$select`` projection."""
    body: dict[str, Any] = {
        "id": element.element_id,
        "name": element.name,
        "buildingFileId": str(element.file_id),
        "materialName": element.material_name,
        "externalDatabaseId": element.external_database_id,
        "typeName": element.type_name,
        "elementClass": element.element_class,
        "volume": element.volume,
        "area": element.area,
        "height": element.height,
        "width": element.width,
        "length": element.length,
        "mapping": _mapping(element),
        "phaseMatch": _match("phase", element.phase),
        "brandLayerMatch": _match("layer", element.layer),
        "classificationMatch": _classification(element),
        "phaseLookup": [element.phase_lookup] if element.phase_lookup else None,
        "classificationLookup": [element.classification_lookup]
        if element.classification_lookup
        else None,
        "floor": element.floor,
        "GTIN": element.gtin,
        "articleNumber": element.article_number,
        "buildingNumbers": element.building_numbers,
        "detachabilityConnectionType": element.connection_type,
        "detachabilityConnectionTypeDetail": element.connection_type_detail,
        "detachabilityIntersection": element.intersection,
        "detachabilityAccessibility": element.accessibility,
        "detachabilityProductEdge": element.product_edge,
    }
    if fields is not None:
        body = {key: body[key] for key in fields}
    return {key: value for key, value in body.items() if value is not None}


def _mapping(element: Element) -> dict[str, str] | None:
    if element.commodity_id is None:
        return None
    return {"id": str(element.commodity_id), "type": element.commodity_type or "Material"}


def _match(
    kind: str, key: str | None, names: dict[str, str] | None = None
) -> dict[str, str] | None:
    if not key:
        return None
    return {"id": str(stable_id(kind, key)), "name": (names or {}).get(key, key)}


def _classification(element: Element) -> dict[str, str] | None:
    if not element.classification_code:
        return None
    return {
        "id": str(stable_id("classification", element.classification_code)),
        "name": element.classification_code,
        "code": element.classification_code,
    }

"""A route class for the reads clients poll in tight loops (a building until it is no
longer dirty).

FastAPI's general dependency solver costs more than such a read itself. ``PolledReadRoute``
serves an endpoint of exactly the shape ``async def f(id: uuid.UUID, principal:
PrincipalDep, request: Request) -> Response`` by authenticating with the same security
scheme and calling the endpoint directly, when the id is written canonically (lowercase,
hyphenated, as every id this API hands out) and no dependency is overridden. Any other
request goes through FastAPI's own handler, so an id spelled another way, a malformed id,
a missing key or a missing object is answered exactly as on every other route. The OpenAPI
document comes from the endpoint's signature as usual. (The fast path opens no separate
"dependencies" and "endpoint" telemetry spans; matbank configures no tracing.)
"""

from __future__ import annotations

import inspect
import re
import uuid
from collections.abc import Awaitable, Callable

from fastapi import Request, Response
from fastapi.dependencies.models import Dependant
from fastapi.routing import APIRoute

from matbank.auth.dependencies import api_key_principal

_CANONICAL_ID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")


class PolledReadRoute(APIRoute):
    def get_route_handler(self) -> Callable[[Request], Awaitable[Response]]:
        principal_name, request_name = polled_read_shape(self.dependant)
        generic = super().get_route_handler()
        endpoint = self.endpoint

        async def route(request: Request) -> Response:
            raw_id = request.path_params.get("id")
            if (
                not isinstance(raw_id, str)
                or not _CANONICAL_ID.fullmatch(raw_id)
                or request.app.dependency_overrides
            ):
                return await generic(request)
            principal = await api_key_principal(request)
            arguments = {"id": uuid.UUID(raw_id), principal_name: principal, request_name: request}
            return await endpoint(**arguments)

        return route


def polled_read_shape(dependant: Dependant) -> tuple[str, str]:
    """The names of the principal and request parameters of a polled read; TypeError when
    the endpoint takes anything else (the fast path would silently skip it)."""
    path_params = dependant.path_params
    other_params = (
        dependant.query_params,
        dependant.header_params,
        dependant.cookie_params,
        dependant.body_params,
    )
    specials = (
        dependant.response_param_name,
        dependant.background_tasks_param_name,
        dependant.security_scopes_param_name,
        dependant.websocket_param_name,
        dependant.http_connection_param_name,
    )
    subs = dependant.dependencies
    fits = (
        inspect.iscoroutinefunction(dependant.call)
        and [(p.name, p.field_info.annotation) for p in path_params] == [("id", uuid.UUID)]
        and not any(other_params)
        and all(name is None for name in specials)
        and len(subs) == 1
        and subs[0].call is api_key_principal
        and subs[0].name is not None
        and dependant.request_param_name is not None
    )
    if not fits:
        raise TypeError(
            f"{getattr(dependant.call, '__name__', dependant.call)} is not a polled read: "
            "async def f(id: uuid.UUID, principal: PrincipalDep, request: Request)"
        )
    assert subs[0].name is not None and dependant.request_param_name is not None
    return subs[0].name, dependant.request_param_name

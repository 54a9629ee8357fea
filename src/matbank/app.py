"""The ASGI application: ``create_app(settings)`` wires routers, errors, docs and the database."""

from __future__ import annotations

import os
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

import fastapi_offline
import yaml
from fastapi import FastAPI, Request
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.responses import HTMLResponse, JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from sqlalchemy.orm import Session, sessionmaker
from starlette.concurrency import run_in_threadpool

from matbank import __version__, web
from matbank.api import v3, v4
from matbank.api.openapi import version_openapi
from matbank.audit.recorder import AuditRecorder
from matbank.auth.cache import PrincipalCache
from matbank.config import Settings
from matbank.db import build_engine, build_sessionmaker
from matbank.db_read import ReadConnections
from matbank.errors import install_error_handlers
from matbank.jobs import start_in_process_worker
from matbank.limits import RateLimiter, RequestDeadline
from matbank.middleware import RequestNormaliser
from matbank.storage import download_secret, downloads, storage_from_url

_DOC_VERSIONS = ("v3.0", "v4.0")


def create_app(
    settings: Settings, *, session_factory: sessionmaker[Session] | None = None
) -> FastAPI:
    """Build the application. Tests pass ``session_factory``; otherwise the lifespan
    builds the engine from ``settings.database_url``."""

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        engine = worker = None
        if session_factory is None:
            engine = build_engine(settings.sqlalchemy_url, echo=settings.sql_echo)
            app.state.sessionmaker = build_sessionmaker(engine)
            app.state.reads = ReadConnections(engine)
            if settings.in_process_worker:
                worker = start_in_process_worker(app, app.state.sessionmaker, app.state.storage)
        yield
        if worker is not None:
            # Lets the job in hand finish without blocking the event loop meanwhile.
            await run_in_threadpool(worker.stop)
        app.state.reads.close()
        if engine is not None:
            engine.dispose()

    app = FastAPI(
        title="matbank",
        version=__version__,
        lifespan=lifespan,
        openapi_url=None,
        docs_url=None,
        redoc_url=None,
    )
    app.state.settings = settings
    app.state.openapi_cache = {}
    app.state.principal_cache = PrincipalCache(settings.token_cache_seconds)
    app.state.storage = storage_from_url(settings.storage_url)
    app.state.download_secret = download_secret(settings)
    if session_factory is not None:
        app.state.sessionmaker = session_factory
        app.state.reads = ReadConnections(session_factory.kw["bind"])
    install_error_handlers(app)
    v3.include(app)
    app.include_router(v4.build_router())
    app.include_router(downloads.router)
    _mount_docs(app)
    web.mount(app)
    # Outermost last: rate limit, body size, audit, time budget, then the routes.
    app.add_middleware(RequestDeadline, seconds=settings.request_timeout_seconds)
    app.add_middleware(AuditRecorder, enabled=settings.audit_log)
    app.add_middleware(RequestNormaliser, max_body_bytes=settings.max_body_bytes)
    app.add_middleware(
        RateLimiter, per_minute=settings.rate_limit_per_minute, burst=settings.rate_limit_burst
    )
    return app


def _mount_docs(app: FastAPI) -> None:
    static_dir = os.path.join(os.path.dirname(fastapi_offline.__file__), "static")
    app.mount("/swagger/static", StaticFiles(directory=static_dir), name="swagger-static")

    @app.get("/api/v3.0/swagger.json", include_in_schema=False)
    def openapi_v3() -> JSONResponse:
        return JSONResponse(version_openapi(app, "v3.0"))

    @app.get("/api/{version}/swagger.yaml", include_in_schema=False)
    def openapi_yaml(version: str) -> Response:
        if version not in _DOC_VERSIONS:
            return JSONResponse({"title": "Unknown API version.", "status": 404}, 404)
        text = yaml.safe_dump(version_openapi(app, version), sort_keys=False, allow_unicode=True)
        return Response(text, media_type="application/yaml")

    @app.get("/api/{version}/swagger.json", include_in_schema=False)
    def openapi_json(version: str) -> JSONResponse:
        if version not in _DOC_VERSIONS:
            return JSONResponse({"title": "Unknown API version.", "status": 404}, 404)
        return JSONResponse(version_openapi(app, version))

    @app.get("/swagger", include_in_schema=False)
    def swagger_ui(request: Request, version: str = "v3.0") -> HTMLResponse:
        chosen = version if version in _DOC_VERSIONS else "v3.0"
        return get_swagger_ui_html(
            openapi_url=f"/api/{chosen}/swagger.json",
            title=f"matbank API {chosen}",
            swagger_js_url="/swagger/static/swagger-ui-bundle.js",
            swagger_css_url="/swagger/static/swagger-ui.css",
            swagger_favicon_url="/swagger/static/favicon.png",
        )

    @app.get("/healthz", include_in_schema=False)
    async def health() -> dict[str, str]:
        return {"status": "ok", "version": __version__}

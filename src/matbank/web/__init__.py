"""Server-rendered pages for people: sign-in, the portfolio, buildings, databases and the
Users tab of every resource. Routes call the domain services; they never call the API."""

from __future__ import annotations

from pathlib import Path

from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles

STATIC_DIR = Path(__file__).parent / "static"


def mount(app: FastAPI) -> None:
    """Serve the pages at the site root and their stylesheet and script under /static."""
    from matbank.web import (
        auth_pages,
        building_pages,
        database_pages,
        me_pages,
        portfolio_pages,
        users_pages,
    )

    app.mount("/static", StaticFiles(directory=STATIC_DIR), name="web-static")
    for module in (
        auth_pages,
        me_pages,
        portfolio_pages,
        building_pages,
        database_pages,
        users_pages,
    ):
        app.include_router(module.router)

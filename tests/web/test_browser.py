"""The web interface in a real browser (Debian's Chromium, headless, driven by Playwright):
sign in, add a folder and a building, add an API token on the building's Users tab and use
it against the API, upload an IFC model and watch it reach Mapped, then see the results.

Screenshots of the main pages go to $MATBANK_SCREENSHOTS (or the test's temporary folder).
"""

from __future__ import annotations

import os
import re
import shutil
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from tests.test_building_flow import _ifc_model
from tests.web.live_server import EMAIL, PASSWORD, LiveServer, live_server

from matbank.databases.catalogue import GENERIC_DATABASE_ID

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(
        not Path(CHROMIUM).exists(),
        reason="Debian's Chromium is not installed (.ci/run installs it: apt-get install chromium)",
    ),
]
sync_api = pytest.importorskip("playwright.sync_api", reason="the playwright package is missing")


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    with live_server(tmp_path_factory.mktemp("live")) as running:
        yield running


@pytest.fixture(scope="module")
def shots(tmp_path_factory: pytest.TempPathFactory) -> Path:
    chosen = os.environ.get("MATBANK_SCREENSHOTS")
    folder = Path(chosen) if chosen else tmp_path_factory.mktemp("screenshots")
    folder.mkdir(parents=True, exist_ok=True)
    return folder


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    with sync_api.sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield launched
        launched.close()


@pytest.fixture
def page(browser, server: LiveServer):  # noqa: ANN001, ANN201
    context = browser.new_context(base_url=server.url, viewport={"width": 1280, "height": 900})
    context.set_default_timeout(15_000)
    opened = context.new_page()
    yield opened
    context.close()


def snap(page, shots: Path, name: str) -> None:  # noqa: ANN001
    page.screenshot(path=str(shots / f"{name}.png"), full_page=True)


def sign_in(page) -> None:  # noqa: ANN001
    page.goto("/")
    assert "/signin" in page.url
    page.get_by_label("Email address").fill(EMAIL)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(re.compile(r"/accounts/"))


def reload_until(page, text: str, seconds: float = 90.0) -> None:  # noqa: ANN001
    """Reload until ``text`` shows (the page also refreshes itself while work is running)."""
    deadline = time.monotonic() + seconds
    while text not in page.content():
        assert time.monotonic() < deadline, f"'{text}' never appeared on {page.url}"
        time.sleep(0.5)
        page.reload()


def test_portfolio_token_and_upload_in_a_browser(page, server: LiveServer, shots: Path, tmp_path):
    page.goto("/signin")
    snap(page, shots, "01-sign-in")
    sign_in(page)
    page.get_by_text("New folder").click()
    page.locator("#folder-name").fill("Campus")
    page.locator("#folder-type").select_option(label="Portfolio")
    page.get_by_role("button", name="Add folder").click()
    page.wait_for_url(re.compile(r"/folders/"))
    page.locator("#building-name").fill("Library")
    page.locator("#building-gfa").fill("1200")
    page.get_by_role("button", name="Add building").click()
    page.wait_for_url(re.compile(r"/buildings/[0-9a-f-]{36}$"))
    building_url = page.url
    building_id = building_url.rsplit("/", 1)[1]

    key = add_token(page, shots)
    check_token_scope(server, key, building_id)

    page.goto(building_url)
    model = Path(tmp_path / "house.ifc")
    _ifc_model(model)
    page.get_by_label("IFC or Excel file").set_input_files(str(model))
    page.get_by_role("button", name="Upload").click()
    page.wait_for_url(re.compile(r"/buildings/[0-9a-f-]{36}"))
    reload_until(page, "status-mapped")
    snap(page, shots, "05-building-file-mapped")
    page.get_by_role("button", name="Activate").click()
    reload_until(page, "Mass per layer")
    snap(page, shots, "06-building-results")

    page.goto(f"/accounts/{server.account_id}")
    snap(page, shots, "02-account-home")
    page.goto(f"/databases/{GENERIC_DATABASE_ID}?q=concrete")
    assert page.get_by_role("table").count() == 1
    snap(page, shots, "07-database-search")


def add_token(page, shots: Path) -> str:  # noqa: ANN001
    page.get_by_role("link", name="Users").click()
    page.get_by_role("link", name="Add API token").click()
    snap(page, shots, "03-add-api-token")
    page.get_by_label("Name", exact=True).fill("browser robot")
    page.get_by_label("Permission level").select_option(label="Manager")
    page.get_by_label("Lifespan").select_option(label="Two years")
    page.get_by_role("button", name="Add").click()
    key = page.locator("#token-key").inner_text().strip()
    assert re.fullmatch(r"[0-9a-f]{32}", key)
    snap(page, shots, "04-api-token-shown-once")
    page.get_by_role("link", name="Back to users").click()
    assert "browser robot" in page.content() and key not in page.content()
    snap(page, shots, "08-building-users-tab")
    return key


def check_token_scope(server: LiveServer, key: str, building_id: str) -> None:
    with httpx.Client(base_url=server.url, headers={"X-API-Key": key}) as api:
        assert api.get(f"/api/v3.0/building/{building_id}").status_code == 200
        assert api.get(f"/api/v3.0/building/{server.other_building_id}").status_code == 404
        assert [b["id"] for b in api.get("/api/v3.0/building").json()] == [building_id]


def test_chromium_is_the_distributions_build() -> None:
    assert shutil.which("chromium") == CHROMIUM or Path(CHROMIUM).exists()

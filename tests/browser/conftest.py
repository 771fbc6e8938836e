"""A live server and a real Chromium, in Arabic, for walking the screens as people do.

The browser is Debian's Chromium (`make test` installs it); Playwright never
downloads one. The walk runs once, on SQLite: the PostgreSQL half of the suite
already covers the same path through the test client.
"""
from __future__ import annotations

import re
import shutil
import threading
from collections.abc import Callable, Iterator
from itertools import count
from pathlib import Path

import pytest
from flask import Flask
from werkzeug.serving import WSGIRequestHandler, make_server

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run",
]
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "browser"


class _QuietHandler(WSGIRequestHandler):
    """The app logs every request itself; werkzeug's access line would only double it."""

    def log_request(self, *args, **kwargs) -> None:  # type: ignore[no-untyped-def]
        pass


@pytest.fixture(autouse=True)
def _sqlite_only(database_url: str) -> None:
    if not database_url.startswith("sqlite"):
        pytest.skip("browser walks run once, on SQLite")


@pytest.fixture()
def live_server(app: Flask) -> Iterator[str]:
    """The test's app on a free local port; yields its base URL.

    Each request gets its own app context in the server thread, so whatever
    the test wrote through `db.session` must be committed before the browser
    asks for it.
    """
    server = make_server("127.0.0.1", 0, app, threaded=True, request_handler=_QuietHandler)
    thread = threading.Thread(target=server.serve_forever, name="live-server", daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=10)


@pytest.fixture()
def page(live_server: str):  # type: ignore[no-untyped-def]
    if not CHROMIUM.exists():
        pytest.fail(f"{CHROMIUM} is missing: install Debian's chromium (`make test` does it); "
                    "never `playwright install`.", pytrace=False)
    from playwright.sync_api import sync_playwright

    playwright = sync_playwright().start()
    browser = context = None
    try:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        context = browser.new_context(
            base_url=live_server, locale="ar-SA", viewport={"width": 1366, "height": 900},
        )
        context.set_default_timeout(10_000)
        yield context.new_page()
    finally:
        if context is not None:
            context.close()
        if browser is not None:
            browser.close()
        playwright.stop()


@pytest.fixture()
def screenshot(page, request: pytest.FixtureRequest) -> Callable[[str], Path]:  # type: ignore[no-untyped-def]
    """Saves the page as test-artifacts/browser/<test>/<NN>-<step>.png, numbered in order."""
    folder = ARTIFACTS / re.sub(r"[^\w.-]+", "-", request.node.name).strip("-")
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    numbers = count(1)

    def save(step: str) -> Path:
        path = folder / f"{next(numbers):02d}-{step}.png"
        page.screenshot(path=str(path), full_page=True)
        return path

    return save

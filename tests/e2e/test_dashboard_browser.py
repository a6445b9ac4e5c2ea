"""The dashboard in Debian's Chromium: markers, brushing the timeline, the event panel's evidence.

A real ``sitrep serve`` process runs on 127.0.0.1 over a temporary database of hand-built records;
Playwright (Python) drives /usr/bin/chromium without downloading a browser. Screenshots go to
``test-output/`` at the repository root.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from sitrep.api import assets

from ..api.builders import EXPECTED, build_store

pytestmark = pytest.mark.e2e

CHROMIUM = Path("/usr/bin/chromium")
ROOT = Path(__file__).resolve().parents[2]
OUTPUT = ROOT / "test-output"
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def _requirements() -> str | None:
    if not CHROMIUM.exists():
        return (
            "needs Debian's Chromium at /usr/bin/chromium: run scripts/ci_browser.sh --setup-only (as root)"
        )
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "needs the playwright Python package: pip install -e '.[test]'"
    if not all(assets.vendor_status().values()):
        return "needs the dashboard's npm files: run `npm ci` in the repository root (scripts/ci_browser.sh)"
    return None


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """``sitrep serve`` on a free loopback port over the hand-built database; yields its base URL."""
    missing = _requirements()
    if missing and os.environ.get("CI"):
        pytest.fail(f"CI must run the browser test: {missing}")
    if missing:
        pytest.skip(missing)
    db = tmp_path_factory.mktemp("e2e") / "e2e.db"
    build_store(str(db)).close()
    port = _free_port()
    env = dict(os.environ, PYTHONPATH=os.pathsep.join([str(ROOT / "src"), os.environ.get("PYTHONPATH", "")]))
    env.pop("SITREP_API_TOKEN", None)
    log = (tmp_path_factory.mktemp("e2e-log") / "serve.log").open("w")
    proc = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "from sitrep.cli import main; main()",
            "serve",
            "--db",
            str(db),
            "--port",
            str(port),
            "--log-level",
            "warning",
        ],
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(120):
            try:
                with urllib.request.urlopen(f"{base}/health", timeout=2) as response:
                    if response.status == 200:
                        break
            except OSError:
                if proc.poll() is not None:
                    raise RuntimeError(f"sitrep serve exited with {proc.returncode}") from None
                time.sleep(0.25)
        else:
            raise RuntimeError("sitrep serve did not answer within 30 s")
        yield base
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        log.close()


@pytest.fixture(scope="module")
def browser(server: str) -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        instance = pw.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        try:
            yield instance
        finally:
            instance.close()


def _ready(page: Any) -> None:
    page.wait_for_function("document.body.dataset.ready === '1'", timeout=20_000)


def _open(browser: Any, url: str, width: int, height: int) -> tuple[Any, list[str]]:
    page = browser.new_page(viewport={"width": width, "height": height})
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.goto(url)
    _ready(page)
    return page, errors


def test_e2e_dashboard_map_brush_and_evidence(browser: Any, server: str) -> None:
    OUTPUT.mkdir(exist_ok=True)
    page, errors = _open(browser, server + "/", 1280, 800)
    # The map: outlines drawn from the npm package, one marker per located event, clustered.
    page.wait_for_selector("#map[data-outlines='loaded']", timeout=20_000)
    assert page.locator(".leaflet-overlay-pane path").count() > 100
    assert page.evaluate("window.sitrepDashboard.map.markerCount()") == EXPECTED["with_location"]
    assert page.locator(".leaflet-marker-icon").count() >= 2
    rows = page.locator("#events-table tbody tr")
    assert rows.count() == EXPECTED["events"]
    assert page.locator("#warning, #asset-warning:not([hidden])").count() == 0
    page.screenshot(path=str(OUTPUT / "dashboard-1280x800.png"))

    # Brush the last weeks of the timeline: the map and the table narrow to those dates.
    box = page.locator("#timeline svg").bounding_box()
    y = box["y"] + box["height"] * 0.5
    page.mouse.move(box["x"] + box["width"] * 0.93, y)
    page.mouse.down()
    page.mouse.move(box["x"] + box["width"] * 0.97, y, steps=4)
    page.mouse.move(box["x"] + box["width"] - 10, y, steps=4)
    page.mouse.up()
    page.wait_for_function("document.querySelector('#brush-label').textContent.startsWith('Selected')")
    _ready(page)
    label = page.locator("#brush-label").text_content()
    since = label.split()[1]
    dates = [d for d in page.locator("#events-table tbody tr td:first-child").all_text_contents()]
    assert 0 < len(dates) < EXPECTED["events"]
    assert all(d >= since for d in dates)
    brushed = page.evaluate("window.sitrepDashboard.map.markerCount()")
    assert 0 < brushed < EXPECTED["with_location"]
    assert "brush_since=" in page.url

    # Open the Sept. 22 air strike from the table: its evidence is highlighted in both articles.
    row = page.locator("#events-table tbody tr", has_text="Air/drone strike").filter(has_text="2017-09-22")
    row.locator("button").click()
    page.wait_for_selector("#panel:not([hidden]) mark.evidence", timeout=20_000)
    page.wait_for_function("document.querySelectorAll('#panel section.article').length === 2")
    marks = page.locator("#panel mark.evidence").all_text_contents()
    assert {"struck", "bombed", "Sirte", "American jets", "U.S. aircraft", "killing 17 militants"} <= set(
        marks
    )
    assert page.locator("#panel ul.sources li").count() == 2
    assert page.evaluate("document.activeElement.id") == "panel-title"
    page.screenshot(path=str(OUTPUT / "dashboard-event-panel.png"))

    # Keyboard: Escape closes the panel and gives focus back; the timeline clears from the keyboard.
    page.keyboard.press("Escape")
    assert page.locator("#panel").is_hidden()
    assert page.evaluate("document.activeElement.classList.contains('open-event')")
    page.focus("#timeline svg")
    page.keyboard.press("Escape")
    page.wait_for_function("!document.querySelector('#brush-label').textContent.startsWith('Selected')")
    _ready(page)
    assert page.locator("#events-table tbody tr").count() == EXPECTED["events"]
    assert errors == []
    page.close()


def test_e2e_dashboard_reads_at_phone_size(browser: Any, server: str) -> None:
    OUTPUT.mkdir(exist_ok=True)
    page, errors = _open(browser, server + "/", 390, 844)
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    assert page.locator("#filters-box").get_attribute("open") is None  # filters fold away on phones
    assert page.locator("#map").bounding_box()["width"] <= 390
    page.screenshot(path=str(OUTPUT / "dashboard-phone.png"), full_page=True)
    assert errors == []
    page.close()


def test_e2e_dashboard_without_npm_files_says_how_to_install(browser: Any, server: str) -> None:
    page = browser.new_page(viewport={"width": 1280, "height": 800})
    page.route("**/vendor/**", lambda route: route.fulfill(status=404, body="missing"))
    page.goto(server + "/")
    _ready(page)
    warning = page.locator("#asset-warning")
    warning.wait_for(state="visible")
    assert "npm ci" in warning.text_content()
    assert "npm ci" in page.locator("#map").text_content()
    assert page.locator("#events-table tbody tr").count() == EXPECTED["events"]
    page.close()

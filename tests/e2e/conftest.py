"""Browser tests of the dashboard (marker ``e2e``): Debian's Chromium driven by Playwright.

Set up with ``scripts/ci_browser.sh --setup-only`` (apt-get install chromium, npm ci). Without
/usr/bin/chromium, the Playwright package or the npm files, the tests skip and say which is missing.
"""

from __future__ import annotations

import pytest


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers", "e2e: drives the dashboard in Debian's Chromium (scripts/ci_browser.sh)"
    )

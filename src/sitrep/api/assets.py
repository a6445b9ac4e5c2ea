"""The dashboard's third-party browser files (Leaflet, its marker clusters, country outlines).

They are npm packages installed by the project's set-up (``npm ci`` at the repository root, see
``scripts/ci_browser.sh``), never copied into the repository. The server looks for ``node_modules`` in
``$SITREP_ASSETS_DIR`` (a folder holding ``node_modules``, or ``node_modules`` itself), then in the
folders above the installed package (the repository root for a source checkout), then in the working
folder. Only the files listed in ``VENDOR`` are served.
"""

from __future__ import annotations

import os
from pathlib import Path

__all__ = ["INSTALL_HINT", "VENDOR", "find_node_modules", "vendor_file", "vendor_status"]

#: URL prefix under /vendor -> (folder inside node_modules, file that proves the package is there).
VENDOR = {
    "leaflet": ("leaflet/dist", "leaflet.js"),
    "leaflet.markercluster": ("leaflet.markercluster/dist", "leaflet.markercluster.js"),
    "topojson-client": ("topojson-client/dist", "topojson-client.min.js"),
    "world-atlas": ("world-atlas", "countries-50m.json"),
}
_SUFFIXES = {".js", ".css", ".png", ".json", ".svg"}

INSTALL_HINT = "run `npm ci` in the sitrep repository root (or scripts/ci_browser.sh), then reload"


def _candidates() -> list[Path]:
    out = []
    env = os.environ.get("SITREP_ASSETS_DIR")
    if env:
        base = Path(env).expanduser()
        out += [base, base / "node_modules"]
    here = Path(__file__).resolve()
    out += [parent / "node_modules" for parent in here.parents]
    out.append(Path.cwd() / "node_modules")
    return out


def find_node_modules() -> Path | None:
    """The first ``node_modules`` folder that holds Leaflet, or None."""
    for folder in _candidates():
        if (folder / "leaflet" / "dist" / "leaflet.js").is_file():
            return folder
    return None


def vendor_status() -> dict[str, bool]:
    """Which vendor packages are installed."""
    root = find_node_modules()
    return {name: bool(root and (root / sub / probe).is_file()) for name, (sub, probe) in VENDOR.items()}


def vendor_file(package: str, relative: str) -> Path | None:
    """The installed file for ``/vendor/<package>/<relative>``, or None (unknown, missing, outside)."""
    root = find_node_modules()
    if root is None or package not in VENDOR:
        return None
    base = (root / VENDOR[package][0]).resolve()
    path = (base / relative).resolve()
    if not path.is_relative_to(base) or path.suffix not in _SUFFIXES or not path.is_file():
        return None
    return path

"""Bundled sample articles: short fictional news reports and one blog page, written for sitrep.

Each report is a ``.txt`` file with a same-stem ``.json`` file of metadata (url, publisher, published,
quoted_source); the blog page is ``.html``. Two reports (``somalia-ied-baidoa-*``) describe the same
event from different outlets. ``sitrep ingest`` with no source reads this folder.
"""

from __future__ import annotations

from pathlib import Path

__all__ = ["files", "path"]


def path() -> Path:
    """The folder holding the sample articles."""
    return Path(__file__).resolve().parent / "data"


def files() -> list[Path]:
    """The sample article files (text and HTML, not their metadata), sorted."""
    return sorted(p for p in path().iterdir() if p.suffix in (".txt", ".html"))

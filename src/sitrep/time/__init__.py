"""Time expressions: find them, resolve them against the publication date, pick an event's date.

See README.md beside this file for the rules and for adding your own patterns.
"""

from __future__ import annotations

from .resolve import resolve
from .status import is_historical, is_planned, status_from_time

__all__ = ["is_historical", "is_planned", "resolve", "status_from_time"]

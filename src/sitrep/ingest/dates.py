"""Publication dates as they appear in metadata: ISO dates and datetimes, and a few common layouts."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

__all__ = ["DATE_FORMATS", "parse_date"]

#: Layouts tried after ISO 8601, most common first.
DATE_FORMATS = ("%d-%b-%y", "%d %B %Y", "%B %d, %Y", "%d/%m/%Y", "%Y/%m/%d", "%a, %d %b %Y %H:%M:%S %z")


def parse_date(value: Any) -> date | None:
    """An ISO-like date or datetime string (or a date) as a ``date``; None when empty or unparseable."""
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    text = str(value).strip()
    for candidate in (text, text.replace("Z", "+00:00"), text[:10]):
        try:
            return datetime.fromisoformat(candidate).date()
        except ValueError:
            continue
    for fmt in DATE_FORMATS:
        try:
            return datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    return None

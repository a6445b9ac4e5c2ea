"""Event status from time: historical (long before publication) or planned (after it).

Thresholds are keyword arguments with named defaults, so the events component can put them in its config.
"""

from __future__ import annotations

from datetime import date, timedelta

from ..records import TimeSpan

__all__ = ["HISTORICAL_AFTER_DAYS", "PLANNED_AFTER_DAYS", "is_historical", "is_planned", "status_from_time"]

#: A window ending more than this many days before publication is history, not news.
HISTORICAL_AFTER_DAYS = 365
#: A window starting more than this many days after publication is a plan, not an event.
PLANNED_AFTER_DAYS = 0


def is_historical(span: TimeSpan, published: date, *, after_days: int = HISTORICAL_AFTER_DAYS) -> bool:
    """True when the whole window ends more than ``after_days`` before publication
    ("late 2015" in an October 2017 article; "last year" in it is not)."""
    return span.end < published - timedelta(days=after_days)


def is_planned(span: TimeSpan, published: date, *, after_days: int = PLANNED_AFTER_DAYS) -> bool:
    """True when the whole window starts after publication (plus ``after_days``)."""
    return span.start > published + timedelta(days=after_days)


def status_from_time(
    span: TimeSpan | None,
    published: date | None,
    *,
    historical_after_days: int = HISTORICAL_AFTER_DAYS,
    planned_after_days: int = PLANNED_AFTER_DAYS,
) -> str | None:
    """"historical", "planned", or None when time says nothing against "actual" (or is unknown)."""
    if span is None or published is None or span.basis != "text":
        return None
    if is_historical(span, published, after_days=historical_after_days):
        return "historical"
    if is_planned(span, published, after_days=planned_after_days):
        return "planned"
    return None

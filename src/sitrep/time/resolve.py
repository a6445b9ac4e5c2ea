"""Resolve one time expression against the publication date.

Stages, each tried only when the one before found nothing:

1. the patterns (``data/patterns.json`` plus user files), in order, on the whole expression;
2. the longest pattern match inside the expression ("last month's bombing" -> "last month");
3. dateparser, for absolute dates our patterns do not know ("5/9/2020", "9 mai 2020"); engaged only
   when the expression looks like a date (a digit and a month name, or digits with separators) and is
   at most ``DATEPARSER_MAX_CHARS`` long, because dateparser is slow.

Missing years are inferred: the most recent date consistent with the past tense, or the nearest coming
one with ``future=True`` (planned events). A weekday alone is the most recent such day on or before
publication. Windows that straddle publication are cut at it ("this month" ends on the publication
day), unless ``future``, where they start at it.
"""

from __future__ import annotations

import logging
import re
import warnings
from datetime import date, datetime
from functools import lru_cache
from typing import Any

from ..errors import InputError
from ..records import TimeSpan
from .calendar import clip, month_end
from .kinds import KINDS, Context
from .patterns import Match, PatternSet, default_patterns

__all__ = ["DATEPARSER_LANGUAGES", "DATEPARSER_MAX_CHARS", "resolve", "resolve_absolute", "resolve_match"]

logger = logging.getLogger(__name__)

#: Longest expression handed to dateparser (stage 3).
DATEPARSER_MAX_CHARS = 40
#: Languages dateparser tries (detecting among all of them is slow); the languages of the news we read.
DATEPARSER_LANGUAGES = ("en", "fr", "es", "pt", "de", "it", "nl", "ru", "ar", "tr", "id")

#: A numeric date ("5/9/2020"), or a day number next to a word of letters ("9 mai", "Mai 9").
_LOOKS_ABSOLUTE = re.compile(
    r"^\d{1,4}\s*[-/.]\s*\d{1,2}\s*[-/.]\s*\d{1,4}$"
    r"|^(?:\w+,?\s+)?(?:\d{1,2}\.?\s+[^\W\d_]{3,}\.?|[^\W\d_]{3,}\.?\s+\d{1,2})(?:,?\s+\d{4})?$",
    re.IGNORECASE,
)
_NOT_A_DATE = re.compile(
    r"year-old|years?\s+old|\bago\b|\b(?:hours?|minutes?|days?|weeks?|months?|years?|decades?)\b"
    r"|\d\s*(?:a\.?m\.?|p\.?m\.?|gmt|utc)\b|\d:\d",
    re.IGNORECASE,
)


def resolve(
    text: str,
    published: date,
    *,
    future: bool = False,
    patterns: PatternSet | None = None,
    use_dateparser: bool = True,
) -> TimeSpan | None:
    """The window ``text`` names, read against ``published``; None when it names no date.

    ``patterns`` defaults to the built-in set plus the files in ``$SITREP_TIME_PATTERNS``
    (see ``sitrep.time.patterns.load_patterns`` to add your own).
    """
    if isinstance(published, datetime):
        published = published.date()
    pset = patterns if patterns is not None else default_patterns()
    match = pset.match(text)
    if match is not None:
        # A pattern that matched but computes no date ("31 April") is not handed to dateparser.
        found = resolve_match(match, published, future=future, patterns=pset)
        return TimeSpan(found.start, found.end, found.precision, text=text.strip()) if found else None
    if use_dateparser:
        return _dateparser_stage(text.strip(), published, future)
    return None


def resolve_match(
    match: Match, published: date, *, future: bool = False, patterns: PatternSet
) -> TimeSpan | None:
    """The window of an already found pattern match (used by the spaCy component)."""
    compute = KINDS.get(match.pattern.kind)
    if compute is None:
        logger.warning("time pattern %r has unknown kind %r", match.pattern.name, match.pattern.kind)
        return None
    try:
        result = compute(match, Context(published, future, patterns.lexicon))
    except KeyError as exc:
        raise InputError(
            match.pattern.source,
            f"pattern {match.pattern.name!r} of kind {match.pattern.kind!r} captured no group {exc}",
            "add the named group to its regex or give it in params.groups",
        ) from exc
    if result is None:
        return None
    start, end, precision = result
    start, end = clip((start, end), published, future)
    return TimeSpan(start, end, precision, text=match.text)


@lru_cache(maxsize=16)
def _date_parser(published: date, future: bool) -> Any:
    from dateparser.date import DateDataParser  # imported late: slow to import

    settings = {
        "RELATIVE_BASE": datetime(published.year, published.month, published.day),
        "PREFER_DATES_FROM": "future" if future else "past",
        "PREFER_DAY_OF_MONTH": "first",
        "RETURN_AS_TIMEZONE_AWARE": False,
        "PARSERS": ["absolute-time", "custom-formats"],
    }
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return DateDataParser(languages=list(DATEPARSER_LANGUAGES), settings=settings)


def resolve_absolute(text: str, published: date, *, future: bool = False) -> TimeSpan | None:
    """The window of an absolute date by dateparser alone (what ``resolve`` does when no pattern
    matches in ``text``); None when it names none."""
    return _dateparser_stage(text.strip(), published, future)


def _dateparser_stage(text: str, published: date, future: bool) -> TimeSpan | None:
    if len(text) > DATEPARSER_MAX_CHARS or not _LOOKS_ABSOLUTE.search(text) or _NOT_A_DATE.search(text):
        return None
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            data = _date_parser(published, future).get_date_data(text)
        except (ValueError, TypeError, OverflowError) as exc:
            logger.debug("dateparser failed on %r: %s", text, exc)
            return None
    if data is None or data.date_obj is None:
        return None
    day = data.date_obj.date()
    period = data.period or "day"
    if period == "month":
        start, end, precision = day.replace(day=1), month_end(day.year, day.month), "month"
    elif period == "year":
        start, end, precision = date(day.year, 1, 1), date(day.year, 12, 31), "year"
    else:
        start, end, precision = day, day, "day"
    start, end = clip((start, end), published, future)
    return TimeSpan(start, end, precision, text=text)

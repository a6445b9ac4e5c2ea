"""The start prefilter of PatternSet.scan: the same matches as Python's finditer, in the same order."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sitrep.time.patterns import PatternSet, _context_ok, load_patterns
from sitrep.time.starts import ANY, FOLDS, candidates, finditer, first_chars, fold, heads

DATA = Path(__file__).resolve().parents[2].parent / "shared" / "data" / "news"
PATTERNS = load_patterns(use_env=False)


def _plain_scan(patterns: PatternSet, text: str) -> list[tuple[str, int, int, str]]:
    """What scan gave before the prefilter: every pattern's finditer over the whole text."""
    out = []
    for p in patterns.patterns:
        if p.scan:
            out += [(p.name, m.start(), m.end(), m.group(0)) for m in p.regex.finditer(text)
                    if _context_ok(p, text, m.start())]
    return out


def _scan(patterns: PatternSet, text: str) -> list[tuple[str, int, int, str]]:
    return [(m.pattern.name, m.start, m.end, m.text) for m in patterns.scan(text)]


def _all_characters() -> str:
    return "".join(chr(c) for c in range(0x80, sys.maxunicode + 1) if not 0xD800 <= c < 0xE000)


def test_time_starts_folds_are_every_ignorecase_lookalike_of_ascii() -> None:
    everything = _all_characters()
    lookalikes = set(re.findall(r"[a-z]", everything, re.IGNORECASE))
    assert lookalikes == set(FOLDS)
    assert all(re.fullmatch(FOLDS[ch], ch, re.IGNORECASE) for ch in FOLDS)
    assert all(fold(ch) == "0" for ch in re.findall(r"\d", everything))


@pytest.mark.parametrize(
    "text",
    [
        "ſeptember 5, 2020 and \u212aathmandu on 12 \u0130nstead",  # IGNORECASE look-alikes of s, k, i
        "On ٣ May ٢٠٢٠ and on 3 May 2020",  # Arabic-Indic digits are \d
        "May 2020 opened the text; -May 2020 and x-5 May do not start a match",
        "MARCH 2020, march 2020 and March 2020; the MAY and may and May",
        "from 3 to 5 May, 5-6 May, between 1 and 3 June 2019, from May 2 to June 4",
        "mid-May, mid-2020, the mid-1990s, the 1990's, 1980s, late 2019",
        "the 5th, the 21st of last month, Q1 2020, q3-2021, the first quarter of 2020",
        "two weeks ago, a week ago, a couple of days from now, 3 days ago, in 10 years' time",
        "Monday night into Tuesday, the night of Friday to Saturday, last weekend, this week",
        "yesterday morning, early yesterday, last night, overnight, today, tonight, tomorrow",
        "recent days and recent\n\nweeks and the past   three   months",
        "Christmas Day 2019, Eid al-Fitr, New Year's Eve, Easter",
        "2020-05-03 and 2020-5-3T10:00, the year 2019, in 2019.",
        "th",  # a text shorter than the prefixes
        "",
    ],
)
def test_time_starts_scan_equals_plain_finditer(text: str) -> None:
    assert _scan(PATTERNS, text) == _plain_scan(PATTERNS, text)


_PIECES = ["May", "may", "MAY", "March", "mar", "5", "21st", "٣", "2020", "1990s", "the", "The", "of",
           "last", "next", "week", "weeks", "ago", "a", "two", "from", "to", "and", "between", "mid",
           "early", "night", "Monday", "yesterday", "ſeptember", "\u212a", "Q1", "year", "Christmas"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(_PIECES), st.sampled_from([" ", "-", ", ", "\n", "", "  ", "'s "])),
                max_size=12))
def test_time_starts_scan_equals_plain_finditer_on_mixed_words(parts: list[tuple[str, str]]) -> None:
    text = "".join(word + sep for word, sep in parts)
    assert _scan(PATTERNS, text) == _plain_scan(PATTERNS, text)


def test_time_starts_first_chars_bound_every_match() -> None:
    regex = re.compile(r"(?<![\w-])(?:(?:the\s+)?(?P<d>\d{1,2})(?:st|th)?\s+May|q[1-4])", re.IGNORECASE)
    assert first_chars(regex) == frozenset({"the", "0" + ANY + "m", "0" + ANY * 2, "0st", "0th", "00" + ANY,
                                            "00s", "00t",
                                            "q0"})
    assert first_chars(re.compile(r"(?<![\w-])(?:\w+day)")) is None  # \w: unbounded
    assert first_chars(re.compile(r"(?<![\w-])(?:x?)")) is None  # may match the empty string
    text = "The 5 May, q2"
    index = candidates(text)
    assert heads(first_chars(regex)) == frozenset({"the", "0", "0st", "0th", "00", "00s", "00t", "q0"})
    assert [m.span() for m in finditer(regex, text, heads(first_chars(regex)), index)] == [(0, 9), (11, 13)]


def test_time_starts_scan_equals_plain_finditer_on_news() -> None:
    path = DATA / "voa_stories.jsonl"
    if not path.exists():
        pytest.skip("shared news data absent")
    from sitrep.ingest.readers import read_path

    for article in read_path(path)[:30]:
        assert _scan(PATTERNS, article.text) == _plain_scan(PATTERNS, article.text)

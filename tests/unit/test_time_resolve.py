"""resolve() on the hand-written table tests/fixtures/time_expressions.tsv and on edge cases."""

from __future__ import annotations

import csv
from datetime import date
from pathlib import Path

import pytest

from sitrep.records import TimeSpan
from sitrep.time.resolve import resolve

TABLE = Path(__file__).resolve().parents[1] / "fixtures" / "time_expressions.tsv"


def _rows() -> list[dict[str, str]]:
    with open(TABLE, encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE))


ROWS = _rows()
DATED = [r for r in ROWS if r["start"] != "-"]
UNDATED = [r for r in ROWS if r["start"] == "-"]


def _id(row: dict[str, str]) -> str:
    return f"{row['published']}:{row['expression']}:{'future' if row['future'] == '1' else 'past'}"


def test_time_resolve_table_is_large_and_spread() -> None:
    assert len(DATED) >= 150
    published = {r["published"] for r in DATED}
    assert {"2024-02-29", "2024-03-01", "2020-01-01", "2019-12-31"} <= published
    weekdays = {date.fromisoformat(p).weekday() for p in published}
    assert len(weekdays) >= 5
    assert {r["precision"] for r in DATED} == {"day", "week", "month", "season", "quarter", "year"}


@pytest.mark.parametrize("row", DATED, ids=_id)
def test_time_resolve_table_expression(row: dict[str, str]) -> None:
    published = date.fromisoformat(row["published"])
    span = resolve(row["expression"], published, future=row["future"] == "1")
    assert span is not None
    assert (span.start.isoformat(), span.end.isoformat(), span.precision) == (
        row["start"],
        row["end"],
        row["precision"],
    )


@pytest.mark.parametrize("row", UNDATED, ids=_id)
def test_time_resolve_not_a_date(row: dict[str, str]) -> None:
    assert resolve(row["expression"], date.fromisoformat(row["published"])) is None


def test_time_resolve_keeps_text_and_basis() -> None:
    span = resolve("On 9 May 2020", date(2020, 5, 12))
    assert span == TimeSpan(date(2020, 5, 9), date(2020, 5, 9), "day", text="On 9 May 2020", basis="text")


def test_time_resolve_inside_longer_text() -> None:
    span = resolve("last month's bombing", date(2017, 10, 12))
    assert span is not None and (span.start, span.end) == (date(2017, 9, 1), date(2017, 9, 30))


def test_time_resolve_weekday_before_publication() -> None:
    span = resolve("Wednesday", date(2017, 10, 12))
    assert span is not None and span.start == date(2017, 10, 11)


def test_time_resolve_absolute_date_falls_back_to_dateparser() -> None:
    span = resolve("9 mai 2020", date(2020, 6, 1))
    assert span is not None and (span.start, span.precision) == (date(2020, 5, 9), "day")


def test_time_resolve_dateparser_can_be_turned_off() -> None:
    assert resolve("9 mai 2020", date(2020, 6, 1), use_dateparser=False) is None


def test_time_resolve_accepts_datetime() -> None:
    from datetime import datetime

    span = resolve("yesterday", datetime(2020, 1, 1, 9, 30))  # type: ignore[arg-type]
    assert span is not None and span.start == date(2019, 12, 31)


@pytest.mark.parametrize("text", ["", "   ", "the", "31 April 2020", "Feb. 30", "between 14 and 12 May 2020"])
def test_time_resolve_invalid_gives_none(text: str) -> None:
    assert resolve(text, date(2020, 6, 1)) is None


def test_time_resolve_sample_expressions() -> None:
    published = date(2017, 10, 12)
    cases = {
        "Sept. 22": (date(2017, 9, 22), date(2017, 9, 22), "day"),
        "Wednesday": (date(2017, 10, 11), date(2017, 10, 11), "day"),
    }
    for text, expected in cases.items():
        span = resolve(text, published)
        assert span is not None and (span.start, span.end, span.precision) == expected
    mid = resolve("mid-September", published)
    assert mid is not None and date(2017, 9, 1) < mid.start <= mid.end < date(2017, 9, 30)
    late = resolve("late 2015", published)
    assert late is not None and late.end == date(2015, 12, 31) and late.start.year == 2015
    assert late.start.month >= 7
    last = resolve("late last month", published)
    assert last is not None and date(2017, 9, 15) < last.start and last.end == date(2017, 9, 30)


def test_time_resolve_never_crashes_and_windows_are_ordered() -> None:
    from hypothesis import given, settings
    from hypothesis import strategies as st

    words = st.sampled_from(
        ["on", "the", "last", "next", "late", "mid-", "early", "Tuesday", "May", "Sept.", "22", "31st",
         "2015", "week", "month", "year", "ago", "two", "few", "between", "and", "to", "weekend", "spring",
         "Q3", "night", "of", "Christmas", "1990s", "-", ",", "this", "earlier", "past", "days"]
    )

    @settings(max_examples=300, deadline=None)
    @given(st.lists(words, min_size=1, max_size=6), st.dates(date(1990, 1, 1), date(2030, 12, 31)),
           st.booleans())
    def check(tokens: list[str], published: date, future: bool) -> None:
        span = resolve(" ".join(tokens), published, future=future, use_dateparser=False)
        if span is not None:
            assert span.start <= span.end
            assert span.precision in {"day", "week", "month", "season", "quarter", "year"}

    check()

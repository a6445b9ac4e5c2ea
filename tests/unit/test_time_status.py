"""Event status from time: historical and planned windows."""

from __future__ import annotations

from datetime import date

import pytest

from sitrep.records import TimeSpan
from sitrep.time.resolve import resolve
from sitrep.time.status import is_historical, is_planned, status_from_time

PUB = date(2017, 10, 12)


@pytest.mark.parametrize(
    ("text", "historical"),
    [("late 2015", True), ("in 2011", True), ("last year", False), ("Sept. 22", False),
     ("mid-September", False), ("the spring of 2016", True), ("last month", False)],
)
def test_time_status_is_historical(text: str, historical: bool) -> None:
    span = resolve(text, PUB)
    assert span is not None
    assert is_historical(span, PUB) is historical


def test_time_status_threshold_is_a_parameter() -> None:
    span = TimeSpan(date(2017, 1, 1), date(2017, 1, 31), "month")
    assert not is_historical(span, PUB)
    assert is_historical(span, PUB, after_days=180)


def test_time_status_planned() -> None:
    tomorrow = resolve("next Tuesday", PUB, future=True)
    assert tomorrow is not None and is_planned(tomorrow, PUB)
    assert not is_planned(TimeSpan(PUB, PUB, "day"), PUB)


def test_time_status_from_time() -> None:
    assert status_from_time(resolve("late 2015", PUB), PUB) == "historical"
    assert status_from_time(resolve("next month", PUB, future=True), PUB) == "planned"
    assert status_from_time(resolve("Wednesday", PUB), PUB) is None
    assert status_from_time(None, PUB) is None
    reported = TimeSpan(date(2010, 1, 1), date(2010, 1, 1), "day", basis="reported")
    assert status_from_time(reported, PUB) is None

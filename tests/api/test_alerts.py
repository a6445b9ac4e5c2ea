"""sitrep.alerts over plain records (no database), and the `sitrep alerts` / `sitrep serve` commands."""

from __future__ import annotations

import json
import math
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from sitrep.alerts import AlertOptions, find_alerts, first_in_months, poisson_upper_tail, weekly_spikes
from sitrep.cli import main

from .builders import build_store


def rec(
    day: str,
    *,
    sub: str = "Air/drone strike",
    etype: str = "Explosions/Remote violence",
    actor1: str | None = "Air Force",
    actor2: str | None = None,
    country: str = "LY",
    admin1: str | None = None,
    status: str = "actual",
    precision: str = "day",
    eid: str | None = None,
) -> dict[str, Any]:
    return {
        "event_id": eid or f"{day}-{sub}-{country}-{admin1}",
        "event_type": etype,
        "sub_event_type": sub,
        "status": status,
        "date": {"start": day, "end": day, "precision": precision},
        "actor1": {"name": actor1} if actor1 else None,
        "actor2": {"name": actor2} if actor2 else None,
        "location": {"country": country, "admin1": admin1},
    }


@pytest.mark.parametrize(
    ("count", "lam", "expected"),
    [(0, 2.0, 1.0), (1, 1.0, 1 - math.exp(-1)), (2, 1.0, 1 - 2 * math.exp(-1)), (3, 0.0, 0.0)],
)
def test_alerts_poisson_upper_tail_exact_values(count: int, lam: float, expected: float) -> None:
    assert poisson_upper_tail(count, lam) == pytest.approx(expected, rel=1e-12)


def test_alerts_poisson_upper_tail_large_counts_do_not_overflow() -> None:
    p = poisson_upper_tail(2000, 1000.0)
    assert 0 < p < 1e-100
    assert poisson_upper_tail(1000, 1000.0) == pytest.approx(0.5, abs=0.02)


def test_alerts_first_in_months_after_long_gap() -> None:
    records = [rec("2017-01-19", actor2="IS"), rec("2017-09-22", actor2="IS", eid="sept")]
    alerts = first_in_months(records)
    assert len(alerts) == 1
    alert = alerts[0]
    assert (alert["event_id"], alert["gap_days"], alert["gap_months"], alert["scope"]) == (
        "sept",
        246,
        8,
        "country",
    )
    assert (
        alert["message"]
        == "First air/drone strike by Air Force on IS in Libya in 8 months (previous: 2017-01-19)"
    )


def test_alerts_first_in_months_needs_the_gap_and_a_history() -> None:
    assert first_in_months([rec("2017-09-22")]) == []
    assert first_in_months([rec("2017-06-01"), rec("2017-09-22")]) == []  # 113 days < 180
    shorter = AlertOptions(min_gap_days=90)
    assert len(first_in_months([rec("2017-06-01"), rec("2017-09-22")], shorter)) == 1


def test_alerts_first_in_months_falls_back_to_province() -> None:
    records = [
        rec("2017-01-10", admin1="Sirt"),
        rec("2017-05-01", admin1="Misratah"),
        rec("2017-09-01", admin1="Sirt", eid="back-in-sirt"),
    ]
    alerts = first_in_months(records)
    assert [(a["event_id"], a["scope"], a["key"]["admin1"]) for a in alerts] == [
        ("back-in-sirt", "admin1", "Sirt")
    ]
    assert "in Sirt, Libya in 7 months" in alerts[0]["message"]


def test_alerts_ignore_other_statuses_and_undated() -> None:
    records = [rec("2017-01-19"), rec("2017-09-22", status="historical"), rec("2017-09-23", status="planned")]
    records.append({**rec("2017-09-24"), "date": None})
    assert find_alerts(records) == []


def _weeks(counts: list[int], start: date = date(2017, 1, 2), **kw: Any) -> list[dict[str, Any]]:
    out = []
    for w, n in enumerate(counts):
        for i in range(n):
            day = (start + timedelta(weeks=w, days=i % 7)).isoformat()
            out.append(rec(day, eid=f"w{w}-{i}", **kw))
    return out


def test_alerts_spike_against_trailing_mean() -> None:
    records = _weeks([1, 1, 0, 1, 1, 0, 1, 1, 9])
    alerts = weekly_spikes(records)
    assert len(alerts) == 1  # the type-level alert equals the country's and is dropped
    spike = alerts[0]
    assert (spike["week"], spike["count"], spike["baseline"]) == ("2017-02-27", 9, 0.75)
    assert spike["p_value"] == pytest.approx(poisson_upper_tail(9, 0.75))
    assert spike["p_value"] < 0.01


def test_alerts_spike_rules_hold_back() -> None:
    assert weekly_spikes(_weeks([0] * 0 + [1, 1, 9])) == []  # under 8 weeks of history
    assert weekly_spikes(_weeks([1, 1, 0, 1, 1, 0, 1, 1, 4])) == []  # under the minimum count
    assert weekly_spikes(_weeks([5, 6, 5, 6, 5, 6, 5, 6, 7])) == []  # not far above the baseline
    assert weekly_spikes(_weeks([1, 1, 0, 1, 1, 0, 1, 1, 9], precision="month")) == []


def test_alerts_spike_by_type_when_country_is_not_all_one_type() -> None:
    quiet = _weeks([6] * 9, etype="Protests", sub="Peaceful protest")
    busy = _weeks([0, 0, 0, 0, 0, 0, 0, 0, 6], etype="Battles", sub="Armed clash")
    alerts = weekly_spikes(quiet + busy)
    assert [(a["scope"], a["key"]["event_type"], a["count"]) for a in alerts] == [
        ("country+event_type", "Battles", 6)
    ]


def test_alerts_find_alerts_newest_first_and_since() -> None:
    records = _weeks([1, 1, 0, 1, 1, 0, 1, 1, 9]) + [
        rec("2016-01-04", actor1="Navy"),
        rec("2017-03-06", actor1="Navy"),
    ]
    alerts = find_alerts(records)
    assert [a["date"] for a in alerts] == sorted((a["date"] for a in alerts), reverse=True)
    assert {a["kind"] for a in alerts} == {"spike", "first_in_months"}
    only_first = find_alerts(records, AlertOptions(kinds=("first_in_months",), since=date(2017, 3, 1)))
    assert [a["key"]["actor1"] for a in only_first] == ["Navy"]


def test_cli_alerts_prints_alerts(tmp_path: Path) -> None:
    db = tmp_path / "cli.db"
    build_store(str(db)).close()
    result = CliRunner().invoke(main, ["alerts", "--db", str(db)])
    assert result.exit_code == 0, result.output
    lines = result.stdout.strip().splitlines()
    assert len(lines) == 2
    assert lines[0].startswith("2017-09-22  first_in_months")
    jsonl = CliRunner().invoke(main, ["alerts", "--db", str(db), "--format", "jsonl", "--kind", "spike"])
    assert [json.loads(line)["count"] for line in jsonl.stdout.splitlines()] == [6]


def test_cli_alerts_bad_database_is_one_line(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["alerts", "--db", "nosuch://x"])
    assert result.exit_code == 1
    assert result.stderr.startswith("Error: ")
    assert len(result.stderr.strip().splitlines()) == 1


def test_cli_serve_starts_uvicorn_with_options(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import uvicorn

    seen: dict[str, Any] = {}
    monkeypatch.setattr(uvicorn, "run", lambda app, **kw: seen.update(kw, app=app))
    result = CliRunner().invoke(main, ["serve", "--db", str(tmp_path / "s.db"), "--port", "8123"])
    assert result.exit_code == 0, result.output
    assert (seen["host"], seen["port"]) == ("127.0.0.1", 8123)
    assert seen["app"].title == "sitrep"
    assert "Example: sitrep serve" in CliRunner().invoke(main, ["serve", "--help"]).output

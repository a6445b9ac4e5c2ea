"""The command line: exit codes, one-line errors, formats."""

from __future__ import annotations

import csv
import io
import json

import pytest
from click.testing import CliRunner

from sitrep.cli import main
from tests.helpers import shared_file

pytestmark = pytest.mark.model

GOOD = "Gunmen killed four farmers in Kaduna on Monday, police said."


def _run(*args):
    return CliRunner().invoke(main, list(args))


def test_cli_extract_bad_inputs_fail_alone(tmp_path):
    (tmp_path / "good.txt").write_text(GOOD, encoding="utf-8")
    (tmp_path / "good.json").write_text(
        '{"published": "2021-06-09", "publisher": "Daily Test"}', encoding="utf-8"
    )
    (tmp_path / "binary.txt").write_bytes(b"\x00\xff" * 200)
    (tmp_path / "empty.txt").write_text("", encoding="utf-8")
    (tmp_path / "cols.csv").write_text("a,b\n1,2\n", encoding="utf-8")
    (tmp_path / "bad.html").write_text("<html><body><nav>x</nav></body></html>", encoding="utf-8")
    result = _run("extract", str(tmp_path))
    assert result.exit_code == 1
    errors = [line for line in result.stderr.splitlines() if line.startswith("Error: ")]
    assert len(errors) == 4
    assert all("Traceback" not in line for line in result.stderr.splitlines())
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert [r["sub_event_type"] for r in records] == ["Attack"]
    assert records[0]["date"]["start"] == "2021-06-07"
    assert records[0]["sources"][0]["publisher"] == "Daily Test"


def test_cli_extract_overrides_and_formats(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text(GOOD, encoding="utf-8")
    result = _run(
        "extract", str(path), "--published", "2021-06-10", "--publisher", "Override", "--format", "csv"
    )
    assert result.exit_code == 0, result.stderr
    (row,) = list(csv.DictReader(io.StringIO(result.stdout)))
    assert row["sources"] == "Override" and row["date_start"] == "2021-06-07"
    result = _run("extract", str(path), "--published", "2021-06-10", "--format", "geojson")
    collection = json.loads(result.stdout)
    assert collection["type"] == "FeatureCollection"
    (feature,) = collection["features"]
    lon, lat = feature["geometry"]["coordinates"]
    assert 6 < lon < 9 and 9 < lat < 12  # Kaduna


def test_cli_extract_bad_date_is_a_usage_error(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text(GOOD, encoding="utf-8")
    result = _run("extract", str(path), "--published", "next week")
    assert result.exit_code == 2 and "YYYY-MM-DD" in result.stderr


def test_cli_eval_json_has_the_keys():
    path = shared_file("data/case2021-task2/dev.tsv")
    result = _run("eval", "case2021", str(path), "--json", "--limit", "40")
    assert result.exit_code == 0, result.stderr
    metrics = json.loads(result.stdout)
    for key in ("n", "weighted_f1_25", "macro_f1_25", "weighted_f1_30", "macro_f1_30", "accuracy_30"):
        assert key in metrics
    assert metrics["n"] == 40


def test_cli_eval_wrong_layout_is_one_line_error(tmp_path):
    bad = tmp_path / "x.csv"
    bad.write_text("a,b\n1,2\n", encoding="utf-8")
    result = _run("eval", "acled", str(bad), "--json")
    assert result.exit_code == 1
    assert result.stderr.count("\n") == 1 and "missing columns" in result.stderr


def test_cli_demo_ingests_samples_once(tmp_path):
    db = str(tmp_path / "demo.db")
    first = _run("demo", "--db", db, "--no-serve")
    assert first.exit_code == 0, first.stderr
    assert "13 stored" in first.stderr
    second = _run("demo", "--db", db, "--no-serve")
    assert second.exit_code == 0 and "0 stored" in second.stderr
    assert first.stdout == second.stdout and "Air/drone strike" in first.stdout


def test_cli_extract_too_long_text_is_one_error_and_the_rest_goes_on(tmp_path):
    (tmp_path / "huge.txt").write_text("Gunmen attacked a village. " * 40000, encoding="utf-8")
    (tmp_path / "ok.txt").write_text(GOOD, encoding="utf-8")
    result = _run("extract", str(tmp_path), "--published", "2021-06-09")
    assert result.exit_code == 1
    assert "huge.txt" in result.stderr and "split the file" in result.stderr
    assert "Traceback" not in result.stderr
    assert [json.loads(line)["sub_event_type"] for line in result.stdout.splitlines()] == ["Attack"]

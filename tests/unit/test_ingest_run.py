"""The ingest run: idempotent, near-duplicates linked without new events, failures reported, CLI."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from sitrep import samples
from sitrep.cli import main
from sitrep.ingest.run import IngestStats, ingest
from sitrep.store import Store

TESTS = Path(__file__).resolve().parents[1]


@pytest.fixture
def fake_extract(fake_extractor):
    return fake_extractor


@pytest.fixture
def fake_env(monkeypatch: pytest.MonkeyPatch) -> None:
    """Subcommands find the fake extractor through SITREP_EXTRACTOR."""
    monkeypatch.syspath_prepend(str(TESTS))
    monkeypatch.setenv("SITREP_EXTRACTOR", "conftest:fake_extract")


def _copy_samples(dest: Path) -> Path:
    shutil.copytree(samples.path(), dest)
    return dest


def test_ingest_run_same_folder_twice_changes_nothing(tmp_path: Path, fake_extract, store_url: str) -> None:
    folder = _copy_samples(tmp_path / "in")
    with Store(store_url) as store:
        first = ingest([str(folder)], store, extractor=fake_extract)
        counts = store.counts()
        events = store.events()
        second = ingest([str(folder)], store, extractor=fake_extract)
        assert store.counts() == counts
        assert store.events() == events
    n = len(samples.files())
    assert (first.read, first.stored, first.failed) == (n, n, 0)
    assert (second.read, second.stored, second.duplicates) == (n, 0, n)
    assert counts["articles"] == n and counts["events"] == first.mentions > 0


def test_ingest_run_near_duplicate_adds_no_event(tmp_path: Path, fake_extract) -> None:
    folder = _copy_samples(tmp_path / "in")
    original = folder / "somalia-ied-baidoa-horn.txt"
    text = original.read_text()
    edited = text.replace("BAIDOA, April 15 - ", "BAIDOA (Wire) - ").replace(
        "a local official said", "an official said"
    )
    assert edited != text
    with Store(str(tmp_path / "a.db")) as store:
        ingest([str(folder)], store, extractor=fake_extract)
        before = store.counts()
        copy = tmp_path / "copy"
        copy.mkdir()
        (copy / "syndicated.txt").write_text(edited)
        (copy / "syndicated.json").write_text(
            json.dumps({"publisher": "Syndicator", "published": "2024-04-16"})
        )
        stats = ingest([str(copy)], store, extractor=fake_extract)
        after = store.counts()
        assert stats.near_duplicates == 1 and stats.mentions == 0
        assert after["events"] == before["events"] and after["mentions"] == before["mentions"]
        assert after["duplicates"] == before["duplicates"] + 1
        from sitrep.records import Article

        original_id = Article(text=text).article_id
        assert store.get_article(original_id)["duplicates"] == [Article(text=edited).article_id]


def test_ingest_run_near_duplicates_within_one_run(tmp_path: Path, fake_extract) -> None:
    folder = _copy_samples(tmp_path / "in")
    text = (folder / "kenya-protest-nairobi.txt").read_text()
    (folder / "zz-copy.txt").write_text(text.replace("Thursday", "Thursday afternoon"))
    with Store(str(tmp_path / "a.db")) as store:
        stats = ingest([str(folder)], store, extractor=fake_extract)
        assert stats.near_duplicates == 1 and store.counts()["duplicates"] == 1


def test_ingest_run_summary_line() -> None:
    stats = IngestStats(read=5, stored=3, duplicates=1, near_duplicates=1, failed=2, mentions=4)
    assert stats.summary(9) == (
        "5 articles read: 3 stored, 2 skipped as duplicates (1 near-duplicates), "
        "2 failed; 4 events found; 9 events in the database"
    )


def test_ingest_run_cli_reports_each_failure_in_one_line(tmp_path: Path, fake_env: None) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "good.txt").write_text("Troops clashed with rebels near Mosul on Monday, officials said.\n")
    (folder / "blob.bin").write_bytes(bytes(range(256)) * 8)
    (folder / "crawl.warc.gz").write_bytes(b"\x1f\x8b\x08\x00" + b"\x00" * 40)
    db = str(tmp_path / "cli.db")
    result = CliRunner().invoke(main, ["ingest", str(folder), "--db", db, "--no-progress"])
    assert result.exit_code == 1, result.output  # some inputs failed; the good one is still stored
    lines = result.stderr.strip().splitlines()
    errors = [line for line in lines if line.startswith("Error: ")]
    assert len(errors) == 2
    assert any("blob.bin" in e for e in errors) and any("crawl.warc.gz" in e for e in errors)
    assert lines[-1].startswith("1 articles read: 1 stored, 0 skipped as duplicates")
    with Store(db) as store:
        assert store.counts()["articles"] == 1 and store.counts()["events"] == 1


def test_ingest_run_cli_events_and_export(tmp_path: Path, fake_env: None) -> None:
    db = str(tmp_path / "cli.db")
    runner = CliRunner()
    assert runner.invoke(main, ["ingest", "--db", db, "--no-progress"]).exit_code == 0
    table = runner.invoke(main, ["events", "--db", db, "--country", "LY"])
    assert table.exit_code == 0 and "Air/drone strike" in table.output and "Sirte" in table.output
    jsonl = runner.invoke(main, ["events", "--db", db, "--format", "jsonl", "--type", "Arrests"])
    records = [json.loads(line) for line in jsonl.output.splitlines()]
    assert [r["sub_event_type"] for r in records] == ["Arrests"]
    out = tmp_path / "e.csv"
    result = runner.invoke(main, ["export", "--db", db, "--format", "acled-csv", "--output", str(out)])
    assert result.exit_code == 0 and out.read_text().startswith("data_id,iso,event_id_cnty")
    bad = runner.invoke(main, ["events", "--db", db, "--bbox", "1,2,3"])
    assert bad.exit_code == 2 and "MIN_LON" in bad.output


def test_ingest_run_cli_bad_database_is_one_line(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["events", "--db", "postgresql://nobody@127.0.0.1:1/none"])
    assert result.exit_code == 1
    assert result.output.startswith("Error: cannot open database") and result.output.count("\n") == 1

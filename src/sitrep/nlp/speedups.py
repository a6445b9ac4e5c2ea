"""Faster stand-ins for two of the English model's Python components, with the same output.

On news, the model's attribute ruler and rule lemmatizer took 3 of the pipeline's 26 seconds for 40
articles: the ruler runs 179 token patterns over every token, though the first 56 only map a tag to its
part of speech and morphology, and the lemmatizer recomputes every base form and proper noun, caching only
the words its suffix rules reach. Both are sped up in place, on the loaded model, so every caller of
:func:`sitrep.nlp.pipeline.load_model` parses alike:

- the ruler's leading tag-only rules become one table applied with array operations; its other rules
  still run through a matcher, after the table, as they did after those rules (rules apply in order);
- the lemmatizer's answer is cached for every (word, part of speech, morphology), all it depends on.

``tests/unit/test_speedups.py`` checks that the parses are identical to the stock components'.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np
from spacy.attrs import MORPH, POS, TAG
from spacy.language import Language
from spacy.matcher import Matcher
from spacy.tokens import Doc, Token

__all__ = ["memoize_lemmatizer", "speed_up", "tag_table_first"]

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
    rest = Matcher(ruler.vocab, validate=False)
    for i in range(leading, len(patterns)):
        rest.add(ruler.vocab.strings.add(str(i)), patterns[i]["patterns"])
    # MORPH values as the ruler would store them on a token (its normalised analysis's key).
    morph_keys = {
        value: ruler.vocab.morphology.add(ruler.vocab.strings[value])
        for attrs in table.values()
        for attr, value in attrs.items()
        if attr == MORPH
    }
    stock_set_annotations = ruler.set_annotations

    def match(doc: Doc) -> list[tuple[int, int, int, int]]:
        found = rest(doc, allow_missing=True, as_spans=False)
        return sorted((int(ruler.vocab.strings[m_id]), m_id, start, end) for m_id, start, end in found)

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

"""Actor mentions of a sentence: the noun phrases (or, without a parse, the alias matches) that the resolver
turns into actors, each with its alias entry and its place in the doc; found once per sentence of a doc."""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

from spacy.tokens import Span, Token

from ...records import Actor
from .resolver import ActorResolver, Entry, get_resolver, tokenize

__all__ = ["Mention", "battle_order", "conventions", "sentence_mentions"]


#: Dependents on a noun's left that belong to the clause, not to the noun's phrase.
_CLAUSE_DEPS = frozenset({"prep", "punct", "advmod", "npadvmod", "mark", "cc", "advcl"})


@dataclass(frozen=True)
class Mention:
    actor: Actor
    entry: Entry
    head: Token  # syntactic head of the phrase (or its last token without a parse)
    start: int  # token indices in the doc
    end: int


@lru_cache(maxsize=1)
def conventions() -> dict[str, Any]:
    """ACLED's actor conventions (``data/actors_conventions.json``)."""
    path = resources.files("sitrep.nlp") / "data" / "actors_conventions.json"
    return json.loads(path.read_text(encoding="utf-8"))


@lru_cache(maxsize=1)
def battle_order() -> tuple[dict[str, bool], frozenset[str]]:
    """(ISO2 country -> True when ACLED's battles there put the state's forces first, False when second,
    for the countries whose counted battles agree enough; the words of a fight that names no attacker),
    from ``data/actors_battle_order.json``."""
    path = resources.files("sitrep.nlp") / "data" / "actors_battle_order.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    out: dict[str, bool] = {}
    for iso2, seen in data.get("countries", {}).items():
        first, second = seen["state_first"], seen["state_second"]
        total = first + second
        if total >= data["min_battles"] and max(first, second) >= data["min_share"] * total:
            out[iso2] = first > second
    return out, frozenset(data.get("neutral_triggers", ()))


def _alias_spans(sentence: Span, resolver: ActorResolver, named_only: bool) -> list[Span]:
    toks = tokenize(sentence.text)
    spans = []
    for i, j, entry in resolver.matches(sentence.text):
        if named_only and entry.generic is not None:
            continue
        span = sentence.doc.char_span(
            sentence.start_char + toks[i][1], sentence.start_char + toks[j - 1][2], alignment_mode="expand"
        )
        if span is not None:
            spans.append(span)
    return spans


#: The mentions found in the sentences of the doc read last: the events stage asks again for the same
#: sentences (each event looks for the armed groups the whole text names), and finding them is costly.
_LAST_DOC: dict[str, Any] = {"doc": None, "found": {}}


def sentence_mentions(
    sentence: Span, country: str | None, resolver: ActorResolver | None = None
) -> list[Mention]:
    """Actor mentions in a sentence, in text order (noun phrases when parsed, alias matches otherwise)."""
    resolver = resolver or get_resolver()
    if _LAST_DOC["doc"] is not sentence.doc:
        _LAST_DOC["doc"], _LAST_DOC["found"] = sentence.doc, {}
    key = (sentence.start, sentence.end, country, id(resolver))
    found = _LAST_DOC["found"].get(key)
    if found is None:
        found = _LAST_DOC["found"][key] = _find_mentions(sentence, country, resolver)
    return list(found)


def _find_mentions(sentence: Span, country: str | None, resolver: ActorResolver) -> list[Mention]:
    doc = sentence.doc
    parsed = doc.has_annotation("DEP")
    spans: list[Span] = []
    if parsed:
        grievances = frozenset(conventions().get("not_actor_heads", ()))
        for tok in sentence:
            if tok.lower_ in grievances:  # "police brutality" names no actor
                continue
            if tok.pos_ in ("NOUN", "PROPN", "PRON", "NUM") and not (
                tok.dep_ in ("compound", "amod", "nmod", "poss") and tok.head.pos_ in ("NOUN", "PROPN")
            ):
                # a noun parsed as the sentence's root keeps its words, not the clause's ("On 15 May,")
                lefts = [t for t in tok.lefts if t.dep_ not in _CLAUSE_DEPS]
                left = min((t.i for t in lefts for t in t.subtree), default=tok.i)
                right = tok.i + 1
                if tok.lower_ in conventions()["group_nouns"]:  # "members of armed groups"
                    for prep in (c for c in tok.rights if c.dep_ == "prep" and c.lower_ in ("of", "from")):
                        right = max(right, max(t.i for t in prep.subtree) + 1)
                spans.append(doc[max(left, sentence.start) : min(right, sentence.end)])
        spans += _alias_spans(sentence, resolver, named_only=True)  # names the parse splits ("IS" as a verb)
    else:  # adjacent matches form one phrase ("Al Shabaab" + "fighters")
        merged: list[list[int]] = []
        for span in sorted(
            _alias_spans(sentence, resolver, named_only=False), key=lambda s: (s.start, -s.end)
        ):
            if merged and span.start <= merged[-1][1]:
                merged[-1][1] = max(merged[-1][1], span.end)
            else:
                merged.append([span.start, span.end])
        spans = [doc[a:b] for a, b in merged]
    out: list[Mention] = []
    taken: set[int] = set()
    for span in sorted(spans, key=lambda s: (-(s.end - s.start), s.start)):
        if any(i in taken for i in range(span.start, span.end)):
            continue
        parts = _conjuncts(span, country, resolver) if parsed else []
        for part, found in parts or [
            (span, resolver.resolve_entry(span.text, country=country, start=span.start_char))
        ]:
            if found is not None:
                taken.update(range(span.start, span.end))
                head = part.root if parsed else part[-1]
                out.append(Mention(found[0], found[1], head, part.start, part.end))
    return sorted(out, key=lambda m: m.start)


def _conjuncts(span: Span, country: str | None, resolver: ActorResolver) -> list[tuple[Span, Any]]:
    """The parts of a coordinated phrase that name different actors ("the KIA and Myanmar army"), each
    with its resolution; empty when the phrase is one actor ("forces of India and Pakistan")."""
    cuts = [
        t.i for t in span if t.dep_ == "cc" and t.lower_ in ("and", "&") and span.start <= t.head.i < span.end
    ]
    if not cuts:
        return []
    bounds = [span.start, *cuts, span.end]
    parts = []
    for a, b in zip(bounds, bounds[1:], strict=False):
        a = a + 1 if a in cuts else a
        part = span.doc[a:b]
        if len(part) and not all(t.is_punct for t in part):
            parts.append((part, resolver.resolve_entry(part.text, country=country, start=part.start_char)))
    names = {found[0].name for _part, found in parts if found is not None}
    return parts if len(names) >= 2 else []

"""Candidate places for an event's location: the sentence's toponyms, its other names, its proper nouns.

The recogniser (``doc._.sitrep_toponyms``) keeps to names that look like places in the gazetteer or
to spaCy's GPE/LOC/FAC; small places of the news are often tagged PERSON or ORG ("the villages of
Talbiseh and Al-Ghanto") or not at all. The event-location model therefore ranks, besides the
toponyms, every named entity of a configured label and every run of proper nouns that no toponym or
entity covers. Each candidate span is then put on the word boundaries the labelled data use:

1. widened to whole written words ("Mazar-e-Sharif" is one word that the tokenizer splits);
2. leading determiners and punctuation, trailing punctuation and possessive endings dropped;
3. a trailing generic word dropped, or a following one taken in, as the trained boundary table says
   ("Bab district" -> "Bab"; "Ibn Sina" + "hospital").
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from spacy.tokens import Doc, Span

if TYPE_CHECKING:
    from .gazetteer import Gazetteer

__all__ = ["Boundaries", "Candidate", "coordinated", "ents_within", "find_candidates", "word_bounds"]

_JOINERS = frozenset("-‘’'`")
_COORDINATORS = frozenset((",", "and", "or", "&", "/"))
_POSSESSIVE = frozenset(("'s", "’s", "'", "’"))


@dataclass(frozen=True)
class Boundaries:
    """Edge words by the labelled data, as written (case matters: "Idlib district" drops its last word,
    "New Aleppo District" keeps it): a span's last word dropped, the next word taken in."""

    drop_last: frozenset[str] = frozenset()
    take_next: frozenset[str] = frozenset()


@dataclass(frozen=True, eq=False)
class Candidate:
    """A span that may name where an event happened.

    ``toponym`` is the recogniser's span it comes from (carrying ``sitrep_place`` and ``sitrep_role``),
    or None; ``source`` is ``toponym``, an entity label (``ent:PERSON``) or ``propn``.
    """

    span: Span
    toponym: Span | None
    source: str
    #: what the gazetteer knows of the span's text: "none", or its best entry's level and size
    #: ("city|>10000"); "na" when no gazetteer was given
    known: str = "na"


def _joined_left(doc: Doc, i: int) -> bool:
    """Token ``i`` is glued to the previous one inside one written word."""
    if i == 0 or doc[i - 1].whitespace_:
        return False
    prev, tok = doc[i - 1], doc[i]
    return (prev.text in _JOINERS or prev.is_alpha or prev.is_digit) and (
        tok.text in _JOINERS or tok.is_alpha or tok.is_digit
    )


def word_bounds(doc: Doc, start: int, end: int, lo: int, hi: int) -> tuple[int, int]:
    """(start, end) widened to whole written words within [lo, hi), then trimmed of edge punctuation."""
    while start > lo and _joined_left(doc, start) and doc[start - 1].lower_ not in _POSSESSIVE:
        start -= 1
    while end < hi and _joined_left(doc, end) and doc[end].lower_ not in _POSSESSIVE:
        end += 1
    while start < end and (
        doc[start].is_punct
        and not (doc[start].text in _JOINERS and start + 1 < end and _joined_left(doc, start + 1))
        or doc[start].pos_ == "DET"
        or doc[start].is_space
    ):
        start += 1
    while end > start and (
        doc[end - 1].is_punct or doc[end - 1].lower_ in _POSSESSIVE or doc[end - 1].is_space
    ):
        end -= 1
    return start, end


def _edges(doc: Doc, start: int, end: int, hi: int, bounds: Boundaries) -> tuple[int, int]:
    """Step 3: drop a trailing generic word, or take in the following one, as the table says."""
    if end - start > 1 and doc[end - 1].text in bounds.drop_last:
        end -= 1
    elif end < hi and doc[end].text in bounds.take_next:
        end += 1
    return start, end


def find_candidates(
    doc: Doc,
    sent: Span,
    entity_labels: frozenset[str],
    bounds: Boundaries | None = None,
    proper_nouns: bool = True,
    gazetteer: Gazetteer | None = None,
) -> list[Candidate]:
    """The candidate places of sentence ``sent``, in text order (see the module docstring)."""
    bounds = bounds or Boundaries()
    raw: list[tuple[int, int, Span | None, str]] = []
    used: set[int] = set()
    for s in doc._.sitrep_toponyms or []:
        if s.start >= sent.start and s.end <= sent.end:
            raw.append((s.start, s.end, s, "toponym"))
            used.update(range(s.start, s.end))
    for start, end, label in ents_within(sent):
        if label in entity_labels and not used.intersection(range(start, end)):
            raw.append((start, end, None, f"ent:{label}"))
            used.update(range(start, end))
    if proper_nouns:
        i = sent.start
        while i < sent.end:
            if doc[i].pos_ == "PROPN" and i not in used:
                j = i
                while j < sent.end and doc[j].pos_ == "PROPN" and j not in used:
                    j += 1
                raw.append((i, j, None, "propn"))
                used.update(range(i, j))
                i = j
            else:
                i += 1
    out: list[tuple[int, int, Span | None, str]] = []
    taken: set[int] = set()
    for start, end, toponym, source in sorted(raw, key=lambda r: r[0]):
        s, e = word_bounds(doc, start, end, sent.start, sent.end)
        if e > s:
            s, e = _edges(doc, s, e, sent.end, bounds)
        if e <= s or taken.intersection(range(s, e)):
            continue
        taken.update(range(s, e))
        out.append((s, e, toponym, source))
    return [Candidate(doc[s:e], top, src, _known(gazetteer, doc[s:e].text)) for s, e, top, src in out]


def ents_within(span: Span) -> list[tuple[int, int, str]]:
    """(start, end, label) of the doc's named entities lying wholly inside ``span``, in order: what
    filtering ``Doc.ents`` gives, read from the span's own tokens (``Doc.ents`` rebuilds every entity of
    the document on each access)."""
    doc, out = span.doc, []
    i = span.start
    while i < span.end:
        token = doc[i]
        if token.ent_iob_ == "B" and token.ent_type:
            j = i + 1
            while j < len(doc) and doc[j].ent_iob_ == "I":
                j += 1
            if j <= span.end:
                out.append((i, j, token.ent_type_))
            i = j
        else:
            i += 1
    return out


def _known(gazetteer: Gazetteer | None, text: str) -> str:
    if gazetteer is None:
        return "na"
    entries = gazetteer.lookup(text)
    if not entries:
        return "none"
    best = max(entries, key=lambda c: c.population)
    size = next(
        (f"<={edge}" for edge in (1_000, 10_000, 100_000, 1_000_000) if best.population <= edge), ">1e6"
    )
    return f"{best.level}|{size}|{'primary' if best.primary else 'alternate'}"


def coordinated(cands: list[Candidate]) -> list[set[int]]:
    """For each candidate, the indices of the candidates coordinated with it ("in A, B and C")."""
    root_of = {c.span.root.i: k for k, c in enumerate(cands)}
    links: list[set[int]] = [set() for _ in cands]
    # In the text: neighbours with only commas and conjunctions between them ("Gaya, Fa'a, and Zang").
    order = sorted(range(len(cands)), key=lambda k: cands[k].span.start)
    for a, b in zip(order, order[1:], strict=False):
        left, right = cands[a].span, cands[b].span
        between = left.doc[left.end : right.start]
        if len(between) and all(t.lower_ in _COORDINATORS for t in between):
            links[a].add(b)
            links[b].add(a)
    for k, c in enumerate(cands):
        root = c.span.root
        if root.dep_ == "conj" and root.head.i in root_of:
            other = root_of[root.head.i]
            if other != k:
                links[k].add(other)
                links[other].add(k)
    return links

"""Toponym recognition on a spaCy ``Doc``: NER places, gazetteer matches the NER missed, demonyms, metonymy.

Stages:

1. named entities with a place label (``ent_labels``), "the" dropped, a following area word kept
   ("Nineveh province");
2. demonyms and adjectives ("Libyan", "Kurds") mapped to their country or region (role ``demonym``);
3. gazetteer matches among capitalised words the NER left alone, kept only when a location
   preposition precedes them or they name a country, first-level subdivision or large city, and
   never on a stop-listed word or inside another entity (a person called Jordan is not the country);
4. metonymy: a place that is the subject of a verb of saying or deciding ("Washington said") or the
   possessor of an institution is marked ``metonymic``.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

from .gazetteer import Gazetteer
from .lexicon import Lexicon
from .normalize import name_key
from .resolve import Mention

__all__ = ["RecognizeConfig", "find_mentions"]


@dataclass(frozen=True)
class RecognizeConfig:
    ent_labels: tuple[str, ...] = ("GPE", "LOC", "FAC")
    blocking_labels: tuple[str, ...] = (
        "PERSON",
        "ORG",
        "WORK_OF_ART",
        "EVENT",
        "PRODUCT",
        "LAW",
        "NORP",
        "DATE",
        "TIME",
        "MONEY",
        "QUANTITY",
        "CARDINAL",
        "ORDINAL",
        "PERCENT",
        "LANGUAGE",
    )
    gazetteer_matches: bool = True
    #: One-word entities with these labels that name a country or a city above ``relabel_population``
    #: are taken as places (the small English model often calls "Homs" a PERSON).
    relabel_labels: tuple[str, ...] = ("PERSON", "ORG")
    relabel_population: int = 50_000
    titles: tuple[str, ...] = (
        "mr",
        "mrs",
        "ms",
        "dr",
        "sen",
        "rep",
        "gov",
        "gen",
        "president",
        "minister",
        "king",
        "queen",
        "prince",
        "sheikh",
        "pope",
        "saint",
        "st",
    )
    max_ngram: int = 4
    min_population: int = 100_000
    institution_nouns: tuple[str, ...] = field(
        default_factory=lambda: (
            "government",
            "ministry",
            "military",
            "army",
            "administration",
            "embassy",
            "president",
            "leader",
            "officials",
            "authorities",
            "forces",
            "parliament",
            "regime",
            "police",
            "team",
            "navy",
        )
    )


def _trim(span: Span) -> tuple[int, int]:
    """Token bounds of an entity without a leading article or punctuation, or a trailing possessive."""
    start, end = span.start, span.end
    doc = span.doc
    while start < end and (doc[start].lower_ in ("the", "a", "an") or doc[start].is_punct):
        start += 1
    while end > start and (
        doc[end - 1].text in ("'s", "\u2019s", "'") or (doc[end - 1].is_punct and doc[end - 1].text != ".")
    ):
        end -= 1
    return start, end


def _looks_like_big_place(ent: Span, gaz: Gazetteer, cfg: RecognizeConfig, person_words: set[str]) -> bool:
    """A one-word PERSON/ORG entity that is the own name of a country or a large city ("Homs")."""
    if len(ent) != 1 or ent[0].lower_ in person_words or not ent[0].is_title:
        return False
    prev = ent.doc[ent.start - 1] if ent.start > 0 else None
    if prev is not None and (
        prev.is_title and not prev.is_sent_start or prev.lower_.rstrip(".") in cfg.titles
    ):
        return False
    return any(
        c.primary
        and (
            c.level == "country" or (c.level in ("city", "admin1") and c.population >= cfg.relabel_population)
        )
        for c in gaz.lookup(ent.text)
    )


def _in_place_frame(
    ent: Span, gaz: Gazetteer, lex: Lexicon, place_nouns: set[str], person_words: set[str]
) -> bool:
    """A PERSON/ORG entity framed as a place: "the village of X", "X province", "in X" (X known)."""
    doc = ent.doc
    if not ent[0].is_title or any(t.lower_ in person_words for t in ent):
        return False
    before = [t.lower_ for t in doc[max(0, ent.start - 2) : ent.start]]
    after = doc[ent.end].lower_ if ent.end < len(doc) else ""
    if len(before) == 2 and before[1] == "of" and before[0].rstrip("s") in place_nouns:
        return True
    if after.rstrip("s") in place_nouns and after not in ("area",) or after in lex.cues["area_words"]:
        return True
    return bool(before) and before[-1] in ("in", "near", "outside", "at") and gaz.contains(ent.text)


def _area_suffix(doc: Doc, end: int, lex: Lexicon) -> int:
    if end < len(doc) and doc[end].lower_ in lex.cues["area_words"]:
        return end + 1
    return end


def _is_metonymic(root: Token, lex: Lexicon, cfg: RecognizeConfig) -> bool:
    verbs = lex.cues["metonymy_verbs"]
    head = root.head
    if root.dep_ in ("nsubj", "nsubjpass") and head.pos_ in ("VERB", "AUX") and head.lemma_.lower() in verbs:
        return root.dep_ == "nsubj"
    if root.dep_ == "poss" and head.lemma_.lower() in cfg.institution_nouns:
        return True
    return False


def find_mentions(
    doc: Doc, gaz: Gazetteer, lex: Lexicon, config: RecognizeConfig | None = None
) -> list[Mention]:
    """The toponym mentions of a document, in text order, without overlaps."""
    cfg = config or RecognizeConfig()
    taken = [False] * len(doc)
    found: list[tuple[int, int, str, str | None]] = []  # token start, end, role, demonym target

    def claim(start: int, end: int, role: str, target: str | None = None) -> None:
        if end <= start or any(taken[start:end]):
            return
        for t in range(start, end):
            taken[t] = True
        found.append((start, end, role, target))

    blocked = [False] * len(doc)
    # Words of multi-word person names ("Michael Jordan") stay names everywhere in the document.
    person_words = {t.lower_ for e in doc.ents if e.label_ == "PERSON" and len(e) > 1 for t in e}
    place_nouns = set(lex.cues["place_nouns"])
    for ent in doc.ents:
        if ent.label_ in cfg.relabel_labels and (
            _looks_like_big_place(ent, gaz, cfg, person_words)
            or _in_place_frame(ent, gaz, lex, place_nouns, person_words)
        ):
            start, end = _trim(ent)
            claim(start, _area_suffix(doc, end, lex), "literal")
        elif ent.label_ in cfg.ent_labels:
            start, end = _trim(ent)
            if start >= end:
                continue
            key = name_key(doc[start:end].text)
            if key in lex.demonyms and not gaz.contains(doc[start:end].text):
                claim(start, end, "demonym", lex.demonyms[key])
                continue
            end = _area_suffix(doc, end, lex)
            claim(start, end, "literal")
        elif ent.label_ in cfg.blocking_labels:
            for t in range(ent.start, ent.end):
                blocked[t] = True

    # Demonyms: single or two-word adjectives, whatever the NER said about them.
    for i, tok in enumerate(doc):
        if taken[i] or not tok.text[:1].isupper():
            continue
        for size in (2, 1):
            if i + size > len(doc):
                continue
            key = name_key(doc[i : i + size].text)
            if key in lex.demonyms:
                claim(i, i + size, "demonym", lex.demonyms[key])
                break

    if cfg.gazetteer_matches:
        preps = set(lex.cues["gazetteer_match_prepositions"])
        i = 0
        while i < len(doc):
            tok = doc[i]
            if (
                taken[i]
                or blocked[i]
                or not (tok.is_title or (tok.is_upper and len(tok) > 1))
                or not tok.is_alpha
            ):
                i += 1
                continue
            matched = 0
            for size in range(min(cfg.max_ngram, len(doc) - i), 0, -1):
                span = doc[i : i + size]
                if any(taken[i : i + size]) or any(blocked[i : i + size]):
                    continue
                if not all(t.is_title or t.is_upper or t.lower_ in ("of", "al", "el", "de") for t in span):
                    continue
                key = name_key(span.text)
                if key in lex.stoplist:
                    continue
                cands = gaz.lookup(span.text)
                if not cands:
                    continue
                nxt = doc[i + size] if i + size < len(doc) else None
                if nxt is not None and nxt.is_title and not nxt.is_sent_start and nxt.is_alpha:
                    break  # "Jordan Peterson": part of a longer name
                prev = doc[i - 1] if i > 0 else None
                after_prep = prev is not None and prev.lower_ in preps
                big = any(
                    c.level in ("country", "admin1", "region", "continent")
                    or (c.level == "city" and c.population >= cfg.min_population)
                    for c in cands
                    if c.primary
                )
                if after_prep or (big and not tok.is_sent_start):
                    claim(i, _area_suffix(doc, i + size, lex), "literal")
                    matched = size
                break
            i += max(matched, 1)

    mentions: list[Mention] = []
    for start, end, role, target in sorted(found):
        span = doc[start:end]
        if role == "literal" and _is_metonymic(span.root, lex, cfg):
            role = "metonymic"
        mentions.append(Mention(span.start_char, span.end_char, span.text, role, target))
    return mentions

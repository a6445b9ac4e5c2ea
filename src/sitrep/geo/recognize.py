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
    #: Capitalised names in strong place frames ("the village of X", "X District") even when unknown.
    frame_matches: bool = True
    #: One-word entities with these labels that name a country or a city above ``relabel_population``
    #: are taken as places (the small English model often calls "Homs" a PERSON).
    relabel_labels: tuple[str, ...] = ("PERSON", "ORG", "NORP", "PRODUCT", "WORK_OF_ART", "EVENT", "LANGUAGE")
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


def _title_of_place(ent: Span, lex: Lexicon) -> bool:
    """A "person" whose name is framed as a place ("the village of Sheikh Meskin")."""
    doc = ent.doc
    before = [t.lower_ for t in doc[max(0, ent.start - 2) : ent.start]]
    after = doc[ent.end].lower_ if ent.end < len(doc) else ""
    place_nouns = lex.cues["place_nouns"]
    return (len(before) == 2 and before[1] == "of" and before[0].rstrip("s") in place_nouns) or (
        after in lex.cues["area_words"]
    )


def _trim(span: Span) -> tuple[int, int]:
    """Token bounds of an entity without a leading article or punctuation, or a trailing possessive."""
    start, end = span.start, span.end
    doc = span.doc
    paren = next((t.i for t in span if t.text == "("), None)
    if paren is not None and paren > start:  # "Bambofa (Dori, Seno": the name before the parenthesis
        end = paren
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


def _frame_word_before(ent: Span, skip: frozenset[str]) -> str:
    """The word before an entity, skipping articles and direction adjectives ("in the northern X")."""
    doc = ent.doc
    i = ent.start - 1
    while i >= 0 and i >= ent.start - 3 and doc[i].lower_ in skip:
        i -= 1
    return doc[i].lower_ if i >= 0 else ""


def _in_place_frame(
    ent: Span, gaz: Gazetteer, lex: Lexicon, place_nouns: set[str], person_words: set[str]
) -> bool:
    """A mislabelled entity framed as a place.

    Strong frames need no gazetteer entry: "the village of X", "X district" (a place noun or area word
    after it). A weak frame, a location preposition before it ("in X", "near the northern X"), needs the
    name in the gazetteer and no word of a person's name elsewhere in the document.
    """
    doc = ent.doc
    if not ent[0].is_title:
        return False
    before = [t.lower_ for t in doc[max(0, ent.start - 2) : ent.start]]
    after = doc[ent.end].lower_ if ent.end < len(doc) else ""
    if len(before) == 2 and before[1] == "of" and before[0].rstrip("s") in place_nouns:
        return True
    if after.rstrip("s") in place_nouns and after not in ("area",) or after in lex.cues["area_words"]:
        return True
    if len(ent) > 1 and ent[-1].is_upper and ent[-1].lower_ in lex.cues["area_words"]:
        return True  # an area's abbreviation inside the entity: "Zurmi LGA"
    start, end = _trim(ent)
    if end > start and _qualified_by_area(doc, end, gaz, place_nouns, 4):
        return True
    if any(t.lower_ in person_words for t in ent):
        return False
    skip = frozenset(lex.cues["frame_skip_words"])
    prep = _frame_word_before(ent, skip)
    return prep in lex.cues["place_frame_prepositions"] and gaz.contains(ent.text)


_CONNECTORS = ("of", "al", "el", "de", "-", "ad", "as", "ash", "ar", "an", "at", "az", "bin", "ibn", "bani")


def _name_run(doc: Doc, start: int, max_len: int) -> int:
    """End of the capitalised name starting at ``start`` ("Rasm Al-Abed", "Dasht-e Archi"), or start."""
    end = start
    while end < len(doc) and end - start < max_len + 2:
        tok = doc[end]
        if tok.is_title or (tok.is_upper and len(tok) > 1 and tok.is_alpha):
            end += 1
        elif (
            end > start
            and tok.lower_ in _CONNECTORS
            and end + 1 < len(doc)
            and doc[end + 1].text[:1].isupper()
        ):
            end += 1
        elif end > start and tok.text == "-" and end + 1 < len(doc) and doc[end + 1].is_alpha:
            end += 1  # "Dasht-e": a lower-case particle after a hyphen
        else:
            break
    while end > start and not (doc[end - 1].text[:1].isupper()):
        end -= 1
    return end


_AREA_LEVELS = ("admin1", "admin2", "country")


def _qualified_by_area(doc: Doc, end: int, gaz: Gazetteer, place_nouns: set[str], max_len: int) -> bool:
    """An area named right after ``end``: "X, Gadabay", "X (Shabunda, Sud-Kivu)", "X village (Bari)".

    In parentheses any of up to three comma-separated names may be the known area; after a comma the
    name must close the phrase (a list "X, Y and Z" is not a qualifier).
    """
    if end < len(doc) and doc[end].lower_.rstrip("s") in place_nouns and not doc[end].is_title:
        end += 1
    if end + 1 >= len(doc) or doc[end].text not in (",", "("):
        return False
    paren = doc[end].text == "("
    pos = end + 1
    for _ in range(3 if paren else 1):
        name_end = _name_run(doc, pos, max_len)
        if name_end == pos:
            return False
        after = doc[name_end].text if name_end < len(doc) else "."
        if not paren and after not in (".", ",", ")", ";", ":") and not doc[name_end].is_punct:
            if after.lower() not in ("province", "district", "region", "state", "governorate", "county"):
                return False
        if not paren and after == "," and name_end + 1 < len(doc) and doc[name_end + 1].text[:1].isupper():
            return False  # "X, Y, Z": a list
        if any(c.level in _AREA_LEVELS for c in gaz.lookup(doc[pos:name_end].text)):
            return True
        if after != "," or name_end + 1 >= len(doc):
            return False
        pos = name_end + 1
    return False


def _framed_names(
    doc: Doc, lex: Lexicon, place_nouns: set[str], max_len: int, gaz: Gazetteer
) -> list[tuple[int, int]]:
    """Names in strong place frames, known to the gazetteer or not: "the village of Gakara",
    "Al-Fardous District" (the area word kept with the name), "Goyali, Gadabay", "Kipulu village
    (Shabunda, Sud-Kivu)"."""
    out = []
    for i in range(1, len(doc)):
        if doc[i].text[:1].isupper() and not doc[i - 1].text[:1].isupper():
            end = _name_run(doc, i, max_len)
            if end > i and end - i <= max_len and _qualified_by_area(doc, end, gaz, place_nouns, max_len):
                out.append((i, end))
    area = lex.cues["area_words"]
    for i in range(2, len(doc)):
        if doc[i - 1].lower_ == "of" and doc[i - 2].lower_.rstrip("s") in place_nouns:
            end = _name_run(doc, i, max_len)
            if end > i and not doc[i].is_sent_start:
                out.append((i, _area_suffix(doc, end, lex)))
    nouns = lex.cues["place_noun_suffixes"]
    for i, tok in enumerate(doc):
        if tok.lower_ in nouns and tok.is_lower and i > 1 and doc[i - 1].text[:1].isupper():
            start = i - 1
            while start > 0 and i - start < max_len and _name_run(doc, start - 1, max_len) >= i:
                start -= 1
            if _name_run(doc, start, max_len) >= i and doc[start - 1].lower_ in ("the", "of", "in"):
                out.append((start, i + 1 if tok.lower_ in area else i))  # "the Zahraa district"
    for i, tok in enumerate(doc):
        if tok.lower_ in area and tok.text[:1].isupper() and i > 0:
            start = i - 1
            while start > 0 and i - start < max_len and _name_run(doc, start - 1, max_len) >= i:
                start -= 1
            if _name_run(doc, start, max_len) >= i and doc[start].text[:1].isupper():
                out.append((start, i + 1))
    return out


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
    person_words = {
        t.lower_
        for e in doc.ents
        if e.label_ == "PERSON" and len(e) > 1 and not _title_of_place(e, lex)
        for t in e
    }
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

    if cfg.frame_matches:
        for start, end in _framed_names(doc, lex, place_nouns, cfg.max_ngram, gaz):
            if not any(taken[start:end]) and not any(blocked[start:end]):
                claim(start, end, "literal")

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
                if not all(t.is_title or t.is_upper or t.lower_ in _CONNECTORS for t in span[:-1]) or not (
                    span[-1].is_title or span[-1].is_upper
                ):
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

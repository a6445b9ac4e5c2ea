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

from spacy.tokens import Doc, Token

from .gazetteer import Gazetteer
from .lexicon import Lexicon
from .normalize import name_key
from .resolve import Mention

__all__ = ["RecognizeConfig", "find_mentions", "recognize_doc"]


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


class _Tokens:
    """The token attributes recognition reads, taken from a doc once (spaCy builds a new ``Token``
    object on every ``doc[i]``) and the text of token ranges cut from the doc's text."""

    __slots__ = (
        "n",
        "text",
        "lower",
        "title",
        "upper",
        "alpha",
        "punct",
        "is_lower",
        "sent_start",
        "idx",
        "doc_text",
        "caps",
    )

    def __init__(self, doc: Doc) -> None:
        toks = list(doc)
        self.doc_text = "".join([t.text_with_ws for t in toks])  # doc.text, without a second pass
        self.n = len(toks)
        self.text = [t.text for t in toks]
        self.lower = [t.lower_ for t in toks]
        self.title = [t.is_title for t in toks]
        self.upper = [t.is_upper for t in toks]
        self.alpha = [t.is_alpha for t in toks]
        self.punct = [t.is_punct for t in toks]
        self.is_lower = [t.is_lower for t in toks]
        self.sent_start = [t.is_sent_start for t in toks]
        self.idx = [t.idx for t in toks]
        self.caps = [t[:1].isupper() for t in self.text]  # the word is written with a capital

    def span_text(self, start: int, end: int) -> str:
        """``doc[start:end].text``."""
        if end <= start:
            return ""
        return self.doc_text[self.idx[start] : self.idx[end - 1] + len(self.text[end - 1])]


def _title_of_place(start: int, end: int, toks: _Tokens, lex: Lexicon) -> bool:
    """A "person" whose name is framed as a place ("the village of Sheikh Meskin")."""
    before = toks.lower[max(0, start - 2) : start]
    after = toks.lower[end] if end < toks.n else ""
    place_nouns = lex.cues["place_nouns"]
    return (len(before) == 2 and before[1] == "of" and before[0].rstrip("s") in place_nouns) or (
        after in lex.cues["area_words"]
    )


def _trim(start: int, end: int, toks: _Tokens) -> tuple[int, int]:
    """Token bounds of an entity without a leading article or punctuation, or a trailing possessive."""
    paren = next((i for i in range(start, end) if toks.text[i] == "("), None)
    if paren is not None and paren > start:  # "Bambofa (Dori, Seno": the name before the parenthesis
        end = paren
    while start < end and (toks.lower[start] in ("the", "a", "an") or toks.punct[start]):
        start += 1
    while end > start and (
        toks.text[end - 1] in ("'s", "\u2019s", "'") or (toks.punct[end - 1] and toks.text[end - 1] != ".")
    ):
        end -= 1
    return start, end


def _looks_like_big_place(
    start: int, end: int, toks: _Tokens, gaz: Gazetteer, cfg: RecognizeConfig, person_words: set[str]
) -> bool:
    """A one-word PERSON/ORG entity that is the own name of a country or a large city ("Homs")."""
    if end - start != 1 or toks.lower[start] in person_words or not toks.title[start]:
        return False
    prev = start - 1
    if start > 0 and (
        toks.title[prev] and not toks.sent_start[prev] or toks.lower[prev].rstrip(".") in cfg.titles
    ):
        return False
    return any(
        c.primary
        and (
            c.level == "country" or (c.level in ("city", "admin1") and c.population >= cfg.relabel_population)
        )
        for c in gaz.lookup(toks.span_text(start, end))
    )


def _frame_word_before(start: int, toks: _Tokens, skip: frozenset[str]) -> str:
    """The word before an entity, skipping articles and direction adjectives ("in the northern X")."""
    i = start - 1
    while i >= 0 and i >= start - 3 and toks.lower[i] in skip:
        i -= 1
    return toks.lower[i] if i >= 0 else ""


def _in_place_frame(
    start: int,
    end: int,
    toks: _Tokens,
    gaz: Gazetteer,
    lex: Lexicon,
    place_nouns: set[str],
    person_words: set[str],
) -> bool:
    """A mislabelled entity framed as a place.

    Strong frames need no gazetteer entry: "the village of X", "X district" (a place noun or area word
    after it). A weak frame, a location preposition before it ("in X", "near the northern X"), needs the
    name in the gazetteer and no word of a person's name elsewhere in the document.
    """
    if not toks.title[start]:
        return False
    before = toks.lower[max(0, start - 2) : start]
    after = toks.lower[end] if end < toks.n else ""
    if len(before) == 2 and before[1] == "of" and before[0].rstrip("s") in place_nouns:
        return True
    if after.rstrip("s") in place_nouns and after not in ("area",) or after in lex.cues["area_words"]:
        return True
    if end - start > 1 and toks.upper[end - 1] and toks.lower[end - 1] in lex.cues["area_words"]:
        return True  # an area's abbreviation inside the entity: "Zurmi LGA"
    first, last = _trim(start, end, toks)
    if last > first and _qualified_by_area(toks, last, gaz, place_nouns, 4):
        return True
    if any(toks.lower[i] in person_words for i in range(start, end)):
        return False
    skip = frozenset(lex.cues["frame_skip_words"])
    prep = _frame_word_before(start, toks, skip)
    return prep in lex.cues["place_frame_prepositions"] and gaz.contains(toks.span_text(start, end))


_CONNECTORS = ("of", "al", "el", "de", "-", "ad", "as", "ash", "ar", "an", "at", "az", "bin", "ibn", "bani")


def _name_run(toks: _Tokens, start: int, max_len: int) -> int:
    """End of the capitalised name starting at ``start`` ("Rasm Al-Abed", "Dasht-e Archi"), or start."""
    end = start
    n = toks.n
    while end < n and end - start < max_len + 2:
        if toks.title[end] or (toks.upper[end] and len(toks.text[end]) > 1 and toks.alpha[end]):
            end += 1
        elif end > start and toks.lower[end] in _CONNECTORS and end + 1 < n and toks.caps[end + 1]:
            end += 1
        elif end > start and toks.text[end] == "-" and end + 1 < n and toks.alpha[end + 1]:
            end += 1  # "Dasht-e": a lower-case particle after a hyphen
        else:
            break
    while end > start and not toks.caps[end - 1]:
        end -= 1
    return end


_AREA_LEVELS = ("admin1", "admin2", "country")


def _qualified_by_area(toks: _Tokens, end: int, gaz: Gazetteer, place_nouns: set[str], max_len: int) -> bool:
    """An area named right after ``end``: "X, Gadabay", "X (Shabunda, Sud-Kivu)", "X village (Bari)".

    In parentheses any of up to three comma-separated names may be the known area; after a comma the
    name must close the phrase (a list "X, Y and Z" is not a qualifier).
    """
    n = toks.n
    if end < n and toks.lower[end].rstrip("s") in place_nouns and not toks.title[end]:
        end += 1
    if end + 1 >= n or toks.text[end] not in (",", "("):
        return False
    paren = toks.text[end] == "("
    pos = end + 1
    for _ in range(3 if paren else 1):
        name_end = _name_run(toks, pos, max_len)
        if name_end == pos:
            return False
        after = toks.text[name_end] if name_end < n else "."
        if not paren and after not in (".", ",", ")", ";", ":") and not toks.punct[name_end]:
            if after.lower() not in ("province", "district", "region", "state", "governorate", "county"):
                return False
        if not paren and after == "," and name_end + 1 < n and toks.caps[name_end + 1]:
            return False  # "X, Y, Z": a list
        if any(c.level in _AREA_LEVELS for c in gaz.lookup(toks.span_text(pos, name_end))):
            return True
        if after != "," or name_end + 1 >= n:
            return False
        pos = name_end + 1
    return False


def _framed_names(
    toks: _Tokens, lex: Lexicon, place_nouns: set[str], max_len: int, gaz: Gazetteer
) -> list[tuple[int, int]]:
    """Names in strong place frames, known to the gazetteer or not: "the village of Gakara",
    "Al-Fardous District" (the area word kept with the name), "Goyali, Gadabay", "Kipulu village
    (Shabunda, Sud-Kivu)"."""
    out = []
    n = toks.n
    caps, lower = toks.caps, toks.lower
    for i in range(1, n):
        if caps[i] and not caps[i - 1]:
            end = _name_run(toks, i, max_len)
            if end > i and end - i <= max_len and _qualified_by_area(toks, end, gaz, place_nouns, max_len):
                out.append((i, end))
    area = lex.cues["area_words"]
    for i in range(2, n):
        if lower[i - 1] == "of" and lower[i - 2].rstrip("s") in place_nouns:
            end = _name_run(toks, i, max_len)
            if end > i and not toks.sent_start[i]:
                out.append((i, _area_suffix(toks, end, lex)))
    nouns = lex.cues["place_noun_suffixes"]
    for i in range(n):
        if lower[i] in nouns and toks.is_lower[i] and i > 1 and caps[i - 1]:
            start = i - 1
            while start > 0 and i - start < max_len and _name_run(toks, start - 1, max_len) >= i:
                start -= 1
            if _name_run(toks, start, max_len) >= i and lower[start - 1] in ("the", "of", "in"):
                out.append((start, i + 1 if lower[i] in area else i))  # "the Zahraa district"
    for i in range(n):
        if lower[i] in area and caps[i] and i > 0:
            start = i - 1
            while start > 0 and i - start < max_len and _name_run(toks, start - 1, max_len) >= i:
                start -= 1
            if _name_run(toks, start, max_len) >= i and caps[start]:
                out.append((start, i + 1))
    return out


def _area_suffix(toks: _Tokens, end: int, lex: Lexicon) -> int:
    if end < toks.n and toks.lower[end] in lex.cues["area_words"]:
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
    return recognize_doc(doc, gaz, lex, config)[0]


def recognize_doc(
    doc: Doc, gaz: Gazetteer, lex: Lexicon, config: RecognizeConfig | None = None
) -> tuple[list[Mention], str]:
    """``find_mentions`` and ``doc.text``, read in the same pass over the tokens (spaCy builds a Token
    object per token each time ``doc.text`` is read)."""
    cfg = config or RecognizeConfig()
    toks = _Tokens(doc)
    n = toks.n
    taken = [False] * n
    found: list[tuple[int, int, str, str | None]] = []  # token start, end, role, demonym target

    def claim(start: int, end: int, role: str, target: str | None = None) -> None:
        if end <= start or any(taken[start:end]):
            return
        for t in range(start, end):
            taken[t] = True
        found.append((start, end, role, target))

    blocked = [False] * n
    ents = [(e.label_, e.start, e.end) for e in doc.ents]
    # Words of multi-word person names ("Michael Jordan") stay names everywhere in the document.
    person_words = {
        toks.lower[t]
        for label, start, end in ents
        if label == "PERSON" and end - start > 1 and not _title_of_place(start, end, toks, lex)
        for t in range(start, end)
    }
    place_nouns = set(lex.cues["place_nouns"])
    for label, ent_start, ent_end in ents:
        if label in cfg.relabel_labels and (
            _looks_like_big_place(ent_start, ent_end, toks, gaz, cfg, person_words)
            or _in_place_frame(ent_start, ent_end, toks, gaz, lex, place_nouns, person_words)
        ):
            start, end = _trim(ent_start, ent_end, toks)
            claim(start, _area_suffix(toks, end, lex), "literal")
        elif label in cfg.ent_labels:
            start, end = _trim(ent_start, ent_end, toks)
            if start >= end:
                continue
            name = toks.span_text(start, end)
            key = name_key(name)
            if key in lex.demonyms and not gaz.contains(name):
                claim(start, end, "demonym", lex.demonyms[key])
                continue
            end = _area_suffix(toks, end, lex)
            claim(start, end, "literal")
        elif label in cfg.blocking_labels:
            for t in range(ent_start, ent_end):
                blocked[t] = True

    # Demonyms: single or two-word adjectives, whatever the NER said about them.
    for i in range(n):
        if taken[i] or not toks.caps[i]:
            continue
        for size in (2, 1):
            if i + size > n:
                continue
            key = name_key(toks.span_text(i, i + size))
            if key in lex.demonyms:
                claim(i, i + size, "demonym", lex.demonyms[key])
                break

    if cfg.frame_matches:
        for start, end in _framed_names(toks, lex, place_nouns, cfg.max_ngram, gaz):
            if not any(taken[start:end]) and not any(blocked[start:end]):
                claim(start, end, "literal")

    if cfg.gazetteer_matches:
        preps = set(lex.cues["gazetteer_match_prepositions"])
        title, upper = toks.title, toks.upper
        i = 0
        while i < n:
            if (
                taken[i]
                or blocked[i]
                or not (title[i] or (upper[i] and len(toks.text[i]) > 1))
                or not toks.alpha[i]
            ):
                i += 1
                continue
            matched = 0
            for size in range(min(cfg.max_ngram, n - i), 0, -1):
                if any(taken[i : i + size]) or any(blocked[i : i + size]):
                    continue
                last = i + size - 1
                inner = all(title[t] or upper[t] or toks.lower[t] in _CONNECTORS for t in range(i, last))
                if not inner or not (title[last] or upper[last]):
                    continue
                name = toks.span_text(i, i + size)
                key = name_key(name)
                if key in lex.stoplist:
                    continue
                cands = gaz.lookup(name)
                if not cands:
                    continue
                nxt = i + size
                if nxt < n and title[nxt] and not toks.sent_start[nxt] and toks.alpha[nxt]:
                    break  # "Jordan Peterson": part of a longer name
                after_prep = i > 0 and toks.lower[i - 1] in preps
                big = any(
                    c.level in ("country", "admin1", "region", "continent")
                    or (c.level == "city" and c.population >= cfg.min_population)
                    for c in cands
                    if c.primary
                )
                if after_prep or (big and not toks.sent_start[i]):
                    claim(i, _area_suffix(toks, i + size, lex), "literal")
                    matched = size
                break
            i += max(matched, 1)

    mentions: list[Mention] = []
    for start, end, role, target in sorted(found):
        if role == "literal" and _is_metonymic(doc[start:end].root, lex, cfg):
            role = "metonymic"
        start_char, end_char = toks.idx[start], toks.idx[end - 1] + len(toks.text[end - 1])
        mentions.append(Mention(start_char, end_char, toks.doc_text[start_char:end_char], role, target))
    return mentions, toks.doc_text

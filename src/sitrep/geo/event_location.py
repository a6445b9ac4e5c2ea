"""Which toponym is where an event happened, chosen from the syntax around the event's trigger word.

Stages (each engages only when the previous finds nothing):

1. the toponyms of the trigger's sentence, metonymic and demonym uses excluded, scored by their
   dependency path to the trigger: inside the trigger's subtree, attached through a location
   preposition ("in", "near"...), or a relative phrase scores higher; a place under a verb of speaking
   that is not the trigger ("Speaking in Berlin, ... said Homs was shelled") scores lower; among places
   joined to each other ("the West Bank city of Nablus", "Qandala, Bari") the finest wins;
2. the toponyms of up to ``SENTENCES_BACK`` previous sentences (the dateline is the first of them);
3. the document's dominant place (its most mentioned resolved place).
"""

from __future__ import annotations

from collections import Counter

from spacy.tokens import Doc, Span, Token

from .lexicon import get_lexicon

__all__ = ["SENTENCES_BACK", "choose_event_location", "sentence_location"]

SENTENCES_BACK = 2
#: Score per step of feature level (country 1 ... city 4): finer places win close calls.
LEVEL_WEIGHT = 0.6
_LEVEL_RANK = {"continent": 0, "region": 1, "country": 1, "admin1": 2, "admin2": 3, "city": 4, "airport": 5}
_EXCLUDED_ROLES = ("metonymic", "demonym")


def _ancestors(token: Token) -> list[Token]:
    out = [token]
    while out[-1].head is not out[-1] and len(out) < 40:
        out.append(out[-1].head)
    return out


def _path(a: Token, b: Token) -> tuple[int, list[Token]]:
    """Dependency path length between two tokens, and the tokens on b's side up to the common ancestor."""
    up_a = _ancestors(a)
    up_b = _ancestors(b)
    index_a = {t.i: k for k, t in enumerate(up_a)}
    for k, t in enumerate(up_b):
        if t.i in index_a:
            return index_a[t.i] + k, up_b[: k + 1]
    return len(up_a) + len(up_b) + 5, up_b


def _score(span: Span, trigger: Token) -> float:
    lex = get_lexicon()
    preps = set(lex.cues["event_prepositions"])
    speech = set(lex.cues["speech_verbs"])
    root = span.root
    dist, up = _path(trigger, root)
    score = -float(dist)
    # The trigger's active subject or agent is an actor ("Eritrea captured Badme", "blamed by Washington").
    if root.head.i == trigger.i and root.dep_ in ("nsubj", "csubj"):
        score -= 6.0
    if root.dep_ == "pobj" and root.head.dep_ == "agent" and root.head.head.i == trigger.i:
        score -= 6.0
    subject = next((c for c in trigger.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if (
        subject is not None
        and subject.dep_ == "nsubj"
        and subject.left_edge.i <= root.i <= subject.right_edge.i
    ):
        score -= 2.0  # part of the description of the actor ("the UN envoy for Syria")
    if trigger in up or any(t.i == trigger.i for t in up):
        score += 3.0  # inside the trigger's subtree
    else:
        # A place under another verb of speaking is where it was said, not where it happened.
        if any(t.pos_ in ("VERB", "AUX") and t.lemma_.lower() in speech for t in up[1:]):
            score -= 3.0
    head = root.head
    if root.dep_ == "pobj" and head.lower_ in preps:
        score += 1.5
    elif root.dep_ in ("compound", "amod", "nmod") and head.pos_ in ("NOUN", "PROPN"):
        score += 0.5
    first = span[0].lower_
    if first in ("near", "between", "outside", "on", "roughly", "about", "some") or any(
        ch.isdigit() for ch in span.text[:6]
    ):
        score += 1.0
    place = span._.sitrep_place
    if place is not None:
        score += LEVEL_WEIGHT * _LEVEL_RANK.get(place.feature or "", 0)
    score -= 0.02 * abs(span.start - trigger.i)
    return score


def _usable(spans: list[Span]) -> list[Span]:
    return [s for s in spans if s._.sitrep_role not in _EXCLUDED_ROLES]


def sentence_location(sent_spans: list[Span], trigger: Token) -> Span | None:
    """The best toponym among ``sent_spans`` for the trigger's event (same sentence)."""
    spans = _usable(sent_spans)
    if not spans:
        return None
    return max(spans, key=lambda s: (_score(s, trigger), -s.start))


def choose_event_location(doc: Doc, trigger: Token) -> Span | None:
    """The toponym span naming where the trigger's event happened, or None."""
    toponyms = doc._.sitrep_toponyms or []
    if not toponyms:
        return None
    sent = trigger.sent
    in_sent = [s for s in toponyms if s.start >= sent.start and s.end <= sent.end]
    best = sentence_location(in_sent, trigger)
    if best is not None:
        return best
    sents = list(doc.sents)
    index = next((k for k, s in enumerate(sents) if s.start == sent.start), 0)
    for k in range(index - 1, max(-1, index - 1 - SENTENCES_BACK), -1):
        previous = _usable([s for s in toponyms if s.start >= sents[k].start and s.end <= sents[k].end])
        previous = [s for s in previous if s._.sitrep_place is not None]
        if previous:
            return max(previous, key=lambda s: (_LEVEL_RANK.get(s._.sitrep_place.feature or "", 0), -s.start))
    return dominant_place(doc)


def dominant_place(doc: Doc) -> Span | None:
    """The first mention of the document's most often named resolved place (finer places first)."""
    spans = [s for s in _usable(doc._.sitrep_toponyms or []) if s._.sitrep_place is not None]
    if not spans:
        return None
    counts = Counter((s._.sitrep_place.name, s._.sitrep_place.country) for s in spans)
    fine = [s for s in spans if (s._.sitrep_place.feature or "") in ("city", "admin2", "airport")]
    pool = fine or spans
    return max(pool, key=lambda s: (counts[(s._.sitrep_place.name, s._.sitrep_place.country)], -s.start))

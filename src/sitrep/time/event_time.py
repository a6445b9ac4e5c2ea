"""Which time expression belongs to an event trigger.

"The army said on Thursday that an IED killed four soldiers on Wednesday": the killing happened on
Wednesday; Thursday is the announcement's date. Ranking of the time expressions in the trigger's
sentence (best first):

0. attached under the trigger itself without crossing into another clause ("last month's bombing");
1. in the trigger's own clause;
2. in another clause of the sentence, not a reporting verb's ("said", "announced": ``data/event_time.json``);
3. attached to a reporting verb's clause (used only when nothing else is there).

Ties go to a written date (with a number) over a relative word ("overnight", "Tuesday"), then to the
one nearest in the dependency tree, then in the text. Without a parse, the nearest in the
text that does not follow a reporting verb. None when the sentence has no time expression (the caller
then uses the publication date).
"""

from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources
from typing import Any

from spacy.tokens import Doc, Span, Token

from ..nlp import extensions  # noqa: F401  (registers the Doc/Span extensions)
from ..records import TimeSpan

__all__ = ["choose_event_time", "clause_head", "event_timespan"]


@lru_cache(maxsize=1)
def _cues() -> dict[str, Any]:
    raw = json.loads(resources.files("sitrep.time").joinpath("data", "event_time.json").read_text("utf-8"))
    return {key: frozenset(value) for key, value in raw.items() if isinstance(value, list)}


def clause_head(token: Token) -> Token:
    """The verb heading the clause ``token`` is in (the token itself for a clausal verb)."""
    cues = _cues()
    current = token
    while True:
        if current.pos_ in cues["clause_pos"] and current.dep_ in cues["clause_deps"]:
            return current
        if current.head.i == current.i:
            return current
        current = current.head


def _ancestors(token: Token) -> list[Token]:
    chain = [token]
    while chain[-1].head.i != chain[-1].i and len(chain) < 200:
        chain.append(chain[-1].head)
    return chain


def _tree_distance(a: Token, b: Token) -> int:
    up_a = {t.i: n for n, t in enumerate(_ancestors(a))}
    for n, t in enumerate(_ancestors(b)):
        if t.i in up_a:
            return n + up_a[t.i]
    return 1000


def _under_trigger(timex_root: Token, trigger: Token) -> bool:
    """True when ``timex_root`` hangs below the trigger within the trigger's clause."""
    cues = _cues()
    for token in _ancestors(timex_root)[1:]:
        if token.i == trigger.i:
            return True
        if token.pos_ in cues["clause_pos"] and token.dep_ in cues["clause_deps"]:
            return False
    return False


def _gap(timex: Span, trigger: Token) -> int:
    return min(abs(timex.start - trigger.i), abs(timex.end - 1 - trigger.i))


def _after_reporting_word(timex: Span) -> bool:
    """Without a parse: "said on Monday", "announced Monday" date the announcement."""
    before = timex.doc[max(0, timex.start - 2) : timex.start]
    return any(t.lower_ in _cues()["reporting_forms"] for t in before)


def _rank(timex: Span, trigger: Token, trigger_clause: Token) -> tuple[int, int, int, int]:
    root = timex.root
    distance = _gap(timex, trigger)
    if _under_trigger(root, trigger):
        rank = 0
    else:
        own = clause_head(root)
        if own.i == trigger_clause.i:
            rank = 1
        elif own.lemma_.lower() in _cues()["reporting_lemmas"]:
            rank = 3
        else:
            rank = 2
    # "On 21 October 2020, overnight, jets struck ...": a written date beats a relative word of the same
    # rank, which only narrows it (and would otherwise be read from the publication date).
    relative = 0 if any(ch.isdigit() for ch in timex.text) else 1  # "two days ago" is relative
    return rank, relative, _tree_distance(root, trigger), distance


def choose_event_time(doc: Doc, trigger: Token) -> Span | None:
    """The time expression (from ``doc._.sitrep_timexes``) that dates the event ``trigger`` names."""
    timexes = doc._.sitrep_timexes or []
    if doc.has_annotation("SENT_START") or doc.has_annotation("DEP"):
        sent = trigger.sent
        lo, hi = sent.start, sent.end
    else:
        lo, hi = 0, len(doc)
    candidates = [t for t in timexes if lo <= t.start and t.end <= hi]
    if not candidates:
        return None
    if not doc.has_annotation("DEP"):
        return min(candidates, key=lambda t: (_after_reporting_word(t), _gap(t, trigger), t.start))
    trigger_clause = clause_head(trigger)
    return min(candidates, key=lambda t: (*_rank(t, trigger, trigger_clause), t.start))


def event_timespan(doc: Doc, trigger: Token) -> TimeSpan | None:
    """The event's ``TimeSpan``: from its time expression, else the publication date with basis
    "reported" (precision day), else None when the article has no publication date either."""
    chosen = choose_event_time(doc, trigger)
    if chosen is not None and chosen._.sitrep_timespan is not None:
        return chosen._.sitrep_timespan
    published = getattr(doc._.sitrep_article, "published", None)
    if published is None:
        return None
    return TimeSpan(published, published, "day", text=None, basis="reported")

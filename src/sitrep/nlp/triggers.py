"""Find event triggers in a sentence from the trigger lexicon (``data/triggers.json``).

A trigger is one to three consecutive tokens whose lemmas match a lexicon entry; it carries the
sub-event types it hints at. Context-dependent triggers ("move" needs fighters or troops nearby) and
metaphors ("fight against corruption") are filtered with data from the same file.
"""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

from spacy.tokens import Span, Token

__all__ = ["Trigger", "TriggerLexicon"]

DATA_PATH = Path(__file__).parent / "data" / "triggers.json"
MAX_WORDS = 4


@dataclass(frozen=True)
class Trigger:
    """Tokens [start, end) of the doc that name an event, and the sub-event types they hint at."""

    start: int
    end: int
    hints: tuple[str, ...]
    head: Token

    @property
    def text(self) -> str:
        return self.head.doc[self.start : self.end].text


@dataclass(frozen=True)
class TriggerLexicon:
    phrases: dict[str, tuple[str, ...]]
    context: dict[str, frozenset[str]]
    metaphor_objects: frozenset[str]
    verb_only: frozenset[str] = frozenset()
    non_events: frozenset[str] = frozenset()
    metaphor_subjects: frozenset[str] = frozenset()

    @property
    def first_words(self) -> frozenset[str]:
        """First words of every phrase: only windows starting with one can match."""
        cached = self.__dict__.get("_first_words")
        if cached is None:
            cached = frozenset(key.split()[0] for key in (*self.phrases, *self.non_events))
            object.__setattr__(self, "_first_words", cached)
        return cached

    @classmethod
    def load(cls, path: Path = DATA_PATH) -> TriggerLexicon:
        data = json.loads(path.read_text(encoding="utf-8"))
        phrases: dict[str, list[str]] = defaultdict(list)
        for sub_type, entries in data["triggers"].items():
            for entry in entries:
                key = " ".join(entry.lower().split())
                if sub_type not in phrases[key]:
                    phrases[key].append(sub_type)
        context = {k: frozenset(v) for k, v in data.get("requires_context", {}).items()}
        return cls(
            phrases={k: tuple(v) for k, v in phrases.items()},
            context=context,
            metaphor_objects=frozenset(data.get("metaphor_objects", ())),
            verb_only=frozenset(data.get("verb_only", ())),
            non_events=frozenset(" ".join(p.lower().split()) for p in data.get("non_events", ())),
            metaphor_subjects=frozenset(data.get("metaphor_subjects", ())),
        )

    def find(self, sent: Span) -> list[Trigger]:
        """Triggers in the sentence, longest match first, no overlaps, in text order."""
        tokens = list(sent)
        lemmas = [_norm(t) for t in tokens]
        lowers = [t.lower_ for t in tokens]
        starts = [
            i for i in range(len(tokens)) if lemmas[i] in self.first_words or lowers[i] in self.first_words
        ]
        if not starts:
            return []
        sentence_lemmas = set(lemmas) | set(lowers)
        found: list[Trigger] = []
        taken: set[int] = set()
        for size in range(MAX_WORDS, 0, -1):
            for i in starts:
                if i + size > len(tokens) or not taken.isdisjoint(range(i, i + size)):
                    continue
                key = " ".join(lemmas[i : i + size])
                lower_key = " ".join(lowers[i : i + size])
                if key in self.non_events or lower_key in self.non_events:
                    taken.update(range(i, i + size))  # "heart attack": no trigger inside it
                    continue
                hints = self.phrases.get(key) or self.phrases.get(lower_key)
                if not hints:
                    continue
                window = tokens[i : i + size]
                head = _phrase_head(window)
                if size == 1 and not self._context_ok(key, sentence_lemmas, head):
                    continue
                if self._metaphorical(head):
                    continue
                found.append(Trigger(window[0].i, window[-1].i + 1, hints, head))
                taken.update(range(i, i + size))
        return sorted(found, key=lambda t: t.start)

    def _context_ok(self, key: str, sentence_lemmas: set[str], head: Token) -> bool:
        if head.pos_ not in ("NOUN", "VERB", "PROPN", "ADJ", "X"):
            return False
        if key in self.verb_only and head.pos_ != "VERB":
            return False
        needed = self.context.get(key)
        return needed is None or bool(needed & sentence_lemmas)

    def _metaphorical(self, head: Token) -> bool:
        children = list(head.children)
        if head.pos_ == "VERB" and not any(c.dep_ in ("dobj", "nsubjpass") for c in children):
            subjects = [c for c in children if c.dep_ == "nsubj"]
            if any(_norm(c) in self.metaphor_subjects for c in subjects):
                return True  # "oil prices shot up", "the film bombed"
        for child in children:
            if child.dep_ == "nsubjpass" and _norm(child) in self.metaphor_objects:
                return True  # "the bill was killed"
            if child.dep_ in ("dobj", "pobj", "prep"):
                objects = [child] if child.dep_ != "prep" else [c for c in child.children if c.dep_ == "pobj"]
                if any(_norm(o) in self.metaphor_objects for o in objects):
                    return True
        return False


def _norm(token: Token) -> str:
    return token.lemma_.lower() if token.lemma_ else token.lower_


def _phrase_head(window: list[Token]) -> Token:
    """The token of the window whose head lies outside it (the syntactic head of the phrase)."""
    ids = {t.i for t in window}
    for token in window:
        if token.head.i not in ids or token.head is token:
            return token
    return window[-1]

"""Stage 5 of actor choice: a trained model that may overrule the rules' actor types.

The rules (stages 1-4 in :mod:`.participants`) pick actor1 and actor2 from the sentence and ACLED's
conventions for the event type. When the event type is wrong, or the sentence names nobody, those
conventions mislead ("a sniper killed a soldier" typed as an attack on civilians). A logistic regression
trained on ACLED notes (``scripts/train_actor_types.py``) reads the sentence's words together with what
the rules chose and gives a probability for each ACLED actor type (and, for actor2, for no actor2).
The model's answer replaces the rules' only when it beats the rules' type by ``margin`` (tuned on a
validation split of the training notes and stored with the model); the replacement is a mention of that
type in the sentence, else the generic actor of that type ("Unidentified Armed Group (Mali)").
A model trained with ``--country`` also reads the event's country (``country_features`` in the artifact).

No artifact (``data/actor_types.joblib``), no stage 5: the rules' answer stands.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np

from ...records import Actor
from .resolver import ActorResolver

__all__ = ["ARTIFACT_PATH", "Recorder", "TypeArbiter", "disabled", "features", "get_arbiter", "recording"]

ARTIFACT_PATH = Path(__file__).resolve().parent / "data" / "actor_types.joblib"
NO_ACTOR = "None"
#: Actor type -> the generic kind (in ``actors_aliases.json``) that stands for an unnamed actor of that type.
GENERIC_KIND = {
    "State forces": "military",
    "Rebel group": "rebels",
    "Political militia": "armed",
    "Identity militia": "identity_militia",
    "Rioters": "rioters",
    "Protesters": "protesters",
    "Civilians": "civilians",
}
_KIND_TEXT = {
    "military": "soldiers",
    "rebels": "rebels",
    "armed": "gunmen",
    "identity_militia": "communal militia",
    "rioters": "rioters",
    "protesters": "protesters",
    "civilians": "civilians",
}
_WORD = re.compile(r"[a-z][a-z'-]+")
_enabled = True
_recorder: Recorder | None = None


def _slug(value: str | None) -> str:
    return re.sub(r"[^a-z]+", "", (value or "none").lower())


def _source(actor: Actor | None, resolver: ActorResolver, country: str | None) -> str:
    """How the rules found an actor: "named", its generic kind, "fallback" (no text) or "none"."""
    if actor is None:
        return "none"
    if actor.text is None:
        return "fallback"
    found = resolver.resolve_entry(actor.text, country=country)
    if found is None:
        return "other"
    return "named" if found[1].generic is None else _slug(found[1].generic)


def features(
    sentence: str,
    event_type: str,
    sub_event_type: str,
    actor1: Actor | None,
    actor2: Actor | None,
    source1: str,
    source2: str,
    country: str | None = None,
) -> str:
    """The model's input: the sentence's lower-case words, then what the rules decided as marker tokens.

    ``country`` (ISO2, the one the pipeline resolved for the event) adds the country alone, with the event
    type and with the event type and the rules' pair of types: coders of one country put the state first
    in battles, those of another the rebels. A country the model never saw adds only unknown tokens, which
    the vectorizer drops."""
    words = " ".join(_WORD.findall(sentence.lower()))
    pair = f"{_slug(actor1.type if actor1 else None)}x{_slug(actor2.type if actor2 else None)}"
    marks = [
        f"xev{_slug(event_type)}",
        f"xsub{_slug(sub_event_type)}",
        f"xaone{_slug(actor1.type if actor1 else None)}",
        f"xatwo{_slug(actor2.type if actor2 else None)}",
        f"xsrcone{source1}",
        f"xsrctwo{source2}",
        f"xpair{pair}",
    ]
    if country:
        code = _slug(country)
        marks += [f"xcc{code}", f"xcc{code}ev{_slug(event_type)}", f"xcc{code}ev{_slug(event_type)}p{pair}"]
    return words + " " + " ".join(marks)


class TypeArbiter:
    """Overrules the rules' actor types when the trained model is clearly surer."""

    def __init__(self, artifact: dict[str, Any]) -> None:
        self.vectorizer = artifact["vectorizer"]
        self.models = {"actor1": artifact["actor1"], "actor2": artifact["actor2"]}
        self.margin = {"actor1": float(artifact["margin1"]), "actor2": float(artifact["margin2"])}
        #: Whether the model was trained with the event's country among its features (``--country``).
        self.country_features = bool(artifact.get("country_features", False))
        # One text at a time, scikit-learn's input checks cost more than the model: the TF-IDF vector
        # and the softmax are computed here directly from the fitted parameters (same numbers).
        self._analyze = self.vectorizer.build_analyzer()
        self._vocabulary: dict[str, int] = self.vectorizer.vocabulary_
        self._idf = np.asarray(self.vectorizer.idf_, dtype=np.float64)
        self._last: tuple[str, tuple[np.ndarray, np.ndarray]] | None = None

    def _vector(self, text: str) -> tuple[np.ndarray, np.ndarray]:
        """(column indices, values) of the text's TF-IDF row: sublinear counts times idf, unit length."""
        if self._last is not None and self._last[0] == text:
            return self._last[1]
        counts: dict[int, int] = {}
        for term in self._analyze(text):
            column = self._vocabulary.get(term)
            if column is not None:
                counts[column] = counts.get(column, 0) + 1
        columns = np.fromiter(counts, dtype=np.int64, count=len(counts))
        values = (1.0 + np.log(np.fromiter(counts.values(), dtype=np.float64, count=len(counts)))) * (
            self._idf[columns]
        )
        norm = float(np.sqrt((values**2).sum()))
        row = (columns, values / norm if norm else values)
        self._last = (text, row)
        return row

    def _proba(self, model: Any, text: str) -> np.ndarray:
        columns, values = self._vector(text)
        scores = model.coef_[:, columns] @ values + model.intercept_
        if len(model.classes_) == 2:  # binary: one score, the second class's log-odds
            high = 1.0 / (1.0 + np.exp(-scores[0]))
            return np.array([1.0 - high, high])
        scores = np.exp(scores - scores.max())
        return scores / scores.sum()

    def decide(self, role: str, text: str, current: str | None) -> str | None:
        """The type (or ``NO_ACTOR``) the model puts in place of ``current``, or None to keep it."""
        margin = self.margin[role]
        if margin >= 1.0:
            return None
        model = self.models[role]
        probs = self._proba(model, text)
        classes = list(model.classes_)
        best = str(classes[int(probs.argmax())])
        now = current or NO_ACTOR
        p_now = probs[classes.index(now)] if now in classes else 0.0
        if best != now and probs.max() - p_now >= margin:
            return best
        return None

    def arbitrate(
        self,
        sentence: str,
        event_type: str,
        sub_event_type: str,
        actors: tuple[Actor | None, Actor | None],
        candidates: list[Actor],
        country: str | None,
        resolver: ActorResolver,
    ) -> tuple[Actor | None, Actor | None]:
        """(actor1, actor2) after the model's say; ``candidates`` are the sentence's actor mentions."""
        actor1, actor2 = actors
        text = features(
            sentence,
            event_type,
            sub_event_type,
            actor1,
            actor2,
            _source(actor1, resolver, country),
            _source(actor2, resolver, country),
            country if self.country_features else None,
        )
        out = [actor1, actor2]
        for index, role in enumerate(("actor1", "actor2")):
            kind = self.decide(role, text, out[index].type if out[index] else None)
            if kind is None or (kind == NO_ACTOR and role == "actor1"):
                continue
            other = out[1 - index]
            out[index] = (
                None
                if kind == NO_ACTOR
                else _replacement(kind, out[index], other, candidates, country, resolver)
            )
        return out[0], out[1]


def _replacement(
    kind: str,
    current: Actor | None,
    other: Actor | None,
    candidates: list[Actor],
    country: str | None,
    resolver: ActorResolver,
) -> Actor | None:
    for actor in candidates:
        if actor.type == kind and (other is None or actor.name != other.name):
            return actor
    if kind == "External/Other forces":
        if current is not None and current.type == "State forces":
            return Actor(current.name, kind, current.country, current.text, current.start, current.end)
        return current
    generic = GENERIC_KIND.get(kind)
    found = resolver.resolve(_KIND_TEXT[generic], country=country) if generic else None
    if found is None or (other is not None and found.name == other.name and found.type == other.type):
        return current
    return Actor(found.name, found.type, found.country, None, None, None)


class Recorder:
    """Stands in for the arbiter while its training examples are built: keeps what the model would read at
    that moment of the pipeline (the event type before ``retype`` re-reads it from the parties, the rules'
    actors, the country ``find_participants`` resolved) and leaves the rules' answer."""

    def __init__(self) -> None:
        self.calls: list[dict[str, Any]] = []

    def arbitrate(
        self,
        sentence: str,
        event_type: str,
        sub_event_type: str,
        actors: tuple[Actor | None, Actor | None],
        candidates: list[Actor],
        country: str | None,
        resolver: ActorResolver,
    ) -> tuple[Actor | None, Actor | None]:
        """Keeps the input (as :meth:`TypeArbiter.arbitrate` takes it) and returns the rules' actors."""
        actor1, actor2 = actors
        self.calls.append(
            {
                "sentence": sentence,
                "event_type": event_type,
                "sub_event_type": sub_event_type,
                "actor1": actor1,
                "actor2": actor2,
                "type1": actor1.type if actor1 else None,
                "type2": actor2.type if actor2 else NO_ACTOR,
                "source1": _source(actor1, resolver, country),
                "source2": _source(actor2, resolver, country),
                "iso2": country,
            }
        )
        return actor1, actor2


@contextmanager
def recording() -> Iterator[Recorder]:
    """Within this block the rules' answer stands and every call's input is kept on the yielded
    :class:`Recorder` (``scripts/train_actor_types.py`` builds its examples from them)."""
    global _recorder
    before, _recorder = _recorder, Recorder()
    try:
        yield _recorder
    finally:
        _recorder = before


@contextmanager
def disabled() -> Iterator[None]:
    """Within this block the rules' answer stands (used to build the model's training data)."""
    global _enabled
    before, _enabled = _enabled, False
    try:
        yield
    finally:
        _enabled = before


def get_arbiter() -> TypeArbiter | Recorder | None:
    """The packaged arbiter, or None when there is no artifact or it is disabled; the recorder while
    :func:`recording`."""
    if _recorder is not None:
        return _recorder
    return _load(ARTIFACT_PATH) if _enabled else None


@lru_cache(maxsize=2)
def _load(path: Path) -> TypeArbiter | None:
    if not path.exists():
        return None
    import joblib

    return TypeArbiter(joblib.load(path))

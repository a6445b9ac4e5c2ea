"""Which toponyms name where an event happened, chosen from the syntax around the event's trigger word.

Stages (each engages only when the previous finds nothing):

1. the candidate places of the trigger's sentence (its toponyms, other named entities and proper nouns:
   :mod:`sitrep.geo.event_candidates`), each scored by gradient-boosted trees over features of its
   attachment to the trigger (:mod:`sitrep.geo.event_features`; :class:`TreeScorer`, whose arrays are in
   ``data/event_location_model.trees.joblib`` and thresholds and learned word lists in
   ``data/event_location_model.json``, both written by :mod:`sitrep.geo.train_event_location`; the
   hand-made word lists are in ``data/event_location_model.cues.json``). The best candidate is the
   event's place when its probability reaches the model's ``threshold``; candidates coordinated with a
   chosen one ("in Moscow and St. Petersburg") come along when they reach ``conj_threshold``, and so does
   any that reaches the higher ``extra_threshold``; when none reaches the threshold, the sentence names
   no place where the event happened ("no location");
2. the toponyms of up to ``SENTENCES_BACK`` previous sentences (the dateline is the first of them);
3. the document's dominant place (its most mentioned resolved place).

:func:`choose_event_locations` is stage 1 alone (every chosen span); :func:`choose_event_location` runs
the stages for the event pipeline, which needs a resolved place (a recognised toponym).
"""

from __future__ import annotations

import json
import math
import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from spacy.tokens import Doc, Span, Token

from ..records import Place
from .event_candidates import Boundaries, Candidate, coordinated, find_candidates
from .event_features import FeatureCues, pair_features
from .gazetteer import Gazetteer, get_gazetteer
from .resolve import replace_point

__all__ = [
    "SENTENCES_BACK",
    "LocationModel",
    "TreeScorer",
    "choose_event_location",
    "choose_event_locations",
    "EXCLUDING_FEATURES",
    "dominant_place",
    "event_point",
    "excluded",
    "get_location_model",
    "read_cues",
    "score_candidates",
    "select",
]

SENTENCES_BACK = 2
_LEVEL_RANK = {"continent": 0, "region": 1, "country": 1, "admin1": 2, "admin2": 3, "city": 4, "airport": 5}
_EXCLUDED_ROLES = ("metonymic", "demonym", "unresolved")
_DATA = resources.files("sitrep.geo") / "data"


class TreeScorer:
    """Gradient-boosted trees over binary features (the columns, by name): the candidate's probability of
    naming the event's place. Trees learn what a linear model cannot: that a feature counts only with
    another ("in" attached to the trigger, before it, with no rival place).

    The trees are plain arrays (:meth:`export`), walked with numpy for all rows and trees at once: no
    scikit-learn at run time, and no thread pool, whose start-up cost dwarfs a sentence's few candidates.
    """

    def __init__(self, columns: list[str], trees: dict) -> None:
        import numpy as np

        self.columns = list(columns)
        self.index = {name: n for n, name in enumerate(self.columns)}
        self.baseline = float(trees["baseline"])
        self.roots = np.asarray(trees["roots"], dtype=np.int64)
        self.feature = np.asarray(trees["feature"], dtype=np.int64)
        self.threshold = np.asarray(trees["threshold"], dtype=np.float64)
        self.left = np.asarray(trees["left"], dtype=np.int64)
        self.right = np.asarray(trees["right"], dtype=np.int64)
        self.is_leaf = np.asarray(trees["is_leaf"], dtype=bool)
        self.value = np.asarray(trees["value"], dtype=np.float64)

    @staticmethod
    def export(model) -> dict:
        """A fitted binary ``HistGradientBoostingClassifier`` as arrays: every tree's nodes one after
        another, child indices made global, and the trees' root indices."""
        import numpy as np

        parts, roots, offset = [], [], 0
        for (tree,) in model._predictors:  # one tree per boosting round (binary: one class column)
            nodes = tree.nodes
            roots.append(offset)
            parts.append((nodes, offset))
            offset += len(nodes)
        cat = lambda name, shift=False: np.concatenate(  # noqa: E731
            [n[name] + (o if shift else 0) for n, o in parts]
        )
        return {
            "baseline": float(np.ravel(model._baseline_prediction)[0]),
            "roots": np.asarray(roots),
            "feature": cat("feature_idx").astype(np.int32),
            "threshold": cat("num_threshold").astype(np.float32),
            "left": cat("left", True).astype(np.int32),
            "right": cat("right", True).astype(np.int32),
            "is_leaf": cat("is_leaf").astype(bool),
            "value": cat("value").astype(np.float32),
        }

    @staticmethod
    def export_lightgbm(booster) -> dict:
        """A binary LightGBM booster as the same arrays (its splits are ``value <= threshold`` go left;
        the base score is folded into the first tree's leaves, so the baseline is 0)."""
        import numpy as np

        feature, threshold, left, right, is_leaf, value, roots = [], [], [], [], [], [], []

        def add(node: dict) -> int:
            k = len(feature)
            for column in (feature, threshold, left, right, is_leaf, value):
                column.append(0)
            if "leaf_value" in node or "split_feature" not in node:
                is_leaf[k], value[k] = True, float(node.get("leaf_value", 0.0))
                return k
            if node.get("decision_type", "<=") != "<=":
                raise ValueError(f"unsupported split {node.get('decision_type')!r}")
            feature[k], threshold[k] = int(node["split_feature"]), float(node["threshold"])
            left[k] = add(node["left_child"])
            right[k] = add(node["right_child"])
            return k

        for tree in booster.dump_model()["tree_info"]:
            roots.append(add(tree["tree_structure"]))
        return {
            "baseline": 0.0,
            "roots": np.asarray(roots),
            "feature": np.asarray(feature, dtype=np.int32),
            "threshold": np.asarray(threshold, dtype=np.float32),
            "left": np.asarray(left, dtype=np.int32),
            "right": np.asarray(right, dtype=np.int32),
            "is_leaf": np.asarray(is_leaf, dtype=bool),
            "value": np.asarray(value, dtype=np.float32),
        }

    def matrix(self, rows: list[list[str]]):
        import numpy as np

        x = np.zeros((len(rows), len(self.columns)), dtype=np.float32)
        for r, feats in enumerate(rows):
            for f in feats:
                col = self.index.get(f)
                if col is not None:
                    x[r, col] = 1.0
        return x

    def probabilities(self, rows: list[list[str]]) -> list[float]:
        import numpy as np

        if not rows:
            return []
        x = self.matrix(rows)
        n_rows, n_trees = len(rows), len(self.roots)
        # Every (row, tree) walks down at once; only the walks not yet at a leaf are stepped (trees
        # differ in depth, from a few levels to about thirty).
        node = np.tile(self.roots, n_rows)
        row = np.repeat(np.arange(n_rows), n_trees)
        walking = np.flatnonzero(~self.is_leaf[node])
        while walking.size:
            at = node[walking]
            go_left = x[row[walking], self.feature[at]] <= self.threshold[at]
            node[walking] = at = np.where(go_left, self.left[at], self.right[at])
            walking = walking[~self.is_leaf[at]]
        raw = self.baseline + self.value[node].reshape(n_rows, n_trees).sum(axis=1)
        return [float(p) for p in 1.0 / (1.0 + np.exp(-raw))]


@dataclass(frozen=True, eq=False)
class LocationModel:
    """The candidate scorer (trees, else logistic weights over feature names), the decision thresholds
    and the word lists the features rely on."""

    weights: dict[str, float]
    intercept: float
    threshold: float
    extra_threshold: float
    conj_threshold: float
    #: the event pipeline's threshold: an event report nearly always names its place in its sentence
    pipeline_threshold: float
    entity_labels: frozenset[str]
    bounds: Boundaries
    cues: FeatureCues
    trees: TreeScorer | None = None

    def probabilities(self, rows: list[list[str]]) -> list[float]:
        if self.trees is not None:
            return self.trees.probabilities(rows)
        out = []
        for features in rows:
            z = self.intercept + sum(self.weights.get(f, 0.0) for f in features)
            out.append(1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z)))))
        return out


def read_cues() -> tuple[frozenset[str], FeatureCues]:
    """The hand-made word lists: (entity labels that may name a place, feature cues)."""
    data = json.loads((_DATA / "event_location_model.cues.json").read_text(encoding="utf-8"))
    cues = FeatureCues(speech_verbs=frozenset(data["speech_verbs"]), area_words=frozenset(data["area_words"]))
    return frozenset(data["entity_labels"]), cues


@lru_cache(maxsize=1)
def get_location_model() -> LocationModel:
    data = json.loads((_DATA / "event_location_model.json").read_text(encoding="utf-8"))
    labels_data = json.loads((_DATA / "event_location_model.cues.json").read_text(encoding="utf-8"))
    labels, cues = read_cues()
    trees = None
    if data.get("trees"):
        import joblib

        stored = joblib.load(str(_DATA / data["trees"]))
        trees = TreeScorer(stored["columns"], stored["trees"])
    return LocationModel(
        weights=data["weights"],
        intercept=float(data["intercept"]),
        threshold=float(data["threshold"]),
        extra_threshold=float(data["extra_threshold"]),
        conj_threshold=float(data["conj_threshold"]),
        pipeline_threshold=float(labels_data["pipeline_threshold"]),
        entity_labels=labels,
        bounds=Boundaries(frozenset(data["drop_last"]), frozenset(data["take_next"])),
        cues=FeatureCues(cues.speech_verbs, cues.area_words, frozenset(data["context_words"])),
        trees=trees,
    )


#: A place named in the clause of a speech verb other than the trigger is where someone spoke
#: ("Speaking in Berlin, the minister said Homs was shelled"), never the event's place.
EXCLUDING_FEATURES = ("own_verb=speech",)


def excluded(features: list[str]) -> bool:
    """The candidate can never be the event's place (see ``EXCLUDING_FEATURES``)."""
    return any(f in features for f in EXCLUDING_FEATURES)


def score_candidates(
    doc: Doc, trigger: Token, model: LocationModel | None = None, gazetteer: Gazetteer | None = None
) -> list[tuple[float, Candidate, list[str]]]:
    """(probability, candidate, features) of every candidate place of the trigger's sentence, best first.

    ``gazetteer`` defaults to sitrep's (:func:`~sitrep.geo.gazetteer.get_gazetteer`).
    """
    model = model or get_location_model()
    gazetteer = gazetteer or get_gazetteer()
    cands = find_candidates(doc, trigger.sent, model.entity_labels, model.bounds, gazetteer=gazetteer)
    rows = [pair_features(cand, trigger, [o for o in cands if o is not cand], model.cues) for cand in cands]
    probs = model.probabilities(rows)
    out = [(0.0 if excluded(f) else p, cand, f) for p, cand, f in zip(probs, cands, rows, strict=True)]
    out.sort(key=lambda x: (-x[0], x[1].span.start))
    return out


def _sentence_spans(doc: Doc, sent: Span) -> list[Span]:
    return [s for s in doc._.sitrep_toponyms or [] if s.start >= sent.start and s.end <= sent.end]


def select(
    probs: list[float], links: list[set[int]], threshold: float, extra: float, conj: float
) -> list[int]:
    """Indices of the chosen candidates: the most probable one when it reaches ``threshold``, those
    coordinated with a chosen one that reach ``conj``, and any that reaches ``extra``."""
    if not probs:
        return []
    best = max(range(len(probs)), key=lambda k: (probs[k], -k))
    if probs[best] < threshold:
        return []
    chosen = {best} | {k for k, p in enumerate(probs) if p >= extra}
    frontier = list(chosen)
    while frontier:
        k = frontier.pop()
        for other in links[k]:
            if other not in chosen and probs[other] >= conj:
                chosen.add(other)
                frontier.append(other)
    return sorted(chosen)


def choose_event_locations(
    doc: Doc, trigger: Token, model: LocationModel | None = None, gazetteer: Gazetteer | None = None
) -> list[Span]:
    """Every span of the trigger's sentence naming where its event happened (stage 1), in text order.

    The spans may be toponyms or other names the recogniser left out (a village tagged PERSON); see
    :func:`choose_event_location` for the event pipeline's resolved place.
    """
    model = model or get_location_model()
    scored = score_candidates(doc, trigger, model, gazetteer)
    cands = [c for _, c, _ in scored]
    picked = select(
        [p for p, _, _ in scored],
        coordinated(cands),
        model.threshold,
        model.extra_threshold,
        model.conj_threshold,
    )
    return sorted((cands[k].span for k in picked), key=lambda s: s.start)


def choose_event_location(doc: Doc, trigger: Token) -> Span | None:
    """The toponym span naming where the trigger's event happened, or None (all stages).

    The event pipeline needs a resolved place: of the sentence's resolved toponyms that reach the
    ``pipeline_threshold`` (data, 0: an event report nearly always names its place, and on ACLED
    notes the finest place does best), the finest is taken, the most probable first among equals;
    demonyms, metonymic uses and places of speech clauses are never the event's place here.
    """
    toponyms = doc._.sitrep_toponyms or []
    if not toponyms:
        return None
    model = get_location_model()
    scored = score_candidates(doc, trigger, model)
    # An event's place is never a demonym or a metonymic use ("Saudi-led air raids", "Washington said").
    # Only the recogniser's toponyms compete here (a name it left out has no place to give).
    scored = [
        x
        for x in scored
        if x[1].toponym is not None
        and x[1].toponym._.sitrep_role not in _EXCLUDED_ROLES
        and not excluded(x[2])
    ]
    if scored and scored[0][0] >= model.pipeline_threshold:
        # Of the resolved toponyms that reach the threshold, the finest ("Al Hali district in Hodeidah").
        above = [
            c.toponym for p, c, _ in scored if p >= model.pipeline_threshold and c.toponym._.sitrep_place
        ]
        if above:
            # Among equally fine places, not the one said to contain another ("Avasin (Mergasur)
            # region of Erbil": the event is in Avasin, which lies in Erbil).
            holders = _containers(doc, above, model.cues.area_words)
            return max(
                above,
                key=lambda s: (_LEVEL_RANK.get(s._.sitrep_place.feature or "", 0), s.start not in holders),
            )
        resolved = [c.toponym for _, c, _ in scored if c.toponym._.sitrep_place]
        if resolved:
            return resolved[0]
    sents = list(doc.sents)
    sent = trigger.sent
    index = next((k for k, s in enumerate(sents) if s.start == sent.start), 0)
    for k in range(index - 1, max(-1, index - 1 - SENTENCES_BACK), -1):
        previous = [
            s
            for s in _sentence_spans(doc, sents[k])
            if s._.sitrep_place is not None and s._.sitrep_role not in _EXCLUDED_ROLES
        ]
        if previous:
            return max(previous, key=lambda s: (_LEVEL_RANK.get(s._.sitrep_place.feature or "", 0), -s.start))
    return dominant_place(doc)


@lru_cache(maxsize=4)
def _container_gap(area_words: frozenset[str]) -> re.Pattern[str]:
    """What lies between a place and the place containing it: an optional "(alternate name)", an
    optional area word, then "of" or "in" (compiled once per word list, not once per event)."""
    words = "|".join(sorted(re.escape(w) for w in area_words))
    return re.compile(rf"\s*(?:\([^()]{{1,40}}\)\s*)?(?:(?:{words})s?\s+)?(?:of|in)\s+(?:the\s+)?", re.I)


def _containers(doc: Doc, spans: list[Span], area_words: frozenset[str]) -> set[int]:
    """Start tokens of the spans said to contain another of them: the second of "A region of B",
    "A (alternate name) area in B", "A in B"."""
    gap = _container_gap(area_words)
    ordered = sorted(spans, key=lambda s: s.start_char)
    out = set()
    for a, b in zip(ordered, ordered[1:], strict=False):
        if b.start_char > a.end_char:
            # The text between them, from its tokens: Doc.text joins the whole document on each access.
            between = doc[a.end - 1].whitespace_ + "".join(t.text_with_ws for t in doc[a.end : b.start])
            if gap.fullmatch(between):
                out.add(b.start)
    return out


def dominant_place(doc: Doc) -> Span | None:
    """The first mention of the document's most often named resolved place (finer places first)."""
    spans = [
        s
        for s in doc._.sitrep_toponyms or []
        if s._.sitrep_place is not None and s._.sitrep_role not in _EXCLUDED_ROLES
    ]
    if not spans:
        return None
    counts = Counter((s._.sitrep_place.name, s._.sitrep_place.country) for s in spans)
    fine = [s for s in spans if (s._.sitrep_place.feature or "") in ("city", "admin2", "airport")]
    pool = fine or spans
    return max(pool, key=lambda s: (counts[(s._.sitrep_place.name, s._.sitrep_place.country)], -s.start))


def event_point(place: Place, gaz: Gazetteer) -> Place:
    """The place as an event record gives it. ACLED codes an event known only to its province at the
    province's main town (precision 3 kept), while gazetteers give the province its centre: a
    first-level subdivision moves to :meth:`Gazetteer.admin1_seat`; any other place is unchanged."""
    if place.feature != "admin1":
        return place
    entry = gaz.by_geonameid(place.geonameid) if place.geonameid else None
    if entry is None or entry.level != "admin1":
        areas = [c for c in gaz.lookup(place.name) if c.level == "admin1" and c.country == place.country]
        entry = areas[0] if areas else None
    seat = gaz.admin1_seat(entry.admin1) if entry is not None else None
    return place if seat is None else replace_point(place, seat.lat, seat.lon)

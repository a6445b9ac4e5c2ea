"""The events component: sentences of reported news -> ``EventMention`` records on ``doc._.sitrep_mentions``.

Stages, in order (each reads what the earlier components wrote on the doc):

1. Only sentences inside ``report`` segments (attribution) are read: no events from headlines, the
   blogger's commentary, reader comments or page furniture.
2. Triggers from the lexicon (``triggers.py``) mark sentences that may report an event.
3. The classifier types each candidate clause, in the context of the whole report (``context_weight``);
   hints from the triggers weigh in by ``hint_weight``.
   Labels outside ACLED (disasters, crime, diplomacy, claims) yield no mention.
4. Each clause of a sentence is typed on its own, so "Troops clashed with rebels, and an IED killed two"
   yields two mentions; clauses attached without a subject ("dispatched to pound") stay with their head.
5. Status from syntax (negated, planned, hypothetical), from the date (historical) and from the label
   (claimed); place, date, actors and counts from the geo, time, actor and count modules.
6. Mentions of one event within the article (same sub-event type, compatible place and date) are merged,
   keeping the most specific field values and all the evidence. A protest and the authorities'
   response at the same place are one event named by the response (``escalation`` in ``retype.py``).
"""

from __future__ import annotations

import dataclasses
import logging
from collections import Counter
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from spacy.language import Language
from spacy.tokens import Doc, Span, Token
from spacy.util import minibatch

from ..classify.labels import label_for, label_info
from ..geo.event_location import choose_event_location, event_point
from ..geo.gazetteer import get_gazetteer
from ..records import Actor, Article, Counts, EventMention, Evidence, Place, Source, TimeSpan
from ..time.event_time import choose_event_time
from ..time.resolve import resolve as resolve_time
from ..time.status import status_from_time
from . import extensions  # noqa: F401
from .actors import find_participants, get_resolver
from .attribution import Segment
from .counts import find_counts
from .retype import (
    escalation,
    lethal_labels,
    never_lethal_labels,
    non_lethal_labels,
    protest_causes,
    retype,
)
from .status import StatusCues, reporting_speaker, syntactic_status
from .triggers import Trigger, TriggerLexicon

if TYPE_CHECKING:
    from ..classify.model import Prediction

__all__ = [
    "NOTES_READING",
    "EventExtractor",
    "EventsConfig",
    "clause_head",
    "is_generic_plural",
    "merge_mentions",
]

logger = logging.getLogger(__name__)

#: How sitrep reads event notes written in ACLED's style (``sitrep eval acled``): each note reports one
#: event, and the classifier, trained on such notes, types it alone. The trigger lexicon's hints, which
#: news text needs, cost notes 0.5-1 point of sub-event accuracy and 5 of macro F1 (held-out tenth of
#: the extra file, first 2,000 rows and rows 2,000-4,000; the notes' lead sentences agree).
NOTES_READING: tuple[tuple[str, object], ...] = (
    ("assume_event", True),
    ("hint_weight", 1.0),
    ("confident_score", 0.0),
)

#: Statuses that do not count as a current event.
NOT_CURRENT = frozenset({"historical", "planned", "hypothetical", "negated"})


@dataclass(frozen=True)
class EventsConfig:
    """Every knob of the events component (copied, never mutated)."""

    #: How much a trigger's hinted labels are favoured over the classifier's others, and below which
    #: score (``confident_score``) the likeliest hinted label replaces the classifier's choice: news
    #: names events in words ACLED's notes rarely use. ``NOTES_READING`` turns both off for notes.
    hint_weight: float = 2.0
    #: Weight of the whole report's type in each candidate's, divided by the number of candidate
    #: sentences (and of clauses in a split sentence): a report with one event sentence is typed as a
    #: whole (as ACLED's coders read a note), the sentences of a long story mostly alone.
    context_weight: float = 1.0
    confident_score: float = 0.5
    hint_floor: float = 0.35
    min_score: float = 0.3
    skip_generic_plurals: bool = True
    #: Documents known to report an event (ACLED notes, CASE snippets): with no trigger found, the
    #: first reported sentence is typed anyway, and when no candidate yields an ACLED event, the first
    #: one takes its likeliest ACLED type.
    assume_event: bool = False
    max_sentence_chars: int = 1200
    #: An event known only to its province is placed at the province's most populous town (ACLED's
    #: convention) rather than at the province's centre.
    province_at_main_town: bool = True
    merge_within_article: bool = True
    historical_after_days: int = 365

    def __post_init__(self) -> None:
        if not 0.0 <= self.context_weight <= 1.0:
            raise ValueError(f"events setting context_weight must lie in [0, 1], not {self.context_weight}")


@dataclass
class _Prepared:
    """What ``EventExtractor._prepare`` found in a doc for ``_finish`` to type."""

    article: Article
    candidates: list[Candidate]
    story: list[str]  # the report sentences read: the context each candidate is typed in
    tolls: list[tuple[Span, dict[str, Counts]]]  # sentences that only count victims
    order: dict[int, int]  # start character of each report sentence read -> its rank
    texts: list[str]  # each candidate's text, as the classifier reads it
    weights: list[float]  # how much the story weighs in on each candidate's type


class EventExtractor:
    def __init__(self, config: EventsConfig) -> None:
        from ..classify import get_classifier

        self.config = config
        self.lexicon = TriggerLexicon.load()
        self.status_cues = StatusCues.load()
        self.classifier = get_classifier()
        get_resolver()  # a bad user alias file (SITREP_ACTOR_ALIASES) fails here, once, not per article

    # -- the component --------------------------------------------------------------------------
    def __call__(self, doc: Doc) -> Doc:
        ready = self._prepare(doc)
        return self._finish(doc, ready, self._type(ready))

    def pipe(self, docs: Iterable[Doc], batch_size: int = 32) -> Iterator[Doc]:
        """The docs in order, as ``__call__`` makes them, a batch at a time. Typing a batch's candidates
        (the word models and, for the sentences they are unsure of, the sentence model: the costly step)
        runs in a worker thread while the earlier components parse the next batch; numpy releases the
        GIL, so on two cores the typing overlaps spaCy's parse. The worker reads only strings."""
        with ThreadPoolExecutor(max_workers=1, thread_name_prefix="sitrep-type") as worker:
            pending: tuple[list[tuple[Doc, _Prepared]], Future[list[list[Prediction]]]] | None = None
            for batch in minibatch(docs, batch_size):
                prepared = [(doc, self._prepare(doc)) for doc in batch]
                typed = worker.submit(lambda ready: [self._type(r) for r in ready], [r for _d, r in prepared])
                if pending is not None:
                    yield from self._finish_batch(*pending)
                pending = (prepared, typed)
            if pending is not None:
                yield from self._finish_batch(*pending)

    def _finish_batch(
        self, prepared: list[tuple[Doc, _Prepared]], typed: Future[list[list[Prediction]]]
    ) -> Iterator[Doc]:
        predictions = typed.result()  # re-raises the worker's error, if any
        for (doc, ready), predicted in zip(prepared, predictions, strict=True):
            yield self._finish(doc, ready, predicted)

    def _type(self, ready: _Prepared) -> list[Prediction]:
        """The classifier's prediction for each candidate, in the story's context (strings only: safe in
        the worker thread)."""
        if not ready.texts:
            return []
        context = " ".join(ready.story) if any(ready.weights) else None
        return self.classifier.predict(ready.texts, context=context, context_weight=ready.weights)

    def _prepare(self, doc: Doc) -> _Prepared:
        """The doc's candidate clauses and what typing them needs (the first half of ``__call__``)."""
        text = doc.text  # built once: Doc.text joins every token on each access
        article = doc._.sitrep_article or Article(text=text)
        if article.text != text:
            article = dataclasses.replace(article, text=text, quotes=())
        segments: list[Segment] = doc._.sitrep_segments or [
            Segment(0, len(article.text), "report", article.quoted_source or article.publisher)
        ]
        candidates: list[Candidate] = []
        story: list[str] = []  # the report sentences read: the context each candidate is typed in
        tolls: list[tuple[Span, dict[str, Counts]]] = []  # sentences that only count victims
        order: dict[int, int] = {}  # start character of each report sentence read -> its rank
        for sent in doc.sents:
            segment = _segment_at(segments, sent.start_char)
            if segment is None or segment.role != "report":
                continue
            if sent.end_char - sent.start_char > self.config.max_sentence_chars:
                # Run-on "sentences" are tables or lists the parser could not split: not read.
                logger.info("skipped a %d-character sentence at %d", len(sent.text), sent.start_char)
                continue
            story.append(sent.text)
            order[sent.start_char] = len(order)
            triggers = self.lexicon.find(sent)
            if self.config.skip_generic_plurals:
                triggers = [t for t in triggers if not is_generic_plural(t.head)]
            # A sentence naming its own place or time reports something of its own, not a toll.
            follow_up = bool(candidates) and not _anchored(doc, sent)
            if follow_up:
                # "Six soldiers were killed in the attack": the definite "the attack" points back to an
                # event already reported; the sentence only gives its toll.
                rest = [t for t in triggers if not _points_back(t.head)]
                if all(_casualty_only(t) for t in rest):
                    triggers = rest
            if not triggers:
                # "Two reported fatalities.", "Three died in the fighting": the toll of the event before.
                counts = find_counts(sent) if follow_up else {}
                if counts.get("killed") or counts.get("injured"):
                    tolls.append((sent, counts))
                continue
            groups = _clauses(sent, triggers)
            if len(groups) > 1:
                # "A car bomb killed ten and wounded twenty": the casualty clauses belong to the event.
                groups = _fold_casualty_clauses(groups)
            for clause, group in groups:
                # One candidate: the whole sentence gives the classifier more context than its clause.
                candidates.append((sent, clause if len(groups) > 1 else sent, group, segment))
        if not candidates and self.config.assume_event:
            candidates.extend(_first_report_sentence(doc, segments))
        texts = [clause.text for _s, clause, _t, _g in candidates]
        weights = self._context_weights(candidates) if candidates else []
        return _Prepared(article, candidates, story, tolls, order, texts, weights)

    def _finish(self, doc: Doc, ready: _Prepared, predictions: list[Prediction]) -> Doc:
        """Make the doc's event mentions from its typed candidates (the second half of ``__call__``)."""
        article, candidates = ready.article, ready.candidates
        tolls, order = ready.tolls, ready.order
        mentions: list[EventMention] = []
        if candidates:
            for (sent, clause, triggers, segment), prediction in zip(candidates, predictions, strict=True):
                mention = self._clause_mention(doc, article, sent, clause, triggers, segment, prediction)
                if mention is not None:
                    mentions.append(mention)
            if not mentions and self.config.assume_event:
                # The text is known to report an event (an ACLED note): its first candidate's likeliest
                # ACLED type, even when a class outside ACLED (crime, disaster) or a low score won.
                sent, clause, triggers, segment = candidates[0]
                acled = {k: v for k, v in predictions[0].scores.items() if label_info(k).sub_event_type}
                label, score = self._choose_label(acled, triggers)
                main = _best_trigger(triggers, label_info(label).sub_event_type)
                mentions.append(self._mention(doc, article, sent, clause, main, segment, label, score))
        mentions = _add_tolls(mentions, tolls, article.article_id, order)
        if self.config.merge_within_article:
            mentions = merge_mentions(mentions)
        doc._.sitrep_mentions = mentions
        return doc

    # -- one clause ------------------------------------------------------------------------------
    def _clause_mention(
        self, doc, article, sent, clause, triggers, segment, prediction
    ) -> EventMention | None:  # type: ignore[no-untyped-def]
        label, score = self._choose_label(prediction.scores, triggers)
        if score < self.config.min_score:
            return None
        claimed = label == "ATTRIB"
        if claimed:
            # "IS claimed the bombing": the event is the bombing, known through a claim.
            acled = {k: v for k, v in prediction.scores.items() if label_info(k).sub_event_type}
            label, score = self._choose_label(acled, triggers)
        mention = self._typed_mention(doc, article, sent, clause, triggers, segment, label, score)
        non_lethal = non_lethal_labels() | never_lethal_labels()
        if mention is not None and mention.fatalities.best and mention.label in non_lethal:
            # ACLED's non-violent developments and peaceful protests kill no one: with deaths of their
            # own reported, the event is the violence.
            instead = lethal_labels()
            lethal = {k: v for k, v in prediction.scores.items() if k in instead}
            label, score = self._choose_label(lethal, triggers)
            lethal_mention = self._typed_mention(doc, article, sent, clause, triggers, segment, label, score)
            mention = lethal_mention or mention
        if mention is not None and claimed and mention.status == "actual":
            mention = dataclasses.replace(mention, status="claimed")
        return mention

    def _context_weights(self, candidates: list[Candidate]) -> list[float]:
        """How much the story weighs in on each candidate's type: ``context_weight`` shared among the
        story's event sentences, and among the clauses of a sentence split in several, so that "troops
        clashed with rebels, and an IED killed two" keeps two types of its own."""
        per_sentence = Counter(sent.start for sent, _c, _t, _g in candidates)
        share = self.config.context_weight / len(per_sentence)
        return [share / per_sentence[sent.start] for sent, _c, _t, _g in candidates]

    def _typed_mention(
        self, doc, article, sent, clause, triggers, segment, label, score
    ) -> EventMention | None:  # type: ignore[no-untyped-def]
        """The mention of ``label``; None below ``min_score`` or for a label outside ACLED (disasters,
        crime, diplomacy: known, but not political violence)."""
        sub_event_type = label_info(label).sub_event_type
        if score < self.config.min_score or sub_event_type is None:
            return None
        main = _best_trigger(triggers, sub_event_type)
        return self._mention(doc, article, sent, clause, main, segment, label, score)

    def _choose_label(self, scores: dict[str, float], triggers: Iterable[Trigger]) -> tuple[str, float]:
        """The clause's label, by a fallback chain over the classifier and the trigger hints.

        1. The classifier's scores, the labels the triggers hint at weighted by ``hint_weight``: taken
           when the winner is hinted (its score floored at ``hint_floor``: the lexicon backs it) or the
           classifier is sure of it (``confident_score``).
        2. Otherwise the hinted label the classifier likes best, its score floored at ``hint_floor``:
           the lexicon knows "crushed" is a battle even when the classifier's ACLED notes never said so.
        """
        hinted: set[str] = set()
        for trigger in triggers:
            for hint in trigger.hints:
                try:
                    hinted.add(label_for(hint))
                except KeyError:
                    hinted.add(hint)
        hinted &= scores.keys()  # only labels in play: a re-choice among some labels stays among them
        weighted = {
            label: p * (self.config.hint_weight if label in hinted else 1.0) for label, p in scores.items()
        }
        total = sum(weighted.values()) or 1.0
        label = max(weighted, key=weighted.__getitem__)
        score = weighted[label] / total
        if label in hinted:
            return label, max(score, self.config.hint_floor)
        if score >= self.config.confident_score or not hinted:
            return label, score
        fallback = max(hinted, key=lambda h: scores.get(h, 0.0))
        return fallback, max(self.config.hint_floor, weighted.get(fallback, 0.0) / total)

    def _mention(self, doc, article, sent, clause, trigger, segment, label, score) -> EventMention:  # type: ignore[no-untyped-def]
        info = label_info(label)
        head: Token = trigger.head
        article_id = article.article_id
        evidence: list[Evidence] = [_evidence(article_id, "sub_event_type", doc[trigger.start : trigger.end])]

        place: Place | None = None
        place_span = choose_event_location(doc, head)
        if place_span is not None and place_span._.sitrep_place is not None:
            place = place_span._.sitrep_place
            if self.config.province_at_main_town:
                # An event known only to its province sits at the province's main town, as ACLED codes it.
                place = event_point(place, get_gazetteer())
            evidence.append(_evidence(article_id, "location", place_span))

        when: TimeSpan | None = None
        time_span = choose_event_time(doc, head)
        if time_span is None or time_span._.sitrep_timespan is None:
            time_span = _story_time(doc, sent, article.published, self.config.historical_after_days)
            if time_span is not None:
                # "On 5 May, gunmen attacked X. Police clashed with them.": the story's day dates the
                # sentences after it that give none of their own.
                when = dataclasses.replace(time_span._.sitrep_timespan, basis="context")
                evidence.append(_evidence(article_id, "date", time_span))
        elif time_span._.sitrep_timespan is not None:
            when = time_span._.sitrep_timespan
            evidence.append(_evidence(article_id, "date", time_span))
        if when is None and article.published is not None:
            when = TimeSpan(article.published, article.published, "day", None, basis="reported")

        status = syntactic_status(head, self.status_cues)
        if status == "planned" and when is not None and when.basis == "text" and article.published:
            # "will attack on Tuesday": a planned event's unqualified date lies ahead, not behind.
            ahead = resolve_time(when.text or "", article.published, future=True)
            if ahead is not None:
                when = ahead
        if status == "actual":
            status = (
                status_from_time(
                    when, article.published, historical_after_days=self.config.historical_after_days
                )
                or status
            )

        event_type = info.event_type or "Strategic developments"
        sub_event_type = info.sub_event_type or "Other"
        country = place.country if place else None
        actor1, actor2 = find_participants(
            sent, head, event_type=event_type, sub_event_type=sub_event_type, country=country, context=doc[:]
        )
        counts = find_counts(clause, head)  # the event's own clause: tolls of other events stay theirs
        killed = counts.get("killed") or Counts()
        injured = counts.get("injured") or Counts()
        retyped = retype(label, actor1, actor2, casualties=bool(killed.best or injured.best))
        if retyped != label:
            label, info = retyped, label_info(retyped)
            event_type = info.event_type or "Strategic developments"
            sub_event_type = info.sub_event_type or "Other"
        if label in never_lethal_labels() and killed.best and _names_a_cause(doc, killed):
            killed = Counts()  # "protested over the killing of two traders": the dead are the cause
        for name, actor in (("actor1", actor1), ("actor2", actor2)):
            if actor is not None and actor.start is not None and actor.end is not None:
                evidence.append(
                    Evidence(article_id, name, actor.start, actor.end, article.text[actor.start : actor.end])
                )
        if killed.start is not None and killed.end is not None:
            evidence.append(Evidence(article_id, "fatalities", killed.start, killed.end, killed.text or ""))

        speaker = reporting_speaker(head)
        source = Source(
            article_id=article_id,
            url=article.url,
            publisher=article.publisher,
            reported_by=segment.reported_by,
            speaker=_phrase(speaker).text if speaker is not None else None,
        )
        confidence = _confidence(score, place, actor1, status)
        return EventMention(
            article_id=article_id,
            event_type=event_type,
            sub_event_type=sub_event_type,
            status=status,
            date=when,
            actor1=actor1,
            actor2=actor2,
            location=place,
            fatalities=killed,
            sources=(source,),
            evidence=tuple(evidence),
            confidence=confidence,
            sentence_start=sent.start_char,
            sentence_end=sent.end_char,
            trigger=doc[trigger.start : trigger.end].text,
            injured=injured,
            arrested=counts.get("arrested") or Counts(),
            abducted=counts.get("abducted") or Counts(),
            label=label,
        )


# -- helpers ----------------------------------------------------------------------------------------
def _segment_at(segments: list[Segment], char: int) -> Segment | None:
    for segment in segments:
        if segment.start <= char < segment.end:
            return segment
    return None


Candidate = tuple[Span, Span, list[Trigger], Segment]  # sentence, clause, triggers, segment


def _first_report_sentence(doc: Doc, segments: list[Segment]) -> list[Candidate]:
    """The first reported sentence as a candidate, its root standing in for a trigger."""
    for sent in doc.sents:
        segment = _segment_at(segments, sent.start_char)
        if segment is not None and segment.role == "report":
            root = Trigger(sent.root.i, sent.root.i + 1, (), sent.root)
            return [(sent, sent, [root], segment)]
    return []


def _best_trigger(triggers: list[Trigger], sub_event_type: str | None) -> Trigger:
    """The trigger that hints at the chosen type, verbs before nouns, nearest the root."""

    def rank(t: Trigger) -> tuple[int, int, int]:
        matches = 0 if sub_event_type in t.hints else 1
        is_verb = 0 if t.head.pos_ == "VERB" else 1
        depth = sum(1 for _ in t.head.ancestors)
        return matches, is_verb, depth

    return min(triggers, key=rank)


#: Dependencies of a subject-less clause on the clause it belongs to.
_ATTACHED = frozenset({"xcomp", "advcl", "acl", "pcomp", "amod", "relcl"})
#: Children whose subtree is another clause, left out of the clause text.
_SEPARATE = frozenset({"conj", "cc", "parataxis"})


def clause_head(token: Token) -> Token:
    """The verb heading the clause that reports ``token``'s event.

    Clauses attached without a subject of their own ("dispatched *to pound*", "attacked the village,
    *killing* two") belong to the clause above them: one event, one clause.
    """
    head = token
    for _ in range(8):
        if head.pos_ in ("VERB", "AUX"):
            has_subject = any(c.dep_ in ("nsubj", "nsubjpass", "expl") for c in head.children)
            if has_subject or head.dep_ not in _ATTACHED:
                return head
        if head.head is head:
            return head
        head = head.head
    return head


def _clauses(sent: Span, triggers: list[Trigger]) -> list[tuple[Span, list[Trigger]]]:
    """Group the sentence's triggers by the clause they sit in; each clause is typed on its own."""
    groups: dict[int, list[Trigger]] = {}
    heads: dict[int, Token] = {}
    for trigger in triggers:
        head = clause_head(trigger.head)
        groups.setdefault(head.i, []).append(trigger)
        heads[head.i] = head
    out = []
    doc = sent.doc
    for i, group in groups.items():
        head = heads[i]
        excluded = {
            t.i for c in head.children if c.dep_ in _SEPARATE and c.i not in groups for t in c.subtree
        } | {t.i for j in groups if j != i and heads[j] in head.subtree for t in heads[j].subtree}
        kept = [t.i for t in head.subtree if t.i not in excluded and sent.start <= t.i < sent.end]
        if not kept or any(not kept[0] <= tr.start < kept[-1] + 1 for tr in group):
            out.append((sent, group))
            continue
        out.append((doc[kept[0] : kept[-1] + 1], group))
    return out


def is_generic_plural(token: Token) -> bool:
    """A bare plural noun ("plotting attacks", "bombing raids") speaks of events in general.

    A modifier trigger ("bombing" in "bombing raids") is judged by the noun it modifies; a determiner,
    number or possessive ("the attacks", "two raids", "their attacks") makes the noun specific.
    """
    noun = token.head if token.dep_ in ("compound", "amod") and token.head.pos_ == "NOUN" else token
    if noun.pos_ != "NOUN" or noun.tag_ != "NNS":
        return False
    specific = ("det", "nummod", "poss", "predet")
    if any(c.dep_ in specific for c in noun.children) or noun.dep_ in ("nsubj", "nsubjpass"):
        return False
    # "conducted airstrikes": the object of a finished, reported act is specific.
    verb = noun.head.head if noun.dep_ == "pobj" else noun.head
    if verb.tag_ in ("VBD", "VBN") or any(c.lower_ in ("has", "have", "had") for c in verb.children):
        return False
    return True


def _phrase(token: Token) -> Span:
    return token.doc[token.left_edge.i : token.right_edge.i + 1]


def _evidence(article_id: str, field: str, span: Span) -> Evidence:
    return Evidence(article_id, field, span.start_char, span.end_char, span.text)


def _confidence(score: float, place: Place | None, actor1: Actor | None, status: str) -> float:
    value = score
    if place is None:
        value *= 0.85
    if actor1 is None:
        value *= 0.9
    if status in NOT_CURRENT:
        value *= 0.95
    return max(0.0, min(1.0, value))


def _specific(a: Place | None, b: Place | None) -> Place | None:
    if a is None:
        return b
    if b is None:
        return a
    return a if a.precision <= b.precision else b


#: How directly a date was read: from the event's own sentence, from the story before it, or the
#: publication date standing in.
_BASIS_RANK = {"text": 0, "context": 1, "reported": 2}


def _date_specific(a: TimeSpan | None, b: TimeSpan | None) -> TimeSpan | None:
    if a is None:
        return b
    if b is None:
        return a
    rank_a, rank_b = _BASIS_RANK.get(a.basis, 2), _BASIS_RANK.get(b.basis, 2)
    if rank_a != rank_b:
        return a if rank_a < rank_b else b
    return a if (a.end - a.start) <= (b.end - b.start) else b


def _story_time(doc: Doc, sent: Span, published: date | None, within_days: int) -> Span | None:
    """The last day-precise time expression of the report before ``sent``: the day the story is telling.
    A day after ``published`` is an announced one ("elections on 5 May"), and one more than
    ``within_days`` before it is background ("founded on 12 June 2002"): neither is the story's."""
    segments = doc._.sitrep_segments

    def told(t: Span) -> bool:
        span = t._.sitrep_timespan
        if span is None or span.precision != "day" or t.end > sent.start:
            return False
        if published is not None and not 0 <= (published - span.start).days <= within_days:
            return False
        segment = _segment_at(segments, t.start_char) if segments else None
        return not segments or (segment is not None and segment.role == "report")

    before = [t for t in doc._.sitrep_timexes or () if told(t)]
    return before[-1] if before else None


#: Trigger words that only count victims: a clause of them reports no event of its own.
CASUALTY_WORDS = frozenset(
    "kill killed kills killing die died dies dying dead "
    "wound wounded wounding injure injured injuring".split()
)


def _casualty_only(trigger: Trigger) -> bool:
    return trigger.head.lemma_.lower() in CASUALTY_WORDS or trigger.text.lower() in CASUALTY_WORDS


def _fold_casualty_clauses(groups: list[tuple[Span, list[Trigger]]]) -> list[tuple[Span, list[Trigger]]]:
    """Fold each clause that only counts victims into the event clause before it (else the first one
    after it), widening that clause to take it in: "militants attacked the village *and killed nine*,
    and shops were torched" gives the attack its nine dead."""
    events = [(span, group) for span, group in groups if not all(_casualty_only(t) for t in group)]
    if not events or len(events) == len(groups):
        return groups
    spans = [span for span, _ in events]
    for span, group in groups:
        if not all(_casualty_only(t) for t in group):
            continue
        before = [k for k, s in enumerate(spans) if s.start <= span.start]
        k = max(before, key=lambda j: spans[j].start) if before else 0
        doc = spans[k].doc
        spans[k] = doc[min(spans[k].start, span.start) : max(spans[k].end, span.end)]
    return [(span, group) for span, (_old, group) in zip(spans, events, strict=True)]


#: Modifiers that make a definite event noun a new event ("the second attack", "the latest raid").
_NEW_EVENT = frozenset("second third fourth fifth new separate latest fresh further other later".split())


def _names_a_cause(doc: Doc, killed: Counts) -> bool:
    """Whether the figure of the dead sits under a protest's cause ("over the killing of two traders",
    "protesting the deaths of five")."""
    if killed.start is None or killed.end is None:
        return False
    span = doc.char_span(killed.start, killed.end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return False
    prepositions, verbs = protest_causes()
    for token in [span.root, *span.root.ancestors]:
        if token.dep_ == "pobj" and token.head.lower_ in prepositions:
            return True
        if token.lemma_.lower() in verbs and token.i != span.root.i:
            return True
    return False


def _points_back(token: Token) -> bool:
    """A definite event noun ("the attack", "this blast") that names an event already reported; one
    described anew ("the attack on a mosque") or marked as another ("the second attack") does not."""
    if token.pos_ != "NOUN" or token.tag_ not in ("NN", "NNS"):
        return False
    children = list(token.children)
    if any(c.lower_ in _NEW_EVENT or c.dep_ in ("prep", "acl", "relcl") for c in children):
        return False
    return any(c.dep_ == "det" and c.lower_ in ("the", "this", "that", "these", "those") for c in children)


#: How many report sentences a toll sentence may follow the event it gives figures to.
TOLL_REACH = 2


def _anchored(doc: Doc, sent: Span) -> bool:
    """Whether ``sent`` names a resolved place or a time of its own."""
    toponyms = doc._.sitrep_toponyms or ()
    timexes = doc._.sitrep_timexes or ()
    inside = lambda span: sent.start <= span.start and span.end <= sent.end  # noqa: E731
    return any(inside(t) and t._.sitrep_place is not None for t in toponyms) or any(map(inside, timexes))


def _add_tolls(
    mentions: list[EventMention],
    tolls: list[tuple[Span, dict[str, Counts]]],
    article_id: str,
    order: dict[int, int],
) -> list[EventMention]:
    """Give each toll sentence's figures to the mention reported just before it, at most ``TOLL_REACH``
    report sentences back (``order`` ranks them), when that mention has none of its own (a figure it
    already has is never replaced or added to)."""
    if not tolls or not mentions:
        return mentions
    out = list(mentions)
    for sent, counts in tolls:
        before = [i for i, m in enumerate(out) if m.sentence_start < sent.start_char]
        if not before:
            continue
        i = max(before, key=lambda k: out[k].sentence_start)
        gap = order.get(sent.start_char, 0) - order.get(out[i].sentence_start, -TOLL_REACH - 1)
        if gap > TOLL_REACH:
            continue
        mention, changes, evidence = out[i], {}, []
        for kind, field in (("killed", "fatalities"), ("injured", "injured")):
            found = counts.get(kind)
            if field == "fatalities" and mention.label in never_lethal_labels():
                continue
            if found is not None and found.best is not None and getattr(mention, field).best is None:
                changes[field] = found
                if field == "fatalities" and found.start is not None and found.end is not None:
                    text = found.text or ""
                    evidence.append(Evidence(article_id, "fatalities", found.start, found.end, text))
        if changes:
            out[i] = dataclasses.replace(mention, evidence=mention.evidence + tuple(evidence), **changes)
    return out


#: Event types whose follow-up sentences ("two soldiers died in the blast") describe the same event.
VIOLENT_TYPES = frozenset({"Battles", "Explosions/Remote violence", "Violence against civilians", "Riots"})


def _same_place(a: EventMention, b: EventMention) -> bool:
    if a.location is None or b.location is None:
        return True
    if a.location.geonameid is not None and a.location.geonameid == b.location.geonameid:
        return True
    if (a.location.country, a.location.name) == (b.location.country, b.location.name):
        return True
    # "in Libya" after "150 miles south of Sirte": the broader place contains the other.
    broad = {"country", "admin1", "region"}
    return a.location.country == b.location.country and bool({a.location.feature, b.location.feature} & broad)


def _compatible(a: EventMention, b: EventMention) -> bool:
    """May ``b``, later in the article, be another mention of ``a``'s event?

    Same sub-event type with no conflicting country, date or target; or an undated follow-up of a
    violent event at the same place ("Two soldiers died in the blast" after the IED).
    """
    if a.status != b.status:
        return False
    follow_up = b.date is None or b.date.basis in ("reported", "context")
    if a.sub_event_type != b.sub_event_type:
        # Only a later sentence that just counts the dead ("Two soldiers died in the blast").
        casualties = b.trigger is not None and all(w in CASUALTY_WORDS for w in b.trigger.lower().split())
        later = b.sentence_start > a.sentence_start
        return (
            follow_up and casualties and later
            and {a.event_type, b.event_type} <= VIOLENT_TYPES and _same_place(a, b)
        )  # fmt: skip
    if follow_up:
        return _same_place(a, b)
    if a.location and b.location and a.location.country and b.location.country:
        if a.location.country != b.location.country:
            return False
    if a.date and b.date and a.date.basis == "text" and b.date.basis == "text":
        if a.date.end < b.date.start or b.date.end < a.date.start:
            return False
    if a.actor2 and b.actor2 and a.actor2.name != b.actor2.name:
        return False
    return True


def _more_fatalities(a: Counts, b: Counts) -> Counts:
    """The count reported with more dead: a follow-up often gives the toll the first sentence lacked."""
    if a.best is None:
        return b
    if b.best is None:
        return a
    return b if b.best > a.best else a


def _relabel(mention: EventMention, label: str) -> EventMention:
    info = label_info(label)
    event_type, sub_event_type = info.event_type or mention.event_type, info.sub_event_type
    return dataclasses.replace(mention, label=label, event_type=event_type, sub_event_type=sub_event_type)


def merge_mentions(mentions: list[EventMention]) -> list[EventMention]:
    """Merge mentions of the same event within one article (keeps the first mention's id)."""
    merged: list[EventMention] = []
    for mention in mentions:
        for i, kept in enumerate(merged):
            escalated = escalation(kept.label, mention.label)
            if escalated is not None and _same_place(kept, mention):
                # "Teachers protested ... police dispersed them with tear gas": one event, named by the
                # response, when the two mentions are otherwise compatible.
                kept_as, mention_as = _relabel(kept, escalated), _relabel(mention, escalated)
                if _compatible(kept_as, mention_as):
                    kept, mention = kept_as, mention_as
            if _compatible(kept, mention):
                merged[i] = dataclasses.replace(
                    kept,
                    location=_specific(kept.location, mention.location),
                    date=_date_specific(kept.date, mention.date),
                    actor1=kept.actor1 or mention.actor1,
                    actor2=kept.actor2 or mention.actor2,
                    fatalities=_more_fatalities(kept.fatalities, mention.fatalities),
                    evidence=kept.evidence + mention.evidence,
                    confidence=max(kept.confidence, mention.confidence),
                )
                break
        else:
            merged.append(mention)
    return merged


@Language.factory(
    "sitrep_events_v1",
    requires=["doc.sents", "doc._.sitrep_segments", "doc._.sitrep_toponyms", "doc._.sitrep_timexes"],
    assigns=["doc._.sitrep_mentions"],
    default_config=dataclasses.asdict(EventsConfig()),  # the defaults live in one place: EventsConfig
)
def make_events(
    nlp: Language,
    name: str,
    hint_weight: float,
    context_weight: float,
    confident_score: float,
    hint_floor: float,
    min_score: float,
    skip_generic_plurals: bool,
    assume_event: bool,
    max_sentence_chars: int,
    province_at_main_town: bool,
    merge_within_article: bool,
    historical_after_days: int,
) -> EventExtractor:
    settings = locals()  # spaCy validates each setting by name; EventsConfig holds them together
    return EventExtractor(
        EventsConfig(**{f.name: settings[f.name] for f in dataclasses.fields(EventsConfig)})
    )

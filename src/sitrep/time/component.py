"""spaCy component ``sitrep_timexes_v1``: find time expressions and resolve them.

Candidates come from two places, merged longest first without overlaps:

1. the time patterns scanned over the text (``data/patterns.json`` plus user files);
2. the model's DATE/TIME entities whose whole text a pattern (or, for absolute dates, dateparser)
   understands; ages ("50-year-old"), durations ("for three years") and clock times alone are not
   dates and are dropped.

Each span found gets ``span._.sitrep_timespan``: the ``TimeSpan`` it names, read against
``doc._.sitrep_article.published``, or None when the article has no publication date.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime

from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from ..nlp import extensions  # noqa: F401  (registers the Doc/Span extensions)
from ..records import TimeSpan
from .patterns import PatternSet, load_patterns, normalise
from .resolve import resolve_absolute, resolve_match

__all__ = ["TimexFinder", "make_timex_finder"]


@Language.factory(
    "sitrep_timexes_v1",
    assigns=["doc._.sitrep_timexes"],
    default_config={
        "entity_labels": ["DATE", "TIME"],
        "extra_patterns": [],
        "use_env_patterns": True,
        "future": False,
        "use_dateparser": True,
    },
)
def make_timex_finder(
    nlp: Language,
    name: str,
    entity_labels: Sequence[str],
    extra_patterns: Sequence[str],
    use_env_patterns: bool,
    future: bool,
    use_dateparser: bool,
) -> TimexFinder:
    """``extra_patterns``: paths of pattern files tried before the built-in ones (see README.md)."""
    return TimexFinder(
        load_patterns(list(extra_patterns), use_env=use_env_patterns),
        entity_labels=tuple(entity_labels),
        future=future,
        use_dateparser=use_dateparser,
    )


class TimexFinder:
    """Writes ``doc._.sitrep_timexes`` (spans in text order) and ``span._.sitrep_timespan``."""

    def __init__(
        self,
        patterns: PatternSet,
        *,
        entity_labels: tuple[str, ...] = ("DATE", "TIME"),
        future: bool = False,
        use_dateparser: bool = True,
    ) -> None:
        self.patterns = patterns
        self.entity_labels = entity_labels
        self.future = future
        self.use_dateparser = use_dateparser

    def __call__(self, doc: Doc) -> Doc:
        published = _published(doc)
        found: dict[tuple[int, int], tuple[Span, TimeSpan | None]] = {}
        for match in self.patterns.scan(doc.text):
            span = doc.char_span(match.start, match.end, alignment_mode="expand")
            if span is None or (span.start, span.end) in found:
                continue
            timespan = None
            if published is not None:
                timespan = resolve_match(match, published, future=self.future, patterns=self.patterns)
                if timespan is None:
                    continue
            found[(span.start, span.end)] = (span, timespan)
        for ent in doc.ents:
            if ent.label_ in self.entity_labels and (ent.start, ent.end) not in found:
                kept = self._entity(ent, published)
                if kept is not None:
                    found[(ent.start, ent.end)] = kept
        spans = sorted(filter_spans([span for span, _ in found.values()]), key=lambda s: s.start)
        for span in spans:
            timespan = found[(span.start, span.end)][1]
            if timespan is not None:
                timespan = TimeSpan(timespan.start, timespan.end, timespan.precision, text=span.text)
            span._.sitrep_timespan = timespan
        doc._.sitrep_timexes = spans
        return doc

    def _entity(self, ent: Span, published: date | None) -> tuple[Span, TimeSpan | None] | None:
        """Keep an entity only when its whole text names a date."""
        text = normalise(ent.text)
        whole = self.patterns.whole(text)
        if published is None:
            return (ent, None) if whole else None
        if whole is None:
            # Only dateparser's absolute dates can name a date our patterns do not know; an entity with
            # a pattern's match inside it ("50-year-old ... last week") is no date as a whole.
            if not self.use_dateparser or self.patterns.scan(text):
                return None
            timespan = resolve_absolute(ent.text, published, future=self.future)
            return (ent, timespan) if timespan is not None else None
        found = resolve_match(whole, published, future=self.future, patterns=self.patterns)
        if found is None:
            return None
        return (ent, TimeSpan(found.start, found.end, found.precision, text=ent.text.strip()))


def _published(doc: Doc) -> date | None:
    article = doc._.sitrep_article
    published = getattr(article, "published", None)
    if isinstance(published, datetime):
        return published.date()
    return published if isinstance(published, date) else None

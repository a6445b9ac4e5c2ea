"""Extraction: articles in, event mentions out (the NLP stage, as one library call).

>>> from sitrep.extract import extract
>>> for article, mentions in extract([Article(text=..., published=date(2017, 10, 12))]):
...     print([m.sub_event_type for m in mentions])
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from spacy.language import Language

from .nlp.pipeline import load_pipeline, make_doc
from .records import Article, EventMention

__all__ = ["extract"]


def extract(
    articles: Iterable[Article], *, nlp: Language | None = None, batch_size: int = 32
) -> Iterator[tuple[Article, list[EventMention]]]:
    """Each article with the event mentions found in it, in input order (lazy: streams large inputs)."""
    nlp = nlp or load_pipeline()
    docs = (make_doc(nlp, article) for article in articles)
    for doc in nlp.pipe(docs, batch_size=batch_size):
        yield doc._.sitrep_article, list(doc._.sitrep_mentions or [])

"""Extraction: articles in, event mentions out (the NLP stage, as one library call).

>>> from sitrep.extract import extract
>>> for article, mentions in extract([Article(text=..., published=date(2017, 10, 12))]):
...     print([m.sub_event_type for m in mentions])
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator

from spacy.language import Language
from spacy.tokens import Doc

from .errors import InputError
from .nlp.pipeline import load_pipeline, make_doc
from .records import Article, EventMention

__all__ = ["extract"]


def extract(
    articles: Iterable[Article],
    *,
    nlp: Language | None = None,
    batch_size: int = 32,
    on_error: Callable[[InputError], None] | None = None,
) -> Iterator[tuple[Article, list[EventMention]]]:
    """Each article with the event mentions found in it, in input order (lazy: streams large inputs).

    An article the model cannot take (longer than its limit) raises ``InputError``, or, with
    ``on_error``, is reported there and left out while the others go on.
    """
    nlp = nlp or load_pipeline()

    def docs() -> Iterator[Doc]:
        for article in articles:
            try:
                yield make_doc(nlp, article)
            except InputError as exc:
                if on_error is None:
                    raise
                on_error(exc)

    for doc in nlp.pipe(docs(), batch_size=batch_size):
        yield doc._.sitrep_article, list(doc._.sitrep_mentions or [])

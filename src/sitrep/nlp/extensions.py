"""The ``Doc``/``Span``/``Token`` extensions sitrep's components write, registered once with a guard.

Namespace: every attribute starts with ``sitrep_``.

Doc._.sitrep_article     the ``Article`` the doc was made from (metadata travels with the doc)
Doc._.sitrep_segments    list of ``Segment``: who is speaking in each stretch of the text
Doc._.sitrep_toponyms    list of ``Span``: place names found (written by the geo component)
Doc._.sitrep_timexes     list of ``Span``: time expressions found (written by the time component)
Doc._.sitrep_mentions    list of ``EventMention`` records (written by the events component)
Span._.sitrep_place      ``Place`` a toponym span resolves to (or None)
Span._.sitrep_timespan   ``TimeSpan`` a time-expression span resolves to (or None)
"""

from __future__ import annotations

from spacy.tokens import Doc, Span

__all__ = ["register_extensions"]

_DOC_LIST_ATTRS = ("sitrep_segments", "sitrep_toponyms", "sitrep_timexes", "sitrep_mentions")


def register_extensions() -> None:
    """Register every sitrep extension; safe to call any number of times."""
    if not Doc.has_extension("sitrep_article"):
        Doc.set_extension("sitrep_article", default=None)
    for name in _DOC_LIST_ATTRS:
        if not Doc.has_extension(name):
            # A getter-free default of [] would be shared between docs; use None and set per doc.
            Doc.set_extension(name, default=None)
    for name in ("sitrep_place", "sitrep_timespan", "sitrep_role"):
        if not Span.has_extension(name):
            Span.set_extension(name, default=None)


register_extensions()

"""The ``sitrep_toponyms_v1`` spaCy component: place names found, resolved and written on the ``Doc``.

``doc._.sitrep_toponyms`` is a list of ``Span`` in text order. Each span carries
``span._.sitrep_place`` (a :class:`sitrep.records.Place`, or None when unresolved) and
``span._.sitrep_role``: ``literal``, ``metonymic`` ("Washington said": a government, not where
something happened) or ``demonym`` ("Libyan forces"). A relative phrase ("roughly 150 miles south of
Sirte", "between Sirte and Misrata") is one span whose place is the point it names, at precision 2.
"""

from __future__ import annotations

from dataclasses import replace

from spacy.language import Language
from spacy.tokens import Doc

from ..nlp import extensions  # noqa: F401  (registers the Doc/Span extensions)
from ..records import Place
from .gazetteer import Gazetteer, get_gazetteer
from .lexicon import Lexicon, get_lexicon
from .recognize import RecognizeConfig, recognize_doc
from .relative import destination, find_between, find_relative, midpoint
from .resolve import Mention, ResolveConfig, resolve_mentions, to_place

__all__ = ["ToponymResolver", "geoparse_text", "make_toponyms"]


class ToponymResolver:
    """Finds and resolves the toponyms of a ``Doc``; see the module docstring for what it writes."""

    def __init__(
        self,
        recognize: RecognizeConfig,
        resolve: ResolveConfig,
        relative_locations: bool = True,
        gazetteer: Gazetteer | None = None,
        lexicon: Lexicon | None = None,
    ) -> None:
        self.recognize = recognize
        self.resolve = resolve
        self.relative_locations = relative_locations
        self._gazetteer = gazetteer
        self._lexicon = lexicon

    @property
    def gazetteer(self) -> Gazetteer:
        if self._gazetteer is None:
            self._gazetteer = get_gazetteer()
        return self._gazetteer

    @property
    def lexicon(self) -> Lexicon:
        if self._lexicon is None:
            self._lexicon = get_lexicon()
        return self._lexicon

    def __call__(self, doc: Doc) -> Doc:
        mentions, text = recognize_doc(doc, self.gazetteer, self.lexicon, self.recognize)
        places = geoparse_text(
            text, mentions, self.gazetteer, self.lexicon, self.resolve, self.relative_locations
        )
        spans = []
        for mention, place in places:
            span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
            if span is None:
                continue
            span._.sitrep_place = place
            span._.sitrep_role = mention.role
            spans.append(span)
        doc._.sitrep_toponyms = spans
        return doc


def geoparse_text(
    text: str,
    mentions: list[Mention],
    gaz: Gazetteer,
    lex: Lexicon,
    resolve: ResolveConfig | None = None,
    relative_locations: bool = True,
) -> list[tuple[Mention, Place | None]]:
    """Resolve mentions, then fold relative phrases into them: [(mention, place)] in text order."""
    resolutions = resolve_mentions(text, mentions, gaz, lex, resolve)
    # A name the gazetteer does not know stands in for the document's main place: keep it, marked
    # "unresolved", so that it is never taken for an event's own place ("Islamic State" is no town).
    pairs = [
        (replace(m, role="unresolved") if r.fallback else m, to_place(r, m, gaz))
        for m, r in zip(mentions, resolutions, strict=True)
    ]
    if not relative_locations:
        return pairs
    out: list[tuple[Mention, Place | None]] = []
    i = 0
    while i < len(pairs):
        mention, place = pairs[i]
        if place is not None and mention.role == "literal" and i + 1 < len(pairs):
            other, other_place = pairs[i + 1]
            start = find_between(text, (mention.start, mention.end), (other.start, other.end))
            if start is not None and other_place is not None:
                lat, lon = midpoint(place.lat, place.lon, other_place.lat, other_place.lon)
                merged = Mention(start, other.end, text[start : other.end], "literal")
                out.append((merged, _moved(place, lat, lon, merged, f"{place.name} - {other_place.name}")))
                i += 2
                continue
        if place is not None and mention.role == "literal":
            cue = find_relative(text, mention.start, lex)
            if cue is not None and not (out and out[-1][0].end > cue.start):
                merged = Mention(cue.start, mention.end, text[cue.start : mention.end], "literal")
                lat, lon = place.lat, place.lon
                if cue.kind == "offset" and cue.distance_km is not None and cue.bearing_deg is not None:
                    lat, lon = destination(place.lat, place.lon, cue.bearing_deg, cue.distance_km)
                precision = max(place.precision, cue.precision)
                moved = _moved(place, lat, lon, merged, place.name, precision)
                if cue.kind != "offset":
                    moved = replace(moved, geonameid=place.geonameid)
                out.append((merged, moved))
                i += 1
                continue
        out.append((mention, place))
        i += 1
    return out


def _moved(place: Place, lat: float, lon: float, mention: Mention, name: str, precision: int = 2) -> Place:
    return replace(
        place,
        name=name,
        lat=round(lat, 5),
        lon=round(lon, 5),
        precision=max(precision, 2),
        geonameid=None,
        text=mention.text,
        start=mention.start,
        end=mention.end,
    )


@Language.factory(
    "sitrep_toponyms_v1",
    requires=["doc.ents"],
    assigns=["doc._.sitrep_toponyms"],
    default_config={
        "ent_labels": ["GPE", "LOC", "FAC"],
        "gazetteer_matches": True,
        "min_population": 100_000,
        "max_ngram": 4,
        "country_weight": 5.0,
        "admin1_weight": 2.0,
        "qualifier_bonus": 6.0,
        "near_km": 150.0,
        "fallback_to_document_place": True,
        "relative_locations": True,
    },
)
def make_toponyms(
    nlp: Language,
    name: str,
    ent_labels: list[str],
    gazetteer_matches: bool,
    min_population: int,
    max_ngram: int,
    country_weight: float,
    admin1_weight: float,
    qualifier_bonus: float,
    near_km: float,
    fallback_to_document_place: bool,
    relative_locations: bool,
) -> ToponymResolver:
    recognize = RecognizeConfig(
        ent_labels=tuple(ent_labels),
        gazetteer_matches=gazetteer_matches,
        min_population=min_population,
        max_ngram=max_ngram,
    )
    resolve = ResolveConfig(
        country_weight=country_weight,
        admin1_weight=admin1_weight,
        qualifier_bonus=qualifier_bonus,
        near_km=near_km,
        fallback_to_document_place=fallback_to_document_place,
    )
    return ToponymResolver(recognize, resolve, relative_locations)

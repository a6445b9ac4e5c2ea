"""A small hand-built event database for the API, alert and browser tests (no model needed).

The articles are short texts written for these tests; every mention's evidence offsets are found in
its own article text, so the dashboard can highlight them. ``build_store(url)`` fills a database and
returns the ``Store``; ``EXPECTED`` names the figures the tests check.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

from sitrep.records import Actor, Article, Counts, EventMention, Evidence, Place, Source, TimeSpan
from sitrep.store import Store

__all__ = ["ARTICLES", "EXPECTED", "build_store", "mentions_for"]

USA = Actor("Military Forces of the United States", "External/Other forces", "USA")
ISIS = Actor("Islamic State", "Rebel group", None)
IRAQ = Actor("Military Forces of Iraq", "State forces", "IRQ")
PROTESTERS = Actor("Protesters (Nigeria)", "Protesters", "NGA")

PLACES = {
    "Sirte": Place("Sirte", 31.21, 16.59, "LY", "Sirt", 2, 2210247, "city"),
    "Misrata": Place("Misrata", 32.38, 15.09, "LY", "Misratah", 1, 2214846, "city"),
    "Mosul": Place("Mosul", 36.34, 43.13, "IQ", "Nineveh", 1, 99072, "city"),
    "Kirkuk": Place("Kirkuk", 35.47, 44.39, "IQ", "Kirkuk", 1, 94787, "city"),
    "Tikrit": Place("Tikrit", 34.60, 43.68, "IQ", "Salah ad Din", 1, 89933, "city"),
    "Ramadi": Place("Ramadi", 33.42, 43.30, "IQ", "Anbar", 1, 91534, "city"),
    "Fallujah": Place("Fallujah", 33.35, 43.78, "IQ", "Anbar", 1, 97270, "city"),
    "Baiji": Place("Baiji", 34.93, 43.49, "IQ", "Salah ad Din", 1, 99593, "city"),
    "Maiduguri": Place("Maiduguri", 11.85, 13.16, "NG", "Borno", 1, 2331447, "city"),
}


@dataclass
class Spec:
    """One mention to build: its sentence, the phrases that are evidence, and its coded fields."""

    sentence: str
    event_type: str
    sub_event_type: str
    trigger: str
    when: date | None
    place: str | None = None
    actor1: Actor | None = None
    actor1_text: str | None = None
    actor2: Actor | None = None
    actor2_text: str | None = None
    killed: int | None = None
    killed_text: str | None = None
    status: str = "actual"
    confidence: float = 0.7


@dataclass
class Doc:
    publisher: str
    published: date
    url: str
    specs: list[Spec] = field(default_factory=list)
    reported_by: str | None = None
    tail: str = "Officials gave no further details."


def _iraq_week() -> list[Spec]:
    """Six clashes in six Iraqi cities in the week of 2017-09-18 (a spike against a quiet baseline)."""
    out = []
    for i, city in enumerate(["Mosul", "Kirkuk", "Tikrit", "Ramadi", "Fallujah", "Baiji"]):
        out.append(
            Spec(
                f"Iraqi troops clashed with Islamic State fighters near {city} on day {i + 1} of the push.",
                "Battles",
                "Armed clash",
                "clashed",
                date(2017, 9, 18) + timedelta(days=i),
                city,
                IRAQ,
                "Iraqi troops",
                ISIS,
                "Islamic State fighters",
                confidence=0.55 + i * 0.05,
            )
        )
    return out


DOCS = [
    Doc(
        "Desert Wire",
        date(2017, 1, 20),
        "https://example.org/desert-wire/jan-strikes",
        specs=[
            Spec(
                "American bombers hit two Islamic State camps southwest of Sirte on Thursday night.",
                "Explosions/Remote violence",
                "Air/drone strike",
                "hit",
                date(2017, 1, 19),
                "Sirte",
                USA,
                "American bombers",
                ISIS,
                "two Islamic State camps",
                confidence=0.85,
            ),
        ],
    ),
    Doc(
        "Coastal Courier",
        date(2017, 6, 5),
        "https://example.org/courier/misrata-protest",
        specs=[
            Spec(
                "Hundreds of residents protested in Misrata against power cuts on Sunday.",
                "Protests",
                "Peaceful protest",
                "protested",
                date(2017, 6, 4),
                "Misrata",
                None,
                None,
                None,
                None,
                confidence=0.6,
            ),
        ],
    ),
    Doc("Frontline Digest", date(2017, 9, 24), "https://example.org/digest/iraq-week", specs=_iraq_week()),
    Doc(
        "Prairie Notes (blog)",
        date(2017, 10, 12),
        "https://example.org/prairie/regrouping",
        reported_by="Capital Times",
        specs=[
            Spec(
                "Islamic State fighters regrouped in the desert around Sirte in mid-September.",
                "Strategic developments",
                "Change to group/activity",
                "regrouped",
                date(2017, 9, 15),
                "Sirte",
                ISIS,
                "Islamic State fighters",
                None,
                None,
                confidence=0.5,
            ),
            Spec(
                "On Sept. 22 American jets struck an Islamic State camp near Sirte, killing 17 militants.",
                "Explosions/Remote violence",
                "Air/drone strike",
                "struck",
                date(2017, 9, 22),
                "Sirte",
                USA,
                "American jets",
                ISIS,
                "an Islamic State camp",
                17,
                "killing 17 militants",
                confidence=0.9,
            ),
            Spec(
                "The group was driven out of Sirte in December 2016 after months of fighting.",
                "Battles",
                "Government regains territory",
                "driven out",
                date(2016, 12, 6),
                "Sirte",
                None,
                None,
                ISIS,
                "The group",
                status="historical",
                confidence=0.4,
            ),
        ],
    ),
    Doc(
        "Desert Wire",
        date(2017, 9, 23),
        "https://example.org/desert-wire/sept-strike",
        specs=[
            Spec(
                "U.S. aircraft bombed an Islamic State encampment in the desert near Sirte on Friday.",
                "Explosions/Remote violence",
                "Air/drone strike",
                "bombed",
                date(2017, 9, 22),
                "Sirte",
                USA,
                "U.S. aircraft",
                ISIS,
                "an Islamic State encampment",
                confidence=0.8,
            ),
        ],
    ),
    Doc(
        "Lake Chad Monitor",
        date(2017, 9, 30),
        "https://example.org/monitor/maiduguri",
        specs=[
            Spec(
                "Gunmen kidnapped three aid workers near Maiduguri, the police said.",
                "Violence against civilians",
                "Abduction/forced disappearance",
                "kidnapped",
                date(2017, 9, 29),
                "Maiduguri",
                None,
                None,
                None,
                None,
                confidence=0.65,
            ),
            Spec(
                "Elsewhere, a roadside bomb went off somewhere in the region, witnesses said.",
                "Explosions/Remote violence",
                "Remote explosive/landmine/IED",
                "roadside bomb",
                date(2017, 9, 28),
                None,
                confidence=0.3,
            ),
            Spec(
                "Leaders said talks might one day end the conflict.",
                "Strategic developments",
                "Agreement",
                "talks",
                None,
                None,
                status="hypothetical",
                confidence=0.2,
            ),
        ],
    ),
]


def _article(doc: Doc) -> Article:
    headline = f"{doc.publisher}: report of {doc.published.isoformat()}"
    text = headline + "\n\n" + " ".join(s.sentence for s in doc.specs) + " " + doc.tail
    return Article(
        text=text,
        url=doc.url,
        publisher=doc.publisher,
        published=doc.published,
        title=headline,
        quoted_source=doc.reported_by,
        body_start=len(headline) + 2,
    )


def _span(text: str, phrase: str, start: int) -> tuple[int, int]:
    i = text.index(phrase, start)
    return i, i + len(phrase)


def mentions_for(doc: Doc, article: Article) -> list[EventMention]:
    aid, text = article.article_id, article.text
    out = []
    for spec in doc.specs:
        s0 = text.index(spec.sentence)
        evidence = [Evidence(aid, "sub_event_type", *_span(text, spec.trigger, s0), spec.trigger)]
        place = None
        if spec.place:
            p0, p1 = _span(text, spec.place, s0)
            base = PLACES[spec.place]
            place = Place(
                base.name,
                base.lat,
                base.lon,
                base.country,
                base.admin1,
                base.precision,
                base.geonameid,
                base.feature,
                spec.place,
                p0,
                p1,
            )
            evidence.append(Evidence(aid, "location", p0, p1, spec.place))
        actors = []
        for actor, phrase, name in (
            (spec.actor1, spec.actor1_text, "actor1"),
            (spec.actor2, spec.actor2_text, "actor2"),
        ):
            if actor and phrase:
                a0, a1 = _span(text, phrase, s0)
                actors.append(Actor(actor.name, actor.type, actor.country, phrase, a0, a1))
                evidence.append(Evidence(aid, name, a0, a1, phrase))
            else:
                actors.append(None)
        killed = Counts()
        if spec.killed is not None and spec.killed_text:
            k0, k1 = _span(text, spec.killed_text, s0)
            killed = Counts(spec.killed, spec.killed, spec.killed, spec.killed_text, k0, k1)
            evidence.append(Evidence(aid, "fatalities", k0, k1, spec.killed_text))
        when = TimeSpan(spec.when, spec.when, "day", None, "text") if spec.when else None
        out.append(
            EventMention(
                article_id=aid,
                event_type=spec.event_type,
                sub_event_type=spec.sub_event_type,
                status=spec.status,
                date=when,
                actor1=actors[0],
                actor2=actors[1],
                location=place,
                fatalities=killed,
                sources=(Source(aid, doc.url, doc.publisher, doc.reported_by),),
                evidence=tuple(evidence),
                confidence=spec.confidence,
                sentence_start=s0,
                sentence_end=s0 + len(spec.sentence),
                trigger=spec.trigger,
            )
        )
    return out


ARTICLES = [_article(doc) for doc in DOCS]


def build_store(url: str) -> Store:
    """A store holding ``DOCS`` (the Sept. 22 strike is reported by two articles and clusters into one)."""
    store = Store(url)
    for doc, article in zip(DOCS, ARTICLES, strict=True):
        store.add_article(article, mentions_for(doc, article))
    return store


#: Figures the tests check against the database built above.
EXPECTED = {
    "events": 14,  # 15 mentions; the two reports of the Sept. 22 strike are one event
    "with_location": 12,
    "countries": {"LY": 5, "IQ": 6, "NG": 1},
}

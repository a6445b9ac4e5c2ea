"""Who is speaking in each stretch of an article.

A news report speaks for its publisher. A blog post that quotes an outlet ("Washington Times:" followed by
the excerpt, or an HTML blockquote) speaks for that outlet inside the excerpt; the blogger's own paragraphs
after it are commentary, and page furniture ("Comments", "Popular posts from this blog") and reader
comments are nobody's report. Only ``report`` segments yield events.

The cues are data: ``data/attribution.json``.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

from ..records import Article
from . import extensions  # noqa: F401

__all__ = ["Attribution", "ROLES", "Segment", "segment_text"]

ROLES = ("report", "headline", "commentary", "furniture")
DATA_PATH = Path(__file__).parent / "data" / "attribution.json"


@dataclass(frozen=True)
class Segment:
    """A stretch [start, end) of the article text, with its role and the outlet it reports for."""

    start: int
    end: int
    role: str
    reported_by: str | None = None


@dataclass(frozen=True)
class _Cues:
    furniture: tuple[re.Pattern[str], ...]
    quote_intro: re.Pattern[str]
    quote_intro_max_words: int
    excerpt_break: re.Pattern[str]
    opinion: tuple[re.Pattern[str], ...]
    opinion_min: int

    @classmethod
    def load(cls, path: Path = DATA_PATH) -> _Cues:
        data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
        return cls(
            furniture=tuple(re.compile(p, re.I) for p in data["furniture_headings"]),
            quote_intro=re.compile(data["quote_intro"]["pattern"]),
            quote_intro_max_words=int(data["quote_intro"]["max_words"]),
            excerpt_break=re.compile(data["excerpt_break"]),
            opinion=tuple(re.compile(p) for p in data["opinion_cues"]),
            opinion_min=int(data["opinion_min_cues"]),
        )


def _paragraphs(text: str) -> list[tuple[int, int]]:
    """(start, end) of each non-blank line-run; a single newline also separates paragraphs."""
    spans = []
    for match in re.finditer(r"[^\n]+", text):
        if match.group().strip():
            spans.append((match.start(), match.end()))
    return spans


def _is_headline(text: str, span: tuple[int, int], index: int) -> bool:
    line = text[span[0] : span[1]].strip()
    return index == 0 and len(line.split()) <= 20 and not line.endswith((".", "?", "!", '"', "”", ":"))


def segment_text(article: Article, cues: _Cues | None = None) -> list[Segment]:
    """Split an article into segments by who is speaking."""
    cues = cues or _Cues.load()
    text = article.text
    default_source = article.quoted_source or article.publisher
    paragraphs = _paragraphs(text)
    roles: list[str] = ["report"] * len(paragraphs)
    outlets: list[str | None] = [default_source] * len(paragraphs)

    # 1. Page furniture: from the first furniture heading on, nothing is a report.
    for i, (s, e) in enumerate(paragraphs):
        if any(p.search(text[s:e].strip()) for p in cues.furniture):
            for j in range(i, len(paragraphs)):
                roles[j] = "furniture"
            break
    if paragraphs and _is_headline(text, paragraphs[0], 0) and len(paragraphs) > 1:
        roles[0] = "headline"

    # 2. Quoted excerpts marked up by the source (HTML blockquotes): quotes report, the rest comments.
    if article.quotes:
        for i, (s, e) in enumerate(paragraphs):
            if roles[i] != "report":
                continue
            inside = any(qs <= s and e <= qe for qs, qe in article.quotes)
            if inside:
                outlets[i] = _intro_before(text, paragraphs, i, cues, article.quotes) or default_source
            else:
                roles[i] = "commentary"
        return _merge(paragraphs, roles, outlets)

    # 3. "Outlet:" intro lines: the excerpt runs to the last "..." break; after it the blogger speaks.
    intro = next(
        (i for i, (s, e) in enumerate(paragraphs) if roles[i] == "report" and _outlet(text[s:e], cues)),
        None,
    )
    if intro is not None:
        outlet = _outlet(text[paragraphs[intro][0] : paragraphs[intro][1]], cues)
        roles[intro] = "headline"
        body = [i for i in range(intro + 1, len(paragraphs)) if roles[i] == "report"]
        breaks = [
            i for i in body if cues.excerpt_break.match(text[paragraphs[i][0] : paragraphs[i][1]].strip())
        ]
        end = breaks[-1] if breaks else _opinion_tail_start(text, paragraphs, body, cues)
        for i in body:
            if i >= end:
                roles[i] = "commentary"
            else:
                outlets[i] = outlet
        for i in breaks:
            roles[i] = "furniture"
        for i in range(0, intro):
            if roles[i] == "report":
                roles[i] = "headline"
    return _merge(paragraphs, roles, outlets)


def _outlet(paragraph: str, cues: _Cues) -> str | None:
    line = paragraph.strip()
    if len(line.split()) > cues.quote_intro_max_words:
        return None
    match = cues.quote_intro.match(line)
    return match.group("outlet").strip() if match else None


def _intro_before(
    text: str, paragraphs: list[tuple[int, int]], i: int, cues: _Cues, quotes: tuple[tuple[int, int], ...]
) -> str | None:
    for j in range(i - 1, -1, -1):
        s, e = paragraphs[j]
        if any(qs <= s and e <= qe for qs, qe in quotes):
            continue
        return _outlet(text[s:e], cues)
    return None


def _opinion_tail_start(text: str, paragraphs: list[tuple[int, int]], body: list[int], cues: _Cues) -> int:
    """Without an explicit break, trailing paragraphs full of opinion cues are the blogger's."""
    end = (body[-1] + 1) if body else len(paragraphs)
    for i in reversed(body):
        s, e = paragraphs[i]
        hits = sum(1 for p in cues.opinion if p.search(text[s:e]))
        if hits >= cues.opinion_min:
            end = i
        else:
            break
    return end


def _merge(paragraphs: list[tuple[int, int]], roles: list[str], outlets: list[str | None]) -> list[Segment]:
    segments: list[Segment] = []
    for (s, e), role, outlet in zip(paragraphs, roles, outlets, strict=True):
        outlet = outlet if role == "report" else None
        if segments and segments[-1].role == role and segments[-1].reported_by == outlet:
            segments[-1] = Segment(segments[-1].start, e, role, outlet)
        else:
            segments.append(Segment(s, e, role, outlet))
    return segments


class Attribution:
    """spaCy component: sets ``doc._.sitrep_segments`` from the article metadata and the text."""

    def __init__(self, cues_path: str | None = None) -> None:
        self.cues = _Cues.load(Path(cues_path) if cues_path else DATA_PATH)

    def __call__(self, doc: Doc) -> Doc:
        article = doc._.sitrep_article or Article(text=doc.text)
        if article.text != doc.text:
            article = Article(text=doc.text, publisher=article.publisher, quoted_source=article.quoted_source)
        doc._.sitrep_segments = segment_text(article, self.cues)
        return doc


@Language.factory(
    "sitrep_attribution_v1",
    assigns=["doc._.sitrep_segments"],
    default_config={"cues_path": None},
)
def make_attribution(nlp: Language, name: str, cues_path: str | None) -> Attribution:
    return Attribution(cues_path)


def mark_paragraph_starts(doc: Doc) -> Doc:
    """A line break starts a new sentence: headlines, intro lines and paragraphs never run together."""
    for token in doc[1:]:
        previous = doc[token.i - 1]
        if token.is_space:
            continue
        if "\n" in previous.whitespace_ or (previous.is_space and "\n" in previous.text):
            token.is_sent_start = True
    return doc


@Language.component("sitrep_paragraphs_v1", assigns=["token.is_sent_start"])
def paragraphs_component(doc: Doc) -> Doc:
    return mark_paragraph_starts(doc)

"""Paths and builders shared by the tests."""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
DATA = SHARED / "data"
SAMPLE = SHARED / "samples" / "prairie-pundit-2017-10-12.txt"
FIXTURES = Path(__file__).resolve().parent / "fixtures"


def shared_file(relative: str) -> Path:
    """A file of ../shared, or skip the test when this checkout has none."""
    path = SHARED / relative
    if not path.exists():
        pytest.skip(f"{path} is not available")
    return path


def sample_blog_html() -> str:
    """The sample blog post rebuilt as an HTML page with a sidebar, footer and reader comments.

    The page is assembled at test time from ../shared/samples, so no shared text is copied into the
    repository: the quoted excerpt goes into a blockquote, the blogger's paragraphs after it.
    """
    text = shared_file("samples/prairie-pundit-2017-10-12.txt").read_text(encoding="utf-8")
    paragraphs = [p.strip() for p in text.split("\n") if p.strip()]
    title = paragraphs[0]
    intro = paragraphs[1]
    end = paragraphs.index("Comments")
    body = paragraphs[2:end]
    last_break = max(i for i, p in enumerate(body) if re.fullmatch(r"\.\.\.|…", p))
    quoted = [p for p in body[:last_break] if p not in ("...", "…")]
    commentary = body[last_break + 1 :]
    template = (FIXTURES / "blog_template.html").read_text(encoding="utf-8")
    return template.format(
        title=html.escape(title),
        intro=html.escape(intro),
        quoted="\n".join(f"<p>{html.escape(p)}</p>" for p in quoted),
        commentary="\n".join(f"<p>{html.escape(p)}</p>" for p in commentary),
    )


def parsed_doc(words, heads=None, deps=None, pos=None, tags=None, lemmas=None):
    """One hand-annotated sentence (no model): absolute head indices, dependency labels, coarse and fine
    part-of-speech tags and lemmas, each optional."""
    import spacy
    from spacy.tokens import Doc

    return Doc(
        spacy.blank("en").vocab,
        words=words,
        heads=heads,
        deps=deps,
        pos=pos,
        tags=tags,
        lemmas=lemmas,
        sent_starts=[True] + [False] * (len(words) - 1),
    )

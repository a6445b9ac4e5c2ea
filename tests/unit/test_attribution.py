"""Attribution: who speaks in each stretch of an article."""

from __future__ import annotations

import spacy

from sitrep.nlp.attribution import mark_paragraph_starts, segment_text
from sitrep.records import Article

BLOG = """Rebels regroup near the border

Daily Courier:
Rebels attacked an army post near Kidal on Tuesday, killing four soldiers.

Officials said the rebels fled north.
...
Residents told the Courier that markets reopened.
...
I think this shows our policy failed. We should have seen it coming, my friends.

Comments

Popular posts from this blog

Army shells village, says reader
"""


def _roles(article: Article) -> list[tuple[str, str | None, str]]:
    return [(s.role, s.reported_by, article.text[s.start : s.end]) for s in segment_text(article)]


def test_attribution_blog_excerpt_reports_for_quoted_outlet():
    article = Article(text=BLOG, publisher="Some Blog")
    roles = _roles(article)
    reports = [r for r in roles if r[0] == "report"]
    assert reports and all(outlet == "Daily Courier" for _role, outlet, _t in reports)
    assert any("Kidal" in t for _r, _o, t in reports)
    assert any("markets reopened" in t for _r, _o, t in reports)


def test_attribution_blogger_tail_and_furniture_are_not_reports():
    roles = _roles(Article(text=BLOG))
    by_text = {t.split("\n")[0]: role for role, _o, t in roles}
    assert (
        by_text["I think this shows our policy failed. We should have seen it coming, my friends."]
        == "commentary"
    )
    assert by_text["Comments"] == "furniture"
    assert not any(role == "report" and "Army shells village" in t for role, _o, t in roles)
    assert roles[0][0] == "headline"


def test_attribution_plain_news_reports_for_publisher():
    text = "Police fired tear gas at protesters in Nairobi on Monday.\nTwo people were hurt."
    (segment,) = segment_text(Article(text=text, publisher="Wire Service"))
    assert (segment.role, segment.reported_by) == ("report", "Wire Service")


def test_attribution_quoted_source_metadata_wins_without_intro():
    (segment,) = segment_text(
        Article(text="Jets struck a depot near Idlib.", publisher="Blog", quoted_source="AP")
    )
    assert segment.reported_by == "AP"


def test_attribution_without_break_opinion_tail_is_commentary():
    text = "Wire Daily:\nTroops clashed with rebels in Beni.\nI think my government and our media failed us."
    roles = _roles(Article(text=text))
    assert [r[0] for r in roles] == ["headline", "report", "commentary"]


def test_attribution_html_quotes_report_rest_comments():
    text = "Wire Daily:\n\nTroops clashed with rebels in Beni.\n\nWhat a shame, I say."
    start = text.index("Troops")
    article = Article(text=text, quotes=((start, start + len("Troops clashed with rebels in Beni.")),))
    roles = _roles(article)
    assert ("report", "Wire Daily", "Troops clashed with rebels in Beni.") in roles
    assert roles[-1][0] == "commentary"


def test_attribution_line_breaks_start_sentences():
    nlp = spacy.blank("en")
    doc = mark_paragraph_starts(nlp("Headline without a stop\nThe body starts here"))
    starts = [t.text for t in doc if t.is_sent_start]
    assert "The" in starts

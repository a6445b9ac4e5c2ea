"""Readers: every input kind to Article, and one clear error per bad input."""

from __future__ import annotations

import gzip
import json
from datetime import date

import pytest

from sitrep.errors import EmptyInput, EncodingError, InputError, SchemaError, UnsupportedInput
from sitrep.ingest.readers import iter_inputs, parse_date, read_path
from tests.helpers import sample_blog_html


def test_readers_text_with_sidecar_metadata(tmp_path):
    (tmp_path / "a.txt").write_text("Gunmen killed two farmers in Kaduna on Monday.", encoding="utf-8")
    meta = {
        "url": "http://x.test/a",
        "publisher": "Daily Test",
        "published": "2021-03-04",
        "quoted_source": "AFP",
    }
    (tmp_path / "a.json").write_text(json.dumps(meta), encoding="utf-8")
    (article,) = read_path(tmp_path / "a.txt")
    assert article.publisher == "Daily Test"
    assert article.published == date(2021, 3, 4)
    assert article.quoted_source == "AFP"
    assert article.url == "http://x.test/a"


def test_readers_article_id_is_content_hash(tmp_path):
    (tmp_path / "a.txt").write_text("Same text.\n", encoding="utf-8")
    (tmp_path / "b.txt").write_text("Same   text.", encoding="utf-8")
    (a,) = read_path(tmp_path / "a.txt")
    (b,) = read_path(tmp_path / "b.txt")
    assert a.article_id == b.article_id


def test_readers_jsonl_keeps_good_lines_and_reports_bad_ones(tmp_path):
    path = tmp_path / "news.jsonl"
    lines = [
        json.dumps(
            {"text": "Troops clashed with rebels.", "published": "2020-05-01T10:00:00Z", "title": "T"}
        ),
        "{not json",
        json.dumps({"title": "no text here"}),
        json.dumps({"body": "Protesters rallied in Nairobi.", "source": "Wire"}),
    ]
    path.write_text("\n".join(lines), encoding="utf-8")
    results = [item for _origin, item in iter_inputs([path])]
    articles = [r for r in results if not isinstance(r, InputError)]
    errors = [r for r in results if isinstance(r, InputError)]
    assert [a.text for a in articles] == ["Troops clashed with rebels.", "Protesters rallied in Nairobi."]
    assert articles[0].published == date(2020, 5, 1)
    assert articles[1].publisher == "Wire"
    assert len(errors) == 2 and "news.jsonl:2" in str(errors[0]) and "news.jsonl:3" in str(errors[1])


def test_readers_csv_gz_with_text_column(tmp_path):
    path = tmp_path / "news.csv.gz"
    path.write_bytes(gzip.compress(b'date,text,source\n2019-04-10,"Rockets hit Idlib.",Guardian\n'))
    (article,) = read_path(path)
    assert article.text == "Rockets hit Idlib." and article.publisher == "Guardian"
    assert article.published == date(2019, 4, 10)


@pytest.mark.parametrize(
    ("name", "content", "error", "words"),
    [
        ("bin.txt", b"\x00\x01\x02\x03PNG\x00" * 50, UnsupportedInput, "binary"),
        ("latin.txt", "Caf\u00e9 bomb\u00e9 in Algiers".encode("cp1252"), EncodingError, "--encoding"),
        ("empty.txt", b"   \n", EmptyInput, "empty"),
        ("cols.csv", b"a,b\n1,2\n", SchemaError, "text column"),
        ("broken.html", b"<html><body><div></div></body>", InputError, "HTML"),
    ],
)
def test_readers_bad_input_gives_one_line_error(tmp_path, name, content, error, words):
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(error) as info:
        read_path(path)
    message = str(info.value)
    assert "\n" not in message and str(path) in message and words in message


def test_readers_encoding_option_decodes(tmp_path):
    path = tmp_path / "latin.txt"
    path.write_bytes("Caf\u00e9 bomb\u00e9 in Algiers".encode("cp1252"))
    (article,) = read_path(path, encoding="cp1252")
    assert article.text.startswith("Caf\u00e9")


def test_readers_folder_mixed_good_and_bad(tmp_path):
    (tmp_path / "good.txt").write_text("Police arrested a journalist in Harare.", encoding="utf-8")
    (tmp_path / "bad.txt").write_bytes(b"\x00" * 100)
    (tmp_path / "good.json").write_text('{"published": "2020-01-02"}', encoding="utf-8")
    results = list(iter_inputs([tmp_path, tmp_path / "missing.txt"]))
    kinds = sorted(type(item).__name__ for _o, item in results)
    assert kinds == ["Article", "InputError", "UnsupportedInput"]


def test_readers_html_blog_drops_furniture_and_comments():
    from sitrep.ingest.html import article_from_html

    article = article_from_html(sample_blog_html(), "blog.html")
    assert article.published == date(2017, 10, 12)
    assert article.url == "http://blog.example.org/2017/10/refuge.html"
    assert "Popular posts" not in article.text
    assert "Reader One" not in article.text and "wrong village" not in article.text
    assert "Powered by" not in article.text
    ((start, end),) = article.quotes
    assert "Sept. 22" in article.text[start:end]
    assert "strategic blunder" not in article.text[start:end]
    assert "strategic blunder" in article.text[end:]


@pytest.mark.parametrize(
    ("value", "expected"),
    [("2017-10-12", date(2017, 10, 12)), ("2025-03-14 20:30:26Z", date(2025, 3, 14)),
     ("9-May-20", date(2020, 5, 9)), ("21 March 2020", date(2020, 3, 21)), ("", None), ("soon", None)],
)  # fmt: skip
def test_readers_parse_date(value, expected):
    assert parse_date(value) == expected


def test_readers_html_reads_sidecar_metadata(tmp_path):
    page = sample_blog_html()
    (tmp_path / "post.html").write_text(page, encoding="utf-8")
    meta = '{"quoted_source": "Wire Daily", "publisher": "A Blog"}'
    (tmp_path / "post.json").write_text(meta, encoding="utf-8")
    (article,) = read_path(tmp_path / "post.html")
    assert article.quoted_source == "Wire Daily" and article.publisher == "A Blog"
    assert article.published == date(2017, 10, 12) and article.quotes


def test_readers_odd_metadata_types_and_nul_characters(tmp_path):
    path = tmp_path / "odd.jsonl"
    record = {"text": "Update\u0000: gunmen killed five.", "publisher": 5}
    path.write_text(json.dumps(record) + "\n", encoding="utf-8")
    (article,) = read_path(path)
    assert article.text == "Update: gunmen killed five." and article.publisher == "5"


def test_readers_html_line_breaks_separate_sentences():
    from sitrep.ingest.html import article_from_html

    body = "<p>Rebels shelled the town of Beni on Monday morning.<br>Police arrested two men later.</p>"
    page = f"<html><head><title>Beni</title></head><body><article>{body * 3}</article></body></html>"
    article = article_from_html(page, "br.html")
    assert "Monday morning.Police" not in article.text
    assert "Monday morning.\nPolice" in article.text

"""Exports: ACLED column order, GeoJSON FeatureCollection, Parquet via pyarrow, PLOVER JSONL."""

from __future__ import annotations

import csv
import io
import json
from datetime import date
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from sitrep.export import REPORTED_REMARK, acled_columns, export
from sitrep.records import Actor, Article, Counts, EventMention, Evidence, Place, Source, TimeSpan
from sitrep.store import Store

SHARED_DATA = Path(__file__).resolve().parents[2].parent / "shared" / "data"


@pytest.fixture
def records(tmp_path: Path) -> list[dict]:
    with Store(str(tmp_path / "x.db")) as store:
        for i, (sub, etype, place, basis) in enumerate(
            [
                (
                    "Air/drone strike",
                    "Explosions/Remote violence",
                    Place("Sirte", 31.2, 16.6, "LY", precision=2),
                    "text",
                ),
                ("Arrests", "Strategic developments", None, "reported"),
            ]
        ):
            art = Article(
                text=f"Article {i}: jets struck the camp on Friday.",
                publisher=f"Outlet {i}",
                url=f"https://o.example/{i}",
                published=date(2024, 3, 9),
            )
            aid = art.article_id
            store.add_article(
                art,
                [
                    EventMention(
                        article_id=aid,
                        event_type=etype,
                        sub_event_type=sub,
                        status="actual",
                        date=TimeSpan(date(2024, 3, 7), date(2024, 3, 7), "day", "Friday", basis),
                        actor1=Actor("Military Forces of Libya", "State forces", "LBY"),
                        actor2=Actor("Islamic State", "Rebel group"),
                        location=place,
                        fatalities=Counts(6, 6, 6, "six"),
                        sources=(Source(aid, art.url, art.publisher, "Wire"),),
                        evidence=(Evidence(aid, "sub_event_type", 15, 26, "jets struck"),),
                        confidence=0.7,
                        sentence_start=0,
                        sentence_end=len(art.text),
                    )
                ],
            )
        return store.events()


def test_export_acled_columns_match_acled_header() -> None:
    path = SHARED_DATA / "acled" / "global_2020_05.csv"
    if not path.exists():
        pytest.skip("shared ACLED data not present")
    with open(path, encoding="utf-8") as fh:
        header = next(csv.reader(fh))
    assert list(acled_columns()) == header


def test_export_acled_csv(records: list[dict], tmp_path: Path) -> None:
    out = tmp_path / "e.csv"
    assert export(records, "acled-csv", out) == 2
    rows = list(csv.DictReader(out.open(encoding="utf-8")))
    assert list(rows[0]) == list(acled_columns())
    strike, arrest = rows
    assert (strike["iso"], strike["iso3"], strike["country"]) == ("434", "LBY", "Libya")
    assert (strike["inter1"], strike["inter2"], strike["interaction"]) == ("1", "2", "12")
    assert (strike["latitude"], strike["longitude"], strike["geo_precision"]) == ("31.2", "16.6", "2")
    assert strike["source"] == "Wire; Outlet 0" and strike["fatalities"] == "6"
    assert strike["event_date"] == "2024-03-07" and strike["time_precision"] == "1"
    assert REPORTED_REMARK not in strike["notes"] and arrest["notes"].endswith(REPORTED_REMARK)


def test_export_geojson(records: list[dict], tmp_path: Path) -> None:
    out = tmp_path / "e.geojson"
    export(records, "geojson", out)
    data = json.loads(out.read_text())
    assert data["type"] == "FeatureCollection"
    strike, arrest = data["features"]
    assert strike["geometry"] == {"type": "Point", "coordinates": [16.6, 31.2]}
    assert arrest["geometry"] is None and arrest["properties"]["date_basis"] == "reported"
    gpd = pytest.importorskip("geopandas")
    frame = gpd.read_file(out)
    assert len(frame) == 2 and list(frame["sub_event_type"]) == ["Air/drone strike", "Arrests"]


def test_export_parquet(records: list[dict], tmp_path: Path) -> None:
    out = tmp_path / "e.parquet"
    export(records, "parquet", out)
    table = pq.read_table(out)
    assert table.num_rows == 2
    assert table.column("date_start").to_pylist() == [date(2024, 3, 7)] * 2
    assert table.column("date_basis").to_pylist() == ["text", "reported"]
    assert table.column("lat").to_pylist() == [31.2, None]
    assert json.loads(table.column("sources_json")[0].as_py())[0]["reported_by"] == "Wire"
    empty = tmp_path / "empty.parquet"
    export([], "parquet", empty)
    assert pq.read_table(empty).num_rows == 0


def test_export_plover_jsonl(records: list[dict]) -> None:
    buffer = io.StringIO()
    from sitrep.export.formats import write_plover_jsonl

    write_plover_jsonl(records, buffer)
    strike, arrest = (json.loads(line) for line in buffer.getvalue().splitlines())
    assert (strike["event"], strike["mode"]) == ("ASSAULT", "aerial")
    assert (arrest["event"], arrest["mode"], arrest["date_basis"]) == ("COERCE", "arrest", "reported")
    assert (
        strike["source"]["code"] == "LBY" and strike["location"]["lat"] == 31.2 and arrest["location"] is None
    )


def test_export_rejects_unknown_format(records: list[dict]) -> None:
    with pytest.raises(ValueError):
        export(records, "xml")

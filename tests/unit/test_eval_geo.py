"""Readers and error handling of the geography evaluations (synthetic files, no model)."""

import gzip
import json

import pytest

from sitrep.errors import GoldDataError
from sitrep.evaluate import event_location, geoparsing


def test_eval_geo_geoxml_reader_moves_offsets_onto_the_phrase(tmp_path):
    text = "Rain fell on Sirte today."
    xml = f"""<articles><article docid="1"><text>{text}</text><toponyms><toponym>
      <start>11</start><end>16</end><phrase>Sirte</phrase>
      <gaztag geonameid="2210554"><lat>31.2</lat><lon>16.6</lon></gaztag></toponym></toponyms>
      </article></articles>"""
    path = tmp_path / "g.xml"
    path.write_text(xml, encoding="utf-8")
    (doc,) = geoparsing.read_geoxml(path)
    (top,) = doc.toponyms
    assert text[top.start : top.end] == "Sirte"
    assert doc.shifted == 1 and top.geonameid == 2210554 and top.lat == 31.2


def test_eval_geo_gwn_reader_reads_types(tmp_path):
    xml = """<articles><article file="0"><text>Paris said no.</text><toponyms><toponym>
      <extractedName>Paris</extractedName><type>Metonymic</type><start>0</start><end>5</end>
      <geonamesID>2988507</geonamesID><latitude>48.85</latitude><longitude>2.35</longitude>
      </toponym></toponyms></article></articles>"""
    path = tmp_path / "gwn.xml"
    path.write_text(xml, encoding="utf-8")
    (doc,) = geoparsing.read_gwn(path)
    assert doc.toponyms[0].kind == "Metonymic" and doc.toponyms[0].geonameid == 2988507


@pytest.mark.parametrize(
    "content", ["<root/>", "not xml", "<articles><article><title/></article></articles>"]
)
def test_eval_geo_wrong_layout_raises_gold_data_error(tmp_path, content):
    path = tmp_path / "bad.xml"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(GoldDataError):
        geoparsing.read_geoxml(path)


def test_eval_geo_gwn_reader_rejects_lgl_layout(tmp_path):
    xml = (
        "<articles><article><text>x</text><toponyms><toponym><start>0</start><end>1</end>"
        "<phrase>x</phrase></toponym></toponyms></article></articles>"
    )
    path = tmp_path / "lgl.xml"
    path.write_text(xml, encoding="utf-8")
    with pytest.raises(GoldDataError, match="geoxml"):
        geoparsing.read_gwn(path)


def test_eval_geo_auc_of_errors_bounds():
    assert geoparsing.auc_of_errors([0.0, 0.0, 0.0]) == 0.0
    assert geoparsing.auc_of_errors([20039.0, 20039.0]) == pytest.approx(1.0, abs=1e-4)


def test_eval_geo_event_location_reader_accepts_gzip_and_checks_fields(tmp_path):
    rec = {
        "text": "Bombs hit Sirte.",
        "tokens": [{"text": "Bombs", "start": 0, "end": 5, "id": 0}],
        "spans": [{"token_start": 1, "token_end": 1, "label": "VERB"}],
    }
    path = tmp_path / "el.jsonl.gz"
    with gzip.open(path, "wt", encoding="utf-8") as handle:
        handle.write(json.dumps(rec) + "\n")
    assert event_location.read_records(path)[0]["text"] == "Bombs hit Sirte."
    bad = tmp_path / "bad.jsonl"
    bad.write_text(json.dumps({"text": "x"}) + "\n", encoding="utf-8")
    with pytest.raises(GoldDataError):
        event_location.read_records(bad)

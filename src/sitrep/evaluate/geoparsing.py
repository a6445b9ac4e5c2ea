"""Geoparsing evaluation on LGL / TR-News (``evaluate_geoxml``) and GeoWebNews (``evaluate_gwn``) files.

Measures, each over the gold toponyms that have coordinates unless said otherwise:

* resolution given the gold spans: ``resolution_acc_161km`` (share within 161 km = 100 miles of the
  gold point, plain distance); ``resolution_acc_161km_or_id`` also counts a prediction with the gold
  GeoNames id as exact (an area's point follows a convention: ours is described in
  ``scripts/build_gazetteer.py``; reported beside the distance measure, never instead of it),
  ``resolution_median_km``, ``resolution_auc`` (area under the curve of sorted log errors, normalised
  by log(20039 km), as in Gritta et al.; lower is better), ``country_accuracy`` and ``geonameid_exact``
  (over gold toponyms with a known country / GeoNames id); an unresolved toponym counts 20039 km;
* recognition by the pipeline: ``recognition_precision/recall/f1`` (exact character offsets);
* ``end_to_end_acc_161km``: recognised exactly and resolved within 161 km.

Gold offsets are checked against the annotated phrase and moved by up to ``OFFSET_SLACK`` characters
onto it when they are off (``offsets_shifted`` counts them).
"""

from __future__ import annotations

import math
import statistics
import sys
import xml.etree.ElementTree as ET
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from ..errors import GoldDataError
from ..geo.gazetteer import Gazetteer, get_gazetteer
from ..geo.lexicon import get_lexicon
from ..geo.normalize import name_key
from ..geo.resolve import Mention, ResolveConfig, haversine_km, resolve_mentions, to_place

__all__ = ["GWN_TOPONYM_TYPES", "evaluate", "evaluate_geoxml", "evaluate_gwn", "read_geoxml", "read_gwn"]

MAX_ERROR_KM = 20039.0
OFFSET_SLACK = 12
#: GeoWebNews annotation types that are toponyms (the others are common nouns such as "church").
GWN_TOPONYM_TYPES = frozenset(
    {
        "Literal",
        "Metonymic",
        "Mixed",
        "Coercion",
        "Literal_Modifier",
        "Non_Literal_Modifier",
        "Embedded_Literal",
        "Embedded_Non_Lit",
        "Demonym",
        "Homonym",
    }
)


@dataclass
class GoldToponym:
    start: int
    end: int
    phrase: str
    lat: float | None = None
    lon: float | None = None
    geonameid: int | None = None
    country: str | None = None  # name (LGL) or None
    kind: str = "Literal"


@dataclass
class GoldDoc:
    doc_id: str
    text: str
    toponyms: list[GoldToponym] = field(default_factory=list)
    shifted: int = 0


def _fix_offsets(doc: GoldDoc) -> None:
    for t in doc.toponyms:
        if doc.text[t.start : t.end] == t.phrase:
            continue
        best = None
        lo = max(0, t.start - OFFSET_SLACK)
        i = doc.text.find(t.phrase, lo, t.end + OFFSET_SLACK + len(t.phrase))
        while i != -1 and i <= t.start + OFFSET_SLACK:
            if best is None or abs(i - t.start) < abs(best - t.start):
                best = i
            i = doc.text.find(t.phrase, i + 1, t.end + OFFSET_SLACK + len(t.phrase))
        if best is not None:
            t.start, t.end = best, best + len(t.phrase)
            doc.shifted += 1


def _parse(path: Path) -> ET.Element:
    if not path.exists():
        raise GoldDataError(f"{path}: no such file; pass a gold file in the LGL/TR-News or GeoWebNews layout")
    try:
        root = ET.parse(path).getroot()
    except ET.ParseError as exc:
        raise GoldDataError(f"{path}: not well-formed XML ({exc}); pass the gold file unchanged") from exc
    if root.tag != "articles" or root.find("article") is None:
        raise GoldDataError(f"{path}: expected <articles><article>... as in LGL, TR-News or GeoWebNews")
    return root


def _float(el: ET.Element | None) -> float | None:
    if el is None or not (el.text or "").strip():
        return None
    try:
        return float(el.text)  # type: ignore[arg-type]
    except ValueError:
        return None


def _int(value: str | None) -> int | None:
    try:
        return int(value) if value and value.strip() else None
    except ValueError:
        return None


def read_geoxml(path: Path) -> list[GoldDoc]:
    """Articles of an LGL / TR-News file (``<toponym><start><end><phrase><gaztag>...``)."""
    root = _parse(path)
    docs: list[GoldDoc] = []
    for k, art in enumerate(root.iter("article")):
        text_el, tops = art.find("text"), art.find("toponyms")
        if text_el is None or tops is None:
            raise GoldDataError(
                f"{path}: article {k} has no <text> or <toponyms>; is this a GeoWebNews file (use gwn)?"
            )
        doc = GoldDoc(art.get("docid") or str(k), text_el.text or "")
        for top in tops.iter("toponym"):
            start, end, phrase = top.findtext("start"), top.findtext("end"), top.findtext("phrase")
            if start is None or end is None or phrase is None:
                raise GoldDataError(
                    f"{path}: a <toponym> in article {doc.doc_id} lacks <start>, <end> or <phrase>"
                )
            gaz = top.find("gaztag")
            t = GoldToponym(int(start), int(end), phrase)
            if gaz is not None:
                t.geonameid = _int(gaz.get("geonameid"))
                t.lat, t.lon = _float(gaz.find("lat")), _float(gaz.find("lon"))
                t.country = gaz.findtext("country")
            doc.toponyms.append(t)
        _fix_offsets(doc)
        docs.append(doc)
    return docs


def read_gwn(path: Path) -> list[GoldDoc]:
    """Articles of a GeoWebNews file (``<toponym><extractedName><type>...<start><end>...``)."""
    root = _parse(path)
    docs: list[GoldDoc] = []
    for k, art in enumerate(root.iter("article")):
        text_el, tops = art.find("text"), art.find("toponyms")
        if text_el is None or tops is None:
            raise GoldDataError(f"{path}: article {k} has no <text> or <toponyms>")
        doc = GoldDoc(art.get("file") or str(k), text_el.text or "")
        for top in tops.iter("toponym"):
            start, end, phrase = top.findtext("start"), top.findtext("end"), top.findtext("extractedName")
            if start is None or end is None or phrase is None:
                raise GoldDataError(
                    f"{path}: a <toponym> in article {doc.doc_id} lacks <start>, <end> or <extractedName>; "
                    "is this an LGL/TR-News file (use geoxml)?"
                )
            t = GoldToponym(int(start), int(end), phrase, kind=top.findtext("type") or "")
            t.geonameid = _int(top.findtext("geonamesID"))
            t.lat, t.lon = _float(top.find("latitude")), _float(top.find("longitude"))
            doc.toponyms.append(t)
        _fix_offsets(doc)
        docs.append(doc)
    return docs


def _progress(items: list, progress: bool, desc: str) -> Iterable:
    if not progress:
        return items
    from tqdm import tqdm

    return tqdm(items, desc=desc, file=sys.stderr)


def _gold_country(t: GoldToponym, gaz: Gazetteer) -> str | None:
    if t.geonameid:
        c = gaz.by_geonameid(t.geonameid)
        if c is not None and c.country:
            return c.country
    if t.country:
        for c in gaz.lookup(t.country):
            if c.level == "country":
                return c.country
    return None


def auc_of_errors(errors: list[float]) -> float:
    """Area under the sorted log-error curve, normalised to [0, 1] (0 is perfect)."""
    if len(errors) < 2:
        return 0.0 if not errors else math.log(errors[0] + 1) / math.log(MAX_ERROR_KM)
    ys = np.log(np.sort(np.asarray(errors)) + 1.0)
    return float(np.trapezoid(ys, dx=1.0) / ((len(ys) - 1) * math.log(MAX_ERROR_KM)))


def _mention(t: GoldToponym, lex, gaz: Gazetteer) -> Mention:
    key = name_key(t.phrase)
    if key in lex.demonyms and (t.kind == "Demonym" or not gaz.contains(t.phrase)):
        return Mention(t.start, t.end, t.phrase, "demonym", lex.demonyms.get(key))
    return Mention(t.start, t.end, t.phrase)


def _evaluate(
    docs: list[GoldDoc],
    recognize_types: frozenset[str] | None,
    *,
    progress: bool,
    desc: str,
    config: ResolveConfig | None = None,
    recognition: bool = True,
) -> dict:
    gaz, lex = get_gazetteer(), get_lexicon()
    errors: list[float] = []
    raw_errors: list[float] = []
    country_hits = country_n = gid_hits = gid_n = 0
    for doc in _progress(docs, progress, desc + " resolution"):
        gold = [t for t in doc.toponyms if t.lat is not None and t.lon is not None]
        mentions = [_mention(t, lex, gaz) for t in gold]
        results = resolve_mentions(doc.text, mentions, gaz, lex, config)
        for t, m, r in zip(gold, mentions, results, strict=True):
            place = to_place(r, m, gaz)
            err = MAX_ERROR_KM if place is None else haversine_km(t.lat, t.lon, place.lat, place.lon)  # type: ignore[arg-type]
            raw_errors.append(err)
            if place is not None and t.geonameid and place.geonameid == t.geonameid:
                err = 0.0  # the gold entry itself, whichever point convention its area uses
            errors.append(err)
            country = _gold_country(t, gaz)
            if country:
                country_n += 1
                country_hits += int(place is not None and place.country == country)
            if t.geonameid:
                gid_n += 1
                gid_hits += int(place is not None and place.geonameid == t.geonameid)

    # Recognition and end to end, with the real pipeline.
    from ..geo import component  # noqa: F401  (registers the factory)
    from ..nlp.pipeline import load_model

    nlp = load_model()
    nlp.add_pipe("sitrep_toponyms_v1", config={"relative_locations": False})
    tp = n_pred = n_gold = e2e_hits = 0
    texts = [d.text for d in docs]
    for doc, sdoc in zip(
        docs, _progress(list(nlp.pipe(texts, batch_size=16)), progress, desc + " recognition"), strict=True
    ):
        predicted = {(s.start_char, s.end_char): s._.sitrep_place for s in sdoc._.sitrep_toponyms}
        gold_spans = [t for t in doc.toponyms if recognize_types is None or t.kind in recognize_types]
        gold_keys = {(t.start, t.end) for t in gold_spans}
        n_pred += len(predicted)
        n_gold += len(gold_keys)
        tp += len(gold_keys & set(predicted))
        for t in doc.toponyms:
            if t.lat is None or t.lon is None:
                continue
            place = predicted.get((t.start, t.end))
            if place is not None and haversine_km(t.lat, t.lon, place.lat, place.lon) <= 161.0:  # type: ignore[arg-type]
                e2e_hits += 1

    n = len(errors)
    precision = tp / n_pred if n_pred else 0.0
    recall = tp / n_gold if n_gold else 0.0
    return {
        "n_docs": len(docs),
        "n_gold": n,
        "resolution_acc_161km": round(sum(e <= 161.0 for e in raw_errors) / n, 4) if n else 0.0,
        "resolution_median_km": round(statistics.median(raw_errors), 2) if n else 0.0,
        "resolution_auc": round(auc_of_errors(raw_errors), 4),
        "resolution_acc_161km_or_id": round(sum(e <= 161.0 for e in errors) / n, 4) if n else 0.0,
        "country_accuracy": round(country_hits / country_n, 4) if country_n else 0.0,
        "geonameid_exact": round(gid_hits / gid_n, 4) if gid_n else 0.0,
        "recognition_precision": round(precision, 4),
        "recognition_recall": round(recall, 4),
        "recognition_f1": round(2 * precision * recall / (precision + recall), 4)
        if precision + recall
        else 0.0,
        "end_to_end_acc_161km": round(e2e_hits / n, 4) if n else 0.0,
        "offsets_shifted": sum(d.shifted for d in docs),
    }


def evaluate_geoxml(path: Path, *, progress: bool = False, limit: int | None = None) -> dict:
    """Measure on an LGL / TR-News file; ``limit`` keeps the first N articles."""
    docs = read_geoxml(Path(path))[:limit]
    return _evaluate(docs, None, progress=progress, desc="geoxml")


def evaluate_gwn(path: Path, *, progress: bool = False, limit: int | None = None) -> dict:
    """Measure on a GeoWebNews file; ``limit`` keeps the first N articles."""
    docs = read_gwn(Path(path))[:limit]
    return _evaluate(docs, GWN_TOPONYM_TYPES, progress=progress, desc="gwn")


def evaluate(path: Path, *, progress: bool = False, limit: int | None = None) -> dict:
    """Either layout, told apart by the first toponym's fields."""
    root = _parse(Path(path))
    first = root.find(".//toponym")
    if first is not None and first.find("extractedName") is not None:
        return evaluate_gwn(path, progress=progress, limit=limit)
    return evaluate_geoxml(path, progress=progress, limit=limit)

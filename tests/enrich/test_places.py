"""GeoNames resolution of place names: countries, aliases, ambiguous cities ranked by the article's places."""

from __future__ import annotations

from newsdesk.enrich.places import canonical_country, gazetteer_cities, resolve_place, resolve_places


def test_country_aliases_resolve_to_the_geonames_country() -> None:
    for alias in ("US", "U.S.", "USA", "America", "United States", "the United States"):
        place = canonical_country(alias)
        assert place is not None and place.name == "United States" and place.country == "US", alias
        assert place.geonames_id == 6252001
    assert canonical_country("Britain").country == "GB"
    assert canonical_country("Netherlands").country == "NL"


def test_countries_carry_no_coordinates_and_cities_do() -> None:
    iraq = resolve_place("Iraq")
    assert (iraq.kind, iraq.country, iraq.lat, iraq.lon) == ("country", "IQ", None, None)
    baghdad = resolve_place("Baghdad")
    assert baghdad.kind == "city" and baghdad.country == "IQ"
    assert 33 < baghdad.lat < 34 and 44 < baghdad.lon < 45


def test_washington_beside_us_institutions_is_the_capital() -> None:
    found = resolve_places(["Washington"], org_names=["Congress"])
    assert found["Washington"].kind == "city" and found["Washington"].country == "US"
    # Alone, population still picks the US capital over Washington in England.
    assert resolve_place("Washington").country == "US"


def test_a_city_in_a_country_the_article_names_wins() -> None:
    assert resolve_place("Tripoli").country == "LY"  # the larger by population
    assert resolve_places(["Tripoli", "Lebanon"])["Tripoli"].country == "LB"


def test_georgia_is_the_state_among_us_places_and_the_country_otherwise() -> None:
    assert resolve_places(["Georgia", "Atlanta"])["Georgia"].kind == "state"
    assert resolve_places(["Georgia", "Tbilisi"])["Georgia"].kind == "country"


def test_older_names_and_ascii_spellings_of_big_cities() -> None:
    assert resolve_place("Kiev").name == "Kyiv"
    assert resolve_place("Bogota").country == "CO"


def test_unknown_names_resolve_to_nothing() -> None:
    assert resolve_place("Narnia") is None
    assert resolve_places(["Narnia"]) == {"Narnia": None}


def test_the_fallback_gazetteer_keeps_big_cities_and_capitals_only() -> None:
    cities = gazetteer_cities()
    assert "Baghdad" in cities and "Vaduz" in cities  # a capital under 200,000 people
    assert "les Escaldes" not in cities  # 15,000 people, not a capital
    assert all(place.kind == "city" for place in cities.values())

"""extract_text on copied pages: the seed example, hand-made fixtures of other shapes, and bad input."""

from __future__ import annotations

import json
import unicodedata
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newsdesk.errors import DecodingError, EmptyInputError, ExtractionError, InputTooLargeError
from newsdesk.extract.text import MAX_TEXT_CHARS, extract_text, line_kinds, section_title
from newsdesk.model import Article, WireSource

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "examples"
FIXTURES = Path(__file__).parent / "fixtures"
FIXTURE_NAMES = sorted(p.stem for p in FIXTURES.glob("text_*.txt"))


def fold(text: str) -> str:
    return " ".join(unicodedata.normalize("NFC", text).split())


def load(directory: Path, name: str) -> tuple[Article, dict[str, Any]]:
    text = (directory / f"{name}.txt").read_text(encoding="utf-8")
    expected = json.loads((directory / f"{name}.expected.json").read_text(encoding="utf-8"))
    return extract_text(text), expected


def assert_matches(article: Article, expected: dict[str, Any]) -> None:
    """Every non-note key of an .expected.json, compared as its _about says."""
    got = article.to_dict()
    for key, want in expected.items():
        if key.startswith("_") or key in ("not_in_body", "block_types"):
            continue
        have = got[key]
        if key == "body":
            assert [fold(b["text"]) for b in have] == [fold(t) for t in want], key
        elif key == "related":
            assert [(fold(link["title"]), link["site"]) for link in have] == [
                (fold(link["title"]), link["site"]) for link in want
            ], key
        elif key == "image" and want is not None:
            assert have is not None, key
            for part, value in want.items():
                assert (fold(have[part]) if have[part] else have[part]) == (fold(value) if value else value), part
        elif isinstance(want, str):
            assert have is not None and fold(have) == fold(want), key
        else:
            assert have == want, key
    if "block_types" in expected:
        assert [b["type"] for b in got["body"]] == expected["block_types"]
    blocks = [fold(b["text"]) for b in got["body"]]
    for unwanted in expected.get("not_in_body", []):
        assert fold(unwanted) not in blocks, unwanted
        if len(unwanted) > 15:
            assert fold(unwanted) not in fold(article.text), unwanted


# ---------------------------------------------------------------------------------------------
# The seed example, field for field


def test_seed_example() -> None:
    article, expected = load(EXAMPLES, "trtworld-iraq-coalition")
    assert_matches(article, expected)
    assert article.is_article
    for line in expected["not_in_body"]:
        assert fold(line) not in fold(article.text)


@pytest.fixture(scope="module")
def seed() -> Article:
    return load(EXAMPLES, "trtworld-iraq-coalition")[0]


def test_seed_headline_is_not_repeated_in_body(seed: Article) -> None:
    assert seed.headline == "US-led coalition to scale back Iraq mission"
    assert all(seed.headline not in block.text for block in seed.body)


def test_seed_body_continues_after_recommended(seed: Article) -> None:
    assert seed.body[-1].text.startswith("The US and Iraq have reached a deal")
    assert all(block.type == "paragraph" for block in seed.body)


def test_seed_explore_byline_is_not_an_author(seed: Article) -> None:
    assert seed.authors == []


def test_seed_related_link_is_split_from_its_label(seed: Article) -> None:
    assert len(seed.related) == 1
    assert seed.related[0].site == "TRT World"
    assert seed.related[0].title.startswith("Iraq's PM seeks closer ties")


def test_seed_outlet_is_named_by_its_same_site_related_block(seed: Article) -> None:
    # Issue 10: the copied text names no outlet except in "RelatedTRT World - ...".
    assert seed.site_name == "TRT World"


def test_related_links_naming_other_outlets_do_not_name_the_site() -> None:
    lines = ["Storm batters the coast overnight", "By Ann Lee", "12 March 2024", ""]
    lines += ["Heavy rain and wind battered the coast overnight, officials said on Tuesday morning." * 3, ""] * 4
    lines += ["Related", "BBC - Floods close roads across the north", "Reuters - Insurers count the cost of storms"]
    article = extract_text("\n".join(lines), None, "t")
    assert article.is_article
    assert [link.site for link in article.related] == ["BBC", "Reuters"]
    assert article.site_name is None


def test_text_with_a_url_and_no_named_outlet_takes_the_host_as_site_name() -> None:
    lines = ["Storm batters the coast overnight", "12 March 2024", ""]
    lines += ["Heavy rain and wind battered the coast overnight, officials said on Tuesday morning." * 3, ""] * 4
    article = extract_text("\n".join(lines), "https://www.coastnews.example/2024/storm", "t")
    assert article.site_name == "coastnews.example"


def test_seed_wire_and_derived_fields(seed: Article) -> None:
    assert seed.wire_source == WireSource("AA", "Anadolu Agency")
    assert seed.reading_time_minutes == 1
    assert seed.section == "Middle East"
    assert seed.published == "2025-10-01"
    assert seed.language == "en"
    assert seed.word_count > 150


def test_seed_with_url_and_windows_line_endings() -> None:
    text = (EXAMPLES / "trtworld-iraq-coalition.txt").read_text(encoding="utf-8").replace("\n", "\r\n")
    article = extract_text(text, url="https://www.trtworld.com/middle-east/us-led-coalition-to-scale-back-iraq-mission")
    assert article.url.endswith("iraq-mission")
    assert article.headline == "US-led coalition to scale back Iraq mission"
    assert len(article.body) == 7


# ---------------------------------------------------------------------------------------------
# Hand-made fixtures of other shapes


@pytest.mark.parametrize("name", FIXTURE_NAMES)
def test_fixture_matches_expected(name: str) -> None:
    article, expected = load(FIXTURES, name)
    assert_matches(article, expected)


def test_there_are_fixtures_of_several_shapes() -> None:
    assert len(FIXTURE_NAMES) >= 4


def test_wire_story_fields() -> None:
    article, _ = load(FIXTURES, "text_wire_reuters")
    assert article.body[0].text.startswith("THE HAGUE, Oct 1 (Reuters) -")
    assert article.wire_source == WireSource("Reuters", "Reuters")
    assert article.authors == ["Marit de Vries", "Tom Keller"]
    assert article.published == "2025-10-01T15:05:00+02:00"
    assert article.image is not None and article.image.note == "File Photo"
    assert "Reporting by" not in article.text


def test_blog_fields() -> None:
    article, _ = load(FIXTURES, "text_blog_byline")
    assert article.authors == ["Priya Raman"]
    assert article.updated == "2025-03-03T09:15:00-05:00"
    assert article.published == "2025-03-02"
    assert article.reading_time_minutes == 6
    assert [b.type for b in article.body].count("list_item") == 3
    assert article.tags == ["tomatoes", "watering", "summer garden"]
    assert "allotment in Leeds" not in article.text
    assert "Mulch changed everything" not in article.text


def test_interrupted_body_fields() -> None:
    article, _ = load(FIXTURES, "text_ads_most_read")
    assert len(article.body) == 7
    assert "Advertisement" not in article.text
    assert "mill site" not in article.text
    assert article.related[0].title.startswith("Winter pressures")
    assert article.image is not None and article.image.credit == "Reuters"
    assert article.authors == ["Sofia Lindqvist"]


def test_home_page_is_not_an_article() -> None:
    article, _ = load(FIXTURES, "text_homepage")
    assert article.is_article is False
    assert article.body == []
    assert article.word_count == 0


def test_unprefixed_byline_next_to_a_date() -> None:
    article, _ = load(FIXTURES, "text_name_byline")
    assert article.authors == ["Ingrid Solberg"]
    assert article.section == "Energy"
    assert article.tags == ["Energy", "Norway", "Renewable energy", "Fishing"]


def test_screen_reader_labels_and_author_bio() -> None:
    article, _ = load(FIXTURES, "text_hidden_labels")
    assert article.image is not None and article.image.credit == "Maya Ortiz for The Daily Ledger"
    assert article.authors == ["Daniel Okoro"]
    assert "covers city politics" not in article.text
    assert "appears in print" not in article.text


def test_wire_footer_names_reporters_when_there_is_no_byline() -> None:
    text = ("Oil prices fall on supply worries\n"
            "LONDON (Reuters) - Oil prices fell on Tuesday as traders weighed signs of rising supply against "
            "weaker demand in China, the world's largest crude importer.\n\n"
            "Brent crude futures fell 1.2% to $64.10 a barrel by 1030 GMT, while U.S. West Texas Intermediate "
            "crude fell 1.3%.\n\n"
            "Reporting by Jane Doe in London and John Roe in Singapore; Editing by Mark Heinrich\n")
    article = extract_text(text)
    assert article.authors == ["Jane Doe", "John Roe"]
    assert article.wire_source == WireSource("Reuters", "Reuters")
    assert len(article.body) == 2


def test_embedded_post_is_kept_as_a_quote() -> None:
    text = (f"Bridge to close for repairs until spring\n\n{BODY}"
            "The closure is long overdue https://t.co/abc123\n\n"
            "— Jane Doe (@janedoe) October 1, 2025\n\n"
            "The council will publish a map of diversions next week, a spokesman said on Wednesday.\n")
    article = extract_text(text)
    assert [b.type for b in article.body] == ["paragraph", "paragraph", "quote", "quote", "paragraph"]


def test_tab_separated_rows_become_a_table() -> None:
    text = (f"Bridge to close for repairs until spring\n\n{BODY}"
            "Bridge\tYear built\tLength\nOld Bridge\t1911\t240 m\nNew Bridge\t1988\t410 m\n\n"
            "The council will publish a map of diversions next week, a spokesman said on Wednesday.\n")
    tables = [b for b in extract_text(text).body if b.type == "table"]
    rows = ["Bridge | Year built | Length", "Old Bridge | 1911 | 240 m", "New Bridge | 1988 | 410 m"]
    assert [t.text for t in tables] == ["\n".join(rows)]


def test_trailing_teasers_without_a_label_are_not_body() -> None:
    teasers = "".join(f"Another story headline number {n}\nA short summary of story {n}.\n" for n in range(4))
    article = extract_text(f"Bridge to close for repairs until spring\n\n{BODY}{teasers}")
    assert len(article.body) == 2


def test_german_wire_story() -> None:
    article, _ = load(FIXTURES, "text_dpa_german")
    assert article.language == "de"
    assert article.wire_source is not None and article.wire_source.code == "dpa"
    assert article.reading_time_minutes == 2
    assert article.section == "Politik"


# ---------------------------------------------------------------------------------------------
# Single fields on small inputs

BODY = (
    "The council voted on Tuesday to close the old bridge for repairs, a decision that will add "
    "twenty minutes to many commuters' journeys until the spring.\n\n"
    "Engineers found cracks in two of the supports during a routine inspection in August, the "
    "council said, and recommended the closure as a precaution.\n\n"
)


def test_byline_in_header_becomes_author() -> None:
    article = extract_text("Bridge to close for repairs until spring\nBy Jane Doe\nOctober 1, 2025\n\n" + BODY)
    assert article.authors == ["Jane Doe"]
    assert article.headline == "Bridge to close for repairs until spring"
    assert article.published == "2025-10-01"


def test_question_headline_at_the_top_is_the_headline() -> None:
    article = extract_text("Will the old bridge ever reopen to traffic after the repairs finish?\n\n" + BODY)
    assert article.headline == "Will the old bridge ever reopen to traffic after the repairs finish?"
    assert len(article.body) == 2


def test_byline_with_agency_gives_author_and_wire() -> None:
    article = extract_text("Bridge to close for repairs until spring\nBy Jane Doe with AFP\nOctober 1, 2025\n\n" + BODY)
    assert article.authors == ["Jane Doe"]
    assert article.wire_source is not None and article.wire_source.code == "AFP"


def test_byline_in_trailing_list_is_not_an_author() -> None:
    text = "Bridge to close for repairs until spring\n\n" + BODY
    text += "More stories\nA headline about trains\nBy John Roe\n"
    assert extract_text(text).authors == []


def test_agency_byline_becomes_wire_source_not_author() -> None:
    article = extract_text("Bridge to close for repairs until spring\nBy AFP\nOctober 1, 2025\n\n" + BODY)
    assert article.authors == []
    assert article.wire_source is not None and article.wire_source.code == "AFP"


@pytest.mark.parametrize(
    ("caption_line", "caption", "credit", "note"),
    [
        ("Iraq deal sets 2026 deadline. [File Photo] / AP", "Iraq deal sets 2026 deadline.", "AP", "File Photo"),
        ("Protesters gather in Baghdad on Tuesday. (Photo: Reuters)", "Protesters gather in Baghdad on Tuesday.",
         "Reuters", None),
        ("Flooded streets in Valencia. Photo: Jose Jordan/AFP", "Flooded streets in Valencia.", "Jose Jordan/AFP",
         None),
        ("The bridge seen from the river. Getty Images", "The bridge seen from the river.", "Getty Images", None),
    ],
)
def test_caption_credit_and_note(caption_line: str, caption: str, credit: str, note: str | None) -> None:
    text = f"Bridge to close for repairs until spring\nOctober 1, 2025\n{caption_line}\n\n{BODY}"
    image = extract_text(text).image
    assert image is not None
    assert (image.caption, image.credit, image.note) == (caption, credit, note)


def test_credit_on_its_own_line_belongs_to_the_caption_above() -> None:
    text = ("Bridge to close for repairs until spring\nOctober 1, 2025\nThe bridge seen from the river at dawn.\n"
            "Photo: Jane Doe/AFP\n\n" + BODY)
    image = extract_text(text).image
    assert image is not None
    assert (image.caption, image.credit) == ("The bridge seen from the river at dawn.", "Jane Doe/AFP")


@pytest.mark.parametrize(
    ("raw", "title"),
    [("MIDDLE EAST", "Middle East"), ("US POLITICS", "US Politics"), ("ARTS AND CULTURE", "Arts and Culture"),
     ("Middle East", "Middle East"), ("WORLD", "World"), ("ASIA-PACIFIC", "Asia-Pacific"),
     ("middle east", "Middle East"), ("us politics", "US Politics"), ("iPhone", "iPhone")],
)
def test_section_title(raw: str, title: str) -> None:
    assert section_title(raw) == title


@pytest.mark.parametrize(
    ("line", "minutes"),
    [("1 min read", 1), ("5 minute read", 5), ("Reading time: 3 minutes", 3), ("12 mins read", 12),
     ("Lesezeit: 4 Minuten", 4)],
)
def test_reading_time(line: str, minutes: int) -> None:
    article = extract_text(f"WORLD\n{line}\nBridge to close for repairs until spring\n\n{BODY}")
    assert article.reading_time_minutes == minutes


@pytest.mark.parametrize(
    "marker",
    ["Advertisement", "RECOMMENDED", "Read more", "Subscribe to our newsletter", "Share", "Listen to this article",
     "Story continues below advertisement", "Skip Ad", "ADVERTISEMENT · Scroll to continue"],
)
def test_inline_markers_are_dropped_and_body_continues(marker: str) -> None:
    first, second = BODY.strip().split("\n\n")
    article = extract_text(f"Bridge to close for repairs until spring\n\n{first}\n\n{marker}\n\n{second}")
    assert [b.text for b in article.body] == [first, second]


@pytest.mark.parametrize(
    ("line", "title", "site"),
    [
        ("RelatedTRT World - Iraq's PM seeks closer ties with US", "Iraq's PM seeks closer ties with US", "TRT World"),
        ("Also read: Winter pressures and what they mean for A&E", "Winter pressures and what they mean for A&E", None),
        ("READ MORE: Bridge inspections to double next year", "Bridge inspections to double next year", None),
    ],
)
def test_related_links(line: str, title: str, site: str | None) -> None:
    article = extract_text(f"Bridge to close for repairs until spring\n\n{BODY}{line}\n")
    assert [(link.title, link.site) for link in article.related] == [(title, site)]
    assert line not in article.text


def test_related_block_with_label_on_its_own_line() -> None:
    text = f"Bridge to close for repairs until spring\n\n{BODY}Related\nRail fares to rise in January\n"
    assert [link.title for link in extract_text(text).related] == ["Rail fares to rise in January"]


def test_language_is_read_from_the_body() -> None:
    body = ("El ayuntamiento votó el martes para cerrar el puente viejo por reparaciones, una decisión que "
            "añadirá veinte minutos a los trayectos de muchos vecinos hasta la primavera.\n\n") * 2
    assert extract_text("Cierra el puente por obras\n\n" + body).language == "es"


def test_japanese_text_counts_as_words() -> None:
    body = ("市議会は火曜日、古い橋を修理のため閉鎖することを決めた。"
            "多くの通勤者にとって移動時間が二十分ほど長くなる見込みだ。\n\n"
            "八月の定期点検で二本の支柱にひびが見つかり、"
            "技術者が予防措置として閉鎖を勧告したと市は説明した。\n\n")
    article = extract_text("古い橋、春まで閉鎖へ\n\n" + body)
    assert article.is_article
    assert len(article.body) == 2


def test_line_kinds_names_each_line() -> None:
    kinds = dict((text, kind) for kind, text in line_kinds("MIDDLE EAST\n1 min read\nBy Jane Doe\nSOURCE:AA"))
    assert kinds == {"MIDDLE EAST": "kicker", "1 min read": "reading_time", "By Jane Doe": "byline",
                     "SOURCE:AA": "credit"}


# ---------------------------------------------------------------------------------------------
# Bad input


@pytest.mark.parametrize("text", ["", "   ", "\n\n\t \n"])
def test_empty_input_raises_empty_input_error(text: str) -> None:
    with pytest.raises(EmptyInputError, match="no text"):
        extract_text(text, url="https://example.com/a")


def test_binary_junk_raises_decoding_error() -> None:
    junk = bytes(range(256)).decode("latin-1") * 40
    with pytest.raises(DecodingError, match="control characters"):
        extract_text(junk)


def test_oversized_text_raises_input_too_large() -> None:
    big = ("The council voted on Tuesday to close the old bridge for repairs. " * 80 + "\n\n") * 1000
    assert len(big) > 5_000_000 > MAX_TEXT_CHARS
    with pytest.raises(InputTooLargeError, match="exceeds"):
        extract_text(big)


def test_not_a_string_is_an_extraction_error() -> None:
    with pytest.raises(ExtractionError, match="must be str"):
        extract_text(b"bytes are not text")  # type: ignore[arg-type]


def test_very_long_lines_are_handled() -> None:
    long_line = "word " * 300_000
    junk = "(" * 100_000 + "\n" + "By " * 50_000 + "\n" + "Source: " + "AFP " * 50_000
    article = extract_text("A headline for a long page\n\n" + long_line + "\n\n" + junk)
    assert article.is_article
    assert all(block.text for block in article.body)


def test_text_with_no_prose_is_not_an_article() -> None:
    article = extract_text("Home\nNews\nSport\nWeather\nContact us")
    assert article.is_article is False
    assert article.body == []


def test_short_teaser_is_not_an_article() -> None:
    article = extract_text("Bridge to close\n\nThe old bridge will close for repairs.")
    assert article.is_article is False
    assert "old bridge will close" in article.text


_LINE = st.one_of(
    st.text(max_size=120),
    st.sampled_from(["Advertisement", "By Jane Doe", "October 1, 2025", "SOURCE:AA", "Explore", "Related",
                     "1 min read", "RelatedTRT World - A title here", "Tags:", "About the author", "", "Comments",
                     "The council voted on Tuesday to close the old bridge for repairs, officials said."]),
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(_LINE, max_size=40),
       st.one_of(st.none(), st.text(max_size=30),
                 st.sampled_from(["https://example.com/news/bridge-to-close", "http://[", "%ff/a-b-c"])))
def test_never_raises_anything_but_extraction_errors(lines: list[str], url: str | None) -> None:
    try:
        article = extract_text("\n".join(lines), url=url)
    except ExtractionError:
        return
    assert isinstance(article, Article)
    assert all(isinstance(block.text, str) and block.text.strip() for block in article.body)
    assert article.body or article.word_count == 0


# ---------------------------------------------------------------------------------------------
# Shared benchmark data, when present: extract_text must not fail on any copied-looking text.

DATA = ROOT.parent / "shared" / "data" / "scrapinghub-aeb" / "ground-truth.json"


@pytest.mark.skipif(not DATA.exists(), reason="shared benchmark data not present")
def test_ground_truth_bodies_read_as_articles() -> None:
    truth = json.loads(DATA.read_text(encoding="utf-8"))
    bodies = [item["articleBody"] for item in truth.values() if len(item["articleBody"].split()) > 150][:40]
    for body in bodies:
        article = extract_text(body)
        assert article.is_article
        assert article.word_count >= 0.5 * len(body.split())


def test_byline_under_the_body_opening_lines_becomes_author() -> None:
    # Nothing by the headline names the author; the byline sits among the body's first lines.
    text = ("Bridge to close for repairs until spring\n\n"
            "The council voted on Tuesday to close the old bridge for repairs, a decision that will add twenty "
            "minutes to many commuters' journeys until the spring, and it will stay shut for six months.\n\n"
            "By Jane Doe\n\n" + BODY)
    article = extract_text(text)
    assert article.authors == ["Jane Doe"]
    assert "By Jane Doe" not in article.text


def test_a_date_line_that_signs_the_article_names_its_author() -> None:
    article = extract_text("Bridge to close for repairs until spring\nSeptember 1st, 2023 By Jane Doe\n\n" + BODY)
    assert article.authors == ["Jane Doe"]
    assert article.published == "2023-09-01"


@pytest.mark.parametrize("line", ["Jane Doe October 14, 2025", "Jane Doe • Oct 14, 2025", "Jane Doe | October 14, 2025",
                                  "Jane Doe - Oct 14, 2025 8:02 pm UTC", "Jane Doe14.10.2025, 19:35 Uhr"])
def test_a_date_line_that_opens_with_a_name_names_its_author(line: str) -> None:
    article = extract_text(f"Bridge to close for repairs until spring\n{line}\n\n" + BODY)
    assert article.authors == ["Jane Doe"]
    assert (article.published or "").startswith("2025-10-14")


@pytest.mark.parametrize("line", ["Updated October 14, 2025", "Mental HealthOCTOBER 14, 2025",
                                  "Son Güncelleme : 14.10.2025 - 16:49"])
def test_a_date_line_that_opens_with_a_label_names_no_author(line: str) -> None:
    assert extract_text(f"Bridge to close for repairs until spring\n{line}\n\n" + BODY).authors == []


def test_a_byline_far_from_the_chosen_headline_still_names_the_author_but_a_menu_of_bys_does_not() -> None:
    # The byline sits over the headline, past the few lines the header reads for one.
    text = f"By Jane Doe\nShare\nSave\nPrint\nListen\nBridge to close for repairs until spring\n\n{BODY}"
    assert extract_text(text).authors == ["Jane Doe"]
    menu = "Finance\nBy Industry\nHealthcare\nRetail\nShare\nSave"
    assert extract_text(f"{menu}\nBridge to close for repairs until spring\n\n{BODY}").authors == []


@pytest.mark.parametrize("line", ["By Jane DoeLifestyle", "By Jane DoeOctober 14, 2025", "By Jane Doe October 14"])
def test_a_section_or_date_glued_to_the_byline_is_not_part_of_the_name(line: str) -> None:
    assert extract_text(f"Bridge to close for repairs until spring\n{line}\n\n" + BODY).authors == ["Jane Doe"]

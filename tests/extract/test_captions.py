"""Photo captions: the caption, its credit and its editorial note, split apart and kept out of the body."""

from __future__ import annotations

import pytest

from newsdesk import extract
from newsdesk.extract.captions import Caption, split_caption

PROSE = ("Firefighters battled the blaze through the night, and residents of six streets were moved "
         "to a school hall while crews worked, the fire service said on Tuesday. ")


# --------------------------------------------------------------------------- split_caption


@pytest.mark.parametrize("text, expected", [
    ("Utility crews restore a power line in Tacoma, Wash., on Wednesday, Nov. 19, 2025. (AP Photo/Jane Doe)",
     Caption("Utility crews restore a power line in Tacoma, Wash., on Wednesday, Nov. 19, 2025.",
             "AP Photo/Jane Doe", None)),
    ("Iraq deal sets 2026 deadline for US-led coalition withdrawal. [File Photo] / AP",
     Caption("Iraq deal sets 2026 deadline for US-led coalition withdrawal.", "AP", "File Photo")),
    ("Iraqi soldiers at a base in Anbar province [File photo]",
     Caption("Iraqi soldiers at a base in Anbar province", None, "File photo")),
    ("Flooded streets in Valencia. Photo: Jose Jordan/AFP",
     Caption("Flooded streets in Valencia.", "Jose Jordan/AFP", None)),
    ("Firefighters tackle the blaze in Athens on Monday. Photograph: Jane Doe/AP",
     Caption("Firefighters tackle the blaze in Athens on Monday.", "Jane Doe/AP", None)),
    ("Firefighters tackle the blaze in Athens on Monday. Credit: Getty Images",
     Caption("Firefighters tackle the blaze in Athens on Monday.", "Getty Images", None)),
    ("Firefighters tackle the blaze in Athens on Monday. Getty Images",
     Caption("Firefighters tackle the blaze in Athens on Monday.", "Getty Images", None)),
    ("Firefighters tackle the blaze in Athens on Monday. REUTERS/Jane Doe",
     Caption("Firefighters tackle the blaze in Athens on Monday.", "REUTERS/Jane Doe", None)),
    ("Firefighters tackle the blaze in Athens on Monday. (Reuters)",
     Caption("Firefighters tackle the blaze in Athens on Monday.", "Reuters", None)),
    ("Firefighters tackle the blaze in Athens on Monday | Photo: Jane Doe",
     Caption("Firefighters tackle the blaze in Athens on Monday", "Jane Doe", None)),
    ("Angela Merkel, Bundeskanzlerin a. D., in Berlin. Foto: Kay Nietfeld/dpa",
     Caption("Angela Merkel, Bundeskanzlerin a. D., in Berlin.", "Kay Nietfeld/dpa", None)),
    ("Rescuers search the rubble in Antakya. Image: EPA-EFE/Jane Doe",
     Caption("Rescuers search the rubble in Antakya.", "EPA-EFE/Jane Doe", None)),
], ids=["ap-photo", "note-and-credit", "note-only", "photo-label", "photograph-label", "credit-label",
        "bare-getty", "reuters-slash", "paren-agency", "pipe-label", "foto-label", "image-label"])
def test_split_caption_finds_the_credit(text: str, expected: Caption) -> None:
    assert split_caption(text) == expected


@pytest.mark.parametrize("text", [
    "Protesters march to the AP bureau in Kabul on Monday.",
    "Apple chief executive Tim Cook on stage in Cupertino, California.",
    "A photo exhibition of the 1966 floods opens at the city museum.",
    "Reuters journalists at work in the newsroom in London.",
], ids=["agency-in-prose", "apple", "photo-in-prose", "agency-first-word"])
def test_split_caption_leaves_captions_without_a_credit_whole(text: str) -> None:
    assert split_caption(text) == Caption(text, None, None)


def test_split_caption_folds_white_space() -> None:
    assert split_caption("  The harbour at dawn.\n   Photo:\tJane Doe  ") == Caption(
        "The harbour at dawn.", "Jane Doe", None)


@pytest.mark.parametrize("text", ["", "   ", "\n"])
def test_split_caption_of_nothing_is_all_none(text: str) -> None:
    assert split_caption(text) == Caption(None, None, None)


def test_split_caption_strips_photo_by_from_the_credit() -> None:
    assert split_caption("A view of the harbour. (Photo by Jane Doe/Getty Images)") == Caption(
        "A view of the harbour.", "Jane Doe/Getty Images", None)


@pytest.mark.parametrize("text, expected", [
    ("Palestinians inspect the damage in Gaza City. [Mohammed Salem/Reuters]",
     Caption("Palestinians inspect the damage in Gaza City.", "Mohammed Salem/Reuters", None)),
    ("Rescuers search the rubble in Antakya. [File: Umit Bektas/Reuters]",
     Caption("Rescuers search the rubble in Antakya.", "Umit Bektas/Reuters", "File")),
    ("Rescuers search the rubble in Antakya [Getty Images]",
     Caption("Rescuers search the rubble in Antakya", "Getty Images", None)),
], ids=["name-agency", "file-name-agency", "agency"])
def test_split_caption_reads_a_bracketed_credit_as_credit(text: str, expected: Caption) -> None:
    assert split_caption(text) == expected


@pytest.mark.parametrize("text, expected", [
    ("Firefighters tackle the blaze in Athens on Monday. Jane Doe/Reuters",
     Caption("Firefighters tackle the blaze in Athens on Monday.", "Jane Doe/Reuters", None)),
    ("Firefighters tackle the blaze. Jane Doe/AFP via Getty Images",
     Caption("Firefighters tackle the blaze.", "Jane Doe/AFP via Getty Images", None)),
], ids=["name-reuters", "name-afp-via-getty"])
def test_split_caption_reads_a_bare_name_agency_credit(text: str, expected: Caption) -> None:
    assert split_caption(text) == expected


# --------------------------------------------------------------------------- captions on a page


def _page(figure: str, before_body: bool = False) -> str:
    body = f"<p>{PROSE * 3}</p><p>{PROSE * 3}</p>"
    content = (f"{figure}<div class='story-body'>{body}</div>" if before_body
               else f"<div class='story-body'>{figure}{body}</div>")
    return ("<html lang='en'><head><title>Fire in the old town</title></head><body><article>"
            f"<h1>Fire in the old town</h1>{content}</article></body></html>")


FIGURE = ("<figure><img src='/img/2025/fire.jpg' alt='Firefighters'>"
          "<figcaption{attrs}>Firefighters at the scene in Baker Street on Monday night. "
          "(AP Photo/Jane Doe)</figcaption></figure>")


def test_figure_caption_and_credit_go_to_the_image() -> None:
    article = extract(_page(FIGURE.format(attrs="")), url="https://news.example/2025/fire")
    assert article.image is not None
    assert article.image.caption == "Firefighters at the scene in Baker Street on Monday night."
    assert article.image.credit == "AP Photo/Jane Doe"
    assert article.image.note is None


def test_figure_image_url_is_made_absolute() -> None:
    article = extract(_page(FIGURE.format(attrs="")), url="https://news.example/2025/fire")
    assert article.image is not None
    assert article.image.url == "https://news.example/img/2025/fire.jpg"


def test_caption_never_reaches_the_body() -> None:
    article = extract(_page(FIGURE.format(attrs="")), url="https://news.example/2025/fire")
    assert article.is_article
    assert "Baker Street" not in article.text
    assert "AP Photo" not in article.text


def test_metadata_image_with_caption_and_credit() -> None:
    page = _page("").replace(
        "<head>",
        '<head><script type="application/ld+json">{"@type": "NewsArticle", "headline": "Fire in the old town", '
        '"image": {"@type": "ImageObject", "url": "https://cdn.news.example/fire.jpg", '
        '"caption": "Smoke over the old town on Monday.", "creditText": "Jane Doe/Reuters"}}</script>')
    article = extract(page, url="https://news.example/2025/fire")
    assert article.image is not None
    assert (article.image.url, article.image.caption, article.image.credit) == (
        "https://cdn.news.example/fire.jpg", "Smoke over the old town on Monday.", "Jane Doe/Reuters")


def test_metadata_caption_with_a_credit_inside_is_split() -> None:
    page = _page("").replace(
        "<head>",
        '<head><script type="application/ld+json">{"@type": "NewsArticle", "headline": "Fire in the old town", '
        '"image": {"@type": "ImageObject", "url": "https://cdn.news.example/fire.jpg", '
        '"caption": "Smoke over the old town on Monday. (AP Photo/Jane Doe)"}}</script>')
    article = extract(page, url="https://news.example/2025/fire")
    assert article.image is not None
    assert (article.image.caption, article.image.credit) == ("Smoke over the old town on Monday.", "AP Photo/Jane Doe")


@pytest.mark.parametrize("attrs", [' class="wp-element-caption"', ' class="figure-caption"', ' class="credit"'])
def test_figcaption_with_a_caption_class_still_feeds_the_image(attrs: str) -> None:
    article = extract(_page(FIGURE.format(attrs=attrs)), url="https://news.example/2025/fire")
    assert article.image is not None
    assert article.image.caption == "Firefighters at the scene in Baker Street on Monday night."
    assert article.image.credit == "AP Photo/Jane Doe"


def test_lead_figure_above_the_body_container_feeds_the_image() -> None:
    article = extract(_page(FIGURE.format(attrs=""), before_body=True), url="https://news.example/2025/fire")
    assert article.image is not None
    assert article.image.caption == "Firefighters at the scene in Baker Street on Monday night."
    assert article.image.credit == "AP Photo/Jane Doe"

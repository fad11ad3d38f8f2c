"""Boxes inside the story's container that are not the story: picture galleries, form boxes (a
newsletter sign-up), a news report's media boxes and captions, and the closing cards that advertise
other stories.
"""

from __future__ import annotations

import re
from typing import Final

from selectolax.lexbor import LexborNode

from newsdesk.extract.body_nodes import HEADING_TAG_IDS, first_tagged, fold_ws
from newsdesk.extract.boilerplate import is_end_marker, name_tokens
from newsdesk.extract.nodesize import PageSizes, text_len

#: Not "carousel": sites slide anything through one (a league's tables and links, other stories).
_GALLERY_WORDS: Final = frozenset({"gallery", "slideshow"})
_GALLERY_SELECTOR: Final = "[class*=gallery],[class*=slideshow],[class*=Gallery],[class*=Slideshow]"
#: Paragraph text a story must hold beside its embedded galleries for them to go: a photo post is its gallery.
_STORY_BESIDE_GALLERY: Final = 1000
_TOPIC_WORD: Final = re.compile(r"(?:[a-z]+[-_])?(?:category|tag|topic)[-_]", re.I)


def _names_a_gallery(class_value: str) -> bool:
    """Whether a class names a gallery; a post's topic classes ("tag-photo-gallery") name what it is about.

    >>> _names_a_gallery("dnd-widget-wrapper type-gallery"), _names_a_gallery("post tag-notebook-gallery")
    (True, False)
    """
    return any(_GALLERY_WORDS.intersection(name_tokens(word)) for word in class_value.split()
               if not _TOPIC_WORD.match(word))


def drop_galleries(container: LexborNode) -> None:
    """Remove the photo galleries embedded in a story that holds a story's worth of prose beside them.

    A gallery's slides are pictures and their captions, often of other stories ("Business news in pictures");
    captions never go into the body. A post that is a gallery, with little prose of its own, keeps it.

    >>> from selectolax.lexbor import LexborHTMLParser
    >>> slides = "".join(f"<li><img src='{n}.jpg'>{n}/9 A caption of this picture.</li>" for n in range(1, 10))
    >>> page = LexborHTMLParser("<div><p>" + "The story. " * 100 + "</p><div class='type-gallery'><ul>" + slides +
    ...                         "</ul></div></div>")
    >>> drop_galleries(page.css_first("div")); "caption" in page.css_first("div").text()
    False
    """
    galleries: list[LexborNode] = []
    listed: set[int] = set()
    for node in container.css(_GALLERY_SELECTOR):
        if node.mem_id == container.mem_id or not _names_a_gallery(node.attributes.get("class") or ""):
            continue
        listed.add(node.mem_id)
        # The outermost only: one inside a gallery listed before it (css lists in document order) goes with it.
        ancestor = node.parent
        while ancestor is not None and ancestor.mem_id != container.mem_id and ancestor.mem_id not in listed:
            ancestor = ancestor.parent
        if ancestor is None or ancestor.mem_id == container.mem_id:
            galleries.append(node)
    if not galleries:
        return
    in_galleries = sum(text_len(p) for gallery in galleries for p in gallery.css("p"))
    if sum(text_len(p) for p in container.css("p")) - in_galleries < _STORY_BESIDE_GALLERY:
        return
    for gallery in galleries:
        if gallery.parent is not None:
            gallery.remove()


#: Most characters of the box around a form set inside a story: a newsletter sign-up's name, pitch and consent
#: line, a poll's question and answers. A page wrapped whole in a form (ASP.NET's) holds far more.
_FORM_BOX_CHARS: Final = 600
#: The box holds at most this share of the container's text: beside a story, not the whole of a short one.
_FORM_BOX_SHARE: Final = 3


def drop_form_boxes(container: LexborNode, forms: list[LexborNode]) -> None:
    """Remove the boxes around the forms inside the story: a reader's sign-up or vote, never the story's text.

    The form's fields and buttons are gone already (``DROP_TAGS``); what stays is the box's pitch, its
    consent line ("By signing up, you confirm...", "Mit meiner Anmeldung zum Newsletter stimme ich ... zu"),
    a poll's question and answers. The box is the form's largest ancestor below the container with no more
    than ``_FORM_BOX_CHARS`` of text. ``forms`` are the page's forms, listed by the furniture walk (a search
    of the container would cost more than the walk's listing and a climb from the few a page has).

    >>> from selectolax.lexbor import LexborHTMLParser
    >>> page = LexborHTMLParser("<div><p>" + "The story. " * 40 + "</p><section><h3>Our weekly letter</h3>"
    ...                         "<form><input type=email></form><p>By signing up you agree to our terms.</p>"
    ...                         "</section></div>")
    >>> drop_form_boxes(page.css_first("div"), page.css("form")); "signing" in page.css_first("div").text()
    False
    """
    key = container.mem_id
    story = -1
    for form in forms:
        # Its ancestors up to the container; none when the form lies elsewhere (or in a subtree removed).
        above: list[LexborNode] = []
        node = form.parent
        while node is not None and node.mem_id != key:
            above.append(node)
            node = node.parent
        if node is None or form.mem_id == key or text_len(form) > _FORM_BOX_CHARS:
            continue
        box = form
        for ancestor in above:
            if text_len(ancestor) > _FORM_BOX_CHARS:
                break
            box = ancestor
        if story < 0:
            story = text_len(container)
        # A calculator's table is the story's data; a comments form's "Leave a reply" heading is left for
        # the end-marker cut, which drops what follows it.
        if (text_len(box) * _FORM_BOX_SHARE > story or box.css_first("table") is not None
                or any(is_end_marker(fold_ws(h.text(deep=True))) for h in box.css("h2, h3, h4, h5"))):
            continue
        box.remove()


#: Most characters of a picture's box: the picture, its caption and its credit, or a teaser's picture and line.
_MEDIA_BOX_CHARS: Final = 300
#: The boxes go only beside ``_STORY_BESIDE_GALLERY`` characters of the container's other text, and when they
#: hold at most this share of it: a photo post is its pictures and their captions.
_MEDIA_BOX_SHARE: Final = 0.25
#: A picture's box is a ``<div>`` or a ``<section>``: a paragraph or a list item with a picture in it is the story's.
_MEDIA_BOX_TAGS: Final = frozenset({"div", "section"})


def drop_media_boxes(container: LexborNode, sizes: PageSizes) -> None:
    """Remove the boxes that set a picture beside a line of text inside a news story: a caption and its credit
    in a ``<div>`` standing in for a ``<figure>``, a carousel's slides, an inline teaser with its picture, a
    video player's "failed to load" note.

    A picture's box is its largest ancestor below the container with no more than ``_MEDIA_BOX_CHARS`` of
    text; one that holds a heading is a section of the story (a listicle's entry), and stays. Asked only of
    news reports (their structured data says so): guides, wikis and shops set their content so, and their
    readers read it.

    >>> from selectolax.lexbor import LexborHTMLParser
    >>> caption = "<div class='media'><img src='a.jpg'><span>The harbour at dawn. Photo: J. Doe</span></div>"
    >>> page = LexborHTMLParser("<div><p>" + "The story goes on. " * 60 + "</p>" + caption + "</div>")
    >>> drop_media_boxes(page.css_first("div"), PageSizes()); "harbour" in page.css_first("div").text()
    False
    """
    key = container.mem_id
    # Keyed by the box: two pictures in one box list it twice. Boxes never nest: a box around another picture's
    # box holds no more text than the measure allows, so that picture's climb would have reached it too.
    boxes: dict[int, tuple[LexborNode, int]] = {}
    for image in container.css("img"):
        box: LexborNode | None = None
        length = 0
        node = image.parent
        while node is not None and node.mem_id != key:
            size = sizes.text(node)
            if size > _MEDIA_BOX_CHARS:
                break
            box, length = node, size
            node = node.parent
        if box is not None and length and box.tag in _MEDIA_BOX_TAGS and first_tagged(box, HEADING_TAG_IDS) is None:
            boxes[box.mem_id] = (box, length)
    if not boxes:
        return
    total = sum(length for _, length in boxes.values())
    story = sizes.text(container)
    if story - total < _STORY_BESIDE_GALLERY or total > _MEDIA_BOX_SHARE * story:
        return
    for box, _ in boxes.values():
        if box.parent is not None:
            box.remove()


#: Fewest characters of a picture's alt text that, shown again beside the picture, makes the text a caption:
#: shorter alt texts are labels ("Foto", a name) a story's line may begin with.
_CAPTION_ALT_CHARS: Final = 30
#: Most characters a caption's box holds besides the alt text it repeats: a credit, a photographer's name.
_CAPTION_EXTRA_CHARS: Final = 120
#: A caption's box is a block: a ``<span>`` around a picture is an inline player or a link whose title reads
#: in the story's line (a video's title, set where the video plays).
_CAPTION_BOX_TAGS: Final = frozenset({"div", "section", "p", "article"})


#: Most characters of a caption its class names: a longer box holds more than a caption.
_NAMED_CAPTION_CHARS: Final = 600
_CAPTION_CLASS: Final = "[class*=caption]"
#: A figure and its caption are the emitter's: it collects the caption for the image and keeps it out of the body.
_CAPTION_KEPT_TAGS: Final = frozenset({"figure", "figcaption", "img", "picture"})
_CAPTION_STATES: Final = frozenset({"no", "has", "with", "without"})


def drop_alt_captions(container: LexborNode) -> None:
    """Remove the captions that repeat their picture's alt text: the first box around a picture that shows
    any text, when that text is the picture's alt text (of at least ``_CAPTION_ALT_CHARS``) and at most a
    credit's few words more. A caption set in a ``<p>`` or a ``<div>`` beside its picture, not in a
    ``<figcaption>``, reads as a paragraph of the story; the alt text says what it is.

    >>> from selectolax.lexbor import LexborHTMLParser
    >>> box = ("<div class='pic'><a href='#'><img src='a.jpg' alt='Smoke rises over the harbour at dawn, 24 April'></a>"
    ...        "<p>Smoke rises over the harbour at dawn, 24 April</p></div>")
    >>> page = LexborHTMLParser("<div><p>The story goes on.</p>" + box + "<p>And ends.</p></div>")
    >>> drop_alt_captions(page.css_first("div")); page.css_first("div").text()
    'The story goes on.And ends.'
    """
    key = container.mem_id
    for image in container.css("img[alt]"):
        alt = fold_ws(image.attributes.get("alt") or "").casefold()
        if len(alt) < _CAPTION_ALT_CHARS:
            continue
        node = image.parent
        length = 0
        while node is not None and node.mem_id != key:
            length = text_len(node)
            if length:
                break
            node = node.parent
        if (node is None or node.mem_id == key or node.tag not in _CAPTION_BOX_TAGS
                or length > len(alt) + _CAPTION_EXTRA_CHARS):
            continue
        if fold_ws(node.text(deep=True)).casefold().startswith(alt):
            node.remove()


def drop_named_captions(container: LexborNode) -> None:
    """Remove, from a news story, the captions its classes name ("wp-caption-text", "caption"), with at most
    ``_NAMED_CAPTION_CHARS`` of text and no heading, that the furniture pass kept because the name also
    holds a word of the story's ("text").

    A caption is a maybe-furniture name (``boilerplate``): taken out before the container's choice, a page
    whose story is set in captions would lose it. Once the story is chosen, a caption inside it is still not
    its text. A box with a heading is a video's or a teaser's title and summary.

    >>> from selectolax.lexbor import LexborHTMLParser
    >>> box = ("<div class='wp-caption'><img src='a.jpg'><p class='wp-caption-text'>Displaced people line up for "
    ...        "food in Jabalia. Photo: Jane Doe</p></div>")
    >>> page = LexborHTMLParser("<div><p>The story goes on.</p>" + box + "<p class='no-caption'>And ends.</p></div>")
    >>> drop_named_captions(page.css_first("div")); page.css_first("div").text()
    'The story goes on.And ends.'
    """
    for node in container.css(_CAPTION_CLASS):
        if node.parent is None or node.tag in _CAPTION_KEPT_TAGS:
            continue
        if not any(_names_a_caption(word) for word in (node.attributes.get("class") or "").split()):
            continue
        if text_len(node) > _NAMED_CAPTION_CHARS or first_tagged(node, HEADING_TAG_IDS) is not None:
            continue
        node.remove()


def _names_a_caption(word: str) -> bool:
    """Whether a class word names a caption, not a state ("no-caption", "has-caption").

    >>> _names_a_caption("wp-caption-text"), _names_a_caption("no-caption"), _names_a_caption("captioned")
    (True, False, False)
    """
    tokens = name_tokens(word)
    return "caption" in tokens and not _CAPTION_STATES.intersection(tokens)


#: Most characters of a teaser card besides its linked headline: a line or two of summary, a date.
_CARD_SUMMARY_CHARS: Final = 400
#: Fewest characters of a card's summary paragraph.
_CARD_SUMMARY_MIN: Final = 20
SUMMARY_ENDS: Final = (".", "!", "?", "…", "。", "！", "？", '"', "“", "”", "»", "«")
#: Fewest cards in the closing run: one linked heading at a story's end may be its own ("Read the report").
MIN_CARDS: Final = 2
#: Characters of a paragraph outside any card that ends the closing run: the story's prose.
STORY_LINE_CHARS: Final = 80
_CARD_HEADLINES: Final = "h2 a, h3 a, h4 a"
_CARD_SELECTOR: Final = "p, " + _CARD_HEADLINES


def _card_of(link: LexborNode, container: LexborNode) -> LexborNode | None:
    """The teaser card a linked headline heads: its largest ancestor below the container that holds
    besides the headline at most a summary's few lines; None when the heading is not a link's whole."""
    heading = link.parent
    if heading is None or heading.tag not in ("h2", "h3", "h4"):
        return None
    title = text_len(heading)
    if not title or text_len(link) < 0.6 * title:
        return None
    card = heading
    node = heading.parent
    # Up to the box of the cards, short as it may be: a card holds one headline.
    while (node is not None and node.mem_id != container.mem_id and text_len(node) <= title + _CARD_SUMMARY_CHARS
           and len(node.css(_CARD_HEADLINES)) == 1):
        card = node
        node = node.parent
    # A card says what the story is about: a headline alone is a link in a list (a tag, a source).
    if card is heading or not any(_is_summary(p) for p in card.css("p")):
        return None
    return card


def _is_summary(paragraph: LexborNode) -> bool:
    """A sentence or two of summary: long enough, and ending as a sentence (a source's name does not)."""
    text = paragraph.text(deep=True).rstrip()
    return len(text) >= _CARD_SUMMARY_MIN and text.endswith(SUMMARY_ENDS)


def drop_closing_cards(container: LexborNode) -> None:
    """Remove the run of teaser cards (a linked headline, a line of summary) that closes a story.

    Public broadcasters close a story with its related ones, each as its headline and a sentence:
    walked, they read as the story's subheadings and paragraphs, where no tail rule on the text can
    tell them from the story's own. In the tree their headlines are links to other pages. Only the
    cards after the story's last paragraph go, two or more of them, and only beside a story's worth
    of prose with no card among it: linked subheadings inside the story are its own form (a listicle's).

    >>> from selectolax.lexbor import LexborHTMLParser
    >>> cards = "".join(f"<div><h2><a href='/s{n}'>Another story, number {n}</a></h2>"
    ...                 "<p>What it says, in a line.</p></div>" for n in range(3))
    >>> page = LexborHTMLParser("<div><p>" + "The story goes on. " * 60 + "</p>" + cards + "</div>")
    >>> drop_closing_cards(page.css_first("div")); "summary" in page.css_first("div").text()
    False
    """
    found = container.css(_CARD_SELECTOR)
    if len(found) < 2 * MIN_CARDS:
        return
    cards: dict[int, LexborNode] = {}
    card_of: dict[int, LexborNode] = {}  # by the headline link's mem_id
    for node in found:
        if node.tag == "a" and (card := _card_of(node, container)) is not None:
            cards[card.mem_id] = card
            card_of[node.mem_id] = card
    if len(cards) < MIN_CARDS:
        return
    closing: list[LexborNode] = []
    prose = 0
    for node in reversed(found):
        if node.tag == "a":
            card = card_of.get(node.mem_id)
            if card is not None:
                if prose:
                    # Cards within the story too: linked subheadings are its own form (a listicle's).
                    return
                closing.append(card)
            continue
        ancestor = node.parent
        while ancestor is not None and ancestor.mem_id not in cards and ancestor.mem_id != container.mem_id:
            ancestor = ancestor.parent
        if ancestor is not None and ancestor.mem_id in cards:
            continue
        length = text_len(node)
        if length >= STORY_LINE_CHARS:
            prose += length
    if len(closing) < MIN_CARDS or prose < _STORY_BESIDE_GALLERY:
        return
    for card in closing:
        if card.parent is not None:
            card.remove()

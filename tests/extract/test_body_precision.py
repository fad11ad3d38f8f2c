"""Body precision across the shapes found on the shared sets' dev pages (issue 9): a blog's comments set in the
post's own box, a closing run of related stories' teaser cards, a second story loaded below the page's own, and
the counter line of a post's comments."""

from __future__ import annotations

from newsdesk.extract.boilerplate import class_strength, is_furniture_text
from newsdesk.extract.html import extract_html

PROSE = "Officials said the talks, which began on Monday, would continue through the week. "
POST = "".join(f"<p>{PROSE * 2}</p>" for _ in range(8))


def body_text(html: str, url: str = "https://example.org/2012/09/story") -> str:
    return extract_html(html, url=url).text


# --------------------------------------------------------------------------- readers' comments


def _blog(heading: str, comments: int = 12) -> str:
    # Movable Type's layout: each comment a <div> and a "Posted by" line, in the post's own box.
    thread = "".join(f"<div id='c{n}'><p>Great post, I enjoyed reading it and will share it with my friends "
                     f"and family, number {n}.</p></div><p class='posted'>Posted by: Reader {n} at September 10, "
                     "2012 11:40 AM</p>" for n in range(comments))
    return (f"<html><head><title>A knitting post</title></head><body><div class='content'><h3>A knitting post</h3>"
            f"{POST}<p class='posted'>Posted by laurie at September 10, 2012 9:01 AM</p>{heading}{thread}"
            "</div></body></html>")


def test_comments_below_a_post_in_its_own_box_are_left_out() -> None:
    # The comments hold ten times the post's text: the heading sits in the text's first tenth.
    text = body_text(_blog("<h2 id='comments'>Comments</h2>"))
    assert PROSE.strip() in text
    assert "Great post" not in text


def test_a_comments_heading_with_its_count_ends_the_post_too() -> None:
    text = body_text(_blog("<h2>12 Comments</h2>"))
    assert PROSE.strip() in text
    assert "Great post" not in text


def test_a_subheading_about_comments_inside_a_story_does_not_cut_it() -> None:
    # A heading that is a sentence about comments, not the thread's label: the story goes on below it.
    story = (f"<html><body><article><h1>Council meets</h1>{POST}<h2>What residents said in their comments to "
             f"the council</h2>{POST}<p>The final paragraph, which says the vote comes next week.</p>"
             "</article></body></html>")
    assert "The final paragraph" in body_text(story)


def test_a_comments_box_with_its_heading_first_is_not_cut_from_beside_the_story() -> None:
    # A heading that opens a box of its own has no story before it in that box: nothing beside it is cut.
    page = (f"<html><body><article><h1>Council meets</h1>{POST}</article><div id='comments'><h2>Comments</h2>"
            "<p>Nice.</p></div><div class='more'><p>The final paragraph, which says the vote comes next week, "
            "set apart below the comments.</p></div></body></html>")
    text = body_text(page)
    assert PROSE.strip() in text


def test_a_counter_of_comments_with_its_links_is_furniture() -> None:
    assert is_furniture_text("174 comments | Add comment | 0 recs |")
    assert is_furniture_text("3 Comments")
    assert not is_furniture_text("3 comments were left, and all of them agreed.")


def test_an_ad_slot_s_notice_that_the_story_goes_on_is_furniture() -> None:
    # The Mirror, the Daily Star: the line above an ad slot between the story's paragraphs.
    assert is_furniture_text("Article continues below")
    assert is_furniture_text("STORY CONTINUES AFTER THIS ADVERTISEMENT")
    assert not is_furniture_text("The story continues below the fold, the editor said.")
    page = f"<html><body><article><h1>Talks</h1>{POST}<p>Article continues below</p>{POST}</article></body></html>"
    assert "continues" not in body_text(page)


# --------------------------------------------------------------------------- teaser cards


def _card(n: int, summary: str) -> str:
    return (f"<div class='teaser'><div class='teaserimage'><img src='{n}.jpg'></div><div class='teaserpadding'>"
            f"<h2><a href='/other-story-{n}.html'>Another story number {n}: what it is about</a></h2>"
            f"<div class='teasertext'><p>{summary}</p></div></div></div>")


def test_a_closing_run_of_teaser_cards_is_left_out() -> None:
    # A public broadcaster's related stories: each a linked headline and a sentence, walked as if they were the
    # story's subheadings and paragraphs.
    cards = "".join(_card(n, f"A sentence that sums up the other story number {n}.") for n in range(3))
    page = f"<html><body><article><h1>Readers forget</h1>{POST}<div class='list'>{cards}</div></article></body></html>"
    text = body_text(page)
    assert PROSE.strip() in text
    assert "Another story" not in text
    assert "sums up" not in text


def test_linked_subheadings_inside_the_story_are_kept() -> None:
    # A listicle: each entry a linked name and its paragraph, the last ones short. Cards among the story's prose
    # say the linked headings are its own form.
    entries = "".join(f"<h2><a href='/place-{n}'>Restaurant number {n}</a></h2><p>{PROSE * 2}</p>" for n in range(4))
    short = "".join(_card(n, f"A short note on place {n}.") for n in range(2))
    page = f"<html><body><article><h1>Best places</h1>{entries}{short}</article></body></html>"
    text = body_text(page)
    assert "A short note on place 1." in text


def test_linked_titles_without_a_summary_sentence_are_kept() -> None:
    # A list of resources: each a linked title and its source's name, which is no summary.
    items = "".join(f"<div class='blurb'><h2><a href='/doc-{n}'>Report number {n} on tutoring</a></h2>"
                    f"<p>National Student Support Accelerator</p></div>" for n in range(4))
    page = f"<html><body><article><h1>Tutoring</h1>{POST}{items}</article></body></html>"
    assert "Report number 3 on tutoring" in body_text(page)


# --------------------------------------------------------------------------- a second story below


def test_the_story_headed_by_the_pages_headline_wins_over_a_longer_one_loaded_below() -> None:
    own = "The page's own story, which the reader came for, says this. "
    other = "A second story, loaded below as the reader scrolls, says that, at length. "
    page = ("<html><head><meta property='og:title' content='Fear will grow'></head><body><main>"
            f"<article id='main-article'><h1>Fear will grow</h1>{('<p>' + own * 3 + '</p>') * 3}</article>"
            f"<div class='under-article'><article id='second-article'><h1>No doubt: no!</h1>"
            f"{('<p>' + other * 3 + '</p>') * 9}</article></div></main></body></html>")
    text = body_text(page)
    assert own.strip() in text
    assert "A second story" not in text


def test_a_page_of_two_stories_neither_the_headline_keeps_its_choice() -> None:
    first = "The first story, shorter, says this. "
    second = "The second story, longer, says that, at length. "
    page = ("<html><head><meta property='og:title' content='Something else entirely'></head><body><main>"
            f"<article><h1>First</h1>{('<p>' + first * 3 + '</p>') * 2}</article>"
            f"<article><h1>Second</h1>{('<p>' + second * 3 + '</p>') * 6}</article></main></body></html>")
    assert second.strip() in body_text(page)


# --------------------------------------------------------------------------- marked as no content


def test_a_column_marked_nocontent_is_furniture() -> None:
    # Google's site-search mark for what is not the page's content: a blog's widgets (recent posts with their
    # summaries), which hold more paragraph text than a short post and drew widening into their column.
    recent = "".join(f"<div class='entry'><a href='/p{n}'>Another post, number {n}</a><p>A summary of that post, "
                     f"which says in a sentence what post number {n} is about.</p></div>" for n in range(6))
    post = f"<p>{PROSE * 3}</p>" * 4
    page = (f"<html><body><div class='wrap'><div class='aCol'><div class='entry-content'>{post}</div></div>"
            f"<div class='cCol'><div class='recent-posts box module nocontent'><h4>Recent Posts</h4>{recent}</div>"
            "</div></div></body></html>")
    text = body_text(page)
    assert PROSE.strip() in text
    assert "A summary of that post" not in text
    assert class_strength("box module nocontent") == 2


# --------------------------------------------------------------------------- a photo viewer's copy of a caption


def test_a_photo_viewers_copy_of_the_caption_is_left_out() -> None:
    # The lightbox (the overlay that shows a picture full size) repeats the picture's caption inside the story's box.
    caption = "The finance minister speaks to reporters outside the party's offices in Berlin on Friday morning."
    viewer = f"<div class='lightbox'><div class='lightbox__image'><img src='a.jpg'></div>" \
             f"<div class='lightbox__description'>{caption}</div></div>"
    page = f"<html><body><article><h1>Minister quits</h1>{POST}{viewer}{POST}</article></body></html>"
    text = body_text(page)
    assert PROSE.strip() in text
    assert caption not in text
    assert class_strength("lightbox__description") == 2

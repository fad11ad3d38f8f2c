"""A page whose markup shows little of its story, and whose story is in its embedded data (issue 9, recall): a
Next.js page's React Server Components flight rows, application state with the story as a string of HTML, and
JSON-LD ``articleBody``. The fallback runs only when the markup's body is short, and takes only this page's story."""

from __future__ import annotations

import json

from newsdesk.extract.embedded import embedded_html
from newsdesk.extract.html import extract_html

HEADLINE = "Ferry service resumes after the storm"
SENTENCE = "The harbour ferry ran again on Monday, after the storm closed the port for three days, officials said. "
STORY = "".join(f"<p>{SENTENCE}Paragraph {n} adds that crews had checked every pier.</p>" for n in range(8))
OTHER = "".join(f"<p>The council voted on its budget, number {n}, after a long debate on schools.</p>"
                for n in range(30))


def _page(scripts: str, visible: str = "<div id='root'></div>", head: str = "") -> str:
    return (f"<html><head><title>{HEADLINE} | The Bugle</title>"
            f"<meta property='og:title' content='{HEADLINE}'>{head}</head>"
            f"<body><h1>{HEADLINE}</h1>{visible}{scripts}</body></html>")


def _flight(rows: str) -> str:
    # The stream split across pushes, as Next.js writes it: a row may be cut anywhere.
    half = len(rows) // 2
    pieces = (rows[:half], rows[half:])
    return "".join(f"<script>self.__next_f.push([1,{json.dumps(piece)}])</script>" for piece in pieces)


def _text_row(row_id: str, markup: str) -> str:
    return f"{row_id}:T{len(markup.encode('utf-8')):x},{markup}"


def test_a_flight_text_row_gives_the_body_of_an_empty_shell() -> None:
    state = json.dumps({"title": HEADLINE, "contentHtml": "$24"})
    page = _page(_flight(f'1:["$","div",null,{state}]\n' + _text_row("24", STORY) + '\n25:["$","p",null,{}]\n'))
    article = extract_html(page, url="https://bugle.example/news/ferry")
    assert article.body[0].text == f"{SENTENCE}Paragraph 0 adds that crews had checked every pier."
    assert len(article.body) == 8


def test_a_flight_row_is_cut_by_its_length_in_utf8_bytes() -> None:
    sentence = "항구의 여객선이 폭풍 이후 월요일에 다시 운항을 시작했다고 관계자들이 밝혔다"
    korean = "".join(f"<p>{sentence} {n}.</p>" for n in range(12))
    rows = _text_row("24", korean) + '25:["$","p",null,{"children":"after"}]\n'
    found = [markup for markup, _ in embedded_html(_flight(rows))]
    assert found == [korean]


def test_application_state_holding_the_story_as_html_fills_the_body() -> None:
    related = [{"title": "x", "body": "<p>y</p>"}]
    state = {"props": {"article": {"headline": HEADLINE, "body": STORY}, "related": related}}
    page = _page(f"<script id='__NEXT_DATA__' type='application/json'>{json.dumps(state)}</script>")
    text = extract_html(page, url="https://bugle.example/news/ferry").text
    assert "Paragraph 7 adds that crews had checked every pier." in text


def test_state_escaped_twice_is_read_too() -> None:
    # A query cache that keeps its JSON as a string: the story's literal sits inside another.
    inner = json.dumps({"title": HEADLINE, "contentHtml": STORY})
    page = _page(f"<script>window.__CACHE__ = {json.dumps({'payload': inner})};</script>")
    assert "Paragraph 3 adds" in extract_html(page, url="https://bugle.example/news/ferry").text


def test_json_ld_article_body_fills_an_empty_shell() -> None:
    linked = {"@context": "https://schema.org", "@type": "NewsArticle", "headline": HEADLINE,
              "articleBody": "\n".join(f"{SENTENCE}Line {n}." for n in range(6))}
    page = _page("", head=f"<script type='application/ld+json'>{json.dumps(linked)}</script>")
    article = extract_html(page, url="https://bugle.example/news/ferry")
    assert len(article.body) == 6
    assert article.body[5].text.endswith("Line 5.")


def test_a_page_whose_markup_holds_the_story_ignores_its_state() -> None:
    visible = f"<article>{STORY}</article>"
    state = json.dumps({"title": HEADLINE, "contentHtml": STORY + OTHER})
    page = _page(f"<script>window.__STATE__ = {state}</script>", visible=visible)
    text = extract_html(page, url="https://bugle.example/news/ferry").text
    assert "council voted" not in text
    assert "Paragraph 7 adds" in text


def test_state_of_another_story_is_not_taken() -> None:
    # The shell's state lists other stories only: nothing in it names this page's headline.
    state = json.dumps({"items": [{"title": "Council passes its budget", "contentHtml": OTHER}]})
    page = _page(f"<script>window.__STATE__ = {state}</script>")
    assert "council voted" not in extract_html(page, url="https://bugle.example/news/ferry").text


def test_state_that_does_not_hold_the_visible_lead_is_not_taken() -> None:
    # The markup shows the story's first paragraph; the state's long text (a related story, with this page's
    # headline somewhere in the same state) does not open with it.
    lead = "<main><p>" + SENTENCE + "Crews were on the piers before dawn.</p></main>"
    state = json.dumps({"title": HEADLINE, "related": {"contentHtml": OTHER}})
    page = _page(f"<script>window.__STATE__ = {state}</script>", visible=lead)
    text = extract_html(page, url="https://bugle.example/news/ferry").text
    assert "Crews were on the piers before dawn." in text
    assert "council voted" not in text


def test_code_between_two_quotes_is_not_markup() -> None:
    # In a script (not JSON), a "string" the pattern finds may run from one literal's closing quote to the next
    # one's opening: it does not open with a tag, and is left alone.
    body = "function render(n) { return n > 1 ? build(n) : '<p>' + n + '</p>'; } " * 10
    code = f'var a = "x"; {body} var b = "y";'
    assert embedded_html(f"<script>{code}</script>") == []
    # The same markup as a string of its own is found.
    assert len(embedded_html(f"<script>var a = {json.dumps(STORY)};</script>")) == 1


TEASER_LINES = [f"{SENTENCE}Crews were on the piers before dawn, number {n}." for n in range(4)]


def _teaser_page(article_body: str) -> str:
    # Four paragraphs shown (over 500 characters: too long to be a shell), the rest behind a paywall.
    teaser = "<article>" + "".join(f"<p>{line}</p>" for line in TEASER_LINES) + "<p>Subscribe to read on.</p></article>"
    linked = {"@context": "https://schema.org", "@type": "NewsArticle", "headline": HEADLINE,
              "articleBody": article_body}
    return _page("", visible=teaser, head=f"<script type='application/ld+json'>{json.dumps(linked)}</script>")


def test_json_ld_article_body_that_goes_on_from_the_teaser_replaces_it() -> None:
    whole = "\n".join(TEASER_LINES + [f"{SENTENCE}Line {n}." for n in range(16)])
    article = extract_html(_teaser_page(whole), url="https://bugle.example/news/ferry")
    assert article.body[-1].text.endswith("Line 15.")
    assert "Subscribe" not in article.text


def test_json_ld_article_body_of_other_words_leaves_the_teaser() -> None:
    other = "\n".join(f"The council voted on its budget, line {n}, after a long debate on schools." for n in range(40))
    text = extract_html(_teaser_page(other), url="https://bugle.example/news/ferry").text
    assert "Crews were on the piers before dawn, number 3." in text
    assert "council voted" not in text

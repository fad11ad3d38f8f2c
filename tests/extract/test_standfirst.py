"""The standfirst is the lede a reader sees under the headline: the page's description when it is shown there.

A description kept in the metadata only (a summary for search engines and link previews, a site's slogan), one
shown as a picture's caption, and one the body already opens with are not the story's standfirst.
"""

from __future__ import annotations

from newsdesk import extract

LEDE = "Engineers expect the barrier to be ready before next autumn, six years after the first flood."
STORY = "".join(
    f"<p>{sentence} The council said the barrier, planned since the floods, would cost about four million pounds, "
    "and that work would start in the spring.</p>"
    for sentence in (
        "Councillors voted on Tuesday to build a flood barrier along Mill Lane.",
        "Residents who were flooded twice in three winters said the decision came too late.",
        "The river rose above its banks again in January, closing the lane for a week.",
    )
)


def _page(description: str, header: str, story: str = STORY) -> str:
    return (
        f"<html><head><title>Council approves flood barrier</title><meta name='description' content='{description}'>"
        "</head><body><nav><a href='/'>Home</a> <a href='/news'>News</a></nav><article><header>"
        f"<h1>Council approves flood barrier</h1>{header}</header><div class='article-body'>{story}</div>"
        "</article></body></html>"
    )


def test_a_description_shown_under_the_headline_is_the_standfirst() -> None:
    article = extract(_page(LEDE, f"<h2 class='subtitle'>{LEDE}</h2><p class='byline'>By Ann Lee</p>"))
    assert article.standfirst == LEDE
    assert LEDE not in article.text


def test_a_description_in_the_metadata_only_is_no_standfirst() -> None:
    article = extract(_page(LEDE, "<p class='byline'>By Ann Lee</p>"))
    assert article.standfirst is None


def test_a_description_shown_as_a_caption_is_no_standfirst() -> None:
    caption = "Water covers Mill Lane after the river burst its banks in January, seen from the bridge."
    header = f"<figure><img src='flood.jpg' alt='Mill Lane'><figcaption>{caption}</figcaption></figure>"
    assert extract(_page(caption, header)).standfirst is None


def test_a_description_the_body_opens_with_is_no_standfirst() -> None:
    # A wire story's dateline keeps the description from opening the paragraph; it is the body's opening still.
    description = "Councillors voted on Tuesday to build a flood barrier along Mill Lane, after six years of delay."
    story = f"<p>MILLTOWN (AP) — {description} Work starts in the spring, the council said.</p>" + STORY
    article = extract(_page(description, "<p class='byline'>By Ann Lee</p>", story))
    assert article.standfirst is None
    assert article.text.startswith("MILLTOWN (AP)")


def test_a_dek_the_body_quotes_far_down_is_still_the_standfirst() -> None:
    # The dek is a line the story quotes in its eleventh paragraph: told again there, not where the body opens.
    dek = "We were flooded twice in three winters, and nobody came to help us."
    story = STORY + "".join(
        f"<p>In winter number {n}, the water stood a foot deep in the houses at the low end of the lane, and the "
        "families there moved upstairs for days while the pumps ran through the night.</p>" for n in range(8)
    ) + f"<p>One resident, Mary Cole, said: “{dek}” She has lived on the lane for forty years.</p>"
    article = extract(_page(dek, f"<p class='standfirst'>{dek}</p><p class='byline'>By Ann Lee</p>", story))
    assert article.standfirst == dek


def test_the_text_under_the_page_headline_counts_not_under_a_logo() -> None:
    # A site's logo set as an <h1> above the story's own and a long menu: the lede is looked for under the
    # story's headline, which the menu's words keep out of reach of the logo's.
    menu = "".join(f"<a href='/section-{n}'>Section number {n} of the site</a> " for n in range(60))
    page = _page(LEDE, f"<p class='dek'>{LEDE}</p>").replace(
        "<nav>", f"<div class='masthead'><h1>The Milltown Courier</h1></div><nav>{menu}")
    assert extract(page).standfirst == LEDE


REWORDED = "A flood barrier for Mill Lane: the council votes for it after years of delay."


def test_a_lede_shown_in_a_box_named_as_one_is_the_standfirst_when_the_description_is_not_shown() -> None:
    # The description rewords the lede for search engines; the page shows its own under the headline.
    article = extract(_page(REWORDED, f"<p class='article-lead'>{LEDE}</p><p class='byline'>By Ann Lee</p>"))
    assert article.standfirst == LEDE
    assert LEDE not in article.text


def test_a_lede_shown_as_the_headline_s_subheader_or_epigraph_is_the_standfirst() -> None:
    for name in ("doc_header__subheader", "subhead", "epigraph-container"):
        article = extract(_page(REWORDED, f"<h2 class='{name}'>{LEDE}</h2><p class='byline'>By Ann Lee</p>"))
        assert article.standfirst == LEDE, name
        assert LEDE not in article.text


def test_the_story_s_microdata_description_or_a_lead_type_names_the_standfirst() -> None:
    page = _page(REWORDED, f"<p itemprop='description'>{LEDE}</p><p class='byline'>By Ann Lee</p>").replace(
        "<article>", "<article itemscope itemtype='https://schema.org/NewsArticle'>")
    assert extract(page).standfirst == LEDE
    typed = _page(REWORDED, f"<div type='lead'><p>{LEDE}</p></div><p class='byline'>By Ann Lee</p>")
    assert extract(typed).standfirst == LEDE


def test_another_item_s_microdata_description_is_no_standfirst() -> None:
    # A teaser under the headline, an item of its own: its description is another story's.
    teaser = (f"<div itemscope itemtype='https://schema.org/Article'><p itemprop='description'>{LEDE}</p></div>"
              "<p class='byline'>By Ann Lee</p>")
    page = _page(REWORDED, teaser).replace("<article>", "<article itemscope itemtype='https://schema.org/NewsArticle'>")
    assert extract(page).standfirst is None


def test_a_lede_box_that_holds_the_lead_picture_gives_no_standfirst() -> None:
    caption = "Water covers Mill Lane after the river burst its banks in January, seen from the bridge."
    header = (f"<div class='LeadFeature'><div class='media-placeholder'></div>"
              f"<div class='embed-caption'>{caption}</div></div>")
    assert extract(_page(REWORDED, header)).standfirst is None


def test_an_excerpt_that_links_another_story_is_no_standfirst() -> None:
    header = ("<div class='excerpt'><p><a href='/other'>Bridge repairs to close the high street for the whole "
              "summer</a></p></div>")
    assert extract(_page(REWORDED, header)).standfirst is None


def test_a_lede_the_body_opens_with_is_no_standfirst() -> None:
    opening = "Councillors voted on Tuesday to build a flood barrier along Mill Lane."
    article = extract(_page(REWORDED, f"<p class='article-lead'>{opening}</p>"))
    assert article.standfirst is None


def test_a_description_the_page_hides_under_its_headline_is_no_standfirst() -> None:
    # Read before the furniture is removed, hidden text would count as shown (review14).
    for hidden in (f"<div hidden>{LEDE}</div>", f"<p style='display:none'>{LEDE}</p>",
                   f"<div aria-hidden='true'>{LEDE}</div>"):
        article = extract(_page(LEDE, hidden + "<p class='byline'>By Ann Lee</p>"))
        assert article.standfirst is None, hidden


def test_a_description_cut_short_is_given_as_the_page_shows_it() -> None:
    cut = LEDE[:60].rstrip() + "…"
    article = extract(_page(cut, f"<h2 class='subtitle'>{LEDE}</h2><p class='byline'>By Ann Lee</p>"))
    assert article.standfirst == LEDE
    # Where the page shows it cut short too, that is what it is.
    article = extract(_page(cut, f"<h2 class='subtitle'>{cut}</h2><p class='byline'>By Ann Lee</p>"))
    assert article.standfirst == cut


def test_a_headline_set_as_an_h2_on_a_page_without_an_h1_is_where_the_lede_is_read() -> None:
    # An older blog theme: the post's title is an <h2> and the page has no <h1> at all; the dek under the title is
    # the page's description, shown.
    page = _page(LEDE, f"<p>{LEDE}</p>").replace(
        "<h1>Council approves flood barrier</h1>", "<h2 class='entry-title'>Council approves flood barrier</h2>")
    assert extract(page).standfirst == LEDE

"""The text mode's body: where it starts and ends, and when a text is an article and not a listing."""

from __future__ import annotations

from newsdesk.extract.text import extract_text, line_kinds

MENU = "\n".join(f"区分{n}" for n in range(30))


def test_japanese_article_under_a_long_menu_is_not_a_listing() -> None:
    # Unspaced scripts: a paragraph is one "word" to str.split(), dozens to word_count.
    paragraph = "気象庁は十三日、日向灘で震度五弱の地震があったと発表した。震源の深さは約三十キロと推定される。"
    text = f"{MENU}\n宮崎県で震度5弱、津波注意報\n\n" + "\n\n".join([paragraph] * 3)
    article = extract_text(text)
    assert article.is_article
    assert len(article.body) == 3
    assert article.headline == "宮崎県で震度5弱、津波注意報"


def test_article_under_a_menu_of_blurbs_starts_at_its_own_header() -> None:
    # A mega-menu copied with its course blurbs reads as prose; the article's header (headline,
    # then a "Posted by" date line) opens far more prose than the menu holds.
    blurb = ("Learn to build software with the most popular languages, tools and techniques, with mentors "
             "who work in the industry and a career coach who stays with you until your first job.")
    menu = "\n".join(f"Course {n}\n{blurb}\nApply Today" for n in range(4))
    paragraph = ("When people who do not program think of a software engineer, they picture someone alone at a "
                 "keyboard, but most of the work is talking with colleagues about what to build and why. ")
    text = (f"{menu}\nAn Introduction to Software Development\nPosted by Peter Bell on August 21, 2019\n\n"
            + "\n\n".join([paragraph * 2] * 5))
    article = extract_text(text)
    assert article.headline == "An Introduction to Software Development"
    assert article.published == "2019-08-21"
    assert all(blurb not in block.text for block in article.body)
    assert len(article.body) == 5


def test_a_comment_under_the_article_does_not_replace_it() -> None:
    paragraph = "The council approved the new budget after a long debate over road repairs and school funding. "
    comment = "I think the council got this one right, and the roads really do need the money this year. "
    text = ("Council approves budget\nBy Ann Lee\nMarch 12, 2024\n\n" + "\n\n".join([paragraph * 2] * 4)
            + "\n\nGreat decision by the council today\nJohn Roe\nMarch 12, 2024 at 9:15 pm\n\n" + comment * 3)
    article = extract_text(text)
    assert article.headline == "Council approves budget"
    assert len(article.body) == 4


def test_a_label_over_every_paragraph_does_not_make_a_teaser_grid() -> None:
    # "Article content" printed over each short paragraph reads as a heading each time; a teaser
    # grid's headlines differ from one another.
    paragraphs = [f"Officials said the storm damaged {n} homes in the county and closed several roads overnight."
                  for n in range(3, 12)]
    text = "Storm damages homes\nBy Ann Lee\n\n" + "\n".join(f"Article content\n{p}" for p in paragraphs)
    article = extract_text(text)
    assert article.is_article
    assert [b.text for b in article.body if b.type == "paragraph"] == paragraphs


def test_a_teaser_grid_is_still_a_listing() -> None:
    teasers = "\n".join(f"Storm story number {n}\nA short summary of what happened in town {n} today."
                        for n in range(6))
    assert not extract_text(teasers).is_article


def test_a_short_article_outscored_by_a_teaser_grid_is_still_found() -> None:
    summary = ("A short summary of what happened in the town this week, with the council's reply and a quote "
               "from a resident.")
    grid = "\n".join(f"Another story headline number {n}\n{summary}" for n in range(8))
    article_text = ("Bridge to close for repairs until spring\nBy Ann Lee\nMarch 12, 2024\n\n"
                    "The council voted on Tuesday to close the old bridge for repairs, a decision that will add "
                    "twenty minutes to many commuters' journeys until the spring, officials said.\n\n"
                    "Engineers found cracks in two of the supports during a routine inspection in August.")
    article = extract_text(f"{grid}\n\n{article_text}")
    assert article.is_article
    assert article.headline == "Bridge to close for repairs until spring"
    assert [b.text[:20] for b in article.body] == ["The council voted on", "Engineers found crac"]


def test_a_text_made_mostly_of_list_items_is_not_taken_for_a_teaser() -> None:
    menu = "\n".join(f"Section heading number {n} here" for n in range(9))
    items = "\n".join(f"• Step {n}: store the request body as the document's new content and reply with its version"
                      for n in range(5))
    text = f"{menu}\n\nA successful request must result in the following changes:\n{items}\n"
    article = extract_text(text)
    assert article.is_article
    assert sum(1 for b in article.body if b.type == "list_item") == 5


def test_a_list_copied_without_its_bullets_stays_in_the_body() -> None:
    # innerText drops list markers: the items come as short lines of a sentence's length, one per line.
    intro = ("Engineers who inspected the old bridge in August found several faults, the council said on "
             "Tuesday, and listed the repairs it will make before the spring.")
    items = ["Replace the two cracked supports under the eastern span",
             "Resurface the whole deck and repaint the iron railings",
             "Install new lighting along the footpath on both sides"]
    outro = ("The council expects the repairs to cost about two million pounds and to finish before the "
             "bridge reopens to traffic in April, a spokesman said, adding that buses will use the new "
             "bridge downstream until then.")
    text = "Bridge to close for repairs\nBy Ann Lee\n\n" + intro + "\n" + "\n".join(items) + "\n\n" + outro
    article = extract_text(text)
    assert [b.text for b in article.body if b.type == "list_item"] == items
    assert article.body[-1].text == outro


def test_a_long_bare_list_does_not_split_the_body() -> None:
    intro = "The council listed the repairs it will make to the old bridge before it reopens in the spring."
    items = [f"Repair number {n} on the list of work the engineers asked for" for n in range(8)]
    outro = ("The work should finish in April, when buses will return to the old bridge and the temporary "
             "crossing downstream will close again, a spokesman for the council said.")
    text = "Bridge to close for repairs\nBy Ann Lee\n\n" + intro + "\n" + "\n".join(items) + "\n\n" + outro
    body = extract_text(text).body
    assert body[0].text == intro and body[-1].text == outro
    assert len(body) == 10


def test_a_thread_of_signed_comments_ends_the_body() -> None:
    # A blog's readers sign each comment ("Name says:") or stamp it ("NameMay 3, 2021 at 4:12 PM");
    # their comments read as prose, so the run went on to the thread's end.
    paragraph = "The council approved the new budget after a long debate over road repairs and school funding. "
    comment = "I think the council got this one right, and the roads really do need the money this year. "
    thread = "".join(f"\n\n{name} says:\n{comment * 2}\nReply" for name in ("Amy", "Jo Smith", "Kathy Owen"))
    text = "Council approves budget\nBy Ann Lee\nMarch 12, 2024\n\n" + "\n\n".join([paragraph * 2] * 4) + thread
    article = extract_text(text)
    assert [block.text for block in article.body] == [(paragraph * 2).strip()] * 4
    stamped = "".join(f"\n\n{name}\nMarch 13, 2024 at 9:1{n} pm\n{comment * 2}" for n, name in enumerate(("Amy", "Jo")))
    article = extract_text(text.replace(thread, stamped + "\n\nKathyMarch 14, 2024 at 8:02 AM\n" + comment))
    assert [block.text for block in article.body] == [(paragraph * 2).strip()] * 4


def test_one_line_that_reads_like_a_signature_does_not_end_the_body() -> None:
    paragraph = "The council approved the new budget after a long debate over road repairs and school funding. "
    text = ("Council approves budget\nBy Ann Lee\n\n" + "\n\n".join([paragraph * 2] * 3)
            + "\n\nHere is what the mayor says:\n\n" + "\n\n".join([paragraph * 2] * 2))
    assert len(extract_text(text).body) == 6


def test_read_also_labels_in_other_languages_open_a_list_of_other_stories() -> None:
    # A widget label makes the headline-like lines under it other stories, never the body.
    labels = ("Lesen Sie auch", "Mehr zu Fleischkonsum", "あわせて読みたい", "【関連記事】",
              "La rédaction vous conseille", "You might also be interested in…", "Next Up In Science & Health",
              "Leia também")
    assert [kind for kind, _ in line_kinds("\n".join(labels))] == ["widget"] * len(labels)


def test_sharing_buttons_form_plumbing_and_fine_print_are_boilerplate() -> None:
    lines = ("Click to share on Twitter (Opens in new window)",
             "Klick, um auf Facebook zu teilen (Wird in neuem Fenster geöffnet)",
             "This field is for validation purposes and should be left unchanged.",
             "Get insider information and deals in your inbox!",
             "Past performance is not indicative of future results.",
             "These statements have not been evaluated by the Food and Drug Administration.")
    assert [kind for kind, _ in line_kinds("\n".join(lines))] == ["boilerplate"] * len(lines)
    # A story's own sentence about an inbox stays prose.
    story = "Recruiters promise CVs in your inbox within 72 hours, and most of them deliver."
    assert line_kinds(story)[0][0] == "prose"


def test_advertisement_placeholders_and_paywall_offers_are_not_body() -> None:
    kinds = line_kinds("Advertisement 1\nAdvertisement - Continue Reading Below\n"
                       "This advertisement has not loaded yet, but your article continues below.\n"
                       "THIS CONTENT IS RESERVED FOR SUBSCRIBERS\nREGISTER / SIGN IN TO UNLOCK MORE ARTICLES")
    assert [kind for kind, _ in kinds] == ["marker", "marker", "boilerplate", "boilerplate", "boilerplate"]


def test_teasers_with_two_sentence_summaries_close_the_body() -> None:
    paragraph = "The council approved the new budget after a long debate over road repairs and school funding. "
    summary = ("Residents packed the hall on Monday night to hear the plan, which the mayor said would take three "
               "years and cost more than any project the town has seen.")
    teasers = "\n".join(f"Another story from the region, number {n}\n{summary}" for n in range(3))
    text = "Council approves budget\nBy Ann Lee\n\n" + "\n\n".join([paragraph * 2] * 4) + "\n\n" + teasers
    assert [block.text for block in extract_text(text, learned=False).body] == [(paragraph * 2).strip()] * 4
    # The line model may judge the first title under the story either way (its chance sits at 0.5 on this
    # text); no summary comes back.
    body = [block.text for block in extract_text(text).body]
    assert body[:4] == [(paragraph * 2).strip()] * 4 and summary not in body


def test_a_thread_heading_with_its_count_ends_the_body() -> None:
    # "12 thoughts on “Title”" and its kind head a thread whose comments need not be signed; a count
    # of 0 is the post's meta line under the headline, and the body starts after it.
    paragraph = "The council approved the new budget after a long debate over road repairs and school funding. "
    comment = "I think the council got this one right, and the roads really do need the money this year. "
    story = "\n\n".join([paragraph * 2] * 4)
    for heading in ("12 thoughts on “Council approves budget”", "2 Responses to Council approves budget",
                    "3 Kommentare", "There are 13 comments", "Comments (74)", "Leave a Reply",
                    "You must be logged in to post a comment.", "Links to this post"):
        text = f"Council approves budget\nBy Ann Lee\n\n{story}\n\n{heading}\n\n" + "\n\n".join([comment * 2] * 6)
        assert [block.text for block in extract_text(text).body] == [(paragraph * 2).strip()] * 4, heading
    text = f"Council approves budget\nBy Ann Lee\n0 Comments\n\n{story}"
    assert len(extract_text(text).body) == 4


def test_relative_times_of_a_teaser_list_are_date_lines() -> None:
    lines = ("32M ago", "1h ago", "2 hours ago", "vor 3 Stunden", "il y a 2 heures", "hace 5 minutos")
    assert [kind for kind, _ in line_kinds("\n".join(lines))] == ["date"] * len(lines)


def test_a_table_of_cookies_is_boilerplate_and_a_data_table_is_not() -> None:
    cookies = ("Cookie\tDuration\tDescription\n_ga\t2 years\tGoogle Analytics sets this cookie to count visits.\n"
               "PHPSESSID\tsession\tThis cookie is native to PHP applications.")
    assert [kind for kind, _ in line_kinds(cookies)] == ["boilerplate"] * 3
    results = "City\tRain\nLeeds\t40 mm\nYork\t35 mm"
    assert [kind for kind, _ in line_kinds(results)] == ["table"] * 3


def test_a_run_printed_twice_keeps_one_copy_and_a_recipe_keeps_its_repeats() -> None:
    paragraph = "The council approved the new budget after a long debate over road repairs and school funding. "
    offer = ("Unlimited online access to every article from the Herald and fifteen other news sites.\n"
             "The Herald ePaper, an electronic replica of the print edition to view on any device.")
    text = (f"Council approves budget\nBy Ann Lee\n\n{paragraph * 2}\n\n{offer}\n\n{paragraph}\n\n{offer}\n\n"
            + "\n\n".join([paragraph * 2] * 2))
    texts = [block.text for block in extract_text(text).body]
    assert texts.count(offer.split("\n")[0]) == 1
    # Three copies of one step are the recipe's own.
    step = "Drink two glasses of water within thirty minutes after your workout, then rest."
    text = f"Workout plan\n\n{paragraph * 2}\n\n" + "\n\n".join(f"Day {n}\n{step}\n{paragraph}" for n in range(3))
    assert [block.text for block in extract_text(text).body].count(step) == 3


def test_a_listing_keeps_its_best_run_with_the_verdict() -> None:
    # As for HTML, "not an article" is a verdict, not a filter: the lines found stay in the body.
    teasers = "\n".join(f"Storm story number {n}\nA short summary of what happened in town {n} today."
                        for n in range(6))
    article = extract_text(teasers)
    assert article.is_article is False
    assert article.body and "A short summary of what happened in town" in article.text


def test_about_the_author_after_the_story_ends_the_body() -> None:
    paragraph = "The council approved the new budget after a long debate over road repairs and school funding. "
    bio = ("She has covered the council for a decade, and before that wrote about schools and the courts for "
           "two papers in the north of the county.")
    text = ("Council approves budget\nBy Ann Lee\n\n" + "\n\n".join([paragraph * 2] * 4)
            + f"\n\nAbout the Author\n\n{bio}\n\n{bio}")
    assert [block.text for block in extract_text(text).body] == [(paragraph * 2).strip()] * 4


def test_a_bio_under_the_authors_name_closes_the_body_and_a_list_of_names_does_not() -> None:
    paragraph = "The council approved the new budget after a long debate over road repairs and school funding. "
    story = "\n\n".join([paragraph * 2] * 4)
    bio = "Ann has covered the council for a decade and lives in the north of the county."
    text = f"Council approves budget\nBy Ann Lee\n\n{story}\n\nAbout Ann Lee\n{bio}"
    assert [block.text for block in extract_text(text).body] == [(paragraph * 2).strip()] * 4
    # Another person's name over a paragraph stays: only the byline's name marks a bio.
    other = "Tom Roe\nTom Roe chairs the finance committee, and he voted for the plan on Tuesday night."
    assert len(extract_text(f"Council approves budget\nBy Ann Lee\n\n{story}\n\n{other}").body) == 6


def test_more_widget_related_and_aside_labels() -> None:
    kinds = line_kinds("You Might Also Like …\nMore Great WIRED Stories\nLatest Headlines\nOther news in this section\n"
                       "Ähnliche Beiträge:\nArtículos relacionados\nÜber die Autor:in\nSobre o autor")
    assert [kind for kind, _ in kinds] == ["widget"] * 4 + ["widget"] * 2 + ["aside"] * 2


def test_shop_buttons_and_layout_labels_are_markers() -> None:
    lines = ("Check price at Amazon", "Buy on Amazon", "Book now", "View this post on Instagram", "Article content",
             "Try refreshing your browser, or")
    assert [kind for kind, _ in line_kinds("\n".join(lines))] == ["marker"] * len(lines)
    consent = "We and our partners process data to provide and improve our services."
    assert line_kinds(consent)[0][0] == "boilerplate"


def test_a_closing_plug_and_a_run_of_labels_leave_the_text_body_as_in_html() -> None:
    # The same trims as HTML mode's body: the publisher's call to its reader, then a closing label run.
    paragraph = "The council approved the new budget after a long debate over road repairs and school funding. "
    story = "\n\n".join([paragraph * 2] * 4)
    plug = "Donate today to keep our reporting free for everyone."
    article = extract_text(f"Council approves budget\nBy Ann Lee\n\n{story}\n\n{plug}")
    assert [block.text for block in article.body] == [(paragraph * 2).strip()] * 4


def test_a_comments_label_in_other_languages_is_a_marker() -> None:
    labels = ("Kommentare", "Commentaires", "Comentarios", "Commenti", "Kommentarer")
    assert [kind for kind, _ in line_kinds("\n".join(labels))] == ["marker"] * len(labels)


def test_a_comment_button_without_its_article_ends_the_body() -> None:
    # "Add comment" as well as "Add a comment": the teasers of other stories under it read as questions.
    paragraph = "The council approved the new budget after a long debate over road repairs and school funding. "
    others = "\n".join(f"Can you really save {n} pounds on your council tax by paying it all in one go this spring?"
                       for n in range(3))
    text = "Council approves budget\nBy Ann Lee\n\n" + "\n\n".join([paragraph * 2] * 4) + f"\nAdd comment\n{others}"
    assert [block.text for block in extract_text(text, learned=False).body] == [(paragraph * 2).strip()] * 4


def test_a_request_for_the_readers_verdict_ends_the_body() -> None:
    paragraph = "The council approved the new budget after a long debate over road repairs and school funding. "
    story = "\n\n".join([paragraph * 2] * 4)
    after = "\n\n".join(f"Readers in ward {n} wrote to the council about the bridge, the buses and the parks."
                          for n in range(3))
    for prompt in ("Was this page helpful?", "Want more stories like this?", "How Was This Issue?"):
        text = f"Council approves budget\nBy Ann Lee\n\n{story}\n\n{prompt}\n\n{after}"
        assert [block.text for block in extract_text(text).body] == [(paragraph * 2).strip()] * 4, prompt


def _council_paragraphs() -> list[str]:
    """A story's first four paragraphs, under which the tests below set a card, a second article or a widget."""
    return [f"The council met on day {n} to debate the budget, and members argued over road repairs at length. " * 2
            for n in range(4)]


def test_a_teaser_card_inside_the_story_does_not_end_it() -> None:
    # "Also read" with another story's headline and date, set between two paragraphs: the story's
    # prose runs on for paragraphs under it, so the card is no second article's header.
    first = _council_paragraphs()
    later = [f"After the break on day {n}, the mayor said the schools would get more money than planned last year. " * 2
             for n in range(4)]
    text = ("Council approves budget\nBy Ann Lee\nMarch 12, 2024\n\n" + "\n\n".join(first)
            + "\n\nAlso read\nRiver floods the old town after days of heavy rain\nMarch 10, 2024\n\n"
            + "\n\n".join(later))
    article = extract_text(text, learned=False)
    paragraphs = [b.text for b in article.body if b.type == "paragraph"]
    assert paragraphs[-1] == later[-1].strip()
    assert all("River floods" not in p for p in paragraphs)


def test_a_second_article_with_its_own_byline_and_date_still_ends_the_body() -> None:
    # Two anchors under the headline (a byline and a date) make a second article's header.
    first = _council_paragraphs()
    later = [f"In other news on day {n}, the river rose past its banks and flooded the old town's lower streets. " * 2
             for n in range(4)]
    text = ("Council approves budget\nBy Ann Lee\nMarch 12, 2024\n\n" + "\n\n".join(first)
            + "\n\nRiver floods the old town after days of heavy rain\nBy John Roe\nMarch 10, 2024\n\n"
            + "\n\n".join(later))
    article = extract_text(text, learned=False)
    paragraphs = [b.text for b in article.body if b.type == "paragraph"]
    assert paragraphs == [p.strip() for p in first]


def test_a_widget_of_teasers_with_read_more_links_ends_the_body() -> None:
    # "More Articles" over other stories' summaries, each under its headline and over a "Read More"
    # link: the body ends at the label, though each summary reads as prose.
    story = _council_paragraphs()
    summary = "A summary of another story on this site, which runs on about the town and its people. " * 4
    teasers = "\n".join(f"Story number {n} from the site\n{summary}\nRead More..." for n in range(2))
    text = ("Council approves budget\nBy Ann Lee\nMarch 12, 2024\n\n" + "\n\n".join(story)
            + "\nMore Articles\n" + teasers)
    article = extract_text(text, learned=False)
    assert [b.text for b in article.body if b.type == "paragraph"] == [p.strip() for p in story]


def test_a_widget_of_teasers_with_bare_more_links_ends_the_body() -> None:
    # The same under a German label, each summary (long enough to end the label's run) over a bare "mehr"
    # link, and the readers' comments after them.
    story = [f"Der Rat tagte am Tag {n} über den Haushalt, und die Mitglieder stritten lange über Straßen. " * 2
             for n in range(4)]
    summary = "Eine Zusammenfassung eines anderen Artikels, die von der Stadt und ihren Menschen erzählt. " * 3
    teasers = "\n".join(f"Meldung {n} aus der Region\n{summary}\nmehr" for n in range(2))
    text = ("Rat beschließt Haushalt\nVon Anna Lehmann\n12. März 2024\n\n" + "\n\n".join(story)
            + "\nMehr zu Finanzen\n" + teasers + "\n3 Kommentare\nIch finde, der Rat hat recht, und das seit Jahren.")
    article = extract_text(text, learned=False)
    assert [b.text for b in article.body if b.type == "paragraph"] == [p.strip() for p in story]


def test_a_signature_with_the_comments_date_and_time_is_a_signature() -> None:
    # WordPress's "Name on <date> at <time> said:" runs past the 40 characters of a bare "Name says:".
    from newsdesk.extract.text_labels import COMMENT_SIGNATURE

    assert COMMENT_SIGNATURE.match("Catherine (GiveWell) on September 19, 2018 at 12:48 pm said:")
    assert COMMENT_SIGNATURE.match("Milan Griffes on September 12, 2018 at 4:47 pm")
    assert not COMMENT_SIGNATURE.match("In a wide-ranging interview, President Obama also said:")


def test_a_slideshow_inside_the_story_is_dropped_and_the_story_runs_on_under_it() -> None:
    paragraph = "The council approved the new budget after a long debate over road repairs and school funding. "
    slides = "\n".join(f"{k}/12 Markets in week {k}\nShares in the county's firms rose again in week {k}, "
                       f"traders said, as orders for the new season came in faster than expected.\nGetty"
                       for k in range(1, 13))
    closing = "The budget takes effect in April, and the first road repairs start on the high street. "
    text = ("Council approves budget\nBy Ann Lee\nMarch 12, 2024\n\n" + "\n\n".join([paragraph * 2] * 3)
            + "\n\nBusiness in pictures\n" + slides + "\n\n" + "\n\n".join([closing * 2] * 2))
    article = extract_text(text)
    texts = [block.text for block in article.body]
    assert not any("Shares in the county" in t or "Markets in week" in t for t in texts)
    assert texts[0] == (paragraph * 2).strip()
    assert texts[-1] == (closing * 2).strip()
    assert len(texts) == 5


def test_a_long_thread_under_a_short_post_is_not_the_post() -> None:
    # An open thread's post is a few sentences; the readers' comments under it run on much longer.
    post = ("This is the weekly open thread. Post about anything you like, from the news to the garden, "
            "and please keep it civil and on the kind side of the line. The next thread opens on Monday "
            "morning, as it always does, with the week's schedule. ")
    comments = "\n".join(f"{name} says:\nI read the council's report on the roads this week, and it said the repairs "
                         f"would start in spring, which seems late to me given the state of the high street."
                         for name in ("Amy", "Jo", "Sam", "Kit", "Lee", "Ruth"))
    article = extract_text(f"Open thread\nMarch 12, 2024\n\n{post}\n\n{comments}")
    assert [block.text for block in article.body] == [post.strip()]


def test_a_guide_of_short_sections_under_a_short_introduction_is_the_story() -> None:
    # Subheadings over a sentence or two each read like teasers; they are most of the text, so they are its own.
    intro = ("Do you know all of the different types of wine? This guide sorts almost two hundred of them by taste "
             "and by style, so that you can find new ones to try next to the ones you already like. ")
    sections = {"Red Wine": "Still wine made with black grapes. Red wines range from light to bold in body and taste.",
                "White Wine": "A still wine made from white grapes and sometimes black ones, from light to rich.",
                "Rosé Wine": "Still wine from black grapes made by taking the skins away before they stain it red.",
                "Sparkling Wine": "A second fermentation makes its bubbles; it is red, white or rosé, dry or sweet.",
                "Dessert Wine": "Wine made stronger with spirits, which is often sweet, though many dry ones exist.",
                "Orange Wine": "White grapes left on their skins for days or months, which gives the wine its colour."}
    text = ("The Many Types of Wine\nWritten by Jane Doe\n\n" + intro + "\n\n"
            + "\n".join(f"{title}\n{paragraph}" for title, paragraph in sections.items()))
    article = extract_text(text, learned=False)
    paragraphs = [block.text for block in article.body if block.type == "paragraph"]
    assert paragraphs == [intro.strip(), *sections.values()]


def test_a_ranked_list_of_other_stories_stays_out_of_the_body_while_its_ranks_run_on() -> None:
    # An access ranking whose entries read as sentences: the ranks, not the sentences, say it is still the list.
    paragraph = "The council approved the new budget after a long debate over road repairs and school funding. "
    entries = "\n".join(f"{n} Story number {n} on the site today, which readers of the paper liked the most this week."
                        for n in range(2, 6))
    text = ("Council approves budget\nBy Ann Lee\n\n" + "\n\n".join([paragraph * 2] * 4)
            + f"\nMost read\n1 Rain returns\n{entries}\nWeather: rain again")
    article = extract_text(text, learned=False)
    assert [block.text for block in article.body] == [(paragraph * 2).strip()] * 4

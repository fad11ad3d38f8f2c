"""trim_body: a closing run of labels and a gallery's counters go; a story's own ending stays."""

from __future__ import annotations

from newsdesk.extract.body_trim import drop_counters, drop_repeats, trim_body, trim_tail
from newsdesk.model import Block

STORY = [
    Block("paragraph", "The council voted on Monday to close the bridge for repairs over the summer. " * 3),
    Block("paragraph", "Work is due to start in June, and the crossing will reopen in September. " * 3),
]


def texts(blocks: list[Block]) -> list[str]:
    return [block.text for block in blocks]


def test_programme_and_keywords_tail_is_dropped() -> None:
    # A broadcaster's page: the programme the topic ran in, then the article's keywords.
    tail = [Block("paragraph", "Dieses Thema im Programm:"),
            Block("heading", "NDR 1 Welle Nord | Nachrichten | 28.04.2023 | 13:00 Uhr"),
            Block("heading", "Schlagwörter zu diesem Artikel"), Block("heading", "Wissenschaft")]
    assert trim_body(STORY + tail) == STORY


def test_tail_of_headings_in_another_script_is_dropped() -> None:
    tail = [Block("paragraph", "関連キーワード"), Block("paragraph", "おすすめ情報"), Block("heading", "社会の新着")]
    assert trim_tail(STORY + tail) == STORY


def test_signoff_without_a_label_stays() -> None:
    signoff = [Block("paragraph", "Cheers,"), Block("paragraph", "Alina"), Block("paragraph", "Kent")]
    assert trim_tail(STORY + signoff) == STORY + signoff


def test_two_closing_lines_stay() -> None:
    # A subheading and a closing name are too few to be a section of furniture.
    pair = [Block("heading", "About the author"), Block("paragraph", "Jeremy Walker")]
    assert trim_tail(STORY + pair) == STORY + pair


def test_closing_list_stays() -> None:
    # A story that ends with a list (qualified teams, steps) ends with its content.
    teams = [Block("heading", "Qualified teams")] + [
        Block("list_item", f"Team {n} (Group {n}): appearance") for n in range(6)]
    assert trim_tail(STORY + teams) == STORY + teams


def test_closing_sentences_stay() -> None:
    ending = [Block("heading", "What next"), Block("paragraph", "The vote is final."),
              Block("paragraph", "Appeals are due by May.")]
    assert trim_tail(STORY + ending) == STORY + ending


def test_long_tail_is_content() -> None:
    # Over a dozen short lines under a label: a listing (events, a timeline), not a tag box.
    listing = [Block("heading", "Events")] + [Block("paragraph", f"Event {n} at the hall") for n in range(14)]
    assert trim_tail(STORY + listing) == STORY + listing


def test_page_mostly_of_short_lines_is_kept() -> None:
    short = [Block("paragraph", "A photo post.")]
    tail = [Block("heading", "Gallery"), Block("paragraph", "A long caption of the view " * 10),
            Block("paragraph", "Another long caption of the view " * 10)]
    # The captions are long: no trailing run of slight lines is found at all.
    assert trim_tail(short + tail) == short + tail
    labels = [Block("heading", "Tags")] + [Block("paragraph", f"Label number {n} of the page") for n in range(5)]
    assert trim_tail(short + labels) == short + labels


def test_long_line_ends_the_run() -> None:
    prose_without_stop = Block("paragraph", "word " * 30)
    tail = [Block("heading", "Tags"), Block("paragraph", "Transport"), Block("paragraph", "Council")]
    assert trim_tail([*STORY, prose_without_stop, *tail]) == [*STORY, prose_without_stop]


def test_gallery_counters_are_dropped() -> None:
    gallery = [Block("paragraph", "4 of 12 |"), Block("paragraph", "Supporters cheer at the rally."),
               Block("paragraph", "5 of 12 |"), Block("paragraph", "Image 6 of 12")]
    assert texts(drop_counters(STORY + gallery)) == [*texts(STORY), "Supporters cheer at the rally."]


def test_one_counter_or_a_rating_stays() -> None:
    blocks = [*STORY, Block("paragraph", "1 of 3"), Block("paragraph", "5/5"), Block("paragraph", "4/5")]
    assert drop_counters(blocks) == blocks


def test_input_is_not_changed() -> None:
    blocks = [*STORY, Block("heading", "Tags"), Block("paragraph", "Transport"), Block("paragraph", "Council")]
    before = list(blocks)
    trim_body(blocks)
    assert blocks == before


def test_empty_body() -> None:
    assert trim_body([]) == []


def test_tag_list_of_short_items_is_dropped() -> None:
    # Tags with their counts, as a list under the list's label.
    tags = [Block("heading", "Tag List"), Block("list_item", "TAXES 330"), Block("list_item", "JOBS 247"),
            Block("list_item", "BANKS 117")]
    assert trim_tail(STORY + tags) == STORY


def test_closing_list_of_short_sentences_stays() -> None:
    steps = [Block("heading", "Steps"), Block("list_item", "Mix it."), Block("list_item", "Bake it."),
             Block("list_item", "Serve.")]
    assert trim_tail(STORY + steps) == STORY + steps


def test_second_copy_of_the_story_is_dropped() -> None:
    # A page that holds the story twice (a print copy below the screen one).
    assert drop_repeats([*STORY, Block("heading", "Print"), *STORY]) == [*STORY, Block("heading", "Print")]


def test_repeated_short_lines_and_non_sentences_stay() -> None:
    # An interview's recurring question, and a meal plan's dish with its ingredients, repeat within a story.
    question = Block("paragraph", "What inspired you to start cooking for other people, and what keeps you going?")
    dish = Block("paragraph", "Asian Chicken Zoodles [1 cup zucchini noodles, 4 oz. cooked chicken, "
                              "1 tsp. sesame oil, 1 tsp. soy sauce, green onions, cilantro, lime, chili flakes, "
                              "garlic, ginger, sesame seeds, salt, pepper, and a handful of bean sprouts]")
    blocks = [question, *STORY, question, dish, dish]
    assert drop_repeats(blocks) == blocks


def test_repeated_list_items_stay() -> None:
    item = Block("list_item", STORY[0].text)
    assert drop_repeats([item, item]) == [item, item]

"""drop_calls_to_action: the publisher's offers to its reader go, in many languages; the story's own
words about newsletters, apps and donations stay."""

from __future__ import annotations

import pytest

from newsdesk.extract.body_trim import trim_body
from newsdesk.extract.calls_to_action import (
    _ADDRESS,
    _TIP_CONTACT,
    _addresses,
    _names_a_contact,
    drop_calls_to_action,
)
from newsdesk.extract.html import extract_html
from newsdesk.model import Block

STORY = [
    Block("paragraph", "The council voted on Monday to close the bridge for repairs over the summer. " * 3),
    Block("paragraph", "Work is due to start in June, and the crossing will reopen in September. " * 3),
    Block("paragraph", "Traders on both banks said they feared for their takings while it is shut. " * 3),
]


def texts(blocks: list[Block]) -> list[str]:
    return [block.text for block in blocks]


@pytest.mark.parametrize("line", [
    "Sign up for our daily newsletter to get the news in your inbox.",
    "For the latest breaking news from across the globe, sign up for our newsletters.",
    "Jetzt abonnieren und von der Vorlesefunktion profitieren.",
    "Sie mögen den Tag kompakt zusammengefasst? Dann sind Sie beim täglichen Newsletter richtig.",
    "Il vous reste 57% de cet article à lire. La suite est réservée aux abonnés.",
    "Suscríbete a nuestro boletín y recibe las noticias cada mañana.",
    "Iscriviti alla nostra newsletter per ricevere le notizie del giorno.",
    "Meld je aan voor onze nieuwsbrief en mis niets.",
    "Assine a nossa newsletter e receba as notícias no seu e-mail.",
    "Prenumerera på vårt nyhetsbrev och få nyheterna direkt.",
    "Zapisz się do naszego newslettera i bądź na bieżąco.",
    "Download our free app to follow the news wherever you are.",
    "Follow us on Google News to get our stories in your feed.",
])
def test_an_offer_after_the_story_goes(line: str) -> None:
    assert drop_calls_to_action([*STORY, Block("paragraph", line)]) == STORY


def test_an_offer_before_the_story_goes() -> None:
    plug = Block("paragraph", "Abonnez-vous à notre newsletter pour recevoir l’essentiel de l’actualité.")
    assert drop_calls_to_action([plug, *STORY]) == STORY


def test_a_donation_call_between_paragraphs_goes() -> None:
    # Inside the run it names two offers: support us, and a donation.
    call = Block("paragraph", "Hat Ihnen dieser Artikel gefallen? Dann unterstützen Sie uns bitte mit einer Spende.")
    assert drop_calls_to_action([STORY[0], call, *STORY[1:]]) == STORY


def test_a_machine_translation_note_between_paragraphs_goes() -> None:
    note = Block("paragraph", "Dies ist eine maschinelle Übersetzung eines Artikels unserer US-Kollegen. "
                              "Er wurde automatisiert übersetzt und von einem Redakteur überprüft.")
    assert drop_calls_to_action([STORY[0], note, *STORY[1:]]) == STORY


def test_a_platform_channel_plug_between_paragraphs_goes() -> None:
    # Inside the run (an author's bio follows it) it makes two offers: Google News, and a preferred source.
    plug = Block("paragraph", "Follow TechRadar on Google News and add us as a preferred source to get our expert "
                              "news, reviews, and opinion in your feeds.")
    assert drop_calls_to_action([*STORY[:2], plug, STORY[2]]) == STORY


def test_a_story_about_google_news_stays() -> None:
    line = Block("paragraph", "Posted by Jane Doe, Google News Strategist. Do you have feedback for the Google News "
                              "team? We love to hear from you.")
    body = [STORY[0], line, *STORY[1:]]
    assert drop_calls_to_action(body) == body


def test_one_offer_between_paragraphs_stays() -> None:
    # Inside the run one offer is not enough: a story tells its reader where to give.
    line = Block("paragraph", "If you want to help, you can donate today at the town hall or online.")
    body = [STORY[0], line, *STORY[1:]]
    assert drop_calls_to_action(body) == body


@pytest.mark.parametrize("line", [
    # The story's own words: an offer with no one addressed.
    "The firm said the app would reach subscribers next year.",
    "The Guardian US added 680,000 newsletter subscribers in a single year.",
    "Die Spende des Unternehmens kam der Schule zugute, sagte sie.",
    # Addressed, but no offer: the story's question to its reader.
    "What do you think? Tell us in the comments below.",
])
def test_the_story_s_own_words_stay(line: str) -> None:
    body = [*STORY, Block("paragraph", line)]
    assert drop_calls_to_action(body) == body


def test_a_line_as_long_as_the_story_s_paragraphs_stays() -> None:
    # Beside short paragraphs, a long plug reads as one of them: left alone.
    short = [Block("paragraph", "The council voted on Monday to close the bridge for repairs over summer. " * 2)] * 3
    plug = Block("paragraph", "Sign up for our newsletter to get every story about the bridge and the town, "
                              "with the council's votes and the traders' views, in your inbox each morning.")
    assert len(plug.text) > len(short[0].text)
    assert drop_calls_to_action([*short, plug]) == [*short, plug]


def test_tables_code_and_quotes_are_not_read() -> None:
    quote = Block("quote", "Sign up for our newsletter, the campaign's flyer said.")
    assert drop_calls_to_action([*STORY, quote]) == [*STORY, quote]


def test_a_body_without_prose_is_left_alone() -> None:
    lines = [Block("paragraph", "Sign up for our newsletter."), Block("paragraph", "Subscribe to our app.")]
    assert drop_calls_to_action(lines) == lines


def test_trim_body_drops_the_plug() -> None:
    plug = Block("paragraph", "Check out more of our stories by signing up to our free weekly newsletter")
    assert texts(trim_body([*STORY, plug])) == texts(STORY)


def test_extract_html_drops_a_newsletter_plug_after_the_story() -> None:
    paragraphs = "".join(f"<p>{block.text}</p>" for block in STORY)
    page = ("<html lang='en'><head><title>Bridge to close</title></head><body><article><h1>Bridge to close</h1>"
            f"{paragraphs}<p>For the latest news from the town, sign up for our newsletters.</p>"
            "</article></body></html>")
    body = extract_html(page, url="https://news.example/2025/05/01/bridge").body
    assert texts(body) == [block.text.strip() for block in STORY]


# A news report's call for its reader's tips: a question or the reader addressed, and a way to reach the newsroom
# (The Mirror, 20 Minuten, AFP). Only news reports lose it: guides and shops end with "contact us" too.
@pytest.mark.parametrize("line", [
    "Do you have a story to tell? Email: emma.mackenzie@reachplc.com",
    "Are protests breaking out in your area? Get in touch at webnews@reachplc.com",
    "Wie hältst du dich und dein Immunsystem fit, besonders in der kalten Jahreszeit? Teile deine Tipps mit der "
    "Community.",
    "Vous avez été témoin de la scène ? Contactez-nous.",
    "We want to hear from you: Are you a nonwhite evangelical planning to vote for Harris? Tell us why you're "
    "supporting her.",
    "Har du tips om saken? Tips oss her.",
    "Fehler gefunden?Jetzt melden.",
])
def test_a_call_for_tips_leaves_a_news_report(line: str) -> None:
    call = Block("paragraph", line)
    assert drop_calls_to_action([*STORY, call], news=True) == STORY
    assert trim_body([*STORY, call], news=True) == STORY
    # Not a news report: left alone.
    assert drop_calls_to_action([*STORY, call]) == [*STORY, call]


def test_a_call_for_tips_between_a_live_blog_s_posts_goes() -> None:
    call = Block("paragraph", "Are protests breaking out in your area? Get in touch at webnews@reachplc.com")
    assert drop_calls_to_action([STORY[0], call, *STORY[1:]], news=True) == STORY


def test_a_call_for_tips_set_as_a_quote_goes() -> None:
    # Correctiv sets it in a box the page marks as a quote.
    call = Block("quote", "Sie arbeiten an einer Hochschule und haben Hinweise zum Themengebiet? Melden Sie "
                          "vertraulich und sicher via Signal bei unserem Reporter.")
    assert drop_calls_to_action([*STORY, call], news=True) == STORY


def test_the_question_above_a_call_for_tips_goes_with_it() -> None:
    question = Block("paragraph", "Haben Sie eine Behauptung gefunden, die AFP überprüfen soll?")
    call = Block("paragraph", "Kontaktieren Sie uns")
    assert drop_calls_to_action([*STORY, question, call], news=True) == STORY


@pytest.mark.parametrize("line", [
    # No contact: the story's question to its reader.
    "What do you think about the bridge closing?",
    # A contact in the story's words: nobody addressed, no question.
    "The mayor said residents could get in touch with the council at bridge@town.gov.",
    # The verb does not open a sentence: the story's words, a quotation.
    "Why would the council not tell us what the repairs will cost?",
    "Die Polizei bittet Zeugen, sich zu melden. Wer hat etwas gesehen?",
    "“Tell us the truth!” the traders shouted at the council meeting. Did they hear?",
    # Too long for a line: a paragraph of the story.
    "Do you live near the bridge? " + "Traders said they would contact us once the council had decided. " * 3,
])
def test_the_story_s_own_contacts_stay(line: str) -> None:
    body = [*STORY, Block("paragraph", line)]
    assert drop_calls_to_action(body, news=True) == body


def test_extract_html_drops_a_call_for_tips_from_a_news_report_only() -> None:
    paragraphs = "".join(f"<p>{block.text}</p>" for block in STORY)
    call = "Do you have a story to tell? Email: newsdesk@bugle.example"
    for head, kept in (('<script type="application/ld+json">{"@type": "NewsArticle"}</script>', False), ("", True)):
        page = (f"<html lang='en'><head><title>Bridge to close</title>{head}</head><body><article>"
                f"<h1>Bridge to close</h1>{paragraphs}<p>{call}</p></article></body></html>")
        assert (call in extract_html(page, url="https://news.example/2025/05/01/bridge").text) is kept


@pytest.mark.parametrize("line", [
    "x: a@b.org", "? jetzt melden", "? report it", "? report an error", "? get in touch", "? contact us", "? e-mail us",
    "? email us", "? write to us", "? send us", "? tip us", "? tell us", "? let us know", "? we want to hear from you",
    "? we'd like to hear", "? we’d love to hear", "? we would like to hear", "? share your story",
    "? kontaktieren sie uns", "? schreiben sie uns", "? schreib uns", "? melden sie", "? schicken sie uns",
    "? senden sie uns", "? teile deine tipps", "? teilen sie ihre erfahrungen", "? contactez-nous", "? écrivez-nous",
    "? contactanos", "? contáctanos", "? escribenos", "? escríbenos", "? cuéntanos", "? contattaci", "? scrivici",
    "? neem contact", "? mail ons", "? tipsa oss", "? tips oss", "? tip os",
])
def test_every_contact_is_found_by_the_cheaper_parts(line: str) -> None:
    # The contact is looked for in three parts (an address, a verb opening the line, a verb after a stop).
    assert _TIP_CONTACT.search(line) is not None
    assert _names_a_contact(line)
    assert _names_a_contact(line.removeprefix("? ").removeprefix("x: "))


@pytest.mark.parametrize("line", [
    "they would not tell us", "tell us", "“tell us the truth,” they chanted", "she: please tell us.", "a@b", "x@y.org",
    "jetzt melden", "sie wollen sich jetzt melden", "fehler gefunden? jetzt melden.", "now share your stories!",
    "we'd love to hear", "we wouldn't like to hear", "report it", "reporting it", "write to usa", "", "?", ". ",
])
def test_the_cheaper_parts_find_what_the_whole_contact_pattern_finds(line: str) -> None:
    assert _names_a_contact(line) == (_TIP_CONTACT.search(line) is not None)


@pytest.mark.parametrize("text", [
    "Tell us what you think", "The US said so", "Was sagen Sie?", "sie sagte", "IHR Konto", "Ihr Konto", "YOUR call",
    "Support US", "Us and them", "Vår nyhetsbrev", "VÅR", "PAŃSTWO", "TWÓJ", "dİr", "dır", "Dİr", "oſs", "vouS",
    "Kontaktieren Sie uns", "usted", "yourself", "ours", "",
])
def test_the_address_read_lowered_finds_what_the_case_blind_pattern_finds(text: str) -> None:
    # Lower-casing differs from re's case-blind match only at "İ", "ı" and "ſ", where the pattern itself is used.
    assert _addresses(text, text.lower()) == (_ADDRESS.search(text) is not None)

"""Calls to action written as sentences: the publisher speaking to its reader, not the story.

Pages set lines of their own before, between and after a story's paragraphs: "Sign up for our
daily newsletter", "Hat Ihnen dieser Artikel gefallen? Dann unterstützen Sie uns mit einer
Spende", "Il vous reste 57% de cet article à lire. La suite est réservée aux abonnés", "Dies ist
eine maschinelle Übersetzung". They are sentences, so the shape rules (labels, counters) leave
them, and they sit in the story's container, so the class names do not help. What gives them away
is what they say and to whom: an offer (a newsletter, a subscription, the publisher's app, a
donation, a machine translation's note) put to the reader (second person, the publisher's
"us"/"our", or an imperative that opens the line), in a line shorter than the story's paragraphs.

A story can speak of such things ("the firm said the app would reach subscribers"), so a line is
only taken when both the offer and the address are there; and inside the story's run of prose
only when the line is short and makes two offers ("support us with a donation").
"""

from __future__ import annotations

import re
from typing import Final

from newsdesk.extract.boilerplate import literal_trie, lowers_as_matched
from newsdesk.model import Block

#: The offers: what a publisher asks its reader to take. Lower case, each alternative opening at a word
#: boundary; one small fixed list per language (en, de, fr, es, it, nl, pt, no/sv/da, pl). Verbs a story
#: uses of its own subjects ("contact", "follow", "download", "apply") are left out: only a newsletter,
#: a subscription asked for, the publisher's app or its channel on a platform (Google News, WhatsApp), a
#: donation and a machine translation count.
_OFFER: Final = re.compile(
    r"""\b(?:
        # A newsletter or mailing list.
        newsletters?|nieuwsbrie[fv]|nyhetsbrev|bolet[ií]n|lettre\s+d.information|
        # A subscription asked for, or the paywall's notice to those without one.
        subscribe\s+(?:to|now|today|for)|subscribing\s+to|sign(?:ing)?\s+up\s+(?:for|to|here|now|today)|
        subscribers?\s+only|abonnieren|abonnent(?:en)?\b|abonnez|abonnés|abonnement|abonne-toi|
        suscr[ií]b(?:e|ete|irse)|suscriptores|assine|assinantes|abbonati|abbonarsi|iscriviti|inscreva-se|
        inscrivez-vous|abonneer|abonnee|prenumerera|prenumeranter|abonnere|abonnér|zapisz\s+się|subskrybuj|
        prenumeratorów|
        # The publisher's app.
        (?:our|unsere[rn]?|zur|notre|nuestra|nossa|nostra|onze|vår|vores|naszą)\s+
            (?:[\w-]+\s+)?[\w-]*(?:app|application|aplicación|aplicativo|aplicacji|applicazione)\b|
        # The publisher's channels on a platform: Google News (where a reader picks it as a source), WhatsApp.
        google\s+news|preferred\s+source|whatsapp[\s-]+(?:channel|kanal|canal)|
        # A donation.
        make\s+a\s+donation|donate\s+(?:to\s+us|now|today)|spende[n]?\b|faites\s+un\s+don|donativo|doação|
        donazione|doneer|donatie|donera|donér|darowizn|
        support\s+us|unterstützen\s+sie\s+uns|soutenez-nous|ap[oó]yanos|sostienici|steun\s+ons|apoie-nos|
        støtt\s+oss|stöd\s+oss|støt\s+os|wesprzyj\s+nas|
        # A machine translation.
        machine[\s-]translat|automatically\s+translated|maschinelle[n]?\s+übersetzung|automatisiert\s+übersetzt|
        traduit\s+automatiquement|traducci[oó]n\s+autom[aá]tica|traduzido\s+automaticamente|
        tradotto\s+automaticamente|automatisch\s+vertaald|maskinoversatt|maskinöversatt|maskinoversat|
        tłumaczenie\s+maszynowe|automatycznie\s+przetłumaczon
    )""",
    re.X,
)

#: Literal stems of the offers, looked for at the start of a word (after a space, a line break, a
#: hyphen, a slash, a quote or a bracket) in the lower-cased lines beyond the story's run, before the offers'
#: pattern runs: most pages hold none, and the pattern costs far more. A literal trie behind a
#: class of a few characters: the search skips every letter, and one failed character rules out
#: every stem that starts with it.
_STEMS: Final = re.compile("[\n \u00a0\"'(/«»„“‘-]" + literal_trie([
    "newslet", "nieuwsbr", "nyhetsbr", "bolet", "lettre d",
    "subscri", "sign up", "signing up", "abonn", "suscr", "assin", "abbona", "iscriv", "inscr", "prenum", "zapisz",
    "subskr", "app ", "app.", "app,", "app!", "app?", "app)", "app\n", "appen", "applica", "aplica",
    "google news", "preferred source", "whatsapp",
    "donat", "donaz", "doneer", "doner", "donér", "spende", "un don", "doação", "darowizn", "support us", "unterst",
    "souten", "apoy", "apóy", "sostien", "steun", "apoie", "støt", "stöd", "wesprzyj",
    "translat", "übersetz", "tradu", "tradot", "vertaal", "maskin", "tłumacz", "przetłumacz",
]))

#: The stems looked for in the run's own lines (its first and last paragraphs, and the short lines
#: inside it): the offers set between a story's paragraphs, a newsletter, a subscription, a donation,
#: a machine translation and Google's "preferred source" (not "Google News" alone: a story's subject,
#: named twice, would make two offers). Fewer stems, as these lines are most of the text looked at, and looked
#: for in the text as written (upper case or not), which saves lower-casing it.
_RUN_STEMS: Final = ("ewslet", "ubscri", "Spende", "donat", "bersetz", "ranslat", "tradu", "preferred source")

#: The reader addressed: second person, or the publisher's "us"/"our". Matched on the text as written:
#: German's "Sie" and "Ihr" address the reader only capitalised ("sie" is "she"), and "US" is a country.
_ADDRESS: Final = re.compile(
    r"""\b(?:
        (?i:you|your|yours|our)|us|Us|
        Sie|Ihnen|Ihr|Ihre|Ihren|Ihrem|Ihrer|(?i:du|dich|dir|dein|deine|deinen|euch|euer|uns|unser|unsere|unseren|unserem|unserer)|
        (?i:vous|votre|vos|tu|ton|ta|tes|nous|notre|nos)|
        (?i:usted|ustedes|tus|nuestro|nuestra|nuestros|nuestras)|
        (?i:você|vocês|seu|sua|nosso|nossa)|
        (?i:tuo|tua|vostro|vostra|noi|nostro|nostra)|
        (?i:uw|je|jouw|ons|onze)|
        (?i:deg|dig|din|ditt|dine|dina|oss|vår|vårt|våre|vores)|
        (?i:twój|twoje|ciebie|państwo|nasz|nasze|naszego|naszą)
    )\b""",
    re.X,
)
#: ``_ADDRESS`` in two cheaper parts. Its scoped ``(?i:...)`` groups keep ``re`` from skipping ahead: every
#: word's start tries every word, case-blind (~34 µs a line). The words matched case-blind are matched in
#: the lower-cased line instead, as one literal trie; the capitalised ones in the line as written.
_ADDRESS_AS_WRITTEN: Final = re.compile(r"\b(?:us|Us|Sie|Ihnen|Ihr|Ihre|Ihren|Ihrem|Ihrer)\b")
_ADDRESS_LOWERED: Final = re.compile(r"\b" + literal_trie([
    "you", "your", "yours", "our",
    "du", "dich", "dir", "dein", "deine", "deinen", "euch", "euer", "uns", "unser", "unsere", "unseren", "unserem",
    "unserer",
    "vous", "votre", "vos", "tu", "ton", "ta", "tes", "nous", "notre", "nos",
    "usted", "ustedes", "tus", "nuestro", "nuestra", "nuestros", "nuestras",
    "você", "vocês", "seu", "sua", "nosso", "nossa",
    "tuo", "tua", "vostro", "vostra", "noi", "nostro", "nostra",
    "uw", "je", "jouw", "ons", "onze",
    "deg", "dig", "din", "ditt", "dine", "dina", "oss", "vår", "vårt", "våre", "vores",
    "twój", "twoje", "ciebie", "państwo", "nasz", "nasze", "naszego", "naszą",
]) + r"\b")


def _addresses(text: str, lowered: str) -> bool:
    """Whether a line addresses the reader (``_ADDRESS``); ``lowered`` is ``text.lower()``.

    >>> _addresses("Tell US what you think", "tell us what you think"), _addresses("The US said", "the us said")
    (True, False)
    """
    # A line where lowering is not case-blind matching (``lowers_as_matched``) is read with ``_ADDRESS`` itself.
    if not lowers_as_matched(text):
        return _ADDRESS.search(text) is not None
    return _ADDRESS_AS_WRITTEN.search(text) is not None or _ADDRESS_LOWERED.search(lowered) is not None


#: A line that opens with the offer is an imperative ("Subscribe to...", "Jetzt abonnieren"): it
#: addresses the reader without a pronoun.
_OPENS: Final = re.compile(r"(?:jetzt|now|today|hier|maintenant|ahora|ora|nu|nå|teraz)?\s*")

#: The offers in Japanese, Chinese and Korean: membership ("会員登録が必要です", "有料会員になると"), a
#: subscription ("定期購読", "구독"), a mail magazine. These plugs name no reader (the languages leave the
#: pronoun out), so the offer alone counts, and only beyond the story's run. "登録" (registration) alone is a
#: story's word (voters', companies'): only the forms a sign-up takes count.
_CJK_OFFER: Final = re.compile(
    r"会員(?:登録|限定|向け|の方|になる|専用)|有料会員|(?:無料|ご)登録|登録(?:すると|して|が必要)|購読(?:者|料|する|申)|"
    r"メールマガジン|メルマガ|會員|会员|订阅|訂閱|구독|회원\s*(?:가입|전용)|로그인")
#: Literal stems of those offers, looked for in the lines beyond the run before the pattern (none in a page
#: without a character beyond ASCII).
_CJK_STEMS: Final = re.compile(literal_trie([
    "会員", "登録", "購読", "メールマガジン", "メルマガ", "會員", "会员", "订阅", "訂閱", "구독", "회원", "로그인"]))
#: Longest line read as a call to action: beyond it, a paragraph is the story's even when it asks.
_MAX_CHARS: Final = 320
#: Inside the story's run a line must be shorter (a line, not a paragraph) and make two offers.
_MAX_INNER_CHARS: Final = 200
_INNER_OFFERS: Final = 2
#: Two offers take more words than this: shorter lines inside the run (labels, captions, credits)
#: are not read at all.
_MIN_INNER_CHARS: Final = 80
#: A paragraph of the story's prose: this long and closed as a sentence.
_PROSE_CHARS: Final = 150
_SENTENCE_ENDS: Final = (".", "!", "?", "…", '"', "”", "»", "'", "’", ")", "。", "！", "？", "」")
#: A paragraph of Chinese or Japanese prose: a third as many characters, closed by a full-width stop.
_CJK_PROSE_CHARS: Final = _PROSE_CHARS // 3
_CJK_ENDS: Final = ("。", "！", "？", "」")
#: Block types read: a call is set as a paragraph, a list item or a heading, never a table or code.
#: Inside the run, headings are the story's own.
_EDGE_TYPES: Final = frozenset({"paragraph", "list_item", "heading"})
_INNER_TYPES: Final = frozenset({"paragraph", "list_item"})


def _is_prose(block: Block) -> bool:
    if block.type != "paragraph":
        return False
    text = block.text
    if len(text) >= _PROSE_CHARS:
        return text.rstrip().endswith(_SENTENCE_ENDS)
    # A Chinese or Japanese sentence says in a character what a Latin one says in three (``text_length``).
    return len(text) >= _CJK_PROSE_CHARS and text.rstrip().endswith(_CJK_ENDS)


def _names_a_run_stem(text: str) -> bool:
    return any(stem in text for stem in _RUN_STEMS)


def _offers(text: str) -> int:
    """How many offers a line makes, 0 when it does not address the reader."""
    if len(text) > _MAX_CHARS:
        return 0
    lowered = text.lower()
    offers = len(_OFFER.findall(lowered))
    if not offers or _addresses(text, lowered):
        return offers
    opening = _OPENS.match(lowered)
    return offers if _OFFER.match(lowered, opening.end() if opening else 0) is not None else 0


#: A list of the publisher's plugs set between the story's paragraphs: this many of its items make an offer
#: ("Hier geht es zur neuen WAZ-News-App", "... beim täglichen WAZ-Newsletter richtig"), and it holds no more
#: items than this, each a line.
_LIST_OFFERS: Final = 2
_MAX_LIST_ITEMS: Final = 6


def _offer_lists(blocks: list[Block], first: int, last: int) -> list[int]:
    """The items of the lists inside the run (``first`` to ``last``) that are lists of offers: two or more of
    their items make one, one of them to the reader (the list's other items, "The paper on social media too",
    go with them). A story's own list about apps or newsletters speaks of them, not to its reader."""
    found: list[int] = []
    index = first + 1
    while index < last:
        if blocks[index].type != "list_item":
            index += 1
            continue
        end = index
        while end < last and blocks[end].type == "list_item" and len(blocks[end].text) <= _MAX_INNER_CHARS:
            end += 1
        if end - index <= _MAX_LIST_ITEMS:
            offering = [block.text for block in blocks[index:end] if _OFFER.search(block.text.lower()) is not None]
            if len(offering) >= _LIST_OFFERS and any(_offers(text) for text in offering):
                found.extend(range(index, end))
        index = max(end, index + 1)
    return found


#: A news report's call for its reader's tips: a way to reach the newsroom in a line put to the reader ("Do you
#: have a story to tell? Email: …@…", "Are protests breaking out in your area? Get in touch at …", "Kontaktieren
#: Sie uns", "Teile deine Tipps", "We want to hear from you: …", "Fehler gefunden? Jetzt melden."). An e-mail
#: address counts where it is; a verb only where it opens a sentence, as an imperative does (a story's "They
#: would not tell us" or "“Tell us the truth,” they chanted" does not). Guides, shops and blogs end with
#: "contact us" and "share your story" too, and their golds keep them: only news reports (``news``) lose these
#: lines. Matched on the lower-cased line.
_TIP_VERBS: Final = r"""(?:(?:please|bitte|jetzt|now)\s+)?(?:
        # An error the reader found ("Fehler gefunden? Jetzt melden.").
        (?<=jetzt\s)melden|report\s+(?:it|an?\s+(?:error|mistake|typo))|
        get\s+in\s+touch|contact\s+us|e-?mail\s+us|write\s+to\s+us|send\s+us|tip\s+us|tell\s+us|let\s+us\s+know|
        we\s+want\s+to\s+hear\s+from\s+you|we(?:'|’|\s+woul)d\s+(?:like|love)\s+to\s+hear|
        share\s+your\s+(?:story|stories|tips?|experiences?|photos|pictures|views)|
        kontaktieren\s+sie\s+uns|schreiben\s+sie\s+uns|schreib\s+uns|melden\s+sie|schicken\s+sie\s+uns|
        senden\s+sie\s+uns|teilen?\s+(?:sie\s+)?(?:deine|ihre|eure)\s+(?:tipps|erfahrungen|geschichte)|
        contactez-nous|écrivez-nous|cont[aá]ctanos|escr[ií]benos|cuéntanos|contattaci|scrivici|neem\s+contact|
        mail\s+ons|tipsa\s+oss|tips\s+oss|tip\s+os
    )\b"""
_TIP_EMAIL: Final = r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+"
_TIP_CONTACT: Final = re.compile(_TIP_EMAIL + r"|(?:^|[.?!:]\s*)" + _TIP_VERBS, re.X)
#: ``_TIP_CONTACT`` in the three parts it is looked for by (``_names_a_contact``), each cheap: an address only in
#: a line with an "@"; a verb at the line's start, tried there alone; a verb after a stop, which ``re`` finds by
#: skipping to the stops (a pattern that may also match at the start is tried at every character).
_TIP_ADDRESS: Final = re.compile(_TIP_EMAIL)
_TIP_OPENING: Final = re.compile(_TIP_VERBS, re.X)
_TIP_AFTER_STOP: Final = re.compile(r"[.?!:]\s*" + _TIP_VERBS, re.X)


def _names_a_contact(lowered: str) -> bool:
    """Whether a lower-cased line names a way to reach the newsroom: ``_TIP_CONTACT.search(lowered)``, cheaper.

    >>> _names_a_contact("do you know more? tell us at tips@bugle.example"), _names_a_contact("they would not tell us")
    (True, False)
    """
    return (("@" in lowered and _TIP_ADDRESS.search(lowered) is not None) or _TIP_OPENING.match(lowered) is not None
            or _TIP_AFTER_STOP.search(lowered) is not None)


#: Longest line read as a call for tips: a question and a contact take a line or two.
_MAX_TIP_CHARS: Final = 250
_TIP_TYPES: Final = frozenset({"paragraph", "list_item", "quote"})


def _tip_sized(block: Block) -> bool:
    """Whether a block is a line that may carry a call for tips (or the question above one): short, and
    not a heading or a caption."""
    return block.type in _TIP_TYPES and len(block.text) <= _MAX_TIP_CHARS


def _asks_for_tips(block: Block) -> bool:
    if not _tip_sized(block):
        return False
    text = block.text
    lowered = text.lower()
    # Cheapest first: the contact, then the reader addressed.
    return _names_a_contact(lowered) and ("?" in text or _addresses(text, lowered))


def tip_calls(blocks: list[Block]) -> list[int]:
    """Where a news report asks its reader for a story or a tip and says how to send it (``_TIP_CONTACT``,
    in a short line put to the reader), anywhere in the body: a live blog sets it between its posts. A short
    question to the reader just before such a line ("Haben Sie eine Behauptung gefunden, die AFP überprüfen
    soll?" above "Kontaktieren Sie uns") is the same call.

    >>> story = Block("paragraph", "The council voted on Monday to close the bridge for repairs. " * 4)
    >>> tip_calls([story, Block("paragraph", "Do you have a story to tell? Email: news@example.com")])
    [1]
    >>> tip_calls([story, Block("paragraph", "She said she would get in touch with the council.")])
    []
    """
    found: list[int] = []
    for index, block in enumerate(blocks):
        if not _asks_for_tips(block):
            continue
        found.append(index)
        before = blocks[index - 1] if index else None
        if (before is not None and _tip_sized(before) and before.text.rstrip().endswith("?")
                and _addresses(before.text, before.text.lower())):
            found.append(index - 1)
    return found


def drop_calls_to_action(blocks: list[Block], news: bool = False) -> list[Block]:
    """The body without the publisher's calls to its reader around the story's run of prose.

    The run goes from the first to the last paragraph of prose. Before and after it (the run's own
    first and last paragraphs included, when short: a plug can be a long sentence), a line that
    makes an offer to the reader and is shorter than the story's typical paragraph goes; in Japanese,
    Chinese or Korean, one that makes an offer (``_CJK_OFFER``). Inside it, only a short line that makes
    two offers, or a short list whose items make two, one of them to the reader (``_offer_lists``). The
    run's own lines are only read for the offers set between paragraphs (``_RUN_STEMS``). In a news report
    (``news``), also a call for the reader's tips, wherever it is (``tip_calls``).

    >>> story = [Block("paragraph", "The council voted on Monday to close the bridge for repairs. " * 4)] * 2
    >>> plug = Block("paragraph", "Sign up for our daily newsletter to get the news in your inbox.")
    >>> drop_calls_to_action(story + [plug]) == story
    True
    >>> quoted = Block("paragraph", "The firm said the app would reach subscribers next year.")
    >>> len(drop_calls_to_action(story + [quoted]))
    3
    """
    first = next((index for index, block in enumerate(blocks) if _is_prose(block)), None)
    if first is None:
        return blocks
    last = next(index for index in range(len(blocks) - 1, first - 1, -1) if _is_prose(blocks[index]))
    # The texts are looked at before any index is kept: this runs on every page, and most pages
    # make no offer.
    drop: set[int] = set()
    outside = [*blocks[:first], *blocks[last + 1:]]
    lines = "\n".join(["", *(block.text for block in outside if len(block.text) <= _MAX_CHARS), ""]) if outside else ""
    if lines and _STEMS.search(lines.lower()) is not None:
        drop.update(index for index in (*range(first), *range(last + 1, len(blocks)))
                    if blocks[index].type in _EDGE_TYPES
                    and _STEMS.search(f"\n{blocks[index].text.lower()}\n") is not None
                    and _offers(blocks[index].text))
    ends = [text for text in (blocks[first].text, blocks[last].text) if len(text) <= _MAX_CHARS]
    inside = "\n".join([*ends, *(block.text for block in blocks[first + 1:last]
                                 if _MIN_INNER_CHARS <= len(block.text) <= _MAX_INNER_CHARS
                                 and block.type in _INNER_TYPES)])
    if _names_a_run_stem(inside):
        drop.update(_offer_lists(blocks, first, last))
        drop.update(index for index in {first, last}
                    if _names_a_run_stem(blocks[index].text) and _offers(blocks[index].text))
        drop.update(index for index in range(first + 1, last)
                    if blocks[index].type in _INNER_TYPES
                    and _MIN_INNER_CHARS <= len(blocks[index].text) <= _MAX_INNER_CHARS
                    and _names_a_run_stem(blocks[index].text) and _offers(blocks[index].text) >= _INNER_OFFERS)
    if news:
        drop.update(tip_calls(blocks))
    if lines and not lines.isascii() and _CJK_STEMS.search(lines) is not None:
        drop.update(index for index in (*range(first), *range(last + 1, len(blocks)))
                    if blocks[index].type in _EDGE_TYPES and len(blocks[index].text) <= _MAX_CHARS
                    and _CJK_OFFER.search(blocks[index].text) is not None)
    if not drop:
        return blocks
    lengths = sorted(len(block.text) for block in blocks[first:last + 1] if _is_prose(block))
    typical = lengths[len(lengths) // 2]
    drop = {i for i in drop if len(blocks[i].text) < typical}
    return [block for index, block in enumerate(blocks) if index not in drop] if drop else blocks

"""The interface vocabulary of copied pages: the words a page prints for its buttons, ads and widgets.

Whole lines are compared after ``text_lines.line_key`` (lower case, decoration trimmed): interface
markers ("Advertisement", "Share"), labels that open a block of other stories ("Most read",
"Table of contents"), related-link, tag and author-bio labels, and boilerplate sentences (cookies,
newsletters). Written by hand: these lists are the judgement the text mode encodes, and no library
keeps one for copied text.

``boilerplate.py``'s furniture and end-marker phrases look like the same list but are not: there a
match deletes an HTML block or ends the article, here a marker only scores nothing and a label opens
a run of other stories. So each list holds what is safe for its own consequence. "Summary", "Key
points" or "Opinion" are chrome as a lone copied line but real subheadings as an HTML block; "Written
by ...", "Copyright ..." and "5 min read" are furniture blocks in HTML but bylines, boilerplate
sentences and reading times here, which the field readers need. Only about a fifth of either list
matches the other, and merging them would change the output of both modes.
"""

from __future__ import annotations

import re
from typing import Final

MARKER_SPLIT: Final = re.compile(r"\s*[·•|]\s*")
COMMENTS_LABEL: Final = re.compile(
    r"^(?:\d{1,6}\s+)?(?:comments?|responses|replies)(?:\s*\(\d{1,6}\))?$|"
    r"^(?:leave|post|add|write) (?:a )?(?:comment|reply)$|^join the (?:conversation|discussion)$|"
    r"^comments are closed.{0,40}$|^(?:show|view|read|load) (?:all )?comments$|"
    r"^discussion$|^reader comments$|^conversation$|"
    r"^(?:kommentare|leserkommentare|commentaires|comentarios|commenti|reacties|kommentarer|komentarze|yorumlar)$"
)
#: A reader's comment opens (or closes) with a signature line: "Kathy Owen says:", "Amy wrote", a name
#: glued to a timestamp ("AmySeptember 11, 2008 at 2:06 PM", "2 days ago at 07:52 am"), or the reply
#: button under it. Matched on the raw line; one alone proves nothing ("Here is what he says:").
COMMENT_SIGNATURE: Final = re.compile(
    r"^[^.!?]{1,40}\s(?:says|said|wrote|writes)\s?:?$|^reply(?: to (?:comment|this comment))?$|"
    r"^.{0,60}\b(?:at|@)\s\d{1,2}:\d\d\s?(?:[ap]\.?m\.?)?(?:\s(?:says|said|wrote)\s?:)?$",
    re.I,
)
#: The heading over a readers' thread, with its count ("12 thoughts on “Title”", "2 responses to ...",
#: "3 Kommentare", "There are 13 comments", "Comments (74)") or the reply form ("Leave a Reply"),
#: matched on the line's key (which has lost a closing bracket). A count of 0 is left out: "0 Comments"
#: is the post's meta line under its headline.
THREAD_HEADING: Final = re.compile(
    r"^(?:[1-9]\d{0,5}|one|two|three|four|five|six|seven|eight|nine|ten)\s+(?:thoughts?|responses?|comments?|"
    r"replies|reactions?|kommentare?|kommentarer|commentaires?|comentarios?|commenti|reacties|reakcj[ie])"
    r"(?:\s+(?:on|to|zu|sur|à|a|en|su|op|til|till|do)\s.{1,200})?$|"
    r"^(?:there (?:are|is) [1-9]\d{0,5} (?:comments?|responses?)|(?:all |reader )?comments?\s?\(\s?[1-9]\d{0,5}\s?\)?|"
    r"all comments [1-9]\d{0,5}|top rated comments|(?:lire|voir|afficher) les [1-9]\d{0,5} commentaires|"
    r"(?:[1-9]\d{0,5} )?kommentare (?:lesen|anzeigen)(?: \(.{1,20})?|(?:leave|post|write) a (?:comment|reply)|"
    # The comment form's own lines, and a blog's backlinks under its posts.
    r"you must be (?:logged in|registered) to post a comment|du musst angemeldet sein, um einen kommentar abzugeben|"
    r"a user comment will be deleted if it|links to this post)$"
)
#: The page asking its reader for a verdict on what they just read ("Was this page helpful?", "How was this
#: issue?", "Want more stories like this?"): the story has ended above it. Matched on the line's key.
FEEDBACK_PROMPT: Final = re.compile(
    r"^(?:was this (?:article|page|post|story|guide|review|information) (?:helpful|useful)|"
    r"did you find this (?:article|page|post) (?:helpful|useful)|how (?:was|did you like) this (?:issue|article|post)|"
    r"rate this (?:article|post|story)|(?:want|looking for) more stories like this|"
    r"hat ihnen (?:dieser|der) (?:artikel|beitrag) gefallen|cet article vous a-t-il été utile)\b"
)
#: The link under a teaser's summary that leads to the whole story ("Read More...", "Weiterlesen", a bare
#: "mehr"), on the line's key.
READ_ON: Final = re.compile(
    r"^(?:read more|read the (?:full )?(?:article|story|post)|read full (?:article|story)|continue reading|"
    r"weiterlesen|mehr lesen|mehr|more|lire la suite|leer más|leia mais|lees meer|czytaj więcej)$"
)
# Interface text: whole lines, compared after lower-casing and trimming punctuation and symbols.
MARKER_LINES: Final = frozenset({
    "advertisement", "advertisements", "advert", "ad", "ads", "sponsored", "sponsored content",
    "promoted", "paid content", "partner content", "anzeige", "werbung", "publicidad", "publicité",
    "pubblicità", "reklam", "story continues below advertisement", "article continues below advertisement",
    "continue reading below", "story continues below", "article continues below",
    "scroll to continue with content", "scroll down to continue reading", "continue reading",
    "scroll to continue", "scroll to continue reading", "article continues after this ad",
    "keep reading", "read more", "read full article", "read the full story", "show more", "see more",
    "load more", "view more", "more", "less", "show less", "expand", "collapse", "skip ad",
    "skip advertisement", "skip to content", "skip to main content", "skip to navigation",
    "jump to content", "back to top", "top", "menu", "search", "home", "close", "open", "loading",
    "share", "share this", "share this article", "share this story", "share article", "share on",
    "share via", "shares", "tweet", "facebook", "twitter", "x", "whatsapp", "linkedin", "reddit",
    "telegram", "pinterest", "email", "e-mail", "mail", "print", "copy link", "copy", "link copied",
    "copied", "save", "saved", "bookmark", "save article", "gift this article", "gift article",
    "listen", "listen to this article", "listen to article", "listen to this story", "play", "pause",
    "audio", "watch", "video", "image", "photo", "gallery", "enlarge", "enlarge this image",
    "toggle caption", "show caption", "hide caption", "caption", "expand image", "view image",
    "view gallery", "comments", "comment", "view comments", "leave a comment", "add comment",
    "join the conversation", "follow", "follow us", "subscribe", "subscribe now", "sign up",
    "sign in", "log in", "login", "register", "newsletter", "get the app", "download the app",
    "text size", "font size", "a a a", "aa", "zoom", "dark mode", "highlights", "key points",
    "summary", "ai summary", "toplines", "story highlights",
    "translate", "feedback", "report an error", "corrections", "contact us", "about us",
    "privacy policy", "terms of use", "terms and conditions", "cookie policy", "cookie settings",
    "manage cookies", "accept", "accept all", "reject all", "i agree", "ok", "got it",
    "opens new tab", "purchase licensing rights", "reuse this content",
    "license this content", "exclusive", "breaking", "breaking news", "live",
    "updated", "new", "premium", "subscriber only", "subscribers only", "free", "opinion",
    "analysis", "explainer", "next", "previous", "prev", "next article", "previous article",
})
MARKER_PATTERN: Final = re.compile(
    r"^(?:\d{1,6}|\d{1,2}:\d{2}(?:\s*/\s*\d{1,2}:\d{2})?|\d(?:\.\d{1,2})?x|"
    r"\d{1,6}\s+(?:comments?|shares?|views?|replies|reactions?)|"
    r"(?:share|follow|subscribe|sign up|log in|sign in|download|watch|listen)\b.{0,60}|"
    r"(?:story|article) continues below.{0,40}|reporting from [^.]{1,60}|click here\b.{0,80}|tap here\b.{0,80}|"
    r"advertisements?(?: \d{1,3}| [-–—] (?:continue|scroll) .{0,40})|"
    r"(?:this|the) (?:video|audio|content|embed) (?:is|was) (?:not available|unavailable).{0,80}|"
    r"this (?:article|story|content) is (?:more than|over) \w+ (?:years?|months?|days?) old|"
    # Shop buttons, an embed's link, a layout label repeated between paragraphs, a failed widget's plea.
    r"(?:check price|buy|shop) (?:at|on|from) .{1,40}|price comparison from .{1,40}|book now|read the review|"
    r"view this post on (?:instagram|twitter|x|facebook|tiktok|threads)|open in a new tab|no credit card required|"
    r"article content|try refreshing your browser.{0,40})$"
)
# Labels that open a block of other stories: the lines after them are headlines, not body.
WIDGET_LABELS: Final = frozenset({
    "explore", "explore more", "more stories", "more news", "more articles", "other stories",
    "other news", "most read", "most popular", "most viewed", "most shared", "most watched",
    "most commented", "popular", "popular now", "popular stories", "popular articles", "top stories",
    "top news", "top picks", "latest", "latest news", "latest stories", "latest articles",
    "latest videos", "latest updates", "just in", "trending", "trending now", "trending stories",
    "trending news", "trending topics", "you may also like", "you might also like", "you may like",
    "you might like", "we recommend", "recommended", "recommended for you", "recommended stories",
    "recommended articles", "recommended reading", "read next", "read this next", "up next",
    "what to read next", "further reading", "editor's picks", "editors' picks", "editors picks",
    "editor picks", "don't miss", "dont miss", "must read", "in case you missed it",
    "in other news", "around the web", "from our partners", "from around the web",
    "sponsored stories", "promoted stories", "more on this story", "more on this topic",
    "more like this", "more to explore", "keep exploring", "news in brief", "videos", "podcasts",
    "more videos", "related videos", "featured", "featured stories", "spotlight", "recommendation",
    "most read articles", "more top stories", "top headlines", "headlines", "latest headlines", "also in news",
    "other news in this section", "more stories like this",
    "lo más leído", "meistgelesen", "les plus lus", "più letti", "en çok okunanlar",
    # "Read also" and "you may like" in the shared sets' other languages: a label over other stories.
    "you might also be interested in", "you may also be interested in", "you might also enjoy",
    "you may also enjoy", "more related posts", "more related articles", "more related stories",
    "la rédaction vous conseille", "à lire aussi", "a lire aussi", "lire aussi", "sur le même sujet",
    "lesen sie auch", "das könnte sie auch interessieren", "auch interessant", "mehr zum thema",
    "weitere artikel", "leggi anche", "potrebbe interessarti anche", "lee también", "te puede interesar",
    "leia também", "veja também", "você pode gostar", "czytaj także", "czytaj też", "související",
    "関連記事", "【関連記事】", "あわせて読みたい", "関連ニュース", "相关新闻", "관련기사",
    # Tables of contents: their entries repeat the subheadings, they are not the text.
    "table of contents", "table of content", "contents", "in this article", "on this page",
    "jump to", "jump to section", "skip to section", "what's in this article", "inhaltsverzeichnis",
})
WIDGET_PREFIX: Final = re.compile(
    r"^(?:more (?:from|in|on|about|great)|also (?:in|on)|latest (?:from|in|on)|next up in|"
    r"mehr zu|popular (?:in|on)|best of|top stories (?:in|from))\s+\S.{0,40}$")
RELATED_LABELS: Final = frozenset({
    "related", "related articles", "related article", "related stories", "related story",
    "related news", "related content", "related coverage", "related reading", "related posts",
    "related links", "related reads", "also read", "read also", "see also", "also see",
    "you may also want to read", "related:", "read more on this", "more on this",
    "ähnliche beiträge", "ähnliche artikel", "artículos relacionados", "articles similaires", "articoli correlati",
    "artigos relacionados", "posts relacionados",
})
# Labels of a short block about something else (the author's bio); it ends at the next blank line.
ASIDE_LABELS: Final = frozenset({
    "about the author", "about the authors", "about the writer", "about the reporter", "author bio",
    "author information", "about this author", "the author", "über den autor", "über die autorin",
    "sobre el autor", "à propos de l'auteur", "yazar hakkında", "über die autor:in", "über die autor:innen",
    "zum autor", "zur autorin", "sobre o autor", "sobre a autora", "sobre la autora", "à propos de l’auteur",
})
TAG_LABELS: Final = frozenset({
    "tags", "tag", "topics", "topic", "related topics", "related tags", "keywords", "filed under",
    "explore more on these topics", "more on these topics", "suggested topics",
    "more about", "categories", "themen", "etiquetas", "etiketler", "mots-clés",
})
# "Related: Title", "RelatedTRT World - Title" (label glued to the link), "ALSO READ | Title".
RELATED_INLINE: Final = re.compile(
    r"^(?:related(?:\s+(?:articles?|stories|story|news|content|coverage|reading|posts?))?|"
    r"also read|read also|see also|also see|read more|more|must read|don't miss|read next|"
    r"watch|listen|recommended)\s*(?:[:：|»›>–—-]\s*)(\S.{0,300})$",
    re.I,
)
RELATED_GLUED: Final = re.compile(r"^(?:Related|RELATED)(?=[A-Z0-9\"'“‘])(.{4,300})$")
TAGS_INLINE: Final = re.compile(
    r"^(?:tags|topics|related topics|keywords|filed under|categories)\s*[:：]\s*(\S.{0,400})$", re.I
)
BOILERPLATE_SENTENCE: Final = re.compile(
    r"\bcookies?\b.{0,200}\b(?:consent|accept|privacy|settings|experience|partners)\b|"
    r"\b(?:enable|turn on) javascript\b|\byour browser (?:does not|doesn't) support\b|"
    r"\ball rights reserved\b|\bsign up (?:for|to) (?:our|the)\b|\bsubscribe to (?:our|the)\b|"
    r"\bnewsletter\b.{0,80}\b(?:sign up|subscribe|inbox|email)\b|\bterms of (?:use|service)\b|"
    r"\bprivacy policy\b|\bsubscribers? only\b|\balready a subscriber\b|\bcreate (?:a free|an) account\b|"
    r"\bwe use cookies\b|\bthis (?:article|story) (?:was|has been) (?:updated|corrected)\b.{0,40}$|"
    r"\bdownload (?:the|our) app\b|\bfollow us on\b|"
    r"\b(?:appears|appeared|was published|is published) in (?:the )?print\b|\bin (?:the|our) print edition\b|"
    # Sharing buttons read aloud, form plumbing, and the fine print of financial and health sites.
    r"\((?:opens|wird) in (?:a )?(?:new|neuem) (?:window|tab|fenster)|\bfor validation purposes\b|"
    r"\b(?:straight|delivered) to your inbox\b|\bget\b.{0,80}\bin your inbox\b|"
    r"\bpast performance is (?:not|no) (?:indicative|guarantee)\b|\bfor (?:general )?informational purposes only\b|"
    r"\bnot (?:been )?evaluated by the food and drug administration\b|\bnot intended to (?:replace|be a substitute)\b|"
    # A paywall's offer and an advertisement's placeholder, left in the copy between paragraphs.
    r"\breserved for subscribers\b|\bto unlock (?:more|this|additional)?\s?articles?\b|\bregister to unlock\b|"
    r"\badvertisement has not loaded\b|\byour article continues below\b|\bwe and our partners process data\b",
    re.I,
)


def is_marker(key: str) -> bool:
    """Whether a line's key is interface text: one marker, or several joined by separators.

    >>> is_marker("advertisement"), is_marker("share | print | email"), is_marker("storms swept the county")
    (True, True, False)
    """
    if key in MARKER_LINES or (len(key) <= 120 and (MARKER_PATTERN.match(key) or COMMENTS_LABEL.match(key))):
        return True
    # "Advertisement · Scroll to continue", "Share | Print | Email"
    parts = MARKER_SPLIT.split(key) if len(key) <= 120 else []
    return len(parts) > 1 and all(not p or p in MARKER_LINES or MARKER_PATTERN.match(p) for p in parts)

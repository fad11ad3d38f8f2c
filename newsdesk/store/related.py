"""What "more like this" searches for: the telling words of an article (:meth:`Store.related`).

A word says what an article is about when the article stresses it (it is in the headline, the
standfirst or repeated in the lead) and few other articles hold it. So candidates are the
article's words weighted by where they occur, each word's document frequency comes from the
full-text index, and the best ``weight x idf`` words that at least one other article shares
are searched for, any of them, ranked by BM25: the approach of search engines' more-like-this.

Two bounds keep it cheap on a large store. Common function words never reach the index
(:data:`STOPWORDS`), and a word held by more than :func:`frequency_ceiling` articles is too
common to tell articles apart, so its count may stop there: counting every article that holds
"said" would cost more than the whole search. (SQLite's fts5vocab table gives exact document
frequencies, but it reads every position of a word: about 18 ms for 32 candidate words over
10,000 articles, against about 1.5 ms for counts that stop at the ceiling.) The store also keeps
the counts until the database changes, since the common words come back on page after page.

Words are split here as the index's ``unicode61 remove_diacritics 2`` tokenizer splits them
(letters and digits, lower case, diacritics removed), because Python's sqlite3 does not expose
FTS5 tokenizers. Where the two could differ, a candidate is only missed: every word is looked
up in the index before it is searched for.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Mapping

#: Characters of the body read for candidate words: the lead, where news puts what matters.
RELATED_BODY_CHARS = 2000
#: Candidate words looked up in the index (the best weighted), and how many are searched for.
RELATED_CANDIDATES = 48
RELATED_TERMS = 6
#: A word in more than this share of the store is too common to tell related articles apart ("government",
#: "election"); the share also bounds the search, which scores every article holding any of the words
#: (6 words under a 2% ceiling: half the CPU of 8 under 5% over 10,000 articles)...
RELATED_MAX_SHARE = 0.02
#: ...unless the store is so small that the share is fewer articles than this.
RELATED_MIN_CEILING = 50
#: How much one occurrence of a word counts, by where it occurs.
HEADLINE_WEIGHT = 3.0
STANDFIRST_WEIGHT = 2.0
BODY_WEIGHT = 1.0

# Words too common to say what an article is about, in the languages the store meets most; the
# document frequencies would rule them out too, but only after counting them, which is what costs.
STOPWORDS = frozenset({
    "about", "after", "against", "all", "also", "and", "any", "are", "been", "before", "being", "between", "both",
    "but", "can", "could", "did", "does", "during", "each", "for", "from", "had", "has", "have", "having", "her",
    "here", "hers", "him", "his", "how", "into", "its", "just", "may", "more", "most", "new", "nor", "not", "now",
    "off", "once", "only", "other", "our", "out", "over", "own", "said", "says", "same", "she", "should", "some",
    "such", "than", "that", "the", "their", "them", "then", "there", "these", "they", "this", "those", "through",
    "too", "under", "until", "very", "was", "were", "what", "when", "where", "which", "while", "who", "whom", "why",
    "will", "with", "would", "you", "your", "les", "des", "une", "est", "aux", "pour", "par", "sur", "dans", "que",
    "qui", "der", "die", "das", "und", "ist", "ein", "eine", "mit", "von", "los", "las", "con", "por", "para",
    "del", "che", "per", "una", "bir", "ile",
})
_WORD = re.compile(r"[^\W_]+")
# The diacritics unicode61 removes are the combining marks Latin letters decompose into.
_DIACRITIC = re.compile("[\u0300-\u036f]")


def index_words(text: str | None) -> list[str]:
    """The words of a text as the full-text index spells them: lower case, without diacritics.

    >>> index_words("Économie : le déficit_public, 2026")
    ['economie', 'le', 'deficit', 'public', '2026']
    """
    if not text:
        return []
    if not text.isascii():
        text = _DIACRITIC.sub("", unicodedata.normalize("NFKD", text))
    return _WORD.findall(text.lower())


def candidate_words(headline: str | None, standfirst: str | None, body_start: str | None, *,
                    limit: int = RELATED_CANDIDATES) -> dict[str, float]:
    """The article's words that could say what it is about, with their weight, best first.

    A word's weight adds :data:`HEADLINE_WEIGHT`, :data:`STANDFIRST_WEIGHT` or :data:`BODY_WEIGHT`
    per occurrence. Words under three letters, numbers and :data:`STOPWORDS` are left out.

    >>> candidate_words("Coalition to leave Iraq", None, "The coalition mission in Iraq ends.", limit=3)
    {'coalition': 4.0, 'iraq': 4.0, 'leave': 3.0}
    """
    weights: dict[str, float] = {}
    for text, weight in ((headline, HEADLINE_WEIGHT), (standfirst, STANDFIRST_WEIGHT), (body_start, BODY_WEIGHT)):
        for word in index_words(text):
            if len(word) < 3 or word.isdigit() or word in STOPWORDS:
                continue
            weights[word] = weights.get(word, 0.0) + weight
    # sorted() keeps first-seen order among equal weights: headline words before body words.
    best = sorted(weights.items(), key=lambda item: -item[1])[: max(0, limit)]
    return dict(best)


def frequency_ceiling(total: int) -> int:
    """Most articles a telling word may be in, for a store of ``total`` articles.

    >>> frequency_ceiling(10_000), frequency_ceiling(40)
    (200, 50)
    """
    return max(RELATED_MIN_CEILING, int(total * RELATED_MAX_SHARE))


def idf(frequency: int, total: int) -> float:
    """How rare a word is: BM25's inverse document frequency, always above 0.

    >>> round(idf(2, 10_000), 2) > round(idf(180, 10_000), 2) > 0
    True
    """
    return math.log(1.0 + (total - frequency + 0.5) / (frequency + 0.5))


def telling_terms(weights: Mapping[str, float], frequencies: Mapping[str, int], total: int, *,
                  terms: int = RELATED_TERMS) -> list[str]:
    """The words to search for: best ``weight x idf`` among those another article shares.

    ``frequencies`` counts the articles holding each word, this one included (a count may stop
    above :func:`frequency_ceiling`). A word in this article only finds nothing, and a word over
    the ceiling is never searched for, even when no other is left: articles that share only
    common words are not related, and searching for such words would score most of the store
    (17 to 25 ms a search over 10,000 articles, against under 1 ms for rare words).

    >>> weights = {"coalition": 4.0, "iraq": 4.0, "baghdad": 1.0, "mission": 1.0}
    >>> telling_terms(weights, {"coalition": 150, "iraq": 40, "baghdad": 1, "mission": 900}, 10_000, terms=2)
    ['iraq', 'coalition']
    >>> telling_terms({"mission": 1.0}, {"mission": 900}, 10_000)
    []
    """
    ceiling = frequency_ceiling(total)
    telling = [(word, frequencies.get(word, 0), weight) for word, weight in weights.items()
               if 2 <= frequencies.get(word, 0) <= ceiling]
    ranked = sorted(telling, key=lambda item: (-item[2] * idf(item[1], max(total, item[1])), item[1], item[0]))
    return [word for word, _, _ in ranked[: max(0, terms)]]

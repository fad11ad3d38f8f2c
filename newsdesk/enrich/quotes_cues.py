"""The English words and patterns that attribute speech: cue verbs, sentence bounds, speaker phrases.

News attributes with a small, closed set of constructions ("X said", "said X", "according to X",
"X told reporters that"), so precompiled regular expressions over one sentence at a time find them in
time linear in the text; a parser would cost tens of milliseconds an article for little more recall here.

>>> [m.group() for m in CUE.finditer("The reduction reflects success, Parnell added, according to aides.")]
['added', 'according to']
"""

from __future__ import annotations

import re

from newsdesk.textsplit import ABBREVIATIONS

__all__ = [
    "AFTER_CUE",
    "AUXILIARIES",
    "CLAUSE_START",
    "CUE",
    "CUE_WORDS",
    "DIRECT_ONLY",
    "INVERTING",
    "PRONOUNS",
    "TOLD_OBJECT",
    "ends_sentence",
    "find_cues",
    "sentence_bounds",
    "sentence_ends",
    "speaker_before",
    "subject_of",
    "trie_pattern",
    "word_set",
]

def word_set(spaced: str) -> frozenset[str]:
    """The words of a space-separated list, as a set (lexicons read better as running text).

    >>> sorted(word_set("said says"))
    ['said', 'says']
    """
    return frozenset(spaced.split())


#: Verbs that report speech or belief, in the forms news uses.
_VERBS = (
    "said says say saying told tells tell telling added adds adding arguing claiming warning noting insisting "
    "suggesting explaining reporting announced announces warned warns argued argues argue "
    "claimed claims claim believes believed believe stated states explained explains noted notes insisted "
    "insists suggested suggests reported reports wrote writes asked asks acknowledged acknowledges admitted "
    "admits declared declares predicted predicts promised promises confirmed confirms recalled recalls "
    "continued continues shouted tweeted tweets posted replied replies responded responds countered counters "
    "contended contends "
    "maintained maintains thinks thought think estimated estimates emphasized emphasised stressed stresses "
    "concluded concludes conceded concedes observed remarked joked quipped testified testifies revealed "
    "reveals alleged alleges charged charges complained complains cautioned cautions vowed vows pledged "
    "pledges agreed agrees disclosed discloses boasted boasts feared fears hoped hopes expects expected "
    "predicted warned urged urges denied denies learned learns found finds showed shows asserted asserts assert "
    "write state assured chanted remembered"
)
#: Verbs (and verb phrases) that attribute quoted words but report no clause: '"...," she retorted', never
#: 'she retorted that ...' in the sense of reported speech; only direct quotes use them.
DIRECT_ONLY: frozenset[str] = word_set(
    "confessed exclaimed echoed retorted boomed barked retaliated snapped mused gloated scoffed lamented bragged "
    "gushed fumed interjected yelled screamed pleaded recounted reiterated proclaimed marveled marvelled "
    "sighed laughed demanded wondered quipped joked pressed answered started yelling shouting chanting "
    "screaming") | {
        "shot back", "fired back", "hit back", "went on", "chimed in", "pointed out", "put it"}
CUE_WORDS: frozenset[str] = word_set(_VERBS) | DIRECT_ONLY
#: Cues that also take the speaker after them ("said Parnell").
INVERTING: frozenset[str] = word_set(
    "said says added adds wrote writes asked asks explained continued noted argued told warned recalled replied "
    "responded insisted declared tweeted shouted stated concluded confessed exclaimed retorted echoed quipped "
    "joked cautioned countered remarked observed acknowledged admitted conceded emphasized stressed predicted "
    "boasted lamented mused reported wrote demanded wondered pleaded answered pressed agrees agreed declares "
    "asserted assured chanted remembered") | {
        "went on", "shot back", "chimed in"}
PRONOUNS: frozenset[str] = word_set("he she they it we i")


def trie_pattern(words: frozenset[str] | list[str]) -> str:
    """A regex alternation of ``words`` factored by common prefix, which ``re`` scans several times faster.

    >>> trie_pattern(["said", "says", "say"])
    'sa(?:id|y(?:s)?)'
    """
    trie: dict = {}
    for word in words:
        node = trie
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}

    def build(node: dict) -> str:
        alts = [re.escape(ch) + build(sub) for ch, sub in sorted(node.items()) if ch]
        if not alts:
            return ""
        body = alts[0] if len(alts) == 1 and "" not in node else "(?:" + "|".join(alts) + ")"
        return body + "?" if "" in node else body

    return build(trie)


#: Any cue word, or "according to".
CUE = re.compile(rf"(?<!\w)(?:{trie_pattern(CUE_WORDS)}|[Aa]ccording to)\b")
#: A cue after a space: a pattern that opens with a literal lets ``re`` jump between spaces instead of trying
#: every position, which makes the scan of a whole text about three times faster than ``CUE.finditer``.
_SPACED_CUE = re.compile(rf" (?:{trie_pattern(CUE_WORDS)}|[Aa]ccording to)\b")
#: The same after a no-break space ("Trump\xa0said"), scanned only in texts that hold one.
_NBSP_CUE = re.compile(rf"\xa0(?:{trie_pattern(CUE_WORDS)}|[Aa]ccording to)\b")


def find_cues(text: str) -> list[re.Match[str]]:
    """Every cue of ``text`` in order, as ``CUE`` matches, in one fast scan.

    A cue word follows a space; the few that do not (the text's first word, "according to" opening a
    paragraph or after a bracket) are looked up apart. A hyphen before a word makes it no cue
    ("self-reported").

    >>> [(m.start(), m.group()) for m in find_cues("According to aides, Parnell said so.\\n\\nAccording to him, no.")]
    [(0, 'According to'), (28, 'said'), (38, 'According to')]
    """
    hits = [hit.start() + 1 for hit in _SPACED_CUE.finditer(text)]
    if "\xa0" in text:
        hits += [hit.start() + 1 for hit in _NBSP_CUE.finditer(text)]
    hits.append(0)
    for phrase in ("According to", "according to"):
        at = text.find(phrase)
        while at != -1:
            if at and text[at - 1] not in " \xa0":
                hits.append(at)
            at = text.find(phrase, at + 1)
    hits.sort()
    return [m for m in map(CUE.match, [text] * len(hits), hits) if m is not None]


#: Auxiliaries and adverbs between a speaker and the cue ("has also said").
AUXILIARIES: frozenset[str] = word_set(
    "has have had also later previously then would will again once recently repeatedly further simply publicly "
    "privately often reportedly earlier first is was were are been not never")
#: After the cue: when, where or to whom, before the reported words ("said on Tuesday that").
AFTER_CUE = re.compile(
    r"(?:\s+(?:on\s+)?(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|yesterday|today|"
    r"tonight|this\s+week|last\s+\w+|(?:in|at|on|during|to|with)\s+(?:an?|the|his|her|their)\s+"
    r"(?:[\w'’-]+\s+){0,3}?(?:statement|interview|speech|email|e-mail|letter|release|rally|event|"
    r"conference|post|tweet|debate|call|appearance|meeting|op-ed|column|report|hearing|briefing|reporters|"
    r"description|video|remarks|message|show|program|podcast|broadcast|address|memo|filing|book|essay)|"
    r"(?:to\s+)?reporters|(?:in|on|at|to)\s+[A-Z][\w'’.-]*+(?:\s+[A-Z][\w'’.-]*+)*+|in\s+\w+|"
    r"(?:to\s+)?(?:CNN|Fox|NBC|ABC|CBS|MSNBC|NPR|Reuters|AP)|back|[a-z]+ly))*"
)
#: The object of "told" ("told reporters", "told the Post").
TOLD_OBJECT = re.compile(r"\s+(?:(?:the|a|an|his|her|their)\s+)?(?:[A-Z][\w'’.-]*\s+){0,3}?[\w'’.-]+")
#: The opening of a reported clause after its cue.
CLAUSE_START = re.compile(r"\s*[,:]?\s*(?:that\b\s*)?")
#: Words that end a speaker phrase on its left ("the analysis showed that he said": "he").
_STOP = word_set("that and but because while as when if who whom which what where why how after before since though "
    "although or so than whether to of for in on at by with from about said says told added")
_WINDOW = 80
_TOKEN = re.compile(r"[\w'’.\-&]+")
_MAX_PHRASE = 8
_PARENTHESIS = 40
_MAX_NAME = 5
_APPOSITION_LEADS = word_set("a an the his her its their")
#: When, between a speaker and the cue ("Clinton on Tuesday said", "the campaign Thursday night responded").
_WHEN = word_set("Monday Tuesday Wednesday Thursday Friday Saturday Sunday today yesterday tonight night morning "
                 "afternoon evening week weekend month")
#: Adverbs between a speaker and the cue ("Fact-checkers soon noted"); "-ly" words count too.
_ADVERBS = word_set("soon still now just already even only quickly")
#: First words of a clause that is no speaker phrase ("Do you think", "But said").
_NOT_SUBJECTS = word_set("do does did but and so or if when while because although though as since")
_WHEN_LEADS = word_set("on last this early late earlier later")
_DETERMINERS = word_set("the a an another one two three some many several other these those his her their its "
                        "senior top former")


def speaker_before(text: str, lo: int, cue_start: int) -> tuple[int, int, str | None] | None:
    """The speaker phrase just left of a cue, within ``text[lo:cue_start]``: ``(start, end, apposition role)``.

    The phrase is the run of words before the cue (auxiliaries "has also" left out) back to punctuation or
    a word that starts a clause ("that", "and"); "Name, a role," gives the name and the role.

    >>> t = "The deal holds, Hugh Hill, a doctor, said."
    >>> s, e, role = speaker_before(t, 0, t.index("said"))
    >>> t[s:e], role
    ('Hugh Hill', 'a doctor')
    >>> t = "The United States will leave, the Pentagon has also announced."
    >>> s, e, _ = speaker_before(t, 0, t.index("announced"))
    >>> t[s:e]
    'the Pentagon'
    """
    sentence_lo = lo
    # "Harry M. Reid (D-Nev.) said": a short parenthesis before the cue belongs to the name.
    if text[lo:cue_start].rstrip().endswith(")"):
        opened = text.rfind("(", max(lo, cue_start - _PARENTHESIS), cue_start)
        if opened > lo:
            cue_start = opened
    # A speaker phrase is a few words: looking further back only costs time.
    lo = max(lo, cue_start - _WINDOW)
    tokens = list(_TOKEN.finditer(text, lo, cue_start))
    end = _strip_adverbials(tokens, len(tokens))
    if not end:
        return None
    gap_after = text[tokens[end - 1].end():tokens[end].start() if end < len(tokens) else cue_start].strip()
    if gap_after not in ("", ","):
        return None
    begin = _run_start(text, tokens, end, _MAX_PHRASE, stop=True)
    if begin == end:
        return None
    first = tokens[begin].group()
    gap_before = text[tokens[begin - 1].end() if begin else lo:tokens[begin].start()]
    appositive = bool(gap_after) and first.lower() in _APPOSITION_LEADS and gap_before.strip() == "," and begin
    if gap_after and not appositive:
        described = _described_name(text, lo, tokens[end - 1].end())
        if described is not None:
            return described
        # "Rep. Chris Collins, R-NY, says" / "Sam Donaldson, who covered the White House, said": the subject
        # opens the sentence and a parenthesis ends just before the cue.
        return _subject(text, sentence_lo, cue_start)
    if appositive:
        name_begin = _run_start(text, tokens, begin, _MAX_NAME, stop=False)
        if name_begin < begin and all(t.group()[:1].isupper() for t in tokens[name_begin:begin]):
            role = text[tokens[begin].start():tokens[end - 1].end()]
            return tokens[name_begin].start(), tokens[begin - 1].end(), role
        return None
    plural_group = end - begin <= 3 and tokens[end - 1].group().endswith("s")  # "federal officials"
    titled_name = end - begin <= 5 and tokens[end - 1].group()[0].isupper()  # "election law expert Rick Hasen"
    if not (first[0].isupper() or first.lower() in _DETERMINERS or first.lower() in PRONOUNS
            or first.endswith(("s", "’s", "'s")) or first[0].isdigit() or plural_group or titled_name):
        return None
    last = tokens[end - 1].group().lower()
    if first.lower() in _NOT_SUBJECTS or (first.endswith("ing") and first[0].isupper()):
        return None  # "Having announced", "Do you think": no speaker.
    if (first.lower() in PRONOUNS and end - begin > 1) or last in _DETERMINERS or (last in PRONOUNS - {"it"} \
            and end - begin > 1):
        return None  # "he reiterated his claim that": a noun after "his", not a speaker.
    return tokens[begin].start(), tokens[end - 1].end(), None


_SUBJECT = re.compile(r"\s*(?:(?:But|And|So|Yet|Still|Meanwhile|However|Now),?\s+)?"
                      r"(?P<np>[A-Z][\w'’.\-&]*(?:\s+(?:(?:of|from|for|at|in)\s+)?[A-Z][\w'’.\-&]*){0,5}),")


def _subject(text: str, sentence_lo: int, cue_start: int) -> tuple[int, int, str | None] | None:
    # The capitalised name that opens a sentence, up to its first comma, when the cue is near.
    if cue_start - sentence_lo > 2 * _WINDOW:
        return None
    m = _SUBJECT.match(text, sentence_lo, cue_start)
    if m is None:
        return None
    return m.start("np"), m.end("np"), None


def subject_of(text: str, sentence_lo: int, limit: int) -> tuple[int, int, str | None] | None:
    """The speaker phrase that opens a sentence, for a cue that comes after its clause ("..., saying that").

    >>> t = "Trump hit back on Tuesday, saying the polls were rigged."
    >>> s, e, _ = subject_of(t, 0, t.index("saying"))
    >>> t[s:e]
    'Trump'
    """
    m = _OPENING_SUBJECT.match(text, sentence_lo, limit)
    if m is None:
        return None
    return m.start("np"), m.end("np"), None


_OPENING_SUBJECT = re.compile(
    # A dateline ("WASHINGTON —", "Dec 29 (Reuters) -"), a connective, and a phrase of time or place before
    # the subject ("In a statement released Thursday, ...") are not the speaker.
    r"\s*(?:[A-Z][A-Z .,'’]+(?:\([^)]{1,30}\))?\s*[—–-]+\s*|[A-Z][a-z]{2}\.? \d{1,2} \([^)]{1,30}\)\s*[—–-]+\s*)?"
    r"(?:(?:But|And|So|Yet|Still|Meanwhile|However|Now|Later|Earlier),?\s+)?"
    r"(?:(?:In|On|At|During|After|Before|Last|This|For|With|Since|When|While|As|Despite|Following|Speaking|Here|"
    r"There)\b"
    r"[^,.;:!?\"“”]{0,80},\s+)?"
    r"(?!(?:But|And|So|Yet|Still|However|Here|There|In|On|At|Any|When|While|As|If)\b)"
    r"(?P<np>(?:The|the|A|a|An|an)\s+(?:[\w'’.\-&]+\s+){0,5}?[\w'’\-&]+(?=\s+(?:[a-z]+ed|[a-z]+s|has|had|have|"
    r"was|is|were|are|will|would|could|can|also|then|later|again|began|went|took|made|gave|told|said|wrote|spoke|"
    r"came|struck|sought|ran|won|lost|hit|held|kept|left|met|set|put|brought|thought|[a-z]+ly)\b)"
    r"|(?:(?:The|the)\s+)?(?:[A-Z][\w'’.\-&]*\s+){0,4}[A-Z][\w'’.\-&]*|[Hh]e|[Ss]he|[Tt]hey|[Ii]t|We)\b")


_NAME_ONLY = re.compile(r"\s*((?:[A-Z][\w'’.\-]*\s+){0,4}[A-Z][\w'’.\-]*)\s*")
_DESCRIBING = re.compile(r"\s*((?:(?:the|a|an|his|her|its|their|(?:[A-Z][\w'’.\-]*\s+)?[A-Z][\w'’.\-]*['’]s)\s+)"
                         r"[^,;:.!?\"“”()]{1,80}?)\s*")
_APPOSED = re.compile(r"\s*((?:an?|the|his|her|its|their)\s+[^;:!?\"“”()]{1,120}?)\s*")


def _described_name(text: str, lo: int, comma_before: int) -> tuple[int, int, str | None] | None:
    # "the White House spokesman, Josh Earnest, said" and "Steve Rosenthal, a former director of X and Y,
    # wrote": of the two comma-separated parts before the cue, the name is the speaker and the other its role.
    c1 = text.rfind(",", lo, comma_before)
    if c1 == -1:
        return None
    c0 = max(text.rfind(",", lo, c1), text.rfind("(", lo, c1), lo - 1)
    name = _NAME_ONLY.fullmatch(text, c1 + 1, comma_before)
    role = _DESCRIBING.fullmatch(text, c0 + 1, c1)
    if name is not None and role is not None and not ends_sentence(text, c0 + 1, c1):
        return name.start(1), name.end(1), role.group(1)
    # The name first: its description may hold commas no more, but "and" and "of" ("director of X and Y").
    name = _NAME_ONLY.fullmatch(text, c0 + 1, c1)
    role = _APPOSED.fullmatch(text, c1 + 1, comma_before)
    if name is not None and role is not None and not ends_sentence(text, c1 + 1, comma_before):
        return name.start(1), name.end(1), role.group(1)
    return None


def _strip_adverbials(tokens: list[re.Match[str]], end: int) -> int:
    # The end of the speaker phrase once auxiliaries ("has also") and times ("on Tuesday") before the cue are
    # left out.
    while end:
        word = tokens[end - 1].group()
        if word.lower() in AUXILIARIES or word in _ADVERBS or (word.endswith("ly") and word.islower()):
            end -= 1
        elif word in _WHEN:
            end -= 1
            if end and tokens[end - 1].group().lower() in _WHEN_LEADS:
                end -= 1
        else:
            break
    return end


def _run_start(text: str, tokens: list[re.Match[str]], end: int, limit: int, stop: bool) -> int:
    # Index of the first token of the run ending before ``end``: only spaces between, at most ``limit`` long.
    begin = end
    while begin > 0 and end - begin < limit:
        token = tokens[begin - 1]
        if stop and token.group().lower() in _STOP:
            break
        if begin < end and text[token.end():tokens[begin].start()].strip():
            break
        begin -= 1
    return begin


#: A sentence end: its mark, closing quotes, spaces, and a capital or digit next. (The mark opens the pattern,
#: not a look-behind, so that ``re`` skips between marks.)
_BOUNDARY = re.compile(r"[.!?]((?:''|[\"”’)\]])*)\s+(?=(?:''|[\"“‘'(\[])?[A-Z0-9])")
_ABBREVIATIONS = frozenset(word.lower() for word in ABBREVIATIONS)


def sentence_ends(text: str, start: int, end: int) -> int:
    """How many sentences end inside ``text[start:end]`` ("Mr." and "U.S." end none).

    >>> t = "Mr. Clinton said. Then he left."
    >>> sentence_ends(t, 0, len(t))
    2
    """
    count = 0
    for m in _STOP_MARK.finditer(text, start, end):
        if m.group() == "." and _is_abbreviation(text, start, m.start()):
            continue
        count += 1
    return count


def ends_sentence(text: str, start: int, end: int) -> bool:
    """Whether a sentence ends inside ``text[start:end]``.

    >>> ends_sentence(" Mr. Clinton ", 0, 13), ends_sentence(" Go. He ", 0, 8)
    (False, True)
    """
    return sentence_ends(text, start, end) > 0


def _is_abbreviation(text: str, start: int, dot: int) -> bool:
    if dot - start >= 5 and text[dot - 5:dot].isalpha():
        return False  # A word of five letters or more: no abbreviation is that long ("said.").
    word = text[max(start, dot - 12):dot].rsplit(None, 1)[-1:] or [""]
    token = word[0].lstrip("(\"“‘").lower()
    return token in _ABBREVIATIONS or (len(token) == 1 and token.isalpha()) or "." in token


#: A mark that ends a sentence; one inside a parenthesis ("Reid (D-Nev.) said") does not.
_STOP_MARK = re.compile(r"[.!?](?=[\s\"”’]|$)")


def sentence_bounds(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """``(start, end)`` of each sentence of ``text[start:end]``, abbreviations ("Sen.", "U.S.") not ending one.

    >>> t = "Sen. Ted Cruz spoke. The U.S. Army left. He said so."
    >>> [t[s:e] for s, e in sentence_bounds(t, 0, len(t))]
    ['Sen. Ted Cruz spoke.', 'The U.S. Army left.', 'He said so.']
    """
    out: list[tuple[int, int]] = []
    begin = start
    for m in _BOUNDARY.finditer(text, start, end):
        after_mark = m.start() + 1
        dot = text.rfind(".", begin, after_mark + 1)
        if dot != -1 and dot >= after_mark - 3 and _is_abbreviation(text, begin, dot):
            continue
        out.append((begin, m.end(1)))
        begin = m.end()
    if begin < end:
        out.append((begin, end))
    return out

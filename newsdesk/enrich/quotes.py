"""Who said what: direct, indirect and mixed quotes, each with its speaker, role and cue.

Direct quotes come from paired quote marks (:mod:`quotes_marks`) attributed by the cue beside them
(``"...," Parnell said`` / ``Parnell said: "..."``); a quotation interrupted by its attribution
(``"A," he said. "B."``) is one quote. A quoted paragraph with no cue continues the previous speaker's
words when it follows them. Indirect quotes are the reported clause of a sentence built as "X said (that)
...", "..., X said", "according to X, ..." (:mod:`quotes_cues`); one with a quoted fragment inside is
``mixed``. Speakers resolve to entities' canonical names (:mod:`quotes_speakers`). For other languages
only quote marks are read: a full quoted sentence, without speaker, is all that is safe to say.

>>> from newsdesk.model import Entity, Mention
>>> text = '"We will leave," Chief Pentagon Spokesman Sean Parnell said. The move ends a war, he added.'
>>> [(q.kind, q.text, q.speaker, q.speaker_role, q.cue) for q in find_quotes(text, [])]
[('direct', 'We will leave', 'Sean Parnell', 'Chief Pentagon Spokesman', 'said'), \
('indirect', 'The move ends a war', 'Sean Parnell', 'Chief Pentagon Spokesman', 'added')]
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable
from dataclasses import dataclass

from newsdesk.enrich.quotes_cues import (
    AFTER_CUE,
    CLAUSE_START,
    DIRECT_ONLY,
    INVERTING,
    PRONOUNS,
    TOLD_OBJECT,
    ends_sentence,
    find_cues,
    sentence_bounds,
    sentence_ends,
    speaker_before,
    subject_of,
    word_set,
)
from newsdesk.enrich.quotes_marks import QuotedSpan, paragraph_bounds, quoted_spans
from newsdesk.enrich.quotes_speakers import Speaker, SpeakerResolver
from newsdesk.model import Entity, Quote

__all__ = ["find_quotes"]

#: Cues that report only with "that" ("found that ..."), not with an object ("found the key").
_NEEDS_THAT = word_set("learned learns charged charges agreed agrees posted asked asks maintains maintained "
                       "continues continued states state")
#: Participles that report after a main clause ("..., saying that").
_PARTICIPLES = word_set("saying adding arguing claiming warning noting insisting suggesting explaining telling "
                        "reporting")
_AFTER_SPEAKER = re.compile(r"[\s,]*$")
_SENTENCE_END = re.compile(r"\s*[.!?…]*[\"”’)]*\s*$")
#: A speaker named after its cue ("said Sen. Ted Cruz", "said a person briefed on the talks", "said Hill, a doctor").
#: A title with lower-case words before the name ("said Republican party boss Reince Priebus") is the third
#: form; the phrase ends at punctuation or at a word that starts what the speaker did ("... when asked").
_NP_AFTER = re.compile(
    r"\s+(?P<np>(?:the|a|an|another|one|two|three|some|several|many|his|her|their|its)\s+(?:[\w'’.\-&]+\s+){0,8}?"
    r"[\w'’.\-&]+|(?:[A-Z][\w'’.\-&]*)(?:\s+(?:[A-Z][\w'’.\-&]*|of(?:\s+the)?|de|van|von|bin|al|del|for))*"
    r"|(?:[\w'’.\-&]+\s+){1,6}?[A-Z][\w'’.\-&]*(?:\s+(?:[A-Z][\w'’.\-&]*|of(?:\s+the)?))*)"
    r"(?:,\s+(?P<role>(?:an?|the|his|her|its|their)\s+[^,;:.!?\"“”]{1,80}?|\d{1,3})(?=\s*(?:[,.;:!?\"“”]|$))"
    r"|(?=\s*(?:[,.;:!?\"“”(—–]|$)|\s+(?:when|as|while|after|before|during|in|at|on|who|according|referring|"
    r"adding)\b))")
#: What may follow an attribution after a quoted sentence: punctuation, or words that say when, where or how
#: ("... Sessions said as he launched the process"), never a reported clause ("He said the rally ...").
_ATTRIBUTION_END = re.compile(
    r"\s*(?:[.,;:!?—–\-(]|$|(?:as|when|while|after|before|during|in|on|at|to|with|about|from|for|through|via|"
    r"outside|inside|near|upon|though|although|because|but|and|then|adding|noting|referring|pointing|citing|"
    r"according|\w+ly)\b)")
_NAME_COLON = re.compile(r"(?:^|(?<=[\s(—–-]))(?P<np>(?:[A-Z][\w'’.\-&]*\s+){0,3}[A-Z][\w'’\-&]*)\s*:\s*$")
_AFTER_COLON = re.compile(r":\s*$")
#: The words before a colon that introduce a quotation without a cue ("the following statement:").
_FOLLOWING = re.compile(r"\b(?:following|as follows|statement|this)\b")
#: A cue joined to an earlier verb of its sentence ("... and said").
_JOINED = re.compile(r"\b(?:and|then|but)\s+$")
#: A headline's speaker: the capitalised words before "on" ("CNN President On Trump: ...").
_HEADLINE_ON = re.compile(r"\s*(?P<np>(?:[A-Z][\w'’.\-&]*\s+){0,3}[A-Z][\w'’.\-&]*)\s+[Oo]n\s+")
_COLON_OR_COMMA = re.compile(r"\s*[,:]?\s*")
#: A short lower-case description ("another friend"), the role of the name that follows it.
_DESCRIPTION = re.compile(r"(?:an?|the|his|her|their|another|one|two|three)(?:\s+[\w'’\-]+){1,4}")
_OPENERS_BEFORE = re.compile(r"[\s(\[—–\-]*$")
_QUOTE_OPEN = frozenset("\"“„«»‘'‚‹")
_TERMINAL = frozenset(".!?…")
_CONTINUE_PARAGRAPHS = 2


@dataclass(slots=True)
class _Candidate:
    start: int
    end: int
    kind: str
    cue: str | None
    phrase: tuple[int, int, str | None] | None
    paragraph: int
    continues: bool = False


class _Layout:
    """One text's paragraphs, cues and (split only where asked for) sentences, shared by every rule."""

    __slots__ = ("_sentences", "cue_starts", "cues", "paragraph_starts", "paragraphs", "text")

    def __init__(self, text: str, english: bool) -> None:
        self.text = text
        self.paragraphs = paragraph_bounds(text)
        self.paragraph_starts = [s for s, _ in self.paragraphs]
        self.cues = find_cues(text) if english else []
        self.cue_starts = [m.start() for m in self.cues]
        # Most paragraphs hold neither a quote mark nor a cue: they are never split into sentences.
        self._sentences: dict[int, tuple[list[int], list[tuple[int, int]]]] = {}

    def paragraph_of(self, at: int) -> int:
        return max(0, bisect.bisect_right(self.paragraph_starts, at) - 1)

    def sentences_of(self, paragraph: int) -> tuple[list[int], list[tuple[int, int]]]:
        found = self._sentences.get(paragraph)
        if found is None:
            p_start, p_end = self.paragraphs[paragraph] if self.paragraphs else (0, len(self.text))
            bounds = sentence_bounds(self.text, p_start, p_end) or [(p_start, p_end)]
            found = self._sentences[paragraph] = ([s for s, _ in bounds], bounds)
        return found

    def sentence_of(self, at: int) -> tuple[int, int]:
        starts, bounds = self.sentences_of(self.paragraph_of(at))
        return bounds[max(0, bisect.bisect_right(starts, at) - 1)]

    def cues_in(self, start: int, end: int) -> list[re.Match[str]]:
        """The cues that start inside ``[start, end)``."""
        first = bisect.bisect_left(self.cue_starts, start)
        return self.cues[first:bisect.bisect_left(self.cue_starts, end, first)]


def find_quotes(text: str, entities: list[Entity], language: str | None = None) -> list[Quote]:
    """Every quote in ``text``, sorted by start, none overlapping another.

    ``entities`` (PERSON and ORG, with their mentions) give speakers their canonical names; ``language``
    other than English keeps only what quote marks alone say.

    >>> t = 'Clinton said the plan was "a disaster" for voters.\\n\\n“It will pass,” she said.'
    >>> [(q.kind, q.text, q.speaker, q.text == t[q.start:q.end]) for q in find_quotes(t, [])]
    [('mixed', 'the plan was "a disaster" for voters', 'Clinton', True), ('direct', 'It will pass', 'Clinton', True)]
    >>> [q.text for q in find_quotes("« Nous partirons demain matin », a-t-il dit.", [], language="fr")]
    ['Nous partirons demain matin']
    """
    english = language is None or language.lower().split("-")[0] == "en"
    layout = _Layout(text, english)
    spans = quoted_spans(text, layout.paragraphs)
    candidates: list[_Candidate] = []
    fragments: list[QuotedSpan] = []
    i = 0
    while i < len(spans):
        span = spans[i]
        i += 1
        p_end = layout.paragraphs[layout.paragraph_of(span.open_at)][1]
        found = _direct(layout, span, p_end, layout.sentence_of(span.open_at)[0], english)
        if found is None:
            fragments.append(span)
            continue
        end, cue, phrase = found
        first = span
        # '"A," he said, "B."' and '"A," he said. "B."': one quotation that its attribution interrupts.
        while english and cue is not None and i < len(spans) and _continues(layout, span, spans[i], p_end):
            end = _content_end(text, spans[i])
            span = spans[i]
            i += 1
        continues = phrase is None and cue is None
        candidates.append(_Candidate(_content_start(text, first), end, "direct", cue, phrase,
                                     layout.paragraph_of(first.open_at), continues))
    if english and layout.cues:
        taken = sorted((c.start, c.end) for c in candidates)
        fragment_opens = [f.open_at for f in fragments]
        k = 0
        # A cue inside a direct quotation reports nothing outside it: those sentences are not read again.
        cues = [m for m in layout.cues if not _overlaps(taken, m.start(), m.end())] if taken else layout.cues
        while k < len(cues):
            s_start, s_end = layout.sentence_of(cues[k].start())
            last = k + 1
            while last < len(cues) and cues[last].start() < s_end:
                last += 1
            in_sentence = cues[k:last]
            k = last
            found_indirect = _indirect(text, s_start, s_end, in_sentence)
            if found_indirect is None:
                continue
            start, end, cue, phrase = found_indirect
            if _overlaps(taken, start, end):
                continue
            f = bisect.bisect_left(fragment_opens, start)
            kind = "mixed" if f < len(fragments) and fragments[f].end <= end else "indirect"
            candidates.append(_Candidate(start, end, kind, cue, phrase, layout.paragraph_of(start)))
    return _resolve(layout, entities, sorted(candidates, key=lambda c: c.start))


def _content_start(text: str, span: QuotedSpan) -> int:
    start = span.content_start
    while start < span.content_end and text[start] in " \t":
        start += 1
    return start


def _content_end(text: str, span: QuotedSpan) -> int:
    end = span.content_end
    while end > span.content_start and text[end - 1] in " ,\t":
        end -= 1
    return end


def _direct(layout: _Layout, span: QuotedSpan, p_end: int, sentence_start: int, english: bool
            ) -> tuple[int, str | None, tuple[int, int, str | None] | None] | None:
    # (content end, cue, speaker phrase) or None for a fragment.
    text = layout.text
    content = text[span.content_start:span.content_end]
    words = len(content.split())
    if words == 0:
        return None
    end = _content_end(text, span)
    at_sentence_start = bool(_OPENERS_BEFORE.fullmatch(text, sentence_start, span.open_at)
                             or _AFTER_COLON.search(text, max(sentence_start, span.open_at - 3), span.open_at))
    ends_clause = content.rstrip()[-1:] in ",.!?…:;—-" or not span.closed
    if english:
        after = _attribution_after(layout, span.end, p_end, content.rstrip()[-1:] in _TERMINAL)
        if after is not None and (ends_clause or at_sentence_start):
            after_cue, after_phrase, _ = after
            return end, after_cue, after_phrase
        before = _attribution_before(layout, span.open_at, sentence_start)
        if before is None and at_sentence_start:
            before = _introduced(layout, span.open_at) or _after_subject_colon(text, span.open_at, sentence_start)
        if before is not None:
            cue, phrase = before
            return end, cue, phrase
    # A quoted sentence, or a quoted clause a (foreign) attribution follows: "« ... », a-t-il dit".
    full_sentence = at_sentence_start and (content.rstrip()[-1:] in _TERMINAL or content.rstrip()[-1:] == ","
                                           or text[span.end:span.end + 1] in _TERMINAL | {","} or not span.closed)
    if full_sentence and words >= 4:
        return end, None, None
    return None


def _continues(layout: _Layout, span: QuotedSpan, nxt: QuotedSpan, p_end: int) -> bool:
    # The next quotation of the paragraph goes on with the same words when nothing but the attribution (and
    # at most one sentence end) lies between, and it has no attribution of its own.
    text = layout.text
    if nxt.open_at >= p_end or not span.closed:
        return False
    between = text[span.end:nxt.open_at]
    if sentence_ends(text, span.end, nxt.open_at) > 1 or len(between) > 200:
        return False
    if not (between.rstrip().endswith((",", ".", ":", ";")) or _OPENERS_BEFORE.fullmatch(
            text, layout.sentence_of(nxt.open_at)[0], nxt.open_at)):
        return False
    return (_attribution_after(layout, nxt.end, p_end) is None
            and _attribution_before(layout, nxt.open_at, max(span.end, layout.sentence_of(nxt.open_at)[0])) is None)


def _attribution_after(layout: _Layout, after: int, p_end: int, closed_sentence: bool = False
                       ) -> tuple[str, tuple[int, int, str | None], int] | None:
    # '," Parnell said' / '," said Parnell, a spokesman' right after a closing mark. After a quoted sentence
    # ('."') the attribution must end at punctuation: '"Go." He said the rally...' starts a new sentence.
    text = layout.text
    limit = min(p_end, after + 160)
    for m in layout.cues_in(after, limit):
        between = text[after:m.start()]
        if any(ch in between for ch in "\"“”!?;") or ends_sentence(text, after, m.start()):
            return None
        if closed_sentence and not _ATTRIBUTION_END.match(text, _after_attribution(text, m, limit), limit):
            return None
        cue = m.group()
        if not between.strip(" ,"):
            if cue.lower() not in INVERTING and cue.lower() != "according to":
                return None
            np = _NP_AFTER.match(text, m.end(), limit)
            if np is None:
                return None
            return cue, _np(np), np.end()
        phrase = speaker_before(text, after, m.start())
        if phrase is None:
            return None
        lead = text[after:phrase[0]].strip(" ,")
        if lead and lead != (phrase[2] or "").strip():
            # '"...," another friend, Mariam Emara told CNN': a description before the name is its role.
            if not (_DESCRIPTION.fullmatch(lead) and text[after:phrase[0]].rstrip().endswith(",")):
                return None
            phrase = (phrase[0], phrase[1], phrase[2] or lead)
        tail = AFTER_CUE.match(text, m.end(), limit)
        return cue, phrase, tail.end() if tail else m.end()
    return None


def _after_attribution(text: str, m: re.Match[str], limit: int) -> int:
    # Where the words after a cue end: "said Sean Parnell, a spokesman" / "said in a statement".
    if m.group().lower() in INVERTING:
        np = _NP_AFTER.match(text, m.end(), limit)
        if np is not None and text[m.end():np.start("np")].strip() == "":
            return np.end()
    tail = AFTER_CUE.match(text, m.end(), limit)
    return tail.end() if tail else m.end()


def _attribution_before(layout: _Layout, open_at: int, sentence_start: int
                        ) -> tuple[str | None, tuple[int, int, str | None]] | None:
    # 'Parnell said: "' / 'Parnell said in a statement, "' right before an opening mark.
    text = layout.text
    lo = max(sentence_start, open_at - 200)
    before = layout.cues_in(lo, open_at)
    last = before[-1] if before else None
    if last is not None and last.group().lower() != "according to":
        tail = AFTER_CUE.match(text, last.end(), open_at)
        rest = text[tail.end() if tail else last.end():open_at]
        if _COLON_OR_COMMA.fullmatch(rest):
            cue = last.group().lower()
            if cue in _PARTICIPLES and text[lo:last.start()].rstrip().endswith(","):
                phrase = subject_of(text, sentence_start, last.start())
            else:
                phrase = speaker_before(text, lo, last.start())
                if phrase is None and _JOINED.search(text, max(lo, last.start() - 6), last.start()):
                    # 'Hayek confirmed she had been and said, "...': the sentence's subject speaks.
                    phrase = subject_of(text, sentence_start, last.start())
            if phrase is not None:
                return last.group(), phrase
    # 'Philip Bump: "' — a name and a colon attribute without a verb; in a headline ('Gillibrand on Hillary
    # Releasing Her Transcripts: "'), the name before "on".
    colon = _NAME_COLON.search(text, max(sentence_start, open_at - 60), open_at)
    if colon is not None:
        headline = _HEADLINE_ON.match(text, sentence_start, colon.start("np"))
        if headline is not None:
            return None, (headline.start("np"), headline.end("np"), None)
        return None, (colon.start("np"), colon.end("np"), None)
    return None


def _after_subject_colon(text: str, open_at: int, sentence_start: int
                         ) -> tuple[str | None, tuple[int, int, str | None]] | None:
    # 'Trump leaned in and boomed: "..."', 'Kelly responded pointedly, with a smile: "..."': a quotation
    # after a colon, with no cue the rules know, is said by the subject of its sentence.
    colon = _AFTER_COLON.search(text, max(sentence_start, open_at - 3), open_at)
    if colon is None:
        return None
    subject = subject_of(text, sentence_start, colon.start())
    if subject is None or text[subject[0]:subject[1]].lower() in PRONOUNS - {"he", "she", "they"}:
        return None
    return None, subject


def _introduced(layout: _Layout, open_at: int) -> tuple[str | None, tuple[int, int, str | None]] | None:
    # 'Dr. Ward stated:' or 'Clinton released the following statement:' ending the paragraph before a
    # paragraph that opens with the quotation: the attribution introduces it.
    text = layout.text
    paragraph = layout.paragraph_of(open_at)
    p_start = layout.paragraphs[paragraph][0] if layout.paragraphs else 0
    if paragraph == 0 or text[p_start:open_at].strip():
        return None
    prev_end = layout.paragraphs[paragraph - 1][1]
    colon = prev_end - 1
    while colon > 0 and text[colon] in " \t":
        colon -= 1
    if text[colon] != ":":
        return None
    s_start = layout.sentence_of(colon)[0]
    found = _attribution_before(layout, colon + 1, s_start)
    if found is not None:
        return found
    if _FOLLOWING.search(text, max(s_start, colon - 40), colon):
        subject = subject_of(text, s_start, colon)
        if subject is not None:
            return None, subject
    return None


def _indirect(text: str, s_start: int, s_end: int, cues: list[re.Match[str]]
              ) -> tuple[int, int, str, tuple[int, int, str | None]] | None:
    # The reported clause of one sentence and its cue and speaker phrase; the sentence's last cue first, since
    # "..., the source added." governs the cues inside its clause.
    # "Song said Clinton had said ...": a cue whose speaker is inside an earlier cue's clause, with no comma
    # before it, is reported by that earlier one.
    first_found = None
    for m in cues[-1:] + cues[:-1]:
        cue = m.group()
        if cue in DIRECT_ONLY:
            continue
        if cue.lower() == "according to":
            found = _according_to(text, s_start, s_end, m)
        else:
            found = _reported(text, s_start, s_end, m)
        if found is not None:
            start, end = _trim(text, found[0], found[1])
            if len(text[start:end].split()) >= 3:
                if first_found is None and m is cues[-1] and len(cues) > 1 and _nested(text, s_start, found[2][0]):
                    first_found = (start, end, cue, found[2])
                    continue
                if first_found is not None and not (start <= first_found[3][0] < end):
                    return first_found
                return start, end, cue, found[2]
    return first_found


def _nested(text: str, s_start: int, phrase_start: int) -> bool:
    # Whether a speaker phrase sits inside its sentence's words rather than after a comma or at its start.
    before = text[s_start:phrase_start].rstrip()
    return bool(before) and before[-1] not in ",;:—–-(\"“”"


def _according_to(text: str, s_start: int, s_end: int, m: re.Match[str]
                  ) -> tuple[int, int, tuple[int, int, str | None]] | None:
    np = _NP_AFTER.match(text, m.end(), s_end)
    if np is None:
        return None
    phrase = _np(np)
    if not text[s_start:m.start()].strip(" \"“"):
        comma = text.find(",", np.end(), s_end)
        if comma == -1:
            return None
        return comma + 1, s_end, phrase
    if text[s_start:m.start()].rstrip().endswith(","):
        return s_start, text.rindex(",", s_start, m.start()), phrase
    return None


def _reported(text: str, s_start: int, s_end: int, m: re.Match[str]
              ) -> tuple[int, int, tuple[int, int, str | None]] | None:
    cue = m.group().lower()
    tail = AFTER_CUE.match(text, m.end(), s_end)
    after = tail.end() if tail else m.end()
    found_phrase: list[tuple[int, int, str | None] | None] = []

    def phrase_of() -> tuple[int, int, str | None] | None:
        # The speaker phrase before the cue, found once for the three forms that need it.
        if not found_phrase:
            found_phrase.append(speaker_before(text, s_start, m.start()))
        return found_phrase[0]

    # "..., X said." and "..., said X.": the content is what comes before the comma.
    if _SENTENCE_END.fullmatch(text, after, s_end):
        phrase = phrase_of()
        if phrase is not None:
            comma = text.rfind(",", s_start, phrase[0])
            if comma != -1 and not text[comma + 1:phrase[0]].strip():
                return s_start, comma, phrase
    before = text[s_start:m.start()].rstrip()
    # "A, federal officials said, B.": the attribution sits inside the reported sentence.
    if text[after:s_end].lstrip().startswith(","):
        phrase = phrase_of()
        if phrase is not None:
            comma = text.rfind(",", s_start, phrase[0])
            if comma != -1 and not text[comma + 1:phrase[0]].strip() and len(text[s_start:comma].split()) >= 3:
                return s_start, s_end, phrase
    # "X hit back, saying (that) ...": the speaker is the sentence's subject.
    if cue in _PARTICIPLES and text[s_start:m.start()].rstrip().endswith(","):
        phrase = subject_of(text, s_start, m.start())
        clause = CLAUSE_START.match(text, after, s_end)
        start = clause.end() if clause else after
        if phrase is not None and start < s_end and text[start] not in _QUOTE_OPEN:
            return start, s_end, phrase
        return None
    # "X said (that) ...": the content is the rest of the sentence.
    found = _leading(text, s_end, m, after, phrase_of)
    if found is None and cue in INVERTING and before.endswith(","):
        # "..., said Jo Park, the campaign manager."
        np = _NP_AFTER.match(text, m.end(), s_end)
        if np is not None and _SENTENCE_END.fullmatch(text, np.end(), s_end):
            return s_start, s_start + len(before) - 1, _np(np)
    return found


def _leading(text: str, s_end: int, m: re.Match[str], after: int,
             phrase_of: Callable[[], tuple[int, int, str | None] | None]
             ) -> tuple[int, int, tuple[int, int, str | None]] | None:
    # The clause is tested first: it is cheaper than the speaker phrase, and rules out most cues.
    cue = m.group().lower()
    if cue == "told":
        obj = TOLD_OBJECT.match(text, after, s_end)
        if obj is None:
            return None
        after = obj.end()
        tail = AFTER_CUE.match(text, after, s_end)
        after = tail.end() if tail else after
    clause = CLAUSE_START.match(text, after, s_end)
    has_that = clause is not None and "that" in clause.group()
    if cue in _NEEDS_THAT and not has_that:
        return None
    start = clause.end() if clause else after
    if start >= s_end or (text[start] in _QUOTE_OPEN and not has_that):
        return None
    phrase = phrase_of()
    return None if phrase is None else (start, s_end, phrase)


def _np(np: re.Match[str]) -> tuple[int, int, str | None]:
    # The speaker phrase of an _NP_AFTER match, without the full stop that ends its sentence.
    end = np.end("np")
    if np.group("np").endswith(".") and not ends_sentence(np.string, np.start("np"), end - 1) and \
            ends_sentence(np.string, np.start("np"), end + 1):
        end -= 1
    return np.start("np"), end, np.group("role")


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start] in " \t\n,:":
        start += 1
    while end > start and text[end - 1] in " \t\n,.;:!?":
        end -= 1
    return start, end


def _overlaps(taken: list[tuple[int, int]], start: int, end: int) -> bool:
    i = bisect.bisect_left(taken, (start, start))
    return any(s < end and start < e for s, e in taken[max(0, i - 1):i + 1])


def _resolve(layout: _Layout, entities: list[Entity], candidates: list[_Candidate]) -> list[Quote]:
    text = layout.text
    resolver = SpeakerResolver(text, entities)
    quotes: list[Quote] = []
    last_end = -1
    last_paragraph = -10
    previous: Speaker | None = None
    for c in candidates:
        if c.start < last_end:
            continue
        speaker: Speaker | None = None
        if c.phrase is not None and text[c.phrase[0]:c.phrase[1]].lower() in PRONOUNS:
            # "Benford, 58, says he didn't know ...": a pronoun after its sentence's subject refers to it.
            s_start = layout.sentence_of(c.phrase[0])[0]
            subject = subject_of(text, s_start, c.phrase[0]) if s_start < c.phrase[0] else None
            if subject is not None and subject[1] <= c.phrase[0]:
                speaker = resolver.resolve_pronoun_to(c.phrase[0], c.phrase[1], subject[:2], c.start)
            else:
                speaker = resolver.resolve(c.phrase[0], c.phrase[1], None, c.start)
        elif c.phrase is not None:
            speaker = resolver.resolve(c.phrase[0], c.phrase[1], c.phrase[2], c.start)
        elif c.continues and previous is not None and c.paragraph - last_paragraph <= _CONTINUE_PARAGRAPHS:
            speaker = Speaker(previous.name, previous.role, previous.type, None, None)
            resolver.remember(previous)
        quotes.append(Quote(
            text=text[c.start:c.end], speaker=speaker.name if speaker else None,
            speaker_role=speaker.role if speaker else None, kind=c.kind, cue=c.cue, start=c.start, end=c.end,
            speaker_start=speaker.start if speaker else None, speaker_end=speaker.end if speaker else None,
            speaker_type=speaker.type if speaker else None))
        if speaker is not None and speaker.name:
            previous = speaker
        last_end = c.end
        last_paragraph = c.paragraph
    return quotes

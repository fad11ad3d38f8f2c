"""Who a speaker phrase names: the canonical entity, its role, and what "he" or "Parnell" refers to.

A :class:`SpeakerResolver` reads one text's PERSON and ORG entities (their mentions map a span to a
canonical name), splits titles from names ("Chief Pentagon Spokesman Sean Parnell"), carries a role found
at a speaker's first mention to later quotes, and resolves pronouns to the most recent person who spoke
(else the nearest person mentioned before). Without entities it falls back to capitalised-name patterns.

>>> r = SpeakerResolver("Chief Pentagon Spokesman Sean Parnell said so. He said more.", [])
>>> s = r.resolve(0, 37, None, 0)
>>> s.name, s.role
('Sean Parnell', 'Chief Pentagon Spokesman')
>>> r.resolve(47, 49, None, 47).name
'Sean Parnell'
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from newsdesk.enrich.quotes_cues import PRONOUNS, word_set
from newsdesk.model import Entity

__all__ = ["Speaker", "SpeakerResolver", "split_role"]

#: Words that make a title: the role ends at the last of them ("Chief Pentagon Spokesman").
_TITLE_WORDS = word_set(
    "president vice secretary senator sen. sen rep. rep representative congressman congresswoman governor gov. "
    "gov mayor spokesman spokeswoman spokesperson chief minister director ceo chairman chairwoman chair "
    "general gen. commander admiral colonel col. captain lieutenant sergeant judge justice attorney "
    "ambassador commissioner candidate nominee leader speaker adviser advisor aide manager strategist "
    "pollster analyst professor prof. dr. dr doctor chancellor premier king queen prince princess pope "
    "officer official executive founder co-founder head deputy sheriff councilman councilwoman treasurer "
    "economist author editor columnist reporter correspondent anchor host lawyer attorney-general "
    "mr. mrs. ms. mr mrs ms sir lord lady rabbi reverend rev. father bishop cardinal emir sheikh president-elect "
    "chairperson superintendent inspector prosecutor counsel delegate whip member organizer activist "
    "consultant researcher scientist historian expert fellow partner owner publisher "
    # The departments that end a title: "Secretary of State", "Chief of Staff".
    "state defense defence staff commerce treasury homeland security energy labor agriculture education "
    "transportation interior veterans affairs health"
)
_ORG_WORDS = word_set(
    "department ministry committee party campaign council agency office administration government "
    "commission pentagon house senate congress court police army navy bureau university institute "
    "association union foundation company corporation inc. corp. group post times news journal network "
    "center centre service board bank fund organization organisation coalition alliance team "
    "network poll survey report study newspaper magazine"
)
_TOKEN = re.compile(r"[\w'’.\-&]+")
#: Two to six capitalised words on one line (possessive quantifiers: no backtracking). The word boundary is
#: tested after the first capital, not before it, so that ``re`` skips between capitals.
_NAME_RUN = re.compile(r"[A-Z](?<!\w\w)[\w'’\-]*+(?:\.?[ \t]+[A-Z][\w'’\-]*+){1,5}")
_POSSESSIVE = re.compile(r"['’]s$")


@dataclass(slots=True)
class Speaker:
    """A resolved speaker: canonical ``name`` (None when unknown), ``role``, ``type``, and the span at the quote.

    >>> Speaker("Sean Parnell", "Chief Pentagon Spokesman", "PERSON", 25, 37).type
    'PERSON'
    """

    name: str | None
    role: str | None
    type: str | None
    start: int | None
    end: int | None


def split_role(text: str, start: int, end: int) -> tuple[int, int, str | None]:
    """Split the phrase ``text[start:end]`` into a name span and the title before it.

    >>> t = "Republican presidential candidate Donald Trump"
    >>> s, e, role = split_role(t, 0, len(t))
    >>> t[s:e], role
    ('Donald Trump', 'Republican presidential candidate')
    >>> split_role("the Pentagon", 0, 12)
    (4, 12, None)
    >>> t = "Gov. John R. Kasich of Ohio"
    >>> s, e, role = split_role(t, 0, len(t))
    >>> t[s:e], role
    ('John R. Kasich', 'Gov.')
    """
    tokens = list(_TOKEN.finditer(text, start, end))
    if not tokens:
        return start, end, None
    # The name is the trailing run of capitalised words that are not titles.
    first_name = len(tokens)
    for i in range(len(tokens) - 1, -1, -1):
        word = tokens[i].group()
        if not (word[0].isupper() or (i < len(tokens) - 1 and word in ("de", "van", "von", "bin", "al", "del"))):
            break
        if word.lower() in _TITLE_WORDS:
            break
        first_name = i
    if first_name == len(tokens):
        # No name after the words: a common noun phrase ("a campaign spokeswoman"); it is its own name.
        return start, end, None
    name_end = end
    if first_name >= 2 and tokens[first_name - 1].group() in ("of", "from") and _is_name_word(tokens[first_name - 2]):
        # "John R. Kasich of Ohio": the name is before "of", the place after it.
        name_end = tokens[first_name - 2].end()
        first_name -= 2
        while first_name > 0 and _is_name_word(tokens[first_name - 1]):
            first_name -= 1
    role_tokens = tokens[:first_name]
    while role_tokens and role_tokens[0].group().lower() in ("the", "a", "an", "former", "then"):
        if role_tokens[0].group().lower() in ("former", "then"):
            break
        role_tokens = role_tokens[1:]
    role = text[role_tokens[0].start():role_tokens[-1].end()] if role_tokens else None
    return tokens[first_name].start(), name_end, role


def _is_name_word(token: re.Match[str]) -> bool:
    word = token.group()
    return word[:1].isupper() and word.lower() not in _TITLE_WORDS


class SpeakerResolver:
    """Resolves speaker phrases of one text, in text order, remembering who spoke and in what role.

    >>> from newsdesk.model import Entity, Mention
    >>> t = "The Pentagon said so. Sean Parnell, a spokesman, said more. Parnell added this."
    >>> ents = [Entity("Pentagon", "ORG", [Mention("Pentagon", 4, 12)]),
    ...         Entity("Sean Parnell", "PERSON", [Mention("Sean Parnell", 22, 34), Mention("Parnell", 60, 67)])]
    >>> r = SpeakerResolver(t, ents)
    >>> [r.resolve(*args).name for args in [(0, 12, None, 0), (22, 34, "a spokesman", 22)]]
    ['Pentagon', 'Sean Parnell']
    >>> s = r.resolve(60, 67, None, 60)
    >>> s.name, s.role, s.type
    ('Sean Parnell', 'spokesman', 'PERSON')
    """

    def __init__(self, text: str, entities: list[Entity]) -> None:
        self.text = text
        spans = sorted((m.start, m.end, e) for e in entities if e.type in ("PERSON", "ORG") for m in e.mentions)
        self._starts = [s for s, _, _ in spans]
        self._spans = spans
        self._types = {e.name: e.type for e in entities if e.type in ("PERSON", "ORG")}
        self._persons = [(s, e) for s, _, e in spans if e.type == "PERSON"]
        self._person_starts = [s for s, _ in self._persons]
        self._names_learnt = False
        self._no_full_name: set[str] = set()
        self._named: list[tuple[int, str]] = []
        self._roles: dict[str, str] = {}
        self._recent: list[Speaker] = []
        # Full names the text gives, by surname, for "Parnell" when no recogniser ran.
        self._surnames: dict[str, tuple[int, str]] = {}
        for entity in entities:
            if entity.type == "PERSON" and " " in entity.name:
                self._surnames.setdefault(entity.name.rsplit(None, 1)[-1], (-1, entity.name))

    def _mention_in(self, start: int, end: int) -> tuple[int, int, Entity] | None:
        # The rightmost PERSON mention inside [start, end), else the rightmost ORG one.
        i = bisect.bisect_left(self._starts, start)
        best = None
        while i < len(self._spans) and self._spans[i][0] < end:
            span = self._spans[i]
            if span[1] <= end and (best is None or span[2].type == "PERSON" or best[2].type != "PERSON"):
                best = span
            i += 1
        return best

    def _learn_names(self) -> None:
        # Multi-word capitalised names of the text, mapped by surname (first full mention wins).
        self._names_learnt = True
        for m in _NAME_RUN.finditer(self.text):
            run = m.group()
            lowered = run.lower().split()
            words = run.split()
            # Set tests run in C; the word-by-word search only when a title is there to cut.
            if not _TITLE_WORDS.isdisjoint(lowered):
                last = max(i for i, w in enumerate(lowered) if w in _TITLE_WORDS) + 1
                words, lowered = words[last:], lowered[last:]
            if len(words) >= 2 and _ORG_WORDS.isdisjoint(lowered):
                name = " ".join(words)
                self._surnames.setdefault(words[-1], (m.start(), name))
                self._named.append((m.start(), name))

    def _worth_learning(self, surname: str) -> bool:
        # The recogniser's names come first; the text's own are read (once) only when they lack ``surname``
        # and the text writes it after a capitalised word somewhere.
        if self._names_learnt or surname in self._no_full_name:
            return False
        if _after_a_capital(self.text, surname):
            return True
        self._no_full_name.add(surname)
        return False

    def _last_person(self, before: int) -> Speaker | None:
        for speaker in reversed(self._recent):
            if speaker.type == "PERSON" or (speaker.type is None and speaker.name and speaker.name[:1].isupper()):
                return speaker
        i = bisect.bisect_left(self._person_starts, before) - 1
        if i >= 0:
            start, entity = self._persons[i]
            return Speaker(entity.name, self._roles.get(entity.name), "PERSON", start, start)
        if not self._persons:
            # No recogniser ran: the nearest full name written before.
            if not self._names_learnt:
                self._learn_names()
            j = bisect.bisect_left(self._named, (before, "")) - 1
            if j >= 0:
                name = self._named[j][1]
                return Speaker(name, self._roles.get(name), "PERSON", self._named[j][0], self._named[j][0])
        return None

    def resolve(self, start: int, end: int, apposition: str | None, at: int) -> Speaker:
        """The speaker named by ``text[start:end]`` for a quote at ``at``, role from ``apposition`` or the title.

        >>> SpeakerResolver("a source said", []).resolve(0, 8, None, 0).name
        'a source'
        """
        phrase = self.text[start:end]
        if phrase.lower() in PRONOUNS:
            speaker = self._resolve_pronoun(phrase.lower(), start, end, at)
            return speaker
        speaker = self.lookup(start, end, apposition, at)
        if speaker.name and speaker.role:
            self._roles.setdefault(speaker.name, speaker.role)
        self._recent.append(speaker)
        return speaker

    def resolve_pronoun_to(self, start: int, end: int, subject: tuple[int, int], at: int) -> Speaker:
        """The speaker of a pronoun at ``text[start:end]`` whose sentence opens with ``subject``, a phrase that
        names a person ("Trump has blasted the system, which he said ..."); else as :meth:`resolve`.

        >>> t = "Ann Lee, 58, says she liked it. Bo Park left."
        >>> r = SpeakerResolver(t, [])
        >>> r.resolve_pronoun_to(18, 21, (0, 7), 18).name
        'Ann Lee'
        """
        pronoun = self.text[start:end].lower()
        named = self.lookup(subject[0], subject[1], None, at)
        fits = named.type == "PERSON" if pronoun in ("he", "she") else named.type == "ORG"
        if named.name and fits and self.text[subject[0]:subject[1]].lower() not in PRONOUNS:
            speaker = Speaker(named.name, named.role or self._roles.get(named.name), named.type, start, end)
            self._recent.append(speaker)
            return speaker
        return self.resolve(start, end, None, at)

    def lookup(self, start: int, end: int, apposition: str | None, at: int) -> Speaker:
        """Who the (non-pronoun) phrase ``text[start:end]`` names, remembering nothing.

        >>> SpeakerResolver("Gov. Ann Lee spoke", []).lookup(0, 12, None, 0).name
        'Ann Lee'
        """
        mention = self._mention_in(start, end)
        kind: str | None
        if mention is not None:
            m_start, m_end, entity = mention
            _, _, role = split_role(self.text, start, m_end)
            if role is not None and m_start > start:
                role = self.text[start:m_start].strip(" ,")
                role = _strip_article(role)
            name, kind, s, e = entity.name, entity.type, m_start, m_end
        else:
            s, e, role = split_role(self.text, start, end)
            name = _POSSESSIVE.sub("", self.text[s:e]).strip()
            kind = self._types.get(name)
            if " " not in name and name[:1].isupper():
                full = self._surnames.get(name)
                if full is None and self._worth_learning(name):
                    self._learn_names()
                    full = self._surnames.get(name)
                if full is not None and full[0] < at:
                    name = full[1]
                    kind = self._types.get(name, kind)
            if kind is None and _looks_like_org(self.text, start, s, name):
                kind = "ORG"
            elif kind is None and (role is not None or _looks_like_person(name)):
                kind = "PERSON"
        if apposition:
            role = _strip_article(apposition.strip())
        if name and not role:
            role = self._roles.get(name)
        return Speaker(name, role, kind, s, e)

    def _resolve_pronoun(self, pronoun: str, start: int, end: int, at: int) -> Speaker:
        if pronoun in ("he", "she"):
            person = self._last_person(at)
            if person is not None:
                speaker = Speaker(person.name, person.role or self._roles.get(person.name or ""), "PERSON",
                                  start, end)
                self._recent.append(speaker)
                return speaker
        if pronoun in ("it", "they"):
            for speaker in reversed(self._recent[-3:]):
                if speaker.type == "ORG":
                    return Speaker(speaker.name, speaker.role, "ORG", start, end)
        return Speaker(None, None, None, start, end)

    def remember(self, speaker: Speaker) -> None:
        """Count ``speaker`` as the latest one (a quote that continues an earlier speaker's words).

        >>> r = SpeakerResolver("", [])
        >>> r.remember(Speaker("Ann Lee", None, "PERSON", 0, 0))
        >>> r.latest().name
        'Ann Lee'
        """
        self._recent.append(speaker)

    def latest(self) -> Speaker | None:
        """The most recent speaker, if any.

        >>> SpeakerResolver("", []).latest() is None
        True
        """
        return self._recent[-1] if self._recent else None


def _after_a_capital(text: str, word: str) -> bool:
    """Whether ``word`` follows a capitalised word and a space somewhere in ``text`` ("Sean Parnell").

    >>> _after_a_capital("Sean Parnell spoke. Parnell left.", "Parnell"), _after_a_capital("On Friday.", "Monday")
    (True, False)
    """
    at = text.find(" " + word)
    for _ in range(_OCCURRENCES_TRIED):
        if at == -1:
            break
        begin = at
        while begin > 0 and at - begin < _LONGEST_WORD and not text[begin - 1].isspace():
            begin -= 1
        if begin < at and text[begin].isupper():
            return True
        at = text.find(" " + word, at + 1)
    return False


#: Bounds on that search, so that a text of one word repeated costs no more than a few finds.
_OCCURRENCES_TRIED = 50
_LONGEST_WORD = 40


def _strip_article(role: str) -> str:
    for article in ("the ", "a ", "an ", "The ", "A ", "An "):
        if role.startswith(article):
            return role[len(article):]
    return role


def _looks_like_org(text: str, phrase_start: int, name_start: int, name: str) -> bool:
    lead = text[phrase_start:name_start].strip().lower()
    words = name.lower().split()
    return lead in ("the",) or any(w in _ORG_WORDS for w in words) or (name.isupper() and len(name) > 1)


def _looks_like_person(name: str) -> bool:
    words = name.split()
    return 2 <= len(words) <= 4 and all(w[:1].isupper() for w in words)

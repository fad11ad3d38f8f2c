"""The English patterns of time expressions (TIMEX3), one compiled regular expression per family.

The vocabulary (month and weekday names, number words, units, modifiers) follows HeidelTime's English
resources in spirit: each family is a pattern with named groups, and :mod:`newsdesk.enrich.times` turns a
match into a type and a value. Spans follow TimeBank's conventions: "the" belongs to "the third quarter",
"the past two months" and "the end of 2026"; "on" and "in" never do.

Patterns are compiled once per process and are free of nested unbounded repetition. They are not run
over the whole text: one pass of :data:`TRIGGER` (case-sensitive, over the lower-cased text, which is
several times faster than the families' case-insensitive alternations at every position) finds the
words a time expression must contain, and each family is tried anchored at that word or a few words
before it (:data:`FAMILY_TRIGGERS`). The cost grows with the text's length and its number of time words.

>>> bool(FAMILIES["month_day"].fullmatch("September 27, 2024"))
True
"""

from __future__ import annotations

import re

MONTHS = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4, "apr": 4, "may": 5,
    "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8, "september": 9, "sept": 9, "sep": 9,
    "october": 10, "oct": 10, "november": 11, "nov": 11, "december": 12, "dec": 12,
}
WEEKDAYS = {
    "monday": 0, "mon": 0, "tuesday": 1, "tue": 1, "tues": 1, "wednesday": 2, "wed": 2, "thursday": 3,
    "thu": 3, "thur": 3, "thurs": 3, "friday": 4, "fri": 4, "saturday": 5, "sat": 5, "sunday": 6, "sun": 6,
}
NUMBER_WORDS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
    "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40,
    "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90, "hundred": 100, "a hundred": 100,
    "half a": 0.5, "a half": 0.5, "a couple of": 2, "a couple": 2, "couple of": 2, "a dozen": 12, "dozen": 12,
}
#: Amount words that say "some number": TIMEX3 writes the amount as X.
VAGUE_AMOUNTS = frozenset({"several", "a few", "few", "some", "many", "numerous", "the"})
ORDINALS = {"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4, "4th": 4,
            "final": 4, "last": 4}
#: TIMEX3 mods of the words that narrow a period ("early 2026", "the end of the year").
MOD_WORDS = {"early": "START", "beginning": "START", "start": "START", "dawn": "START", "late": "END",
             "end": "END", "close": "END", "mid": "MID", "middle": "MID"}
APPROX_WORDS = {"about": "APPROX", "around": "APPROX", "approximately": "APPROX", "roughly": "APPROX",
                "some": "APPROX", "nearly": "LESS_THAN", "almost": "LESS_THAN", "less than": "LESS_THAN",
                "under": "LESS_THAN", "up to": "EQUAL_OR_LESS", "more than": "MORE_THAN", "over": "MORE_THAN",
                "at least": "EQUAL_OR_MORE", "just": None, "only": None}
PARTS_OF_DAY = {"morning": "TMO", "afternoon": "TAF", "evening": "TEV", "night": "TNI"}

_MONTH_FULL = r"(?:January|February|March|April|May|June|July|August|September|October|November|December)"
_MONTH_ABBR = r"(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)"
MONTH = rf"(?P<month>{_MONTH_FULL}|{_MONTH_ABBR}\.?)"
_WEEKDAY = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|Mon|Tues?|Wed|Thu(?:rs?)?|Fri|Sat|Sun)"
WEEKDAY = rf"(?P<weekday>{_WEEKDAY})"
DAY = r"(?P<day>3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)?"
_YEAR_RAW = r"(?:1[6-9]\d\d|20\d\d)"
# A year is four digits that are not part of a longer number, an amount or a decimal.
YEAR = rf"(?<![\d$£€#,./:])(?<!\d-)(?P<year>{_YEAR_RAW})(?![\d%]|,\d|\.\d|-\d|:\d|/\d|s\b)"
_NUMBER_WORD = (r"(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|"
                r"sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|"
                r"hundred)")
AMOUNT = (rf"(?P<amount>\d{{1,3}}(?:,\d{{3}})+|\d+(?:\.\d+)?|{_NUMBER_WORD}(?:[\s-]{_NUMBER_WORD})?|"
          r"a\s+hundred|half\s+a|a\s+half|"
          r"a\s+couple\s+of|a\s+couple|couple\s+of|a\s+dozen|dozen|several|a\s+few|few|many|numerous|an?)")
UNIT = (r"(?P<unit>seconds?|minutes?|hours?|days?|nights?|weeks?|weekends?|fortnights?|months?|quarters?|"
        r"years?|decades?|century|centuries)")
_APPROX = r"(?P<approx>about|around|approximately|roughly|nearly|almost|less\s+than|under|up\s+to|more\s+than|" \
          r"over(?!\s+the\b)|at\s+least|just|only)"
_MOD = r"(?:(?P<modthe>the\s+)?(?:very\s+)?(?P<mod>early|late|mid|middle|beginning|start|end|close)(?:\s+of\s+|[\s-]))"
_PART = r"(?P<part>morning|afternoon|evening|night)"
_RELATIVE = r"(?P<rel>last|next|this|coming|past|previous)"

_FAMILY_PATTERNS: dict[str, str] = {
    # 2025-09-30, 2025-09-30T14:00, 2025/09/30
    "iso": r"(?<![\d\-/])(?P<year>\d{4})[-/](?P<month>0[1-9]|1[0-2])[-/](?P<day>0[1-9]|[12]\d|3[01])"
           r"(?:[T ](?P<hour>[01]\d|2[0-3]):(?P<minute>[0-5]\d)(?::[0-5]\d(?:\.\d+)?)?(?:Z|[+-]\d\d:?\d\d)?)?"
           r"(?![\d\-/])",
    # 9/27/2024 (US order in English; day first elsewhere, and wherever the first number is over 12)
    "slash": r"(?<![\d/.])(?P<first>3[01]|[12]\d|0?[1-9])/(?P<second>3[01]|[12]\d|0?[1-9])/(?P<year>\d{4}|\d{2})"
             r"(?![\d/])",
    # September 27, 2024 / Tuesday, Sept. 30 / early September 27 / September 27th
    "month_day": rf"(?:{_MOD}|(?P<rel>last|next|this)\s+)?(?:(?P<weekday>{_WEEKDAY}),?\s+)?{MONTH}\s*{DAY}"
                 rf"(?!\d|:\d)(?:,?\s+{YEAR})?",
    # 27 September 2024 / the 27th of September
    "day_month": rf"(?:the\s+)?(?<![\d.,])(?P<day>3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)?\s+(?:of\s+)?"
                 rf"(?P<month>{_MONTH_FULL}|{_MONTH_ABBR}\.?)(?:,?\s+{YEAR})?",
    # September 2024 / September of 2024 / late September / last September
    "month": rf"(?:{_MOD}|(?P<rel>last|next|this|early|late)\s+)?{MONTH}(?:(?:,?\s+|\s+of\s+){YEAR}|"
             r"\s+(?:of\s+)?(?P<yrel>last|next|this)\s+year\b)?",
    # Tuesday / last Tuesday / Tuesday night / early Tuesday
    "weekday": rf"(?:(?P<early>early|late)\s+)?(?:{_RELATIVE}\s+)?(?P<weekday>{_WEEKDAY})(?P<plural>s)?\b"
               rf"(?:\s+{_PART}s?)?",
    # today, yesterday morning, tonight, last night, this morning, the day before yesterday
    "day_word": rf"(?:(?P<early>early|late|mid-?)\s*)?(?P<word>today|yesterday|tomorrow|tonight)(?:\s+{_PART})?|"
                r"(?P<this>this|last)\s+(?P<part2>morning|afternoon|evening|night)|the\s+day\s+(?P<around>before\s+yesterday|after\s+tomorrow)",
    # last week, next month, this year, the past year, the current fiscal year, earlier this month
    "relative_unit": r"(?:(?P<adv>earlier|later|early|late)\s+)?(?P<det>last|next|this|coming|past|previous|"
                     r"current|that|the\s+(?:past|last|previous|coming|next|current|latest|following|same|prior))\s+"
                     r"(?:fiscal\s+|calendar\s+)?(?P<unit>weekend|week|month|quarter|year|decade|century|"
                     r"summer|spring|fall|autumn|winter)(?![\w-])",
    # the past two months, the first nine months, the coming weeks, recent years
    "span_of": rf"(?:{_APPROX}\s+)?(?:(?P<the>the)\s+)?(?P<which>past|last|next|first|previous|coming|final|"
               rf"latest|following|remaining|recent|prior)\s+(?:{AMOUNT}\s+)?{UNIT}(?![\w-])",
    # the third quarter, third-quarter, the fiscal first quarter, 1988's second half, the quarter
    # ("the" stays out of "the third-quarter loss": there the quarter is an adjective's part)
    "quarter": rf"(?:(?P<the>the|this|that)\s+(?![a-z0-9]+-(?:quarter|half)\b))?"
               rf"(?:(?P<poss>this|last|next)\s+year's\s+|{YEAR}(?:'s)?\s+)?"
               r"(?:(?P<adj>year-earlier|year-ago|year\s+earlier|comparable|latest|same|fiscal|fiscal-|flat|"
               r"current|previous|seasonally\s+slow)[\s-]+){0,3}"
               r"(?:(?P<ordinal>first|second|third|fourth|1st|2nd|3rd|4th|final|last)[\s-]+)?"
               r"(?P<unit>quarter|half)(?![\w-])(?:\s+of\s+(?:(?P<ofdet>this|last|next)\s+year|" + YEAR.replace(
                   "year>", "ofyear>") + r"))?",
    # year-earlier, year-ago, the year-earlier period
    "year_ago": r"(?:(?P<the>the)\s+(?:comparable\s+|same\s+)?)?year[- ](?:earlier|ago)"
                r"(?:\s+(?P<unit>period|quarter|month|week|level))?",
    # 2026, fiscal 1989, the end of 2026, mid-2026, the summer of 2024, the first half of 2026
    "year": rf"(?:{_MOD}|(?P<season>spring|summer|fall|autumn|winter)\s+(?:of\s+)?|(?P<half>the\s+(?:first|"
            rf"second|last)\s+half\s+of)\s+)?(?:(?P<fiscal>fiscal(?:\s+year)?|calendar(?:\s+year)?|FY)\s*)?{YEAR}",
    # the 1990s, the early '80s
    "decade": r"(?:(?P<the>the)\s+)?(?:(?P<mod>early|late|mid)[\s-]+)?(?P<decade>(?:1[5-9]|20)\d0|'\d0)'?s\b",
    # the weekend, the end of the month, year-end, the full year, for the year, the year ended June 30
    "period": r"(?:(?P<weekend>the\s+weekend)|(?:(?P<the>the)\s+(?P<mod>end|beginning|start|middle|close)\s+of\s+"
              r"the\s+(?P<unit>month|year|week|decade|quarter|century))|(?P<yearend>year[\s-]end)|"
              r"the\s+(?P<which>full|fiscal|calendar|current|latest|comparable|same)?\s*(?P<theunit>year|period)\b"
              r"(?P<ended>(?=\s+(?:ended|ending|ends|to\s+date)))?)(?![\w-])",
    # the 20th century, the 1800s are "decade"
    "century": r"(?:the\s+)?(?P<ordinal>\d{1,2})(?:st|nd|rd|th)[\s-]+century\b",
    # the nineties, the early eighties
    "decade_word": r"(?:the\s+)?(?:(?P<mod>early|late|mid)[\s-]+)?(?P<word>twenties|thirties|forties|fifties|"
                   r"sixties|seventies|eighties|nineties)\b",
    # two years ago, about a week ago, a few days ago
    "ago": rf"(?:{_APPROX}\s+)?(?:{AMOUNT}[\s-]+)?{UNIT}\s+(?:or\s+so\s+)?ago\b",
    # daily, every week, each Thursday, per year, twice a week
    "set": r"(?P<adverb>daily|weekly|monthly|annually|yearly|hourly|nightly|biweekly|quarterly)(?![\w-])|"
           r"(?P<quant>every|each|per)\s+(?:other\s+)?(?P<unit>day|week|month|quarter|year|hour|minute|morning|"
           rf"evening|night|afternoon|weekend|{_WEEKDAY}|{_MONTH_FULL})(?![\w-])|"
           r"(?:(?<=\bonce\s)|(?<=\btwice\s))a\s+(?P<aunit>day|week|month|year)(?![\w-])",
    # a year earlier, two days later
    "offset": rf"(?:{_APPROX}\s+)?{AMOUNT}[\s-]+{UNIT}\s+(?P<dir>earlier|later|from\s+now|hence)\b",
    # three days, a 30-year, five-year, 40 years, two weeks
    "duration": rf"(?:{_APPROX}\s+)?(?:the\s+(?!\S+-))?{AMOUNT}[\s-]+{UNIT}(?![\w-]|-old|\s+old\b)",
    # bare plural units that TimeBank tags as vague durations: "for years", "for weeks"
    "vague": r"(?<=\bfor\s)(?P<unit>years|months|weeks|days|decades|hours)\b(?!\s+(?:ago|of|to|before|after))",
    # now, currently, recently, the past, the future, soon
    "reference": r"(?P<present>(?:right\s+)?now|currently|presently|nowadays|at\s+present|current)(?![\w-])|"
                 r"(?P<past>(?:more\s+)?recently|recent|lately|formerly|previously|the\s+past)(?![\w-])|"
                 r"(?P<future>the\s+(?:near\s+|foreseeable\s+)?future|(?<!as\s)soon)(?![\w-])",
    # 3 p.m., 10:35 a.m. EDT Friday, noon, midnight Friday, 14:00 GMT
    "clock": rf"(?:{_APPROX}\s+)?(?:(?P<hour>1[0-2]|0?[1-9])(?::(?P<minute>[0-5]\d))?\s*(?P<ampm>[ap]\.m\.?|[ap]m\b)|"
             r"(?P<hour24>[01]?\d|2[0-3]):(?P<minute24>[0-5]\d)(?=\s*(?:GMT|UTC|[A-Z]{2,3}T\b|hours?\b|local\b))|"
             r"(?P<noon>noon|midnight|midday))"
             r"(?:\s*\(?(?P<zone>GMT|UTC|[ECMP][SD]T)\b\)?)?"
             rf"(?:,?\s+(?:(?P<dayword>today|yesterday|tomorrow)|(?P<weekday>{_WEEKDAY})\b|"
             rf"(?P<month>{_MONTH_FULL}|{_MONTH_ABBR}\.?)\s*(?P<day>3[01]|[12]\d|0?[1-9])(?!\d)(?:,?\s+{YEAR})?)\b)?",
    # spring, last summer, this fall (only with a determiner: "fall" alone is mostly the verb)
    "season": r"(?P<det>last|next|this|early|late|past|coming|the)\s+(?P<season>spring|summer|fall|autumn|winter)"
              r"(?![\w-]|\s+of\b)",
    # Christmas, Thanksgiving Day, New Year's Eve, Super Tuesday
    "holiday": r"(?:(?P<rel>last|next|this)\s+)?(?P<holiday>Christmas(?:\s+Day|\s+Eve)?|New\s+Year's(?:\s+Day|"
               r"\s+Eve)?|Thanksgiving(?:\s+Day)?|Halloween|Valentine's\s+Day|Independence\s+Day|Memorial\s+Day|"
               r"Labor\s+Day|Veterans\s+Day|July\s+Fourth|the\s+Fourth\s+of\s+July|Super[\s-]Tuesday)\b",
}

#: Families in order of preference when two equally long matches start at the same place.
FAMILIES: dict[str, re.Pattern[str]] = {
    name: re.compile(pattern, re.IGNORECASE) for name, pattern in _FAMILY_PATTERNS.items()
}
#: Families that are English words (skipped for other languages); the rest are numeric and safe anywhere.
NUMERIC_FAMILIES = frozenset({"iso", "slash", "year"})

_TRIGGER_WORDS = {
    "month": "january february march april may june july august september october november december jan feb mar "
             "apr jun jul aug sept sep oct nov dec",
    "weekday": "monday tuesday wednesday thursday friday saturday sunday mondays tuesdays wednesdays thursdays "
               "fridays saturdays sundays mon tue tues wed thu thur thurs fri sat sun",
    "unit": "second seconds minute minutes hour hours day days night nights week weeks weekends fortnight "
            "fortnights month months quarter quarters year years decade decades century centuries half",
    "dayword": "today yesterday tomorrow tonight morning afternoon evening",
    "reference": "now currently presently nowadays present current recently recent lately formerly past future soon",
    "adverb": "daily weekly monthly annually yearly hourly nightly biweekly quarterly",
    "noon": "noon midnight midday",
    "season": "spring summer fall autumn winter",
    "holiday": "christmas thanksgiving halloween valentine's valentine’s independence memorial labor veterans super",
    "decade_word": "twenties thirties forties fifties sixties seventies eighties nineties",
    "period": "weekend period",
}
#: The kind of each trigger word (lower case).
TRIGGER_KIND = {word: kind for kind, words in _TRIGGER_WORDS.items() for word in words.split()}


def _trie(words: list[str]) -> str:
    """An alternation of ``words`` factored by common prefix.

    Python's ``re`` tries the branches of an alternation one by one at every position; factored into a
    trie, a position that starts no trigger word fails at its first letter (six times faster here).

    >>> _trie(["may", "march", "mon"])
    'm(?:a(?:rch|y)|on)'
    """
    tree: dict[str, dict] = {}
    for word in words:
        node = tree
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}

    def emit(node: dict[str, dict]) -> str:
        branches = [re.escape(char) + emit(child) for char, child in sorted(node.items()) if char]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        if "" in node:
            return ("(?:" + body + ")?") if len(branches) == 1 else body + "?"
        return body

    return emit(tree)


#: A word or number that every time expression contains; runs on lower-cased text. The word's kind is
#: :data:`TRIGGER_KIND`; a number is the group ``digit``.
#: (``(?<!\w)``/``(?!\w)`` say what ``\b`` says here, every branch being word characters, and are cheaper:
#: the scan of every position of the text is most of what finding time expressions costs.)
TRIGGER = re.compile(r"(?<!\w)(?:(?P<digit>\d)|(?:" + _trie(sorted(TRIGGER_KIND)) + r")(?!\w))")
#: For each kind of trigger word, the families to try, how many words before the trigger they may start, and
#: whether they may start at the trigger itself ("last week" never starts at "week"; "months ago" may).
FAMILY_TRIGGERS: dict[str, tuple[tuple[str, int, bool], ...]] = {
    "digit": (("iso", 0, True), ("slash", 0, True), ("year", 4, True), ("decade", 2, True), ("clock", 2, True),
              ("day_month", 1, True), ("quarter", 0, True), ("century", 1, True)),
    "month": (("month_day", 5, True), ("day_month", 3, False), ("month", 4, True), ("set", 2, False),
              ("holiday", 3, True)),
    "weekday": (("weekday", 2, True), ("month_day", 3, True), ("set", 2, False)),
    "unit": (("relative_unit", 4, False), ("span_of", 6, False), ("quarter", 5, False), ("year_ago", 2, True),
             ("ago", 4, True), ("offset", 4, False), ("duration", 4, False), ("vague", 0, True), ("set", 2, False),
             ("day_word", 1, False), ("holiday", 2, False), ("period", 4, True)),
    "dayword": (("day_word", 3, True), ("set", 2, False)),
    "reference": (("reference", 2, True),),
    "adverb": (("set", 0, True),),
    "noon": (("clock", 2, True),),
    "season": (("season", 1, False), ("year", 0, True), ("relative_unit", 3, False)),
    "holiday": (("holiday", 1, True),),
    "decade_word": (("decade_word", 2, True),),
    "period": (("period", 4, False), ("relative_unit", 3, False), ("span_of", 6, False)),
}
#: For families tried from a unit word, the unit words their matches can hold ("the third quarter" holds
#: "quarter", never "days"). A trigger is a word inside the match it helps find, so a family whose matches
#: cannot hold the trigger word is not tried for it: most unit words ("year", "days") rule out most of the
#: twelve unit families before any of their regexes runs. Plurals stand where a pattern can end inside one
#: ("the year-ago quarter|s"). Families not listed hold every unit word.
UNIT_FAMILY_WORDS: dict[str, frozenset[str]] = {
    "relative_unit": frozenset({"week", "month", "quarter", "year", "decade", "century"}),
    "quarter": frozenset({"year", "second", "quarter", "half"}),
    "year_ago": frozenset({"year", "quarter", "quarters", "month", "months", "week", "weeks"}),
    "vague": frozenset({"years", "months", "weeks", "days", "decades", "hours"}),
    "set": frozenset({"day", "week", "month", "quarter", "year", "hour", "minute", "night"}),
    "day_word": frozenset({"day", "night", "nights"}),
    "holiday": frozenset({"day", "year"}),
    "period": frozenset({"month", "year", "week", "decade", "quarter", "century"}),
}
#: For families whose unit is the last word but one ("two days ago", "a year earlier"): what must follow a
#: unit word that is the match's unit. Any unit word but "half" (part of an amount: "half a day ago") can
#: only be that unit, so a unit word without this after it is not tried at all.
UNIT_FAMILY_AFTER: dict[str, re.Pattern[str]] = {
    "ago": re.compile(r"\s+(?:or\s+so\s+)?ago\b", re.IGNORECASE),
    "offset": re.compile(r"\s+(?:earlier|later|from\s+now|hence)\b", re.IGNORECASE),
}
#: The longest look back, in characters and in words, for the words before a trigger.
LOOK_BACK = 60
MAX_BACK = max(back for families in FAMILY_TRIGGERS.values() for _, back, _ in families)
#: Words a time expression may start with or hold before its trigger word ("the end of", "more than two",
#: "last"): a family is tried at an earlier word only across a run of these, numbers, months and weekdays.
PREFIX_WORDS = frozenset({
    "the", "a", "an", "this", "that", "last", "next", "past", "previous", "coming", "current", "latest", "same",
    "prior", "following", "first", "second", "third", "fourth", "final", "remaining", "recent", "early", "earlier",
    "late", "later", "mid", "middle", "beginning", "start", "end", "close", "very", "of", "about", "around",
    "approximately", "roughly", "nearly", "almost", "less", "under", "up", "more", "over", "at", "just", "only",
    "some", "several", "few", "many", "numerous", "couple", "dozen", "half", "fiscal", "calendar", "fy", "year",
    "comparable", "flat", "seasonally", "every", "each", "per", "other", "once", "twice", "new", "one", "two",
    "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve", "thirteen", "fourteen",
    "fifteen", "sixteen", "seventeen", "eighteen", "nineteen", "twenty", "thirty", "forty", "fifty", "sixty",
    "seventy", "eighty", "ninety", "hundred", "than", "least", "to", "foreseeable", "near", "full", "slow", "or",
    "so", "and", "before", "after", "day"
}) | frozenset(TRIGGER_KIND)
#: What must follow where a number starts for any family to read it as a date or time (a four-digit year,
#: "27/9", "10:30", "3 p.m.", "27 September", "the 1990s", "the 20th century"); run on lower-cased text, it
#: lets the many other numbers of a news story ("2,500 troops", "$3 million") skip every family at once.
DATE_NUMBER = re.compile(
    r"\d{4}(?!\d|,\d)|\d{1,2}(?:[/:.]\d|\s*[ap]\.?m\b|(?:st|nd|rd|th)?[\s-]+(?:of\s+)?(?:jan|feb|mar|apr|may|jun|"
    r"jul|aug|sep|oct|nov|dec|century|o'clock)|\s+(?:in\s+the\s+)?(?:morning|afternoon|evening|night)|0s\b|0's)|"
    r"['’]\d0'?s\b"
)
#: The same triggers for the rare text whose lower case changes its length (offsets would shift).
TRIGGER_ANY_CASE = re.compile(TRIGGER.pattern, re.IGNORECASE)

# The same scan in two passes that each open with a character (class) instead of a look-behind: Python's
# re then jumps to the next space, or the next character that is no word character, by itself, and tries
# the trie only there, where TRIGGER tries it (and its look-behind) at every position of the text.
_TRIGGER_BODY = r"(?:(?P<digit>\d)|(?:" + _trie(sorted(TRIGGER_KIND)) + r")(?!\w))"
_AFTER_SPACE = re.compile(" " + _TRIGGER_BODY)
# Every character but the space that is not a word character, and (as ranges are cheaper to test than
# Unicode's word category) all of non-ASCII: a match after a non-ASCII word character is dropped by hand.
_AFTER_OTHER = re.compile(r"[\x00-\x1f!-/:-@\[-^`{-\U0010ffff]" + _TRIGGER_BODY)
_AT_START = re.compile(_TRIGGER_BODY)


def trigger_words(lowered: str) -> list[tuple[int, int, str | None]]:
    """The matches of :data:`TRIGGER` in the lower-cased text ``lowered``: (start, end, word), word None for a digit.

    >>> trigger_words("on tuesday, 27 days (2024) -said")
    [(3, 10, 'tuesday'), (12, 13, None), (15, 19, 'days'), (21, 22, None)]
    """
    found: list[tuple[int, int, str | None]] = []
    first = _AT_START.match(lowered)
    if first is not None:
        found.append((0, first.end(), None if first["digit"] else first.group()))
    for match in _AFTER_SPACE.finditer(lowered):
        found.append((match.start() + 1, match.end(), None if match["digit"] else match.group()[1:]))
    for match in _AFTER_OTHER.finditer(lowered):
        before = lowered[match.start()]
        if before > "\x7f" and (before.isalnum() or before == "_"):
            continue  # a word character outside ASCII: no word starts here
        found.append((match.start() + 1, match.end(), None if match["digit"] else match.group()[1:]))
    if len(found) > 1:
        found.sort()
    return found

"""Where text splits into sentences: the abbreviations whose period ends no sentence ("Sen.", "Jan.", "U.S").

Three parts of newsdesk look for sentence ends, each with its own mechanism: timelines'
:func:`newsdesk.connect.timeline.split_sentences` (a regex ending in ``\\.$``), quote cues'
``newsdesk.enrich.quotes_cues.sentence_ends`` (a lower-cased set lookup) and entity runs in
``newsdesk.enrich.patterns`` (a capitalised word after "Sgt." joins the name). They kept different lists, so that
"Sens. Ted Cruz" or "on Jan. 5" was one sentence in one part and two in another; they now read this one, and a
part that must split after some of these words says which and why where it reads them. A single initial
("J. Smith") is each mechanism's own test, not a word here.

Words are written as news writes them (``"Sen"``, ``"vs"``, ``"p.m"``), without the final period; a case-blind user
lower-cases both sides.

>>> "Sen" in ABBREVIATIONS, "Sept" in ABBREVIATIONS, "said" in ABBREVIATIONS
(True, True, False)
>>> sorted(word for word in ABBREVIATIONS if "." in word)
['D.C', 'U.K', 'U.N', 'U.S', 'a.m', 'e.g', 'i.e', 'p.m']
"""

from __future__ import annotations

__all__ = ["ABBREVIATIONS"]

#: The union of the lists these replaced, by kind: titles before a name; "No. 10", "Mt. Everest", "Ft. Worth", "vs.";
#: company suffixes; months; dotted abbreviations. Some also close sentences ("Apple Inc.", "in the U.S.", "at 9
#: p.m."), but in news rarely: of the 875 "U.S." before a capital in PolNeAR's and Timeline17's texts, 21 precede a
#: word that opens sentences ("The", "He"); the others name ("U.S. Senate").
ABBREVIATIONS: frozenset[str] = frozenset([
    "Mr", "Mrs", "Ms", "Dr", "Prof", "Rev", "Sen", "Sens", "Rep", "Reps", "Gov", "Pres", "Atty", "Supt",
    "Gen", "Lt", "Col", "Maj", "Capt", "Cmdr", "Adm", "Sgt", "Cpl", "St", "Jr", "Sr",
    "No", "Mt", "Ft", "vs",
    "Co", "Inc", "Corp", "Ltd",
    "Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep", "Sept", "Oct", "Nov", "Dec",
    "U.S", "U.K", "U.N", "D.C", "a.m", "p.m", "e.g", "i.e",
])

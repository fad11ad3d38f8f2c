"""Photo captions: split the caption itself from its credit and its editorial note.

News captions carry the photographer or agency in a handful of conventional shapes
("... [File Photo] / AP", "... (AP Photo/Evan Vucci)", "... Photo: Jane Doe/AFP",
"... Credit: Getty Images"). No library parses them, hence these few patterns.
"""

from __future__ import annotations

import re
from typing import Final, NamedTuple

_WS: Final = re.compile(r"\s+")
_AGENCIES: Final = (r"getty images|reuters|afp|associated press|ap|epa(?:-efe)?|anadolu(?: agency)?|aa|dpa|xinhua|"
                    r"shutterstock|alamy|bloomberg|pa(?: media| images| wire)?|efe|ansa|sipa|abaca|zuma(?: press)?|"
                    r"nurphoto|imago|kyodo|yonhap|ap photo|reuters tv|handout")
_AGENCY_WORD: Final = re.compile(rf"\b(?:{_AGENCIES})\b", re.I)
# Bracketed notes that are editorial, not a credit: "[File Photo]", "[Archive]".
_NOTE_ONLY: Final = re.compile(r"^(?:file(?:\s+photo)?|archive(?:\s+photo)?|illustration|handout|stock\s+photo)$", re.I)
# "[File: Name/Agency]": a note, then the credit.
_NOTE_THEN_CREDIT: Final = re.compile(r"^(file(?:\s+photo)?|archive)\s*:\s*(.+)$", re.I)
# "... Jane Doe/Reuters", "... REUTERS/Gleb Garanich/File Photo", "... Jane Doe/AFP via Getty Images"
_SLASH_CREDIT: Final = re.compile(
    r"(?<=[.!?…])\s+([A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,3}(?:\s*/\s*[\w.'’ -]{1,40}){1,2}"
    r"(?:\s+via\s+[\w .-]{1,30})?)\s*$")
_CREDIT_LEAD_IN: Final = re.compile(r"^(?:photo(?:graph)?|image|picture|credit|foto)s?\s*(?:by\b|:)\s*", re.I)
# "[File Photo] / AP" or "[File photo]" at the end; the bracketed note is editorial, the rest is credit.
_BRACKET_NOTE_CREDIT: Final = re.compile(r"\s*\[([^\[\]]{1,40})\]\s*(?:[/|]\s*([^/\[\]|]{1,80}))?\s*$")
# "(AP Photo/Evan Vucci)", "(Photo: Reuters)", "(Getty Images)", "(Credit: X)", "(File photo: AFP)"
_PAREN_CREDIT: Final = re.compile(
    r"\s*\(((?:[A-Z][\w.&-]*\s+)?(?:photo|photograph|image|picture|foto|credit|file photo)s?\b[^()]{0,80}"
    r"|[^()]{0,40}\b(?:getty images|reuters|afp|ap|epa|anadolu(?: agency)?|aa|dpa|xinhua|shutterstock|"
    r"alamy|bloomberg|pa(?: media| images)?|efe|ansa)\b[^()]{0,40})\)\.?\s*$",
    re.I,
)
# "Photo: Jane Doe/AFP", "Credit: Getty Images", "Image: Reuters", "Foto: dpa" after the caption.
_LABEL_CREDIT: Final = re.compile(
    r"(?:^|(?<=[.!?…])\s+|\s+[|/–—-]\s+)(?:photo(?:graph)?|image|picture|foto|credit|source|bild)s?"
    r"\s*(?:by|:)\s*([^:]{1,80})$",
    re.I,
)
# A bare agency or picture-desk name closing the caption: "... on Tuesday. Getty Images"
_BARE_CREDIT: Final = re.compile(
    r"(?<=[.!?…])\s+((?:[\w.-]+\s+){0,3}?(?:getty images|reuters|afp|associated press|ap|epa(?:-efe)?|"
    r"shutterstock|alamy|bloomberg|anadolu agency|dpa|xinhua|pa media|pa images)"
    r"(?:\s*(?:via|/)\s*[\w .-]{1,40})?)\s*\.?$",
    re.I,
)


class Caption(NamedTuple):
    """A caption split into its parts; absent parts are None."""

    caption: str | None
    credit: str | None
    note: str | None


def _clean(text: str | None) -> str | None:
    if text is None:
        return None
    text = _WS.sub(" ", text).strip(" \t|/–—-")
    return text or None


def split_caption(text: str) -> Caption:
    """Split a photo caption into caption, credit and note.

    >>> split_caption("Iraq deal sets 2026 deadline for US-led coalition withdrawal. [File Photo] / AP")
    Caption(caption='Iraq deal sets 2026 deadline for US-led coalition withdrawal.', credit='AP', note='File Photo')
    >>> split_caption("President Biden speaks in Delaware. (AP Photo/Evan Vucci)")
    Caption(caption='President Biden speaks in Delaware.', credit='AP Photo/Evan Vucci', note=None)
    >>> split_caption("Flooded streets in Valencia. Photo: Jose Jordan/AFP")
    Caption(caption='Flooded streets in Valencia.', credit='Jose Jordan/AFP', note=None)
    """
    text = _WS.sub(" ", text).strip()
    note = credit = None
    match = _BRACKET_NOTE_CREDIT.search(text)
    if match:
        inside, credit = match.group(1).strip(), match.group(2)
        text = text[: match.start()]
        if credit is not None or _NOTE_ONLY.match(inside):
            note = inside
        elif (pair := _NOTE_THEN_CREDIT.match(inside)) is not None:
            note, credit = pair.group(1), pair.group(2)
        elif "/" in inside or _AGENCY_WORD.search(inside):
            credit = inside  # Al Jazeera style: "[Name/Agency]" is the credit itself.
        else:
            note = inside
    if credit is None:
        match = _PAREN_CREDIT.search(text)
        if match:
            credit = match.group(1)
            text = text[: match.start()]
    if credit is None:
        match = _LABEL_CREDIT.search(text)
        if match:
            credit = match.group(1)
            text = text[: match.start()]
    if credit is None:
        match = _SLASH_CREDIT.search(text)
        if match and _AGENCY_WORD.search(match.group(1)):
            credit = match.group(1)
            text = text[: match.start()]
    if credit is None:
        match = _BARE_CREDIT.search(text)
        if match:
            credit = match.group(1)
            text = text[: match.start()]
    if credit:
        credit = _CREDIT_LEAD_IN.sub("", credit.strip())
    return Caption(_clean(text), _clean(credit), _clean(note))

"""The documented exceptions.

Every error names the input it is about and the reason, so that a batch can
record it (quarantine) and move on.
"""

from __future__ import annotations


class NewsdeskError(Exception):
    """Base of every error newsdesk raises on purpose."""


class ExtractionError(NewsdeskError):
    """An input could not be turned into an Article.

    >>> str(ExtractionError("page.html", "empty input"))
    'page.html: empty input'
    """

    def __init__(self, source: str | None, reason: str) -> None:
        self.source = source or "<input>"
        self.reason = reason
        super().__init__(f"{self.source}: {reason}")


class EmptyInputError(ExtractionError):
    """The input has no content at all."""


class InputTooLargeError(ExtractionError):
    """The input exceeds the size cap for one page."""


class DecodingError(ExtractionError):
    """The input's bytes could not be decoded (corrupt compression, binary data)."""


class UnsupportedInputError(ExtractionError):
    """The input is not a kind of document newsdesk extracts (image, PDF, archive...)."""


class StoreError(NewsdeskError):
    """The store cannot do what was asked (wrong schema version, unreadable file, bad filter...).

    >>> str(StoreError("news.db", "schema version 9 is newer than this newsdesk (2)"))
    'news.db: schema version 9 is newer than this newsdesk (2)'
    """

    def __init__(self, source: str | None, reason: str) -> None:
        self.source = source or "<store>"
        self.reason = reason
        super().__init__(f"{self.source}: {reason}")


class PageTooComplexError(ExtractionError):
    """The page needs more work than one page may take (pathological nesting or size)."""

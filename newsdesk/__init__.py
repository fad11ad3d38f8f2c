"""newsdesk: turn raw news into clean, searchable, linked news.

>>> from newsdesk import extract
>>> article = extract(open("examples/trtworld-iraq-coalition.txt", encoding="utf-8").read())  # doctest: +SKIP
"""

from newsdesk.errors import ExtractionError, NewsdeskError
from newsdesk.extract import extract, extract_batch
from newsdesk.model import Article, Block, Image, Link, RawPage, WireSource

__all__ = [
    "Article",
    "Block",
    "ExtractionError",
    "Image",
    "Link",
    "NewsdeskError",
    "RawPage",
    "WireSource",
    "extract",
    "extract_batch",
]
__version__ = "0.1.0"

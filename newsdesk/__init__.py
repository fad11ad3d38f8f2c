"""newsdesk: turn raw news into clean, searchable, linked news.

>>> from newsdesk import extract
>>> article = extract(open("examples/trtworld-iraq-coalition.txt", encoding="utf-8").read())  # doctest: +SKIP
"""

from newsdesk.errors import ExtractionError, NewsdeskError, StoreError
from newsdesk.extract import extract, extract_batch
from newsdesk.model import Article, Block, Image, Link, RawPage, WireSource
from newsdesk.store import Filters, Store, open_store

__all__ = [
    "Article",
    "Block",
    "ExtractionError",
    "Filters",
    "Image",
    "Link",
    "NewsdeskError",
    "RawPage",
    "Store",
    "StoreError",
    "WireSource",
    "extract",
    "extract_batch",
    "open_store",
]
__version__ = "0.1.0"

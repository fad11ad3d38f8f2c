"""newsdesk: turn raw news into clean, searchable, linked news.

>>> from newsdesk import extract
>>> article = extract(open("examples/trtworld-iraq-coalition.txt", encoding="utf-8").read())  # doctest: +SKIP
>>> [q.speaker for q in enrich(article).enrichment.quotes][:1]  # doctest: +SKIP
['Sean Parnell']
"""

from newsdesk.enrich import enrich, enrich_batch, enrich_text
from newsdesk.errors import ExtractionError, NewsdeskError, StoreError
from newsdesk.extract import extract, extract_batch
from newsdesk.model import (
    Article,
    Block,
    Enrichment,
    Entity,
    Image,
    Link,
    Mention,
    Quantity,
    Quote,
    RawPage,
    TimeExpression,
    WireSource,
)
from newsdesk.store import Filters, Store, open_store

__all__ = [
    "Article",
    "Block",
    "Enrichment",
    "Entity",
    "ExtractionError",
    "Filters",
    "Image",
    "Link",
    "Mention",
    "NewsdeskError",
    "Quantity",
    "Quote",
    "RawPage",
    "Store",
    "StoreError",
    "TimeExpression",
    "WireSource",
    "enrich",
    "enrich_batch",
    "enrich_text",
    "extract",
    "extract_batch",
    "open_store",
]
__version__ = "0.1.0"

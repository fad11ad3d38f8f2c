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

# isort: split
# The store first: its schema takes the connect stage's migrations, which read connect's modules.
from newsdesk.connect.duplicates import near_duplicates
from newsdesk.connect.related import related
from newsdesk.connect.similarity import similarity
from newsdesk.connect.stories import cluster_stories
from newsdesk.connect.timeline import timeline

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
    "cluster_stories",
    "enrich",
    "enrich_batch",
    "enrich_text",
    "extract",
    "extract_batch",
    "near_duplicates",
    "open_store",
    "related",
    "similarity",
    "timeline",
]
__version__ = "0.1.0"

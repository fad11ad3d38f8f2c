"""What the web tests share: the pages a test store is filled with, and helpers.

The store holds the scraped-text example (examples/trtworld-iraq-coalition.txt, given the
URL it was copied from), the hand-written pages in fixtures/, and one article whose fields
are hostile markup, written straight to the store so that escaping is tested whatever
extraction does with such text.
"""

from __future__ import annotations

from pathlib import Path

from fastapi.testclient import TestClient

from newsdesk.model import Article, Block, Image, Link, RawPage
from newsdesk.pipeline import run_ingest
from newsdesk.store import ArticleOutcome, open_store

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = Path(__file__).parent / "fixtures"
SEED_TEXT = ROOT / "examples" / "trtworld-iraq-coalition.txt"
SEED_URL = "https://www.trtworld.com/middle-east/us-led-coalition-to-scale-back-iraq-mission"
TOKEN = "test-token-5f1c2a"

PAGES = {
    "harbour-times-iraq-drawdown.html":
        "https://harbourtimes.example/world/2025/10/02/coalition-troops-begin-leaving-iraqi-bases",
    "coastal-gazette-storm.html": "https://coastalgazette.example/weather/storm-amy-coastal-towns-prepare",
    "journal-du-port-vendanges.html": "https://journaldeport.example/regions/vendanges-recolte-precoce-reduite",
}

HOSTILE_HEADLINE = 'Budget </script><script>alert("x")</script> row & "quotes"'
HOSTILE = Article(
    url="https://towncrier.example/local/budget-row",
    site_name='Town Crier"><img src=x onerror=alert(1)>',
    language='en" onload="alert(2)',
    headline=HOSTILE_HEADLINE,
    standfirst="Councillors argued over a <b>£2.4m</b> hole in the budget.",
    section="Local",
    published="2025-10-01T18:00:00Z",
    authors=["<i>Staff</i> reporter"],
    image=Image(url='https://towncrier.example/x.jpg" onerror="alert(3)', caption="<svg onload=alert(4)>",
                credit="Town Crier"),
    body=[Block("paragraph", "The gap <img src=x onerror=alert(5)> was blamed on energy bills."),
          Block("paragraph", "The mayor walked out before the vote on the budget.")],
    related=[Link(title="<script>alert(6)</script>", url="javascript:alert(7)")],
    is_article=True,
).finish()


def seed_items() -> list[RawPage]:
    """The raw pages every web test store is filled with, as ingest would read them."""
    items = [RawPage(SEED_TEXT.read_bytes(), url=SEED_URL, kind="text", source=str(SEED_TEXT))]
    for name, url in PAGES.items():
        items.append(RawPage((FIXTURES / name).read_bytes(), url=url, kind="html", source=name))
    return items


def fill_store(path: Path) -> None:
    """Ingest the seed pages through the pipeline, and the hostile article straight into the store."""
    with open_store(path) as store:
        # Without the connect stage: these pages test reading, search and sections, and the connected
        # store of story pages is story_samples.build_store (with its own browser tests).
        report = run_ingest(seed_items(), store, workers=1, command="test seed", connect=False)
        assert report.written.inserted == len(PAGES) + 1, report.summary()
        store.write_batch([ArticleOutcome("hostile", HOSTILE)])


def article_id(client: TestClient, url: str) -> int:
    """The id of the stored article with this URL."""
    response = client.get("/api/v1/articles/lookup", params={"url": url})
    assert response.status_code == 200, response.text
    found: int = response.json()["id"]
    return found

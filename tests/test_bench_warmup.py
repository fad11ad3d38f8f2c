"""The extraction benchmark's untimed warm-up: one-off work is not charged to a timed page."""

from __future__ import annotations

from benchmarks.extraction import WARM_UP_PLAIN_PAGE, Page, Truth, run_tools
from benchmarks.peers import Prediction, Tool


def test_every_tool_extracts_the_plain_page_untimed_before_the_timed_pages() -> None:
    seen: list[str] = []
    tool = Tool("spy", "spy", frozenset(), lambda html, url: seen.append(html) or html, lambda raw: Prediction(raw))
    pages = [Page(str(i), None, f"<p>page {i}</p>", Truth("")) for i in range(3)]
    runs = run_tools(pages, [tool])
    # Warm-up: the dataset's pages, then the plain page; then the timed pages, each once.
    assert seen[:4] == [page.html for page in pages] + [WARM_UP_PLAIN_PAGE]
    assert seen[4:] == [page.html for page in pages]
    assert set(runs["spy"].page_cpu_seconds) == {"0", "1", "2"}


def test_the_plain_page_names_no_language_and_newsdesk_loads_its_language_model_on_it() -> None:
    from newsdesk import extract
    from newsdesk.extract.language import _identifier

    assert "lang=" not in WARM_UP_PLAIN_PAGE and "<meta" not in WARM_UP_PLAIN_PAGE
    _identifier.cache_clear()
    article = extract(WARM_UP_PLAIN_PAGE, url="https://news.example/2025/10/01/harbour-bridge")
    assert article.language == "en"
    assert _identifier.cache_info().currsize == 1

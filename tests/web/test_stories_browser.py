"""Stories in a real headless Chromium, as a person reads them: from the home page's top stories to a story's
full coverage, its original and copy, and back to an article. JavaScript is off, as in the other browser tests;
they skip where Chromium or Playwright is absent. Screenshots go where test_browser's go."""

from __future__ import annotations

import socket
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from test_browser import CHROMIUM, CHROMIUM_ARGS, no_sideways_scroll, open_context, shoot

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # tests/, for the shared sample store
from story_samples import COPY_URL, WIRE_URL, SampleIds, build_store

pytestmark = pytest.mark.skipif(not CHROMIUM.exists(), reason="Debian's chromium is not installed at /usr/bin/chromium")
sync_api = pytest.importorskip("playwright.sync_api")


@pytest.fixture(scope="module")
def story_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, SampleIds]]:
    """uvicorn serving the connected sample store on a free port of 127.0.0.1, in a thread."""
    import uvicorn

    from newsdesk.web import create_app

    path = tmp_path_factory.mktemp("story-browser") / "news.db"
    ids = build_store(path)
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    uv = uvicorn.Server(uvicorn.Config(create_app(str(path)), log_level="warning", lifespan="off"))
    thread = threading.Thread(target=uv.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not uv.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            raise RuntimeError("uvicorn did not start")
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}", ids
    finally:
        uv.should_exit = True
        thread.join(timeout=10)
        sock.close()


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    with sync_api.sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            yield chromium
        finally:
            chromium.close()


def test_from_top_stories_to_a_storys_coverage_and_back_to_an_article(
        browser: object, story_server: tuple[str, SampleIds]) -> None:
    server, ids = story_server
    context = open_context(browser, server, viewport={"width": 1280, "height": 900})
    page = context.new_page()
    console: list[str] = []
    page.on("console", lambda message: console.append(message.text))
    expect = sync_api.expect
    page.goto(server + "/")
    expect(page.get_by_role("heading", level=2, name="Top stories")).to_be_visible()
    top = page.locator(".top-stories .story-item")
    assert top.count() >= 2
    shoot(page, "home-top-stories.png")

    page.locator(f'.top-stories a[href="/stories/{ids.iraq_story}"]').click()
    expect(page).to_have_url(f"{server}/stories/{ids.iraq_story}")
    expect(page.get_by_role("heading", level=2, name="Coverage across outlets")).to_be_visible()
    rows = page.locator(".coverage-table tbody tr")
    expect(rows.first.locator("th")).to_have_text("wire.example")
    expect(rows.nth(1).locator("th")).to_have_text("harbourherald.example")
    expect(page.get_by_role("heading", level=2, name="Timeline")).to_be_visible()
    expect(page.locator(".timeline-dates time").first).to_have_text("30 September 2025")
    expect(page.get_by_role("heading", level=2, name="Original and copies")).to_be_visible()
    expect(page.locator(".copy-group .original a")).to_have_text("US-led coalition to scale back Iraq mission")
    expect(page.locator(".copy-list .item-title")).to_have_text("Iraq deal sets 2026 deadline for coalition")
    expect(page.get_by_role("heading", level=2, name="Who said what")).to_be_visible()
    expect(page.locator(".speaker-quotes .speaker").first).to_contain_text("Sean Parnell")
    shoot(page, "story.png")

    page.locator(".copy-list .item-title").click()
    expect(page).to_have_url(f"{server}/articles/{ids.articles[COPY_URL]}")
    expect(page.get_by_role("heading", level=2, name="Full coverage")).to_be_visible()
    page.locator(".in-story a").click()
    expect(page).to_have_url(f"{server}/stories/{ids.iraq_story}")
    page.locator(f'.members a[href="/articles/{ids.articles[WIRE_URL]}"]').click()
    expect(page.get_by_role("heading", level=1)).to_have_text("US-led coalition to scale back Iraq mission")

    page.get_by_role("link", name="Stories", exact=True).click()
    expect(page.get_by_role("heading", level=1, name="Stories")).to_be_visible()
    page.get_by_role("link", name="2 or more").click()
    # count() does not wait for the navigation the click starts: wait for the new page, then for its items.
    expect(page).to_have_url(f"{server}/stories?min_outlets=2")
    expect(page.locator(".stories .story-item").first).to_be_visible()
    assert page.locator(".stories .story-item").count() >= 1
    shoot(page, "stories.png")
    assert not [text for text in console if "Content Security Policy" in text], console
    context.close()


def test_story_page_on_a_phone_in_the_dark(browser: object, story_server: tuple[str, SampleIds]) -> None:
    server, ids = story_server
    context = open_context(browser, server, viewport={"width": 390, "height": 844}, device_scale_factor=2,
                           is_mobile=True, has_touch=True, color_scheme="dark")
    page = context.new_page()
    for path in ("/", f"/stories/{ids.iraq_story}", "/stories"):
        page.goto(server + path)
        assert no_sideways_scroll(page), path
    shoot(page, "stories-phone-dark.png")
    page.goto(f"{server}/stories/{ids.iraq_story}")
    shoot(page, "story-phone-dark.png")
    context.close()

"""The reader in a real headless Chromium (Debian's, driven by Playwright), as a person uses it.

The server is uvicorn on 127.0.0.1 over a store the fixtures fill. JavaScript is disabled in
the browser: every step must work without it. Requests for anything but the server are
refused, except the article photos, which are answered with a small drawing so that the
pages look as they would on line. Screenshots go to ``tests/web/screenshots/`` (or the folder
``NEWSDESK_SCREENSHOTS`` names) for people to review.
"""

from __future__ import annotations

import os
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from web_samples import PAGES, SEED_URL

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--no-first-run"]
SCREENSHOTS = Path(os.environ.get("NEWSDESK_SCREENSHOTS") or Path(__file__).parent / "screenshots")

pytestmark = pytest.mark.skipif(not CHROMIUM.exists(), reason="Debian's chromium is not installed at /usr/bin/chromium")
sync_api = pytest.importorskip("playwright.sync_api")

PHOTO = b"""<svg xmlns="http://www.w3.org/2000/svg" width="1200" height="675" viewBox="0 0 1200 675">
<rect width="1200" height="675" fill="#6d8aa8"/><rect y="420" width="1200" height="255" fill="#8c7b5e"/>
<circle cx="960" cy="150" r="70" fill="#f2e3b3"/><rect x="180" y="300" width="420" height="160" fill="#4b5a47"/>
</svg>"""


@pytest.fixture(scope="module")
def server(seeded_db: Path) -> Iterator[str]:
    """uvicorn serving the seeded store on a free port of 127.0.0.1, in a thread."""
    import uvicorn

    from newsdesk.web import create_app

    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    uv = uvicorn.Server(uvicorn.Config(create_app(str(seeded_db)), log_level="warning", lifespan="off"))
    thread = threading.Thread(target=uv.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not uv.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            raise RuntimeError("uvicorn did not start")
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
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


def open_context(browser: object, server: str, **options: object) -> object:
    """A browser context without JavaScript that reaches only the server (and gets drawings for photos)."""
    context = browser.new_context(java_script_enabled=False, **options)  # type: ignore[attr-defined]

    def route(request_route: object) -> None:
        url = request_route.request.url  # type: ignore[attr-defined]
        if url.startswith(server):
            request_route.continue_()  # type: ignore[attr-defined]
        elif url.split("?")[0].endswith((".jpg", ".jpeg", ".png", ".webp")):
            request_route.fulfill(status=200, content_type="image/svg+xml", body=PHOTO)  # type: ignore[attr-defined]
        else:
            request_route.abort()  # type: ignore[attr-defined]

    context.route("**/*", route)
    return context


def shoot(page: object, name: str) -> Path:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / name
    page.screenshot(path=str(path), full_page=True)  # type: ignore[attr-defined]
    assert path.stat().st_size > 0
    return path


def no_sideways_scroll(page: object) -> bool:
    width = page.evaluate("document.documentElement.scrollWidth")  # type: ignore[attr-defined]
    viewport = page.viewport_size["width"]  # type: ignore[attr-defined]
    return bool(width <= viewport)


def test_read_an_article_from_the_home_page(browser: object, server: str) -> None:
    context = open_context(browser, server, viewport={"width": 1280, "height": 900})
    page = context.new_page()
    console: list[str] = []
    page.on("console", lambda message: console.append(message.text))
    page.goto(server + "/")
    expect = sync_api.expect
    expect(page.get_by_role("heading", level=1, name="Explore")).to_be_visible()
    expect(page.get_by_role("heading", level=2, name="Middle East")).to_be_visible()
    shoot(page, "home.png")

    page.get_by_role("link", name="US-led coalition to scale back Iraq mission").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("US-led coalition to scale back Iraq mission")
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.get_by_text("Iraq deal sets 2026 deadline for US-led coalition withdrawal.")).to_be_visible()
    expect(page.locator("figure .credit")).to_be_visible()
    expect(page.locator("figure .credit")).to_contain_text("AP")
    expect(page.locator(".source-line")).to_be_visible()
    expect(page.locator(".source-line")).to_have_text("Source: Anadolu Agency (AA)")
    expect(page.get_by_role("heading", name="Related", exact=True)).to_be_visible()
    expect(page.get_by_role("link", name="Iraq's PM seeks closer ties with US and neighbouring countries to "
                                        "strengthen regional security")).to_be_visible()
    expect(page.get_by_role("link", name="Read the original")).to_have_attribute("href", SEED_URL)
    related = page.get_by_role("link", name="Coalition troops begin leaving Iraqi bases as drawdown starts")
    expect(related).to_be_visible()
    shoot(page, "article.png")

    related.click()
    expect(page).to_have_url(f"{server}/articles/" + page.url.rsplit("/", 1)[-1])
    photo = page.locator("figure img")
    expect(photo).to_be_visible()
    assert photo.evaluate("image => image.naturalWidth") > 0
    expect(page.locator("figure .credit")).to_contain_text("Ayman Yaqub/AFP")
    expect(page.locator(".source-line")).to_have_text("Source: Agence France-Presse (AFP)")
    shoot(page, "article-photo.png")
    assert not [text for text in console if "Content Security Policy" in text], console
    context.close()


def test_search_and_filter(browser: object, server: str) -> None:
    context = open_context(browser, server, viewport={"width": 1280, "height": 900})
    page = context.new_page()
    expect = sync_api.expect
    page.goto(server + "/")
    page.get_by_role("searchbox", name="Search articles").fill("coalition")
    page.get_by_role("searchbox", name="Search articles").press("Enter")
    expect(page.locator(".results-count")).to_contain_text("2 articles for “coalition”")
    expect(page.locator(".results mark").first).to_be_visible()
    shoot(page, "search.png")

    page.locator("#facet-outlet ~ ul").get_by_role("link", name="Harbour Times").click()
    expect(page.locator(".results-count")).to_contain_text("1 article for “coalition”")
    expect(page.locator("select#outlet")).to_have_value("Harbour Times")

    page.locator("select#outlet").select_option("")
    page.locator("#q").fill("")
    page.locator("select#lang").select_option("fr")
    page.get_by_role("button", name="Search", exact=True).last.click()
    expect(page.locator(".results .item-title")).to_have_text(["Vendanges : une récolte précoce mais réduite "
                                                               "dans la vallée"])
    page.locator("#since").fill("2025-10-02")
    page.locator("select#lang").select_option("")
    page.get_by_role("button", name="Search", exact=True).last.click()
    expect(page.locator(".results .item")).to_have_count(2)
    shoot(page, "search-filtered.png")

    page.goto(server + "/search?until=someday")
    expect(page.get_by_role("alert")).to_contain_text("until: cannot read 'someday' as a date")
    context.close()


def test_outlet_page(browser: object, server: str) -> None:
    context = open_context(browser, server, viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(server + "/outlets")
    page.get_by_role("link", name="Harbour Times", exact=True).click()
    expect = sync_api.expect
    expect(page.get_by_role("heading", level=1)).to_have_text("Harbour Times")
    expect(page.get_by_role("heading", name="Articles per day")).to_be_visible()
    expect(page.locator("table.days tbody tr")).to_have_count(30)
    shoot(page, "outlet.png")
    context.close()


def test_phone_layout_keyboard_and_dark_scheme(browser: object, server: str) -> None:
    context = open_context(browser, server, viewport={"width": 390, "height": 844}, device_scale_factor=2,
                           is_mobile=True, has_touch=True, color_scheme="dark")
    page = context.new_page()
    expect = sync_api.expect
    harbour = PAGES["harbour-times-iraq-drawdown.html"]
    page.goto(server + "/api/v1/articles/lookup?url=" + harbour)
    ident = page.evaluate("JSON.parse(document.body.innerText).id")
    page.goto(f"{server}/articles/{ident}")
    assert no_sideways_scroll(page)
    shoot(page, "article-phone-dark.png")

    page.goto(server + "/search?q=coalition")
    assert no_sideways_scroll(page)
    shoot(page, "search-phone-dark.png")

    page.goto(server + "/")
    assert no_sideways_scroll(page)
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Skip to content")
    expect(skip).to_be_focused()
    box = skip.bounding_box()
    assert box is not None and box["y"] >= 0, "the skip link must come into view when focused"
    assert skip.evaluate("link => getComputedStyle(link).outlineStyle") != "none"
    page.keyboard.press("Enter")
    expect(page.locator("main")).to_be_focused()
    page.keyboard.press("Tab")
    focused = page.locator(":focus")
    expect(focused).to_have_text("Weather")  # the first section's heading, right after the skip target
    assert focused.evaluate("link => getComputedStyle(link).outlineStyle") == "solid"
    shoot(page, "home-phone-dark-focus.png")
    context.close()


def test_api_docs_render_offline_under_their_policy(browser: object, server: str) -> None:
    # JavaScript on (Swagger UI needs it), everything but this server refused: as on a machine without a network.
    context = browser.new_context()  # type: ignore[attr-defined]
    context.route("**/*", lambda r: r.continue_() if r.request.url.startswith(server) else r.abort())
    page = context.new_page()
    messages: list[str] = []
    page.on("console", lambda message: messages.append(message.text))
    page.on("pageerror", lambda error: messages.append(str(error)))
    try:
        page.goto(f"{server}/docs")
        page.wait_for_selector(".opblock-summary-path", timeout=20_000)
        paths = page.locator(".opblock-summary-path").all_inner_texts()
        assert any("/api/v1/articles" in path for path in paths)
        assert not [m for m in messages if "Content Security Policy" in m or "Refused" in m], messages
        shoot(page, "api-docs.png")
    finally:
        context.close()

"""A URL posted to the API is fetched from the address that was checked, never from a second lookup."""

from __future__ import annotations

import asyncio

import httpx

from newsdesk.ingest.pinning import PinnedPublicTransport
from newsdesk.web import writing


def test_fetches_for_clients_pin_the_checked_address() -> None:
    assert isinstance(writing.public_transport(), PinnedPublicTransport)


def test_a_rebinding_name_reaches_only_the_address_that_was_checked() -> None:
    lookups: list[str] = []
    answers = iter([["93.184.216.34"], ["127.0.0.1"]])  # public for the check, loopback for a second lookup

    async def rebinding_resolver(host: str, port: int) -> list[str]:
        lookups.append(host)
        return next(answers)

    sent: list[httpx.Request] = []

    def server(request: httpx.Request) -> httpx.Response:
        sent.append(request)
        return httpx.Response(200, text="<html><body><p>ok</p></body></html>")

    transport = PinnedPublicTransport(httpx.MockTransport(server), resolver=rebinding_resolver)

    async def fetch() -> httpx.Response:
        async with httpx.AsyncClient(transport=transport) as client:
            return await client.get("http://news.example/story")

    response = asyncio.run(fetch())
    assert response.status_code == 200
    assert lookups == ["news.example"]  # resolved once
    assert sent[0].url.host == "93.184.216.34" and sent[0].headers["Host"] == "news.example"

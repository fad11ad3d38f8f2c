"""An httpx transport that connects only to public addresses, and to the very address it checked.

Checking a host's addresses and then letting the HTTP client resolve the name again leaves a
gap: a hostile DNS server answers the check with a public address and the connection with
``127.0.0.1`` (DNS rebinding). Here the name is resolved once, every address is checked, and the
request is sent to the first checked address itself, with the ``Host`` header and the TLS server
name (SNI, and so certificate checking) still those of the URL. Redirect hops are separate
requests, so each is resolved, checked and pinned in turn; so is robots.txt.
"""

from __future__ import annotations

import asyncio
import ipaddress
import socket
from collections.abc import Awaitable, Callable

import httpx

__all__ = ["BlockedAddress", "PinnedPublicTransport", "is_public", "resolve"]

#: Resolves a host and port to IP address strings.
Resolver = Callable[[str, int], Awaitable[list[str]]]


class BlockedAddress(httpx.ConnectError):
    """A request refused because its host is, or resolves to, an address that is not public."""


def is_public(address: str) -> bool:
    """Whether an IP address is globally routable (IPv4-mapped IPv6 judged as the IPv4 address).

    >>> is_public("93.184.216.34"), is_public("127.0.0.1"), is_public("::ffff:10.0.0.1")
    (True, False, False)
    """
    ip = ipaddress.ip_address(address.split("%", 1)[0])
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    return ip.is_global


async def resolve(host: str, port: int) -> list[str]:
    """Every address ``host`` resolves to, in the resolver's order.

    >>> asyncio.run(resolve("127.0.0.1", 80))
    ['127.0.0.1']
    """
    infos = await asyncio.get_running_loop().getaddrinfo(host, port, type=socket.SOCK_STREAM)
    return list(dict.fromkeys(str(info[4][0]) for info in infos))


class PinnedPublicTransport(httpx.AsyncBaseTransport):
    """Resolve once, refuse any non-public address, and connect to the address that was checked.

    ``allowed`` decides which addresses may be reached (default :func:`is_public`); ``resolver``
    is :func:`resolve` unless a test gives its own.

    >>> isinstance(PinnedPublicTransport(), httpx.AsyncBaseTransport)
    True
    """

    def __init__(self, inner: httpx.AsyncBaseTransport | None = None, *,
                 allowed: Callable[[str], bool] = is_public, resolver: Resolver = resolve) -> None:
        self._inner = inner or httpx.AsyncHTTPTransport(http2=True)
        self._allowed = allowed
        self._resolve = resolver

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        url = request.url
        host = url.host
        port = url.port or (443 if url.scheme == "https" else 80)
        try:
            addresses = await self._resolve(host, port)
        except OSError as exc:
            raise httpx.ConnectError(f"cannot resolve {host} ({exc})", request=request) from exc
        blocked = [address for address in addresses if not self._allowed(address)]
        if blocked or not addresses:
            reason = f"{blocked[0]} is not a public address" if blocked else f"{host} has no address"
            raise BlockedAddress(f"{url}: {reason}", request=request)
        pinned = addresses[0]
        target = url.copy_with(host=pinned)
        headers = httpx.Headers(request.headers)
        headers["Host"] = url.netloc.decode("ascii")
        extensions = dict(request.extensions)
        if url.scheme == "https":
            extensions["sni_hostname"] = host
        pinned_request = httpx.Request(request.method, target, headers=headers, stream=request.stream,
                                       extensions=extensions)
        return await self._inner.handle_async_request(pinned_request)

    async def aclose(self) -> None:
        """Close the connections of the inner transport."""
        await self._inner.aclose()


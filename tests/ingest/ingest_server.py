"""A local HTTP server for the fetching tests: routes, a request log, and in-flight counts."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import TracebackType


@dataclass
class Reply:
    """What the server answers: status, headers, body, an optional wait before answering, and
    whether to send the body in chunks without a Content-Length."""

    status: int = 200
    body: bytes = b""
    headers: dict[str, str] = field(default_factory=lambda: {"Content-Type": "text/html; charset=utf-8"})
    delay: float = 0.0
    chunked: bool = False


@dataclass
class Seen:
    """One request the server received."""

    path: str
    host: str
    headers: dict[str, str]


Handler = Callable[[Seen], Reply]


class NewsServer:
    """``with NewsServer() as server:``, then ``server.route("/a.html", Reply(...))`` and ``server.url("/a.html")``."""

    def __init__(self) -> None:
        self.routes: dict[str, Reply | Handler] = {}
        self.seen: list[Seen] = []
        self.max_in_flight: dict[str, int] = {}
        self.max_in_flight_total = 0
        self._in_flight: dict[str, int] = {}
        self._lock = threading.Lock()
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler_class())
        self._server.daemon_threads = True
        self._server.block_on_close = False
        self.port = self._server.server_address[1]
        self._thread = threading.Thread(target=self._server.serve_forever, kwargs={"poll_interval": 0.02},
                                        daemon=True)

    def url(self, path: str, host: str = "127.0.0.1") -> str:
        return f"http://{host}:{self.port}{path}"

    def route(self, path: str, reply: Reply | Handler) -> None:
        self.routes[path] = reply

    def paths(self) -> list[str]:
        return [seen.path for seen in self.seen]

    def __enter__(self) -> NewsServer:
        self._thread.start()
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None,
                 trace: TracebackType | None) -> None:
        self._server.shutdown()
        self._server.server_close()

    def _enter(self, host: str) -> None:
        with self._lock:
            self._in_flight[host] = self._in_flight.get(host, 0) + 1
            self.max_in_flight[host] = max(self.max_in_flight.get(host, 0), self._in_flight[host])
            self.max_in_flight_total = max(self.max_in_flight_total, sum(self._in_flight.values()))

    def _leave(self, host: str) -> None:
        with self._lock:
            self._in_flight[host] -= 1

    def _handler_class(self) -> type[BaseHTTPRequestHandler]:
        server = self

        class _Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, format: str, *args: object) -> None:
                pass

            def do_GET(self) -> None:
                host = self.headers.get("Host", "").split(":")[0]
                seen = Seen(self.path, host, {k.lower(): v for k, v in self.headers.items()})
                with server._lock:
                    server.seen.append(seen)
                server._enter(host)
                try:
                    self._answer(seen)
                finally:
                    server._leave(host)

            def _answer(self, seen: Seen) -> None:
                route = server.routes.get(seen.path)
                if route is None:
                    reply = Reply(404, b"<h1>Not found</h1>")
                else:
                    reply = route(seen) if callable(route) else route
                if reply.delay:
                    time.sleep(reply.delay)
                self.send_response(reply.status)
                for key, value in reply.headers.items():
                    self.send_header(key, value)
                try:
                    if reply.chunked:
                        self.send_header("Transfer-Encoding", "chunked")
                        self.end_headers()
                        for start in range(0, len(reply.body), 65536):
                            piece = reply.body[start : start + 65536]
                            self.wfile.write(b"%x\r\n%s\r\n" % (len(piece), piece))
                        self.wfile.write(b"0\r\n\r\n")
                    else:
                        self.send_header("Content-Length", str(len(reply.body)))
                        self.end_headers()
                        self.wfile.write(reply.body)
                except (BrokenPipeError, ConnectionResetError):
                    pass  # the client gave up on purpose (a body over its limit)

        return _Handler

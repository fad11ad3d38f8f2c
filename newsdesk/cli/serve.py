"""``newsdesk serve``: the web reader, the feeds and the REST API over a store, served by uvicorn.

The listening socket is opened here, before uvicorn starts, so that an address that cannot be
used (a port in use, a privileged port, an address this machine does not have) is one clear
line and exit code 2, instead of uvicorn's log record and its exit code 3.

Exit codes: 0 the server stopped cleanly (Ctrl-C, SIGTERM), 2 an option is wrong or the address
cannot be listened on.
"""

from __future__ import annotations

import argparse
import errno
import ipaddress
import socket

from newsdesk.cli.common import EXIT_OK, EXIT_USAGE, add_db_option, say
from newsdesk.web.config import (
    ALLOWED_HOSTS_ENV,
    BASE_URL_ENV,
    CORS_ORIGINS_ENV,
    TOKEN_ENV,
    ConfigError,
    split_list,
    token_from_env,
)

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8080
#: Connections the kernel queues before the server accepts them (uvicorn's default).
BACKLOG = 2048


class ListenError(OSError):
    """The server cannot listen on the address asked for; the message says why and what to do.

    >>> str(ListenError("127.0.0.1", 8080, "the port is in use"))
    'cannot listen on 127.0.0.1:8080: the port is in use'
    """

    def __init__(self, host: str, port: int, reason: str) -> None:
        self.reason = reason
        super().__init__(f"cannot listen on {_url_host(host)}:{port}: {reason}")


def listen(host: str, port: int) -> socket.socket:
    """A socket listening on ``host:port``; :class:`ListenError` with the reason when it cannot be had.

    >>> with listen("127.0.0.1", 0) as sock:
    ...     try:
    ...         listen("127.0.0.1", sock.getsockname()[1])
    ...     except ListenError as exc:
    ...         print(exc.reason)
    the port is in use (is another server running?); choose another with --port
    """
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE)
    except socket.gaierror as exc:
        raise ListenError(host, port, f"{host} is not an address of this machine ({exc.strerror})") from exc
    family, kind, proto, _, address = infos[0]
    sock = socket.socket(family, kind, proto)
    try:
        # Lets a restarted server take its port back while old connections linger in TIME_WAIT;
        # a port another process listens on stays refused.
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind(address)
        sock.listen(BACKLOG)
    except OSError as exc:
        sock.close()
        reasons = {
            errno.EADDRINUSE: "the port is in use (is another server running?); choose another with --port",
            errno.EACCES: "permission denied (ports below 1024 need privileges); choose another with --port",
            errno.EADDRNOTAVAIL: f"{host} is not an address of this machine",
        }
        raise ListenError(host, port, reasons.get(exc.errno or 0, exc.strerror or str(exc))) from exc
    return sock


def is_loopback(host: str) -> bool:
    """Whether ``host`` is reachable from this machine only.

    >>> is_loopback("127.0.0.1"), is_loopback("::1"), is_loopback("localhost"), is_loopback("0.0.0.0")
    (True, True, True, False)
    """
    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def exposure_warning(host: str, writes_enabled: bool, base_url: str | None) -> str | None:
    """The warning for a write token that would travel over plain HTTP beyond this machine; None if none.

    >>> exposure_warning("127.0.0.1", True, None) is None, exposure_warning("0.0.0.0", False, None) is None
    (True, True)
    >>> exposure_warning("0.0.0.0", True, "https://news.example") is None
    True
    >>> print(exposure_warning("0.0.0.0", True, None))
    newsdesk: warning: writing is enabled and 0.0.0.0 is reachable from other machines over plain HTTP: \
the write token travels in clear text. Serve it behind an HTTPS proxy (and set --base-url https://...), or \
listen on 127.0.0.1.
    """
    if not writes_enabled or is_loopback(host) or (base_url or "").startswith("https://"):
        return None
    return (f"newsdesk: warning: writing is enabled and {host} is reachable from other machines over plain HTTP: "
            "the write token travels in clear text. Serve it behind an HTTPS proxy (and set --base-url "
            "https://...), or listen on 127.0.0.1.")


def serve(db: str | None = None, *, host: str = DEFAULT_HOST, port: int = DEFAULT_PORT, token: str | None = None,
          log_level: str = "info", base_url: str | None = None,
          allowed_hosts: list[str] | tuple[str, ...] | None = None,
          cors_origins: list[str] | tuple[str, ...] | None = None) -> None:
    """Serve the store at ``db`` on ``host:port`` until interrupted (Ctrl-C or SIGTERM stop it cleanly).

    Raises :class:`ListenError` when the address cannot be listened on, and
    :class:`~newsdesk.web.config.ConfigError` for a bad setting; the other settings are
    :func:`~newsdesk.web.create_app`'s.

    >>> callable(serve)
    True
    """
    import uvicorn

    from newsdesk.web import create_app

    app = create_app(db, token=token, base_url=base_url, allowed_hosts=allowed_hosts, cors_origins=cors_origins)
    config = app.state.newsdesk.config
    sock = listen(host, port)
    say(f"newsdesk: serving {config.db} on http://{_url_host(host)}:{port}/ "
        f"(API docs at /docs; writing {'enabled' if config.writes_enabled else 'disabled: no token'})")
    if warning := exposure_warning(host, config.writes_enabled, config.base_url):
        say(warning)
    server = uvicorn.Server(uvicorn.Config(app, log_level=log_level, proxy_headers=False, server_header=False))
    try:
        server.run(sockets=[sock])
    finally:
        sock.close()


def _url_host(host: str) -> str:
    return f"[{host}]" if ":" in host else host


def run(args: argparse.Namespace) -> int:
    """Start the server with the command line's options."""
    token = None
    if args.token_env:
        token = token_from_env(args.token_env)
        if token is None:
            say(f"newsdesk: --token-env {args.token_env}: the variable is unset or empty")
            return EXIT_USAGE
    if not 0 < args.port < 65536:
        say(f"newsdesk: --port {args.port}: not a TCP port (1-65535)")
        return EXIT_USAGE
    try:
        serve(args.db, host=args.host, port=args.port, token=token, log_level=args.log_level,
              base_url=args.base_url, allowed_hosts=split_list(args.allowed_hosts) if args.allowed_hosts else None,
              cors_origins=args.cors_origin or None)
    except (ConfigError, ListenError) as exc:
        say(f"newsdesk: {exc}")
        return EXIT_USAGE
    return EXIT_OK


def add_parser(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Register ``serve`` on the ``newsdesk`` command.

    >>> parser = argparse.ArgumentParser(); commands = parser.add_subparsers()
    >>> add_parser(commands)
    >>> args = parser.parse_args(["serve", "--port", "9000", "--cors-origin", "https://app.example"])
    >>> args.host, args.port, args.token_env, args.cors_origin
    ('127.0.0.1', 9000, None, ['https://app.example'])
    """
    parser = commands.add_parser(
        "serve",
        help="serve the web reader, feeds and REST API",
        description="Serve the store as a web reader (pages, feeds) and a REST API under /api/v1 (OpenAPI at "
                    f"/docs). Reading needs no token; writing needs the bearer token in ${TOKEN_ENV} (or in "
                    "the variable --token-env names), and is disabled without one. Behind a proxy, set "
                    "--base-url and --allowed-hosts: links are never made from a Host header that was not "
                    "checked. Exit codes: 0 stopped cleanly, 2 a wrong option or an address that cannot be "
                    "listened on (a port in use).",
    )
    add_db_option(parser)
    parser.add_argument("--host", default=DEFAULT_HOST,
                        help=f"address to listen on (default {DEFAULT_HOST}: this machine only)")
    parser.add_argument("--port", type=int, default=DEFAULT_PORT, help=f"TCP port (default {DEFAULT_PORT})")
    parser.add_argument("--token-env", metavar="NAME",
                        help=f"environment variable holding the write token (default {TOKEN_ENV})")
    parser.add_argument("--base-url", metavar="URL",
                        help="the public address absolute links in feeds and the API start with, e.g. "
                             f"https://news.example/desk (default ${BASE_URL_ENV}, else the address served)")
    parser.add_argument("--allowed-hosts", metavar="HOSTS",
                        help="comma-separated Host header values to answer (*.example.org for subdomains); "
                             f"other hosts get 400 (default ${ALLOWED_HOSTS_ENV}, else any)")
    parser.add_argument("--cors-origin", metavar="ORIGIN", action="append",
                        help="an origin whose pages may read the API (repeatable; * for any); writing is never "
                             f"allowed across origins (default ${CORS_ORIGINS_ENV}, else none)")
    parser.add_argument("--log-level", default="info", choices=["critical", "error", "warning", "info", "debug"],
                        help="uvicorn's log level (default info)")
    parser.set_defaults(handler=run)

"""``newsdesk serve``: the web reader, the feeds and the REST API over a store, served by uvicorn."""

from __future__ import annotations

import argparse

from newsdesk.cli.common import EXIT_OK, EXIT_USAGE, add_db_option, say
from newsdesk.web.config import TOKEN_ENV, token_from_env

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8080


def serve(db: str | None = None, *, host: str = DEFAULT_HOST, port: int = DEFAULT_PORT, token: str | None = None,
          log_level: str = "info") -> None:
    """Serve the store at ``db`` on ``host:port`` until interrupted (Ctrl-C or SIGTERM stop it cleanly).

    >>> callable(serve)
    True
    """
    import uvicorn

    from newsdesk.web import create_app

    app = create_app(db, token=token)
    config = app.state.newsdesk.config
    say(f"newsdesk: serving {config.db} on http://{_url_host(host)}:{port}/ "
        f"(API docs at /docs; writing {'enabled' if config.writes_enabled else 'disabled: no token'})")
    uvicorn.run(app, host=host, port=port, log_level=log_level, proxy_headers=False, server_header=False)


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
    serve(args.db, host=args.host, port=args.port, token=token, log_level=args.log_level)
    return EXIT_OK


def add_parser(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Register ``serve`` on the ``newsdesk`` command.

    >>> parser = argparse.ArgumentParser(); commands = parser.add_subparsers()
    >>> add_parser(commands)
    >>> args = parser.parse_args(["serve", "--port", "9000"])
    >>> args.host, args.port, args.token_env
    ('127.0.0.1', 9000, None)
    """
    parser = commands.add_parser(
        "serve",
        help="serve the web reader, feeds and REST API",
        description="Serve the store as a web reader (pages, feeds) and a REST API under /api/v1 (OpenAPI at "
                    f"/docs). Reading needs no token; writing needs the bearer token in ${TOKEN_ENV} (or in "
                    "the variable --token-env names), and is disabled without one.",
    )
    add_db_option(parser)
    parser.add_argument("--host", default=DEFAULT_HOST,
                        help=f"address to listen on (default {DEFAULT_HOST}: this machine only)")
    parser.add_argument("--port", type=int, default=DEFAULT_PORT, help=f"TCP port (default {DEFAULT_PORT})")
    parser.add_argument("--token-env", metavar="NAME",
                        help=f"environment variable holding the write token (default {TOKEN_ENV})")
    parser.add_argument("--log-level", default="info", choices=["critical", "error", "warning", "info", "debug"],
                        help="uvicorn's log level (default info)")
    parser.set_defaults(handler=run)

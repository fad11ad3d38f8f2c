"""Errors over HTTP: one JSON shape for the API, a readable page for people, the right status for each.

Every API error is ``{"error": {"status", "code", "message", "errors": [{"location", "message"}]}}``:
``code`` is stable for programs, ``message`` names the input and the reason for people.
Status codes: 400 a request that cannot be used as sent (malformed JSON, a cursor this server
did not make, a query or path parameter that is malformed or out of range: a date that is not a
date, a page size over the limit, a Host header the server does not answer to, a URL that is not
http(s)); 401 a missing or wrong token; 403 writing is disabled; 404 nothing at that address;
413 a body over the limit; 415 a body that is not JSON; 422 a JSON body with a field that cannot
be used, or a page that could not be extracted; 502 a page that could not be fetched; 503 a
database that cannot be read. Nothing a client sends is a 500.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any

from fastapi import FastAPI
from fastapi.exceptions import RequestValidationError
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from newsdesk.errors import StoreError
from newsdesk.web.cursor import CursorError
from newsdesk.web.params import ParamError

#: Where a request's parameters are: a problem there is a 400, not a body field's 422.
_PARAMETER_PLACES = ("query", "path", "header", "cookie")
#: Paths under this prefix answer errors in JSON; everything else is a page for people.
API_PREFIX = "/api/"

_CODES = {400: "bad_request", 401: "unauthorized", 403: "forbidden", 404: "not_found", 405: "method_not_allowed",
          406: "not_acceptable", 412: "precondition_failed",
          413: "payload_too_large", 415: "unsupported_media_type", 422: "invalid_value",
          500: "internal_error", 502: "bad_gateway", 503: "unavailable"}


class ApiError(Exception):
    """An error the API answers as JSON with ``status``.

    >>> ApiError(404, "not_found", "article 7: no such article").status
    404
    """

    def __init__(self, status: int, code: str, message: str, errors: Sequence[tuple[str, str]] = (),
                 headers: dict[str, str] | None = None) -> None:
        self.status = status
        self.code = code
        self.message = message
        self.errors = list(errors)
        self.headers = headers
        super().__init__(message)


def error_body(status: int, code: str, message: str, errors: Sequence[tuple[str, str]] = ()) -> dict[str, Any]:
    """The JSON of an API error.

    >>> error_body(422, "invalid_value", "limit: must be at most 100", [("query.limit", "must be at most 100")])
    {'error': {'status': 422, 'code': 'invalid_value', 'message': 'limit: must be at most 100', \
'errors': [{'location': 'query.limit', 'message': 'must be at most 100'}]}}
    """
    return {"error": {"status": status, "code": code, "message": message,
                      "errors": [{"location": location, "message": text} for location, text in errors]}}


def validation_problems(exc: RequestValidationError) -> tuple[int, str, list[tuple[str, str]]]:
    """Status, code and (location, message) pairs for FastAPI's validation errors.

    A body that is not JSON at all, or a query or path parameter that is malformed or out of
    range, is a 400 (the request cannot be used as sent); a wrong field of a JSON body is a 422.

    >>> validation_problems(RequestValidationError([{"type": "less_than_equal", "loc": ("query", "limit"),
    ...                                              "msg": "Input should be less than or equal to 100"}]))
    (400, 'invalid_parameter', [('query.limit', 'Input should be less than or equal to 100')])
    >>> validation_problems(RequestValidationError([{"type": "missing", "loc": ("body", "url"), "msg": "missing"}]))
    (422, 'invalid_value', [('body.url', 'missing')])
    """
    problems: list[tuple[str, str]] = []
    status, code = 422, "invalid_value"
    for error in exc.errors():
        parts = tuple(error.get("loc", ()))
        location = ".".join(str(part) for part in parts)
        message = str(error.get("msg", "invalid value"))
        if error.get("type") == "json_invalid":
            status, code = 400, "malformed_json"
            detail = (error.get("ctx") or {}).get("error")
            message = f"the body is not valid JSON ({detail})" if detail else "the body is not valid JSON"
            location = "body"
        elif parts and parts[0] in _PARAMETER_PLACES and code != "malformed_json":
            status, code = 400, "invalid_parameter"
        problems.append((location, message))
    return status, code, problems


def summary_of(problems: Sequence[tuple[str, str]]) -> str:
    """One line naming every problem.

    >>> summary_of([("query.limit", "too large"), ("query.since", "not a date")])
    'query.limit: too large; query.since: not a date'
    """
    return "; ".join(f"{location}: {message}" if location else message for location, message in problems)


def is_api(request: Request) -> bool:
    """Whether the request is for the API (JSON errors) rather than a page.

    >>> from starlette.requests import Request
    >>> is_api(Request({"type": "http", "path": "/api/v1/stats", "headers": []}))
    True
    """
    return request.url.path.startswith(API_PREFIX)


#: Renders an error page for people: (request, status, title, message) -> response.
PageRenderer = Callable[[Request, int, str, str], Response]


def install_error_handlers(app: FastAPI, render_page: PageRenderer) -> None:
    """Answer every error in the API's JSON shape under /api/, and as a page elsewhere."""

    def respond(request: Request, status: int, code: str, message: str,
                problems: Sequence[tuple[str, str]] = (), headers: Mapping[str, str] | None = None) -> Response:
        if is_api(request):
            return JSONResponse(error_body(status, code, message, problems), status_code=status, headers=headers)
        title = {404: "Not found", 400: "Cannot use this request", 422: "Cannot use this request"}.get(status, "Error")
        response = render_page(request, status, title, message)
        if headers:
            response.headers.update(headers)
        return response

    async def on_api_error(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, ApiError)
        return respond(request, exc.status, exc.code, exc.message, exc.errors, exc.headers)

    async def on_param_error(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, ParamError)
        return respond(request, 400, "invalid_parameter", str(exc), [(f"query.{exc.name}", exc.reason)])

    async def on_cursor_error(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, CursorError)
        return respond(request, 400, "bad_cursor", str(exc), [(f"query.{exc.name}", exc.reason)])

    async def on_validation_error(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, RequestValidationError)
        status, code, problems = validation_problems(exc)
        return respond(request, status, code, summary_of(problems), problems)

    async def on_http_error(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, StarletteHTTPException)
        code = _CODES.get(exc.status_code, "error")
        detail = exc.detail if isinstance(exc.detail, str) else code.replace("_", " ")
        if exc.status_code == 404 and detail == "Not Found":
            detail = f"{request.url.path}: nothing here"
        return respond(request, exc.status_code, code, detail, headers=exc.headers)

    async def on_store_error(request: Request, exc: Exception) -> Response:
        return respond(request, 503, "unavailable", f"the database cannot be read: {exc}")

    app.add_exception_handler(ApiError, on_api_error)
    app.add_exception_handler(ParamError, on_param_error)
    app.add_exception_handler(CursorError, on_cursor_error)
    app.add_exception_handler(RequestValidationError, on_validation_error)
    app.add_exception_handler(StarletteHTTPException, on_http_error)
    app.add_exception_handler(StoreError, on_store_error)

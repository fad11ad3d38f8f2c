"""Every query parameter of the read API, fuzzed: whatever a client sends is an answer or a JSON 4xx, never a 500.

The test client re-raises any exception the app does not handle, so a crash fails the test with its
traceback; a handled error must still be the API's JSON error shape with a client-error status.
"""

from __future__ import annotations

import base64
import json
from urllib.parse import quote

from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newsdesk.web.cursor import encode_cursor, request_fingerprint

ROUTES = ["/api/v1/articles", "/api/v1/search", "/api/v1/articles/1/related", "/api/v1/outlets/Harbour Times",
          "/api/v1/articles/lookup", "/api/v1/stats", "/api/v1/outlets"]
NAMES = ["q", "limit", "cursor", "outlet", "section", "lang", "author", "since", "until", "facets", "days", "url"]

numbers = st.one_of(st.integers(), st.integers(min_value=-(10**40), max_value=10**40)).map(str)
texts = st.one_of(st.text(max_size=40), numbers, st.sampled_from(["", " ", "1e308", "NaN", "-0", "2025-02-30",
                                                                   "9999-12-31", "0000-01-01", "a*", "\x00", "true"]))


def forged_cursor(payload: object) -> str:
    return base64.urlsafe_b64encode(json.dumps(payload).encode()).decode().rstrip("=")


cursors = st.one_of(
    texts,
    st.builds(lambda o: encode_cursor(o, request_fingerprint({"path": "/api/v1/search", "q": "iraq"})),
              st.integers(min_value=0, max_value=10**40)),
    st.builds(forged_cursor, st.fixed_dictionaries({"v": st.sampled_from([1, 2, 3, "2", None]),
                                                    "o": st.one_of(st.integers(), st.floats(), st.text()),
                                                    "a": st.one_of(st.text(), st.integers()),
                                                    "f": st.text(max_size=16)})),
)


def check(response: object) -> None:
    status = response.status_code  # type: ignore[attr-defined]
    assert status < 500, response.text  # type: ignore[attr-defined]
    if status >= 400:
        error = response.json()["error"]  # type: ignore[attr-defined]
        assert error["status"] == status and error["message"]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(route=st.sampled_from(ROUTES), params=st.dictionaries(st.sampled_from(NAMES), texts, max_size=5),
       cursor=st.one_of(st.none(), cursors))
def test_any_parameters_are_an_answer_or_a_json_client_error(client: TestClient, route: str,
                                                             params: dict[str, str], cursor: str | None) -> None:
    if cursor is not None:
        # The offset cursors are made for q=iraq on /search, so that some of them reach the store.
        params = {**params, "cursor": cursor}
        if route == "/api/v1/search":
            params["q"] = "iraq"
    check(client.get(route, params=params))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(article_id=st.one_of(numbers, st.text(min_size=1, max_size=30).filter(lambda s: "/" not in s)))
def test_any_article_id_is_an_answer_or_a_json_client_error(client: TestClient, article_id: str) -> None:
    check(client.get("/api/v1/articles/" + quote(article_id, safe="")))


def test_a_forged_offset_past_the_deepest_page_is_a_400(client: TestClient) -> None:
    fingerprint = request_fingerprint({"path": "/api/v1/search", "q": "iraq"})
    response = client.get("/api/v1/search", params={"q": "iraq", "cursor": encode_cursor(10**29, fingerprint)})
    assert response.status_code == 400, response.text
    assert response.json()["error"]["code"] == "bad_cursor"

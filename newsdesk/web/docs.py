"""The API documentation at /docs: Swagger UI served from the package, so it works offline.

FastAPI's own /docs page loads Swagger UI from a CDN (blank without a network, and scripts
from another server without integrity checks) and starts it with an inline script (which a
strict Content-Security-Policy forbids). This page instead loads Swagger UI's files from the
``swagger-ui-bundle-v2`` package (Swagger UI 5: version 4 cannot read the OpenAPI 3.1 that
FastAPI writes), mounted at :data:`ASSETS_PATH`, and starts it from
``static/docs.js``; its policy (:data:`newsdesk.web.headers.DOCS_POLICY`) allows exactly those
same-origin files and the OpenAPI document.
"""

from __future__ import annotations

from html import escape

import swagger_ui_bundle
from fastapi import APIRouter, Request
from starlette.responses import HTMLResponse
from starlette.staticfiles import StaticFiles

#: Where Swagger UI's files are served.
ASSETS_PATH = "/docs/assets"
#: The folder of Swagger UI's distribution inside the installed package.
SWAGGER_UI_DIR = swagger_ui_bundle.swagger_ui_path

router = APIRouter(include_in_schema=False)


def docs_html(root: str, title: str, openapi_url: str) -> str:
    """The documentation page: Swagger UI's stylesheet and scripts from this server, nothing inline.

    >>> page = docs_html("", "newsdesk", "/openapi.json")
    >>> '<script src="/docs/assets/swagger-ui-bundle.js"></script>' in page, "<script>" in page
    (True, False)
    """
    return f"""<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{escape(title)} API</title>
<link rel="stylesheet" href="{root}{ASSETS_PATH}/swagger-ui.css">
<link rel="icon" type="image/png" href="{root}{ASSETS_PATH}/favicon-32x32.png">
</head>
<body>
<div id="swagger-ui" data-openapi-url="{escape(root + openapi_url)}"></div>
<script src="{root}{ASSETS_PATH}/swagger-ui-bundle.js"></script>
<script src="{root}/static/docs.js"></script>
</body>
</html>
"""


@router.get("/docs")
def docs_page(request: Request) -> HTMLResponse:
    """Swagger UI over this server's OpenAPI document."""
    root = str(request.scope.get("root_path", "")).rstrip("/")
    return HTMLResponse(docs_html(root, request.app.title, request.app.openapi_url or "/openapi.json"))


def assets() -> StaticFiles:
    """Swagger UI's files, to mount at :data:`ASSETS_PATH`.

    >>> import os
    >>> os.path.exists(os.path.join(SWAGGER_UI_DIR, "swagger-ui-bundle.js"))
    True
    """
    return StaticFiles(directory=SWAGGER_UI_DIR)

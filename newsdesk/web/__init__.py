"""The web reader, the feeds and the REST API (FastAPI): ``create_app(db)`` builds the app.

>>> from newsdesk.web import create_app
>>> callable(create_app)
True
"""

from newsdesk.web.app import create_app

__all__ = ["create_app"]

"""Settings for the whole test tree.

The suite runs with ``--doctest-modules`` (for the package's docstring examples), which also collects each
folder's ``conftest.py`` as a doctest module. Those files share one module name, and when two test folders are
named on one command line (``pytest tests/store tests/web``) pytest imports the second under the first's name and
stops at collection with "import file mismatch". They hold fixtures, not doctests, so they are left out of
collection; pytest still loads them as conftests.
"""

from __future__ import annotations

from pathlib import Path


def pytest_ignore_collect(collection_path: Path) -> bool | None:
    """Skip ``conftest.py`` files as doctest modules; ``None`` leaves every other path to pytest.

    >>> pytest_ignore_collect(Path("tests/web/conftest.py")), pytest_ignore_collect(Path("tests/web/test_app.py"))
    (True, None)
    """
    return True if collection_path.name == "conftest.py" else None

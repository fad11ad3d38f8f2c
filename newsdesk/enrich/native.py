"""Optional compiled recognisers: enrichment's view of :mod:`newsdesk.native` (mypyc builds).

The build itself, for enrichment and extraction alike, lives in ``newsdesk/native.py``; run as a script,
this file runs that one (``python newsdesk/enrich/native.py ensure`` builds whatever is stale, for both).
``NEWSDESK_NATIVE=0`` turns the compiled modules off; ``tests/enrich/test_native.py`` checks they give the
.py sources' output.

>>> "patterns" in MODULES, GROUP
(True, 'newsdesk.enrich._native')
"""

from __future__ import annotations

import sys
from pathlib import Path

if __name__ == "__main__":  # the script form imports nothing of newsdesk: run newsdesk/native.py by path
    import runpy

    runpy.run_path(str(Path(__file__).resolve().parents[1] / "native.py"), run_name="__main__")
    sys.exit(0)

from newsdesk import native as _native
from newsdesk.native import STAMP, fresh

__all__ = ["COMPILED", "GROUP", "MODULES", "STAMP", "activate", "compiled_in_use", "fresh", "source_digests"]

_TARGET = _native.TARGETS["enrich"]
HERE = _TARGET.folder
COMPILED = _TARGET.compiled
MODULES = _TARGET.modules
GROUP = _TARGET.group


def _abi() -> str:
    return _native._abi()


def source_digests() -> dict[str, str]:
    """SHA-256 of every module of the package and of the newsdesk modules it imports (``model.py``,
    ``textsplit.py``: :data:`newsdesk.native.TARGETS`), by file name.

    >>> "patterns.py" in source_digests()
    True
    """
    return _native.source_digests(_TARGET)


def activate(package_path: list[str]) -> bool:
    """Put the compiled recognisers first on ``newsdesk.enrich``'s ``__path__`` when wanted, built and fresh."""
    return _native.activate("enrich", package_path)


def compiled_in_use() -> list[str]:
    """The enrichment modules imported so far from a compiled extension (empty when the .py files run).

    >>> import newsdesk.enrich
    >>> set(compiled_in_use()) <= set(MODULES)
    True
    """
    return _native.compiled_in_use("enrich")

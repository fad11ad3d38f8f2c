"""Runs a script in a fresh interpreter with the mypyc build switched on or off, for the native-build tests.

A fresh process because which build runs is fixed at import (``NEWSDESK_NATIVE`` is read once), and without
pytest's marker in the environment, which keeps the compiled modules out of a test session.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]


def run_with_native(script: str, rows_file: Path, setting: str) -> dict[str, Any]:
    """The JSON object ``script`` prints when run with ``rows_file`` as argv[1] and NEWSDESK_NATIVE=``setting``.

    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     rows = Path(folder) / "rows.json"
    ...     _ = rows.write_text("[1, 2]", encoding="utf-8")
    ...     run_with_native("import json, os, sys; rows = json.load(open(sys.argv[1])); "
    ...                     "print(json.dumps({'sum': sum(rows), 'native': os.environ['NEWSDESK_NATIVE']}))",
    ...                     rows, "0")
    {'sum': 3, 'native': '0'}
    """
    env = {name: value for name, value in os.environ.items() if name != "PYTEST_VERSION"}
    env["NEWSDESK_NATIVE"] = setting
    done = subprocess.run([sys.executable, "-c", script, str(rows_file)], cwd=ROOT, env=env,
                          capture_output=True, text=True, check=True)
    return json.loads(done.stdout)

"""Optional compiled recognisers: the hot pure-Python modules of enrichment built with mypyc.

The ``.py`` files stay the source and run wherever nothing is built. ``python newsdesk/enrich/native.py build``
(``ensure``: only when stale, never failing; the script form imports nothing of newsdesk, so any interpreter
of the same Python with mypy installed can build) compiles :data:`MODULES` with mypyc into
``newsdesk/enrich/_compiled/`` and writes a stamp there: the interpreter's ABI and a digest of the sources.
On import, :mod:`newsdesk.enrich` puts that folder first on its ``__path__`` only when the stamp matches the
sources as they are now, so an edited ``.py`` is never shadowed by a stale build.

``NEWSDESK_NATIVE=0`` turns the compiled modules off, ``NEWSDESK_NATIVE=1`` on (when fresh); unset, they are
used except under pytest (``PYTEST_VERSION`` set), whose doctests must import the ``.py`` sources
(``tests/enrich/test_native.py`` checks the compiled modules give the same output in a subprocess).

Why mypyc: what is left of enrichment's cost is per-item Python (dictionary probes, slices, anchored
regex calls over ~180 capitalised words, ~44 figures, ~33 time words, ~15 quote cues per article); mypyc
turns those into C calls on typed locals without changing a line of the source.

>>> fresh(Path("/nonexistent"), {"patterns": "0"}, "cpython-311")
False
>>> "patterns" in MODULES
True
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import sys
import sysconfig
import tempfile
from pathlib import Path

__all__ = ["MODULES", "activate", "build", "clean", "compiled_in_use", "fresh", "source_digests"]

HERE = Path(__file__).resolve().parent
#: Where the built extension modules and their stamp live (ignored by git: a build output).
COMPILED = HERE / "_compiled"
STAMP = "stamp.json"
#: The modules compiled: the four recognisers' per-item loops and the helpers they call for every item.
MODULES = ("patterns", "merge", "quantities", "quantities_numbers", "quantities_nouns", "times", "times_grammar",
           "times_context", "times_dates", "times_resolve", "times_tense", "quotes", "quotes_cues",
           "quotes_speakers", "quotes_marks", "junk")
#: mypyc's shared library for the group: ``newsdesk.enrich._native__mypyc``, found on the package path.
GROUP = "newsdesk.enrich._native"


def _abi() -> str:
    return str(sysconfig.get_config_var("SOABI") or sys.implementation.cache_tag)


def source_digests(package_dir: Path = HERE) -> dict[str, str]:
    """SHA-256 of every module of the package and of ``newsdesk/model.py``, by file name.

    The compiled code bakes in what it knows of the modules it imports (their classes and constants), so
    a change to any of them, not only to a compiled one, makes a build stale.

    >>> digests = source_digests()
    >>> "patterns.py" in digests and "model.py" in digests
    True
    """
    files = [*sorted(package_dir.glob("*.py")), package_dir.parent / "model.py"]
    return {path.name: hashlib.sha256(path.read_bytes()).hexdigest() for path in files if path.exists()}


def fresh(folder: Path, digests: dict[str, str], abi: str) -> bool:
    """Whether ``folder`` holds a build stamped for these source ``digests`` and this interpreter ``abi``.

    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     _ = (Path(tmp) / STAMP).write_text(json.dumps({"abi": "x", "sources": {"a.py": "1"}}))
    ...     fresh(Path(tmp), {"a.py": "1"}, "x"), fresh(Path(tmp), {"a.py": "2"}, "x")
    (True, False)
    """
    try:
        stamp = json.loads((folder / STAMP).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    return isinstance(stamp, dict) and stamp.get("abi") == abi and stamp.get("sources") == digests


def _wanted() -> bool:
    setting = os.environ.get("NEWSDESK_NATIVE", "")
    if setting in ("0", "1"):
        return setting == "1"
    return "PYTEST_VERSION" not in os.environ  # pytest's doctests import the .py sources by file


def activate(package_path: list[str]) -> bool:
    """Put the compiled modules first on the package's ``__path__`` when wanted, built and fresh.

    Called by ``newsdesk/enrich/__init__.py`` before it imports any recogniser. Costs one read of the
    sources (well under a millisecond) per process.
    """
    if not _wanted() or not (COMPILED / STAMP).exists():
        return False
    if not fresh(COMPILED, source_digests(), _abi()):
        return False
    if str(COMPILED) not in package_path:
        package_path.insert(0, str(COMPILED))
    return True


def compiled_in_use() -> list[str]:
    """The enrichment modules imported so far from a compiled extension (empty when the .py files run).

    >>> import newsdesk.enrich
    >>> set(compiled_in_use()) <= set(MODULES)
    True
    """
    out = []
    for name in MODULES:
        module = sys.modules.get(f"newsdesk.enrich.{name}")
        if module is not None and not str(getattr(module, "__file__", "")).endswith(".py"):
            out.append(name)
    return out


_SETUP = """\
from mypyc.build import mypycify
from setuptools import setup

setup(name="newsdesk-enrich-native", script_args={args!r},
      ext_modules=mypycify({paths!r}, group_name={group!r}, target_dir={target!r}, opt_level="3"))
"""


def build(package_dir: Path = HERE) -> list[Path]:
    """Compile :data:`MODULES` with mypyc into ``_compiled/`` and stamp it; the built files.

    Needs mypy (which ships mypyc) and a C compiler in this interpreter's environment; raises
    ``RuntimeError`` with the compiler's last lines when the build fails, leaving no build behind.
    """
    digests = source_digests(package_dir)
    clean(package_dir)
    with tempfile.TemporaryDirectory(prefix="newsdesk-native-") as tmp:
        lib, temp = Path(tmp) / "lib", Path(tmp) / "temp"
        paths = ["--ignore-missing-imports", "--follow-imports=silent", "--cache-dir", str(Path(tmp) / "mypy-cache"),
                 *[str(package_dir / f"{name}.py") for name in MODULES]]
        args = ["build_ext", "--build-lib", str(lib), "--build-temp", str(temp)]
        # Run in the temporary folder: setuptools there reads no project configuration (pyproject.toml);
        # mypy names the modules from the package folders above the absolute paths.
        script = Path(tmp) / "setup_native.py"
        script.write_text(_SETUP.format(args=args, paths=paths, group=GROUP, target=str(Path(tmp) / "c")),
                          encoding="utf-8")
        done = subprocess.run([sys.executable, str(script)], cwd=tmp, capture_output=True, text=True)
        if done.returncode != 0:
            raise RuntimeError(f"mypyc build failed:\n{(done.stdout + done.stderr)[-3000:]}")
        built = sorted((lib / "newsdesk" / "enrich").glob("*.so")) + sorted((lib / "newsdesk" / "enrich").glob("*.pyd"))
        if len(built) < len(MODULES):
            raise RuntimeError(f"mypyc built {len(built)} modules, expected {len(MODULES)} and its library")
        target = package_dir / "_compiled"
        target.mkdir(exist_ok=True)
        out = [Path(shutil.copy2(path, target / path.name)) for path in built]
    # The stamp last: a folder without one (an interrupted build) is never used.
    (target / STAMP).write_text(json.dumps({"abi": _abi(), "sources": digests}, indent=1), encoding="utf-8")
    return out


def clean(package_dir: Path = HERE) -> None:
    """Remove the compiled modules (the .py sources run again)."""
    shutil.rmtree(package_dir / "_compiled", ignore_errors=True)


def main(argv: list[str] | None = None) -> int:
    """``build`` (exit 1 on failure), ``ensure`` (build unless fresh; a failure is reported, exit 0: the
    sources run instead), ``clean`` or ``status``."""
    command = (argv if argv is not None else sys.argv[1:] or ["status"])[0]
    if command == "ensure":
        if fresh(COMPILED, source_digests(), _abi()):
            print(f"{COMPILED}: fresh")
            return 0
        if main(["build"]) != 0:
            print("the compiled recognisers were not built: enrichment runs its .py sources", file=sys.stderr)
        return 0
    if command == "build":
        try:
            files = build()
        except (RuntimeError, OSError) as exc:
            print(exc, file=sys.stderr)
            return 1
        print(f"built {len(files)} files into {COMPILED}")
    elif command == "clean":
        clean()
    elif command == "status":
        state = "fresh" if fresh(COMPILED, source_digests(), _abi()) else "absent or stale"
        print(f"{COMPILED}: {state}; wanted in this environment: {_wanted()}")
    else:
        print("usage: python newsdesk/enrich/native.py build|ensure|clean|status", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())

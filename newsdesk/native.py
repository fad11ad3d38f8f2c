"""Optional compiled modules: the hot pure-Python modules of enrichment and extraction built with mypyc.

The ``.py`` files stay the source and run wherever nothing is built. ``python newsdesk/native.py build``
(``ensure``: only what is stale, never failing; the script form imports nothing of newsdesk, so any
interpreter of the same Python with mypy installed can build) compiles each :data:`TARGETS` package's
modules with mypyc, in one mypyc run, into ``newsdesk/<package>/_compiled/`` and writes a stamp there: the
interpreter's ABI and a digest of the sources. On import, the package (:mod:`newsdesk.enrich`,
:mod:`newsdesk.extract`) puts that folder first on its ``__path__`` only when the stamp matches the sources
as they are now, so an edited ``.py`` is never shadowed by a stale build.

``NEWSDESK_NATIVE=0`` turns the compiled modules off, ``NEWSDESK_NATIVE=1`` on (when fresh); unset, they are
used except under pytest (``PYTEST_VERSION`` set), whose doctests must import the ``.py`` sources
(``tests/enrich/test_native.py`` and ``tests/extract/test_extract_native.py`` check that the compiled modules give
the same output, in subprocesses).

Why mypyc: what is left of both stages' cost is per-item Python (attribute dictionaries, verdicts and
walks over a page's ~700 elements in extraction; dictionary probes and anchored regex calls over an
article's words in enrichment); mypyc turns those into C calls on typed locals without changing a line of
the source.

>>> fresh(Path("/nonexistent"), {"body.py": "0"}, "cpython-311")
False
>>> sorted(TARGETS), "body" in TARGETS["extract"].modules
(['enrich', 'extract'], True)
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
from dataclasses import dataclass
from pathlib import Path

__all__ = ["STAMP", "TARGETS", "Target", "activate", "build", "clean", "compiled_in_use", "fresh", "source_digests",
           "stale_targets"]

#: The ``newsdesk`` package folder.
NEWSDESK = Path(__file__).resolve().parent
STAMP = "stamp.json"


@dataclass(frozen=True)
class Target:
    """A package whose hot modules are compiled together: one mypyc group, one ``_compiled/`` folder, one stamp.

    >>> TARGETS["extract"].group, TARGETS["extract"].compiled.name
    ('newsdesk.extract._native', '_compiled')
    """

    package: str
    #: The modules compiled (names in the package, without ``.py``).
    modules: tuple[str, ...]
    #: Files of ``newsdesk/`` outside the package whose edit also makes a build stale: the compiled code
    #: bakes in what it knows of the modules it imports (their classes and constants).
    imports: tuple[str, ...]

    @property
    def folder(self) -> Path:
        return NEWSDESK / self.package

    @property
    def compiled(self) -> Path:
        """Where the built extension modules and their stamp live (ignored by git: a build output)."""
        return self.folder / "_compiled"

    @property
    def group(self) -> str:
        """mypyc's shared library for the group, ``<group>__mypyc``, found on the package's path."""
        return f"newsdesk.{self.package}._native"


TARGETS: dict[str, Target] = {
    # The four recognisers' per-item loops and the helpers they call for every item.
    "enrich": Target("enrich", ("patterns", "merge", "quantities", "quantities_numbers", "quantities_nouns", "times",
                                "times_grammar", "times_context", "times_dates", "times_resolve", "times_tense",
                                "quotes", "quotes_cues", "quotes_speakers", "quotes_marks", "junk"),
                     ("model.py", "textsplit.py")),
    # Every module an HTML page goes through (body, metadata, dates, bylines, wire, ...): together ~80% of a
    # page's Python time on scrapinghub (cProfile, by module); then text mode's (text*.py but the weights,
    # which are data). Encoding detection and language identification (py3langid's numpy) are left to
    # their .py sources.
    "extract": Target("extract", ("html", "body", "body_nodes", "body_furniture", "body_related", "body_container",
                                  "body_emit", "body_opening", "body_boxes", "body_text", "body_trim", "boilerplate",
                                  "nodesize", "pageindex", "textsize",
                                  "budget", "metadata", "jsonld", "headline", "bylines", "authors", "dates",
                                  "dates_page", "wire", "captions", "urls", "text", "text_classify", "text_lines",
                                  "text_line_model", "text_headline", "text_furniture", "text_labels", "text_header",
                                  "text_segment", "text_body", "text_related", "calls_to_action", "author_bio",
                                  "embedded"),
                      ("model.py", "errors.py")),
}


def _abi() -> str:
    return str(sysconfig.get_config_var("SOABI") or sys.implementation.cache_tag)


def source_digests(target: Target) -> dict[str, str]:
    """SHA-256 of every module of the target's package and of the files it imports from, by file name.

    A change to any module of the package, not only to a compiled one, makes a build stale.

    >>> digests = source_digests(TARGETS["enrich"])
    >>> "patterns.py" in digests and "model.py" in digests
    True
    """
    files = [*sorted(target.folder.glob("*.py")), *(NEWSDESK / name for name in target.imports)]
    return {path.name: hashlib.sha256(path.read_bytes()).hexdigest() for path in files if path.exists()}


def fresh(folder: Path, digests: dict[str, str], abi: str) -> bool:
    """Whether ``folder`` holds a build stamped for these source ``digests`` and this interpreter ``abi``.

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


def _is_fresh(target: Target) -> bool:
    return fresh(target.compiled, source_digests(target), _abi())


def stale_targets() -> list[Target]:
    """The targets with no build, or one made for other sources or another interpreter."""
    return [target for target in TARGETS.values() if not _is_fresh(target)]


def wanted() -> bool:
    """Whether this process asks for the compiled modules (``NEWSDESK_NATIVE``; off under pytest if unset)."""
    setting = os.environ.get("NEWSDESK_NATIVE", "")
    if setting in ("0", "1"):
        return setting == "1"
    return "PYTEST_VERSION" not in os.environ  # pytest's doctests import the .py sources by file


def activate(package: str, package_path: list[str]) -> bool:
    """Put the package's compiled modules first on its ``__path__`` when wanted, built and fresh.

    Called by the package's ``__init__`` before it imports any compiled module. Costs one read of the
    package's sources (about a millisecond) per process.
    """
    target = TARGETS[package]
    if not wanted() or not (target.compiled / STAMP).exists() or not _is_fresh(target):
        return False
    if str(target.compiled) not in package_path:
        package_path.insert(0, str(target.compiled))
    return True


def compiled_in_use(package: str) -> list[str]:
    """The package's modules imported so far from a compiled extension (empty when the .py files run).

    >>> set(compiled_in_use("extract")) <= set(TARGETS["extract"].modules)
    True
    """
    out = []
    for name in TARGETS[package].modules:
        module = sys.modules.get(f"newsdesk.{package}.{name}")
        if module is not None and not str(getattr(module, "__file__", "")).endswith(".py"):
            out.append(name)
    return out


_SETUP = """\
from mypyc.build import mypycify
from setuptools import setup

setup(name="newsdesk-native", script_args={args!r},
      ext_modules=mypycify({paths!r}, separate={groups!r}, target_dir={target!r}, opt_level="3"))
"""


def build(targets: list[Target] | None = None) -> list[Path]:
    """Compile the targets' modules with mypyc (one run, one group each) into their ``_compiled/``; the files.

    Needs mypy (which ships mypyc) and a C compiler in this interpreter's environment; raises
    ``RuntimeError`` with the compiler's last lines when the build fails, leaving no build behind for
    the targets asked for. The groups' C files are compiled in parallel, one job per CPU.
    """
    chosen = list(TARGETS.values()) if targets is None else targets
    digests = {target.package: source_digests(target) for target in chosen}
    for target in chosen:
        clean(target)
    out: list[Path] = []
    with tempfile.TemporaryDirectory(prefix="newsdesk-native-") as tmp:
        lib, temp = Path(tmp) / "lib", Path(tmp) / "temp"
        groups = [([str(target.folder / f"{name}.py") for name in target.modules], target.group) for target in chosen]
        paths = ["--ignore-missing-imports", "--follow-imports=silent", "--cache-dir", str(Path(tmp) / "mypy-cache"),
                 *[path for files, _ in groups for path in files]]
        args = ["build_ext", "--build-lib", str(lib), "--build-temp", str(temp), "--parallel", str(os.cpu_count() or 1)]
        # Run in the temporary folder: setuptools there reads no project configuration (pyproject.toml);
        # mypy names the modules from the package folders above the absolute paths.
        script = Path(tmp) / "setup_native.py"
        script.write_text(_SETUP.format(args=args, paths=paths, groups=groups, target=str(Path(tmp) / "c")),
                          encoding="utf-8")
        done = subprocess.run([sys.executable, str(script)], cwd=tmp, capture_output=True, text=True)
        if done.returncode != 0:
            raise RuntimeError(f"mypyc build failed:\n{(done.stdout + done.stderr)[-3000:]}")
        for target in chosen:
            built_dir = lib / "newsdesk" / target.package
            built = sorted(built_dir.glob("*.so")) + sorted(built_dir.glob("*.pyd"))
            if len(built) <= len(target.modules):
                raise RuntimeError(f"mypyc built {len(built)} modules for newsdesk.{target.package}, expected "
                                   f"{len(target.modules)} and their library")
            target.compiled.mkdir(exist_ok=True)
            out += [Path(shutil.copy2(path, target.compiled / path.name)) for path in built]
    # The stamps last: a folder without one (an interrupted build) is never used.
    for target in chosen:
        (target.compiled / STAMP).write_text(json.dumps({"abi": _abi(), "sources": digests[target.package]},
                                                        indent=1), encoding="utf-8")
    return out


def clean(target: Target) -> None:
    """Remove a target's compiled modules (its .py sources run again)."""
    shutil.rmtree(target.compiled, ignore_errors=True)


def _chosen(names: list[str]) -> list[Target]:
    unknown = [name for name in names if name not in TARGETS]
    if unknown:
        raise SystemExit(f"unknown package {unknown[0]!r}: one of {', '.join(TARGETS)}")
    return [TARGETS[name] for name in names] if names else list(TARGETS.values())


def main(argv: list[str] | None = None) -> int:
    """``build [package ...]`` (exit 1 on failure), ``ensure`` (build what is stale; a failure is reported,
    exit 0: the sources run instead), ``clean [package ...]`` or ``status``."""
    command, *names = argv if argv is not None else sys.argv[1:] or ["status"]
    if command == "ensure":
        stale = stale_targets()
        for target in TARGETS.values():
            if target not in stale:
                print(f"{target.compiled}: fresh")
        if stale and main(["build", *(target.package for target in stale)]) != 0:
            print("the compiled modules were not built: the .py sources run instead", file=sys.stderr)
        return 0
    if command == "build":
        try:
            files = build(_chosen(names))
        except (RuntimeError, OSError) as exc:
            print(exc, file=sys.stderr)
            return 1
        print(f"built {len(files)} files for {', '.join(names) or ', '.join(TARGETS)}")
    elif command == "clean":
        for target in _chosen(names):
            clean(target)
    elif command == "status":
        for target in TARGETS.values():
            print(f"{target.compiled}: {'fresh' if _is_fresh(target) else 'absent or stale'}")
        print(f"wanted in this environment: {wanted()}")
    else:
        print("usage: python newsdesk/native.py build|ensure|clean|status [package ...]", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())

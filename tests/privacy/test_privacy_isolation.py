"""What must not happen: deduce in a web worker, Django in privacy, text in a log."""

from __future__ import annotations

import io
import logging
import subprocess
import sys
from pathlib import Path

from privacy.deduce_engine import load_deduce
from privacy.engine import default_engine

REPO = Path(__file__).resolve().parents[2]


def _run(code: str) -> str:
    result = subprocess.run(  # noqa: S603 - our own interpreter, fixed code
        [sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, check=True
    )
    return result.stdout.strip()


def test_importing_the_client_does_not_import_deduce() -> None:
    code = (
        "import sys, privacy, privacy.client, privacy.gateway\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in "
        "{'deduce', 'docdeid', 'stdnum', 'django'}))"
    )
    assert _run(code) == "[]"


def test_the_package_imports_nothing_of_django_or_the_project() -> None:
    code = (
        "import sys, pkgutil, importlib, privacy\n"
        "for m in pkgutil.walk_packages(privacy.__path__, 'privacy.'):\n"
        "    if m.name != 'privacy.__main__':\n"
        "        importlib.import_module(m.name)\n"
        "bad = {'django', 'wagtail', 'leerwerkplaats', 'members', 'courses', 'casuistry',\n"
        "       'forum', 'stories'}\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in bad))"
    )
    assert _run(code) == "[]"


def test_loading_deduce_leaves_the_root_logger_and_the_garbage_collector_alone() -> None:
    # The collector is paused while the lookup cache loads; it must run again after.
    code = (
        "import gc, logging, warnings\n"
        "filters = list(warnings.filters)\n"
        "from privacy.deduce_engine import load_deduce\n"
        "load_deduce()\n"
        "root = logging.getLogger()\n"
        "print(len(root.handlers), logging.getLevelName(root.level), "
        "warnings.filters == filters, gc.isenabled(), gc.get_freeze_count() > 100_000)"
    )
    assert _run(code) == "0 WARNING True True True"


def test_the_engine_never_logs_the_scanned_text() -> None:
    load_deduce()
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    root = logging.getLogger()
    old_level = root.level
    root.addHandler(handler)
    root.setLevel(logging.DEBUG)
    try:
        default_engine().scan("Geheime naam Zoltan Vermeer-Quist woont op de Kerkstraat 9.")
    finally:
        root.removeHandler(handler)
        root.setLevel(old_level)
    assert "Vermeer" not in stream.getvalue()


def test_the_engine_imports_the_detectors_modules_at_module_level() -> None:
    """No import hidden in a function to dodge a cycle: the engine and the detectors
    share the list of known organisations through `privacy.detectors.organisations`.
    Only deduce, heavy, is loaded on first use."""
    import ast

    tree = ast.parse((REPO / "privacy" / "engine.py").read_text(encoding="utf-8"))
    hidden = sorted(
        {
            node.module if isinstance(node, ast.ImportFrom) else node.names[0].name
            for function in ast.walk(tree)
            if isinstance(function, ast.FunctionDef | ast.AsyncFunctionDef)
            for node in ast.walk(function)
            if isinstance(node, ast.ImportFrom | ast.Import)
        }
        - {"privacy.deduce_engine"}
    )
    assert hidden == []


def test_a_listed_organisation_is_known_whatever_its_case_and_spacing() -> None:
    from privacy.detectors import institutions, organisations

    assert organisations.is_listed_organisation("cjg  RIJNMOND")
    assert organisations.is_listed_organisation("Bouman\u00a0GGZ")
    assert not organisations.is_listed_organisation("CJG")
    assert institutions.KNOWN_ORGANISATIONS is organisations.KNOWN_ORGANISATIONS

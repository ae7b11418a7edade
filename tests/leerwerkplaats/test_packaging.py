"""The project installs as a package (`pip install -e .` in `make install`): every app of
the repository must be in it, or scripts run from outside the project folder (benchmarks,
the load test) cannot import it."""

from __future__ import annotations

import tomllib
from fnmatch import fnmatch
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_every_app_of_the_repository_is_in_the_installed_package() -> None:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text())
    patterns = config["tool"]["setuptools"]["packages"]["find"]["include"]
    apps = sorted(
        path.parent.name
        for path in ROOT.glob("*/__init__.py")
        if path.parent.name not in {"tests", "bench", "deploy"}
    )
    assert "intervisie" in apps and "notifications" in apps
    missing = [app for app in apps if not any(fnmatch(app, pattern) for pattern in patterns)]
    assert missing == []

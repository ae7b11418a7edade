"""What `make run` needs from the machine beyond Python, npm and make: a fresh
Debian or Ubuntu lacks GNU gettext's msgfmt (compilemessages) and, often, Python's
venv module. The Makefile says so by name instead of failing deep inside a step."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
MAKE = shutil.which("make")


def bare_path(tmp_path: Path, *tools: str) -> str:
    """A PATH with only these tools of the machine (and none of gettext or apt)."""
    folder = tmp_path / "bin"
    folder.mkdir()
    for tool in ("bash", "sh", "id", "sed", "test", *tools):
        found = shutil.which(tool)
        if found:
            (folder / tool).symlink_to(found)
    return str(folder)


def make(tmp_path: Path, *args: str, path: str) -> subprocess.CompletedProcess[str]:
    assert MAKE is not None
    env = {"PATH": path, "HOME": str(tmp_path)}
    return subprocess.run(  # noqa: S603 (the Makefile of this checkout)
        [MAKE, "-s", "-C", str(ROOT), *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def test_without_msgfmt_make_names_the_gettext_package(tmp_path):
    result = make(tmp_path, "gettext", path=bare_path(tmp_path))

    assert result.returncode != 0
    assert "sudo apt-get install gettext" in result.stdout


def test_with_msgfmt_the_gettext_step_does_nothing(tmp_path):
    result = make(tmp_path, "gettext", path=bare_path(tmp_path, "msgfmt"))

    assert (result.returncode, result.stdout) == (0, "")


def test_compiling_the_messages_first_looks_for_msgfmt():
    text = (ROOT / "Makefile").read_text()
    assert "\nmessages: $(VENV)/.installed gettext\n" in text


def test_without_ensurepip_make_names_the_venv_package(tmp_path):
    # A python that passes the version check and has no ensurepip (Debian's python3
    # without python3-venv); a fresh venv folder, so the install step runs.
    python = tmp_path / "python3"
    python.write_text('#!/bin/bash\ncase "$*" in *ensurepip*) exit 1;; *) exit 0;; esac\n')
    python.chmod(0o755)
    venv = tmp_path / "venv"

    result = make(
        tmp_path,
        f"PYTHON={python}",
        f"VENV={venv}",
        f"{venv}/.installed",
        path=bare_path(tmp_path) + os.pathsep + "/usr/bin",
    )

    assert result.returncode != 0
    assert "sudo apt-get install python3-venv" in result.stdout
    assert not venv.exists()


def run_recipe(*args: str) -> list[str]:
    """The commands `make run` would run (a dry run: nothing is started)."""
    assert MAKE is not None
    done = subprocess.run(  # noqa: S603 (the Makefile of this checkout)
        [MAKE, "-s", "-n", "-C", str(ROOT), "run", *args],
        env={**os.environ, "MAKEFLAGS": ""},
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    return done.stdout.splitlines()


def test_make_run_keeps_no_access_log():
    """daphne's access log writes each request's path with its query string: a search
    for a name ("/zoeken/?q=...") would land in the terminal and any log kept of it,
    like the production servers, which keep none (docs/deployment.md)."""
    (serve,) = [line for line in run_recipe() if "bin/daphne" in line]
    assert " -v 0 " in f"{serve} "


def test_make_run_on_another_port_links_to_that_port():
    """The addresses in e-mails (verification, notifications) follow PORT."""
    (serve,) = [line for line in run_recipe("PORT=8012") if "bin/daphne" in line]
    assert "SITE_URL=http://127.0.0.1:8012" in serve

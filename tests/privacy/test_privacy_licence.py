"""The Dutch word list is derived from wordfreq's CC BY-SA 4.0 data: its attribution and
licence travel with it (privacy/data/NOTICE, and the package data of pyproject.toml)."""

from __future__ import annotations

import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "privacy" / "data"


def test_the_word_list_has_its_notice_next_to_it() -> None:
    assert (DATA / "nl_words.txt.gz").is_file()
    notice = (DATA / "NOTICE").read_text("utf-8")
    for required in (
        "wordfreq",
        "Robyn Speer",
        "CC BY-SA 4.0",
        "creativecommons.org/licenses/by-sa/4.0",
    ):
        assert required in notice
    assert "Changes made" in notice


def test_the_notice_is_packaged_with_the_list() -> None:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))
    package_data = config["tool"]["setuptools"]["package-data"]["privacy"]
    assert "data/nl_words.txt.gz" in package_data
    assert "data/NOTICE" in package_data


def test_the_privacy_docs_state_the_licence() -> None:
    docs = (ROOT / "docs" / "privacy.md").read_text("utf-8")
    assert "privacy/data/NOTICE" in docs
    assert "CC BY-SA 4.0" in docs


def test_the_name_lists_have_their_notice_and_are_packaged() -> None:
    notice = (DATA / "NOTICE").read_text("utf-8")
    for required in ("Faker", "Daniele Faraglia", "MIT", "world_first_names.txt.gz"):
        assert required in notice
    config = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))
    package_data = config["tool"]["setuptools"]["package-data"]["privacy"]
    for name in ("world_first_names.txt.gz", "world_surnames.txt.gz"):
        assert (DATA / name).is_file()
        assert f"data/{name}" in package_data

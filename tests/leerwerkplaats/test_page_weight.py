"""What a phone on a slow connection gets (issue 16): little render-blocking CSS,
a meta description on every page, no request that fails."""

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.staticfiles import finders

pytestmark = pytest.mark.django_db

CSS_BUDGET = 60 * 1024
ROOT = Path(settings.BASE_DIR)


def _static_links(html: str, rel: str) -> list[str]:
    return [
        href.removeprefix(settings.STATIC_URL)
        for tag in re.findall(r"<link [^>]*>", html)
        if f'rel="{rel}"' in tag
        for href in re.findall(r'href="([^"]+)"', tag)
    ]


def test_the_css_every_page_links_stays_within_60_kb(client, home_page):
    html = client.get("/").content.decode()

    stylesheets = _static_links(html, "stylesheet")
    assert "css/nlds.css" in stylesheets
    assert not [name for name in stylesheets if name.startswith("nlds/")]
    total = sum(Path(finders.find(name)).stat().st_size for name in stylesheets)
    assert total <= CSS_BUDGET, f"{stylesheets}: {total} bytes"


def test_the_favicon_exists(client, home_page):
    html = client.get("/").content.decode()

    [icon] = _static_links(html, "icon")
    assert finders.find(icon)


def test_a_page_describes_itself_with_its_search_description(client, help_index):
    page = help_index.get_children().live().first().specific
    page.search_description = "Wat je kunt doen als je thuis geweld meemaakt."
    page.save_revision().publish()

    html = client.get(page.url).content.decode()

    description = "Wat je kunt doen als je thuis geweld meemaakt."
    assert f'<meta name="description" content="{description}">' in html


def test_a_page_without_one_gets_the_site_description(client, home_page):
    home_page.search_description = ""
    home_page.save_revision().publish()

    html = client.get("/").content.decode()
    [description] = re.findall(r'<meta name="description" content="([^"]*)">', html)
    assert description.startswith("Hulp bij huiselijk geweld")

    english = client.get("/en/").content.decode()
    assert '<meta name="description" content="Help with domestic violence' in english


@pytest.mark.skipif(
    not (ROOT / "node_modules" / "purgecss").is_dir() or not shutil.which("node"),
    reason="node and node_modules (make install) build the CSS",
)
def test_the_committed_nlds_css_is_what_the_build_makes(tmp_path):
    """A template that starts using another NL Design System component needs `make css`."""
    output = tmp_path / "nlds.css"
    subprocess.run(  # noqa: S603 (the project's own script)
        [shutil.which("node"), "frontend/build-css.mjs", str(output)],
        cwd=ROOT,
        check=True,
        capture_output=True,
        timeout=120,
    )

    assert output.read_text() == (ROOT / "static" / "css" / "nlds.css").read_text(), (
        "static/css/nlds.css is out of date: run `make css` and commit it"
    )

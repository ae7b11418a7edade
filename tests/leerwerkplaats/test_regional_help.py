"""The help guide covers the whole region: every municipality's local team, the
Kindertelefoon for children, a call button at the top, the Meldcode course for
professionals."""

from __future__ import annotations

import re
from io import StringIO

import pytest
from django.core.management import call_command

from leerwerkplaats.demo_help_content import MUNICIPALITIES

pytestmark = pytest.mark.django_db

REGION = {
    "Albrandswaard",
    "Barendrecht",
    "Capelle aan den IJssel",
    "Goeree-Overflakkee",
    "Hoeksche Waard",
    "Krimpen aan den IJssel",
    "Lansingerland",
    "Maassluis",
    "Nissewaard",
    "Ridderkerk",
    "Rotterdam",
    "Schiedam",
    "Vlaardingen",
    "Voorne aan Zee",
}


def test_every_municipality_of_the_region_has_its_local_team_and_says_it_is_unchecked(
    client, help_index
):
    assert {row[0] for row in MUNICIPALITIES} == REGION
    html = client.get("/hulp/lokale-teams/").content.decode()

    for name in REGION:
        assert f'<h3 class="utrecht-heading-3 site-contact__name">{name}</h3>' in html
    # Written from memory, never checked: the page says so instead of a date.
    assert "Nog niet gecontroleerd bij de bronnen." in html
    assert "Laatst gecontroleerd:" not in html
    assert 'href="tel:14010"' in html
    assert "Lokaal Team Huiselijk Geweld" in html
    # Reached from the pages that mention the local team.
    assert 'href="/hulp/lokale-teams/"' in client.get("/hulp/ik-maak-geweld-mee/").content.decode()
    assert 'href="/hulp/lokale-teams/"' in client.get("/hulp/").content.decode()


def test_children_find_the_kindertelefoon(client, help_index):
    html = client.get("/hulp/ik-maak-geweld-mee/").content.decode()

    assert "Kindertelefoon" in html
    assert 'href="tel:08000432"' in html


def test_help_pages_start_with_a_call_button_for_veilig_thuis(client, help_index):
    for path in ["/hulp/", "/hulp/ik-maak-geweld-mee/", "/hulp/lokale-teams/"]:
        html = client.get(path).content.decode()
        title = html.index("<h1")
        button = html.index('site-call__button" href="tel:08002000"')
        assert title < button < html.index("utrecht-paragraph--lead"), path


def test_the_professional_page_links_to_the_meldcode_course(client):
    call_command("seed_demo", stdout=StringIO())
    html = client.get("/hulp/professionals/").content.decode()

    link = re.search(r'href="(/cursussen/meldcode-in-vijf-stappen/)"', html)
    assert link is not None
    assert client.get(link.group(1)).status_code == 200


def test_an_english_help_page_says_once_that_its_content_is_dutch(client, help_index):
    english = client.get("/en/hulp/ik-maak-geweld-mee/").content.decode()
    dutch = client.get("/hulp/ik-maak-geweld-mee/").content.decode()

    assert english.count("This information is only available in Dutch.") == 1
    assert "alleen in het Nederlands" not in dutch
    # The call button speaks English on the English page.
    assert "Call Veilig Thuis (Safe at Home): 0800-2000" in english


def test_a_page_never_checked_tells_readers_and_heads_the_coordinators_reminder(client, help_index):
    from leerwerkplaats.models import HelpPage
    from leerwerkplaats.selectors import stale_help_pages

    page = HelpPage.objects.get(slug="lokale-teams")
    assert page.last_checked is None
    assert page.is_stale
    html = client.get(page.url).content.decode()
    assert "Deze gegevens zijn nog niet bij de bronnen nagekeken." in html
    assert "langer dan zes maanden" not in html
    assert stale_help_pages().first() == page

    out = StringIO()
    call_command("remind_help_page_checks", "--dry-run", stdout=out)
    assert "never" in out.getvalue() and "Lokale teams in de regio" in out.getvalue()

    page.last_checked = page.first_published_at.date()
    page.save_revision().publish()
    html = client.get(page.url).content.decode()
    assert "Laatst gecontroleerd:" in html
    assert "nog niet bij de bronnen nagekeken" not in html

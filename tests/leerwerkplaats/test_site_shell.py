"""The site shell: home page, languages, error pages, health check."""

import re
from urllib.parse import urlsplit

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_home_page_answers_in_dutch_with_the_help_numbers(client, home_page):
    response = client.get("/")

    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="nl"' in html
    assert "Welkom bij de HG Leerwerkplaats" in html
    # The footer of every page names Veilig Thuis and 112.
    assert 'href="tel:08002000"' in html
    assert "gratis en anoniem, 24 uur per dag" in html
    assert 'href="tel:112"' in html
    # Landmarks and the skip link that lands on the main content.
    assert 'href="#inhoud"' in html
    assert re.search(r'<main id="inhoud"', html)


def test_english_pages_live_under_en_and_say_so(client, home_page):
    response = client.get("/en/")

    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="en"' in html
    assert "Need help?" in html
    assert "free and anonymous" in html


def test_language_switcher_links_to_the_same_page_in_the_other_language(client, home_page):
    html = client.get("/").content.decode()

    assert 'href="/en/" hreflang="en"' in html
    assert 'aria-current="true" lang="nl"' in html


def test_unknown_page_gets_the_friendly_dutch_404(client, home_page):
    response = client.get("/bestaat-niet/")

    assert response.status_code == 404
    assert "Pagina niet gevonden" in response.content.decode()


def test_server_error_page_needs_nothing_and_names_the_help_numbers(client):
    from leerwerkplaats.views import server_error

    response = server_error(None)

    assert response.status_code == 500
    assert "0800-2000" in response.content.decode()


def test_health_check_answers_without_the_database(client, django_assert_num_queries):
    with django_assert_num_queries(0):
        response = client.get(reverse("healthz"))

    assert response.status_code == 200
    assert response.content == b"ok"


def test_wagtail_admin_lives_at_beheer_and_sends_visitors_to_the_one_login(client):
    response = client.get("/beheer/")

    assert response.status_code == 302
    assert response["Location"].startswith("/account/login/?next=/beheer/")


def test_administrator_reaches_the_wagtail_admin(client, superuser):
    client.force_login(superuser)

    response = client.get("/beheer/")

    assert response.status_code == 200
    assert "wagtail" in response.content.decode().lower()


def language_links(html: str) -> dict[str, str]:
    return {code: href for href, code in re.findall(r'href="([^"]*)" hreflang="([^"]+)"', html)}


@pytest.mark.parametrize(
    "path", ["//evil.example/x", "///evil.example/x", "/\\evil.example/x", "/\\/evil.example/"]
)
def test_language_links_on_the_404_page_stay_on_the_site(client, home_page, path):
    response = client.get("/", PATH_INFO=path)

    assert response.status_code == 404
    href = language_links(response.content.decode())["en"]
    assert href.startswith("/"), href
    assert not href.startswith(("//", "/\\")), href
    assert urlsplit(href).netloc == "", href


def test_language_links_on_a_normal_page_keep_the_page_and_its_query(client, home_page):
    response = client.get("/zoeken/", {"q": "hulp"})

    assert language_links(response.content.decode())["en"] == "/en/zoeken/?q=hulp"
    english = client.get("/en/zoeken/", {"q": "hulp"})
    assert language_links(english.content.decode())["nl"] == "/zoeken/?q=hulp"

"""The home page for visitors and members, navigation, sitemap, robots.txt and
the cookie-free promise."""

import re
from xml.etree import ElementTree

import html5lib
import pytest
from django import forms
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.db import connection
from django.template.loader import render_to_string
from django.test.utils import CaptureQueriesContext
from wagtail import hooks
from wagtail.models import PageViewRestriction

from leerwerkplaats.home_sections import HOME_SECTION_HOOK
from leerwerkplaats.views import permission_denied
from tests.leerwerkplaats.factories import HelpPageFactory, InformationPageFactory

pytestmark = pytest.mark.django_db


def section(audience, calls):
    def spec():
        def context(request):
            calls.append(request.user)
            return {
                "title": f"Voor {audience}",
                "items": [{"title": "Module Meldcode, les 3", "url": "/cursus/meldcode/3/"}],
            }

        return {
            "key": f"test-{audience}",
            "audience": audience,
            "template": "includes/home_section.html",
            "context": context,
        }

    return spec


# --- the home page --------------------------------------------------------------


def test_visitors_see_what_this_is_and_the_way_to_help(client, help_index):
    html = client.get("/").content.decode()

    assert "Het online leer- en reflectienetwerk" in html
    assert 'href="tel:08002000"' in html
    for title in ("Ik maak geweld mee", "Ik gebruik zelf geweld", "Ik heb een niet-pluis gevoel"):
        assert title in html
    assert "Welkom terug" not in html


def test_a_member_is_welcomed_by_name(client, member, help_index):
    client.force_login(member)

    html = client.get("/").content.decode()

    assert f"Welkom terug, {member.first_name}." in html


def test_apps_add_home_sections_for_their_audience_only(client, member, home_page):
    calls = []
    with (
        hooks.register_temporarily(HOME_SECTION_HOOK, section("members", calls)),
        hooks.register_temporarily(HOME_SECTION_HOOK, section("visitors", calls)),
    ):
        as_visitor = client.get("/").content.decode()
        client.force_login(member)
        as_member = client.get("/").content.decode()

    assert "Voor visitors" in as_visitor
    assert "Voor members" not in as_visitor
    assert "Voor members" in as_member
    assert "Voor visitors" not in as_member
    assert 'href="/cursus/meldcode/3/">Module Meldcode, les 3</a>' in as_member
    # Each section was asked once per page view, and only for its own audience.
    assert len(calls) == 2


def test_a_section_with_nothing_to_show_is_left_out(client, member, home_page):
    def empty():
        return {"key": "empty", "template": "includes/home_section.html", "context": lambda r: None}

    client.force_login(member)
    with hooks.register_temporarily(HOME_SECTION_HOOK, empty):
        html = client.get("/").content.decode()

    # Other apps' sections (casuistry's) may show; this one has nothing to show.
    assert 'id="sectie-empty"' not in html
    assert "sectie-empty" not in html


def test_home_page_query_count_does_not_grow_with_the_help_pages(
    client, help_index, privacy_statement, settings
):
    settings.PAGE_CACHE_ENABLED = False  # the page as drawn, not from the page cache

    def count() -> tuple[int, str]:
        client.get("/")  # warm the worker's memory (new pages empty it)
        with CaptureQueriesContext(connection) as captured:
            html = client.get("/").content.decode()
        return len(captured), html

    # The page's view-restriction check and the help pages (which check the
    # restrictions once); site, route, menu and footer come from memory.
    few, _ = count()
    for n in range(6):
        HelpPageFactory(parent=help_index, title=f"Extra {n}")
        InformationPageFactory(parent=help_index.get_parent(), title=f"Info {n}")
    many, html = count()

    assert few <= 10
    assert many == few
    assert "Extra 5" in html
    assert "Info 5" in html


# --- navigation ------------------------------------------------------------------


def test_help_pages_have_breadcrumbs_up_to_home(client, help_index):
    html = client.get("/hulp/professionals/").content.decode()
    nav = re.search(r'<nav class="utrecht-breadcrumb-nav.*?</nav>', html, re.S).group(0)

    assert 'utrecht-breadcrumb-nav__link--first" href="/" rel="home">Home</a>' in nav
    assert 'href="/hulp/" rel="up">Hulp en advies</a>' in nav
    assert 'aria-current="page">Ik ben professional: de Meldcode</span>' in nav
    # Outside <main>, as the design system asks.
    assert html.index("utrecht-breadcrumb-nav") < html.index("<main")


def test_the_home_page_has_no_breadcrumbs(client, help_index):
    assert "utrecht-breadcrumb-nav" not in client.get("/").content.decode()


def test_main_menu_shows_the_help_guide_and_marks_the_current_page(client, help_index):
    html = client.get("/hulp/").content.decode()
    menu = re.search(r'<nav class="utrecht-nav-bar site-nav".*?</nav>', html, re.S).group(0)

    assert 'href="/hulp/" aria-current="page">Hulp en advies</a>' in menu


def test_every_page_links_the_privacy_statement_in_its_footer(
    client, help_index, privacy_statement
):
    html = client.get("/hulp/ik-maak-geweld-mee/").content.decode()
    footer = html[html.index("<footer") :]

    assert 'href="/privacy/">Privacyverklaring</a>' in footer


def test_privacy_statement_says_which_cookies_and_no_tracking(client, privacy_statement):
    html = client.get("/privacy/").content.decode()

    assert "sessionid" in html
    assert "csrftoken" in html
    assert "geen cookies" in html
    assert "We volgen je niet" in html


@pytest.mark.parametrize(
    "path",
    ["/", "/hulp/", "/hulp/ik-maak-geweld-mee/", "/privacy/", "/zoeken/?q=hulp", "/en/hulp/"],
)
def test_public_pages_set_no_cookie_and_carry_the_quick_exit(
    client, help_index, privacy_statement, path
):
    response = client.get(path)

    assert response.status_code == 200
    assert response.cookies == {}
    html = response.content.decode()
    assert 'data-quick-exit aria-describedby="snel-weg-uitleg">Snel weg</a>' in html or (
        "data-quick-exit" in html and "Quick exit" in html
    )
    # A visitor's page the page cache may store has no nonce (the policy allows the
    # site's own files); search results (a query string) are never cached.
    assert re.search(r'<script( nonce="[^"]+")? src="/static/js/quick-exit.js"></script>', html)


def test_english_pages_mark_the_dutch_content_as_dutch(client, help_index):
    html = client.get("/en/hulp/ik-maak-geweld-mee/").content.decode()

    assert '<html lang="en"' in html
    assert '<article class="site-article" lang="nl">' in html
    assert "Last checked:" in html


def test_sitemap_lists_public_live_pages_only(client, help_index, privacy_statement, home_page):
    hidden = InformationPageFactory(parent=home_page, title="Alleen leden", slug="alleen-leden")
    PageViewRestriction.objects.create(page=hidden, restriction_type=PageViewRestriction.LOGIN)
    draft = InformationPageFactory(parent=home_page, slug="concept")
    draft.unpublish()

    response = client.get("/sitemap.xml")
    # The test's own server's response, not untrusted input.
    locations = {
        element.text
        for element in ElementTree.fromstring(response.content).iter(  # noqa: S314
            "{http://www.sitemaps.org/schemas/sitemap/0.9}loc"
        )
    }

    assert response.status_code == 200
    paths = {re.sub(r"^https?://[^/]+", "", location) for location in locations}
    assert {"/", "/hulp/", "/hulp/professionals/", "/privacy/"} <= paths
    assert "/alleen-leden/" not in paths
    assert "/concept/" not in paths


def test_robots_txt_keeps_members_only_areas_out_and_names_the_sitemap(client):
    response = client.get("/robots.txt")
    text = response.content.decode()

    assert response["Content-Type"].startswith("text/plain")
    for path in ("/beheer/", "/account/", "/forum/", "/casussen/", "/mijn/", "/en/account/"):
        assert f"Disallow: {path}\n" in text
    assert "Sitemap: http://testserver/sitemap.xml" in text
    assert response.cookies == {}


def test_friendly_403_page_in_dutch_with_the_quick_exit(rf, home_page):
    request = rf.get("/ergens/")
    request.user = AnonymousUser()

    response = permission_denied(request, PermissionDenied())

    assert response.status_code == 403
    html = response.content.decode()
    assert "Geen toegang" in html
    assert "Snel weg" in html


@pytest.mark.parametrize(
    "path",
    ["/hulp/", "/hulp/ik-maak-geweld-mee/", "/privacy/", "/zoeken/?q=anoniem", "/zoeken/?q="],
)
def test_new_pages_parse_without_a_single_html_error(client, help_index, privacy_statement, path):
    parser = html5lib.HTMLParser(strict=True, namespaceHTMLElements=False)

    document = parser.parse(client.get(path).content.decode())

    assert parser.errors == []
    assert len(document.findall(".//main")) == 1
    assert len(document.findall(".//h1")) == 1


def test_editors_can_open_a_help_page_in_the_wagtail_editor(client, superuser, help_index):
    page = help_index.get_children().first()
    client.force_login(superuser)

    response = client.get(f"/beheer/pages/{page.pk}/edit/")

    assert response.status_code == 200
    assert "laatst gecontroleerd" in response.content.decode().lower()


# --- the reusable form include ------------------------------------------------------


class ExampleForm(forms.Form):
    name = forms.CharField(label="Naam", help_text="Zoals op je certificaat.")
    email = forms.EmailField(label="E-mail")
    agree = forms.BooleanField(label="Ik ga akkoord")
    kind = forms.ChoiceField(
        label="Soort", choices=[("a", "A"), ("b", "B")], widget=forms.RadioSelect
    )


def test_form_include_summarises_errors_with_links_and_keeps_what_was_typed(rf):
    form = ExampleForm(data={"name": "Sam de Vries", "email": "geen-adres"})
    request = rf.post("/")
    request.user = AnonymousUser()

    html = render_to_string("includes/form.html", {"form": form}, request=request)

    summary = html[: html.index('<div class="utrecht-form-field')]
    assert "Controleer wat je hebt ingevuld" in summary
    assert 'href="#id_email">E-mail: Voer een geldig e-mailadres in.</a>' in summary
    assert 'href="#id_agree">' in summary
    assert 'href="#id_kind_0">' in summary
    assert "id_name" not in summary
    # What was typed stays, and each invalid field says so to assistive technology.
    assert 'value="Sam de Vries"' in html
    assert 'value="geen-adres"' in html
    assert re.search(
        r'<input type="email"[^>]*aria-invalid="true"[^>]*aria-describedby="id_email_error"', html
    )
    assert 'id="id_email_error"' in html
    assert 'id="id_name_helptext"' in html
    assert "utrecht-textbox--invalid" in html
    assert "csrfmiddlewaretoken" in html

"""The public face in a real browser: every page type audited with axe-core, the
quick exit, keyboard-only use of navigation and search, screenshots."""

import re

import pytest
from django.conf import settings
from playwright.sync_api import expect

from tests.e2e.conftest import axe_violations, log_in_by_cookie, screenshot

pytestmark = pytest.mark.django_db(transaction=True)

NEUTRAL_START = "https://neutral.example/start"
HELP_PAGES = [
    "/hulp/ik-maak-geweld-mee/",
    "/hulp/ik-gebruik-geweld/",
    "/hulp/niet-pluis-gevoel/",
    "/hulp/professionals/",
]
VISITOR_PAGES = [
    "/",
    "/hulp/",
    *HELP_PAGES,
    "/privacy/",
    "/zoeken/",
    "/zoeken/?q=anoniem",
    "/zoeken/?q=xyzzy",
    "/zoeken/?q=",
    "/en/hulp/ik-maak-geweld-mee/",
    "/en/zoeken/?q=anoniem",
    "/account/login/",
    "/account/signup/",
    "/nergens/",
]


@pytest.fixture
def public_site(help_index, privacy_statement):
    return help_index


@pytest.fixture
def neutral_web(page):
    """The outside world, served by the test: the quick exit's neutral site and a
    page the visitor came from (the browser tests never leave the machine)."""

    def fulfil(route):
        route.fulfill(status=200, content_type="text/html", body="<title>Elders</title>Elders")

    page.route(re.compile(r"^https://(www\.google\.nl|neutral\.example)/.*"), fulfil)
    return page


def focus_outline(page) -> tuple[str, str]:
    return page.evaluate(
        "() => { const s = getComputedStyle(document.activeElement);"
        " return [s.outlineStyle, s.outlineWidth]; }"
    )


def assert_visible_focus(page):
    style, width = focus_outline(page)
    assert style != "none"
    assert width != "0px"


def tab_to(page, name: str, limit: int = 40):
    """Press Tab until the focused element's accessible text is `name`."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        text = page.evaluate(
            "() => (document.activeElement.innerText || document.activeElement.value || "
            "document.activeElement.getAttribute('aria-label') || '').trim()"
        )
        if text == name:
            return page.locator(":focus")
    raise AssertionError(f"Tab never reached {name!r}")


# --- accessibility audit ----------------------------------------------------------


@pytest.mark.parametrize("path", VISITOR_PAGES)
def test_every_public_page_type_has_no_serious_accessibility_violations(
    audit_page, public_site, path
):
    audit_page.goto(path)

    assert axe_violations(audit_page) == []
    audit_page.set_viewport_size({"width": 375, "height": 800})
    assert axe_violations(audit_page) == []


@pytest.mark.parametrize(
    "path", ["/", "/zoeken/?q=geweld", "/hulp/professionals/", "/mijn/profiel/", "/mijn/gegevens/"]
)
def test_member_pages_have_no_serious_accessibility_violations(
    audit_page, public_site, member, live_server, path
):
    log_in_by_cookie(audit_page, member, live_server.url)
    audit_page.goto(path)

    expect(audit_page.get_by_role("button", name="Uitloggen")).to_be_visible()
    assert axe_violations(audit_page) == []


def test_english_pages_say_english_and_mark_dutch_content(page, public_site):
    page.goto("/en/hulp/ik-maak-geweld-mee/")

    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.locator("article")).to_have_attribute("lang", "nl")
    expect(page.get_by_role("link", name="Quick exit")).to_be_visible()


# --- quick exit ----------------------------------------------------------------------


def test_quick_exit_button_leaves_in_one_click_and_back_does_not_return(neutral_web, public_site):
    page = neutral_web
    page.goto(NEUTRAL_START)
    page.goto("/hulp/ik-maak-geweld-mee/")

    page.get_by_role("link", name="Snel weg").click()

    page.wait_for_url(settings.QUICK_EXIT_URL)
    page.go_back()
    assert page.url == NEUTRAL_START


def test_quick_exit_by_keyboard_tab_and_enter_with_visible_focus(neutral_web, public_site):
    page = neutral_web
    page.goto(NEUTRAL_START)
    page.goto("/")

    page.keyboard.press("Tab")  # the skip link comes first
    page.keyboard.press("Tab")
    expect(page.locator(":focus")).to_have_text("Snel weg")
    assert_visible_focus(page)
    page.keyboard.press("Enter")

    page.wait_for_url(settings.QUICK_EXIT_URL)
    page.go_back()
    assert page.url == NEUTRAL_START


def test_escape_twice_leaves_at_once_and_once_does_nothing(neutral_web, public_site):
    page = neutral_web
    page.goto(NEUTRAL_START)
    page.goto("/hulp/niet-pluis-gevoel/")

    page.keyboard.press("Escape")
    page.wait_for_timeout(1200)  # longer than the double-press window
    page.keyboard.press("Escape")
    assert page.url.endswith("/hulp/niet-pluis-gevoel/")

    page.keyboard.press("Escape")
    page.wait_for_url(settings.QUICK_EXIT_URL)
    page.go_back()
    assert page.url == NEUTRAL_START


def test_quick_exit_works_from_the_search_box_too(neutral_web, public_site):
    page = neutral_web
    page.goto("/")
    page.get_by_label("Zoek op de site").fill("iets")

    page.keyboard.press("Escape")
    page.keyboard.press("Escape")

    page.wait_for_url(settings.QUICK_EXIT_URL)


# --- keyboard: navigation and search ------------------------------------------------


def test_main_navigation_by_keyboard(page, public_site):
    page.goto("/")

    tab_to(page, "Hulp en advies")
    assert_visible_focus(page)
    page.keyboard.press("Enter")

    page.wait_for_url(re.compile(r"/hulp/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Hulp en advies")
    link = tab_to(page, "Ik gebruik zelf geweld")
    assert_visible_focus(page)
    link.press("Enter")
    page.wait_for_url(re.compile(r"/hulp/ik-gebruik-geweld/$"))
    breadcrumbs = page.get_by_role("navigation", name="Kruimelpad")
    expect(breadcrumbs.get_by_role("link", name="Hulp en advies")).to_be_visible()


def test_search_by_keyboard_from_the_header_to_a_result(page, public_site):
    page.goto("/")

    for _ in range(10):
        page.keyboard.press("Tab")
        if page.evaluate("() => document.activeElement.id") == "site-search-q":
            break
    expect(page.get_by_label("Zoek op de site")).to_be_focused()
    assert_visible_focus(page)
    page.keyboard.type("anoniem")
    page.keyboard.press("Enter")

    page.wait_for_url(re.compile(r"/zoeken/\?q=anoniem"))
    expect(page.get_by_role("heading", name=re.compile(r"resultaten voor"))).to_be_visible()
    expect(page.get_by_role("heading", name=re.compile(r"^Hulp en advies"))).to_be_visible()
    result = tab_to(page, "Ik maak geweld mee")
    assert_visible_focus(page)
    result.press("Enter")
    page.wait_for_url(re.compile(r"/hulp/ik-maak-geweld-mee/$"))


def test_search_error_summary_takes_the_focus_and_links_to_the_field(page, public_site):
    page.goto("/zoeken/")
    page.get_by_label("Waar zoek je naar?").focus()
    page.keyboard.press("Enter")

    summary = page.locator("[data-error-summary]")
    expect(summary).to_be_focused()
    expect(summary).to_contain_text("Vul in waar je naar zoekt.")
    page.keyboard.press("Tab")
    assert_visible_focus(page)
    page.keyboard.press("Enter")
    expect(page.get_by_label("Waar zoek je naar?")).to_be_focused()
    expect(page.get_by_label("Waar zoek je naar?")).to_have_attribute("aria-invalid", "true")


# --- screenshots -----------------------------------------------------------------------


def test_screenshots_of_the_home_page_and_a_help_page(page, public_site):
    for path, name in [("/", "home-page"), ("/hulp/ik-maak-geweld-mee/", "help-page")]:
        page.set_viewport_size({"width": 1280, "height": 900})
        page.goto(path)
        assert screenshot(page, f"{name}-desktop").stat().st_size > 0
        page.set_viewport_size({"width": 375, "height": 800})
        assert screenshot(page, f"{name}-375").stat().st_size > 0

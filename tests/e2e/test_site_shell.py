"""The site shell in a real browser: keyboard, languages, accessibility, live socket."""

import re

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import axe_violations, screenshot

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.mark.parametrize("path", ["/", "/en/", "/account/login/", "/account/signup/", "/nergens/"])
def test_pages_have_no_serious_accessibility_violations(audit_page, home_page, path):
    audit_page.goto(path)

    assert axe_violations(audit_page) == []
    audit_page.set_viewport_size({"width": 375, "height": 800})
    assert axe_violations(audit_page) == []


def test_skip_link_is_the_first_stop_and_lands_on_the_content(page, home_page):
    page.goto("/")

    page.keyboard.press("Tab")
    skip = page.locator(":focus")
    expect(skip).to_have_text("Naar de inhoud")
    expect(skip).to_be_visible()
    page.keyboard.press("Enter")

    assert page.url.endswith("#inhoud")
    expect(page.locator("main#inhoud")).to_be_focused()


def test_language_switcher_gives_the_english_page(page, home_page):
    page.goto("/")

    page.get_by_role("link", name="English").click()

    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.get_by_role("heading", name="Need help?")).to_be_visible()
    assert re.search(r"/en/$", page.url)


def test_screenshots_of_the_home_page(page, home_page):
    page.goto("/")
    assert screenshot(page, "home-desktop").stat().st_size > 0
    page.set_viewport_size({"width": 375, "height": 800})
    assert screenshot(page, "home-375").stat().st_size > 0


def test_scripts_run_under_the_nonce_policy(page, home_page):
    errors = []
    page.on("console", lambda message: message.type == "error" and errors.append(message.text))
    page.goto("/")

    # site.js ran (a visitor's page: from 'self', without a nonce, as the page
    # cache serves it); nothing was blocked by the CSP.
    expect(page.locator("html")).to_have_class(re.compile(r"\bjs\b"))
    assert errors == []


def test_a_member_logs_in_with_e_mail_and_password(page, member):
    page.goto("/account/login/")
    page.get_by_label("E-mail").fill(member.email)
    page.locator("#id_password").fill("correct-horse-battery")
    page.get_by_role("button", name="Inloggen").click()
    page.wait_for_url(re.compile(r"/$"))

    expect(page.get_by_role("button", name="Uitloggen")).to_be_visible()
    assert {cookie["name"] for cookie in page.context.cookies()} == {"sessionid", "csrftoken"}

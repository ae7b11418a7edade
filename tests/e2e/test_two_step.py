"""Two-step verification in a real browser, at 1280 and 375 px: the whole secret of
32 characters on screen, the recovery codes as a list, a recovery code as a way in
at login, and "Annuleren" that does not look like the main action."""

from __future__ import annotations

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from tests.e2e.conftest import axe_violations, log_in, screenshot
from tests.members.factories import PASSWORD, totp_code

pytestmark = pytest.mark.django_db(transaction=True)

WIDTHS = [1280, 375]


def assert_wholly_shown(page, locator) -> None:
    """Inside the viewport's width and not cut off by its own box."""
    box = locator.bounding_box()
    assert box is not None
    assert box["x"] >= 0
    assert box["x"] + box["width"] <= page.viewport_size["width"]
    clipped = locator.evaluate("el => el.scrollWidth > el.clientWidth + 1")
    assert not clipped


def open_set_up(page) -> None:
    page.goto(reverse("mfa_activate_totp"))
    if "reauthenticate" in page.url:
        page.fill("input[name=password]", PASSWORD)
        page.locator("main form button[type=submit]").first.click()
        page.wait_for_url(f"**{reverse('mfa_activate_totp')}")


@pytest.mark.parametrize("width", WIDTHS)
def test_two_step_set_up_recovery_codes_and_login_look_designed(
    live_contexts, member, home_page, width
):
    context = live_contexts(viewport={"width": width, "height": 800})
    page = log_in(context, member)

    # The set-up: the secret in full, on one screen width, no cut-off box.
    open_set_up(page)
    secret = page.locator("#authenticator_secret")
    expect(secret).to_be_visible()
    text = secret.inner_text().strip()
    assert len(text) == 32, text
    assert_wholly_shown(page, secret)
    assert page.evaluate("() => document.documentElement.scrollWidth") <= width
    screenshot(page, f"two-step-set-up-{width}")

    page.fill("input[name=code]", totp_code(text))
    page.get_by_role("button", name="Activeren").click()
    expect(page.locator("input[name=code]")).to_have_count(0)

    # The recovery codes: a list of codes, each visible, not a text box.
    page.goto(reverse("mfa_view_recovery_codes"))
    codes = page.locator("#recovery_codes li code")
    expect(codes).to_have_count(10)
    expect(page.locator("main textarea")).to_have_count(0)
    for index in range(10):
        expect(codes.nth(index)).to_be_visible()
        assert_wholly_shown(page, codes.nth(index))
    recovery_code = codes.first.inner_text().strip()
    screenshot(page, f"two-step-recovery-codes-{width}")

    # Log out, and in again: the code step offers a recovery code, and "Annuleren"
    # is not dressed as the main action.
    context.clear_cookies()
    login = context.new_page()
    login.goto(reverse("account_login"))
    login.fill("input[name=login]", member.email)
    login.fill("input[name=password]", PASSWORD)
    login.locator("main form button[type=submit]").first.click()
    login.wait_for_url(f"**{reverse('mfa_authenticate')}")
    submit = login.locator("main button[type=submit]:not([form])")
    cancel = login.get_by_role("button", name="Annuleren")
    expect(cancel).to_be_visible()

    def background(locator) -> str:
        return locator.evaluate("el => getComputedStyle(el).backgroundColor")

    assert background(cancel) != background(submit)
    assert "primary-action" not in (cancel.get_attribute("class") or "")
    option = login.get_by_text("Telefoon niet bij de hand? Gebruik een herstelcode")
    expect(option).to_be_visible()
    option.click()
    expect(login.get_by_text("Elke herstelcode werkt één keer")).to_be_visible()
    screenshot(login, f"two-step-login-{width}")

    login.fill("input[name=code]", recovery_code)
    submit.click()
    expect(login.get_by_role("button", name="Uitloggen", include_hidden=True)).to_be_attached()


def test_the_two_step_pages_have_no_serious_accessibility_violations(
    browser, live_server, member, home_page
):
    context = browser.new_context(base_url=live_server.url, bypass_csp=True, locale="nl-NL")
    try:
        page = log_in(context, member)
        open_set_up(page)
        expect(page.locator("#authenticator_secret")).to_be_visible()
        assert axe_violations(page) == []
    finally:
        context.close()

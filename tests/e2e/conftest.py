"""Browser tests: Debian's chromium driven by Playwright, never a downloaded browser."""

from __future__ import annotations

import os
import shutil
import time
from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse
from playwright.sync_api import expect

from leerwerkplaats.settings.environment import BASE_DIR
from tests.members.factories import PASSWORD, totp_code

# Playwright's sync API runs an event loop in the test's thread, while the test
# also prepares rows through the ORM; the live server answers from its own thread.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

# Playwright's expect() waits 5 s by default, less than the 15 s the contexts give
# actions: on a loaded two-core CI machine a login with TOTP took longer and failed
# a browser test now and then. One patience for both.
expect.set_options(timeout=15_000)

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
AXE = BASE_DIR / "node_modules" / "axe-core" / "axe.min.js"
SCREENSHOTS = BASE_DIR / "test-artifacts" / "screenshots"
# Without these flags Chromium tries to reach Google's hosts at every start.
CHROMIUM_ARGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
]


def pytest_collection_modifyitems(items):
    for item in items:
        if Path(item.fspath).is_relative_to(Path(__file__).parent):
            item.add_marker(pytest.mark.e2e)


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        message = "Debian's chromium is not installed (make test installs it as root)"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser, live_server):
    context = browser.new_context(base_url=live_server.url, locale="nl-NL")
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()


@pytest.fixture
def audit_page(browser, live_server):
    """A page for axe-core: injecting the audit script needs the CSP bypassed."""
    context = browser.new_context(base_url=live_server.url, bypass_csp=True)
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()


@pytest.fixture(scope="session")
def warm_privacy_detector():
    """The embedded detector loads its models on first use (many seconds on a
    busy machine): load them once, before any expectation's clock runs. Used by
    the browser tests whose pages scan text (`pytest.mark.usefixtures`)."""
    import privacy

    privacy.scan_text("Ik sprak met Jan.")


@pytest.fixture
def asgi_server(db, home_page):
    """The project's ASGI application (HTTP and WebSocket) under uvicorn, for pages
    that use the live forum (tests/e2e/asgi_server.py)."""
    from tests.e2e.asgi_server import AsgiLiveServer

    server = AsgiLiveServer()
    server.start()
    yield server
    server.stop()


@pytest.fixture
def open_contexts(browser):
    """Opens browser contexts (one per person in a test) on a server's address,
    with the 15 s patience of this suite; closes them all afterwards."""
    opened = []

    def open_context(base_url: str, **options):
        context = browser.new_context(base_url=base_url, locale="nl-NL", **options)
        context.set_default_timeout(15_000)
        opened.append(context)
        return context

    yield open_context
    for context in opened:
        context.close()


@pytest.fixture
def asgi_contexts(open_contexts, asgi_server):
    """`asgi_contexts(**options)`: a new context on the ASGI server."""
    return lambda **options: open_contexts(asgi_server.url, **options)


@pytest.fixture
def live_contexts(open_contexts, live_server):
    """`live_contexts(**options)`: a new context on Django's live server (no sockets)."""
    return lambda **options: open_contexts(live_server.url, **options)


def log_in(context, who, *, password: str = PASSWORD, secret: str | None = None):
    """Log in through the login form in a new page of `context`; `who` is a user or
    an e-mail address; `secret` answers the TOTP step. Returns the page."""
    page = context.new_page()
    page.goto(reverse("account_login"))
    page.fill("input[name=login]", getattr(who, "email", who))
    page.fill("input[name=password]", password)
    page.get_by_role("button", name="Inloggen").click()
    logout = page.get_by_role("button", name="Uitloggen", include_hidden=True)
    if secret is not None:
        answer_totp(page, secret)
    # On a phone the logout button sits in the folded menu: present, not necessarily visible.
    expect(logout).to_be_attached()
    return page


def answer_totp(page, secret: str) -> None:
    """Answer the two-step page with the code of `secret`. A code typed in the last
    seconds of its 30-second window can reach a loaded server in the next one: type
    a fresh window's code, and once more if the server still refused it."""
    page.wait_for_url(f"**{reverse('mfa_authenticate')}")
    refused = page.locator("input[name=code][aria-invalid=true]")
    for _attempt in range(3):
        _wait_for_a_fresh_totp_window()
        page.fill("input[name=code]", totp_code(secret))
        with page.expect_navigation():
            page.locator("input[name=code]").press("Enter")
        if not refused.count():
            break
        time.sleep(30 - time.time() % 30 + 0.5)


def _wait_for_a_fresh_totp_window(margin: float = 10.0) -> None:
    remaining = 30 - time.time() % 30
    if remaining < margin:
        time.sleep(remaining + 0.5)


def log_in_by_cookie(page, user, base_url: str) -> None:
    """Log `user` in without the login form: a session made by Django's test client,
    its cookie handed to `page`'s context (for tests about something else)."""
    client = Client()
    client.force_login(user)
    page.context.add_cookies(
        [
            {
                "name": settings.SESSION_COOKIE_NAME,
                "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                "url": base_url,
            }
        ]
    )


def axe_violations(page, impacts=("serious", "critical")) -> list[dict]:
    page.add_script_tag(path=str(AXE))
    result = page.evaluate(
        "async () => await axe.run(document, {runOnly: ['wcag2a', 'wcag2aa', 'wcag21a', "
        "'wcag21aa', 'best-practice']})"
    )
    return [
        {"id": v["id"], "impact": v["impact"], "nodes": [n["target"] for n in v["nodes"]]}
        for v in result["violations"]
        if v["impact"] in impacts
    ]


def screenshot(page, name: str) -> Path:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path

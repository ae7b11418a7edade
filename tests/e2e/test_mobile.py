"""The site on a phone (375 px) in a real browser: nothing wider than the screen,
the page title on the first screen, a menu that folds and opens by keyboard, 44 px
targets for phone links, a call button on the help pages; and on a wide screen a
short page keeps the quick-exit bar one row high."""

from __future__ import annotations

import re
from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse
from playwright.sync_api import expect

from courses.models import CoursePage, LessonPage
from leerwerkplaats.demo import DEMO_PASSWORD
from tests.e2e.conftest import answer_totp, axe_violations, screenshot
from tests.members.factories import give_totp

pytestmark = pytest.mark.django_db(transaction=True)

PHONE = {"width": 375, "height": 667}
VISITOR_PAGES = [
    "/",
    "/hulp/",
    "/hulp/ik-maak-geweld-mee/",
    "/hulp/professionals/",
    "/hulp/lokale-teams/",
    "/zoeken/?q=mishandeling",
    "/cursussen/",
    "/cursussen/meldcode-in-vijf-stappen/",
    "/verhalen/",
    "/privacy/",
    "/account/login/",
    "/account/signup/",
    "/account/password/reset/",
    "/en/",
    "/en/hulp/lokale-teams/",
    "/nergens/",
]
MEMBER_PAGES = [
    "/mijn/leerdossier/",
    "/mijn/profiel/",
    "/forum/",
    "/casussen/",
    "/zoeken/?q=meldcode",
    "/account/2fa/",
    "/account/email/",
]


@pytest.fixture
def demo(db):
    call_command("seed_demo", stdout=StringIO())


@pytest.fixture
def phone(browser, live_server):
    context = browser.new_context(base_url=live_server.url, locale="nl-NL", viewport=PHONE)
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()


def log_in(page, email, *, secret: str | None = None):
    page.goto(reverse("account_login"))
    page.fill("input[name=login]", email)
    page.fill("input[name=password]", DEMO_PASSWORD)
    page.locator("main form button[type=submit]").first.click()
    if secret is not None:
        answer_totp(page, secret)
    # The log-out button sits in the folded menu: attached, not yet visible.
    expect(page.locator("form[action$='/logout/'] button")).to_be_attached()


def overflow(page) -> int:
    return page.evaluate("() => document.documentElement.scrollWidth")


def title_bottom(page) -> float:
    box = page.locator("h1").first.bounding_box()
    assert box is not None
    return box["y"] + box["height"]


def assert_fits_a_phone(page, path: str) -> None:
    response = page.goto(path)
    assert response is not None
    assert overflow(page) <= PHONE["width"], f"{path} is {overflow(page)} px wide"
    assert title_bottom(page) <= PHONE["height"], f"the title of {path} is below the first screen"


def test_no_visitor_page_is_wider_than_a_phone_and_each_title_is_on_the_first_screen(phone, demo):
    for path in VISITOR_PAGES:
        assert_fits_a_phone(phone, path)
    phone.goto("/hulp/ik-maak-geweld-mee/")
    assert screenshot(phone, "help-page-375").stat().st_size > 0
    phone.goto("/hulp/lokale-teams/")
    assert screenshot(phone, "local-teams-375").stat().st_size > 0


def test_no_member_page_is_wider_than_a_phone(phone, demo):
    log_in(phone, "professional@demo.hg-leerwerkplaats.nl")
    course = CoursePage.objects.get(slug="meldcode-in-vijf-stappen")
    lesson = LessonPage.objects.child_of(course).live().order_by("path").first()
    for path in [*MEMBER_PAGES, lesson.url]:
        assert_fits_a_phone(phone, path)
    phone.goto("/mijn/leerdossier/")
    assert screenshot(phone, "learning-record-375").stat().st_size > 0


def test_the_reports_fit_a_phone(phone, demo):
    from django.contrib.auth import get_user_model

    coordinator = get_user_model().objects.get(email="coordinator@demo.hg-leerwerkplaats.nl")
    secret = give_totp(coordinator)
    log_in(phone, coordinator.email, secret=secret)

    assert_fits_a_phone(phone, reverse("courses:reports"))
    # No table scrolls sideways inside its box either: each row is a card.
    scrolled = phone.evaluate(
        "() => [...document.querySelectorAll('main .utrecht-table-container')]"
        ".filter(box => box.scrollWidth > box.clientWidth + 1).length"
    )
    assert scrolled == 0
    assert screenshot(phone, "reports-375").stat().st_size > 0


def test_the_menu_folds_on_a_phone_and_opens_by_keyboard(phone, demo):
    phone.goto("/")
    courses_link = phone.locator(".site-nav").get_by_role("link", name="Cursussen")
    expect(courses_link).to_be_hidden()
    assert screenshot(phone, "header-375").stat().st_size > 0

    toggle = phone.locator("summary.site-menu__toggle")
    toggle.focus()
    phone.keyboard.press("Enter")
    expect(courses_link).to_be_visible()
    assert overflow(phone) <= PHONE["width"]
    assert screenshot(phone, "menu-open-375").stat().st_size > 0
    phone.keyboard.press("Enter")
    expect(courses_link).to_be_hidden()


def test_the_menu_folds_without_javascript_too(browser, live_server, demo):
    context = browser.new_context(
        base_url=live_server.url, locale="nl-NL", viewport=PHONE, java_script_enabled=False
    )
    page = context.new_page()
    page.goto("/")
    link = page.locator(".site-nav").get_by_role("link", name="Cursussen")
    expect(link).to_be_hidden()
    page.locator("summary.site-menu__toggle").click()
    expect(link).to_be_visible()
    # On a wide screen the menu is open, with or without JavaScript.
    page.set_viewport_size({"width": 1280, "height": 800})
    page.goto("/")
    expect(page.locator("summary.site-menu__toggle")).to_be_hidden()
    expect(link).to_be_visible()
    context.close()


def test_phone_links_are_44_px_targets_and_help_pages_start_with_a_call_button(phone, demo):
    phone.goto("/hulp/ik-maak-geweld-mee/")
    call = phone.get_by_role("link", name=re.compile(r"Bel Veilig Thuis: 0800-2000"))
    expect(call).to_have_attribute("href", "tel:08002000")
    box = call.bounding_box()
    assert box is not None
    assert box["y"] + box["height"] <= PHONE["height"]
    phone_links = phone.locator("a[href^='tel:']")
    assert phone_links.count() >= 3
    for index in range(phone_links.count()):
        link = phone_links.nth(index)
        link.scroll_into_view_if_needed()
        box = link.bounding_box()
        assert box is not None
        assert box["height"] >= 44, link.inner_text()
        assert box["width"] >= 44, link.inner_text()


def test_a_short_page_keeps_the_quick_exit_bar_one_row_high(page, demo):
    page.set_viewport_size({"width": 1280, "height": 1000})
    for path in ["/account/login/", "/nergens/", "/account/password/reset/"]:
        page.goto(path)
        bar = page.locator(".site-quick-exit").bounding_box()
        assert bar is not None
        assert bar["height"] < 80, f"{path}: the quick-exit bar is {bar['height']} px high"
        footer = page.locator("footer").bounding_box()
        assert footer is not None
        # ...and the footer still ends the screen.
        assert footer["y"] + footer["height"] >= 1000 - 1


def test_links_on_the_login_and_sign_up_pages_are_styled_like_the_site(page, demo):
    for path in ["/account/login/", "/account/signup/"]:
        page.goto(path)
        links = page.locator("main a")
        assert links.count() >= 1
        for index in range(links.count()):
            color = links.nth(index).evaluate("a => getComputedStyle(a).color")
            assert color not in {"rgb(0, 0, 238)", "rgb(85, 26, 139)"}, (path, color)


def test_the_phone_pages_have_no_serious_accessibility_violations(audit_page, demo):
    audit_page.set_viewport_size(PHONE)
    for path in ["/", "/hulp/lokale-teams/", "/hulp/ik-maak-geweld-mee/"]:
        audit_page.goto(path)
        assert axe_violations(audit_page) == [], path
    audit_page.locator("summary.site-menu__toggle").click()
    assert axe_violations(audit_page) == []


MENU_ROWS = """() => {
  const items = [...document.querySelectorAll('.site-nav .utrecht-nav-list > li')];
  const first = items[0].getBoundingClientRect();
  const middle = r => r.top + r.height / 2;
  return {
    count: items.length,
    offRow: items.filter(li => {
      const m = middle(li.getBoundingClientRect());
      return m < first.top || m > first.bottom;
    }).map(li => li.innerText.trim()),
    listOverflows: (() => { const ul = document.querySelector('.site-nav .utrecht-nav-list');
      return ul.scrollWidth > ul.clientWidth + 1; })(),
  };
}"""


@pytest.mark.parametrize("language", ["nl", "en"])
def test_the_coordinators_menu_is_one_row_at_1280_and_folds_to_44_px_targets_at_375(
    browser, live_server, demo, language
):
    """The longest menu (a coordinator's eleven items, English labels the longest)
    fits one row on a laptop; on a phone it folds, and each item is a 44 px target."""
    from django.contrib.auth import get_user_model

    coordinator = get_user_model().objects.get(email="coordinator@demo.hg-leerwerkplaats.nl")
    secret = give_totp(coordinator)
    context = browser.new_context(
        base_url=live_server.url, locale="nl-NL", viewport={"width": 1280, "height": 800}
    )
    page = context.new_page()
    page.set_default_timeout(15_000)
    log_in(page, coordinator.email, secret=secret)
    home = "/" if language == "nl" else "/en/"
    page.goto(home)
    expect(page.locator("html")).to_have_attribute("lang", language)

    rows = page.evaluate(MENU_ROWS)
    assert rows["count"] == 11, rows
    assert rows["offRow"] == [], rows
    assert not rows["listOverflows"]
    assert overflow(page) <= 1280
    screenshot(page, f"header-coordinator-1280-{language}")

    page.set_viewport_size(PHONE)
    page.goto(home)
    assert overflow(page) <= PHONE["width"]
    page.locator("summary.site-menu__toggle").click()
    targets = page.locator(".site-nav .utrecht-nav-list__link, .site-nav__form button")
    assert targets.count() == 11
    for index in range(targets.count()):
        box = targets.nth(index).bounding_box()
        assert box is not None
        assert box["height"] >= 44 and box["width"] >= 44, targets.nth(index).inner_text()
    assert overflow(page) <= PHONE["width"]
    screenshot(page, f"menu-coordinator-375-{language}")
    context.close()


def test_a_phone_number_in_a_sentence_is_a_44_px_target_without_a_gap_or_a_taller_line(phone, demo):
    """ "Bel 112." : the link's target grows, the sentence does not: the full stop
    follows the number and the line is as high as its neighbours."""
    phone.goto("/hulp/ik-maak-geweld-mee/")
    link = phone.locator("main .utrecht-alert a[href='tel:112']").first
    link.scroll_into_view_if_needed()
    box = link.bounding_box()
    assert box is not None
    assert box["height"] >= 44 and box["width"] >= 44
    gap = link.evaluate(
        """a => {
        const style = getComputedStyle(a);
        const textEnd = a.getBoundingClientRect().right - parseFloat(style.paddingRight);
        const range = document.createRange();
        range.setStart(a.nextSibling, 0);
        range.setEnd(a.nextSibling, 1);
        return range.getBoundingClientRect().left - textEnd;
    }"""
    )
    assert gap < 2, f"{gap} px between 112 and its full stop"
    line = phone.evaluate(
        """() => {
        const p = document.querySelector('main .utrecht-alert a[href="tel:112"]').closest('p');
        return p.getBoundingClientRect().height / parseFloat(getComputedStyle(p).lineHeight);
    }"""
    )
    assert abs(line - round(line)) < 0.1, f"the sentence's lines are uneven ({line})"


SMALL_TARGETS = """() => [...document.querySelectorAll(
    'a[href], button, summary, select, input:not([type=hidden], [type=checkbox], [type=radio])'
  )]
  // Links inside running text are exempt (WCAG 2.5.5's inline exception); a
  // checkbox's target is its label.
  .filter(el => el.offsetParent && !el.closest('p, dd, .utrecht-rich-text'))
  .map(el => { const r = el.getBoundingClientRect();
    return {text: (el.innerText || el.value || '').trim().slice(0, 40),
            width: Math.round(r.width), height: Math.round(r.height)}; })
  .filter(t => t.width < 44 || t.height < 44)"""


def small_targets(page, paths) -> dict[str, list]:
    found = {}
    for path in paths:
        page.goto(path)
        page.locator("summary.site-menu__toggle").click()
        targets = page.evaluate(SMALL_TARGETS)
        if targets:
            found[path] = targets
    return found


def test_every_target_outside_running_text_is_44_px_on_a_phone(phone, demo):
    visitor = [p for p in VISITOR_PAGES if not p.startswith("/en/")]
    assert small_targets(phone, visitor) == {}
    log_in(phone, "professional@demo.hg-leerwerkplaats.nl")
    assert (
        small_targets(phone, [*MEMBER_PAGES, "/", "/intervisie/", "/forum/zoeken/?q=meldcode"])
        == {}
    )


@pytest.mark.parametrize("language", ["nl", "en"])
def test_the_bell_sits_in_the_compact_header_row_on_a_phone(phone, demo, language):
    """A member's header on a phone: the notification bell in the row of the logo
    (not a row of its own), a 44 px target, nothing wider than the screen."""
    log_in(phone, "professional@demo.hg-leerwerkplaats.nl")
    phone.goto("/" if language == "nl" else "/en/")
    bell = phone.locator(".site-header__bell")
    expect(bell).to_be_visible()
    logo = phone.locator(".site-header__logo").bounding_box()
    box = bell.bounding_box()
    assert logo is not None and box is not None
    middle = box["y"] + box["height"] / 2
    assert logo["y"] <= middle <= logo["y"] + logo["height"], (logo, box)
    assert box["height"] >= 44 and box["width"] >= 44, box
    assert box["x"] + box["width"] <= PHONE["width"]
    assert overflow(phone) <= PHONE["width"]
    # Its name is still there for a screen reader.
    expect(phone.get_by_role("link", name=re.compile("Meldingen|Notifications"))).to_be_visible()
    screenshot(phone, f"header-member-375-{language}")


def test_a_lesson_on_a_phone_has_one_way_back_and_one_position_line(phone, demo):
    """Above a lesson's title on a phone: the breadcrumb back to the course once,
    then "Les n van m" once; not the course named twice, nor two navigations with
    the same name."""
    log_in(phone, "professional@demo.hg-leerwerkplaats.nl")
    course = CoursePage.objects.get(slug="meldcode-in-vijf-stappen")
    lessons = list(LessonPage.objects.child_of(course).live().order_by("path"))
    phone.goto(lessons[1].url)
    title = phone.locator("h1").first
    expect(title).to_have_text(lessons[1].title)
    above = phone.evaluate(
        """(course) => {
            const h1 = document.querySelector('main h1, h1');
            const top = h1.getBoundingClientRect().top;
            const visible = (el) => {
                const box = el.getBoundingClientRect();
                return box.width > 0 && box.height > 0 && box.bottom <= top + 1
                    && getComputedStyle(el).visibility !== 'hidden';
            };
            const links = [...document.querySelectorAll('a')].filter(visible);
            return {
                toCourse: links.filter((a) => a.textContent.trim().includes(course)).length,
                text: [...document.querySelectorAll('.site-breadcrumbs, main p')]
                    .filter(visible).map((el) => el.innerText.trim()),
            };
        }""",
        course.title,
    )
    assert above["toCourse"] == 1, above
    position = f"les 2 van {len(lessons)}"
    assert sum(position in text.lower() for text in above["text"]) == 1, above
    expect(phone.get_by_role("navigation", name="Kruimelpad")).to_have_count(1)
    assert overflow(phone) <= PHONE["width"]
    assert title_bottom(phone) <= PHONE["height"]
    screenshot(phone, "lesson-top-375")

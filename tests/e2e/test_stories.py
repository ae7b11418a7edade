"""Stories in a real browser (issue 13): the demo ervaringsdeskundige writes a
story past the privacy check, the demo moderator (with MFA) asks for a change
and then publishes it, a visitor reads it behind its content warning, and the
author withdraws it again; axe-core audits the editor, the lists and a story.

Every step goes through the pages as people use them; waits are Playwright's
auto-waiting expectations."""

from __future__ import annotations

import re
import time
from importlib import import_module
from io import StringIO

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.urls import reverse
from playwright.sync_api import expect

from leerwerkplaats.demo import DEMO_PASSWORD
from members.middleware import SESSION_SEEN_AT
from stories.models import StoryPage
from tests.e2e import conftest as e2e
from tests.e2e.conftest import axe_violations, screenshot
from tests.members.factories import give_totp

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("warm_privacy_detector"),
]

AUTHOR_EMAIL = "ervaring@demo.hg-leerwerkplaats.nl"
MODERATOR_EMAIL = "moderator@demo.hg-leerwerkplaats.nl"
TITLE = "Wat de buurvrouw zag"
NAME_LINE = "Mijn buurvrouw Karin de Vries zag het ook en vroeg of het goed ging."
PHONE_LINE = " Bel haar op 06-12345678 als je wilt."
REST = "\n\nLater werd het erger, tot ik hulp vroeg bij het wijkteam."
COMMENT = "Wil je de laatste alinea iets uitbreiden? Wat hielp je toen?"
ADDED = "\n\nWat hielp: iemand die bleef vragen hoe het echt ging."


@pytest.fixture
def demo(db):
    call_command("seed_demo", stdout=StringIO())


@pytest.fixture
def contexts(live_contexts):
    return live_contexts


def log_in(context, email: str, *, secret: str | None = None):
    """The demo accounts' password, through the suite's login (tests/e2e/conftest.py)."""
    return e2e.log_in(context, email, password=DEMO_PASSWORD, secret=secret)


def submit(page) -> None:
    page.get_by_role("button", name="Indienen bij de moderatoren").click()


def test_a_story_from_writing_through_moderation_to_reading_and_withdrawal(demo, contexts):
    moderator_secret = give_totp(get_user_model().objects.get(email=MODERATOR_EMAIL))
    author = log_in(contexts(), AUTHOR_EMAIL)
    errors: list[str] = []
    author.on("response", lambda r: r.status >= 500 and errors.append(f"{r.status} {r.url}"))

    # (1) Writing: the phone number blocks, the text stays in the form.
    author.goto(reverse("stories:write"))
    author.get_by_label("Titel").fill(TITLE)
    author.get_by_label("Korte samenvatting").fill("Over de buurvrouw die het zag.")
    text = author.locator("textarea[name='deel-0-text']")
    text.fill(NAME_LINE + PHONE_LINE + REST)
    author.get_by_label("Inhoudswaarschuwing").select_option("psychisch")
    author.get_by_label("Iedereen").check()
    submit(author)
    expect(author.get_by_text("gegevens die iemand direct herkenbaar maken").first).to_be_visible()
    expect(author.locator("mark", has_text="06-12345678")).to_be_visible()
    expect(author.locator("textarea[name='deel-0-text']")).to_have_value(
        NAME_LINE + PHONE_LINE + REST
    )

    # Without the number, the third party's name is shown with its placeholder.
    author.locator("textarea[name='deel-0-text']").fill(NAME_LINE + REST)
    submit(author)
    replace = author.get_by_label("„Karin de Vries” vervangen door [NAAM-1]")
    expect(replace).to_be_checked()
    submit(author)
    expect(author).to_have_url(re.compile(f"{reverse('stories:mine')}$"))
    expect(author.get_by_text("Je verhaal is ingediend.")).to_be_visible()
    card = author.locator(".story-card", has_text=TITLE)
    expect(card).to_be_visible()

    # (2) The moderator, with MFA, asks for a change; the draft shows the placeholder.
    moderator = log_in(contexts(), MODERATOR_EMAIL, secret=moderator_secret)
    moderator.goto(reverse("stories:moderation"))
    moderator.get_by_role("link", name=TITLE).click()
    expect(moderator.locator("article.story")).to_contain_text(
        "Mijn buurvrouw [NAAM-1] zag het ook"
    )
    expect(moderator.locator("article.story")).not_to_contain_text("Karin de Vries")
    moderator.get_by_label("Bericht aan de schrijver").fill(COMMENT)
    moderator.get_by_role("button", name="Vraag om een wijziging").click()
    expect(moderator.get_by_text("De schrijver krijgt je vraag om een wijziging.")).to_be_visible()

    # The author sees the comment in "Mijn verhalen", edits and resubmits.
    author.goto(reverse("stories:mine"))
    expect(card).to_contain_text(COMMENT)
    card.get_by_role("link", name="Bewerken").click()
    expect(author.get_by_text(COMMENT)).to_be_visible()
    body = author.locator("textarea[name='deel-0-text']")
    expect(body).to_have_value(NAME_LINE.replace("Karin de Vries", "[NAAM-1]") + REST)
    body.fill(body.input_value() + ADDED)
    submit(author)
    expect(author).to_have_url(re.compile(f"{reverse('stories:mine')}$"))
    expect(author.get_by_text("Je verhaal is ingediend.")).to_be_visible()

    # The moderator publishes.
    moderator.goto(reverse("stories:moderation"))
    moderator.get_by_role("link", name=TITLE).click()
    expect(moderator.locator("article.story")).to_contain_text("iemand die bleef vragen")
    moderator.get_by_role("button", name="Publiceren").click()
    expect(moderator.get_by_text("Het verhaal is gepubliceerd.")).to_be_visible()

    # (3) A visitor, without JavaScript: the content warning first, the story
    # behind "Verder lezen" (a link the server answers, no script needed).
    story = StoryPage.objects.get(title=TITLE)
    visitor = contexts(java_script_enabled=False).new_page()
    response = visitor.goto(story.url)
    assert response is not None and response.status == 200
    expect(visitor.get_by_role("heading", name="Inhoudswaarschuwing")).to_be_visible()
    expect(visitor.get_by_text("Psychisch geweld en bedreiging")).to_be_visible()
    expect(visitor.locator("#verhaal")).to_have_count(0)
    expect(visitor.get_by_text("iemand die bleef vragen")).to_have_count(0)
    visitor.get_by_role("link", name="Verder lezen").click()
    expect(visitor.locator("#verhaal")).to_contain_text("Mijn buurvrouw [NAAM-1] zag het ook")
    expect(visitor.locator("#verhaal")).to_contain_text("iemand die bleef vragen")
    expect(visitor.locator("#verhaal")).not_to_contain_text("Karin de Vries")

    # (4) The author withdraws it: the visitor gets a 404 at once.
    author.goto(reverse("stories:mine"))
    card.get_by_role("button", name="Intrekken: direct offline halen").click()
    expect(author.get_by_text("Je verhaal staat niet meer online.")).to_be_visible()
    for url in (story.url, story.url + "?lezen=1"):
        response = visitor.goto(url)
        assert response is not None and response.status == 404, url
    assert errors == []


PEN_NAME = "Eva vertelt"
PEN_WARNING = (
    "Lijkt dit op je echte naam? Kies dan liever een schrijversnaam die niet naar jou of je "
    "familie leidt."
)


def test_a_pen_name_that_looks_like_a_name_is_confirmed_not_replaced(demo, contexts):
    """The pen name is the author's public name: a name in it is a warning beside
    the field, kept when the author confirms; its signature in the text stays, and
    the moderator sees it was flagged and confirmed."""
    moderator_secret = give_totp(get_user_model().objects.get(email=MODERATOR_EMAIL))
    author = log_in(contexts(bypass_csp=True), AUTHOR_EMAIL)  # for axe-core
    author.goto(reverse("stories:write"))
    author.get_by_label("Titel").fill("Mijn schrijversnaam")
    author.get_by_label("Korte samenvatting").fill("Over een naam kiezen.")
    author.locator("textarea[name='deel-0-text']").fill(REST.strip() + "\n\n" + PEN_NAME)
    author.get_by_label("Inhoudswaarschuwing").select_option("psychisch")
    author.get_by_label("Met een schrijversnaam").check()
    author.locator("input[name='pseudonym']").fill(PEN_NAME)
    submit(author)

    warning = author.locator(".story-pen-name-warning")
    expect(warning).to_contain_text(PEN_WARNING)
    expect(author.locator("input[name='pseudonym']")).to_have_value(PEN_NAME)
    expect(author.locator("input[name='replace']")).to_have_count(0)
    # Right below the field, before the next question.
    field_box = author.locator("input[name='pseudonym']").bounding_box()
    warning_box = warning.bounding_box()
    assert field_box and warning_box and warning_box["y"] > field_box["y"]
    assert axe_violations(author) == [], "editor, pen name warning"

    author.get_by_label(f"Ik houd „{PEN_NAME}” als schrijversnaam").check()
    submit(author)
    expect(author).to_have_url(re.compile(f"{reverse('stories:mine')}$"))

    moderator = log_in(contexts(), MODERATOR_EMAIL, secret=moderator_secret)
    moderator.goto(reverse("stories:moderation"))
    moderator.get_by_role("link", name="Mijn schrijversnaam").click()
    expect(moderator.locator(".story-pen-name-flag")).to_contain_text(
        "heeft bevestigd dat het de schrijversnaam is"
    )
    expect(moderator.locator("article.story")).to_contain_text(f"Door {PEN_NAME}")
    moderator.get_by_role("button", name="Publiceren").click()
    expect(moderator.get_by_text("Het verhaal is gepubliceerd.")).to_be_visible()
    story = StoryPage.objects.get(title="Mijn schrijversnaam")
    assert story.pseudonym == PEN_NAME
    assert story.body[0].value["text"].endswith(PEN_NAME)


@pytest.mark.parametrize("width", [1280, 375])
def test_story_pages_have_no_serious_accessibility_violations(demo, browser, live_server, width):
    """The editor (empty, blocked, names to replace), "Mijn verhalen", the public
    list and a story (before and after "Verder lezen"), audited by axe-core at this
    width."""
    context = browser.new_context(
        base_url=live_server.url,
        locale="nl-NL",
        bypass_csp=True,
        viewport={"width": width, "height": 800},
    )
    context.set_default_timeout(15_000)
    try:
        page = log_in(context, AUTHOR_EMAIL)
        story = StoryPage.objects.live().filter(audience="openbaar").first()
        assert story is not None
        checks = (
            (reverse("stories:write"), "Verhaal schrijven"),
            (reverse("stories:mine"), "Mijn verhalen"),
            (story.get_parent().url, story.get_parent().title),
            (story.url, story.title),
            (story.url + "?lezen=1#verhaal", story.title),
        )
        for url, heading in checks:
            page.goto(url)
            expect(page.get_by_role("heading", level=1)).to_have_text(heading)
            assert axe_violations(page) == [], url
        # The content warning, support lines and story fit the screen: the warning's
        # children once stood side by side and pushed the page to 593 px at 375 px.
        rights = page.evaluate(
            "[...document.querySelectorAll('.story-warning, .story-support, .story-body')]"
            ".map(e => e.getBoundingClientRect().right)"
        )
        assert rights and max(rights) <= width, rights
        assert screenshot(page, f"story-{width}").stat().st_size > 0

        # The editor again, as the privacy check answers: blocked, then names to replace.
        page.goto(reverse("stories:write"))
        page.get_by_label("Titel").fill(TITLE)
        page.get_by_label("Korte samenvatting").fill("Over de buurvrouw die het zag.")
        page.get_by_label("Inhoudswaarschuwing").select_option("psychisch")
        page.locator("textarea[name='deel-0-text']").fill(NAME_LINE + PHONE_LINE + REST)
        submit(page)
        expect(page.locator("mark", has_text="06-12345678")).to_be_visible()
        assert axe_violations(page) == [], "editor, blocked"
        page.locator("textarea[name='deel-0-text']").fill(NAME_LINE + REST)
        submit(page)
        expect(page.get_by_label("„Karin de Vries” vervangen door [NAAM-1]")).to_be_checked()
        assert axe_violations(page) == [], "editor, names to replace"
        assert screenshot(page, f"story-editor-privacy-{width}").stat().st_size > 0
    finally:
        context.close()


def expire_session(context) -> None:
    """The session times out as the middleware sees it: idle for longer than
    SESSION_IDLE_TIMEOUT (the next request logs the author out)."""
    cookie = next(c for c in context.cookies() if c["name"] == settings.SESSION_COOKIE_NAME)
    session = import_module(settings.SESSION_ENGINE).SessionStore(session_key=cookie["value"])
    session[SESSION_SEEN_AT] = int(time.time()) - settings.SESSION_IDLE_TIMEOUT - 5
    session.save()


def latest_text(story: StoryPage) -> str:
    draft = StoryPage.objects.get(pk=story.pk).get_latest_revision_as_object()
    return " ".join(block.value["text"] for block in draft.body)


def test_nothing_typed_is_lost_when_the_session_expires(demo, contexts):
    """The draft saves itself; the session then times out while the author keeps
    typing (and adds a part): the autosave says so, "Opslaan" leads to the login,
    and after logging in again every word is back in the form and saved."""
    first = "Het begon met kleine opmerkingen."
    second = " Later werd het erger."
    third = "Wat hielp: iemand die bleef vragen hoe het ging."
    author = log_in(contexts(), AUTHOR_EMAIL)
    status = author.locator("#autosave-status")

    author.goto(reverse("stories:write"))
    author.get_by_label("Titel").fill("Wat bleef")
    author.get_by_label("Korte samenvatting").fill("Over wat bleef.")
    author.get_by_label("Inhoudswaarschuwing").select_option("psychisch")
    author.locator("textarea[name='deel-0-text']").fill(first)
    expect(status).to_have_text("Je concept is automatisch opgeslagen.")
    story = StoryPage.objects.get(title="Wat bleef")
    expect(author).to_have_url(re.compile(f"{reverse('stories:edit', args=[story.pk])}$"))
    author.get_by_role("button", name="Nog een deel toevoegen").click()
    expect(author.locator("textarea[name='deel-1-text']")).to_be_visible()

    expire_session(author.context)
    author.locator("textarea[name='deel-0-text']").fill(first + second)
    author.locator("textarea[name='deel-1-text']").fill(third)
    expect(status).to_contain_text("Je bent uitgelogd")
    expect(author.get_by_role("link", name="Opnieuw inloggen")).to_be_visible()
    assert second not in latest_text(story)

    author.get_by_role("button", name="Opslaan als concept").click()
    expect(author).to_have_url(re.compile(re.escape(reverse("account_login"))))
    author.fill("input[name=login]", AUTHOR_EMAIL)
    author.fill("input[name=password]", DEMO_PASSWORD)
    author.get_by_role("button", name="Inloggen").click()

    expect(author).to_have_url(re.compile(f"{reverse('stories:edit', args=[story.pk])}$"))
    expect(author.locator("textarea[name='deel-0-text']")).to_have_value(first + second)
    expect(author.locator("textarea[name='deel-1-text']")).to_have_value(third)
    expect(status).to_have_text("Je concept is automatisch opgeslagen.")
    text = latest_text(story)
    assert first + second in text and third in text

    # Saved: a later visit shows the server's version and nothing is put back.
    author.reload()
    expect(author.locator("textarea[name='deel-1-text']")).to_have_value(third)
    expect(status).to_have_text("")

    # "Snel weg" leaves no copy of the story behind in the tab.
    copies = "() => Object.keys(sessionStorage).filter(k => k.startsWith('hg-verhaal:'))"
    assert author.evaluate(copies) == [f"hg-verhaal:{story.owner_id}:{story.pk}"]
    author.route(
        re.compile(r"^https://www\.google\.nl/.*"),
        lambda route: route.fulfill(status=200, content_type="text/html", body="Elders"),
    )
    author.get_by_role("link", name="Snel weg").click()
    author.wait_for_url(settings.QUICK_EXIT_URL)
    author.goto(reverse("stories:mine"))
    assert author.evaluate(copies) == []

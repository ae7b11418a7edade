"""The English site in a real browser: no Dutch fragments in its sentences. What
is Dutch content (page titles and texts written in Dutch) is marked lang="nl", and
a page whose content exists only in Dutch says so once."""

from __future__ import annotations

import re
from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse
from playwright.sync_api import expect

from courses.models import CoursePage, LessonPage
from leerwerkplaats.demo import DEMO_PASSWORD

pytestmark = pytest.mark.django_db(transaction=True)

# Words of Dutch sentences that English never uses; an untranslated string or a
# Dutch title not marked as Dutch shows one of them.
DUTCH = re.compile(
    r"\b(de|het|een|je|jouw|jij|van|niet|voor|met|naar|bij|ook|geen|nog|deze|dit|zijn|"
    r"wordt|worden|cursus|cursussen|lessen|uur|punten|punt|verder|bekijk|toets|opnieuw|"
    r"inloggen|uitloggen|registreren|mijn|terug|alle|afgerond|bezig|reactie|antwoord|"
    r"vraag|vragen|nieuwe|opslaan|annuleren|zoeken|hulp|verhalen|gemeente|gesprek)\b",
    re.IGNORECASE,
)
# Names keep their Dutch words in English.
NAMES = ["De Kindertelefoon", "HG Leerwerkplaats"]

# Every text node, and the labels a screen reader reads, whose nearest `lang` is
# not Dutch.
ENGLISH_TEXTS = """() => {
  const english = el => {
    const owner = el.closest('[lang]');
    return !owner || owner.lang !== 'nl';
  };
  const out = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  let node;
  while ((node = walker.nextNode())) {
    const el = node.parentElement;
    if (!el || el.closest('script,style,template,[hidden]') || !english(el)) continue;
    // Organisations are named as they name themselves ("Gemeente Lansingerland").
    if (el.closest('select[name=organisation]')) continue;
    const text = node.textContent.trim();
    if (text) out.push(text);
  }
  for (const el of document.querySelectorAll('[aria-label],[title],[placeholder],[alt]')) {
    if (!english(el)) continue;
    for (const name of ['aria-label', 'title', 'placeholder', 'alt']) {
      const value = el.getAttribute(name);
      if (value) out.push(`${name}="${value}"`);
    }
  }
  return out;
}"""

VISITOR_PAGES = [
    "/en/",
    "/en/hulp/",
    "/en/hulp/ik-maak-geweld-mee/",
    "/en/hulp/ik-gebruik-geweld/",
    "/en/hulp/niet-pluis-gevoel/",
    "/en/hulp/professionals/",
    "/en/hulp/lokale-teams/",
    "/en/cursussen/",
    "/en/cursussen/meldcode-in-vijf-stappen/",
    "/en/verhalen/",
    "/en/privacy/",
    "/en/zoeken/?q=meldcode",
    "/en/zoeken/?q=xyzzy",
    "/en/certificaat/",
    "/en/account/login/",
    "/en/account/signup/",
    "/en/account/password/reset/",
]
MEMBER_PAGES = [
    "/en/",
    "/en/mijn/leerdossier/",
    "/en/mijn/profiel/",
    "/en/mijn/gegevens/",
    "/en/forum/",
    "/en/intervisie/",
    "/en/zoeken/?q=meldcode",
    "/en/account/2fa/",
    "/en/account/email/",
    "/en/account/password/change/",
]
# Pages whose content is written in Dutch: they say so, once.
DUTCH_CONTENT = [
    "/en/",
    "/en/hulp/",
    "/en/hulp/ik-maak-geweld-mee/",
    "/en/hulp/lokale-teams/",
    "/en/cursussen/",
    "/en/cursussen/meldcode-in-vijf-stappen/",
    "/en/verhalen/",
    "/en/privacy/",
]


@pytest.fixture
def demo(db):
    call_command("seed_demo", stdout=StringIO())


def dutch_fragments(page) -> list[str]:
    found = []
    for text in page.evaluate(ENGLISH_TEXTS):
        for name in NAMES:
            text = text.replace(name, "")
        if DUTCH.search(text):
            found.append(text[:120])
    return list(dict.fromkeys(found))


def walk(page, paths) -> dict[str, list[str]]:
    problems = {}
    for path in paths:
        response = page.goto(path)
        assert response is not None and response.status == 200, path
        expect(page.locator("html")).to_have_attribute("lang", "en")
        fragments = dutch_fragments(page)
        if fragments:
            problems[path] = fragments
    return problems


def test_a_visitor_reads_english_sentences_and_is_told_once_what_is_only_in_dutch(page, demo):
    assert walk(page, VISITOR_PAGES) == {}
    for path in DUTCH_CONTENT:
        page.goto(path)
        expect(page.get_by_text("This information is only available in Dutch.")).to_have_count(1)


def test_a_member_reads_english_sentences_too(page, demo):
    page.goto(reverse("account_login"))
    page.fill("input[name=login]", "professional@demo.hg-leerwerkplaats.nl")
    page.fill("input[name=password]", DEMO_PASSWORD)
    page.locator("main form button[type=submit]").first.click()
    expect(page.locator("form[action$='/logout/'] button")).to_be_attached()

    course = CoursePage.objects.get(slug="meldcode-in-vijf-stappen")
    lesson = LessonPage.objects.child_of(course).live().order_by("path").first()
    assert walk(page, [*MEMBER_PAGES, f"/en{lesson.url}"]) == {}
    page.goto(f"/en{lesson.url}")
    expect(page.get_by_text("This information is only available in Dutch.")).to_have_count(1)
    # Inside a lesson's quiz only the content is marked Dutch: the site's own words
    # around it ("Question 1") are read as English.
    expect(page.locator(".lesson-question [lang=nl]").first).to_be_attached()
    marked = " ".join(page.locator("main [lang=nl]").all_text_contents())
    assert not re.search(r"\b(Question|Check my answers|Reflection|Your choice)\b", marked)

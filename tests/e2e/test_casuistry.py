"""The casuistry path in a real browser (issue 12's acceptance): a professional
submits a case through the guided form and its privacy preview, a moderator with
MFA claims, redacts one more word and approves, and a colleague reads the case in
the library and its discussion under aliases only. Every page of the path is
audited by axe-core at a desktop and a phone width, in the state the path left it.

Served by the project's ASGI application (tests/e2e/asgi_server.py), since the
discussion is the live forum; waits are Playwright's auto-waiting expectations."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from casuistry.models import Case, Status
from tests.e2e.conftest import axe_violations, log_in
from tests.members import factories as member_factories

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("warm_privacy_detector"),
]

WIDTHS = (1280, 375)
BSN_SENTENCE = " Het BSN van mevrouw Qorvandijk is 111222333."
INCIDENT = (
    "Ik kwam bij mevrouw Qorvandijk op de Dorpsstraat 12 in Bergschenhoek. Haar zoon zit "
    "op basisschool De Regenboog. Hij zit in het voetbalteam van de Zwaluwen." + BSN_SENTENCE
)


@pytest.fixture
def contexts(asgi_contexts):
    # CSP bypassed so that axe-core can be injected into every page of the path.
    return lambda: asgi_contexts(bypass_csp=True)


def assert_accessible(page, name: str) -> None:
    """0 serious/critical axe violations at each width, then back to the desktop."""
    for width in WIDTHS:
        page.set_viewport_size({"width": width, "height": 900})
        assert axe_violations(page) == [], f"{name} at {width}px"
    page.set_viewport_size({"width": WIDTHS[0], "height": 900})


def fill_guided_form(page, incident: str) -> None:
    page.get_by_label("Titel", exact=True).fill("Twijfel na een huisbezoek")
    page.get_by_label("Werkveld").select_option(label="Wijkteam of sociaal domein")
    page.get_by_label("4 tot 12 jaar").check()
    page.get_by_label("27 tot 65 jaar").check()
    page.get_by_label("Lichamelijk geweld").check()
    page.get_by_label("Stap 2: collegiale consultatie (en Veilig Thuis)").check()
    page.locator("input[name=peer_request]").first.check()
    page.get_by_label("Wat gebeurde er?").fill(incident)
    page.get_by_label("Het moment van handelen").fill(
        "Ik twijfelde of ik meteen Veilig Thuis moest bellen."
    )
    page.get_by_label("Je vraag aan collega's").fill("Hoe hadden jullie dit gesprek gevoerd?")


def select_word(page, container: str, word: str) -> None:
    """Double-click ``word`` inside ``container`` with the mouse, as a moderator does."""
    box = page.locator(container)
    box.scroll_into_view_if_needed()
    point = box.evaluate(
        """(element, word) => {
            const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT);
            for (let node = walker.nextNode(); node; node = walker.nextNode()) {
                const at = node.data.indexOf(word);
                if (at < 0) continue;
                const range = document.createRange();
                range.setStart(node, at);
                range.setEnd(node, at + word.length);
                const rect = range.getBoundingClientRect();
                return {x: rect.left + rect.width / 2, y: rect.top + rect.height / 2};
            }
            return null;
        }""",
        word,
    )
    assert point is not None, word
    page.mouse.dblclick(point["x"], point["y"])


def test_a_case_goes_from_the_intake_through_moderation_to_its_discussion(contexts):
    author = member_factories.member(pseudonym="inbrenger-pseudoniem")
    moderator = member_factories.member(role="Moderator", pseudonym="moderator-e2e")
    secret = member_factories.give_totp(moderator)
    colleague = member_factories.member(pseudonym="collega-e2e")

    # (1) The author: the library, the method, the guided form.
    page = log_in(contexts(), author)
    page.goto(reverse("casuistry:library"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Casussen")
    assert_accessible(page, "library")
    page.get_by_role("link", name="Casus inbrengen").first.click()
    expect(page.get_by_label("Incidentmethode")).to_be_visible()
    assert_accessible(page, "choose a method")
    page.get_by_label("Incidentmethode").check()
    page.get_by_role("button", name="Verder").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Casus inbrengen")
    assert_accessible(page, "intake form")
    fill_guided_form(page, INCIDENT)
    page.get_by_role("button", name="Controleer mijn tekst").click()

    # The BSN blocks: marked "moet weg", the typed text stays in the form.
    findings = page.locator(".casus-preview")
    expect(findings).to_be_visible()
    expect(findings.locator(".casus-finding--blocks")).to_contain_text("111222333")
    expect(findings.locator(".casus-finding--blocks")).to_contain_text("moet weg")
    expect(page.get_by_label("Wat gebeurde er?")).to_have_value(INCIDENT)
    assert_accessible(page, "intake form with a blocking find")

    # Without it: the preview shows the rest as placeholders.
    page.get_by_label("Wat gebeurde er?").fill(INCIDENT.replace(BSN_SENTENCE, ""))
    page.get_by_role("button", name="Controleer mijn tekst").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Controleer je casus")
    kept = page.locator("div.casus-text").filter(has_text="Haar zoon zit")
    expect(kept).to_contain_text("[NAAM-1]")
    expect(kept).to_contain_text("[SCHOOL-1]")
    # The address and its town are one find; the detector labels it a place.
    expect(kept).to_contain_text(re.compile(r"\[(ADRES|PLAATS)-1\]"))
    for detail in ("Qorvandijk", "Dorpsstraat", "Bergschenhoek", "Regenboog", "111222333"):
        expect(kept).not_to_contain_text(detail)
    assert_accessible(page, "preview")
    page.get_by_role("button", name="Klopt, casus insturen").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Mijn casussen")
    expect(page.locator(".casus-list")).to_contain_text("Ingediend")
    assert_accessible(page, "Mijn casussen")
    case = Case.objects.get()
    assert case.status == Status.SUBMITTED

    # (2) The moderator, with MFA: queue, claim, one more word redacted, approve.
    mod = log_in(contexts(), moderator, secret=secret)
    mod.goto(reverse("casuistry:queue"))
    expect(mod.get_by_role("heading", level=1)).to_have_text("Casussen beoordelen")
    assert_accessible(mod, "queue")
    mod.get_by_role("link", name=case.title).click()
    assert_accessible(mod, "review (submitted)")
    mod.get_by_role("button", name="Casus oppakken").click()
    expect(mod.get_by_role("heading", name="Verder anonimiseren")).to_be_visible()
    assert_accessible(mod, "review (claimed)")
    # Redact by selecting: a double click on the word fills the form (part and text).
    redact = mod.locator("#vervangen")
    # (The club's name is one the scan does not know: the moderator sees it.)
    select_word(mod, '[data-part="incident"]', "Zwaluwen")
    expect(redact.get_by_label("Precieze tekst die weg moet")).to_have_value("Zwaluwen")
    expect(redact.get_by_label("Deel")).to_have_value("incident")
    redact.get_by_label("Vervangen door").select_option(value="INSTELLING")
    redact.get_by_role("button", name="Vervangen").click()
    incident = mod.locator('[data-part="incident"]')
    expect(incident).not_to_contain_text("Zwaluwen")
    expect(incident).to_contain_text("[INSTELLING-1]")
    mod.get_by_role("button", name="Publiceren").click()
    expect(mod.get_by_role("heading", level=1)).to_have_text("Casussen beoordelen")
    expect(mod.get_by_role("link", name=case.title)).to_have_count(0)
    case.refresh_from_db()
    assert case.status == Status.PUBLISHED
    assert "Zwaluwen" not in case.parts["incident"]

    # (3) A colleague finds it in the library and opens its discussion: aliases only.
    reader = log_in(contexts(), colleague)
    reader.goto(reverse("casuistry:library"))
    reader.get_by_role("link", name=case.title).click()
    expect(reader.get_by_role("heading", level=1)).to_have_text(case.title)
    expect(reader.locator("main")).not_to_contain_text("Zwaluwen")
    for who in (author.profile.pseudonym, author.email, author.last_name):
        expect(reader.locator("main")).not_to_contain_text(who)
    assert_accessible(reader, "case in the library")
    reader.get_by_role("link", name="Naar de discussie over deze casus").click()
    expect(reader.locator("main")).to_contain_text("Inbrenger")
    form = reader.locator("[data-forum-reply-form]")
    form.get_by_label("Je bericht").fill("Herkenbaar. Ik zou eerst met de moeder praten.")
    form.get_by_role("button", name="Controleren en plaatsen").click()
    # Nothing identifying in it, so no privacy preview: it is posted at once.
    expect(form.locator("textarea")).to_have_value("")
    expect(reader.locator("main")).to_contain_text("Deelnemer A")
    reader.reload()
    main = reader.locator("main")
    expect(main).to_contain_text("Inbrenger")
    expect(main).to_contain_text("Deelnemer A")
    for who in (author.profile.pseudonym, colleague.profile.pseudonym, author.email):
        expect(main).not_to_contain_text(who)


def test_the_author_reads_the_message_edits_and_withdraws(contexts):
    """Changes asked: "Mijn casussen" shows the moderator's message, the author edits
    the case through the same preview, then withdraws it; every page passes axe."""
    from casuistry import services
    from tests.casuistry import factories

    author = member_factories.member(pseudonym="inbrenger-wijziging")
    moderator = factories.moderator()
    case = factories.case(author=author, status=Status.SUBMITTED, title="Een lastige intake")
    services.claim_case(moderator=moderator, case=case)
    services.ask_changes(moderator=moderator, case=case, message="Laat de sportclub weg.")

    page = log_in(contexts(), author)
    page.goto(reverse("casuistry:mine"))
    card = page.locator(".casus-list li").filter(has_text="Een lastige intake")
    expect(card).to_contain_text("Wijziging gevraagd")
    expect(card).to_contain_text("Laat de sportclub weg.")
    assert_accessible(page, "Mijn casussen with changes asked")
    card.get_by_role("link", name="Casus aanpassen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Casus aanpassen")
    expect(page.get_by_label("Wat gebeurde er?")).to_have_value(case.parts["incident"])
    assert_accessible(page, "edit after changes asked")
    page.get_by_label("Je vraag aan collega's").fill("Hoe begin je zo'n gesprek met een kind?")
    page.get_by_role("button", name="Controleer mijn tekst").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Controleer je casus")
    page.get_by_role("button", name="Klopt, casus insturen").click()
    card = page.locator(".casus-list li").filter(has_text="Een lastige intake")
    expect(card).to_contain_text("In behandeling")

    card.get_by_role("button", name=re.compile("Intrekken")).click()
    expect(page.locator(".site-messages")).to_contain_text("Je casus is ingetrokken")
    expect(card).to_contain_text("Ingetrokken")
    assert_accessible(page, "Mijn casussen after withdrawing")
    case.refresh_from_db()
    assert case.status == Status.WITHDRAWN
    assert case.parts["vraag"] == "Hoe begin je zo'n gesprek met een kind?"

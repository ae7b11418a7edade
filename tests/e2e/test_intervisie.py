"""A guided intervisie session in a real browser: four members (facilitator,
inbrenger, two participants), each in their own browser context, against the
project's ASGI application (HTTP and WebSocket, tests/e2e/asgi_server.py).

The rules are kept by the server: a statement in the question round is refused, the
inbrenger cannot post in the analysis, positions stay hidden until the facilitator
reveals them and then appear for everyone; everyone's screen follows the phase; a
reload lands in the same phase; afterwards the activity with its hours is in each
learning record and a participant writes a private reflection. An asynchronous
moreel beraad moves by date: its start lies in the past (the frozen clock of the
test), and the page shows the phase the dates say."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from tests.e2e.conftest import axe_violations, log_in
from tests.intervisie import factories

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("warm_privacy_detector"),
]

PHASE = "#fase-kop"
FORM = "[data-intervisie-form-container]"


def write(page, text: str) -> None:
    form = page.locator(FORM)
    form.get_by_label("Je bijdrage").fill(text)
    form.get_by_role("button", name="Controleren en plaatsen").click()


def press(page, name: str) -> None:
    """The facilitator's controls by keyboard only: focus, then Enter."""
    page.get_by_role("button", name=name).focus()
    page.keyboard.press("Enter")


def test_a_live_incidentmethode_session_with_four_members(asgi_contexts):
    session, lead, inbrenger, (a, b) = factories.session()
    url = reverse("intervisie:room", kwargs={"pk": session.pk})
    pages = {}
    for name, user in (("lead", lead), ("inbrenger", inbrenger), ("a", a), ("b", b)):
        page = log_in(asgi_contexts(bypass_csp=name == "a"), user)
        page.goto(url)
        expect(page.locator(PHASE)).to_have_text("Nog niet begonnen")
        pages[name] = page
    lead_page, inbrenger_page, a_page, b_page = (pages[k] for k in ("lead", "inbrenger", "a", "b"))
    assert axe_violations(a_page) == []

    press(lead_page, "Sessie starten")
    for page in pages.values():
        expect(page.locator(PHASE)).to_contain_text("Fase 1 van 7: Introductie")
    press(lead_page, "Naar de volgende fase")
    for page in pages.values():
        expect(page.locator(PHASE)).to_contain_text("Vragenronde")

    # The question round: a statement is refused with the hint, a question arrives live.
    write(a_page, "ik zou meteen bellen.")
    expect(a_page.locator(FORM)).to_contain_text("eindig je tekst met een vraagteken")
    expect(a_page.locator(f"{FORM} textarea")).to_have_value("ik zou meteen bellen.")
    write(a_page, "was de moeder erbij?")
    expect(b_page.locator("[data-intervisie-contributions]")).to_contain_text(
        "was de moeder erbij?"
    )

    press(lead_page, "Naar de volgende fase")
    expect(inbrenger_page.locator(PHASE)).to_contain_text("Analyse")
    write(inbrenger_page, "maar ik bedoelde iets anders.")
    expect(inbrenger_page.locator(FORM)).to_contain_text("lees je als inbrenger mee")

    press(lead_page, "Naar de volgende fase")
    for page in pages.values():
        expect(page.locator(PHASE)).to_contain_text("Wat zou jij doen?")
    write(a_page, "eerst overleggen met een collega.")
    write(b_page, "direct een gesprek met de ouders.")
    expect(b_page.locator("[data-hidden-position]")).to_have_count(1)
    expect(b_page.locator("[data-intervisie-contributions]")).not_to_contain_text(
        "eerst overleggen"
    )
    expect(inbrenger_page.locator("[data-hidden-position]")).to_have_count(2)

    # A participant who reloads lands in the same phase, with what came before.
    b_page.reload()
    expect(b_page.locator(PHASE)).to_contain_text("Wat zou jij doen?")
    expect(b_page.locator("[data-intervisie-contributions]")).to_contain_text(
        "was de moeder erbij?"
    )

    press(lead_page, "Naar de volgende fase")
    expect(lead_page.locator(PHASE)).to_contain_text("Onthulling")
    press(lead_page, "Toon alle posities")
    for page in pages.values():
        expect(page.locator("[data-intervisie-contributions]")).to_contain_text(
            "eerst overleggen met een collega."
        )
        expect(page.locator("[data-intervisie-contributions]")).to_contain_text(
            "direct een gesprek met de ouders."
        )

    for _ in range(2):
        press(lead_page, "Naar de volgende fase")
    press(lead_page, "Sessie afronden")
    for page in pages.values():
        expect(page.locator(PHASE)).to_have_text("Afgerond")

    for page in pages.values():
        page.goto(reverse("courses:learning_record"))
        expect(page.locator("[data-activities]")).to_contain_text("Reflectie/intervisie")

    a_page.goto(reverse("intervisie:reflection", kwargs={"pk": session.pk}))
    a_page.get_by_label("Wat gebeurde er?").fill("we bespraken een huisbezoek.")
    a_page.get_by_label("Wat voelde en dacht ik?").fill("twijfel.")
    a_page.get_by_label("Wat betekent het voor mij?").fill("ik mag eerder overleggen.")
    a_page.get_by_label("Wat ga ik doen?").fill("sneller advies vragen.")
    a_page.get_by_role("button", name="Controleren en opslaan").click()
    a_page.goto(reverse("intervisie:mine"))
    expect(a_page.locator("main")).to_contain_text("sneller advies vragen.")
    b_page.goto(reverse("intervisie:mine"))
    expect(b_page.locator("main")).not_to_contain_text("sneller advies vragen.")


def test_an_async_moreel_beraad_moves_by_date(asgi_contexts):
    # Started two and a half days ago, two days per phase: "Feiten" runs now.
    start = timezone.now() - timedelta(days=2, hours=12)
    session, _lead, _inbrenger, (a, _b) = factories.session(
        method="moreel_beraad", mode="async", starts_at=start
    )
    page = log_in(asgi_contexts(bypass_csp=True), a)
    page.goto(reverse("intervisie:room", kwargs={"pk": session.pk}))
    expect(page.locator(PHASE)).to_contain_text("Fase 2 van 7: Feiten")
    write(page, "het kind was thuis.")
    expect(page.locator(FORM)).to_contain_text("eindig je tekst met een vraagteken")
    write(page, "wie was er thuis?")
    expect(page.locator("[data-intervisie-contributions]")).to_contain_text("wie was er thuis?")
    assert axe_violations(page) == []


def test_after_a_resync_the_room_resumes_and_shows_what_it_missed(asgi_server, asgi_contexts):
    """The channel layer loses the sockets' group memberships (as a Redis restart
    does): a contribution made meanwhile reaches no open room. When the server sends
    `{"type": "resync"}`, the room resumes from its last seq and shows it, without a
    reload."""
    session, lead, _inbrenger, (a, b) = factories.session()
    url = reverse("intervisie:room", kwargs={"pk": session.pk})
    lead_page, a_page, b_page = (log_in(asgi_contexts(), user) for user in (lead, a, b))
    for page in (lead_page, a_page, b_page):
        page.goto(url)
    press(lead_page, "Sessie starten")
    press(lead_page, "Naar de volgende fase")
    for page in (a_page, b_page):
        expect(page.locator(PHASE)).to_contain_text("Vragenronde")
    room = b_page.locator("#intervisie-room")
    seq_before = room.get_attribute("data-last-seq")
    b_page.evaluate("() => { window.__sameDocument = true; }")

    asgi_server.lose_group_memberships()
    write(a_page, "was de moeder erbij?")
    expect(a_page.locator("[data-intervisie-contributions]")).to_contain_text(
        "was de moeder erbij?"
    )
    # Committed and broadcast, but b's socket is in no group: nothing arrived.
    expect(room).to_have_attribute("data-last-seq", seq_before)
    expect(b_page.locator("[data-intervisie-contributions]")).not_to_contain_text(
        "was de moeder erbij?"
    )

    asgi_server.resync()
    expect(b_page.locator("[data-intervisie-contributions]")).to_contain_text(
        "was de moeder erbij?"
    )
    expect(room).not_to_have_attribute("data-last-seq", seq_before)
    assert b_page.evaluate("() => window.__sameDocument === true")

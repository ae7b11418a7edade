"""A guided intervisie session in a real browser: four members (facilitator,
inbrenger, two participants), each in their own browser context, against the
project's ASGI application (HTTP and WebSocket, tests/e2e/asgi_server.py).

The rules are kept by the server: a statement in the question round is refused, the
inbrenger cannot post in the analysis, positions stay hidden until the facilitator
reveals them and then appear for everyone; everyone's screen follows the phase; a
reload lands in the same phase; afterwards the activity with its hours is in each
learning record and a participant writes a private reflection. The facilitator's
controls are used with the keyboard only (Tab to the button, Enter), and axe finds
nothing serious or critical on the session pages.

An asynchronous moreel beraad moves by date under a frozen clock: the test sets
`intervisie.clock.now` (the one clock intervisie's services and selectors read, in
the server thread as well), so the phases move by days while logins keep real time."""

from __future__ import annotations

import re
from datetime import timedelta
from unittest import mock

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from courses.models import LearningActivity
from tests.e2e.conftest import axe_violations, log_in
from tests.intervisie import factories

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("warm_privacy_detector"),
]

PHASE = "#fase-kop"
FORM = "[data-intervisie-form-container]"


def write(page, text: str, *, refused: str | None = None) -> None:
    """Post `text` from the room's form and wait for the server's answer as the
    author sees it: their contribution in the list, or (`refused`, part of the
    rule's hint) the form showing that hint with the text kept. The next step never
    starts while the post may still be on its way."""
    form = page.locator(FORM)
    form.get_by_label("Je bijdrage").fill(text)
    form.get_by_role("button", name="Controleren en plaatsen").click()
    if refused is None:
        expect(page.locator("[data-intervisie-contributions]")).to_contain_text(text)
    else:
        expect(page.locator(f"{FORM} .utrecht-form-field--invalid")).to_contain_text(refused)
        expect(page.locator(f"{FORM} textarea")).to_have_value(text)


FOCUSED_NAME = """() => {
  const el = document.activeElement;
  if (!el) return "";
  const label = el.labels && el.labels.length ? el.labels[0].textContent : "";
  return (el.tagName === "BUTTON" ? el.textContent : label).trim();
}"""


def tab_to(page, name: str, limit: int = 120) -> None:
    """Keyboard only: press Tab until the control named `name` has the focus."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate(FOCUSED_NAME).startswith(name):
            return
    raise AssertionError(f"{name!r} cannot be reached with Tab")


def press(page, name: str) -> None:
    """The facilitator's controls by keyboard only: Tab to the button, then Enter."""
    expect(page.get_by_role("button", name=name)).to_be_visible()
    tab_to(page, name)
    page.keyboard.press("Enter")


def serious(page) -> list[dict]:
    return axe_violations(page)


def open_rooms(asgi_contexts, session, **members) -> dict:
    """Each member logged in in their own browser, in the session's room before it
    starts (the facilitator and participant A may run axe: no CSP for them)."""
    url = reverse("intervisie:room", kwargs={"pk": session.pk})
    pages = {}
    for name, user in members.items():
        page = log_in(asgi_contexts(bypass_csp=name in ("a", "lead")), user)
        page.goto(url)
        expect(page.locator(PHASE)).to_have_text("Nog niet begonnen")
        pages[name] = page
    return pages


def test_a_live_incidentmethode_session_with_four_members(asgi_contexts):
    session, lead, inbrenger, (a, b) = factories.session()
    pages = open_rooms(asgi_contexts, session, lead=lead, inbrenger=inbrenger, a=a, b=b)
    lead_page, inbrenger_page, a_page, b_page = (pages[k] for k in ("lead", "inbrenger", "a", "b"))
    assert axe_violations(a_page) == []

    press(lead_page, "Sessie starten")
    for page in pages.values():
        expect(page.locator(PHASE)).to_contain_text("Fase 1 van 7: Introductie")
    # The facilitator's page with every control, checked by axe.
    assert serious(lead_page) == []
    # Extending the timer, by keyboard too: every screen shows the new end.
    timer = "[data-intervisie-timer] time"
    before = a_page.locator(timer).get_attribute("datetime")
    tab_to(lead_page, "Minuten erbij")
    lead_page.keyboard.press("Control+A")
    lead_page.keyboard.type("15")
    tab_to(lead_page, "Timer verlengen")
    lead_page.keyboard.press("Enter")
    for page in pages.values():
        expect(page.locator(timer)).not_to_have_attribute("datetime", before)
    press(lead_page, "Naar de volgende fase")
    for page in pages.values():
        expect(page.locator(PHASE)).to_contain_text("Vragenronde")

    # The question round: a statement is refused with the hint, a question arrives live.
    write(a_page, "ik zou meteen bellen.", refused="eindig je tekst met een vraagteken")
    write(a_page, "was de moeder erbij?")
    expect(b_page.locator("[data-intervisie-contributions]")).to_contain_text(
        "was de moeder erbij?"
    )

    press(lead_page, "Naar de volgende fase")
    expect(inbrenger_page.locator(PHASE)).to_contain_text("Analyse")
    # The hint of the refusal itself (the form's instructions say much the same).
    write(inbrenger_page, "maar ik bedoelde iets anders.", refused="Straks is het jouw beurt.")

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
    assert serious(a_page) == []

    for page in pages.values():
        page.goto(reverse("courses:learning_record"))
        expect(page.locator("[data-activities]")).to_contain_text("Reflectie/intervisie")

    a_page.goto(reverse("intervisie:reflection", kwargs={"pk": session.pk}))
    assert serious(a_page) == []
    a_page.get_by_label("Wat gebeurde er?").fill("we bespraken een huisbezoek.")
    a_page.get_by_label("Wat voelde en dacht ik?").fill("twijfel.")
    a_page.get_by_label("Wat betekent het voor mij?").fill("ik mag eerder overleggen.")
    a_page.get_by_label("Wat ga ik doen?").fill("sneller advies vragen.")
    a_page.get_by_role("button", name="Controleren en opslaan").click()
    a_page.goto(reverse("intervisie:mine"))
    expect(a_page.locator("main")).to_contain_text("sneller advies vragen.")
    b_page.goto(reverse("intervisie:mine"))
    expect(b_page.locator("main")).not_to_contain_text("sneller advies vragen.")


@pytest.fixture
def clock():
    """Intervisie's clock, frozen where the test puts it (the server thread reads it too)."""
    frozen = {"now": timezone.now().replace(second=0, microsecond=0)}
    with mock.patch("intervisie.clock.now", side_effect=lambda: frozen["now"]):
        yield frozen


def test_an_async_moreel_beraad_moves_by_date_with_four_members(asgi_contexts, clock):
    start = clock["now"] + timedelta(hours=1)
    session, lead, inbrenger, (a, b) = factories.session(
        method="moreel_beraad", mode="async", starts_at=start
    )
    session.async_days_per_phase = 1
    session.save(update_fields=["async_days_per_phase"])
    pages = open_rooms(asgi_contexts, session, lead=lead, inbrenger=inbrenger, a=a, b=b)
    lead_page, inbrenger_page, a_page, b_page = (pages[k] for k in ("lead", "inbrenger", "a", "b"))

    def days_later(days: float) -> None:
        """The clock moves on; everyone opens the session again, as one does over days."""
        clock["now"] = start + timedelta(days=days)
        for page in pages.values():
            page.reload()

    days_later(0.1)
    for page in pages.values():
        expect(page.locator(PHASE)).to_contain_text("Fase 1 van 7: Dilemma")
    assert serious(a_page) == []

    # Day two: the facts, questions only. A statement is refused, a question arrives live.
    days_later(1.1)
    for page in pages.values():
        expect(page.locator(PHASE)).to_contain_text("Fase 2 van 7: Feiten")
    write(a_page, "het kind was thuis.", refused="eindig je tekst met een vraagteken")
    write(a_page, "wie was er thuis?")
    expect(b_page.locator("[data-intervisie-contributions]")).to_contain_text("wie was er thuis?")
    write(inbrenger_page, "alleen de moeder.")  # the inbrenger answers
    expect(inbrenger_page.locator("[data-intervisie-contributions]")).to_contain_text(
        "alleen de moeder."
    )
    expect(a_page.locator("[data-intervisie-contributions]")).to_contain_text("alleen de moeder.")

    # Day five: the weighing, blind. Positions stay hidden until the reveal.
    days_later(4.1)
    for page in pages.values():
        expect(page.locator(PHASE)).to_contain_text("Fase 5 van 7: Afweging")
    write(a_page, "eerst veiligheid van het kind.")
    write(b_page, "eerst het gesprek met de ouders.")
    expect(b_page.locator("[data-hidden-position]")).to_have_count(1)
    expect(inbrenger_page.locator("[data-hidden-position]")).to_have_count(2)
    expect(lead_page.locator("[data-hidden-position]")).to_have_count(2)
    for page in (inbrenger_page, lead_page, b_page):
        expect(page.locator("[data-intervisie-contributions]")).not_to_contain_text(
            "eerst veiligheid"
        )
    # A participant who reloads lands in the same phase, with what came before.
    b_page.reload()
    expect(b_page.locator(PHASE)).to_contain_text("Fase 5 van 7: Afweging")
    expect(b_page.locator("[data-intervisie-contributions]")).to_contain_text("wie was er thuis?")
    expect(b_page.locator("[data-intervisie-contributions]")).to_contain_text(
        "eerst het gesprek met de ouders."
    )
    expect(b_page.locator("[data-hidden-position]")).to_have_count(1)

    press(lead_page, "Toon alle posities")
    for page in pages.values():
        contributions = page.locator("[data-intervisie-contributions]")
        expect(contributions).to_contain_text("eerst veiligheid van het kind.")
        expect(contributions).to_contain_text("eerst het gesprek met de ouders.")
        expect(page.locator("[data-hidden-position]")).to_have_count(0)

    # A week after the start the last phase has ended: the session is over.
    days_later(7.1)
    for page in pages.values():
        expect(page.locator(PHASE)).to_have_text("Afgerond")
    # The reflection is the first write after the end: it stores the end (the tick
    # would otherwise), which records everyone's activity with its hours.
    a_page.goto(reverse("intervisie:reflection", kwargs={"pk": session.pk}))
    a_page.get_by_label("Wat gebeurde er?").fill("we wogen veiligheid tegen vertrouwen.")
    a_page.get_by_label("Wat voelde en dacht ik?").fill("spanning.")
    a_page.get_by_label("Wat betekent het voor mij?").fill("ik mag twijfel delen.")
    a_page.get_by_label("Wat ga ik doen?").fill("eerder een moreel beraad vragen.")
    a_page.get_by_role("button", name="Controleren en opslaan").click()
    expect(a_page.locator(PHASE)).to_have_text("Afgerond")
    expect(a_page.locator("main")).to_contain_text("Alleen jij ziet haar")
    minutes = LearningActivity.objects.get(user=a, source=f"intervisie:{session.pk}").minutes
    assert minutes == 65  # the method's planned time: 1,1 hours
    for page in pages.values():
        page.goto(reverse("courses:learning_record"))
        activities = page.locator("[data-activities]")
        expect(activities).to_contain_text("Intervisie (Moreel beraad")
        expect(activities).to_contain_text("Reflectie/intervisie")
        expect(activities).to_contain_text(re.compile(r"1[,.]1"))
    expect(a_page.locator("main")).to_contain_text("eerder een moreel beraad vragen.")
    expect(b_page.locator("main")).not_to_contain_text("eerder een moreel beraad vragen.")


def test_planning_joining_and_a_new_case_pages_have_no_serious_axe_findings(asgi_contexts):
    """The pages this feature adds around a session: planning, the open sessions to
    join (by keyboard), and the inbrenger's room while their new case waits."""
    from intervisie import services
    from intervisie.models import Method
    from tests.members import factories as member_factories

    factories.ensure_methods()
    org = member_factories.organisation("Kwadraad")
    lead = factories.facilitator()
    inbrenger = member_factories.member(org=org)
    session = services.plan_session(
        facilitator=lead,
        case_id=None,
        method=Method.objects.get(slug="incidentmethode"),
        mode="live",
        starts_at=timezone.now() + timedelta(days=1),
        inbrenger=inbrenger,
        participants=[inbrenger],
        audience="organisation",
        organisation=org,
    )
    lead_page = log_in(asgi_contexts(bypass_csp=True), lead)
    lead_page.goto(reverse("intervisie:plan"))
    expect(lead_page.get_by_label("Alleen wie ik uitnodig")).to_be_visible()
    assert serious(lead_page) == []

    colleague = member_factories.member(org=org)
    page = log_in(asgi_contexts(bypass_csp=True), colleague)
    page.goto(reverse("intervisie:mine"))
    assert serious(page) == []
    tab_to(page, "Aanmelden voor Incidentmethode")
    page.keyboard.press("Enter")
    expect(page.locator("[data-my-alias]")).to_have_text("Deelnemer A")
    expect(page.locator("[data-case-pending]")).to_be_visible()

    own = log_in(asgi_contexts(bypass_csp=True), inbrenger)
    own.goto(reverse("intervisie:room", kwargs={"pk": session.pk}))
    expect(own.get_by_role("heading", name="Jouw casus inbrengen")).to_be_visible()
    expect(own.locator("[data-start-blocker]")).to_be_visible()
    assert serious(own) == []


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


def test_a_member_asked_as_inbrenger_confirms_on_their_sessions_page(asgi_contexts):
    """The planner gave a member's address as the inbrenger's: on /intervisie/ the
    member finds the session under "Gevraagd als inbrenger" (axe finds nothing
    serious, and the list reads well on a desktop and a phone), confirms, and the
    room then shows them as the inbrenger, no longer awaited."""
    from intervisie import services
    from intervisie.models import Method
    from tests.casuistry import factories as case_factories
    from tests.e2e.conftest import screenshot
    from tests.members import factories as member_factories

    factories.ensure_methods()
    lead = factories.facilitator()
    asked = member_factories.member()
    session = services.plan_session(
        facilitator=lead,
        case_id=case_factories.case().pk,
        method=Method.objects.get(slug="incidentmethode"),
        mode="live",
        starts_at=timezone.now() + timedelta(days=1),
        inbrenger_address=asked.email,
        participants=[member_factories.member() for _ in range(2)],
    )
    page = log_in(asgi_contexts(bypass_csp=True), asked)
    page.goto(reverse("intervisie:mine"))
    asked_list = page.locator("[data-asked-as-inbrenger]")
    expect(page.get_by_role("heading", name="Gevraagd als inbrenger")).to_be_visible()
    expect(asked_list).to_contain_text("Incidentmethode")
    # Asked, so not "not invited yet" right above the request.
    expect(page.locator("main")).not_to_contain_text("nog niet uitgenodigd")
    assert serious(page) == []
    for width, height in ((1280, 800), (375, 740)):
        page.set_viewport_size({"width": width, "height": height})
        page.reload()  # the page as it opens at this width (the menu folded on a phone)
        assert screenshot(page, f"intervisie-asked-as-inbrenger-{width}").stat().st_size > 0
        # On a phone too the whole button is on the screen, nothing scrolls sideways.
        assert page.evaluate("() => document.documentElement.scrollWidth") <= width
        box = asked_list.get_by_role("button").bounding_box()
        assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= width

    asked_list.get_by_role("button", name="Bevestigen als inbrenger bij Incidentmethode").click()
    expect(page).to_have_url(re.compile(rf"/intervisie/{session.pk}/$"))
    expect(page.locator("main")).to_contain_text("Je doet mee als inbrenger.")
    expect(page.locator("[data-my-alias]")).to_have_text("Inbrenger")
    expect(page.locator("[data-inbrenger-awaited]")).to_have_count(0)
    page.goto(reverse("intervisie:mine"))
    expect(page.locator("[data-asked-as-inbrenger]")).to_have_count(0)
    expect(page.locator("main")).to_contain_text("Incidentmethode")


def test_the_planner_asks_another_inbrenger_in_the_room(asgi_contexts):
    """While the inbrenger asked has not confirmed, the facilitator's room has a form
    to ask another address: a refusal shows the reason with the address kept (axe
    finds nothing serious either way), an accepted one says the address was asked."""
    from intervisie import services
    from intervisie.models import Method
    from tests.casuistry import factories as case_factories
    from tests.members import factories as member_factories

    factories.ensure_methods()
    lead = factories.facilitator()
    services.plan_session(
        facilitator=lead,
        case_id=case_factories.case().pk,
        method=Method.objects.get(slug="incidentmethode"),
        mode="live",
        starts_at=timezone.now() + timedelta(days=1),
        inbrenger_address="eerst.gevraagd@example.org",
        participants=[member_factories.member() for _ in range(2)],
    )
    page = log_in(asgi_contexts(bypass_csp=True), lead)
    page.goto(reverse("intervisie:mine"))
    page.get_by_role("link", name=re.compile("Incidentmethode")).first.click()
    field = page.get_by_label("Een ander vragen als inbrenger: e-mailadres")
    assert serious(page) == []

    field.fill(lead.email)
    page.get_by_role("button", name="Dit adres vragen als inbrenger").click()
    expect(page.locator("[data-error-summary]")).to_contain_text("Als gespreksleider")
    expect(field).to_have_value(lead.email)
    assert serious(page) == []

    field.fill("later.gevraagd@example.org")
    page.get_by_role("button", name="Dit adres vragen als inbrenger").click()
    expect(page.locator("main")).to_contain_text("de vraag om inbrenger te zijn gekregen")
    expect(page.locator("[data-inbrenger-awaited]")).to_be_visible()


def test_a_contribution_that_arrives_while_the_room_is_fetched_again_stays(asgi_contexts):
    """A phase frame makes the room fetch itself again; a contribution that arrives
    live while that fetch is under way must not be lost when the fetched room (drawn
    before the contribution) replaces the list. The fetch is held here until the
    contribution is on the screen, so this interleaving happens every time."""
    session, lead, _inbrenger, (a, b) = factories.session()
    pages = open_rooms(asgi_contexts, session, lead=lead, a=a, b=b)
    lead_page, a_page, b_page = pages["lead"], pages["a"], pages["b"]
    press(lead_page, "Sessie starten")
    press(lead_page, "Naar de volgende fase")
    expect(b_page.locator(PHASE)).to_contain_text("Vragenronde")

    held = []

    def hold_the_refetch(route) -> None:
        if route.request.resource_type == "fetch":
            held.append((route, route.fetch()))  # the room as it is now, answered later
        else:
            route.continue_()

    b_page.route(re.compile(rf"/intervisie/{session.pk}/$"), hold_the_refetch)
    press(lead_page, "Naar de volgende fase")
    expect(a_page.locator(PHASE)).to_contain_text("Analyse")
    for _ in range(150):  # until b's room asked for itself (the phase frame came)
        if held:
            break
        b_page.wait_for_timeout(100)
    assert len(held) == 1

    write(a_page, "had de school al iets gemerkt.")
    contributions = b_page.locator("[data-intervisie-contributions]")
    expect(contributions).to_contain_text("had de school al iets gemerkt.")
    expect(b_page.locator(PHASE)).to_contain_text("Vragenronde")  # the fetch still held

    route, response = held[0]
    route.fulfill(response=response)
    expect(b_page.locator(PHASE)).to_contain_text("Analyse")
    expect(contributions).to_contain_text("had de school al iets gemerkt.")
    last = str(session.contributions.order_by("-seq").values_list("seq", flat=True)[0])
    expect(b_page.locator("#intervisie-room")).to_have_attribute("data-last-seq", last)


def test_a_text_refused_before_the_start_moves_into_the_form_once_it_runs(asgi_contexts):
    """Posted before the session began (a page drawn earlier, a second tab): the
    refusal in Dutch and the text to copy; when the facilitator starts, the writing
    form appears with that text in it, nothing lost."""
    session, lead, _inbrenger, (a, _b) = factories.session()
    pages = open_rooms(asgi_contexts, session, lead=lead, a=a)
    lead_page, a_page = pages["lead"], pages["a"]
    typed = "eerst overleggen met de aandachtsfunctionaris."
    # The post a page drawn while the session ran would send (the form is not drawn now).
    a_page.evaluate(
        """(text) => {
          const form = document.createElement("form");
          form.method = "post";
          form.action = window.location.pathname;
          const token = document.querySelector("input[name=csrfmiddlewaretoken]").cloneNode();
          const area = document.createElement("textarea");
          area.name = "text";
          area.value = text;
          form.append(token, area);
          document.body.append(form);
          form.submit();
        }""",
        typed,
    )
    refused = a_page.locator("[data-refused-text]")
    expect(refused).to_contain_text("De sessie is nu niet bezig: er kan niets bij.")
    expect(refused.get_by_label("Wat je schreef")).to_have_value(typed)
    press(lead_page, "Sessie starten")
    expect(a_page.locator(PHASE)).to_contain_text("Fase 1 van 7")
    expect(a_page.locator(f"{FORM} [data-refused-text]")).to_have_count(0)
    expect(a_page.locator(FORM).get_by_label("Je bijdrage")).to_have_value(typed)

"""After a session: the activity with its hours in the learning record's page, CSV
and PDF (the kind the registers count), the private Korthagen reflection in the
reflection log (page and PDF), the coordinator's report for the organisation, and
"niet bewaren"; and the asynchronous mode's e-mail nudge per phase from the tick,
with a frozen clock."""

from __future__ import annotations

import io
import re
from datetime import timedelta
from io import StringIO
from unittest import mock

import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from intervisie import selectors, services
from intervisie.models import Contribution, Participant
from tests.intervisie import factories
from tests.members import factories as member_factories

pytestmark = pytest.mark.django_db

REFLECTION = {
    "happened": "We bespraken een huisbezoek.",
    "felt": "Ik voelde twijfel.",
    "means": "Ik mag eerder overleggen.",
    "will_do": "Ik vraag sneller advies.",
}


def pdf_text(content: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)


def run_live_session(**options):
    """A whole live incidentmethode session of 70 minutes (7 phases of 10)."""
    session, lead, inbrenger, others = factories.session(**options)
    start = timezone.now() - timedelta(hours=2)
    session = services.start_session(session=session, actor=lead, now=start)
    services.post_contribution(
        session=session, author=others[0], text="Een gedachte bij de introductie.", now=start
    )
    for step in range(len(selectors.phases_of(session))):
        session = services.advance_phase(
            session=session, actor=lead, now=start + timedelta(minutes=10 * (step + 1))
        )
    assert session.status == "finished"
    return session, lead, inbrenger, others


def test_the_activity_with_its_hours_in_the_record_page_csv_and_pdf(client):
    _session, _lead, _inbrenger, (a, _b) = run_live_session()
    client.force_login(a)
    page = client.get(reverse("courses:learning_record")).content.decode()
    assert "Intervisie (Incidentmethode)" in page
    assert "Reflectie/intervisie" in page
    csv = client.get(reverse("courses:learning_record_csv")).content.decode("utf-8-sig")
    # 70 minutes: 1,2 hours, in the study-time column, with the kind in the status column.
    assert "Intervisie (Incidentmethode);" in csv
    assert "Reflectie/intervisie;1,2;" in csv
    pdf = pdf_text(client.get(reverse("courses:learning_record_pdf")).content)
    assert "Andere leeractiviteiten" in pdf
    assert "Intervisie (Incidentmethode)" in pdf
    assert "Reflectie/intervisie, 1.2 uur" in pdf or "Reflectie/intervisie, 1,2 uur" in pdf


def test_the_private_reflection_is_in_the_reflection_log_page_and_pdf(client):
    session, _lead, _inbrenger, (a, b) = run_live_session()
    client.force_login(a)
    response = client.post(reverse("intervisie:reflection", kwargs={"pk": session.pk}), REFLECTION)
    assert response.status_code == 302
    record = client.get(reverse("courses:learning_record")).content.decode()
    section = record.split("Mijn reflecties", 1)[1]
    assert "Intervisie (Incidentmethode)" in section
    assert "Reflectie na de sessie (Korthagen)" in section
    for text in REFLECTION.values():
        assert text in section
    log = pdf_text(client.get(reverse("courses:reflection_log_pdf")).content)
    assert "Intervisie (Incidentmethode)" in log
    assert "Ik vraag sneller advies." in log
    # Editing it updates the one entry; nobody else sees it.
    client.post(
        reverse("intervisie:reflection", kwargs={"pk": session.pk}),
        {**REFLECTION, "will_do": "Ik bel eerder."},
    )
    record = client.get(reverse("courses:learning_record")).content.decode()
    assert record.count("Reflectie na de sessie (Korthagen)") == 1
    assert "Ik bel eerder." in record
    client.force_login(b)
    assert "Ik bel eerder." not in client.get(reverse("courses:learning_record")).content.decode()
    log_b = pdf_text(client.get(reverse("courses:reflection_log_pdf")).content)
    assert "Ik bel eerder." not in log_b


def test_the_coordinator_report_counts_the_session_for_the_organisation(client):
    org = member_factories.organisation("Kwadraad")
    lead = member_factories.member(role="Facilitator", org=org)
    run_live_session(lead=lead)
    coordinator = member_factories.member(role="Coordinator", with_mfa=True, org=org)
    coordinator.profile.coordinated_organisations.add(org)
    client.force_login(coordinator)
    page = client.get(reverse("courses:reports")).content.decode()
    section = page.split("data-activity-report", 1)[1].split("</table>", 1)[0]
    assert "Reflectie/intervisie" in section
    # Only the facilitator is of this organisation: one activity, one member, 1,2 hours.
    # (cells carry a data-label for the phone's card layout)
    assert len(re.findall(r'<td class="utrecht-table__cell"[^>]*>1</td>', section)) == 2
    assert re.search(r'<td class="utrecht-table__cell"[^>]*>1,2</td>', section)


def test_niet_bewaren_removes_the_text_after_the_session_and_keeping_keeps_it(client):
    removed, _lead, _inbrenger, (a, _b) = run_live_session(keep_text=False)
    kept, _lead2, _inbrenger2, (c, _d) = run_live_session(keep_text=True)
    assert list(Contribution.objects.filter(session=removed).values_list("text", flat=True)) == [""]
    client.force_login(a)
    page = client.get(reverse("intervisie:room", kwargs={"pk": removed.pk})).content.decode()
    assert "Een gedachte bij de introductie." not in page
    assert "na de sessie verwijderd" in page
    client.force_login(c)
    page = client.get(reverse("intervisie:room", kwargs={"pk": kept.pk})).content.decode()
    assert "Een gedachte bij de introductie." in page


def test_the_tick_nudges_each_participant_once_per_async_phase_without_case_text(
    django_capture_on_commit_callbacks,
):
    start = timezone.now().replace(microsecond=0) + timedelta(hours=1)
    session, lead, inbrenger, others = factories.session(
        method="moreel_beraad", mode="async", starts_at=start
    )
    everyone = {lead.email, inbrenger.email, *(u.email for u in others)}

    def tick(at):
        mail.outbox.clear()
        out = StringIO()
        with (
            mock.patch("django.utils.timezone.now", return_value=at),
            django_capture_on_commit_callbacks(execute=True),
        ):
            call_command("intervisie_tick", stdout=out)
        return out.getvalue(), list(mail.outbox)

    # Before the start: no nudge (the reminder of the day before goes, once).
    output, sent = tick(start - timedelta(minutes=30))
    assert "0 phase nudge(s)" in output
    assert {m.subject.split(":")[0] for m in sent} == {"Herinnering"}
    # The first phase opens: everyone once, however often the tick runs.
    output, sent = tick(start + timedelta(minutes=5))
    assert "4 phase nudge(s)" in output
    assert {m.to[0] for m in sent} == everyone
    assert all(m.subject == "Intervisie: fase 1 van 7 is open" for m in sent)
    for message in sent:
        assert "Dilemma" in message.body
        assert f"/intervisie/{session.pk}/" in message.body
        assert session.case_title not in message.subject + message.body
        assert "blauwe plekken" not in message.body
    for minutes in (10, 15, 60 * 24):
        output, sent = tick(start + timedelta(minutes=minutes))
        assert sent == [] and "0 phase nudge(s)" in output
    # Two days later the second phase opens: one more each.
    output, sent = tick(start + timedelta(days=2, minutes=5))
    assert len(sent) == 4
    assert all(m.subject == "Intervisie: fase 2 van 7 is open" for m in sent)
    assert "Feiten" in sent[0].body
    _output, sent = tick(start + timedelta(days=2, minutes=10))
    assert sent == []
    # Nobody ran the tick for four days: only the phase open now is nudged.
    _output, sent = tick(start + timedelta(days=6, minutes=5))
    assert {m.subject for m in sent} == {"Intervisie: fase 4 van 7 is open"}
    assert len(sent) == 4
    assert set(
        Participant.objects.filter(session=session).values_list("nudged_phase", flat=True)
    ) == {3}
    # A live session gets no nudges.
    live, *_ = factories.session(starts_at=start)
    services.start_session(session=live, actor=live.facilitator)
    _output, sent = tick(start + timedelta(days=6, minutes=10))
    assert sent == []

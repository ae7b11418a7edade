"""Activities that are not courses (intervisie): the service, the learning record's
page, CSV and PDF, and the coordinator's report."""

from __future__ import annotations

import io
from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone
from pypdf import PdfReader

from courses.models import LearningActivity
from courses.services import record_activity
from tests.members import factories

pytestmark = pytest.mark.django_db


def _record(user, minutes=90, source="intervisie:1"):
    return record_activity(
        user=user,
        kind="intervisie",
        title="Intervisie (Incidentmethode)",
        minutes=minutes,
        occurred_on=timezone.localdate(),
        source=source,
    )


def test_record_activity_is_once_per_source_and_checks_its_input(member):
    _record(member)
    activity = _record(member, minutes=75)
    assert LearningActivity.objects.filter(user=member).count() == 1
    assert activity.hours == Decimal("1.2")
    with pytest.raises(ValidationError):
        record_activity(
            user=member,
            kind="cursus",
            title="x",
            minutes=5,
            occurred_on=date(2026, 1, 1),
            source="y",
        )
    with pytest.raises(ValidationError):
        _record(member, minutes=0, source="intervisie:2")


def test_the_learning_record_shows_the_activity_in_page_csv_and_pdf(client, member):
    _record(member)
    client.force_login(member)
    page = client.get("/mijn/leerdossier/").content.decode()
    assert "Intervisie (Incidentmethode)" in page
    assert "Reflectie/intervisie" in page
    assert "1.5" in page or "1,5" in page
    csv = client.get("/mijn/leerdossier/leerdossier.csv").content.decode("utf-8-sig")
    assert "Intervisie (Incidentmethode);" in csv
    assert "Reflectie/intervisie;1,5" in csv
    pdf = client.get("/mijn/leerdossier/leerdossier.pdf")
    assert pdf.status_code == 200
    assert pdf.content.startswith(b"%PDF")


def test_the_coordinator_report_counts_activities_of_the_organisation(client, member):
    org = member.profile.organisation
    _record(member)
    other_org = factories.organisation("Elders")
    _record(factories.member(org=other_org), source="intervisie:9")
    coordinator = factories.member(role="Coordinator", with_mfa=True, org=org)
    coordinator.profile.coordinated_organisations.add(org)
    client.force_login(coordinator)
    page = client.get("/rapportages/").content.decode()
    section = page.split("data-activity-report", 1)[1]
    assert "Reflectie/intervisie" in section
    assert '<td class="utrecht-table__cell" data-label="Aantal">1</td>' in section
    assert "1.5" in section or "1,5" in section


def test_intervisie_hours_are_written_the_dutch_way_in_page_pdf_csv_and_report(client, member):
    """1,5 uur, never "1.5": on the page, in the PDF and CSV meant for people, and in
    the coordinator's report."""
    _record(member)
    client.force_login(member)
    page = client.get("/mijn/leerdossier/").content.decode()
    main = page[page.index("<main") : page.index("</main>")]
    assert '<td class="utrecht-table__cell">1,5</td>' in main
    assert "1.5" not in main
    pdf = client.get("/mijn/leerdossier/leerdossier.pdf").content
    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages)
    assert "1,5 uur" in text and "1.5" not in text
    csv = client.get("/mijn/leerdossier/leerdossier.csv").content.decode("utf-8-sig")
    assert "1.5" not in csv

    org = member.profile.organisation
    coordinator = factories.member(role="Coordinator", with_mfa=True, org=org)
    coordinator.profile.coordinated_organisations.add(org)
    client.force_login(coordinator)
    report = client.get("/rapportages/").content.decode().split("data-activity-report", 1)[1]
    assert '<td class="utrecht-table__cell" data-label="Uren">1,5</td>' in report

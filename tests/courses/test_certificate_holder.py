"""A certificate names the holder as they were when it was issued: renaming the
profile afterwards changes neither the verification page, the PDF nor the
attendance list. A correction goes through one audited service."""

from __future__ import annotations

import csv
import importlib
import io

import pytest
from django.apps import apps
from django.core.exceptions import ValidationError
from pypdf import PdfReader

from courses import services
from courses.models import Completion
from members.models import AuditEvent
from tests.courses import factories as cf

pytestmark = pytest.mark.django_db


def _issue(member, course):
    member.profile.display_name = "Sam de Vries"
    member.profile.skj_number = "100012345"
    member.profile.save()
    completion = cf.complete(member, course)
    member.profile.display_name = "Iemand Anders"
    member.profile.skj_number = "100099999"
    member.profile.save()
    return completion


def test_renaming_after_completion_changes_no_certificate(client, member, course):
    completion = _issue(member, course)

    verify = client.get(f"/certificaat/{completion.code}/").content.decode()
    client.force_login(member)
    pdf = client.get(f"/mijn/certificaten/{completion.code}.pdf")
    text = PdfReader(io.BytesIO(pdf.content)).pages[0].extract_text()
    client.force_login(cf.coordinator_of(member.profile.organisation))
    attendance = client.get(f"/rapportages/presentielijst.csv?course={course.pk}&register=SKJ")
    lines = list(csv.reader(io.StringIO(attendance.content.decode("utf-8-sig")), delimiter=";"))

    assert "Sam de Vries" in verify and "Iemand Anders" not in verify
    assert "Sam de Vries" in text and "100012345" in text
    assert "Iemand Anders" not in text and "100099999" not in text
    assert lines[1][:2] == ["Sam de Vries", "100012345"]


def test_a_correction_is_audited_and_shown_everywhere(client, member, course, superuser):
    completion = _issue(member, course)

    corrected = services.correct_certificate_holder(
        actor=superuser,
        completion=completion,
        name="Sam de Vries-Jansen",
        register_numbers={"SKJ": "100012346"},
        reason="SKJ meldde een typefout in het nummer",
    )

    assert corrected.holder_name == "Sam de Vries-Jansen"
    event = AuditEvent.objects.get(action=services.AUDIT_CERTIFICATE_CORRECTED)
    assert (event.actor, event.subject, event.object_id) == (superuser, member, str(completion.pk))
    assert "typefout" in event.reason
    assert "Sam de Vries-Jansen" in client.get(f"/certificaat/{completion.code}/").content.decode()
    with pytest.raises(ValidationError):
        services.correct_certificate_holder(
            actor=superuser, completion=completion, name="X", register_numbers={}, reason=" "
        )
    for numbers, reason in (
        ({"Onbekend": "1"}, "typefout"),
        ({"SKJ": "1" * 21}, "typefout"),
        ({}, "r" * 501),
    ):
        with pytest.raises(ValidationError):
            services.correct_certificate_holder(
                actor=superuser,
                completion=completion,
                name="X",
                register_numbers=numbers,
                reason=reason,
            )
    assert Completion.objects.get(pk=completion.pk).holder_name == "Sam de Vries-Jansen"
    assert AuditEvent.objects.filter(action=services.AUDIT_CERTIFICATE_CORRECTED).count() == 1


def test_the_data_migration_fills_certificates_issued_before_it(member, course):
    member.profile.display_name = "Sam de Vries"
    member.profile.registerplein_number = "12345678"
    member.profile.save()
    completion = cf.complete(member, course)
    Completion.objects.filter(pk=completion.pk).update(holder_name="", holder_register_numbers={})
    migration = importlib.import_module(
        "courses.migrations.0002_certificate_holder_and_text_limits"
    )

    migration.fix_holders_of_issued_certificates(apps, None)

    completion.refresh_from_db()
    assert completion.holder_name == "Sam de Vries"
    assert completion.holder_register_numbers == {"Registerplein": "12345678"}

"""The privacy gate the apps share (members.privacy_gate): one place for the
detector's answer, the blocking findings, the placeholders to accept, mentions that
are no names, and the detector being down."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

import privacy
from members import privacy_gate
from tests.members import factories

pytestmark = pytest.mark.django_db

NAME = "Ik sprak met haar man Dmytro Kowalczyk over de school."
PHONE = "Bel haar op 06-12345678 als het nodig is."


@pytest.fixture
def service_down(settings):
    """A detector service nobody listens on: port 9 (discard) on the loopback."""
    settings.PRIVACY_SERVICE_URL = "http://127.0.0.1:9"


def test_a_detector_that_is_down_raises_the_apps_own_message(service_down):
    with pytest.raises(ValidationError) as caught:
        privacy_gate.scan(NAME, unavailable="De controle werkt niet.")
    assert caught.value.code == "privacy_unavailable"
    assert caught.value.messages == ["De controle werkt niet."]
    assert "Dmytro" not in str(caught.value)


def test_without_a_message_the_privacy_packages_errors_pass(service_down):
    with pytest.raises(privacy.PrivacyServiceError):
        privacy_gate.scan(NAME)


def test_a_text_over_the_limit_gets_its_own_message_or_the_unavailable_one():
    with pytest.raises(ValidationError) as caught:
        privacy_gate.scan(
            "a" * 11, max_chars=10, unavailable="weg", too_long="%(length)s>%(max_chars)s"
        )
    assert (caught.value.code, caught.value.messages) == ("too_long", ["11>10"])
    with pytest.raises(ValidationError) as caught:
        privacy_gate.scan("a" * 11, max_chars=10, unavailable="weg")
    assert (caught.value.code, caught.value.messages) == ("privacy_unavailable", ["weg"])


def test_a_structured_identifier_blocks_and_a_name_asks_for_confirmation():
    with pytest.raises(privacy_gate.TextBlocked) as blocked:
        privacy_gate.accepted_text(PHONE, accepted_placeholders=(), field="note")
    assert blocked.value.field == "note"
    assert "06-12345678" not in str(blocked.value)
    with pytest.raises(privacy_gate.ConfirmationNeeded) as asked:
        privacy_gate.accepted_text(NAME, accepted_placeholders=())
    stored = privacy_gate.accepted_text(
        f"  {NAME}  ", accepted_placeholders=asked.value.placeholders
    )
    assert "Dmytro" not in stored
    assert stored == asked.value.redacted
    assert not stored.startswith(" ")


def test_a_mention_of_a_member_or_an_alias_is_no_finding():
    factories.member(pseudonym="Jan de Boer")
    text = "Dank je @Jan de Boer en @Deelnemer B, dat hielp."
    assert privacy_gate.scan(text)  # the detector alone sees a name
    assert privacy_gate.check(text).clean
    assert privacy_gate.accepted_text(text, accepted_placeholders=()) == text

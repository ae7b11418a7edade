"""Sign-up: vetted membership through e-mail domains or a coordinator's approval."""

import re

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from members import services
from members.forms import ERROR_PSEUDONYM_TAKEN, ERROR_UNKNOWN_ORGANISATION
from members.models import AuditAction, AuditEvent, MembershipStatus, Profile
from tests.members import factories

pytestmark = pytest.mark.django_db

PASSWORD = "een-lang-wachtwoord-2026"


def signup_data(org, **overrides):
    data = {
        "email": "nieuw@lansingerland.nl",
        "password1": PASSWORD,
        "password2": PASSWORD,
        "display_name": "Noor de Wit",
        "pseudonym": "Noor uit Berkel",
        "organisation": str(org.pk),
        "profession": "jeugdconsulent",
        "skj_number": "100012345",
        "registerplein_number": "",
        "big_number": "",
        "vvn_number": "",
    }
    data.update(overrides)
    return data


def confirm_email(client):
    body = mail.outbox[-1].body
    key = re.search(r"/account/confirm-email/([^/\s]+)/", body).group(1)
    mail.outbox.clear()
    return client.post(reverse("account_confirm_email", args=[key]))


def test_a_verified_address_on_a_known_domain_is_a_member_at_once(client):
    org = factories.organisation("Gemeente Lansingerland", domain="lansingerland.nl")

    response = client.post(reverse("account_signup"), signup_data(org))
    assert response.status_code == 302
    profile = Profile.objects.get(user__email="nieuw@lansingerland.nl")
    assert profile.status == MembershipStatus.PENDING  # not before the address is verified

    confirm_email(client)

    profile.refresh_from_db()
    assert profile.status == MembershipStatus.APPROVED
    assert profile.organisation == org
    assert list(profile.user.groups.values_list("name", flat=True)) == ["Professional"]
    assert profile.skj_number == "100012345"
    assert AuditEvent.objects.filter(
        action=AuditAction.SIGNUP_APPROVED_BY_DOMAIN, subject=profile.user
    ).exists()


def test_an_unknown_domain_waits_for_a_coordinator_of_the_chosen_organisation(
    client, django_capture_on_commit_callbacks
):
    org = factories.organisation("Kwadraad", domain="kwadraad.nl")
    coordinator = factories.member(role="Coordinator", with_mfa=True, org=org)
    coordinator.profile.coordinated_organisations.add(org)

    client.post(reverse("account_signup"), signup_data(org, email="iemand@gmail.com"))
    with django_capture_on_commit_callbacks(execute=True):
        confirm_email(client)

    profile = Profile.objects.get(user__email="iemand@gmail.com")
    assert profile.status == MembershipStatus.PENDING
    assert profile.user.groups.count() == 0
    # The coordinator is told a sign-up waits.
    assert [m.to for m in mail.outbox] == [[coordinator.email]]
    assert "aanmeldingen" in mail.outbox[0].body


def test_a_coordinator_of_another_organisation_cannot_approve(client):
    own = factories.organisation("Kwadraad")
    other = factories.organisation("Politie Rotterdam")
    pending = factories.member(role=None, status=MembershipStatus.PENDING, org=own)
    outsider = factories.member(role="Coordinator", with_mfa=True, org=other)
    outsider.profile.coordinated_organisations.add(other)
    client.force_login(outsider)

    queue = client.get(reverse("members_pending"))
    response = client.post(reverse("members_approve", args=[pending.profile.pk]))

    assert queue.status_code == 200
    assert pending.email not in queue.content.decode()
    # Refused: Wagtail's admin turns PermissionDenied into a redirect with a message.
    assert response.status_code in (302, 403)
    assert response.get("Location", "") != reverse("members_pending")
    pending.profile.refresh_from_db()
    assert pending.profile.status == MembershipStatus.PENDING


def test_the_service_refuses_a_coordinator_of_another_organisation():
    own = factories.organisation("Kwadraad")
    other = factories.organisation("Politie Rotterdam")
    pending = factories.member(role=None, status=MembershipStatus.PENDING, org=own)
    outsider = factories.member(role="Coordinator", with_mfa=True, org=other)
    outsider.profile.coordinated_organisations.add(other)

    with pytest.raises(PermissionDenied):
        services.approve_member(actor=outsider, profile=pending.profile)


def test_a_coordinator_approves_a_member_of_their_own_organisation(client):
    own = factories.organisation("Kwadraad")
    pending = factories.member(role=None, status=MembershipStatus.PENDING, org=own)
    coordinator = factories.member(role="Coordinator", with_mfa=True, org=own)
    coordinator.profile.coordinated_organisations.add(own)
    client.force_login(coordinator)

    queue = client.get(reverse("members_pending"))
    with_commit = client.post(reverse("members_approve", args=[pending.profile.pk]))

    assert pending.email in queue.content.decode()
    assert with_commit.status_code == 302
    pending.profile.refresh_from_db()
    assert pending.profile.status == MembershipStatus.APPROVED
    assert pending.groups.filter(name="Professional").exists()
    assert AuditEvent.objects.filter(
        action=AuditAction.SIGNUP_APPROVED, actor=coordinator, subject=pending
    ).exists()


def test_refusal_needs_a_reason_and_sends_it_to_the_member(
    client, django_capture_on_commit_callbacks
):
    own = factories.organisation("Kwadraad")
    pending = factories.member(role=None, status=MembershipStatus.PENDING, org=own)
    coordinator = factories.member(role="Coordinator", with_mfa=True, org=own)
    coordinator.profile.coordinated_organisations.add(own)
    client.force_login(coordinator)
    url = reverse("members_refuse", args=[pending.profile.pk])

    empty = client.post(url, {"reason": "  "})
    assert empty.status_code == 200
    assert str(services.ERROR_REASON_REQUIRED) in empty.content.decode()

    with django_capture_on_commit_callbacks(execute=True):
        client.post(url, {"reason": "Je werkt niet bij een organisatie in de regio."})

    pending.profile.refresh_from_db()
    assert pending.profile.status == MembershipStatus.REFUSED
    assert mail.outbox[-1].to == [pending.email]
    assert "Je werkt niet bij een organisatie in de regio." in mail.outbox[-1].body
    # The audit log says a refusal happened, not what was written about the member.
    event = AuditEvent.objects.get(action=AuditAction.SIGNUP_REFUSED)
    assert event.reason == ""


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("pseudonym", "BESTAAT AL", str(ERROR_PSEUDONYM_TAKEN)),
        ("skj_number", "12-ab", "Een SKJ-nummer bestaat uit 5 tot 9 cijfers"),
        ("big_number", "1234", "Een BIG-nummer bestaat uit 11 cijfers"),
        ("organisation", "999999", str(ERROR_UNKNOWN_ORGANISATION)),
        ("pseudonym", "iemand@example.org", "Gebruik geen e-mailadres als schuilnaam"),
    ],
)
def test_bad_input_gets_a_dutch_message_and_keeps_what_was_typed(client, field, value, message):
    org = factories.organisation()
    factories.member(pseudonym="Bestaat al")

    response = client.post(reverse("account_signup"), signup_data(org, **{field: value}))

    html = response.content.decode()
    assert response.status_code == 200
    assert message in html.replace("&#x27;", "'")
    assert 'value="Noor de Wit"' in html
    assert 'value="nieuw@lansingerland.nl"' in html
    if field != "organisation":
        assert f'value="{value}"' in html
    assert not Profile.objects.filter(user__email="nieuw@lansingerland.nl").exists()

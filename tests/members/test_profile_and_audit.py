"""The member's profile, and the audit log in the Wagtail admin."""

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from members.forms import ERROR_PSEUDONYM_TAKEN
from members.models import AuditAction, AuditEvent
from members.services import record_event
from tests.members import factories

pytestmark = pytest.mark.django_db


def profile_data(**overrides):
    data = {
        "display_name": "Noor de Wit",
        "pseudonym": "Noor uit Berkel",
        "profession": "jeugdconsulent",
        "skj_number": "",
        "registerplein_number": "",
        "big_number": "",
        "vvn_number": "",
        "notify_replies": "on",
    }
    data.update(overrides)
    return data


def test_a_member_edits_their_profile(client):
    user = factories.member()
    client.force_login(user)

    response = client.post(reverse("members:profile"), profile_data(skj_number="100 012 345"))

    assert response.status_code == 302
    user.profile.refresh_from_db()
    assert user.profile.pseudonym == "Noor uit Berkel"
    assert user.profile.skj_number == "100012345"
    assert user.profile.notify_mentions is False


def test_a_taken_pseudonym_is_refused_and_everything_typed_stays(client):
    factories.member(pseudonym="Zonnebloem")
    user = factories.member()
    client.force_login(user)

    response = client.post(
        reverse("members:profile"),
        profile_data(pseudonym="zonnebloem", registerplein_number="123456"),
    )

    html = response.content.decode()
    assert response.status_code == 200
    assert str(ERROR_PSEUDONYM_TAKEN) in html
    assert 'value="zonnebloem"' in html
    assert 'value="123456"' in html
    assert 'value="Noor de Wit"' in html
    # The error summary at the top links to the field.
    assert 'href="#id_pseudonym"' in html


def test_a_pending_member_sees_why_on_their_profile(client):
    user = factories.member(role=None, status="pending")
    client.force_login(user)

    html = client.get(reverse("members:profile")).content.decode()

    assert "wacht op goedkeuring door een coördinator" in html


def test_moderators_read_the_audit_log_but_cannot_change_it(client):
    moderator = factories.member(role="Moderator", with_mfa=True)
    event = record_event(action=AuditAction.DATA_EXPORTED, subject=moderator)
    client.force_login(moderator)

    listing = client.get(reverse("audit_log:index"))
    inspect = client.get(reverse("audit_log:inspect", args=[event.pk]))
    edit = client.get(reverse("audit_log:edit", args=[event.pk]))
    add = client.post(reverse("audit_log:add"), {"reason": "vals"})
    delete = client.post(reverse("audit_log:delete", args=[event.pk]))

    assert listing.status_code == 200
    assert "Gegevens gedownload" in listing.content.decode()
    assert inspect.status_code == 200
    for refused in (edit, add, delete):
        assert refused.status_code in (302, 403)
        assert not refused.get("Location", "").startswith(reverse("audit_log:index") + "?")
    assert AuditEvent.objects.count() == 1
    assert AuditEvent.objects.get().reason == ""


def test_a_professional_cannot_read_the_audit_log(client):
    client.force_login(factories.member())

    response = client.get(reverse("audit_log:index"))

    # The admin's door refuses a logged-in member with the 403 page, not a login loop.
    assert response.status_code == 403


def test_changing_roles_in_the_admin_is_audited(client, superuser):
    member = factories.member(role="Professional")
    client.force_login(superuser)
    moderator_group = Group.objects.get(name="Moderator")

    response = client.post(
        reverse("wagtailusers_users:edit", args=[member.pk]),
        {
            "email": member.email,
            "first_name": member.first_name,
            "last_name": member.last_name,
            "is_active": "on",
            "groups": [str(moderator_group.pk)],
        },
    )

    assert response.status_code == 302, response.content.decode()[:3000]
    assert list(member.groups.values_list("name", flat=True)) == ["Moderator"]
    event = AuditEvent.objects.get(action=AuditAction.ROLES_CHANGED, subject=member)
    assert event.actor == superuser
    assert event.reason == "Moderator"


def test_the_menu_shows_each_member_their_own_way_in(client, home_page):
    visitor = client.get("/").content.decode()
    assert reverse("account_signup") in visitor
    assert reverse("members:profile") not in visitor

    client.force_login(factories.member())
    professional = client.get("/").content.decode()
    assert reverse("members:profile") in professional
    assert 'href="/beheer/"' not in professional

    client.force_login(factories.member(role="Coordinator", with_mfa=True))
    assert 'href="/beheer/"' in client.get("/").content.decode()


def test_an_administrator_assigns_a_coordinator_their_organisations(client, superuser):
    org = factories.organisation("Kwadraad")
    coordinator = factories.member(role="Coordinator", with_mfa=True)
    client.force_login(superuser)

    response = client.post(
        reverse("member_profiles:edit", args=[coordinator.profile.pk]),
        {
            "organisation": str(org.pk),
            "profession": "procesregisseur",
            "coordinated_organisations": [str(org.pk)],
        },
    )

    assert response.status_code == 302
    assert list(coordinator.profile.coordinated_organisations.all()) == [org]


def test_coordinators_cannot_browse_the_profiles_of_every_organisation(client):
    client.force_login(factories.member(role="Coordinator", with_mfa=True))

    response = client.get(reverse("member_profiles:index"))

    assert response.status_code == 302

"""A profile changes only through named services: a member edits named fields,
an administrator's changes are audited, a GET writes nothing, and every free
text has a limit with a Dutch message."""

import pytest
from django.apps import apps
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from members import services
from members.forms import RefusalForm
from members.models import AuditAction, AuditEvent, MembershipStatus, Profile
from members.validators import ERROR_TOO_LONG, MAX_REASON_LENGTH
from tests.leerwerkplaats.factories import UserFactory
from tests.members import factories
from tests.members.test_profile_and_audit import profile_data

pytestmark = pytest.mark.django_db


def too_long(limit: int, length: int) -> str:
    return str(ERROR_TOO_LONG) % {"limit_value": limit, "show_value": length}


def row_counts() -> dict[str, int]:
    return {model._meta.label: model._default_manager.count() for model in apps.get_models()}


# --- named fields ----------------------------------------------------------------


def test_update_profile_cannot_set_the_membership_status():
    profile = factories.member(status=MembershipStatus.PENDING).profile

    with pytest.raises(TypeError):
        services.update_profile(
            profile=profile,
            display_name="Noor",
            pseudonym="Noor uit Berkel",
            profession="jeugdconsulent",
            status=MembershipStatus.APPROVED,
        )

    profile.refresh_from_db()
    assert profile.status == MembershipStatus.PENDING


def test_a_posted_status_is_ignored(client):
    user = factories.member(status=MembershipStatus.PENDING)
    client.force_login(user)

    client.post(reverse("members:profile"), profile_data(status="approved", organisation="1"))

    user.profile.refresh_from_db()
    assert user.profile.status == MembershipStatus.PENDING
    assert user.profile.pseudonym == "Noor uit Berkel"


# --- the administrator's member view --------------------------------------------


def test_an_administrator_changes_organisations_through_an_audited_service(client, superuser):
    old, new = factories.organisation("Kwadraad"), factories.organisation("Veilig Thuis")
    member = factories.member(org=old, role="Coordinator", with_mfa=True)
    client.force_login(superuser)

    response = client.post(
        reverse("member_profiles:edit", args=[member.profile.pk]),
        {
            "organisation": str(new.pk),
            "profession": "procesregisseur",
            "coordinated_organisations": [str(new.pk)],
        },
    )

    assert response.status_code == 302, response.content.decode()[:2000]
    member.profile.refresh_from_db()
    assert member.profile.organisation == new
    assert list(member.profile.coordinated_organisations.all()) == [new]
    event = AuditEvent.objects.get(action=AuditAction.PROFILE_CHANGED)
    assert (event.actor, event.subject) == (superuser, member)
    assert event.reason == (
        f"organisation={new.pk}; profession=procesregisseur; coordinated_organisations={new.pk}"
    )


def test_only_an_administrator_may_change_a_membership():
    coordinator = factories.member(role="Coordinator", with_mfa=True)
    member = factories.member()

    with pytest.raises(PermissionDenied):
        services.change_membership(
            actor=coordinator,
            profile=member.profile,
            organisation=None,
            profession="",
            coordinated_organisations=[],
        )
    assert not AuditEvent.objects.exists()


# --- GET is read-only ------------------------------------------------------------


def test_a_get_changes_no_row(client):
    user = UserFactory()  # logged in before a profile row exists
    client.force_login(user)
    before = row_counts()

    for name in ("members:profile", "members:my_data", "members:download_my_data"):
        client.get(reverse(name))

    assert row_counts() == before
    assert not Profile.objects.filter(user=user).exists()
    assert client.get(reverse("members:download_my_data")).status_code == 405


def test_a_member_without_a_profile_row_saves_one_by_post(client):
    user = UserFactory()
    client.force_login(user)

    response = client.post(reverse("members:profile"), profile_data())

    assert response.status_code == 302
    assert Profile.objects.get(user=user).pseudonym == "Noor uit Berkel"


# --- limits ------------------------------------------------------------------------


def test_a_too_long_display_name_is_refused_in_dutch_and_the_input_stays(client):
    user = factories.member()
    client.force_login(user)
    name = "N" * 151

    response = client.post(reverse("members:profile"), profile_data(display_name=name))

    html = response.content.decode()
    assert response.status_code == 200
    assert too_long(150, 151) in html
    assert f'value="{name}"' in html
    user.profile.refresh_from_db()
    assert user.profile.display_name != name


def test_the_services_refuse_too_long_text_too():
    profile = factories.member().profile

    with pytest.raises(ValidationError) as refused:
        services.update_profile(
            profile=profile,
            display_name="N" * 151,
            pseudonym="Noor uit Berkel",
            profession="jeugdconsulent",
            vvn_number="1" * 21,
        )

    assert refused.value.message_dict == {
        "display_name": [too_long(150, 151)],
        "vvn_number": [too_long(20, 21)],
    }


def test_a_refusal_reason_has_a_limit_in_the_form_and_the_service():
    org = factories.organisation("Kwadraad")
    coordinator = factories.member(role="Coordinator", with_mfa=True, org=org)
    coordinator.profile.coordinated_organisations.add(org)
    pending = factories.member(role=None, status=MembershipStatus.PENDING, org=org)
    reason = "x" * (MAX_REASON_LENGTH + 1)

    form = RefusalForm({"reason": reason})
    with pytest.raises(ValidationError) as refused:
        services.refuse_member(actor=coordinator, profile=pending.profile, reason=reason)

    assert form.errors["reason"] == [too_long(MAX_REASON_LENGTH, MAX_REASON_LENGTH + 1)]
    assert refused.value.message_dict["reason"] == [
        too_long(MAX_REASON_LENGTH, MAX_REASON_LENGTH + 1)
    ]
    pending.profile.refresh_from_db()
    assert pending.profile.status == MembershipStatus.PENDING

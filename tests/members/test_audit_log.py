"""The audit log: apps register their own actions (no members migration), and
each reader sees only their part of it, by pseudonym, never by address."""

from io import StringIO

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.urls import reverse
from wagtail.permissions import policy_registry

from members import audit
from members.models import AuditAction, AuditEvent, Profile
from members.selectors import audit_events_visible_to
from members.services import record_event
from members.wagtail_permissions import PredicatePermissionPolicy
from tests.members import factories

pytestmark = pytest.mark.django_db

HIDDEN = "testapp.post_hidden"
ARCHIVED = "testapp.archived"


@pytest.fixture(autouse=True)
def test_app_actions(monkeypatch):
    """A test app registers its actions the way an app's ready() does."""
    monkeypatch.setattr(audit, "_registry", dict(audit._registry))
    audit.register_actions("testapp", {HIDDEN: "Bericht verborgen (test)"}, moderation=True)
    audit.register_actions("testapp", {ARCHIVED: "Gearchiveerd (test)"})


def test_an_action_an_app_registered_is_recorded_and_shown_by_its_label(client, superuser):
    member = factories.member()
    record_event(action=HIDDEN, actor=superuser, subject=member)
    client.force_login(superuser)

    html = client.get(reverse("audit_log:index")).content.decode()

    assert AuditEvent.objects.get().action == HIDDEN
    assert "Bericht verborgen (test)" in html
    # No migration needed for it: models and migrations agree.
    call_command("makemigrations", "members", "--check", "--dry-run", stdout=StringIO())


def test_an_unregistered_action_is_refused():
    with pytest.raises(ValidationError) as refused:
        record_event(action="testapp.never_registered", subject=factories.member())

    assert refused.value.message_dict["action"] == [str(audit.ERROR_UNKNOWN_ACTION)]
    assert not AuditEvent.objects.exists()


def test_an_app_cannot_take_over_another_apps_action():
    with pytest.raises(ValueError, match="already belongs to members"):
        audit.register_actions("testapp", {AuditAction.ROLES_CHANGED: "Overgenomen"})


@pytest.fixture
def two_organisations():
    ours, theirs = factories.organisation("Kwadraad"), factories.organisation("Veilig Thuis")
    coordinator = factories.member(
        role="Coordinator", with_mfa=True, org=ours, email="cor@kwadraad.nl"
    )
    coordinator.profile.coordinated_organisations.add(ours)
    colleague = factories.member(org=ours, email="anna@kwadraad.nl", pseudonym="Anna-K")
    stranger = factories.member(org=theirs, email="bert@veiligthuis.nl", pseudonym="Bert-VT")
    moderator = factories.member(role="Moderator", with_mfa=True, org=theirs, email="mo@vt.nl")
    events = {
        "colleague": record_event(
            action=AuditAction.SIGNUP_APPROVED, actor=coordinator, subject=colleague
        ),
        "stranger": record_event(action=AuditAction.ROLES_CHANGED, subject=stranger),
        "moderation": record_event(action=HIDDEN, actor=moderator, subject=stranger),
        "archived": record_event(action=ARCHIVED, subject=stranger),
    }
    return coordinator, moderator, events


def visible(user, events):
    shown = set(audit_events_visible_to(user))
    return {name for name, event in events.items() if event in shown}


def test_a_coordinator_sees_events_about_members_of_their_organisations(client, two_organisations):
    coordinator, _moderator, events = two_organisations
    client.force_login(coordinator)

    response = client.get(reverse("audit_log:index"))
    html = response.content.decode()
    foreign = client.get(reverse("audit_log:inspect", args=[events["stranger"].pk]))
    own = client.get(reverse("audit_log:inspect", args=[events["colleague"].pk]))

    assert visible(coordinator, events) == {"colleague"}
    assert list(response.context["object_list"]) == [events["colleague"]]
    assert "Anna-K" in html
    assert "Bert-VT" not in html
    assert foreign.status_code == 404
    assert own.status_code == 200
    assert "Anna-K" in own.content.decode()
    for address in ("cor@kwadraad.nl", "anna@kwadraad.nl", "bert@veiligthuis.nl"):
        assert address not in html
        assert address not in own.content.decode()


def test_a_moderator_sees_moderation_events_only(client, two_organisations):
    _coordinator, moderator, events = two_organisations
    client.force_login(moderator)

    response = client.get(reverse("audit_log:index"))
    html = response.content.decode()

    assert visible(moderator, events) == {"moderation"}
    assert list(response.context["object_list"]) == [events["moderation"]]
    assert "mo@vt.nl" not in html
    assert "bert@veiligthuis.nl" not in html


def test_administrators_see_everything_by_reference(client, superuser, two_organisations):
    _coordinator, _moderator, events = two_organisations
    Profile.objects.filter(pseudonym="Bert-VT").update(pseudonym=None)  # e.g. erased
    stranger = events["stranger"].subject
    client.force_login(superuser)

    html = client.get(reverse("audit_log:index")).content.decode()

    assert visible(superuser, events) == set(events)
    assert f"lid #{stranger.pk}" in html
    assert "bert@veiligthuis.nl" not in html


def test_a_professional_sees_nothing_of_the_log(two_organisations):
    _coordinator, _moderator, events = two_organisations

    assert visible(factories.member(), events) == set()


def test_other_apps_build_admin_permissions_on_the_shared_policy():
    policy = policy_registry.get_by_type(AuditEvent)

    assert isinstance(policy, PredicatePermissionPolicy)
    assert type(policy).__module__ == "members.wagtail_permissions"
    assert isinstance(policy_registry.get_by_type(Profile), PredicatePermissionPolicy)

"""One rule, one place: who is a coordinator is `members.permissions.can_coordinate`;
the query form of it (`members.selectors.coordinators`) names exactly the same users."""

import pytest
from django.contrib.auth.models import Group

from members.models import MembershipStatus
from members.permissions import can_coordinate
from members.selectors import coordinators, coordinators_of
from tests.leerwerkplaats.factories import UserFactory
from tests.members import factories
from tests.members.factories import give_totp

pytestmark = pytest.mark.django_db


def test_the_query_and_the_predicate_name_the_same_coordinators(django_user_model):
    org = factories.organisation("Kwadraad")
    cases = {
        "coordinator": factories.member(role="Coordinator", with_mfa=True, org=org),
        "no_mfa": factories.member(role="Coordinator", org=org),
        "pending": factories.member(
            role="Coordinator", with_mfa=True, status=MembershipStatus.PENDING, org=org
        ),
        "refused": factories.member(
            role="Coordinator", with_mfa=True, status=MembershipStatus.REFUSED, org=org
        ),
        "inactive": factories.member(role="Coordinator", with_mfa=True, is_active=False, org=org),
        "moderator": factories.member(role="Moderator", with_mfa=True, org=org),
        "professional": factories.member(org=org),
        "no_profile": UserFactory(),
    }
    Group.objects.get(name="Coordinator").user_set.add(cases["no_profile"])
    give_totp(cases["no_profile"])
    superuser = django_user_model.objects.create_superuser(email="beheer@example.org")
    give_totp(superuser)
    cases["superuser"] = superuser
    for user in cases.values():
        user.profile.coordinated_organisations.add(org) if hasattr(user, "profile") else None

    by_predicate = {name for name, user in cases.items() if can_coordinate(user)}
    by_query = {name for name, user in cases.items() if user in coordinators()}

    assert by_predicate == by_query == {"coordinator", "superuser"}
    assert list(coordinators_of(org)) == [cases["coordinator"]]

"""The member read from their kept shell instead of the user table (issue 16):
`leerwerkplaats.member_cache.MemberAuthenticationMiddleware`. Every rule of
Django's `get_user` still holds: an inactive user, a changed password or a session
whose hash does not match is never let in, and the password hash never enters the
cache."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.contrib.auth import HASH_SESSION_KEY
from django.contrib.sessions.backends.base import SessionBase
from django.db import connection
from django.test import Client, RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from courses.models import LessonPage
from leerwerkplaats import member_cache
from members.cache_versions import bump_member
from members.models import AuditAction, AuditEvent
from members.services import erase_account
from tests.cache_contents import cache_holds
from tests.courses import factories as cf
from tests.members import factories

pytestmark = pytest.mark.django_db

USER_TABLE = '"members_user"'


@pytest.fixture
def lesson(home_page) -> LessonPage:
    return cf.lessons_of(cf.course(home_page, title="Klein", lessons=2))[-1]


@pytest.fixture
def learner(client, member, lesson):
    client.force_login(member)
    client.get(lesson.url)  # enrols: writes
    client.get(lesson.url)  # keeps the shell with the user
    return client


def user_queries(client: Client, url: str) -> tuple[int, list[str]]:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    return response.status_code, [q["sql"] for q in captured if USER_TABLE in q["sql"]]


def kept_entry(member) -> dict:
    stored = member_cache.cache.get(member_cache._shell_key(member.pk))
    return stored["data"][member_cache.USER_ENTRY]


def test_a_member_with_a_kept_shell_is_not_read_from_the_user_table(learner, lesson):
    status, read = user_queries(learner, lesson.url)
    assert status == 200
    assert read == []


def test_without_the_shell_cache_the_user_is_read_as_django_does(learner, lesson, settings):
    settings.MEMBER_SHELL_CACHE_ENABLED = False
    status, read = user_queries(learner, lesson.url)
    assert status == 200
    assert len(read) == 1


def test_the_password_hash_never_enters_the_cache(learner, member):
    entry = kept_entry(member)
    assert "password" not in entry["fields"]
    assert member.password not in repr(entry)
    # What a session already holds: an HMAC of the hash, not the hash.
    assert entry["auth_hash"] == member.get_session_auth_hash()


@pytest.mark.parametrize("page_cache", [True, False])
def test_a_member_deactivated_elsewhere_is_logged_out_at_once(
    learner, member, lesson, settings, page_cache
):
    settings.MEMBER_PAGE_CACHE_ENABLED = page_cache
    learner.get(lesson.url)
    member.is_active = False
    member.save()

    response = learner.get(lesson.url)
    assert response.status_code == 302
    assert response["Location"].startswith("/account/login/")


def test_a_password_changed_elsewhere_ends_the_session(learner, member, lesson):
    member.set_password("een-heel-ander-wachtwoord-2026")
    member.save()

    response = learner.get(lesson.url)
    assert response.status_code == 302
    assert "sessionid" not in learner.cookies or not learner.cookies["sessionid"].value


def test_a_session_whose_hash_does_not_match_is_not_trusted(learner, lesson):
    session = learner.session
    session[HASH_SESSION_KEY] = "0" * 64
    session.save()

    response = learner.get(lesson.url)
    assert response.status_code == 302
    assert HASH_SESSION_KEY not in learner.session  # flushed, as Django's get_user does


def test_a_changed_name_shows_at_once(learner, member, lesson):
    member.first_name = "Zwaluw"
    member.save()
    # Read afresh, then kept again with the new name.
    status, read = user_queries(learner, lesson.url)
    assert (status, len(read)) == (200, 1)
    assert kept_entry(member)["fields"]["first_name"] == "Zwaluw"
    assert user_queries(learner, lesson.url) == (200, [])


def test_a_lost_version_is_never_taken_for_the_kept_one(learner, member, lesson):
    member_cache.cache.delete(member_cache.cache_version_key(member.pk))
    status, read = user_queries(learner, lesson.url)
    assert (status, len(read)) == (200, 1)
    bump_member(member.pk)
    status, read = user_queries(learner, lesson.url)
    assert (status, len(read)) == (200, 1)


def _request_of(client: Client, path: str):
    request = RequestFactory().get(path)
    engine = __import__(settings.SESSION_ENGINE, fromlist=["SessionStore"])
    session_key = client.cookies[settings.SESSION_COOKIE_NAME].value
    request.session: SessionBase = engine.SessionStore(session_key)
    request.COOKIES[settings.SESSION_COOKIE_NAME] = session_key
    return request


def test_the_kept_user_loads_the_password_only_when_asked(learner, member, lesson):
    request = _request_of(learner, lesson.url)
    user = member_cache.member_user(request)

    assert getattr(request, member_cache.USER_KEPT, False)
    assert user.pk == member.pk and user.email == member.email
    assert user.get_deferred_fields() == {"password"}
    with CaptureQueriesContext(connection) as captured:
        assert user.check_password(factories.PASSWORD)
    assert len(captured) == 1
    # A save writes what was loaded, and raises the version (the shell is stale).
    user.last_name = "Vink"
    user.save()
    assert not getattr(_request_of(learner, lesson.url), member_cache.USER_KEPT, False)
    member.refresh_from_db()
    assert member.last_name == "Vink" and member.check_password(factories.PASSWORD)


def test_a_session_of_an_unknown_backend_is_left_to_django(learner, lesson):
    session = learner.session
    session["_auth_user_backend"] = "somewhere.else.Backend"
    session.save()
    assert learner.get(lesson.url).status_code == 302


def test_an_erased_account_leaves_nothing_of_itself_in_the_cache(learner, member):
    email = member.email
    assert kept_entry(member)["fields"]["email"] == email
    erase_account(member)
    assert member_cache.cache.get(member_cache._shell_key(member.pk)) is None
    assert not cache_holds(email)


def test_a_deleted_user_leaves_no_kept_shell(learner, member):
    pk = member.pk
    member.delete()
    assert member_cache.cache.get(member_cache._shell_key(pk)) is None


def test_a_member_marked_inactive_in_the_admins_bulk_action_is_logged_out_at_once(
    learner, member, lesson, superuser
):
    """Wagtail's users bulk action writes `is_active` with `QuerySet.update` (no
    signal): the kept shell must not keep the member logged in."""
    assert user_queries(learner, lesson.url) == (200, [])  # served from the kept shell
    admin = Client()
    admin.force_login(superuser)
    url = reverse("wagtail_bulk_action", args=["members", "user", "set_active_state"])

    response = admin.post(f"{url}?id={member.pk}", {"mark_as_active": "False"})

    assert response.status_code == 302
    member.refresh_from_db()
    assert member.is_active is False
    response = learner.get(lesson.url)
    assert response.status_code == 302
    assert response["Location"].startswith("/account/login/")
    event = AuditEvent.objects.filter(subject_id=member.pk).latest("pk")
    assert (event.action, event.actor_id) == (AuditAction.ROLES_CHANGED, superuser.pk)

"""One rule decides whether a session still belongs to its member's password
(`members.middleware.session_hash_matches`): the kept shell asks it on every request
(`leerwerkplaats.member_cache`), the live base before every event
(`members.live.LiveConsumer.refusal_for`), and both refuse a session made with a
password that was changed elsewhere."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth import HASH_SESSION_KEY
from django.test import Client

from courses.models import LessonPage
from leerwerkplaats import member_cache
from members.live import CLOSE_UNAUTHENTICATED, LiveConsumer
from members.middleware import session_hash_matches
from members.selectors import user_for_live_check
from tests.courses import factories as cf

pytestmark = pytest.mark.django_db

REPO = Path(__file__).resolve().parents[2]
NEW_PASSWORD = "een-heel-ander-wachtwoord-2026"


@pytest.fixture
def lesson(home_page) -> LessonPage:
    return cf.lessons_of(cf.course(home_page, title="Klein", lessons=2))[-1]


def _session_key(client: Client) -> str:
    return client.cookies[settings.SESSION_COOKIE_NAME].value


def _live_refusal(user_id: int, session_key: str) -> int | None:
    consumer = LiveConsumer()
    consumer.user_id, consumer.session_key = user_id, session_key
    return consumer.refusal_for(user_for_live_check(user_id, session_key=session_key))


def test_a_session_of_a_changed_password_is_refused_by_the_shell_and_the_live_check(member, lesson):
    here, elsewhere = Client(), Client()
    here.force_login(member)
    here.get(lesson.url)
    # The password changes elsewhere; that session's requests keep the shell again,
    # now with the new password's hash.
    member.set_password(NEW_PASSWORD)
    member.save()
    elsewhere.force_login(member)
    elsewhere.get(lesson.url)
    elsewhere.get(lesson.url)
    kept = member_cache.cache.get(member_cache._shell_key(member.pk))
    assert kept["data"][member_cache.USER_ENTRY]["auth_hash"] == member.get_session_auth_hash()

    # The live check: the old session's sockets get nothing more, the new one's do.
    assert _live_refusal(member.pk, _session_key(here)) == CLOSE_UNAUTHENTICATED
    assert _live_refusal(member.pk, _session_key(elsewhere)) is None

    # The shell: the old session is not let in from it (nor by Django after it).
    assert elsewhere.get(lesson.url).status_code == 200
    response = here.get(lesson.url)
    assert response.status_code == 302
    assert response["Location"].startswith("/account/login/")


def test_the_rule_compares_the_current_hash_then_the_fallbacks(member):
    session = {HASH_SESSION_KEY: "a" * 64}
    assert session_hash_matches(session, "a" * 64)
    assert session_hash_matches(session, "b" * 64, ["c" * 64, "a" * 64])
    assert not session_hash_matches(session, "b" * 64, ["c" * 64])
    assert not session_hash_matches(session, "")
    assert not session_hash_matches({}, "")
    assert not session_hash_matches({HASH_SESSION_KEY: ""}, "", [""])


def test_only_the_rule_reads_the_sessions_password_hash():
    """One rule, one place: no other module of the project reads the hash a session
    holds (Django's own `get_user` aside)."""
    packages = [
        top for top in REPO.iterdir() if (top / "__init__.py").is_file() and top.name != "tests"
    ]
    readers = sorted(
        str(path.relative_to(REPO))
        for package in packages
        for path in package.rglob("*.py")
        if re.search(r"\bHASH_SESSION_KEY\b", path.read_text(encoding="utf-8"))
    )
    assert readers == ["members/middleware.py"]

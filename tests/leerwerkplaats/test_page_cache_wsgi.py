"""A visitor's page answered before Django's handler (page_cache.PageCacheApplication,
the WSGI application production serves): the same answer as the middleware's hit,
by the same rules, and never for a request the middleware would not answer."""

from __future__ import annotations

import pytest
from django.http import HttpResponse
from django.test import RequestFactory

from leerwerkplaats import page_cache
from leerwerkplaats.models import HelpPage

pytestmark = pytest.mark.django_db

HELP_URL = "/hulp/ik-maak-geweld-mee/"


def environ(path: str = HELP_URL, method: str = "GET", **extra) -> dict:
    """What a WSGI server hands over, as Django's test client makes it."""
    return {**RequestFactory()._base_environ(PATH_INFO=path, REQUEST_METHOD=method), **extra}


class Django:
    """Stands for Django's handler: records that the request was passed on."""

    def __init__(self):
        self.called = 0

    def __call__(self, environ, start_response):
        self.called += 1
        start_response("204 No Content", [])
        return [b""]


def call(env: dict, django=None):
    django = django or Django()
    answer = {}

    def start_response(status, headers, exc_info=None):
        answer["status"], answer["headers"] = status, headers

    body = b"".join(page_cache.PageCacheApplication(django)(env, start_response))
    return answer["status"], answer["headers"], body, django.called


def kept(client, path: str = HELP_URL) -> None:
    client.get(path)
    assert client.get(path)[page_cache.HEADER] == "hit"


@pytest.mark.parametrize("method", ["GET", "HEAD"])
@pytest.mark.parametrize("encoding", ["gzip, deflate, br", ""])
def test_the_wrapper_answers_exactly_what_the_middleware_answers(
    client, help_index, method, encoding
):
    kept(client)
    through_django = client.generic(method, HELP_URL, HTTP_ACCEPT_ENCODING=encoding)

    status, headers, body, passed_on = call(environ(method=method, HTTP_ACCEPT_ENCODING=encoding))

    assert passed_on == 0
    assert status == "200 OK" == f"200 {through_django.reason_phrase}"
    assert sorted(headers) == sorted(through_django.items())
    assert body == through_django.content
    named = {name.lower(): value for name, value in headers}
    assert named["x-page-cache"] == "hit"
    assert named["vary"] == through_django["Vary"]
    assert "Accept-Encoding" in named["vary"] and "Cookie" in named["vary"]
    assert named["content-security-policy"] and named["x-content-type-options"] == "nosniff"
    assert ("content-encoding" in named) is bool(encoding)
    if method == "GET":
        assert int(named["content-length"]) == len(body)
    else:
        assert body == b"" and int(named["content-length"]) > 0


def test_a_plain_answer_is_the_page_itself(client, help_index):
    first = client.get(HELP_URL)  # drawn, sent plain

    _, _, body, _ = call(environ())

    assert body == first.content


@pytest.mark.parametrize("cookie", ["session", "csrf", "messages"])
def test_a_request_with_a_personal_cookie_is_passed_on(client, help_index, settings, cookie):
    name = {
        "session": settings.SESSION_COOKIE_NAME,
        "csrf": settings.CSRF_COOKIE_NAME,
        "messages": getattr(settings, "MESSAGE_COOKIE_NAME", "messages"),
    }[cookie]
    kept(client)

    *_, passed_on = call(environ(HTTP_COOKIE=f"voorkeur=1; {name}=abc"))

    assert passed_on == 1


def test_other_cookies_still_get_the_kept_page(client, help_index):
    kept(client)

    *_, passed_on = call(environ(HTTP_COOKIE="voorkeur=1; _pk_id=2"))

    assert passed_on == 0


@pytest.mark.parametrize(
    "env",
    [
        {"QUERY_STRING": "x=1"},
        {"REQUEST_METHOD": "POST"},
        {"REQUEST_METHOD": "PUT"},
        {"HTTP_AUTHORIZATION": "Basic eDp5"},
    ],
    ids=["query string", "POST", "PUT", "Authorization"],
)
def test_a_request_the_middleware_would_not_answer_is_passed_on(client, help_index, env):
    kept(client)

    *_, passed_on = call(environ(**env))

    assert passed_on == 1


def test_a_logged_in_member_never_gets_the_kept_page(client, help_index, member, settings):
    kept(client)
    client.force_login(member)
    session = client.cookies[settings.SESSION_COOKIE_NAME].value

    *_, passed_on = call(environ(HTTP_COOKIE=f"{settings.SESSION_COOKIE_NAME}={session}"))

    assert passed_on == 1


def test_skipped_paths_are_passed_on(client, help_index):
    *_, passed_on = call(environ("/healthz"))

    assert passed_on == 1


def test_a_publish_is_visible_at_once_through_the_wrapper(client, help_index):
    kept(client)
    page = HelpPage.objects.get(slug="ik-maak-geweld-mee")

    page.title = "Een nieuwe titel voor slachtoffers"
    page.save_revision().publish()

    *_, passed_on = call(environ())
    assert passed_on == 1  # drawn again by Django
    assert "Een nieuwe titel voor slachtoffers" in client.get(HELP_URL).content.decode()
    *_, body, passed_on = call(environ())
    assert passed_on == 0
    assert "Een nieuwe titel voor slachtoffers" in body.decode()


def test_a_host_django_would_refuse_is_passed_on(client, help_index, settings):
    """Only keys Django stored can hit, and Django stores none for a refused host;
    the wrapper checks ALLOWED_HOSTS itself before it reads anything."""
    kept(client)  # kept for the host "testserver"
    settings.ALLOWED_HOSTS = ["leerwerkplaats.example"]

    *_, passed_on = call(environ())
    assert passed_on == 1
    *_, passed_on = call(environ(HTTP_HOST="elders.example"))
    assert passed_on == 1


def test_the_host_header_is_part_of_the_key(client, help_index, settings):
    settings.ALLOWED_HOSTS = ["testserver", "ander.example"]
    kept(client)

    *_, passed_on = call(environ(HTTP_HOST="ander.example"))

    assert passed_on == 1


def test_a_miss_hands_its_read_to_the_middleware(client, help_index, monkeypatch):
    """A miss through the wrapper still reads the cache once: the middleware takes
    the wrapper's read from the environ."""
    client.get("/")
    reads = []
    real = page_cache.read
    monkeypatch.setattr(page_cache, "read", lambda key: reads.append(key) or real(key))
    env = environ()

    *_, passed_on = call(env)
    request = RequestFactory().get(HELP_URL)
    request.META.update({page_cache.ENVIRON_READ: env[page_cache.ENVIRON_READ]})
    page_cache.PageCacheMiddleware(lambda r: HttpResponse())(request)

    assert passed_on == 1
    assert len(reads) == 1


def test_production_serves_the_wrapper_around_django():
    from django.core.handlers.wsgi import WSGIHandler

    from leerwerkplaats import wsgi

    assert isinstance(wsgi.application, page_cache.PageCacheApplication)
    assert isinstance(wsgi.application.application, WSGIHandler)

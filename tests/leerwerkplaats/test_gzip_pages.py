"""Kept pages sent compressed (leerwerkplaats/gzip_pages.py): a client that accepts
gzip gets the kept page's gzip bytes, any other the plain page; both decompress
to the same page, and the caches' rules (a published change at once, a member
never a visitor's page) hold for either."""

from __future__ import annotations

import gzip
import os
import re

import pytest
from django.test import Client, RequestFactory

from forum.models import Post
from leerwerkplaats import gzip_pages, member_cache, page_cache
from leerwerkplaats.models import HelpPage
from tests.courses import factories as cf
from tests.forum import factories as forum_factories
from tests.members import factories as member_factories

HELP_URL = "/hulp/ik-maak-geweld-mee/"
BROWSER = {"HTTP_ACCEPT_ENCODING": "gzip, deflate, br, zstd"}
CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
NONCE = re.compile(r'nonce="([^"]+)"')
STARTED = re.compile(r'name="gestart" value="([^"]+)"')


def _vary(response) -> set[str]:
    return {v.strip().lower() for v in response.get("Vary", "").split(",")}


def _plain(response) -> str:
    """The page as the client reads it, decompressed when sent compressed."""
    if response.get("Content-Encoding") == "gzip":
        assert response["Content-Length"] == str(len(response.content))
        return gzip.decompress(response.content).decode()
    assert not response.has_header("Content-Encoding")
    return response.content.decode()


def _strip(html: str) -> str:
    return STARTED.sub("", NONCE.sub("", CSRF.sub("", html)))


# --- the parts ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("header", "accepted"),
    [
        ("gzip, deflate, br", True),
        ("br;q=1.0, gzip;q=0.8", True),
        ("*", True),
        ("", False),
        ("deflate, br", False),
        ("gzip;q=0, deflate", False),
        ("identity, *;q=0", False),
        ("br, *;q=0, gzip", True),
    ],
)
def test_gzip_is_sent_only_to_a_client_that_accepts_it(header, accepted):
    request = RequestFactory().get("/", HTTP_ACCEPT_ENCODING=header)
    assert gzip_pages.accepts_gzip(request) is accepted


def test_a_page_with_slots_decompresses_to_the_page_with_this_requests_values():
    page = b"<p>kop</p>" * 500 + b"@A@" + os.urandom(1000) + b"<p>@B@</p>@A@" + b"staart" * 300
    page = page.replace(b"\0", b"")
    # A value longer than one stored block (65,535 bytes) too.
    values = {"a": b"token-1", "b": b"x" * 70_000}
    expected = page.replace(b"@A@", values["a"]).replace(b"@B@", values["b"])
    lengths = {name: len(value) for name, value in values.items()}
    pieces = gzip_pages.Pieces.split(page, {b"@A@": "a", b"@B@": "b"}, lengths)

    assert pieces.names == ("a", "b", "a")
    assert gzip.decompress(pieces.gzip(values)) == expected  # checks the CRC and length
    assert pieces.join(values) == expected
    again = {"a": b"token-2", "b": b"y" * 70_000}
    assert gzip.decompress(pieces.gzip(again)) == pieces.join(again)
    # A value of another length than the page was compressed for: no gzip.
    assert pieces.gzip({"a": b"token-10", "b": b"y" * 70_000}) is None
    assert gzip.decompress(gzip_pages.compress(page)) == page


def test_later_parts_refer_back_across_the_values():
    """A token in every post's form: the parts are compressed as one stream, not
    apart, and still decompress right with other values of the same length."""
    post = b'<li><p>Een bericht over de Meldcode.</p><form><input value="@T@"></form></li>'
    page = post * 300
    pieces = gzip_pages.Pieces.split(page, {b"@T@": "csrf"}, {"csrf": 64})
    token = os.urandom(32).hex().encode()
    body = pieces.gzip({"csrf": token})

    assert gzip.decompress(body) == page.replace(b"@T@", token)
    # With a NUL byte in the page the parts are compressed apart (any length then):
    # each post's text compressed on its own, without the posts before it.
    apart = gzip_pages.Pieces.split(b"\0" + page, {b"@T@": "csrf"}, {"csrf": 64})
    assert gzip.decompress(apart.gzip({"csrf": b"kort"})) == b"\0" + page.replace(b"@T@", b"kort")
    # The tokens (300 x 64 random bytes) stay as they are; the posts' text nearly
    # vanishes when the parts refer back, not when compressed apart.
    tokens = 300 * (64 + 5)
    assert len(body) - tokens < (len(apart.gzip({"csrf": token})) - tokens) / 4


# --- the visitors' page cache --------------------------------------------------------


@pytest.mark.django_db
def test_a_visitor_page_is_sent_compressed_to_a_browser_and_plain_to_other_clients(help_index):
    browser, other = Client(**BROWSER), Client()
    miss = browser.get(HELP_URL)
    hit = browser.get(HELP_URL)
    plain = other.get(HELP_URL)

    assert [r.get(page_cache.HEADER) for r in (miss, hit, plain)] == ["miss", "hit", "hit"]
    assert miss["Content-Encoding"] == hit["Content-Encoding"] == "gzip"
    assert not plain.has_header("Content-Encoding")
    assert hit.content == miss.content  # compressed once, when stored
    assert len(hit.content) < len(plain.content) / 3
    assert _plain(hit) == _plain(plain) == _plain(miss)
    assert HelpPage.objects.get(slug="ik-maak-geweld-mee").title in _plain(plain)
    for response in (miss, hit, plain):
        assert "accept-encoding" in _vary(response)
    assert "cookie" in _vary(hit)
    head = browser.head(HELP_URL)
    assert head.content == b"" and head["Content-Length"] == str(len(hit.content))


@pytest.mark.django_db
def test_a_published_change_is_visible_at_once_compressed_too(help_index):
    browser = Client(**BROWSER)
    browser.get(HELP_URL)
    assert browser.get(HELP_URL).get(page_cache.HEADER) == "hit"

    page = HelpPage.objects.get(slug="ik-maak-geweld-mee")
    page.title = "Een nieuwe titel voor slachtoffers"
    page.save_revision().publish()

    response = browser.get(HELP_URL)
    assert response.get(page_cache.HEADER) == "miss"
    assert "Een nieuwe titel voor slachtoffers" in _plain(response)
    assert "Een nieuwe titel voor slachtoffers" in _plain(browser.get("/"))


@pytest.mark.django_db
def test_a_logged_in_user_never_gets_a_compressed_visitor_page(help_index, member):
    browser = Client(**BROWSER)
    browser.get(HELP_URL)
    assert browser.get(HELP_URL).get(page_cache.HEADER) == "hit"

    browser.force_login(member)
    response = browser.get(HELP_URL)

    assert response.get(page_cache.HEADER) is None
    assert "Uitloggen" in _plain(response)


# --- the member page cache -----------------------------------------------------------


@pytest.mark.django_db
def test_a_kept_lesson_is_sent_compressed_with_fresh_values(home_page, member):
    lesson = cf.lessons_of(cf.course(home_page, title="Klein", lessons=2))[-1]
    browser = Client(enforce_csrf_checks=True, **BROWSER)
    browser.force_login(member)
    browser.get(lesson.url)  # the first view enrols: not kept
    miss = browser.get(lesson.url)
    first, second = browser.get(lesson.url), browser.get(lesson.url)
    plain = Client(enforce_csrf_checks=True)
    plain.force_login(member)  # a new session: its first page is drawn and kept
    plain.get(lesson.url)

    assert [r.get(member_cache.HEADER) for r in (miss, first, second)] == ["miss", "hit", "hit"]
    for response in (miss, first, second):
        assert response["Content-Encoding"] == "gzip"
        assert "accept-encoding" in _vary(response)
    texts = [_plain(r) for r in (miss, first, second)]
    assert _strip(texts[0]) == _strip(texts[1]) == _strip(texts[2])
    assert "lwp-slot" not in texts[1]
    # The per-request values are this request's, in the compressed page too.
    assert CSRF.findall(texts[1]) != CSRF.findall(texts[2])
    nonce = set(NONCE.findall(texts[2]))
    assert len(nonce) == 1 and f"'nonce-{nonce.pop()}'" in second["Content-Security-Policy"]
    unzipped = plain.get(lesson.url)
    assert unzipped.get(member_cache.HEADER) == "hit"
    assert not unzipped.has_header("Content-Encoding")
    assert "accept-encoding" in _vary(unzipped)
    assert _strip(_plain(unzipped)) == _strip(texts[2])
    # The token read from the compressed page is accepted.
    token = CSRF.findall(texts[2])[0]
    answers = {f"vraag-{k}": [str(i) for i in v] for k, v in cf.right_answers(lesson).items()}
    response = browser.post(lesson.url, {"csrfmiddlewaretoken": token, "actie": "toets", **answers})
    assert response.status_code == 302


@pytest.mark.django_db
def test_a_kept_thread_page_is_sent_compressed_and_a_new_post_shows_at_once():
    author, reader = member_factories.member(), member_factories.member()
    thread = forum_factories.thread(author=author)
    for i in range(30):
        forum_factories.post(thread=thread, author=author, text=f"Bericht nummer {i}.")
    browser = Client(**BROWSER)
    browser.force_login(reader)
    url = thread.get_absolute_url()
    browser.get(url)  # the first visit marks it read: not kept
    assert browser.get(url).get(member_cache.HEADER) == "miss"
    hit = browser.get(url)
    assert hit.get(member_cache.HEADER) == "hit" and hit["Content-Encoding"] == "gzip"
    assert "Bericht nummer 29." in _plain(hit)

    forum_factories.post(thread=thread, author=author, text="Een nieuw bericht.")
    response = browser.get(url)
    assert response.get(member_cache.HEADER) != "hit"
    assert "Een nieuw bericht." in _plain(response)
    assert Post.objects.filter(thread=thread).count() == 31


@pytest.mark.django_db
def test_a_value_of_another_length_than_kept_gets_the_plain_page(home_page, member):
    """The compressed parts hold for values as long as when the page was kept; a
    value of another length (a fresh value grown a digit) gets the plain page."""
    from unittest import mock

    lesson = cf.lessons_of(cf.course(home_page, title="Klein", lessons=2))[-1]
    browser = Client(**BROWSER)
    browser.force_login(member)
    browser.get(lesson.url)
    assert browser.get(lesson.url).get(member_cache.HEADER) == "miss"
    started = STARTED.search(_plain(browser.get(lesson.url))).group(1)

    with mock.patch.object(member_cache, "fresh_value", return_value=started + "9"):
        response = browser.get(lesson.url)

    assert response.get(member_cache.HEADER) == "hit"
    assert not response.has_header("Content-Encoding")
    assert "accept-encoding" in _vary(response)
    assert f'name="gestart" value="{started}9"' in response.content.decode()

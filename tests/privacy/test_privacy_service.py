"""The detector service and its client, over a real local socket."""

from __future__ import annotations

import http.client
import json
import socket
import threading
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor

import pytest

from privacy import gateway
from privacy.client import PrivacyClient
from privacy.engine import default_engine
from privacy.errors import PrivacyServiceError, TextTooLong
from privacy.redaction import redact
from privacy.service import PrivacyServer, make_server

TEXT = "Mijn cliënte Oksana Kovalenko (31) woont in Vlaardingen. Bel haar op 06-41873265."


@pytest.fixture(scope="module")
def server() -> Iterator[PrivacyServer]:
    server = make_server("127.0.0.1", 0, engine=default_engine())
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server
    server.shutdown()
    server.server_close()


@pytest.fixture
def url(server: PrivacyServer) -> str:
    host, port = server.server_address[:2]
    return f"http://{host}:{port}"


def test_scan_through_the_service_equals_the_engine(url: str) -> None:
    assert PrivacyClient(url).scan(TEXT) == default_engine().scan(TEXT)


def test_redact_through_the_service_equals_the_engine(url: str) -> None:
    remote = PrivacyClient(url).redact(TEXT)
    local = redact(TEXT, default_engine().scan(TEXT))
    assert remote == local
    assert "[NAAM-1]" in remote.text
    assert "Kovalenko" not in remote.text


def test_gateway_uses_the_service_when_given_a_url(url: str, server: PrivacyServer) -> None:
    before = server.requests_served
    findings = gateway.scan_text(TEXT, service_url=url)
    assert server.requests_served == before + 1
    assert [f.text for f in findings][:1] == ["Oksana Kovalenko"]


def test_several_requests_at_once(url: str) -> None:
    client = PrivacyClient(url)
    texts = [f"{TEXT} Dossier KW-2024-{n:05d}." for n in range(16)]
    with ThreadPoolExecutor(max_workers=8) as pool:
        results = list(pool.map(client.redact, texts))
    for n, result in enumerate(results):
        assert f"KW-2024-{n:05d}" not in result.text
        assert result.mapping["[NUMMER-1]"] == [f"KW-2024-{n:05d}"]


def test_too_long_text_is_refused_by_the_service(url: str, server: PrivacyServer) -> None:
    client = PrivacyClient(url, max_chars=10**9)  # skip the local check: ask the server
    with pytest.raises(TextTooLong) as info:
        client.scan("a" * (server.max_chars + 1))
    assert info.value.max_chars == server.max_chars


def test_bad_json_gets_400(server: PrivacyServer) -> None:
    host, port = server.server_address[:2]
    connection = http.client.HTTPConnection(host, port, timeout=5)
    connection.request("POST", "/scan", body=b'{"text": 5}')
    response = connection.getresponse()
    assert response.status == 400
    assert json.loads(response.read())["error"] == "bad_request"
    connection.request("POST", "/scan", body=b"geen json")
    response = connection.getresponse()
    assert response.status == 400
    connection.close()


def test_health(url: str) -> None:
    health = PrivacyClient(url).health()
    assert health["status"] == "ok"
    assert health["max_chars"] == 100_000


def test_unreachable_service_raises_a_clear_error() -> None:
    with pytest.raises(PrivacyServiceError, match="unreachable"):
        PrivacyClient("http://127.0.0.1:9", timeout=1).scan("tekst")


def test_service_url_must_be_http() -> None:
    with pytest.raises(ValueError, match="http://"):
        PrivacyClient("unix:///tmp/privacy.sock")


# --- hostile and careless callers: always an answer, never a dropped connection --


def raw_request(server: PrivacyServer, head: bytes, body: bytes = b"") -> tuple[int, dict]:
    """Send bytes as they are (http.client would fix the headers) and read the answer."""
    host, port = server.server_address[:2]
    with socket.create_connection((host, port), timeout=10) as sock:
        sock.sendall(head + b"\r\n" + body)
        response = http.client.HTTPResponse(sock)
        response.begin()
        return response.status, json.loads(response.read())


def post_head(length: str | None, extra: bytes = b"") -> bytes:
    head = b"POST /scan HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n" + extra
    if length is not None:
        head += f"Content-Length: {length}\r\n".encode()
    return head


@pytest.mark.parametrize("length", ["-1", "-50000000", "abc", "1e9"])
def test_a_bad_content_length_is_refused_before_reading(server: PrivacyServer, length) -> None:
    status, answer = raw_request(server, post_head(length), b'{"text": "a"}')

    assert status == 400 if length.startswith("-") else status == 411
    assert answer["error"] in {"bad_request", "length_required"}


def test_a_missing_content_length_gets_411(server: PrivacyServer) -> None:
    status, answer = raw_request(server, post_head(None, b"Transfer-Encoding: chunked\r\n"))

    assert status == 411
    assert answer["error"] == "length_required"


def test_a_body_larger_than_the_limit_gets_413_unread(server: PrivacyServer) -> None:
    status, answer = raw_request(server, post_head(str(300 * 1024 * 1024)))

    assert status == 413
    assert answer["error"] == "text_too_long"


def test_a_lone_surrogate_gets_400(server: PrivacyServer) -> None:
    body = b'{"text": "Jan \\ud800 de Vries"}'

    status, answer = raw_request(server, post_head(str(len(body))), body)

    assert status == 400
    assert answer["error"] == "bad_request"


def test_deeply_nested_json_gets_400(server: PrivacyServer) -> None:
    body = b"[" * 200_000 + b"]" * 200_000

    status, answer = raw_request(server, post_head(str(len(body))), body)

    assert status == 400
    assert answer["error"] == "bad_request"


# --- callers authenticate with a shared token ------------------------------------

TOKEN = "een-lang-gedeeld-geheim-voor-de-test"


@pytest.fixture(scope="module")
def guarded_server() -> Iterator[PrivacyServer]:
    server = make_server("127.0.0.1", 0, engine=default_engine(), token=TOKEN)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server
    server.shutdown()
    server.server_close()


def test_without_the_token_the_service_answers_401(guarded_server: PrivacyServer) -> None:
    host, port = guarded_server.server_address[:2]
    body = json.dumps({"text": TEXT}).encode()

    for extra in (b"", b"Authorization: Bearer fout\r\n", b"Authorization: Basic eDp5\r\n"):
        status, answer = raw_request(guarded_server, post_head(str(len(body)), extra), body)
        assert status == 401
        assert answer["error"] == "unauthorized"
    with pytest.raises(PrivacyServiceError, match="401"):
        PrivacyClient(f"http://{host}:{port}", token="fout").scan(TEXT)


def test_the_client_sends_the_token(guarded_server: PrivacyServer) -> None:
    host, port = guarded_server.server_address[:2]

    findings = PrivacyClient(f"http://{host}:{port}", token=TOKEN).scan(TEXT)

    assert findings == default_engine().scan(TEXT)


def test_the_client_reads_the_token_from_the_environment(
    guarded_server: PrivacyServer, monkeypatch
) -> None:
    host, port = guarded_server.server_address[:2]
    monkeypatch.setenv("PRIVACY_SERVICE_TOKEN", TOKEN)

    assert PrivacyClient(f"http://{host}:{port}").health()["status"] == "ok"


def test_the_service_reads_the_token_from_the_environment(monkeypatch) -> None:
    monkeypatch.setenv("PRIVACY_SERVICE_TOKEN", TOKEN)
    server = make_server("127.0.0.1", 0, engine=default_engine())
    try:
        assert server.token == TOKEN
    finally:
        server.server_close()


def test_the_service_refuses_to_listen_beyond_loopback_without_a_token(monkeypatch) -> None:
    monkeypatch.delenv("PRIVACY_SERVICE_TOKEN", raising=False)

    with pytest.raises(ValueError, match="PRIVACY_SERVICE_TOKEN"):
        make_server("0.0.0.0", 0, engine=default_engine())  # noqa: S104

"""The detector service and its client, over a real local socket."""

from __future__ import annotations

import http.client
import json
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

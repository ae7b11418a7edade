"""Past one process: a message sent through the Redis channel layer from one
process reaches a WebSocket client connected to another server process."""

import json
import os
import socket
import subprocess
import sys
import time
from urllib.parse import quote

import pytest
from django.conf import settings
from django.db import connection
from django.test import Client
from websockets.sync.client import connect

from leerwerkplaats.broadcast import announce
from leerwerkplaats.settings.environment import BASE_DIR

pytestmark = [
    pytest.mark.services,
    pytest.mark.skipif(not settings.REDIS_URL, reason="needs REDIS_URL (make test-services)"),
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="the server process must share the test database: PostgreSQL (make test-services)",
    ),
    pytest.mark.django_db(transaction=True),
]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def database_url() -> str:
    db = connection.settings_dict
    user = quote(db.get("USER") or "")
    password = f":{quote(db['PASSWORD'])}" if db.get("PASSWORD") else ""
    host = db.get("HOST") or "127.0.0.1"
    return f"postgres://{user}{password}@{host}:{db.get('PORT') or 5432}/{db['NAME']}"


@pytest.fixture
def server_process():
    port = free_port()
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "leerwerkplaats.settings.test",
        "DATABASE_URL": database_url(),
        "REDIS_URL": settings.REDIS_URL,
    }
    process = subprocess.Popen(  # noqa: S603
        [
            sys.executable,
            "-m",
            "daphne",
            "-b",
            "127.0.0.1",
            "-p",
            str(port),
            "leerwerkplaats.asgi:application",
        ],
        cwd=BASE_DIR,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"the server did not start: {process.stderr.read().decode()[-2000:]}")
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
            break
        except OSError:
            time.sleep(0.2)
    else:
        process.kill()
        pytest.fail("the server did not answer within 60 s")
    try:
        yield port
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()


def test_an_announcement_from_this_process_reaches_a_client_of_another_server(
    member, server_process
):
    port = server_process
    client = Client()
    client.force_login(member)
    session = client.cookies[settings.SESSION_COOKIE_NAME].value
    headers = {"Cookie": f"{settings.SESSION_COOKIE_NAME}={session}"}

    with connect(
        f"ws://127.0.0.1:{port}/ws/ping/",
        origin=f"http://127.0.0.1:{port}",
        additional_headers=headers,
        open_timeout=20,
    ) as websocket:
        websocket.send(json.dumps({"type": "ping"}))
        assert json.loads(websocket.recv(timeout=20)) == {"type": "pong"}

        announce("Bericht uit een ander proces.")

        assert json.loads(websocket.recv(timeout=20)) == {
            "type": "announce",
            "text": "Bericht uit een ander proces.",
        }

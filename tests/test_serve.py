"""`companion serve` over plain HTTP (no browser): the token, the cookie, the guards, the CLI."""

from __future__ import annotations

import http.client
import os
import socket
import sys
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from companion.serve.server import same
from tests.servehelpers import children, companion, demo_pair, served, wait_until

pytestmark = pytest.mark.slow

WS_HEADERS = {
    "Upgrade": "websocket",
    "Connection": "Upgrade",
    "Sec-WebSocket-Key": "dGhlIHNhbXBsZSBub25jZQ==",
    "Sec-WebSocket-Version": "13",
}


def get(
    port: int, path: str, headers: dict[str, str] | None = None
) -> tuple[int, dict[str, str], str]:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    try:
        connection.request("GET", path, headers=headers or {})
        response = connection.getresponse()
        if response.status == 101:
            return 101, dict(response.getheaders()), ""
        return response.status, dict(response.getheaders()), response.read().decode()
    finally:
        connection.close()


def test_every_door_needs_the_token_and_the_token_becomes_a_cookie(tmp_path: Path) -> None:
    folder = demo_pair(tmp_path)
    with served(folder) as server:
        port, token = server.port, server.url.split("token=", 1)[1]
        assert urlsplit(server.url).hostname == "127.0.0.1"
        for path in ("/", "/?token=", f"/?token={token[:-1]}", "/static/js/textual.js", "/ws"):
            status, _, body = get(port, path, WS_HEADERS if path == "/ws" else None)
            assert status == 403, path
        assert "needs its key" in body or body == ""
        # Another name for this address (a DNS-rebinding page) is refused even with the token.
        status, _, _ = get(port, f"/?token={token}", {"Host": f"evil.example:{port}"})
        assert status == 403
        assert children(server.process.pid) == []  # nothing above started an app

        status, headers, _ = get(port, f"/?token={token}&fontsize=18")
        assert status == 303 and headers["Location"] == "/?fontsize=18"
        cookie = headers["Set-Cookie"]
        assert "HttpOnly" in cookie and "SameSite=Strict" in cookie and token not in cookie
        jar = {"Cookie": cookie.split(";", 1)[0]}
        status, headers, page = get(port, "/", jar)
        assert status == 200 and "textual.js" in page
        assert (
            "googleapis" not in page and "connect-src 'self'" in headers["Content-Security-Policy"]
        )
        assert get(port, "/static/js/textual.js", jar)[0] == 200

        # The websocket checks its Origin as well as the cookie: another site cannot drive it.
        evil = {**WS_HEADERS, **jar, "Origin": "http://evil.example"}
        assert get(port, "/ws", evil)[0] == 403
        assert children(server.process.pid) == []
        good = {**WS_HEADERS, **jar, "Origin": f"http://127.0.0.1:{port}"}
        assert get(port, "/ws", good)[0] == 101  # the app starts, and ends with the socket
        wait_until(lambda: not children(server.process.pid), 60, "the app to end")
        code, out, err = server.stop()
    assert code == 0 and "Traceback" not in out + err


def test_open_uses_the_default_browser_and_another_host_is_warned_about(tmp_path: Path) -> None:
    folder = demo_pair(tmp_path)
    opened = tmp_path / "opened.txt"
    record = f"import sys; open({str(opened)!r}, 'w').write(sys.argv[1])"
    env = {**os.environ, "BROWSER": f'{sys.executable} -c "{record}" %s'}
    with served(folder, "--open", env=env) as server:
        wait_until(opened.exists, 60, "the browser command to run")
        assert opened.read_text() == server.url
        server.stop()
    with served(folder, "--host", "0.0.0.0") as server:
        code, _, err = server.stop()
    assert code == 0 and "warning: serving on 0.0.0.0" in err


def test_a_port_in_use_is_a_clear_error(tmp_path: Path) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = companion("serve", "--data-dir", str(tmp_path / "d"), "--port", str(port))
    assert result.returncode == 1
    assert f"cannot listen on 127.0.0.1 port {port}" in result.stderr
    assert "Traceback" not in result.stderr


def test_secrets_compare_in_constant_time_on_any_text() -> None:
    assert same("abc", "abc") and not same("abc", "abd") and not same("é", "abc")

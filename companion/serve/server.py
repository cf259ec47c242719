"""The web server behind ``companion serve``: textual-serve's ``Server``, guarded.

What this adds to textual-serve: every request needs the random token printed
at start (exchanged on the first page load for a cookie that lives as long as
the browser session, as a notebook server does); the websocket also checks its
``Origin``; only one app runs on the data folder (a second tab, or a browser
while the terminal app has the folder, gets a plain page saying so); and the
page loads nothing from outside loopback.
"""

from __future__ import annotations

import asyncio
import hmac
import ipaddress
import logging
import secrets
import signal
import socket
from collections.abc import Awaitable, Callable
from pathlib import Path

import aiohttp_jinja2
from aiohttp import WSCloseCode, web
from textual_serve.server import Server, to_int

from companion.serve.appservice import CompanionAppService, app_argv
from companion.serve.pages import ALREADY_OPEN, already_open_page, forbidden_page
from companion.storage.lock import DataLock, LockHeldError

log = logging.getLogger("companion.serve")

TEMPLATES = Path(__file__).parent / "templates"

Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]

_CSP = (
    "default-src 'self'; connect-src 'self' ws://{host}; img-src 'self' data:; "
    "style-src 'self' 'unsafe-inline'; script-src 'self' 'unsafe-inline'; "
    "frame-ancestors 'none'; base-uri 'none'; form-action 'none'"
)


def same(given: str, expected: str) -> bool:
    """Compare two secrets in constant time (any text, never an exception)."""
    return hmac.compare_digest(given.encode(), expected.encode())


def is_loopback(host: str) -> bool:
    """True when ``host`` is a loopback address (127.0.0.0/8 or ::1)."""
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def bind(host: str, port: int) -> socket.socket:
    """Bind a listening socket on ``host``:``port`` (port 0: a free one); OSError if not."""
    family, kind, proto, _, address = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)[0]
    sock = socket.socket(family, kind, proto)
    try:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind(address)
        sock.listen(16)
    except OSError:
        sock.close()
        raise
    return sock


class CompanionServer(Server):
    """Serve the Companion app on one data folder to a browser, behind a token."""

    def __init__(self, folder: Path, sock: socket.socket, *, token: str | None = None) -> None:
        host, port = sock.getsockname()[:2]
        self.folder = folder
        self.sock = sock
        self.argv = app_argv(folder)
        url_host = f"[{host}]" if ":" in host else host
        super().__init__(
            " ".join(self.argv),
            host=host,
            port=port,
            title="Companion",
            public_url=f"http://{url_host}:{port}",
            templates_path=TEMPLATES,
        )
        self.token = token or secrets.token_urlsafe(32)
        self._session_key = secrets.token_urlsafe(32)
        self.cookie_name = f"companion-{port}"  # cookies ignore ports: one name per server
        self._hosts: set[str] | None = (
            {f"127.0.0.1:{port}", f"localhost:{port}", f"[::1]:{port}", f"{url_host}:{port}"}
            if is_loopback(host)
            else None
        )
        self._services: set[CompanionAppService] = set()
        self._sockets: set[web.WebSocketResponse] = set()

    @property
    def url(self) -> str:
        """The address to open, with the token."""
        return f"{self.public_url}/?token={self.token}"

    # -- the guard --------------------------------------------------------------------------

    @web.middleware
    async def guard(self, request: web.Request, handler: Handler) -> web.StreamResponse:
        """Let through only requests with the token or the cookie it was exchanged for."""
        if self._hosts is not None and request.host not in self._hosts:
            return _forbidden()  # another name for this address: a DNS-rebinding page
        token = request.query.get("token")
        if token is not None and same(token, self.token):
            if request.path == "/":
                return self._exchange(request)
            return await handler(request)
        if same(request.cookies.get(self.cookie_name, ""), self._session_key):
            return await handler(request)
        return _forbidden()

    def _exchange(self, request: web.Request) -> web.StreamResponse:
        """Set the session cookie and reload the page without the token in its address."""
        rest = {k: v for k, v in request.query.items() if k != "token"}
        response = web.Response(
            status=303, headers={"Location": str(request.rel_url.with_query(rest))}
        )
        response.set_cookie(
            self.cookie_name, self._session_key, httponly=True, samesite="Strict", path="/"
        )
        return response

    def folder_in_use(self) -> bool:
        """True while an app (ours or the terminal's) has the data folder."""
        if self._services:
            return True
        try:
            DataLock(self.folder).acquire().release()
        except LockHeldError:
            return True
        return False

    # -- textual-serve's handlers, overridden ---------------------------------------------------

    async def _make_app(self) -> web.Application:
        app = await super()._make_app()
        app.middlewares.append(self.guard)
        return app

    async def on_startup(self, app: web.Application) -> None:
        """Print nothing (textual-serve prints a banner; the command prints the address)."""

    async def on_shutdown(self, app: web.Application) -> None:
        """Close every tab's websocket: each handler then asks its app to quit and waits."""
        for websocket in list(self._sockets):
            await websocket.close(code=WSCloseCode.GOING_AWAY, message=b"server stopped")

    async def handle_index(self, request: web.Request) -> web.StreamResponse:  # type: ignore[override]
        """The app's page, or the "already open" page while the folder is in use."""
        if self.folder_in_use():
            return _html(already_open_page(), status=409)
        ws_path = request.app.router["websocket"].url_for()
        context = {
            "font_size": to_int(request.query.get("fontsize", "16"), 16),
            "app_websocket_url": f"ws://{request.host}{ws_path}",
            "config": {"static": {"url": "/static/"}},
            "application": {"name": self.title},
        }
        response = aiohttp_jinja2.render_template("app_index.html", request, context)
        response.headers["Content-Security-Policy"] = _CSP.format(host=request.host)
        response.headers["Cache-Control"] = "no-store"
        return response

    async def handle_websocket(self, request: web.Request) -> web.WebSocketResponse:
        """Run one app for one tab, as textual-serve does, once the checks pass."""
        origin = request.headers.get("Origin")
        if origin is not None and origin != f"http://{request.host}":
            raise web.HTTPForbidden(text="wrong origin")
        websocket = web.WebSocketResponse(heartbeat=15)
        await websocket.prepare(request)
        if self.folder_in_use():
            await websocket.send_bytes(f"\r\n  {ALREADY_OPEN}\r\n".encode())
            async for _message in websocket:
                pass
            return websocket
        service = CompanionAppService(
            self.argv,
            write_bytes=websocket.send_bytes,
            write_str=websocket.send_str,
            close=websocket.close,
            download_manager=self.download_manager,
        )
        self._services.add(service)
        self._sockets.add(websocket)
        try:
            width = to_int(request.query.get("width", "80"), 80)
            height = to_int(request.query.get("height", "24"), 24)
            await service.start(width, height)
            await self._process_messages(websocket, service)
        except asyncio.CancelledError:
            pass
        except Exception:
            log.exception("the browser connection failed")
        finally:
            self._sockets.discard(websocket)
            await websocket.close()
            await service.close_app()
            self._services.discard(service)
        return websocket

    # -- running ------------------------------------------------------------------------------

    async def run(self, on_ready: Callable[[], None]) -> None:
        """Serve until SIGINT or SIGTERM, then close every app cleanly and return."""
        loop = asyncio.get_running_loop()
        stop = asyncio.Event()
        for signum in (signal.SIGINT, signal.SIGTERM):
            loop.add_signal_handler(signum, stop.set)
        runner = web.AppRunner(
            await self._make_app(), access_log=None, handle_signals=False, shutdown_timeout=30
        )
        await runner.setup()
        try:
            await web.SockSite(runner, self.sock).start()
            on_ready()
            await stop.wait()
        finally:
            await runner.cleanup()
            for signum in (signal.SIGINT, signal.SIGTERM):
                loop.remove_signal_handler(signum)


def _html(text: str, status: int = 200) -> web.Response:
    response = web.Response(text=text, content_type="text/html", status=status)
    response.headers["Cache-Control"] = "no-store"
    response.headers["Content-Security-Policy"] = "default-src 'none'; style-src 'unsafe-inline'"
    return response


def _forbidden() -> web.Response:
    return _html(forbidden_page(), status=403)

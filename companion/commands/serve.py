"""``companion serve``: the app in a browser tab, on loopback, behind a one-run token."""

from __future__ import annotations

import asyncio
import sys
import webbrowser
from pathlib import Path

from companion.storage.atomic import ensure_private_dir

EXIT_OK, EXIT_PROBLEM = 0, 1
LOOPBACK = "127.0.0.1"


def run_serve(data: Path, *, host: str | None, port: int, open_browser: bool) -> int:
    """Serve the app on ``data`` until Ctrl+C; return the exit code."""
    from companion.serve.server import CompanionServer, bind, is_loopback

    folder = ensure_private_dir(data)
    try:
        sock = bind(host or LOOPBACK, port)
    except OSError as exc:
        print(
            f"companion: cannot listen on {host or LOOPBACK} port {port}: {exc.strerror or exc}",
            file=sys.stderr,
        )
        return EXIT_PROBLEM
    server = CompanionServer(folder, sock)
    if not is_loopback(server.host):
        print(
            f"companion: warning: serving on {server.host}, not only on this computer. "
            "Anyone who can reach this address and learns the token can open your data.",
            file=sys.stderr,
            flush=True,
        )

    def ready() -> None:
        print(
            f"Companion is open for a browser on {folder}\n"
            f"  {server.url}\n"
            "Open that address (the token changes every time). Press Ctrl+C to stop.",
            flush=True,
        )
        if server.folder_in_use():
            print(
                "Note: Companion is already open on this folder in another window; "
                "the page says so until that window closes.",
                flush=True,
            )
        if open_browser:
            webbrowser.open(server.url)

    asyncio.run(server.run(ready))
    print("companion serve: stopped; every window's app closed and saved.", flush=True)
    return EXIT_OK

"""textual-serve's ``AppService``, starting the app without a shell and closing it gently."""

from __future__ import annotations

import asyncio
import contextlib
import os
import signal
import sys
from asyncio.subprocess import PIPE, Process
from pathlib import Path
from typing import Any

from textual_serve.app_service import AppService

QUIT_SECONDS = 15.0
"""How long an app gets to save and exit after it is asked to quit, before it is stopped."""

_CHILD = "import sys; from companion.cli import main; sys.exit(main())"
_PR_SET_PDEATHSIG = 1


def _end_with_parent() -> None:
    """In the child before exec: ask Linux for SIGTERM when the server process dies.

    Without it an app whose server was killed (SIGKILL, an out-of-memory kill) runs on
    without a tab and keeps the data folder's lock. SIGTERM lets the app save what was
    typed and release the lock. Elsewhere, or if prctl is unavailable, nothing happens.
    """
    if not sys.platform.startswith("linux"):
        return
    try:
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(_PR_SET_PDEATHSIG, signal.SIGTERM, 0, 0, 0)
    except (OSError, AttributeError):
        return


def app_argv(folder: Path) -> list[str]:
    """Return the command that runs the terminal app on ``folder`` (as `companion --data-dir`)."""
    return [sys.executable, "-c", _CHILD, "--data-dir", str(folder)]


class CompanionAppService(AppService):
    """One app process behind one browser tab.

    Unlike textual-serve's own service it runs the app without a shell, in a
    session of its own: Ctrl+C on ``companion serve`` then reaches only the
    server, which asks each app to quit (so it saves and releases the folder's
    lock) instead of the terminal's signal killing it mid-write. If the server
    itself is killed, the app gets SIGTERM (Linux) and saves and exits.
    """

    def __init__(self, argv: list[str], **kwargs: Any) -> None:
        super().__init__(" ".join(argv), **kwargs)
        self.argv = argv

    async def _open_app_process(self, width: int = 80, height: int = 24) -> Process:
        """Start the app process (the override: exec, not a shell; a new session)."""
        environment = self._build_environment(width=width, height=height)
        self._process = process = await asyncio.create_subprocess_exec(
            *self.argv,
            stdin=PIPE,
            stdout=PIPE,
            stderr=PIPE,
            env=environment,
            start_new_session=True,
            preexec_fn=_end_with_parent,
        )
        assert process.stdin is not None
        self._stdin = process.stdin
        return process

    @property
    def pid(self) -> int | None:
        """The app process's id, once started."""
        return self._process.pid if self._process is not None else None

    async def close_app(self, timeout: float = QUIT_SECONDS) -> int | None:
        """Ask the app to quit, wait for it to exit, and return its exit code.

        An app that has not exited after ``timeout`` seconds is sent SIGTERM,
        then SIGKILL; the browser tab is gone by then either way.
        """
        try:
            await asyncio.wait_for(self.stop(), timeout)
        except TimeoutError:
            self._signal(signal.SIGTERM)
        process = self._process
        if process is None:
            return None
        try:
            return await asyncio.wait_for(process.wait(), timeout)
        except TimeoutError:
            self._signal(signal.SIGKILL)
            return await process.wait()

    def _signal(self, signum: int) -> None:
        if self._process is not None and self._process.returncode is None:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(self._process.pid, signum)

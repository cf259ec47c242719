"""`companion serve` in a real Chromium (the OS's own, driven by Playwright; never a download).

Skipped with a one-line reason when Chromium is missing; `.ci/run` installs it and sets
COMPANION_REQUIRE_BROWSER=1, which turns that skip into a failure.
"""

from __future__ import annotations

import os
import signal
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from companion.serve.pages import ALREADY_OPEN
from companion.storage.store import Store
from tests.servehelpers import (
    CHROMIUM_ARGS,
    TerminalText,
    children,
    chromium_or_skip,
    companion,
    demo_pair,
    folder_free,
    served,
    wait_until,
)

pytestmark = pytest.mark.slow

DASHBOARD = "Cards due today"
SCREENSHOT = os.environ.get("COMPANION_SERVE_SCREENSHOT")  # e.g. docs/serve-dashboard.png


@pytest.fixture
def browser(tmp_path: Path) -> Iterator[Any]:
    """The OS's Chromium, headless, with a fresh profile; nothing leaves loopback."""
    path = chromium_or_skip()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        context = playwright.chromium.launch_persistent_context(
            str(tmp_path / "profile"),
            executable_path=path,
            headless=True,
            args=CHROMIUM_ARGS,
            viewport={"width": 1200, "height": 760},
        )
        try:
            yield context
        finally:
            context.close()


def mentee_reviews(folder: Path) -> list[int]:
    with Store.open(folder, readonly=True) as store:
        return [log.rating for log in store.reviews.logs(role="mentee")]


def test_a_review_in_the_browser_is_saved_and_closing_the_tab_ends_the_app(
    tmp_path: Path, browser: Any
) -> None:
    folder = demo_pair(tmp_path)
    before = mentee_reviews(folder)
    with served(folder) as server:
        page = browser.new_page()
        elsewhere: list[str] = []
        page.on(
            "request",
            lambda r: None if r.url.startswith(server.origin) else elsewhere.append(r.url),
        )
        screen = TerminalText(page)
        page.goto(server.url)
        screen.wait_for(DASHBOARD)
        screen.wait_for("Aisha Khan & Richard Hale")
        assert "token" not in page.url  # exchanged for a cookie, gone from the address bar
        assert page.title() == "Companion"
        screen.wait_for("^p palette")  # focused without a click: the footer shows the keys
        if SCREENSHOT:
            page.wait_for_timeout(500)
            page.screenshot(path=SCREENSHOT)
        page.keyboard.press("r")
        screen.wait_for("Who is reviewing?")
        page.keyboard.press("Enter")  # the senior, first in the list
        screen.wait_for("Space shows the answer")
        page.keyboard.press(" ")
        screen.wait_for("answer with 1 to 4")
        page.keyboard.press("3")
        screen.wait_for("Card 2 of")
        assert not folder_free(folder)  # the app runs and holds the folder
        assert len(children(server.process.pid)) == 1
        page.close()
        # Closing the tab ends that app: it quits, releasing the folder, while serve runs on.
        wait_until(lambda: folder_free(folder), 60, "the app to exit after the tab closed")
        wait_until(lambda: not children(server.process.pid), 60, "the app process to end")
        code, out, err = server.stop()
    assert code == 0, err
    assert "Traceback" not in out + err
    assert "stopped" in out
    assert elsewhere == []  # nothing but this server was asked for anything
    assert mentee_reviews(folder) == [*before, 3]


def test_no_token_no_app_and_a_second_tab_is_told_the_folder_is_open(
    tmp_path: Path, browser: Any
) -> None:
    folder = demo_pair(tmp_path)
    with served(folder) as server:
        page = browser.new_page()
        for address in (f"{server.origin}/", f"{server.origin}/?token=wrong"):
            response = page.goto(address)
            assert response is not None and response.status == 403
            assert "needs its key" in page.inner_text("body")
        assert children(server.process.pid) == []  # no app was started for those

        screen = TerminalText(page)
        page.goto(server.url)
        screen.wait_for(DASHBOARD)

        second = browser.new_page()  # same browser: it has the cookie
        for address in (f"{server.origin}/", server.url):
            response = second.goto(address)
            assert response is not None and response.status == 409
            assert ALREADY_OPEN in second.inner_text("body")
        assert len(children(server.process.pid)) == 1

        # The terminal app is refused too while the browser has the folder.
        terminal = companion("--data-dir", str(folder))
        assert terminal.returncode == 3
        assert "already open" in terminal.stderr and "Traceback" not in terminal.stderr

        page.close()
        wait_until(lambda: folder_free(folder), 60, "the first tab's app to exit")
        wait_until(lambda: not children(server.process.pid), 60, "its process to end")
        second_screen = TerminalText(second)
        second.reload()
        second_screen.wait_for(DASHBOARD)  # now the second tab gets the app
        second_screen.wait_for("^p palette")
        second.keyboard.press("Control+p")  # the browser's own Ctrl+P (print) does not win
        second_screen.wait_for("Search for commands")
        second.keyboard.press("Escape")
        wait_until(
            lambda: "Search for commands" not in second_screen.text,
            30,
            "the palette to close",
            second.wait_for_timeout,
        )
        second.keyboard.press("c")
        second_screen.wait_for("Curriculum", title=True)  # the header of the curriculum screen
        assert "Dashboard" not in second_screen.screen.display[0]
        code, out, err = server.stop()
    assert code == 0 and "Traceback" not in out + err
    assert folder_free(folder)


def test_an_app_whose_server_is_killed_ends_and_frees_the_folder(
    tmp_path: Path, browser: Any
) -> None:
    folder = demo_pair(tmp_path)
    with served(folder) as server:
        page = browser.new_page()
        screen = TerminalText(page)
        page.goto(server.url)
        screen.wait_for(DASHBOARD)
        (app,) = children(server.process.pid)
        assert not folder_free(folder)
        server.process.kill()  # SIGKILL: the server cannot ask its app to quit
        server.process.wait()
        try:
            # The app is in a session of its own, so nothing else reaches it: Linux's
            # parent-death signal does, and it saves, releases the lock and exits.
            wait_until(lambda: folder_free(folder), 60, "the orphaned app to free the folder")
            wait_until(lambda: _zombie(app), 60, "the app to end")
        finally:
            if not _zombie(app):  # a failed test must not leave the app behind
                os.kill(app, signal.SIGKILL)


def _zombie(pid: int) -> bool:
    """True when ``pid`` has ended (gone, or exited and only waiting to be reaped)."""
    try:
        return Path(f"/proc/{pid}/stat").read_text().split(") ", 1)[1].startswith("Z")
    except (OSError, IndexError):
        return True

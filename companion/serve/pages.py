"""The small plain pages ``companion serve`` answers with when it does not start the app."""

from __future__ import annotations

import html

ALREADY_OPEN = "Companion is already open on this folder in another window."
"""The message for a second tab, or for a browser while the terminal app has the folder."""

_STYLE = (
    "body{background:#0c181f;color:#f2f2f2;font:18px/1.5 system-ui,sans-serif;"
    "display:flex;align-items:center;justify-content:center;height:100vh;margin:0}"
    "main{max-width:36em;padding:2em;background:#12232d;border-radius:6px}"
    "h1{font-size:1.3em;margin-top:0}"
)


def page(title: str, *paragraphs: str) -> str:
    """Return a self-contained HTML page (no scripts, nothing loaded from elsewhere)."""
    body = "".join(f"<p>{html.escape(p)}</p>" for p in paragraphs)
    return (
        '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">'
        '<meta name="referrer" content="no-referrer">'
        f"<title>{html.escape(title)}</title><style>{_STYLE}</style></head>"
        f"<body><main><h1>{html.escape(title)}</h1>{body}</main></body></html>"
    )


def already_open_page() -> str:
    """The page a second tab gets while the folder is in use."""
    return page(
        ALREADY_OPEN,
        "Only one window can use a data folder at a time, so nothing is lost or "
        "overwritten. Switch to the other window, or close it (or quit Companion in "
        "the terminal), then reload this page.",
    )


def forbidden_page() -> str:
    """The page a request without the right token gets (with status 403)."""
    return page(
        "This address needs its key",
        "Open the full address that `companion serve` printed, the one ending in "
        "?token=…. The key changes every time the command starts.",
    )

"""Build the listings the journal, log and glossary show before their keys are pressed.

Called once after start-up, while the user reads the dashboard and before
``companion.gc_tuning`` freezes what start-up built: the rows then cost nothing
on the first press, and as frozen objects no garbage collection walks them
again (at ten years they are the bulk of what is alive).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from companion.programme.core import Programme


def preload(programme: Programme) -> bool:
    """Build the journal's, the log's and the glossary's first view; return whether it could.

    Nothing is shown or written; a record that cannot be read is left for the
    screen that shows it to report, so any error here only means nothing is
    built ahead.
    """
    if not programme.ready:
        return False
    try:
        listings = programme.listings
        listings.journal_columns()
        listings.journal_months()
        listings.journal()
        listings.log()
        programme.cards.glossary.view(programme.now())
    except Exception:  # reported by the screen that needs it, on its key
        return False
    return True

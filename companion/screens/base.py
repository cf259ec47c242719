"""What every Companion screen shares: typed access to the app."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from companion.app import CompanionApp


class CompanionAccess:
    """Mix into a Screen (or ModalScreen) to reach the app with its type."""

    @property
    def companion(self) -> CompanionApp:
        """The app, typed."""
        from companion.app import CompanionApp

        app = self.app  # type: ignore[attr-defined]
        assert isinstance(app, CompanionApp)
        return app

"""The pair's settings."""

from __future__ import annotations

from typing import Annotated

from pydantic import Field

from companion.domain.base import Model


class Settings(Model):
    """Preferences stored with the journal."""

    theme: Annotated[str, Field(min_length=1, max_length=80)] = "textual-dark"
    """The name of a Textual theme."""
    new_cards_per_day: Annotated[int, Field(ge=0, le=200)] = 10
    """How many new cards each person is shown per day."""
    desired_retention: Annotated[float, Field(ge=0.7, le=0.99)] = 0.9
    """The recall probability FSRS aims for."""

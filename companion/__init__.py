"""Companion: a terminal app that walks one reverse-mentoring pair through a programme."""

__version__ = "0.1.0"

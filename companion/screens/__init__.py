"""Textual screens of the Companion app."""

"""Textual widgets of the Companion app."""

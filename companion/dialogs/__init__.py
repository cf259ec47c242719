"""Textual dialogs of the Companion app."""

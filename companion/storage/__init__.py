"""Crash-safe storage: the only package that imports tinydb.

Everything outside it works with domain models through :class:`Store` and its
repositories; nothing outside sees a TinyDB document.
"""

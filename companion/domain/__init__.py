"""Pure domain models and logic: no user interface, no storage engine.

Nothing in this package may import ``textual`` or ``tinydb``; a test enforces it.
"""

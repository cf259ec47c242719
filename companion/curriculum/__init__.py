"""Reading and validating the curriculum in ``content/`` (no user interface here)."""

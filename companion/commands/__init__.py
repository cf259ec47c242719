"""The work behind each command-line command (the parser lives in ``companion.cli``)."""

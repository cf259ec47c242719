"""The use-case layer: what Companion does, with no user interface.

One :class:`~companion.programme.core.Programme` owns the open data folder, the
curriculum and the clock; its parts (``journal``, ``sessions``, ``cards``,
``reports``, ``exports``, ``data``) offer the program's work as methods that take and return
domain models. The command line and the app both call it; neither opens the
store nor loads the curriculum by itself. Nothing here imports textual.
"""

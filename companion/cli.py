"""The ``companion`` command line, and the ``make_app()`` factory shared with the tests."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from companion import __version__
from companion.latency import quicken_thread_switching
from companion.paths import data_dir
from companion.programme.core import Programme
from companion.storage.folder import prepare_data_folder
from companion.storage.lock import DataLock, LockHeldError

if TYPE_CHECKING:
    from textual.app import App

EXIT_OK, EXIT_PROBLEM, EXIT_USAGE, EXIT_LOCKED = 0, 1, 2, 3
"""Exit codes: success, a problem with the data or content, bad usage, another instance runs."""


def _common(top: bool) -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument(
        "--data-dir",
        metavar="DIR",
        # Sub-commands must not reset a --data-dir given before the command name.
        default=None if top else argparse.SUPPRESS,
        help="the data folder (default: $COMPANION_HOME, else the platform's data folder)",
    )
    return common


def build_parser() -> argparse.ArgumentParser:
    """Return the argument parser for every command."""
    common = _common(top=False)
    parser = argparse.ArgumentParser(
        prog="companion",
        description="A terminal companion for a reverse-mentoring pair. "
        "Run without a command to open the app.",
        parents=[_common(top=True)],
    )
    parser.add_argument("--version", action="version", version=f"companion {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", title="commands")

    demo = sub.add_parser(
        "demo", parents=[common], help="fill a folder with a sample pair and open the app on it"
    )
    demo.add_argument("--no-open", action="store_true", help="only write the data and say where")

    content = sub.add_parser("content", parents=[common], help="work with the curriculum")
    content_sub = content.add_subparsers(dest="content_command", metavar="ACTION", required=True)
    check = content_sub.add_parser(
        "check", parents=[common], help="validate lessons, decks and playbook; list every problem"
    )
    check.add_argument(
        "path", nargs="?", help="a content folder to check on top of the shipped one"
    )

    export = sub.add_parser(
        "export",
        parents=[common],
        help="write the journal out: a Markdown report, CSV, JSON, or an ICS calendar",
    )
    export.add_argument(
        "--format",
        choices=["md", "csv", "json", "anki", "ics"],
        required=True,
        help="the output format",
    )
    export.add_argument("--deck", metavar="NAME", help="for anki: only this deck")
    export.add_argument(
        "--what", choices=["sessions", "log", "actions"], help="for csv: which records"
    )
    export.add_argument(
        "--raw",
        action="store_true",
        help="for csv: write cells as they are (no ' before =, +, -, @)",
    )
    export.add_argument(
        "-o",
        "--output",
        metavar="FILE",
        help="write to FILE (a regular file or a new path; - for stdout)",
    )
    export.add_argument(
        "--include-notes",
        action="store_true",
        help="for md: add shared notes, reflections and shared check-in comments",
    )
    export.add_argument(
        "--include-private",
        action="store_true",
        help="add private notes and comments: asks each person's passphrase "
        "(piped: one line each, mentor first)",
    )

    cards = sub.add_parser(
        "import-cards", parents=[common], help="import cards from an Anki text export or CSV/TSV"
    )
    cards.add_argument("file", metavar="FILE", help="the file to import")
    cards.add_argument("--deck", metavar="NAME", help="put new cards in this deck")
    cards.add_argument(
        "--for", dest="audience", choices=["mentor", "mentee"], help="who the cards are for"
    )
    cards.add_argument(
        "--update-shipped",
        action="store_true",
        help="let rows replace the definitions of shipped cards (by default they are kept)",
    )

    serve = sub.add_parser(
        "serve", parents=[common], help="open the app in a web browser (this computer only)"
    )
    serve.add_argument("--port", type=int, default=0, help="the port (default: a free one)")
    serve.add_argument("--open", action="store_true", help="open the default browser on it")
    serve.add_argument(
        "--host", metavar="H", help="listen on H instead of 127.0.0.1 (prints a warning)"
    )

    backup = sub.add_parser("backup", parents=[common], help="take a backup of the data folder now")
    backup.add_argument(
        "--prune-plaintext",
        action="store_true",
        help="instead, delete the backups that hold private notes as plain text",
    )

    restore = sub.add_parser(
        "restore", parents=[common], help="restore the data folder from a backup"
    )
    which = restore.add_mutually_exclusive_group(required=True)
    which.add_argument("--latest", action="store_true", help="the newest backup")
    which.add_argument("file", nargs="?", metavar="FILE", help="a backup file")
    restore.add_argument(
        "--yes", action="store_true", help="do not ask for confirmation (for scripts)"
    )
    restore.add_argument(
        "--unverified",
        action="store_true",
        help="accept a backup that has no manifest (from an older version, or made "
        "elsewhere): it cannot be verified, so it is refused without this; every other "
        "check still applies (names, sizes, zip bombs, staging, the data must load)",
    )
    return parser


def make_app(
    data: Path | None = None,
    *,
    now: datetime | None = None,
    clock: Callable[[], datetime] | None = None,
) -> App[None]:
    """Return the Companion app on the data folder ``data`` (shared by the CLI and the tests).

    ``now`` pins the clock (for repeatable tests and snapshots); ``clock`` gives
    a clock the caller can move (idle-lock tests). The folder's
    lock is taken here, before any screen: ``LockHeldError`` when another
    Companion has the folder open. The store itself is opened by the app,
    after its first frame.
    """
    # textual (~0.2 s) only when the app runs: `companion export` and the like do without.
    from companion.app import CompanionApp

    folder = prepare_data_folder(data_dir(data))
    lock = DataLock(folder).acquire()
    if clock is None and now is not None:
        clock = lambda: now  # noqa: E731
    return CompanionApp(Programme(folder, lock=lock, clock=clock, cache_curriculum=True))


def run_app(data: Path) -> int:
    """Open ``data`` (refusing a second instance with exit code 3) and run the app on it."""
    try:
        app = make_app(data)
    except LockHeldError as exc:
        print(f"companion: {exc}", file=sys.stderr)
        return EXIT_LOCKED
    quicken_thread_switching()
    app.run()
    error = getattr(app, "_exception", None)
    error = getattr(error, "original", error)  # one that renders itself (companion.app)
    if error is not None:
        from companion.crash import handle  # only after a crash

        return handle(error, data, sys.argv)
    return EXIT_OK


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit code (never a traceback for a disk problem)."""
    args = build_parser().parse_args(argv)
    try:
        return _dispatch(args)
    except OSError as exc:
        where = f" ({exc.filename})" if exc.filename else ""
        print(f"companion: {exc.strerror or exc}{where}", file=sys.stderr)
        return EXIT_PROBLEM
    except KeyboardInterrupt:
        return 130
    except Exception as exc:  # a bug: one line, a report, exit status 1
        from companion.crash import handle

        return handle(exc, _report_folder(args), list(sys.argv if argv is None else argv))
    finally:
        _print_warnings()


def _report_folder(args: argparse.Namespace) -> Path | None:
    """Return the data folder for a crash report, or None when it cannot be known."""
    try:
        return data_dir(args.data_dir)
    except Exception:
        return None


def _print_warnings() -> None:
    """Print the one-line warnings storage collected (folders others can read)."""
    from companion.storage import atomic

    for line in atomic.warnings:
        print(f"companion: warning: {line}", file=sys.stderr)
    atomic.warnings.clear()


def _dispatch(args: argparse.Namespace) -> int:
    # Each command is imported when chosen: storage and pydantic (~0.4 s) must not load
    # before the app's first frame (benchmarks/startup.py, dashboard frame).
    data = data_dir(args.data_dir)
    if args.command == "content":
        from companion.commands.content import check

        return check(args.path, data)
    if args.command == "demo":
        from companion.commands.demo import run_demo

        return run_demo(args.data_dir, None if args.no_open else run_app)
    if args.command == "export":
        from companion.commands.data import export

        if args.format == "anki":
            from companion.commands.cards import export_anki

            return export_anki(data, args.deck, args.output)
        if args.format == "ics":
            from companion.commands.calendar import export_ics

            return export_ics(data, args.output)
        if args.format == "csv" and not args.what:
            build_parser().error("--format csv needs --what sessions|log|actions")
        return export(
            data,
            args.format,
            args.output,
            args.include_private,
            args.what,
            args.raw,
            include_notes=args.include_notes,
        )
    if args.command == "import-cards":
        from companion.commands.cards import import_cards

        return import_cards(
            data, args.file, args.deck, args.audience, update_shipped=args.update_shipped
        )
    if args.command == "serve":
        from companion.commands.serve import run_serve

        return run_serve(data, host=args.host, port=args.port, open_browser=args.open)
    if args.command == "backup":
        from companion.commands.data import backup

        return backup(data, args.prune_plaintext)
    if args.command == "restore":
        from companion.commands.data import restore

        return restore(
            data, args.file, latest=args.latest, yes=args.yes, unverified=args.unverified
        )
    return run_app(data)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())

"""Exports, backups and restores from the command line (through the use-case layer)."""

from __future__ import annotations

import sys
from collections.abc import Callable
from datetime import date
from pathlib import Path

from companion.domain.base import ROLES, Role
from companion.programme.core import Programme
from companion.programme.exports import CsvRecords, PrivateTexts
from companion.storage.lock import DataLock, LockHeldError
from companion.storage.output import check_output_path, is_stdout, write_output
from companion.storage.restore import NoBackupError, restore_backup
from companion.storage.schema import InvalidFileError
from companion.storage.store import DataUnreadableError

EXIT_OK, EXIT_PROBLEM, EXIT_USAGE, EXIT_LOCKED = 0, 1, 2, 3


def _err(message: str) -> None:
    print(f"companion: {message}", file=sys.stderr)


def render(
    programme: Programme,
    fmt: str,
    include_private: bool,
    what: CsvRecords | None = None,
    today: date | None = None,
    raw: bool = False,
    *,
    include_notes: bool = False,
    private: PrivateTexts | None = None,
) -> str | None:
    """Return the export of ``programme`` as text, or None when there is nothing to report.

    Private notes and unshared check-in comments are left out unless
    ``include_private``, when they come from ``private`` (each person's
    decrypted notes). ``include_notes`` only concerns the Markdown report.
    """
    texts = (private or {}) if include_private else None
    exports = programme.exports
    if fmt == "json":
        return exports.json(texts)
    if fmt == "md":
        return exports.markdown(today, include_notes=include_notes, private=texts)
    return exports.csv(what or "sessions", texts, raw=raw)


def passphrase_reader() -> Callable[[Role, str], str]:
    """Return how passphrases are read: getpass on a terminal, else one line each from stdin."""
    if sys.stdin.isatty():
        import getpass

        return lambda role, name: getpass.getpass(f"Passphrase of {name} ({role}): ")
    line = 0

    def from_stdin(role: Role, name: str) -> str:
        nonlocal line
        line += 1
        text = sys.stdin.readline()
        if not text:
            raise EOFError(f"standard input ended before the passphrase of {name} (line {line})")
        return text.rstrip("\r\n")

    return from_stdin


def export(
    data: Path,
    fmt: str,
    output: str | None,
    include_private: bool,
    what: CsvRecords | None = None,
    raw: bool = False,
    *,
    include_notes: bool = False,
) -> int:
    """Write the journal in ``fmt`` (md, csv or json) to ``output`` or standard output.

    With ``include_private`` each person's passphrase is read first; a wrong one
    is exit 1 with nothing written.
    """
    if not is_stdout(output):
        check_output_path(Path(str(output)))  # refused before any work or passphrase
    try:
        programme = Programme.opened(data, readonly=True)
    except DataUnreadableError as exc:
        _err(str(exc))
        return EXIT_PROBLEM
    with programme:
        return _export(programme, data, fmt, output, include_private, what, raw, include_notes)


def _export(
    programme: Programme,
    data: Path,
    fmt: str,
    output: str | None,
    include_private: bool,
    what: CsvRecords | None,
    raw: bool,
    include_notes: bool,
) -> int:
    from companion.privacy import WrongPassphraseError

    private = None
    if include_private:
        try:
            private = programme.exports.private_texts(
                passphrase_reader(),
                lambda name: _err(
                    f"{name} has set no passphrase: their private notes are left out"
                ),
            )
        except WrongPassphraseError as exc:
            pair = programme.store.journal.pair()
            who = pair.person(exc.role).name if pair else exc.role
            _err(f"wrong passphrase for {who} ({exc.role}); nothing was written")
            return EXIT_PROBLEM
        except EOFError as exc:
            _err(f"{exc}; nothing was written")
            return EXIT_PROBLEM
    text = render(
        programme,
        fmt,
        include_private,
        what,
        raw=raw,
        include_notes=include_notes,
        private=private,
    )
    if text is None:
        _err(f"{data} holds no pair yet: nothing to report")
        return EXIT_PROBLEM
    if not is_stdout(output):
        write_output(Path(str(output)), text.encode("utf-8"))
        print(f"wrote {output}", file=sys.stderr)
    else:
        write_stdout(text)
    return EXIT_OK


def backup(data: Path, prune_plaintext: bool = False) -> int:
    """Take a backup of the data folder now (or, with ``prune_plaintext``, remove old ones).

    ``prune_plaintext`` deletes the backups that still hold private notes as
    plain text (those taken before the notes were encrypted) and takes none.
    """
    try:
        with Programme.opened(data, backup=False) as programme:
            for item in programme.recovered:
                _err(item.message())
            if programme.recovered:
                return EXIT_PROBLEM
            if prune_plaintext:
                return _prune(data, programme)
            made = programme.data.backup()
    except InvalidFileError as exc:
        _err(
            f"{exc.path}: {exc.why}. No backup was taken: a backup only holds a state that "
            "loads. Open the app to have it set aside."
        )
        return EXIT_PROBLEM
    except LockHeldError as exc:
        _err(f"{exc} (in the app: Settings, then 'Back up now')")
        return EXIT_LOCKED
    if made is None:
        _err(f"nothing to back up in {data}")
        return EXIT_PROBLEM
    print(f"backup written: {made}")
    return EXIT_OK


def _prune(data: Path, programme: Programme) -> int:
    from companion.domain.private import legacy_notes
    from companion.storage.plaintext import prune_plaintext_backups

    removed = prune_plaintext_backups(data)
    for path in removed:
        print(f"removed {path}")
    if not removed:
        print("no backup holds private notes as plain text")
    journal = programme.store.journal
    pair = journal.pair()
    for role in ROLES:
        if legacy_notes(journal.sessions(), journal.checkins(), role):
            who = pair.person(role).name if pair else role
            _err(
                f"the journal still holds {who}'s private notes as plain text until they "
                "unlock them once; backups taken before then will hold it too"
            )
    return EXIT_OK


def restore(
    data: Path, file: str | None, *, latest: bool, yes: bool = False, unverified: bool = False
) -> int:
    """Restore the data folder from the best recent backup or from ``file``, after confirmation.

    What the backup brings back is printed against what is there now; without
    ``--yes`` the user must confirm on a terminal (a script without ``--yes``
    is refused with exit status 2, so nothing is replaced unasked). A backup
    without a manifest is refused unless ``unverified`` (``--unverified``).
    """
    from companion.storage.interrupted import InterruptedRestoreError, recover_interrupted_restore
    from companion.storage.manifest import manifest_of
    from companion.storage.restore import RestoreError, check_backup, current_counts

    try:
        source = Programme(data).data.latest_backup() if latest else Path(file or "").expanduser()
        if not source.is_file():
            _err(f"{source} is not a file")
            return EXIT_PROBLEM
        with DataLock(data).acquire() as lock:
            if repaired := recover_interrupted_restore(data):
                print(repaired)
            checked = check_backup(source, data, unverified=unverified)
            incoming = checked.counts
            now = current_counts(data)
            if unverified and manifest_of(source) is None:
                _err(f"{source} has no manifest: it cannot be verified; every other check passed")
            print(f"{source.name} holds: {incoming.describe()}")
            print(f"{data} holds now: {now.describe()}")
            if not yes and not _confirm():
                return EXIT_USAGE if not sys.stdin.isatty() else EXIT_PROBLEM
            done = restore_backup(
                data, source, lock_held=lock.held, unverified=unverified, already=checked.validated
            )
    except NoBackupError as exc:
        _err(str(exc))
        return EXIT_PROBLEM
    except InvalidFileError as exc:
        why = exc.why if "nothing was changed" in exc.why else f"{exc.why}; nothing was changed"
        _err(f"{exc.path}: {why}")
        return EXIT_PROBLEM
    except (RestoreError, InterruptedRestoreError) as exc:
        _err(str(exc))
        return EXIT_PROBLEM
    except LockHeldError as exc:
        _err(str(exc))
        return EXIT_LOCKED
    print(f"restored {data} from {source.name}")
    if done.safety is not None:
        print(f"the data it replaced is kept in {done.safety}")
    return EXIT_OK


def _confirm() -> bool:
    """Ask on the terminal whether to go ahead; refuse when there is no terminal to ask on."""
    if not sys.stdin.isatty():
        _err("not restored: confirm on a terminal, or pass --yes to restore from a script")
        return False
    try:
        answer = input("Replace the data now with the backup? [y/N] ")
    except EOFError:
        answer = ""
    if answer.strip().lower() not in ("y", "yes"):
        _err("not restored; nothing was changed")
        return False
    return True


def write_stdout(text: str) -> None:
    """Write ``text`` to standard output as UTF-8, whatever the locale says."""
    sys.stdout.flush()
    sys.stdout.buffer.write(text.encode("utf-8"))
    sys.stdout.buffer.flush()

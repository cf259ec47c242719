"""``companion export``, ``backup`` and ``restore``."""

from __future__ import annotations

import sys
from collections.abc import Callable, Mapping
from datetime import UTC, date, datetime
from pathlib import Path

from companion.domain.base import ROLES, Role
from companion.domain.content import Lesson
from companion.domain.export import JournalExport
from companion.domain.pair import Pair
from companion.domain.private import with_private_text
from companion.storage.backups import take_backup
from companion.storage.lock import DataLock, LockHeldError
from companion.storage.restore import NoBackupError, latest_backup, restore_backup
from companion.storage.schema import InvalidFileError
from companion.storage.store import DataUnreadableError, Store

EXIT_OK, EXIT_PROBLEM, EXIT_USAGE, EXIT_LOCKED = 0, 1, 2, 3


def _err(message: str) -> None:
    print(f"companion: {message}", file=sys.stderr)


def render(
    data: Path,
    store: Store,
    fmt: str,
    include_private: bool,
    what: str | None = None,
    today: date | None = None,
    raw: bool = False,
    *,
    include_notes: bool = False,
    private: Mapping[Role, Mapping[str, str]] | None = None,
) -> str | None:
    """Return the export of ``store`` as text, or None when there is nothing to report.

    Private notes and unshared check-in comments are left out unless
    ``include_private``, when they come from ``private`` (each person's
    decrypted notes, see :func:`unlock_private`). ``include_notes`` only
    concerns the Markdown report (see :mod:`companion.domain.report`).
    """
    texts = private if include_private else None
    if fmt == "json":
        return _json(store, texts)
    from companion.curriculum.sources import load_for

    curriculum, _ = load_for(data / "content")
    if fmt == "md":
        pair = store.journal.pair()
        if pair is None:
            return None
        notes = include_notes or include_private
        return _markdown(store, pair, curriculum.lessons, texts, notes, today or date.today())
    return _csv(store, what or "sessions", curriculum.lessons, texts, raw)


def unlock_private(
    store: Store, passphrases: Callable[[Role, str], str]
) -> dict[Role, dict[str, str]]:
    """Return each person's decrypted private notes, asking ``passphrases(role, name)``.

    Only people who set a passphrase are asked (mentor first); raises
    WrongPassphraseError on a wrong one.
    """
    from companion.privacy import Vault, WrongPassphraseError

    vault = Vault(store.journal, migrate=False)
    pair = store.journal.pair()
    texts: dict[Role, dict[str, str]] = {}
    for role in ROLES:
        if not vault.has_passphrase(role):
            name = pair.person(role).name if pair else role
            _err(f"{name} has set no passphrase: their private notes are left out")
            continue
        name = pair.person(role).name if pair else role
        if not vault.unlock(role, passphrases(role, name)):
            raise WrongPassphraseError(role)
        texts[role] = vault.read_all(role)
    vault.lock_all()
    return texts


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
    what: str | None = None,
    raw: bool = False,
    *,
    include_notes: bool = False,
) -> int:
    """Write the journal in ``fmt`` (md, csv or json) to ``output`` or standard output.

    With ``include_private`` each person's passphrase is read first; a wrong one
    is exit 1 with nothing written.
    """
    from companion.privacy import WrongPassphraseError
    from companion.storage.output import check_output_path, is_stdout, write_output

    if not is_stdout(output):
        check_output_path(Path(str(output)))  # refused before any work or passphrase
    try:
        store = Store.open(data, readonly=True)
    except DataUnreadableError as exc:
        _err(str(exc))
        return EXIT_PROBLEM
    private = None
    if include_private:
        try:
            private = unlock_private(store, passphrase_reader())
        except WrongPassphraseError as exc:
            pair = store.journal.pair()
            who = pair.person(exc.role).name if pair else exc.role
            _err(f"wrong passphrase for {who} ({exc.role}); nothing was written")
            return EXIT_PROBLEM
        except EOFError as exc:
            _err(f"{exc}; nothing was written")
            return EXIT_PROBLEM
    text = render(
        data,
        store,
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


def _json(store: Store, private: Mapping[Role, Mapping[str, str]] | None) -> str:
    journal = store.journal
    sessions, checkins = with_private_text(journal.sessions(), journal.checkins(), private)
    document = JournalExport(
        exported_at=datetime.now(UTC),
        includes_private_notes=private is not None,
        pair=journal.pair(),
        settings=journal.settings(),
        goals=journal.goals(),
        sessions=sessions,
        actions=journal.actions(),
        checkins=checkins,
        log=journal.log_entries(),
        cards=store.cards.cards(),
        card_states=store.cards.states(),
        review_logs=store.reviews.logs(),
        skill_rounds=journal.skill_rounds(),
        expectations=journal.expectations(),
        wins=journal.wins(),
        pauses=journal.pauses(),
        reschedules=journal.reschedules(),
    )
    return document.to_json() + "\n"


def _markdown(
    store: Store,
    pair: Pair,
    lessons: Mapping[str, Lesson],
    private: Mapping[Role, Mapping[str, str]] | None,
    notes: bool,
    today: date,
) -> str:
    from companion.domain.report import ReportData, markdown_report

    journal = store.journal
    sessions, checkins = with_private_text(journal.sessions(), journal.checkins(), private)
    return markdown_report(
        ReportData(
            pair=pair,
            today=today,
            sessions=sessions,
            goals=journal.goals(),
            actions=journal.actions(),
            log=journal.log_entries(),
            checkins=checkins,
            states=store.cards.states(),
            reviews=store.reviews.logs(),
            lessons=lessons,
            include_notes=notes,
            include_private=private is not None,
            wins=journal.wins(),
            skill_rounds=journal.skill_rounds(),
        )
    )


def _csv(
    store: Store,
    what: str,
    lessons: Mapping[str, Lesson],
    private: Mapping[Role, Mapping[str, str]] | None,
    raw: bool = False,
) -> str:
    from companion.domain.csv_export import actions_csv, log_csv, sessions_csv

    journal = store.journal
    if what == "log":
        return log_csv(journal.log_entries(), raw)
    if what == "actions":
        return actions_csv(journal.actions(), journal.sessions(), raw)
    sessions, _ = with_private_text(journal.sessions(), [], private)
    return sessions_csv(sessions, journal.actions(), lessons, private is not None, raw)


def backup(data: Path, prune_plaintext: bool = False) -> int:
    """Take a backup of the data folder now (or, with ``prune_plaintext``, remove old ones).

    ``prune_plaintext`` deletes the backups that still hold private notes as
    plain text (those taken before the notes were encrypted) and takes none.
    """
    try:
        with Store.open(data, backup=False) as store:
            for item in store.recovered:
                _err(item.message())
            if store.recovered:
                return EXIT_PROBLEM
            if prune_plaintext:
                return _prune(data, store)
            made = take_backup(data)
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


def _prune(data: Path, store: Store) -> int:
    from companion.domain.private import legacy_notes
    from companion.storage.plaintext import prune_plaintext_backups

    removed = prune_plaintext_backups(data)
    for path in removed:
        print(f"removed {path}")
    if not removed:
        print("no backup holds private notes as plain text")
    journal = store.journal
    pair = journal.pair()
    for role in ROLES:
        if legacy_notes(journal.sessions(), journal.checkins(), role):
            who = pair.person(role).name if pair else role
            _err(
                f"the journal still holds {who}'s private notes as plain text until they "
                "unlock them once; backups taken before then will hold it too"
            )
    return EXIT_OK


def restore(data: Path, file: str | None, *, latest: bool, yes: bool = False) -> int:
    """Restore the data folder from the best recent backup or from ``file``, after confirmation.

    What the backup brings back is printed against what is there now; without
    ``--yes`` the user must confirm on a terminal (a script without ``--yes``
    is refused with exit status 2, so nothing is replaced unasked).
    """
    from companion.storage.restore import RestoreError, check_backup, current_counts

    try:
        source = latest_backup(data) if latest else Path(file or "").expanduser()
        if not source.is_file():
            _err(f"{source} is not a file")
            return EXIT_PROBLEM
        with DataLock(data).acquire() as lock:
            incoming = check_backup(source, data)
            now = current_counts(data)
            print(f"{source.name} holds: {incoming.describe()}")
            print(f"{data} holds now: {now.describe()}")
            if not yes and not _confirm():
                return EXIT_USAGE if not sys.stdin.isatty() else EXIT_PROBLEM
            done = restore_backup(data, source, lock_held=lock.held)
    except NoBackupError as exc:
        _err(str(exc))
        return EXIT_PROBLEM
    except InvalidFileError as exc:
        why = exc.why if "nothing was changed" in exc.why else f"{exc.why}; nothing was changed"
        _err(f"{exc.path}: {why}")
        return EXIT_PROBLEM
    except RestoreError as exc:
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

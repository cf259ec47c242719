"""The use-case layer on its own: what the program does, without a terminal."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from companion.domain.sessions import Reflection, Reflections
from companion.programme.core import Programme
from companion.programme.sessions import card_id_for
from companion.storage.lock import LockHeldError
from companion.storage.store import Store
from tests.apphelpers import NOW, TODAY, demo_folder
from tests.conftest import make_pair


def opened(folder: Path) -> Programme:
    return Programme.opened(folder, backup=False, clock=lambda: NOW)


def test_a_session_from_plan_to_wrap_up(data: Path) -> None:
    with opened(data) as programme:
        programme.journal.save_pair(make_pair())
        plan = programme.sessions.plan()
        assert plan.preselected and plan.reason  # the next-lesson rule picked one, and says why
        assert sum(item.minutes for item in plan.agenda) == 60
        session = programme.sessions.start(plan.preselected, plan.agenda)
        assert programme.sessions.open_session() == session
        card = programme.sessions.capture_term(
            {"term": "Zettel Box", "definition": "A box of linked notes", "audience": "mentee"},
            session.id,
        )
        again = programme.sessions.capture_term(
            {"term": "Zettel box", "definition": "Said twice", "audience": "mentee"}, session.id
        )
        assert (card.id, again.id) == ("zettel-box", "zettel-box-2")
        reflections = Reflections(mentor=Reflection(rating=5), mentee=Reflection(rating=4))
        programme.sessions.finish(session, reflections, date(2026, 12, 7), minutes=55)
        assert programme.sessions.open_session() is None
    with Store.open(data, readonly=True) as store:
        assert store.journal.session(session.id).status == "finished"
        assert [e.session_id for e in store.journal.log_entries()] == [session.id]
        assert store.journal.pair().next_session_on == date(2026, 12, 7)
        assert {c.id for c in store.cards.cards()} == {"zettel-box", "zettel-box-2"}


def test_deleting_a_session_takes_its_actions_and_log_entry(data: Path) -> None:
    demo_folder(data)
    with opened(data) as programme:
        finished = next(
            s
            for s in programme.sessions.all()
            if s.status == "finished" and programme.journal.actions(s.id)
        )
        assert programme.sessions.delete(finished.id)
        assert programme.sessions.get(finished.id) is None
        assert programme.journal.actions(finished.id) == []
        assert all(e.session_id != finished.id for e in programme.journal.log_entries())


def test_cards_twin_save_and_delete(data: Path) -> None:
    with opened(data) as programme:
        shipped = next(iter(programme.curriculum.cards.values()))
        values = {"term": shipped.term.upper(), "deck": shipped.deck}
        assert programme.cards.twin(values, None) == shipped
        assert programme.cards.twin(values, shipped) is None  # editing the card itself
        assert not programme.cards.can_delete(shipped)
        own = programme.cards.save(
            None,
            {"term": "Churn", "definition": "Customers who leave", "deck": "ours"}
            | {"audience": "mentor"},
        )
        assert programme.cards.can_delete(own) and programme.cards.get("churn") == own
        assert programme.cards.delete(own.id)
        assert programme.cards.get("churn") is None


def test_import_text_reports_progress_and_bad_rows(data: Path) -> None:
    text = "#separator:tab\nAlpha\tFirst letter\n\nBeta\tSecond letter\nno definition here\n"
    seen: list[tuple[int, int]] = []
    with opened(data) as programme:
        result = programme.cards.import_text(
            text, "deck.txt", deck="Greek", progress=lambda d, t: seen.append((d, t))
        )
        assert (result.added, result.updated) == (2, 0)
        assert [line for line, _ in result.problems] == [5]
        assert seen == [(3, 3)]  # rows handled: two stored, one skipped
        assert {c.term for c in programme.cards.all().values() if c.deck == "greek"} == {
            "Alpha",
            "Beta",
        }


def test_lesson_done_toggles_and_the_overview_counts_it(data: Path) -> None:
    with opened(data) as programme:
        programme.journal.save_pair(make_pair())
        lesson = programme.curriculum.ordered_lessons()[0]
        before = {m.id: p.done for m, p in programme.reports.overview().modules}
        assert programme.journal.toggle_lesson_done(lesson.id) is True
        after = {m.id: p.done for m, p in programme.reports.overview().modules}
        assert after[lesson.module] == before[lesson.module] + 1
        assert programme.journal.toggle_lesson_done(lesson.id) is False
        assert programme.journal.lesson_statuses()[lesson.id] == "not-started"


def test_reports_need_a_pair(data: Path) -> None:
    with opened(data) as programme:
        assert programme.reports.overview() is None
        assert programme.reports.challenges() == []
        assert programme.exports.markdown(today=TODAY) is None


def test_an_open_programme_holds_the_lock_and_restores_in_place(data: Path) -> None:
    demo_folder(data)
    with Programme.opened(data, clock=lambda: NOW) as programme:  # takes a backup
        backup = programme.data.backups()[-1]
        with pytest.raises(LockHeldError):
            Store.open(data)
        programme.journal.save_pair(make_pair(agreement=["Changed after the backup."]))
        programme.data.restore(backup)
        assert programme.ready
        assert programme.journal.pair().agreement != ["Changed after the backup."]
        with pytest.raises(LockHeldError):  # the lock was kept across the restore
            Store.open(data)
    Store.open(data).close()  # and released on close


def test_card_ids_are_kebab_case_and_unique() -> None:
    assert card_id_for("Return on Investment (ROI)", set()) == "return-on-investment-roi"
    assert card_id_for("ROI", {"roi", "roi-2"}) == "roi-3"
    assert card_id_for("!!!", set()) == "term"

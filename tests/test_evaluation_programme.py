"""The evaluation use cases (programme.evaluation) on a real data folder."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from companion.domain.expectations import ExpectationEntry
from companion.programme.core import Programme
from tests.apphelpers import NOW, TODAY, demo_folder
from tests.conftest import make_pair


def test_recording_wins_twice_adds_nothing_the_second_time(data: Path) -> None:
    with Programme.opened(demo_folder(data), clock=lambda: NOW) as programme:
        evaluation = programme.evaluation
        before = len(evaluation.wins())
        fresh = evaluation.record_wins()
        assert len(evaluation.wins()) == before + len(fresh)
        assert evaluation.record_wins() == []
        latest = evaluation.latest_wins(3)
        assert len(latest) == 3
        assert [w.on for w in latest] == sorted((w.on for w in latest), reverse=True)


def test_a_rating_round_is_kept_with_its_kind_and_shows_in_growth(data: Path) -> None:
    with Programme.opened(data, clock=lambda: NOW) as programme:
        programme.journal.save_pair(make_pair(started_on=date(2026, 11, 20)))
        evaluation = programme.evaluation
        assert evaluation.round_kind("mentee") == "onboarding"
        evaluation.rate("mentee", [("AI assistants", 2, "never tried"), ("Social media", 1, "")])
        assert evaluation.round_kind("mentee") == "adhoc"
        [change, _] = evaluation.growth("mentee")
        assert change.words() == "AI assistants: 2 → 2"
        assert evaluation.rounds()[0].on == TODAY
        assert evaluation.rounds()[0].kind == "onboarding"


def test_expectations_sharing_no_theme_suggest_the_playbook_entry(data: Path) -> None:
    with Programme.opened(data, clock=lambda: NOW) as programme:
        programme.journal.save_pair(make_pair(started_on=date(2026, 11, 20)))
        journal = programme.store.journal
        for role, themes in (("mentor", ["leadership"]), ("mentee", ["ai", "tools"])):
            journal.add_expectation(
                ExpectationEntry(role=role, on=TODAY, sentence="Something", themes=themes)
            )
        found = programme.evaluation.expectations()
        assert found is not None and found.view.shared == ()
        assert found.suggestion is not None
        entry, reason = found.suggestion
        assert entry.id == "goals-out-of-line"
        assert "share no theme" in reason


def test_trends_list_each_checkin_and_what_it_raised(data: Path) -> None:
    with Programme.opened(demo_folder(data), clock=lambda: NOW) as programme:
        trends = programme.evaluation.trends()
        assert len(trends.checkins) == 3
        assert [c.date for c in trends.checkins] == sorted(c.date for c in trends.checkins)
        speak = next(s for s in trends.series if s.question == "speak-freely")
        assert [p.score for p in speak.mentor] == [2, 2, 3]
        first = trends.checkins[0]
        assert any(r.question == "speak-freely" and r.score == 2 for r in trends.raised[first.id])

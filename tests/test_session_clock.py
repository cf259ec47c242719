"""The one session clock (domain/session_rules.py): running time, pauses left out."""

from __future__ import annotations

from companion.domain.session_rules import SessionClock


def test_the_clock_counts_running_time_and_leaves_pauses_out() -> None:
    clock = SessionClock()
    clock.start(100.0)
    assert clock.running and clock.elapsed(160.0) == 60.0
    clock.pause(160.0)
    assert not clock.running and clock.elapsed(10_000.0) == 60.0
    clock.start(1_000.0)
    assert int(clock.elapsed(1_030.5)) == 90
    clock.start(2_000.0)  # starting a running clock changes nothing
    assert clock.elapsed(1_030.0) == 90.0
    clock.pause(1_030.0)
    clock.pause(5_000.0)  # pausing a paused clock changes nothing
    assert clock.elapsed(9_999.0) == 90.0


def test_a_resumed_clock_keeps_its_time_and_never_runs_backwards() -> None:
    clock = SessionClock(base=600.0)
    clock.start(50.0)
    assert clock.elapsed(350.0) == 900.0
    assert clock.elapsed(10.0) == 600.0  # a reading before the start takes nothing off
    clock.pause(10.0)
    assert clock.elapsed(0.0) == 600.0


def test_each_agenda_part_is_timed_from_its_own_start() -> None:
    clock = SessionClock(base=60.0, segment_base=20.0)
    assert clock.segment_elapsed(0.0) == 20.0
    clock.start(0.0)
    clock.next_segment(40.0)
    assert clock.segment_elapsed(40.0) == 0.0
    assert clock.segment_elapsed(70.0) == 30.0 and clock.elapsed(70.0) == 130.0

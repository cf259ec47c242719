"""Problems in the pair's own content are named when the app starts, not only by `content check`."""

from __future__ import annotations

from pathlib import Path

from companion.curriculum.problems import Problem, own_content_notice
from tests.apphelpers import demo_folder, running, until
from tests.test_loader import MODULE, lesson, write


def test_the_notice_names_each_file_and_line_relative_to_the_data_folder(tmp_path: Path) -> None:
    content = tmp_path / "content"
    problems = [Problem.at(content / "01-a" / f"0{n}.md", n, f"problem {n}") for n in range(1, 6)]
    notice = own_content_notice(problems, content)
    assert notice is not None
    lines = notice.splitlines()
    assert lines[0] == "Your own content has 5 problems; what they affect was not loaded:"
    assert lines[1:4] == [f"content/01-a/0{n}.md:{n}: problem {n}" for n in range(1, 4)]
    assert lines[4] == "…and 2 more."
    assert "companion content check" in lines[5]


def test_no_notice_without_problems_inside_the_content_folder(tmp_path: Path) -> None:
    content = tmp_path / "content"
    # The folder itself as a link is already a warning when the data folder opens.
    itself = Problem.at(content, 1, "is a symbolic link; it was not read")
    elsewhere = Problem.at(tmp_path / "shipped" / "x.md", 1, "not ours")
    assert own_content_notice([itself, elsewhere], content) is None
    one = Problem.at(content / "01-a" / "x.md", 2, "bad")
    assert own_content_notice([itself, one], content) == (
        "Your own content has 1 problem; what they affect was not loaded:\n"
        "content/01-a/x.md:2: bad\n`companion content check` lists every problem."
    )


def demo_with_own_module(tmp_path: Path, **more: str) -> Path:
    """The demo pair with a module of its own holding one good lesson (and ``more`` files)."""
    folder = demo_folder(tmp_path / "data")
    files = {
        "05-sample/_module.md": MODULE.replace("order: 1", "order: 5"),
        "05-sample/01-good.md": lesson("good-one", terms="[]"),
    }
    write(folder / "content", files | {f"05-sample/{name}": text for name, text in more.items()})
    return folder


async def test_the_app_names_a_broken_lesson_when_it_starts(tmp_path: Path) -> None:
    bad = "---\nid: bad\ntitle: [unclosed\n---\nBody.\n"
    folder = demo_with_own_module(tmp_path, **{"02-[b]bad.md": bad})
    async with running(folder) as (app, pilot):

        def content_notices() -> list[str]:
            return [str(n.message) for n in app._notifications if n.title == "Content"]

        await until(pilot, lambda: bool(content_notices()))
        (message,) = content_notices()
        assert "content/05-sample/02-[b]bad.md:3: invalid YAML" in message  # brackets kept
        assert "good-one" in app.programme.curriculum.lessons  # the rest still loads
        notification = next(n for n in app._notifications if n.title == "Content")
        assert notification.markup is False and notification.severity == "warning"


async def test_a_small_terminal_gets_only_the_count(tmp_path: Path) -> None:
    bad = "---\nid: bad\ntitle: [unclosed\n---\nBody.\n"
    folder = demo_with_own_module(tmp_path, **{"02-bad.md": bad, "03-bad.md": bad})
    async with running(folder, size=(40, 12)) as (app, pilot):

        def content_notices() -> list[str]:
            return [str(n.message) for n in app._notifications if n.title == "Content"]

        await until(pilot, lambda: bool(content_notices()))
        assert content_notices() == [
            "Your own content has 2 problems; what they affect was not loaded. "
            "`companion content check` lists every problem."
        ]


async def test_no_content_notice_for_good_content(tmp_path: Path) -> None:
    folder = demo_with_own_module(tmp_path)
    async with running(folder) as (app, pilot):
        await until(pilot, lambda: app.lifecycle.is_open)
        await pilot.pause()
        assert "good-one" in app.programme.curriculum.lessons
        assert [n for n in app._notifications if n.title == "Content"] == []
